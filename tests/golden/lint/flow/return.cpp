// Fixture (--explain-type golden): a function returns the literal; its caller sets a key's DACL.
LPCWSTR KeySddl()
{
  return L"D:P(A;;KA;;;SY)(A;;KR;;;BU)";
}

void Protect(LPWSTR key_name) {
  PSECURITY_DESCRIPTOR sd = nullptr;
  ConvertStringSecurityDescriptorToSecurityDescriptorW(KeySddl(), SDDL_REVISION_1, &sd, nullptr);
  SetNamedSecurityInfoW(key_name, SE_REGISTRY_KEY, DACL_SECURITY_INFORMATION, nullptr, nullptr,
                        Dacl(sd), nullptr);
}
