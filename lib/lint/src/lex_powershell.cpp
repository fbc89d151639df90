// The PowerShell lexer: block comments, here-strings, backtick escapes.
#include "lint/internal/lexer.hpp"

#include <string>

#include "core/internal/text.hpp"
#include "lint/internal/source_lines.hpp"

namespace secdesc::lint_detail {

using L = SourceLanguage;
using detail::is_alpha;
using detail::is_digit;

void Lexer::powershell() {
  std::size_t i = 0;
  while (i < n_) {
    const char c = s_[i];
    if (c == '#') {
      i = end_of_line(i);
    } else if (c == '<' && at(i, "<#")) {
      i = skip_block_comment(i + 2, "#>");
    } else if (c == '@' && i + 1 < n_ && (s_[i + 1] == '"' || s_[i + 1] == '\'')) {
      i = here_string(i);
    } else if (c == '\'') {
      i = doubled_quote_string(i, i, '\'', true);
    } else if (c == '"') {
      std::size_t k = i + 1;
      while (k < n_) {
        if (s_[k] == '`') {
          k += 2;
        } else if (s_[k] == '"') {
          if (k + 1 < n_ && s_[k + 1] == '"') k += 2;
          else break;
        } else {
          ++k;
        }
      }
      if (k >= n_) return;
      out_.literal(i, k + 1, i + 1, k, Escapes::powershell, '"');
      i = k + 1;
    } else {
      ++i;
    }
  }
}

// @' ... '@ and @" ... "@: the text is the lines between the opening and closing lines.
std::size_t Lexer::here_string(std::size_t i) {
  const char quote = s_[i + 1];
  const std::size_t eol = end_of_line(i);
  if (s_.substr(i + 2, eol - i - 2).find_first_not_of(" \t\r") != std::string_view::npos)
    return i + 2;
  if (eol >= n_) return n_;
  const std::size_t cb = eol + 1;
  std::size_t search = cb;
  for (;;) {
    std::size_t e = s_.find(std::string{quote, '@'}, search);
    if (e == std::string_view::npos) return n_;
    if (e == cb || s_[e - 1] == '\n') {
      std::size_t ce = e == cb ? cb : e - 1;
      if (ce > cb && s_[ce - 1] == '\r') --ce;
      const Escapes escapes = quote == '"' ? Escapes::powershell : Escapes::none;
      out_.literal(i, e + 2, cb, ce, escapes, quote);
      markup_attributes(cb, ce, escapes);
      return e + 2;
    }
    search = e + 1;
  }
}

}  // namespace secdesc::lint_detail
