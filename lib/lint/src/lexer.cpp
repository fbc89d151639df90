// The lexer driver: one lexer per language family, and the string forms several share.
#include "lint/internal/lexer.hpp"

#include <optional>

#include "core/internal/text.hpp"
#include "lint/internal/source_lines.hpp"

namespace secdesc::lint_detail {

using L = SourceLanguage;
using detail::is_alpha;
using detail::is_digit;

std::vector<Piece> lex_literals(std::string_view s, SourceLanguage language,
                                const LineIndex& lines) {
  return Lexer(s, language, lines).run();
}

std::vector<Piece> Lexer::run() {
  switch (language_) {
    case L::cpp:
    case L::csharp:
    case L::go: c_family(); break;
    case L::python: python(); break;
    case L::powershell: powershell(); break;
    case L::json: json(); break;
    case L::yaml: yaml(); break;
    case L::inf: inf(); break;
    case L::reg: reg(); break;
    case L::text: text(); break;
  }
  return out_.take();
}

// A quote doubled stands for itself: C# @"..", PowerShell '..', YAML '..', INF "..".
std::size_t Lexer::doubled_quote_string(std::size_t begin, std::size_t q, char quote, bool multiline) {
  std::size_t k = q + 1;
  while (k < n_) {
    if (s_[k] == quote) {
      if (k + 1 < n_ && s_[k + 1] == quote) {
        k += 2;
        continue;
      }
      break;
    }
    if (!multiline && s_[k] == '\n') return k;
    ++k;
  }
  if (k >= n_) return n_;
  out_.literal(begin, k + 1, q + 1, k, Escapes::doubled, quote);
  return k + 1;
}

void Lexer::markup_attributes(std::size_t cb, std::size_t ce, Escapes escapes) {
  if (s_.substr(cb, ce - cb).find('<') == std::string_view::npos) return;  // no markup
  for (std::size_t i = cb; i < ce; ++i) {
    if (s_[i] != '=') continue;
    std::size_t q = i + 1;
    while (q < ce && (s_[q] == ' ' || s_[q] == '\t')) ++q;
    if (q >= ce || (s_[q] != '"' && s_[q] != '\'')) continue;
    std::size_t k = q + 1;
    while (k < ce && s_[k] != s_[q] && s_[k] != '\n') ++k;
    if (k >= ce || s_[k] != s_[q]) continue;
    out_.embedded(q + 1, k, escapes, s_[q]);
    i = k;
  }
}

void Lexer::bare_trimmed(std::size_t b, std::size_t e) {
  while (e > b && is_blank(s_[e - 1])) --e;
  while (b < e && is_blank(s_[b])) ++b;
  if (b < e) out_.bare(b, e);
}

}  // namespace secdesc::lint_detail
