// Fixture (--explain-type golden): a window station and a desktop for a sandboxed session, and
// an ALPC port.
HWINSTA MakeStation(SECURITY_ATTRIBUTES* sa) {
  ConvertStringSecurityDescriptorToSecurityDescriptorW(L"D:(A;;GA;;;SY)(A;;0x37F;;;BA)",
                                                       SDDL_REVISION_1,
                                                       &sa->lpSecurityDescriptor, nullptr);
  return CreateWindowStationW(L"SandboxStation", 0, WINSTA_ALL_ACCESS, sa);
}

HDESK MakeDesktop(SECURITY_ATTRIBUTES* sa) {
  ConvertStringSecurityDescriptorToSecurityDescriptorW(L"D:(A;;GA;;;SY)(A;;GR;;;AC)",
                                                       SDDL_REVISION_1,
                                                       &sa->lpSecurityDescriptor, nullptr);
  return CreateDesktopW(L"SandboxDesktop", nullptr, nullptr, 0, GENERIC_ALL, sa);
}

NTSTATUS MakePort(POBJECT_ATTRIBUTES attributes, PHANDLE port) {
  ConvertStringSecurityDescriptorToSecurityDescriptorW(L"D:(A;;0x1F0001;;;SY)(A;;0x1;;;AU)",
                                                       SDDL_REVISION_1,
                                                       &attributes->SecurityDescriptor,
                                                       nullptr);
  return NtAlpcCreatePort(port, attributes, nullptr);
}
