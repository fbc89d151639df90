// The SDDL heuristic: which decoded strings are SDDL (looks_like_sddl) and its pieces.
#include "lint/internal/sddl_heuristic.hpp"

#include "secdesc/lint_scanner.hpp"
#include "secdesc/sid.hpp"
#include "core/internal/text.hpp"

namespace secdesc {
namespace lint_detail {

using detail::is_alpha;
using detail::is_digit;

std::size_t past_group(std::string_view t, std::size_t open) noexcept {
  std::size_t depth = 0;
  bool quoted = false;
  for (std::size_t i = open; i < t.size(); ++i) {
    if (t[i] == '"') quoted = !quoted;
    if (quoted) continue;
    if (t[i] == '(') ++depth;
    if (t[i] == ')' && --depth == 0) return i + 1;
  }
  return std::string_view::npos;
}

bool has_closed_ace(std::string_view t) noexcept {
  for (std::size_t open = t.find('('); open != std::string_view::npos;
       open = t.find('(', open + 1)) {
    std::size_t i = open + 1;
    while (i < t.size() && t[i] == ' ') ++i;
    std::size_t letters = 0;
    while (i < t.size() && is_alpha(t[i]) && letters < 3) ++i, ++letters;
    while (i < t.size() && t[i] == ' ') ++i;
    if (letters == 0 || letters > 2 || i >= t.size() || t[i] != ';') continue;
    std::size_t semicolons = 1;
    for (++i; i < t.size() && t[i] != ')' && t[i] != '('; ++i)
      if (t[i] == ';') ++semicolons;
    if (semicolons >= 2 && i < t.size() && t[i] == ')') return true;
    if (semicolons == 6 && i < t.size() && t[i] == '(') {
      std::size_t k = past_group(t, i);
      while (k < t.size() && t[k] == ' ') ++k;
      if (k < t.size() && t[k] == ')') return true;
    }
  }
  return false;
}

bool has_template_mark(std::string_view t) noexcept {
  std::size_t depth = 0;
  bool quoted = false;
  for (char c : t) {
    if (c == '"' && depth >= 2) quoted = !quoted;
    if (quoted) continue;
    if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
    else if ((c == '{' || c == '}' || c == '%' || c == '$') && depth < 2) return true;
    // A placeholder for the reader to replace (PASTE_SID, <SID>): no SID, alias, right or GUID
    // in an ACE holds '_' (outside ACEs, NO_ACCESS_CONTROL does), and nothing outside a
    // condition holds '<' or '>'.
    else if ((c == '_' && depth == 1) || ((c == '<' || c == '>') && depth < 2)) return true;
  }
  return false;
}

bool is_bare_sections(std::string_view t) noexcept {
  std::size_t i = 0;
  bool any_body = false;
  while (i < t.size()) {
    if (t[i] == ' ') {
      ++i;
      continue;
    }
    if (i + 1 >= t.size() || !is_tag(t[i]) || t[i + 1] != ':') return false;
    const char tag = t[i];
    i += 2;
    const std::size_t body = i;
    if (tag == 'O' || tag == 'G') {
      if (t.substr(i).starts_with("S-1-")) {
        i += 4;
        while (i < t.size() && (is_digit(t[i]) || t[i] == '-')) ++i;
      } else if (i + 1 < t.size() && detail::ascii_upper(t[i]) == t[i] && is_alpha(t[i]) &&
                 detail::ascii_upper(t[i + 1]) == t[i + 1] && is_alpha(t[i + 1]) &&
                 find_sid_alias(t.substr(i, 2))) {
        i += 2;
      } else {
        return false;
      }
    } else {
      for (;;) {
        std::string_view rest = t.substr(i);
        if (rest.starts_with("NO_ACCESS_CONTROL")) i += 17;
        else if (rest.starts_with("AI") || rest.starts_with("AR")) i += 2;
        else if (rest.starts_with("P")) i += 1;
        else break;
      }
    }
    if (i > body) any_body = true;
    if (i < t.size() && t[i] != ' ' && !(i + 1 < t.size() && is_tag(t[i]) && t[i + 1] == ':'))
      return false;
  }
  return any_body;
}

}  // namespace lint_detail

bool looks_like_sddl(std::string_view text) noexcept {
  using lint_detail::is_tag;
  // No SDDL has a backslash ("D:\\data", printf's "\n"), and { } % $ mark templates.
  if (text.find('\\') != std::string_view::npos || lint_detail::has_template_mark(text))
    return false;
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  const std::string_view t = text.substr(i);
  if (t.size() < 2 || t[1] != ':') return false;
  if (is_tag(t[0])) return lint_detail::has_closed_ace(t) || lint_detail::is_bare_sections(t);
  if (is_tag(detail::ascii_upper(t[0]))) return lint_detail::has_closed_ace(t);
  return false;
}

}  // namespace secdesc
