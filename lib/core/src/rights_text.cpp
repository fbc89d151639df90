// Rights text for one object type: words from the object-type table, SDDL letters from the rights
// token table, or hex. No right is spelt here: every value comes from those two tables.
#include "secdesc/rights_text.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/internal/suggest.hpp"
#include "core/internal/text.hpp"

namespace secdesc {
namespace {

std::vector<std::string_view> right_words(ObjectType type) {
  std::vector<std::string_view> words;
  for (const auto& r : object_type_info(type).specific_rights) words.push_back(r.word);
  for (const auto& r : generic_rights()) words.push_back(r.word);
  for (const auto& r : standard_rights())
    if (find_right(type, r.word)) words.push_back(r.word);
  return words;
}

std::optional<AccessMask> hex_mask(std::string_view item) {
  if (item.size() < 3 || item[0] != '0' || (item[1] != 'x' && item[1] != 'X')) return std::nullopt;
  std::string_view digits = item.substr(2);
  if (digits.size() > 8) return std::nullopt;
  AccessMask mask = 0;
  for (char c : digits) {
    int v = detail::hex_value(c);
    if (v < 0) return std::nullopt;
    mask = (mask << 4) | static_cast<AccessMask>(v);
  }
  return mask;
}

// "GRGW": every two letters a rights token of the SDDL table (label tokens NW NR NX excluded).
std::optional<AccessMask> sddl_letters(std::string_view item) {
  if (item.empty() || item.size() % 2 != 0) return std::nullopt;
  AccessMask mask = 0;
  for (std::size_t i = 0; i < item.size(); i += 2) {
    auto token = find_rights_token(item.substr(i, 2));
    if (!token || token->kind == RightsTokenKind::label) return std::nullopt;
    mask |= token->mask;
  }
  return mask;
}

}  // namespace

Result<AccessMask> parse_rights(std::string_view text, ObjectType type) {
  if (text.find_first_not_of(' ') == std::string_view::npos)
    return make_error(ErrorCode::syntax, 0, "no rights given");
  AccessMask mask = 0;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = text.find_first_of(",|", start);
    if (end == std::string_view::npos) end = text.size();
    std::size_t b = start, e = end;
    while (b < e && text[b] == ' ') ++b;
    while (e > b && text[e - 1] == ' ') --e;
    std::string_view item = text.substr(b, e - b);
    if (item.empty()) return make_error(ErrorCode::syntax, b, "empty right in the list");
    if (item.size() > 1 && item[0] == '0' && (item[1] == 'x' || item[1] == 'X')) {
      auto hex = hex_mask(item);
      if (!hex)
        return make_error(ErrorCode::syntax, b,
                          fmt::format("'{}' is not a hex mask (0x and 1 to 8 hex digits)", item));
      mask |= *hex;
    } else if (auto word = find_right(type, item)) {
      mask |= word->mask;
    } else if (auto letters = sddl_letters(item)) {
      mask |= *letters;
    } else {
      auto words = right_words(type);
      return make_error(ErrorCode::invalid_argument, b,
                        fmt::format("unknown right '{}' for {}{}; rights are {}; or SDDL letters "
                                    "(GR, GW, RC, ...) or a hex mask (0x...)",
                                    item, to_string(type), detail::did_you_mean(item, words),
                                    detail::join(words)));
    }
    if (end == text.size()) break;
    start = end + 1;
  }
  return mask;
}

}  // namespace secdesc
