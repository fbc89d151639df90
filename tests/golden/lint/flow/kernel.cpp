// Fixture (--explain-type golden): object-manager symbolic links and directories, and a token's
// own descriptor, each through its native create call.
void Create(HANDLE* link, HANDLE* dir, HANDLE* token, UNICODE_STRING* target)
{
    OBJECT_ATTRIBUTES attributes;
    PSECURITY_DESCRIPTOR sd = nullptr;
    ConvertStringSecurityDescriptorToSecurityDescriptorW(L"D:P(A;;GA;;;SY)(A;;GR;;;WD)", SDDL_REVISION_1, &sd, nullptr);
    InitializeObjectAttributes(&attributes, nullptr, 0, nullptr, sd);
    NtCreateSymbolicLinkObject(link, SYMBOLIC_LINK_ALL_ACCESS, &attributes, target);

    PSECURITY_DESCRIPTOR dirSd = nullptr;
    ConvertStringSecurityDescriptorToSecurityDescriptorW(L"D:P(A;;GA;;;SY)(A;;0x3;;;WD)", SDDL_REVISION_1, &dirSd, nullptr);
    InitializeObjectAttributes(&attributes, nullptr, 0, nullptr, dirSd);
    NtCreateDirectoryObject(dir, DIRECTORY_ALL_ACCESS, &attributes);

    PSECURITY_DESCRIPTOR tokenSd = nullptr;
    ConvertStringSecurityDescriptorToSecurityDescriptorW(L"D:P(A;;GA;;;SY)", SDDL_REVISION_1, &tokenSd, nullptr);
    InitializeObjectAttributes(&attributes, nullptr, 0, nullptr, tokenSd);
    NtCreateToken(token, TOKEN_ALL_ACCESS, &attributes, TokenPrimary, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
}
