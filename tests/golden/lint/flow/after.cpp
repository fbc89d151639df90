// Fixture (--explain-type golden): the literal is written in the create call's arguments, and
// a descriptor set on a kernel object of no single type (no type, and why).
HANDLE MakeMutex() {
  return CreateMutexW(Attributes(L"D:(A;;GA;;;SY)(A;;GR;;;WD)"), FALSE, L"Local\\demo");
}

void Reset(HANDLE h) {
  PSECURITY_DESCRIPTOR sd = nullptr;
  ConvertStringSecurityDescriptorToSecurityDescriptorW(L"D:(A;;GA;;;SY)", 1, &sd, nullptr);
  SetKernelObjectSecurity(h, DACL_SECURITY_INFORMATION, sd);
}

const char* kUnused = "D:(A;;GA;;;BA)";
