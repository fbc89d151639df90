// Internal: characters pasted from web pages and word processors that look like SDDL's ASCII
// punctuation but are not it. The parser names them in its error, since the text looks right.
// Names from the Unicode Character Database (UnicodeData.txt).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace secdesc::detail {

struct Lookalike {
  std::string_view utf8;  // the character, UTF-8
  char32_t code_point;
  std::string_view name;
  char ascii;  // what it imitates
};

inline constexpr std::array<Lookalike, 16> kLookalikes{{
    {"\u2010", 0x2010, "HYPHEN", '-'},
    {"\u2011", 0x2011, "NON-BREAKING HYPHEN", '-'},
    {"\u2012", 0x2012, "FIGURE DASH", '-'},
    {"\u2013", 0x2013, "EN DASH", '-'},
    {"\u2014", 0x2014, "EM DASH", '-'},
    {"\u2212", 0x2212, "MINUS SIGN", '-'},
    {"\u201C", 0x201C, "LEFT DOUBLE QUOTATION MARK", '"'},
    {"\u201D", 0x201D, "RIGHT DOUBLE QUOTATION MARK", '"'},
    {"\u201E", 0x201E, "DOUBLE LOW-9 QUOTATION MARK", '"'},
    {"\u2018", 0x2018, "LEFT SINGLE QUOTATION MARK", '\''},
    {"\u2019", 0x2019, "RIGHT SINGLE QUOTATION MARK", '\''},
    {"\u00A0", 0x00A0, "NO-BREAK SPACE", ' '},
    {"\u037E", 0x037E, "GREEK QUESTION MARK", ';'},
    {"\uFF08", 0xFF08, "FULLWIDTH LEFT PARENTHESIS", '('},
    {"\uFF09", 0xFF09, "FULLWIDTH RIGHT PARENTHESIS", ')'},
    {"\uFF1A", 0xFF1A, "FULLWIDTH COLON", ':'},
}};

struct FoundLookalike {
  std::size_t offset;  // bytes into the text
  const Lookalike* what;
};

// The first look-alike in `text`, or nullopt.
inline std::optional<FoundLookalike> find_lookalike(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) < 0x80) continue;
    for (const auto& l : kLookalikes)
      if (text.substr(i).starts_with(l.utf8)) return FoundLookalike{i, &l};
  }
  return std::nullopt;
}

}  // namespace secdesc::detail
