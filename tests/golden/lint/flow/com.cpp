// Fixture (--explain-type golden): COM access permissions, process-wide and an AppID's.
HRESULT InitSecurity() {
  PSECURITY_DESCRIPTOR sd = nullptr;
  // COM_RIGHTS_EXECUTE | EXECUTE_LOCAL | ACTIVATE_LOCAL for Everyone: not a write.
  ConvertStringSecurityDescriptorToSecurityDescriptorW(L"O:BAG:BAD:(A;;0xB;;;WD)(A;;0x1F;;;SY)",
                                                       SDDL_REVISION_1, &sd, nullptr);
  return CoInitializeSecurity(sd, -1, nullptr, nullptr, RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
                              RPC_C_IMP_LEVEL_IDENTIFY, nullptr, EOAC_NONE, nullptr);
}

static const wchar_t kLaunch[] = L"O:BAG:BAD:(A;;CCDCLCSW;;;IU)(A;;CCDCLCSWRP;;;SY)";

LSTATUS SetLaunchPermission(HKEY appid) {
  PSECURITY_DESCRIPTOR sd = nullptr;
  ULONG size = 0;
  ConvertStringSecurityDescriptorToSecurityDescriptorW(kLaunch, SDDL_REVISION_1, &sd, &size);
  return RegSetValueExW(appid, L"LaunchPermission", 0, REG_BINARY,
                        static_cast<const BYTE*>(sd), size);
}
