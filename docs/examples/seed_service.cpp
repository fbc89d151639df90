// The seed: a service that shares a section with interactive users, its SDDL written by hand.
// `sddl-lint docs/examples/seed_service.cpp` reviews it (README, "sddl-lint").
#include <windows.h>
#include <sddl.h>

HANDLE create_shared_section() {
  SECURITY_ATTRIBUTES sa{sizeof(sa), nullptr, FALSE};
  ConvertStringSecurityDescriptorToSecurityDescriptorW(
      // sddl-lint: object=section
      L"D:P(A;OICI;GA;;;SY)(A;OICI;GA;;;BA)(A;OICI;GRGW;;;IU)", SDDL_REVISION_1,
      &sa.lpSecurityDescriptor, nullptr);
  HANDLE section = CreateFileMappingW(INVALID_HANDLE_VALUE, &sa, PAGE_READWRITE, 0, 4096,
                                      L"Global\\SeedSection");
  LocalFree(sa.lpSecurityDescriptor);
  return section;
}
