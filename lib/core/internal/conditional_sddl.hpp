// Internal: the SDDL grammar of conditional expressions and resource attributes (MS-DTYP
// 2.5.1.1), shared by the SDDL parser (7th ACE field) and the public parse/format functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "secdesc/claim.hpp"
#include "secdesc/conditional.hpp"
#include "secdesc/error.hpp"
#include "secdesc/sid.hpp"

namespace secdesc::detail {

// Parses "(cond-expr)" starting at text[pos] (spaces first are skipped); on success `pos` is one
// past the closing ')'. Offsets in errors are into `text`.
Result<ConditionalExpression> parse_sddl_condition(std::string_view text, std::size_t& pos,
                                                   const SidContext& context);

// Parses ("name",TYPE,flags,value,...) starting at text[pos]; `pos` ends one past the ')'.
Result<Claim> parse_sddl_resource_attribute(std::string_view text, std::size_t& pos,
                                            const SidContext& context);

// Writes an attribute or claim name, characters outside the SDDL attribute set as %xxxx.
// `local` selects the narrower set of a local (unprefixed) attribute name.
std::string escape_attribute_name(std::u16string_view name, bool local);

// An attribute name for prose (explanations, lint messages): the name as UTF-8, or, when it holds
// an unpaired UTF-16 surrogate that UTF-8 cannot carry, its SDDL form with %xxxx escapes, so
// the text stays valid UTF-8 (docs/sddl.md, "Output rule").
std::string attribute_name_text(std::u16string_view name, bool local);

}  // namespace secdesc::detail
