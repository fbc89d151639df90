// secdesc::win: reading a kernel object's security back from Windows.
//
//   auto actual = secdesc::win::read_security(section.handle());
//   if (!actual) ...;  // Windows returned something secdesc cannot decode (see below)
//   if (auto diff = dacl_or_label_difference(sa.descriptor(), *actual, ObjectType::section)) ...;
#pragma once

#include <windows.h>

#include <cstddef>
#include <string_view>
#include <vector>

#include "secdesc/error.hpp"
#include "secdesc/security_descriptor.hpp"

namespace secdesc::win {

// Owner, group, DACL and mandatory label: everything a handle with READ_CONTROL may read. (Audit
// ACEs need ACCESS_SYSTEM_SECURITY, which needs SeSecurityPrivilege.)
inline constexpr SECURITY_INFORMATION kernel_object_security_parts =
    OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION |
    LABEL_SECURITY_INFORMATION;

// GetSecurityInfo(object, SE_KERNEL_OBJECT, parts) as self-relative bytes (made self-relative with
// MakeSelfRelativeSD if Windows hands back an absolute descriptor; Windows' buffer is freed with
// LocalFree here). Throws std::system_error with the Win32 code, e.g. "GetSecurityInfo(Local\\Foo)"
// (`object_name` only names the object in that message; empty: "kernel object handle").
std::vector<std::byte> read_security_bytes(HANDLE object,
                                           SECURITY_INFORMATION parts = kernel_object_security_parts,
                                           std::wstring_view object_name = {});

// The same, decoded. Win32 failures throw as above; bytes secdesc cannot decode (e.g. a
// conditional ACE someone else put there) come back as an Error, because an existing object's
// security is input we did not write.
Result<SecurityDescriptor> read_security(HANDLE object,
                                         SECURITY_INFORMATION parts = kernel_object_security_parts,
                                         std::wstring_view object_name = {});

}  // namespace secdesc::win
