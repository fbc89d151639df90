// The Python lexer: prefixes, triple-quoted and raw strings.
#include "lint/internal/lexer.hpp"

#include <string>

#include "core/internal/text.hpp"
#include "lint/internal/source_lines.hpp"

namespace secdesc::lint_detail {

using L = SourceLanguage;
using detail::is_alpha;
using detail::is_digit;

void Lexer::python() {
  std::size_t i = 0;
  while (i < n_) {
    const char c = s_[i];
    if (c == '#') {
      i = end_of_line(i);
    } else if (is_ident_start(c)) {
      std::size_t j = i;
      while (j < n_ && is_ident_char(s_[j])) ++j;
      std::string w(s_.substr(i, j - i));
      for (char& ch : w) ch = detail::ascii_lower(ch);
      const bool prefix = w == "r" || w == "u" || w == "b" || w == "f" || w == "rb" ||
                          w == "br" || w == "fr" || w == "rf";
      if (prefix && j < n_ && (s_[j] == '"' || s_[j] == '\''))
        i = python_string(i, j, w.find('r') != std::string::npos);
      else
        i = j;
    } else if (c == '"' || c == '\'') {
      i = python_string(i, i, false);
    } else {
      ++i;
    }
  }
}

std::size_t Lexer::python_string(std::size_t begin, std::size_t q, bool raw) {
  const char quote = s_[q];
  const std::string triple(3, quote);
  const bool is_triple = at(q, triple);
  const std::size_t open = is_triple ? 3 : 1;
  std::size_t k = q + open;
  while (k < n_) {
    if (s_[k] == '\\') {
      k += 2;
      continue;
    }
    if (is_triple ? at(k, triple) : s_[k] == quote) break;
    if (!is_triple && s_[k] == '\n') return k;
    ++k;
  }
  if (k >= n_) return n_;
  out_.literal(begin, k + open, q + open, k, raw ? Escapes::none : Escapes::python, quote);
  if (is_triple) markup_attributes(q + open, k, raw ? Escapes::none : Escapes::python);
  return k + open;
}

}  // namespace secdesc::lint_detail
