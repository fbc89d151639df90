// secdesc::win: does an object's security (read back from Windows) say what we asked for?
//
// Used when a name already exists (was it created with our DACL and label, or squatted?) and by
// services that verify what they created. Pure model code: no Win32 calls.
#pragma once

#include <optional>
#include <string>

#include "secdesc/object_type.hpp"
#include "secdesc/security_descriptor.hpp"

namespace secdesc::win {

// Nullopt when `actual` has the DACL and the mandatory label of `expected`; otherwise what differs
// first, in words and SDDL. Compared: the DACL's state (absent, NULL, present) and its ACEs in
// order (type, flags, SID, object GUIDs, and the mask after mapping generic rights with the
// type's GENERIC_MAPPING, because Windows stores GA as the type's specific rights); the first
// mandatory-label ACE (level, policy, flags), or its absence. Not compared: owner, group, ACL
// revision, control bits, other SACL ACEs (reading audit ACEs needs SeSecurityPrivilege).
std::optional<std::string> dacl_or_label_difference(const SecurityDescriptor& expected,
                                                    const SecurityDescriptor& actual,
                                                    ObjectType type);

}  // namespace secdesc::win
