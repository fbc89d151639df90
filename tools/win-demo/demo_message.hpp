// The demo's message format inside the section: a 4-byte little-endian length, then UTF-8 text.
// Shared by the service, the client and the two-process test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace secdesc_demo {

inline constexpr std::size_t section_size = 4096;
inline constexpr std::size_t length_field = 4;

// False when the text does not fit.
inline bool write_message(std::span<std::byte> view, std::string_view text) {
  if (view.size() < length_field || text.size() > view.size() - length_field) return false;
  const auto n = static_cast<std::uint32_t>(text.size());
  for (std::size_t k = 0; k < length_field; ++k)
    view[k] = static_cast<std::byte>((n >> (8 * k)) & 0xFF);
  for (std::size_t k = 0; k < text.size(); ++k)
    view[length_field + k] = static_cast<std::byte>(text[k]);
  return true;
}

// Nullopt when the length field points past the view (the section is not ours, or is corrupt).
inline std::optional<std::string> read_message(std::span<const std::byte> view) {
  if (view.size() < length_field) return std::nullopt;
  std::uint32_t n = 0;
  for (std::size_t k = 0; k < length_field; ++k)
    n |= static_cast<std::uint32_t>(std::to_integer<std::uint8_t>(view[k])) << (8 * k);
  if (n > view.size() - length_field) return std::nullopt;
  std::string text(n, '\0');
  for (std::size_t k = 0; k < n; ++k)
    text[k] = static_cast<char>(std::to_integer<unsigned char>(view[length_field + k]));
  return text;
}

}  // namespace secdesc_demo
