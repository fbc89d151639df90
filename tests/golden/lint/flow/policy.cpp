// Fixture (--explain-type golden): a WIL-style COM server security policy (GetSDDLText), and a
// constant written in pieces with comments between them that reaches AttachVirtualDisk.
struct ServiceSecurityPolicy
{
    static LPCWSTR GetSDDLText()
    {
        // COM_RIGHTS_EXECUTE | COM_RIGHTS_EXECUTE_LOCAL | COM_RIGHTS_ACTIVATE_LOCAL
        return L"O:BAG:BAD:(A;;0xB;;;AU)(A;;0xB;;;SY)";
    }
};

static constexpr PCWSTR c_DiskSddl =
    // Owner and group: System
    L"O:SYG:SY"
    // System and Administrators only
    L"D:P(A;;GA;;;SY)(A;;GA;;;BA)";

void Attach(HANDLE disk)
{
    PSECURITY_DESCRIPTOR sd = nullptr;
    ConvertStringSecurityDescriptorToSecurityDescriptorW(c_DiskSddl, SDDL_REVISION_1, &sd, nullptr);
    AttachVirtualDisk(disk, sd, ATTACH_VIRTUAL_DISK_FLAG_PERMANENT_LIFETIME, 0, nullptr, nullptr);
}
