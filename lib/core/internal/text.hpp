// Internal helpers for the text parsers: ASCII case, white space, Windows' number parsing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <stdexcept>
#include <string_view>
#include <tuple>

namespace secdesc::detail {

// The words of `range` (anything viewable as std::string_view) separated by `separator`: the one
// joiner for messages and lists ("a, b, c").
template <class Range>
std::string join(const Range& range, std::string_view separator = ", ") {
  std::string out;
  bool first = true;
  for (const auto& item : range) {
    if (!first) out += separator;
    out += std::string_view(item);
    first = false;
  }
  return out;
}

constexpr char ascii_upper(char c) noexcept {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}
constexpr char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
constexpr bool is_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
constexpr bool is_alpha(char c) noexcept { return ascii_upper(c) >= 'A' && ascii_upper(c) <= 'Z'; }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  char u = ascii_upper(c);
  if (u >= 'A' && u <= 'F') return u - 'A' + 10;
  return -1;
}
// Windows' SDDL parser skips only the space character (a TAB is an error).
constexpr bool is_sddl_space(char c) noexcept { return c == ' '; }

// One or two ASCII letters, case folded, as a number below kCodeKeys; -1 for anything else.
// The key of the constant-time indexes built over the tables of SDDL letter codes (SID aliases,
// ACE types, rights): the tables stay the one place of each fact, the index is derived from them
// at compile time.
inline constexpr std::size_t kCodeKeys = 26 * 26 + 26;
constexpr int code_key(std::string_view s) noexcept {
  auto letter = [](char c) { return is_alpha(c) ? ascii_upper(c) - 'A' : -1; };
  if (s.size() == 1) return letter(s[0]) < 0 ? -1 : 26 * 26 + letter(s[0]);
  if (s.size() == 2) {
    const int a = letter(s[0]), b = letter(s[1]);
    return a < 0 || b < 0 ? -1 : a * 26 + b;
  }
  return -1;
}
// code_key of letters the caller has already checked to be upper case (the canonical-ACE path).
constexpr int upper_code_key(char a, char b) noexcept { return (a - 'A') * 26 + (b - 'A'); }
constexpr int upper_code_key(char a) noexcept { return 26 * 26 + (a - 'A'); }
static_assert(upper_code_key('G', 'A') == code_key("GA") && upper_code_key('A') == code_key("A"));
// Row numbers by code_key (0xFF: no row); the first row with a code wins, as a scan would.
template <class Table, class Code>
constexpr std::array<std::uint8_t, kCodeKeys> make_code_index(const Table& table, Code code) {
  static_assert(std::tuple_size_v<Table> < 0xFF);
  std::array<std::uint8_t, kCodeKeys> index{};
  for (auto& slot : index) slot = 0xFF;
  for (std::size_t row = 0; row < table.size(); ++row) {
    const std::string_view text = code(table[row]);
    const int key = code_key(text);
    // A code the key cannot hold would be unreachable: stop the build instead.
    if (!text.empty() && key < 0) throw std::logic_error("table code is not one or two letters");
    if (key >= 0 && index[static_cast<std::size_t>(key)] == 0xFF)
      index[static_cast<std::size_t>(key)] = static_cast<std::uint8_t>(row);
  }
  return index;
}
// The row of `text` in a table indexed by make_code_index, if any.
template <class Table>
constexpr const typename Table::value_type* find_by_code(
    const Table& table, const std::array<std::uint8_t, kCodeKeys>& index,
    std::string_view text) noexcept {
  const int key = code_key(text);
  if (key < 0) return nullptr;
  const std::uint8_t row = index[static_cast<std::size_t>(key)];
  return row == 0xFF ? nullptr : &table[row];
}

inline bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_upper(a[i]) != ascii_upper(b[i])) return false;
  return true;
}
inline bool has_lower(std::string_view s) noexcept {
  for (char c : s)
    if (is_lower(c)) return true;
  return false;
}
inline std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_upper(c);
  return out;
}

// A number as the C runtime's strtoul reads it, with the facts Windows' SDDL parser shows:
// base 0 picks 0x-hex, 0-octal or decimal; overflow saturates; a leading '-' negates afterwards.
struct ParsedNumber {
  std::uint64_t value = 0;  // saturated at `limit`
  std::size_t length = 0;   // characters consumed; 0 when there is no number here
  bool overflow = false;
  bool negative = false;
  int base = 10;
};

// `base` is 0 (auto), 10 or 16 (where a 0x prefix is also accepted). `limit` is the largest value.
inline ParsedNumber parse_number(std::string_view text, std::size_t pos, int base,
                                 std::uint64_t limit, bool allow_sign) {
  ParsedNumber n;
  std::size_t i = pos;
  if (allow_sign && i < text.size() && (text[i] == '-' || text[i] == '+')) {
    n.negative = text[i] == '-';
    ++i;
  }
  std::size_t digits_start = i;
  int b = base;
  if ((b == 0 || b == 16) && i + 1 < text.size() && text[i] == '0' &&
      (text[i + 1] == 'x' || text[i + 1] == 'X') && hex_value(i + 2 < text.size() ? text[i + 2] : '\0') >= 0) {
    b = 16;
    i += 2;
    digits_start = i;
  } else if (b == 0) {
    b = (i < text.size() && text[i] == '0') ? 8 : 10;
  }
  n.base = b;
  std::uint64_t v = 0;
  bool any = false;
  for (; i < text.size(); ++i) {
    int d = hex_value(text[i]);
    if (d < 0 || d >= b) break;
    any = true;
    if (!n.overflow) {
      if (v > (limit - static_cast<std::uint64_t>(d)) / static_cast<std::uint64_t>(b)) {
        n.overflow = true;
        v = limit;
      } else {
        v = v * static_cast<std::uint64_t>(b) + static_cast<std::uint64_t>(d);
      }
    }
  }
  if (!any) {
    // "0x" with no hex digit after it reads as the single digit 0, like strtoul.
    if (digits_start > pos && b == 16) return n;
    return ParsedNumber{};
  }
  n.value = v;
  n.length = i - pos;
  (void)digits_start;
  return n;
}

}  // namespace secdesc::detail
