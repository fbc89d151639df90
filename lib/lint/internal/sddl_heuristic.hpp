// Internal to lint: the pieces of looks_like_sddl (lint_scanner.hpp), shared by the collector,
// which checks a literal's first characters before decoding it, and the text lexer.
#pragma once

#include <cstddef>
#include <string_view>

namespace secdesc::lint_detail {

// A section tag: O: G: D: S:.
constexpr bool is_tag(char c) noexcept { return c == 'O' || c == 'G' || c == 'D' || c == 'S'; }

// The index just past the parenthesised group that starts at t[open] ('('), with quoted
// strings skipped; npos when it is not closed.
std::size_t past_group(std::string_view t, std::size_t open) noexcept;

// "(X;.." with X one or two letters, then at least one more ';' before the closing ')'; or a
// conditional or resource-attribute ACE, whose 7th field is a parenthesised group:
// "(XA;;FR;;;WD;(...))".
bool has_closed_ace(std::string_view t) noexcept;

// { } % $ mark templates (format strings, interpolation), and placeholders (PASTE_SID in an
// ACE, <SID>), except inside the condition of a conditional ACE or the attribute of an RA ACE
// (parentheses two deep), where composites {...}, %xxxx escapes and such names are SDDL.
bool has_template_mark(std::string_view t) noexcept;

// Only sections, e.g. "O:BAG:SY", "D:P", "O:SYD:PAI": see looks_like_sddl.
bool is_bare_sections(std::string_view t) noexcept;

}  // namespace secdesc::lint_detail
