// Internal to lint: the lexers, one per language family. They know only what they need to find
// strings reliably: comments (so that quotes in them do not start strings), character literals
// and numbers (C++ digit separators), raw and verbatim strings, and which literals a language
// joins when they are adjacent. Each family's members are defined in its own lex_*.cpp.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

#include "secdesc/lint_scanner.hpp"
#include "lint/internal/literal_collector.hpp"
#include "lint/internal/literal_decoder.hpp"

namespace secdesc::lint_detail {

class LineIndex;

// The literals of `s` that look like SDDL, decoded, in file order.
std::vector<Piece> lex_literals(std::string_view s, SourceLanguage language,
                                const LineIndex& lines);

class Lexer {
 public:
  Lexer(std::string_view s, SourceLanguage language, const LineIndex& lines)
      : s_(s), n_(s.size()), language_(language), lines_(lines), out_(s, language) {}

  std::vector<Piece> run();

 private:
  std::size_t end_of_line(std::size_t i) const noexcept {
    std::size_t e = s_.find('\n', i);
    return e == std::string_view::npos ? n_ : e;
  }
  bool at(std::size_t i, std::string_view what) const noexcept {
    return s_.substr(std::min(i, n_)).starts_with(what);
  }
  std::size_t skip_block_comment(std::size_t i, std::string_view close) const noexcept {
    std::size_t e = s_.find(close, i);
    return e == std::string_view::npos ? n_ : e + close.size();
  }

  // C, C++, C# and Go (lex_c_family.cpp).
  void c_family();
  // "..." with backslash escapes, on one line (a backslash-newline continues it).
  std::size_t escaped_string(std::size_t begin, std::size_t q, Escapes escapes);
  // R"delim( ... )delim"
  std::size_t cpp_raw_string(std::size_t begin, std::size_t q);
  // C# 11 raw strings: three or more quotes, closed by as many.
  std::size_t csharp_raw_string(std::size_t begin, std::size_t q);
  std::size_t skip_char_literal(std::size_t q) const noexcept;
  // A preprocessing number, with C++14 digit separators (1'000) and exponent signs.
  std::size_t skip_number(std::size_t i) const noexcept;

  // Python (lex_python.cpp).
  void python();
  std::size_t python_string(std::size_t begin, std::size_t q, bool raw);

  // PowerShell (lex_powershell.cpp).
  void powershell();
  // @' ... '@ and @" ... "@: the text is the lines between the opening and closing lines.
  std::size_t here_string(std::size_t i);

  // JSON and YAML (lex_json_yaml.cpp).
  void json();
  // The end of a YAML quoted scalar starting at q (the closing quote), or npos.
  std::size_t yaml_quoted_end(std::size_t q) const noexcept;
  void yaml();
  void yaml_quoted(std::size_t q, std::size_t q_end);
  // A "key: value" separator: ':' followed by a space or the end of the line.
  std::size_t plain_key_colon(std::size_t p, std::size_t e) const noexcept;

  // INF, .reg and text (lex_inf_reg_text.cpp).
  void inf();
  void reg();
  // Any other file: quoted runs on one line, and bare words that start with a section tag.
  void text();

  // Shared by several languages (lexer.cpp).
  // A quote doubled stands for itself: C# @"..", PowerShell '..', YAML '..', INF "..".
  std::size_t doubled_quote_string(std::size_t begin, std::size_t q, char quote, bool multiline);
  void bare_trimmed(std::size_t b, std::size_t e);
  // Markup inside a multi-line literal [cb, ce): each attribute value (name="..." or name='...',
  // on one line) is a candidate of its own, since the literal as a whole is not SDDL
  // (<Security Sddl="O:NSG:BAD:P(...)"/> in a PowerShell here-string or a Python triple-quoted
  // string).
  void markup_attributes(std::size_t cb, std::size_t ce, Escapes escapes);

  std::string_view s_;
  std::size_t n_;
  SourceLanguage language_;
  const LineIndex& lines_;
  Collector out_;
};

}  // namespace secdesc::lint_detail
