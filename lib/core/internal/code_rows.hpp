// Internal: what the SDDL parser's canonical-ACE path looks up, as arrays indexed by code_key
// (text.hpp), so that each lookup is one load. Each is derived at compile time from its table,
// beside it; the tables stay the one place of each fact.
#pragma once

#include <array>
#include <cstdint>

#include "secdesc/access_mask.hpp"
#include "secdesc/sid.hpp"
#include "core/internal/text.hpp"

namespace secdesc::detail {

// The type value each ACE type code names when that type is plain (supported, no GUIDs, no
// application data, no claim) and allowed in the ACL; 0xFF otherwise. Indexed by AclKind, then
// code_key. lib/src/ace.cpp.
extern const std::array<std::array<std::uint8_t, kCodeKeys>, 2> plain_ace_type_by_key;
// The mask of each rights token; 0 where there is no token (none has an empty mask).
// lib/src/access_mask.cpp.
extern const std::array<AccessMask, kCodeKeys> rights_mask_by_key;
// The SID of each fixed-scope alias; null for domain-relative aliases and non-aliases.
// lib/src/well_known_sids.cpp.
extern const std::array<const Sid*, kCodeKeys> fixed_alias_sid_by_key;

}  // namespace secdesc::detail
