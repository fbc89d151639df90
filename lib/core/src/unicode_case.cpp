// Upper-casing of UTF-16 code units, approximating Windows' upcase table (see unicode_case.hpp).
// The ranges are the lower-case letters of the Unicode blocks that table covers (Unicode 5.0
// and earlier); later additions (U+A7A0 on, U+2CEC, U+029E...) are left unmapped, as the
// Windows KDC vectors show.
#include "core/internal/unicode_case.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace secdesc::detail {
namespace {

enum class Kind : std::uint8_t {
  offset,     // every code unit in [first, last] maps to itself + delta
  odd_lower,  // pairs: lower-case letters are first, first + 2, ..., upper = lower - 1
};

struct CaseRange {
  char16_t first;
  char16_t last;
  Kind kind;
  int delta;
};

constexpr CaseRange off(char16_t first, char16_t last, int delta) {
  return {first, last, Kind::offset, delta};
}
constexpr CaseRange one(char16_t lower, char16_t upper) {
  return {lower, lower, Kind::offset, static_cast<int>(upper) - static_cast<int>(lower)};
}
constexpr CaseRange pairs(char16_t first_lower, char16_t last_lower) {
  return {first_lower, last_lower, Kind::odd_lower, -1};
}

// Sorted by `first`.
constexpr std::array kRanges{
    off(0x0061, 0x007A, -32),  // Basic Latin
    off(0x00E0, 0x00F6, -32),  // Latin-1
    off(0x00F8, 0x00FE, -32),
    one(0x00FF, 0x0178),
    pairs(0x0101, 0x012F),  // Latin Extended-A
    pairs(0x0133, 0x0137),
    pairs(0x013A, 0x0148),
    pairs(0x014B, 0x0177),
    pairs(0x017A, 0x017E),
    pairs(0x0183, 0x0185),  // Latin Extended-B
    one(0x0188, 0x0187),
    one(0x018C, 0x018B),
    one(0x0192, 0x0191),
    one(0x0199, 0x0198),
    pairs(0x01A1, 0x01A5),
    one(0x01A8, 0x01A7),
    one(0x01AD, 0x01AC),
    one(0x01B0, 0x01AF),
    pairs(0x01B4, 0x01B6),
    one(0x01B9, 0x01B8),
    one(0x01BD, 0x01BC),
    one(0x01C6, 0x01C4),
    one(0x01C9, 0x01C7),
    one(0x01CC, 0x01CA),
    pairs(0x01CE, 0x01DC),
    one(0x01DD, 0x018E),
    pairs(0x01DF, 0x01EF),
    one(0x01F3, 0x01F1),
    one(0x01F5, 0x01F4),
    pairs(0x01F9, 0x021F),
    pairs(0x0223, 0x0233),
    one(0x0253, 0x0181),  // IPA letters with capitals in Latin Extended-B
    one(0x0254, 0x0186),
    one(0x0256, 0x0189),
    one(0x0257, 0x018A),
    one(0x0259, 0x018F),
    one(0x025B, 0x0190),
    one(0x0260, 0x0193),
    one(0x0263, 0x0194),
    one(0x0268, 0x0197),
    one(0x0269, 0x0196),
    one(0x026F, 0x019C),
    one(0x0272, 0x019D),
    one(0x0275, 0x019F),
    one(0x0280, 0x01A6),
    one(0x0283, 0x01A9),
    one(0x0288, 0x01AE),
    one(0x028A, 0x01B1),
    one(0x028B, 0x01B2),
    one(0x0292, 0x01B7),
    one(0x03AC, 0x0386),  // Greek
    off(0x03AD, 0x03AF, -37),
    off(0x03B1, 0x03C1, -32),
    off(0x03C3, 0x03CB, -32),
    one(0x03CC, 0x038C),
    off(0x03CD, 0x03CE, -63),
    pairs(0x03DB, 0x03EF),
    off(0x0430, 0x044F, -32),  // Cyrillic
    off(0x0450, 0x045F, -80),
    pairs(0x0461, 0x0481),
    pairs(0x048B, 0x04BF),
    pairs(0x04C2, 0x04CE),
    one(0x04CF, 0x04C0),
    pairs(0x04D1, 0x0523),     // and Cyrillic Supplement
    off(0x0561, 0x0586, -48),  // Armenian
    pairs(0x1E01, 0x1E95),     // Latin Extended Additional
    pairs(0x1EA1, 0x1EF9),
    off(0x1F00, 0x1F07, 8),  // Greek Extended
    off(0x1F10, 0x1F15, 8),
    off(0x1F20, 0x1F27, 8),
    off(0x1F30, 0x1F37, 8),
    off(0x1F40, 0x1F45, 8),
    one(0x1F51, 0x1F59),
    one(0x1F53, 0x1F5B),
    one(0x1F55, 0x1F5D),
    one(0x1F57, 0x1F5F),
    off(0x1F60, 0x1F67, 8),
    off(0x1F70, 0x1F71, 74),
    off(0x1F72, 0x1F75, 86),
    off(0x1F76, 0x1F77, 100),
    off(0x1F78, 0x1F79, 128),
    off(0x1F7A, 0x1F7B, 112),
    off(0x1F7C, 0x1F7D, 126),
    off(0x1FB0, 0x1FB1, 8),
    off(0x1FD0, 0x1FD1, 8),
    off(0x1FE0, 0x1FE1, 8),
    one(0x1FE5, 0x1FEC),
    off(0x2170, 0x217F, -16),  // Roman numerals
    off(0x24D0, 0x24E9, -26),  // circled letters
    off(0x2C30, 0x2C5E, -48),  // Glagolitic
    one(0x2C61, 0x2C60),       // Latin Extended-C
    one(0x2C65, 0x023A),
    one(0x2C66, 0x023E),
    pairs(0x2C68, 0x2C6C),
    pairs(0x2C81, 0x2CE3),     // Coptic
    off(0x2D00, 0x2D25, -7264),  // Georgian Nuskhuri
    pairs(0xA641, 0xA66D),     // Cyrillic Extended-B
    pairs(0xA681, 0xA697),
    pairs(0xA723, 0xA72F),     // Latin Extended-D
    pairs(0xA733, 0xA76F),
    pairs(0xA77A, 0xA77C),
    pairs(0xA77F, 0xA787),
    one(0xA78C, 0xA78B),
    off(0xFF41, 0xFF5A, -32),  // fullwidth Latin
};

}  // namespace

char16_t upcase(char16_t c) noexcept {
  auto it = std::upper_bound(kRanges.begin(), kRanges.end(), c,
                             [](char16_t v, const CaseRange& r) { return v < r.first; });
  if (it == kRanges.begin()) return c;
  const CaseRange& r = *(it - 1);
  if (c > r.last) return c;
  if (r.kind == Kind::odd_lower && (c - r.first) % 2 != 0) return c;
  return static_cast<char16_t>(static_cast<int>(c) + r.delta);
}

int compare_utf16(std::u16string_view a, std::u16string_view b, bool case_sensitive) noexcept {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char16_t x = case_sensitive ? a[i] : upcase(a[i]);
    const char16_t y = case_sensitive ? b[i] : upcase(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

}  // namespace secdesc::detail
