// Internal: UTF-8 <-> UTF-16 for the conditional-expression and claim text, which Windows stores
// as UTF-16 (MS-DTYP 2.4.4.17.5, 2.4.10.1) while secdesc's text APIs are UTF-8.
//
// UTF-8 is read strictly (RFC 3629: no overlong forms, no encoded surrogates). A lone surrogate
// (possible in bytes read from a descriptor) has no UTF-8 form: utf16_to_utf8 writes its 3-byte
// generalized-UTF-8 form, which is not UTF-8, so every writer of text checks first
// (secdesc/text_output.hpp; ConditionalExpression::has_sddl_form and Claim::has_sddl_form are false).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace secdesc::detail {

// How many bytes append_utf8 writes for `c`.
constexpr std::size_t utf8_length(char32_t c) noexcept {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

inline void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

constexpr bool is_surrogate(char32_t c) noexcept { return c >= 0xD800 && c <= 0xDFFF; }

// Index of the first code unit of `text` that is a surrogate without its partner, or npos.
inline std::size_t find_unpaired_surrogate(std::u16string_view text) noexcept {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char16_t c = text[i];
    if (!is_surrogate(c)) continue;
    if (c <= 0xDBFF && i + 1 < text.size() && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF) {
      ++i;
      continue;
    }
    return i;
  }
  return std::u16string_view::npos;
}

inline std::string utf16_to_utf8(std::u16string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char32_t c = text[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.size() && text[i + 1] >= 0xDC00 &&
        text[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (static_cast<char32_t>(text[i + 1]) - 0xDC00);
      ++i;
    }
    append_utf8(out, c);
  }
  return out;
}

// The first `max` bytes of `s`, shortened to end on a character boundary, so that a message
// quoting the start of some input ("found 'abc...'") never cuts a UTF-8 sequence in two.
inline std::string_view utf8_prefix(std::string_view s, std::size_t max) noexcept {
  if (s.size() <= max) return s;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

// Reads one UTF-8 sequence at text[i]; returns the code point and advances i, or nullopt (i
// unchanged) when the bytes are not UTF-8.
inline std::optional<char32_t> next_utf8(std::string_view text, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  // Lead bytes: C2-DF two bytes, E0-EF three, F0-F4 four; 80-C1 and F5-FF never start a sequence.
  std::size_t len = b0 >= 0xF5 ? 0 : b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
  if (len == 0 || i + len > text.size()) return std::nullopt;
  char32_t c = b0 & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    c = (c << 6) | (b & 0x3F);
  }
  if ((len == 3 && (c < 0x800 || is_surrogate(c))) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)))
    return std::nullopt;
  i += len;
  return c;
}

inline void append_utf16(std::u16string& out, char32_t c) {
  if (c >= 0x10000) {
    c -= 0x10000;
    out += static_cast<char16_t>(0xD800 + (c >> 10));
    out += static_cast<char16_t>(0xDC00 + (c & 0x3FF));
  } else {
    out += static_cast<char16_t>(c);
  }
}

// nullopt when `text` is not UTF-8; `bad` then holds the offset of the first bad byte.
inline std::optional<std::u16string> utf8_to_utf16(std::string_view text, std::size_t* bad = nullptr) {
  std::u16string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto c = next_utf8(text, i);
    if (!c) {
      if (bad) *bad = i;
      return std::nullopt;
    }
    append_utf16(out, *c);
  }
  return out;
}

}  // namespace secdesc::detail
