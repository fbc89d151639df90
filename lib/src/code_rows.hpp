// Internal: the rows of the letter-code tables by code_key, without copying them, for the SDDL
// parser's canonical-ACE path. Each is defined beside its table.
#pragma once

#include <cstdint>

#include "secdesc/access_mask.hpp"
#include "secdesc/ace.hpp"
#include "secdesc/sid.hpp"

namespace secdesc::detail {

// A table's rows and its code index (make_code_index), so that the lookups inline.
template <class Row>
struct CodeRows {
  const Row* rows;
  const std::uint8_t* index;  // kCodeKeys entries, 0xFF where no row has the code
  // `key` is a code_key (0 <= key < kCodeKeys); null when the table has no such code.
  const Row* find(int key) const noexcept {
    const std::uint8_t row = index[key];
    return row == 0xFF ? nullptr : rows + row;
  }
};
extern const CodeRows<AceTypeInfo> ace_type_rows;   // lib/src/ace.cpp
extern const CodeRows<RightsToken> rights_rows;     // lib/src/access_mask.cpp
extern const CodeRows<WellKnownSid> sid_alias_rows;  // lib/src/well_known_sids.cpp

// The ACE types that are supported in an ACL of this kind and plain (no GUIDs, no application
// data, no claim), as a bit set over the type values: the ones the canonical path reads.
std::uint32_t plain_ace_types(AclKind kind) noexcept;

}  // namespace secdesc::detail
