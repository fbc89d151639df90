// Internal to lint: decoding a string literal's escapes, remembering for each decoded byte the
// file offset it came from (so that the parser's offsets map back to lines and columns).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace secdesc::lint_detail {

enum class Escapes : std::uint8_t {
  none,        // raw strings, plain scalars, text
  c,           // C and C++
  csharp,
  go,
  python,
  json,
  yaml,        // YAML double-quoted: JSON's escapes and more, line folding
  doubled,     // the quote written twice stands for one: C# @"", PowerShell '', YAML '', INF ""
  powershell,  // PowerShell "...": backtick escapes and ""
  reg,         // .reg values: \\ and \" only
};

// A literal (or several adjacent ones) decoded, with the file offset each decoded byte came from.
struct Piece {
  std::size_t begin = 0;  // first byte of the literal in the file (prefix or quote)
  std::size_t end = 0;    // one past its last byte
  std::string text;
  std::vector<std::uint32_t> offsets;  // one per byte of text, then the end of the content
};

// Decodes the content s[b, e) of a literal quoted with `quote` (escapes that double the quote
// need it) and appends it to `out`: the text, one offset per decoded byte (an escape's bytes all
// map to its backslash), then `e` as the end offset.
void decode_literal(std::string_view s, std::size_t b, std::size_t e, Escapes escapes, char quote,
                    Piece& out);

}  // namespace secdesc::lint_detail
