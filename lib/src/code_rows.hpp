// Internal: the rows of the letter-code tables by code_key, without copying them, for the SDDL
// parser's canonical-ACE path. Each is defined beside its table.
#pragma once

#include "secdesc/access_mask.hpp"
#include "secdesc/ace.hpp"
#include "secdesc/sid.hpp"

namespace secdesc::detail {

// `key` is a code_key (0 <= key < kCodeKeys); null when the table has no such code.
const AceTypeInfo* ace_type_row(int key) noexcept;
const RightsToken* rights_row(int key) noexcept;
const WellKnownSid* sid_alias_row(int key) noexcept;

}  // namespace secdesc::detail
