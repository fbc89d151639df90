// The data-file lexers: JSON string values (not keys) and YAML scalars (plain, quoted, block).
#include "lint/internal/lexer.hpp"

#include <optional>

#include "core/internal/text.hpp"
#include "lint/internal/source_lines.hpp"

namespace secdesc::lint_detail {

using L = SourceLanguage;
using detail::is_alpha;
using detail::is_digit;

void Lexer::json() {
  std::size_t i = 0;
  while (i < n_) {
    const char c = s_[i];
    if (c == '/' && at(i, "//")) {
      i = end_of_line(i);
    } else if (c == '/' && at(i, "/*")) {
      i = skip_block_comment(i + 2, "*/");
    } else if (c == '"') {
      std::size_t k = i + 1;
      while (k < n_ && s_[k] != '"' && s_[k] != '\n') k += s_[k] == '\\' ? 2 : 1;
      if (k >= n_ || s_[k] != '"') {
        i = k;
        continue;
      }
      std::size_t after = k + 1;
      while (after < n_ && is_space(s_[after])) ++after;
      if (after >= n_ || s_[after] != ':')  // keys are not values
        out_.literal(i, k + 1, i + 1, k, Escapes::json, '"');
      i = k + 1;
    } else {
      ++i;
    }
  }
}

// The end of a YAML quoted scalar starting at q (the closing quote), or npos.
std::size_t Lexer::yaml_quoted_end(std::size_t q) const noexcept {
  const char quote = s_[q];
  std::size_t k = q + 1;
  while (k < n_) {
    if (quote == '"' && s_[k] == '\\') {
      k += 2;
    } else if (s_[k] == quote) {
      if (quote == '\'' && k + 1 < n_ && s_[k + 1] == '\'') k += 2;
      else return k;
    } else {
      ++k;
    }
  }
  return std::string_view::npos;
}

void Lexer::yaml() {
  std::size_t line = 0;
  std::optional<std::size_t> block_indent;  // inside a | or > block scalar deeper than this
  while (line < lines_.count()) {
    const std::size_t a = lines_.start(line), e = lines_.end(line);
    std::size_t p = a;
    while (p < e && s_[p] == ' ') ++p;
    const std::size_t indent = p - a;
    ++line;
    if (block_indent) {
      if (p >= e) continue;
      if (indent > *block_indent) {
        bare_trimmed(p, e);
        continue;
      }
      block_indent.reset();
    }
    if (p >= e || s_[p] == '#' || at(p, "---") || at(p, "...")) continue;
    bool sequence = false;
    while (p < e && s_[p] == '-' && (p + 1 == e || s_[p + 1] == ' ')) {
      sequence = true;
      p += 1;
      while (p < e && s_[p] == ' ') ++p;
    }
    if (p >= e) continue;
    std::size_t v = p;
    if (s_[p] == '"' || s_[p] == '\'') {
      const std::size_t q_end = yaml_quoted_end(p);
      if (q_end == std::string_view::npos) return;
      std::size_t after = q_end + 1;
      while (after < e && s_[after] == ' ') ++after;
      if (q_end < e && after < e && s_[after] == ':') {
        v = after + 1;  // a quoted key; the value follows
      } else {
        yaml_quoted(p, q_end);
        line = lines_.line_of(q_end) + 1;
        continue;
      }
    } else {
      std::size_t colon = plain_key_colon(p, e);
      if (colon != std::string_view::npos)
        v = colon + 1;
      else if (!sequence)
        continue;  // a continuation line of a multi-line plain scalar: not scanned
    }
    while (v < e && s_[v] == ' ') ++v;
    // Tags and anchors before the value: !!str, &anchor.
    while (v < e && (s_[v] == '!' || s_[v] == '&')) {
      while (v < e && s_[v] != ' ') ++v;
      while (v < e && s_[v] == ' ') ++v;
    }
    if (v >= e || s_[v] == '#') continue;
    const char c = s_[v];
    if (c == '"' || c == '\'') {
      const std::size_t q_end = yaml_quoted_end(v);
      if (q_end == std::string_view::npos) return;
      yaml_quoted(v, q_end);
      line = lines_.line_of(q_end) + 1;
    } else if (c == '|' || c == '>') {
      block_indent = indent;
    } else if (c != '[' && c != '{' && c != '*') {
      std::size_t ve = v;
      while (ve < e && !(s_[ve] == '#' && s_[ve - 1] == ' ')) ++ve;
      bare_trimmed(v, ve);
    }
  }
}

void Lexer::yaml_quoted(std::size_t q, std::size_t q_end) {
  const char quote = s_[q];
  out_.literal(q, q_end + 1, q + 1, q_end, quote == '"' ? Escapes::yaml : Escapes::doubled,
               quote);
}

// A "key: value" separator: ':' followed by a space or the end of the line.
std::size_t Lexer::plain_key_colon(std::size_t p, std::size_t e) const noexcept {
  for (std::size_t k = p; k < e; ++k) {
    if (s_[k] == '#' && k > p && s_[k - 1] == ' ') break;
    if (s_[k] == ':' && (k + 1 == e || s_[k + 1] == ' ')) return k;
  }
  return std::string_view::npos;
}

}  // namespace secdesc::lint_detail
