// The line-based lexers: INF values, .reg values, and any other file as text.
#include "lint/internal/lexer.hpp"

#include <algorithm>
#include <cstring>

#include <string>

#include "core/internal/text.hpp"
#include "lint/internal/sddl_heuristic.hpp"
#include "lint/internal/source_lines.hpp"

namespace secdesc::lint_detail {

using L = SourceLanguage;
using detail::is_alpha;
using detail::is_digit;

void Lexer::inf() {
  for (std::size_t line = 0; line < lines_.count(); ++line) {
    const std::size_t a = lines_.start(line), e = lines_.end(line);
    std::size_t equals = std::string_view::npos;
    bool in_quotes = false;
    std::size_t end = e;
    for (std::size_t k = a; k < e; ++k) {
      if (s_[k] == '"') in_quotes = !in_quotes;
      else if (!in_quotes && s_[k] == ';') { end = k; break; }
      else if (!in_quotes && s_[k] == '=' && equals == std::string_view::npos) equals = k;
    }
    for (std::size_t k = a; k < end; ++k) {
      if (s_[k] != '"') continue;
      std::size_t next = doubled_quote_string(k, k, '"', false);
      k = next > k ? next - 1 : k;
    }
    if (equals != std::string_view::npos) {
      std::size_t v = equals + 1;
      while (v < end && is_blank(s_[v])) ++v;
      if (v < end && s_[v] != '"') {
        std::size_t ve = v;
        while (ve < end && s_[ve] != ',') ++ve;
        bare_trimmed(v, ve);
      }
    }
  }
}

void Lexer::reg() {
  for (std::size_t line = 0; line < lines_.count(); ++line) {
    const std::size_t a = lines_.start(line), e = lines_.end(line);
    std::size_t p = a;
    while (p < e && is_blank(s_[p])) ++p;
    if (p >= e || s_[p] == ';' || s_[p] == '[') continue;
    if (s_[p] == '@') {
      ++p;
    } else if (s_[p] == '"') {
      ++p;
      while (p < e && s_[p] != '"') p += s_[p] == '\\' ? 2 : 1;
      if (p >= e) continue;
      ++p;
    } else {
      continue;
    }
    while (p < e && is_blank(s_[p])) ++p;
    if (p >= e || s_[p] != '=') continue;
    ++p;
    while (p < e && is_blank(s_[p])) ++p;
    if (p >= e || s_[p] != '"') continue;
    std::size_t k = p + 1;
    while (k < e && s_[k] != '"') k += s_[k] == '\\' ? 2 : 1;
    if (k >= e) continue;
    out_.literal(p, k + 1, p + 1, k, Escapes::reg, '"');
  }
}

// Any other file: quoted runs on one line, and bare words that start with a section tag.
void Lexer::text() {
  for (std::size_t line = 0; line < lines_.count(); ++line) {
    const std::size_t a = lines_.start(line), e = lines_.end(line);
    std::size_t k = a;
    while (k < e) {
      const char c = s_[k];
      const bool opens = c == '"' || c == '`' ||
                         (c == '\'' && (k == a || !detail::is_alpha(s_[k - 1])));
      if (opens) {
        std::size_t close = s_.substr(k + 1, e - k - 1).find(c);
        if (close != std::string_view::npos) {
          close += k + 1;
          out_.literal(k, close + 1, k + 1, close, Escapes::none, c);
          k = close + 1;
          continue;
        }
      }
      const char before = k == a ? ' ' : s_[k - 1];
      if (is_tag(c) && k + 1 < e && s_[k + 1] == ':' &&
          (is_blank(before) || before == '=' || before == '>' || before == '(' ||
           before == '[' || before == ',' || before == '|')) {
        const std::size_t start = k;
        std::size_t end = k;
        while (end < e && !is_blank(s_[end]) && s_[end] != '"' && s_[end] != '\'' &&
               s_[end] != '`' && s_[end] != '<')
          ++end;
        k = end;
        // Sentence punctuation and an unbalanced ')' after the string are not part of it.
        while (end > start) {
          const char last = s_[end - 1];
          if (last != '\0' && std::strchr(".,;:!?", last) != nullptr) {
            --end;
            continue;
          }
          if (last == ')') {
            const std::string_view run = s_.substr(start, end - start);
            if (std::count(run.begin(), run.end(), ')') > std::count(run.begin(), run.end(), '(')) {
              --end;
              continue;
            }
          }
          break;
        }
        out_.bare(start, end);
        continue;
      }
      ++k;
    }
  }
}

}  // namespace secdesc::lint_detail
