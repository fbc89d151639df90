// secdesc: GUIDs as they appear in object ACEs.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace secdesc {

struct Guid {
  std::uint32_t data1 = 0;
  std::uint16_t data2 = 0;
  std::uint16_t data3 = 0;
  std::array<std::uint8_t, 8> data4{};

  static constexpr std::size_t string_length = 36;  // xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
  static constexpr std::size_t binary_size = 16;

  // Exactly 36 characters in the 8-4-4-4-12 form, hex digits in either case, no braces.
  static std::optional<Guid> parse(std::string_view text) noexcept;
  // Lower case, as Windows emits it.
  std::string to_string() const;
  // Windows' in-memory layout: data1..data3 little-endian, data4 as is.
  void encode_to(std::vector<std::byte>& out) const;
  // The same 16 bytes at the start of `out` (which must hold them); returns what follows.
  std::span<std::byte> write_to(std::span<std::byte> out) const noexcept;
  static Guid decode(const std::byte* sixteen_bytes) noexcept;

  friend bool operator==(const Guid&, const Guid&) = default;
  friend auto operator<=>(const Guid&, const Guid&) = default;
};

}  // namespace secdesc
