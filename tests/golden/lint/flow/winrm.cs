// Fixture (--explain-type golden): a session configuration cmdlet's default SDDL. The constant
// reaches WinRM through generated script text, which the flow cannot follow: the file says the
// type (it configures WinRM endpoints).
[Cmdlet(VerbsLifecycle.Register, "PSSessionConfiguration")]
public sealed class RegisterEndpointCommand : PSCmdlet
{
    private const string remoteSddl = "O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)";

    internal static string GetSddl()
    {
        return remoteSddl;
    }
}
