// Internal: the numeric SID string parser shared by parse_sid and the SDDL parser.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "secdesc/error.hpp"
#include "secdesc/sid.hpp"
#include "secdesc/text_note.hpp"

namespace secdesc::detail {

// Parses all of `text` as S-1-...; `base` is added to error and note offsets; notes may be null.
Result<Sid> parse_numeric_sid(std::string_view text, std::size_t base, std::vector<TextNote>* notes);

// The well-known SID table's row for a two-letter alias (any case), or null: find_sid_alias
// without copying the row, for the parsers' per-ACE lookups.
const WellKnownSid* find_sid_alias_row(std::string_view alias) noexcept;

}  // namespace secdesc::detail
