// The C family lexer: C, C++ (prefixes, raw strings, digit separators), C# (verbatim, interpolated
// and raw strings) and Go (raw strings).
#include "lint/internal/lexer.hpp"

#include <string>

#include "core/internal/text.hpp"
#include "lint/internal/source_lines.hpp"

namespace secdesc::lint_detail {

using L = SourceLanguage;
using detail::is_alpha;
using detail::is_digit;

// C, C++, C# and Go.
void Lexer::c_family() {
  const bool cpp = language_ == L::cpp, cs = language_ == L::csharp, go = language_ == L::go;
  const Escapes escapes = cs ? Escapes::csharp : go ? Escapes::go : Escapes::c;
  std::size_t i = 0;
  while (i < n_) {
    const char c = s_[i];
    if (c == '/' && at(i, "//")) {
      i = end_of_line(i);
    } else if (c == '/' && at(i, "/*")) {
      i = skip_block_comment(i + 2, "*/");
    } else if (is_ident_start(c)) {
      std::size_t j = i;
      while (j < n_ && is_ident_char(s_[j])) ++j;
      const std::string_view w = s_.substr(i, j - i);
      const bool prefix = w == "L" || w == "u" || w == "U" || w == "u8";
      if (cpp && j < n_ && s_[j] == '"' &&
          (w == "R" || w == "LR" || w == "uR" || w == "UR" || w == "u8R")) {
        i = cpp_raw_string(i, j);
      } else if (cpp && j < n_ && s_[j] == '"' && prefix) {
        i = escaped_string(i, j, escapes);
      } else if (cpp && j < n_ && s_[j] == '\'' && prefix) {
        i = skip_char_literal(j);
      } else {
        i = j;
      }
    } else if (is_digit(c)) {
      i = skip_number(i);
    } else if (c == '"') {
      i = cs && at(i, "\"\"\"") ? csharp_raw_string(i, i) : escaped_string(i, i, escapes);
    } else if (c == '\'') {
      i = skip_char_literal(i);
    } else if (go && c == '`') {
      std::size_t e = s_.find('`', i + 1);
      if (e == std::string_view::npos) return;
      out_.literal(i, e + 1, i + 1, e, Escapes::none, '`');
      i = e + 1;
    } else if (cs && (c == '@' || c == '$')) {
      std::size_t j = i;
      bool verbatim = false;
      while (j < n_ && (s_[j] == '@' || s_[j] == '$')) verbatim |= s_[j++] == '@';
      if (j < n_ && s_[j] == '"' && !at(j, "\"\"\"") && verbatim) {
        const std::size_t end = doubled_quote_string(i, j, '"', true);
        if (end > j + 1 && s_[end - 1] == '"') markup_attributes(j + 1, end - 1, Escapes::doubled);
        i = end;
      } else if (j < n_ && s_[j] == '"')
        i = at(j, "\"\"\"") ? csharp_raw_string(i, j) : escaped_string(i, j, escapes);
      else
        i = j;
    } else {
      ++i;
    }
  }
}

// "..." with backslash escapes, on one line (a backslash-newline continues it).
std::size_t Lexer::escaped_string(std::size_t begin, std::size_t q, Escapes escapes) {
  std::size_t k = q + 1;
  while (k < n_ && s_[k] != '"') {
    if (s_[k] == '\\') {
      k += 2;
      continue;
    }
    if (s_[k] == '\n') return k;  // unterminated: not a literal
    ++k;
  }
  if (k >= n_) return n_;
  out_.literal(begin, k + 1, q + 1, k, escapes, '"');
  return k + 1;
}

// R"delim( ... )delim"
std::size_t Lexer::cpp_raw_string(std::size_t begin, std::size_t q) {
  std::size_t open = q + 1;
  while (open < n_ && open - q <= 17 && s_[open] != '(' && s_[open] != ')' &&
         s_[open] != '\\' && !is_space(s_[open]) && s_[open] != '"')
    ++open;
  if (open >= n_ || s_[open] != '(') return q + 1;
  std::string close = ")";
  close.append(s_.substr(q + 1, open - q - 1));
  close += '"';
  std::size_t e = s_.find(close, open + 1);
  if (e == std::string_view::npos) return n_;
  out_.literal(begin, e + close.size(), open + 1, e, Escapes::none, '"');
  return e + close.size();
}

// C# 11 raw strings: three or more quotes, closed by as many.
std::size_t Lexer::csharp_raw_string(std::size_t begin, std::size_t q) {
  std::size_t m = 0;
  while (q + m < n_ && s_[q + m] == '"') ++m;
  const std::string close(m, '"');
  std::size_t e = s_.find(close, q + m);
  if (e == std::string_view::npos) return n_;
  std::size_t cb = q + m, ce = e;
  // A multi-line raw string starts after its first line break and ends before its last.
  if (s_.substr(cb, ce - cb).find('\n') != std::string_view::npos) {
    std::size_t first = s_.find('\n', cb);
    if (s_.substr(cb, first - cb).find_first_not_of(" \t\r") == std::string_view::npos)
      cb = first + 1;
    std::size_t last = s_.rfind('\n', ce);
    if (last != std::string_view::npos && last >= cb &&
        s_.substr(last, ce - last).find_first_not_of(" \t\r\n") == std::string_view::npos) {
      ce = last;
      if (ce > cb && s_[ce - 1] == '\r') --ce;
      while (cb < ce && is_blank(s_[cb])) ++cb;
    }
  }
  out_.literal(begin, e + m, cb, ce, Escapes::none, '"');
  markup_attributes(cb, ce, Escapes::none);
  return e + m;
}

std::size_t Lexer::skip_char_literal(std::size_t q) const noexcept {
  std::size_t k = q + 1;
  if (k < n_ && s_[k] == '\\') k += 2;
  for (std::size_t limit = k + 10; k < n_ && k < limit && s_[k] != '\n'; ++k)
    if (s_[k] == '\'') return k + 1;
  return q + 1;
}

// A preprocessing number, with C++14 digit separators (1'000) and exponent signs.
std::size_t Lexer::skip_number(std::size_t i) const noexcept {
  std::size_t k = i + 1;
  while (k < n_) {
    const char c = s_[k];
    if (is_ident_char(c) || c == '.') {
      ++k;
    } else if (c == '\'' && k + 1 < n_ && is_ident_char(s_[k + 1])) {
      ++k;
    } else if ((c == '+' || c == '-') &&
               (s_[k - 1] == 'e' || s_[k - 1] == 'E' || s_[k - 1] == 'p' || s_[k - 1] == 'P')) {
      ++k;
    } else {
      break;
    }
  }
  return k;
}

}  // namespace secdesc::lint_detail
