// The output rule (secdesc/text_output.hpp): which descriptors SDDL and JSON cannot hold, and
// UTF-8 checks for the writers.
#include "secdesc/text_output.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/internal/utf.hpp"

namespace secdesc {
namespace {

struct Unwritable {
  char16_t unit;
  std::string_view where;  // "a string", "a resource attribute's name"
};

std::optional<Unwritable> in_text(std::u16string_view text, std::string_view where) {
  const std::size_t k = detail::find_unpaired_surrogate(text);
  if (k == std::u16string_view::npos) return std::nullopt;
  return Unwritable{text[k], where};
}

// Condition tokens: string literals (also inside composites); attribute names only for JSON,
// whose condition_tree gives the name itself (SDDL escapes it as %xxxx).
std::optional<Unwritable> in_token(const CondToken& t, TextOutput form) {
  if (t.type == CondTokenType::unicode_string) return in_text(t.text, "a string");
  if (form == TextOutput::json && t.kind() == CondTokenKind::attribute)
    return in_text(t.text, "an attribute's name");
  for (const auto& e : t.elements)
    if (auto u = in_token(e, form)) return u;
  return std::nullopt;
}

std::optional<Unwritable> in_ace(const Ace& ace, TextOutput form) {
  if (ace.condition) {
    for (const auto& t : ace.condition->tokens)
      if (auto u = in_token(t, form)) return u;
  }
  if (ace.resource_attribute) {
    const Claim& c = *ace.resource_attribute;
    if (form == TextOutput::json)
      if (auto u = in_text(c.name, "a resource attribute's name")) return u;
    for (const auto& s : c.strings)
      if (auto u = in_text(s, "a string")) return u;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Error> find_unwritable_text(const SecurityDescriptor& sd, TextOutput form) {
  const std::string_view form_name = form == TextOutput::sddl ? "SDDL" : "JSON";
  for (const auto& [acl, acl_name] : {std::pair{&sd.dacl(), "DACL"}, std::pair{&sd.sacl(), "SACL"}}) {
    if (!*acl) continue;
    const auto& aces = (*acl)->aces;
    for (std::size_t k = 0; k < aces.size(); ++k) {
      auto u = in_ace(aces[k], form);
      if (!u) continue;
      return make_error(
          ErrorCode::invalid_argument, Error::no_offset,
          fmt::format("cannot be written as {}: ACE {} of the {} holds an unpaired UTF-16 "
                      "surrogate U+{:04X} in {} ({} text is UTF-8, which has no form for it; "
                      "the self-relative form keeps it)",
                      form_name, k + 1, acl_name, static_cast<unsigned>(u->unit), u->where,
                      form_name));
    }
  }
  return std::nullopt;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size();)
    if (!detail::next_utf8(text, i)) return i;
  return std::nullopt;
}

std::string escape_invalid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    if (detail::next_utf8(text, i)) {
      out.append(text.substr(start, i - start));
    } else {
      out += fmt::format("\\x{:02X}", static_cast<unsigned>(static_cast<unsigned char>(text[i])));
      ++i;
    }
  }
  return out;
}

std::size_t code_point_offset(std::string_view text, std::size_t byte_offset) noexcept {
  std::size_t count = 0;
  std::size_t i = 0;
  const std::size_t end = std::min(byte_offset, text.size());
  while (i < end) {
    if (!detail::next_utf8(text, i)) ++i;  // an invalid byte: one character of its own
    ++count;
  }
  return count + (byte_offset > i ? byte_offset - i : 0);
}

}  // namespace secdesc
