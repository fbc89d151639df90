// Fixture (--explain-type golden): go-winio's PipeConfig carries a named pipe's SDDL to
// ListenPipe.
package server

func listen() (net.Listener, error) {
	c := winio.PipeConfig{
		SecurityDescriptor: "D:P(A;;GA;;;SY)(A;;GRGW;;;AU)",
	}
	return winio.ListenPipe(`\\.\pipe\ops`, &c)
}
