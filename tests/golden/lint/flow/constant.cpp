// Fixture (--explain-type golden): a constant through Convert and SECURITY_ATTRIBUTES to a pipe;
// the CreateEventW written three lines above the literal does not decide its type.
HANDLE ready = CreateEventW(nullptr, TRUE, FALSE, nullptr);


static const wchar_t kPipeSddl[] = L"D:P(A;;GA;;;SY)(A;;GRGW;;;AU)";

HANDLE MakePipe() {
  PSECURITY_DESCRIPTOR sd = nullptr;
  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(kPipeSddl, SDDL_REVISION_1, &sd,
                                                            nullptr))
    return nullptr;
  SECURITY_ATTRIBUTES sa = {sizeof(sa), nullptr, FALSE};
  sa.lpSecurityDescriptor = sd;
  return CreateNamedPipeW(L"\\\\.\\pipe\\demo", PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, &sa);
}
