// Fixture (--explain-type golden): a #define used by name in a file mapping's attributes.
#define SDDL_SHARED_MEMORY L"D:P(A;;GA;;;SY)(A;;GR;;;IU)"

HANDLE MakeSection(SECURITY_ATTRIBUTES* attrs) {
  ConvertStringSecurityDescriptorToSecurityDescriptorW(SDDL_SHARED_MEMORY, SDDL_REVISION_1,
                                                       &attrs->lpSecurityDescriptor, nullptr);
  return CreateFileMappingW(INVALID_HANDLE_VALUE, attrs, PAGE_READWRITE, 0, 4096, nullptr);
}
