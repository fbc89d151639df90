// Fixture (--explain-type golden): an ETW provider GUID's descriptor.
DWORD AllowLogging(LPWSTR provider_guid) {
  PSECURITY_DESCRIPTOR sd = nullptr;
  ConvertStringSecurityDescriptorToSecurityDescriptorW(L"D:(A;;0x1800;;;LS)(A;;0x121FFF;;;SY)",
                                                       SDDL_REVISION_1, &sd, nullptr);
  return SetNamedSecurityInfoW(provider_guid, SE_WMIGUID_OBJECT, DACL_SECURITY_INFORMATION,
                               nullptr, nullptr, Dacl(sd), nullptr);
}
