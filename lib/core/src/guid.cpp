#include "secdesc/guid.hpp"

#include <fmt/format.h>

#include "core/internal/text.hpp"

namespace secdesc {

std::optional<Guid> Guid::parse(std::string_view text) noexcept {
  if (text.size() != string_length) return std::nullopt;
  for (std::size_t dash : {8u, 13u, 18u, 23u})
    if (text[dash] != '-') return std::nullopt;
  auto hex = [&](std::size_t pos, std::size_t n, std::uint64_t& out) {
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      int d = detail::hex_value(text[i]);
      if (d < 0) return false;
      out = (out << 4) | static_cast<std::uint64_t>(d);
    }
    return true;
  };
  Guid g;
  std::uint64_t v = 0;
  if (!hex(0, 8, v)) return std::nullopt;
  g.data1 = static_cast<std::uint32_t>(v);
  if (!hex(9, 4, v)) return std::nullopt;
  g.data2 = static_cast<std::uint16_t>(v);
  if (!hex(14, 4, v)) return std::nullopt;
  g.data3 = static_cast<std::uint16_t>(v);
  const std::size_t byte_pos[8] = {19, 21, 24, 26, 28, 30, 32, 34};
  for (std::size_t k = 0; k < 8; ++k) {
    if (!hex(byte_pos[k], 2, v)) return std::nullopt;
    g.data4[k] = static_cast<std::uint8_t>(v);
  }
  return g;
}

std::string Guid::to_string() const {
  return fmt::format("{:08x}-{:04x}-{:04x}-{:02x}{:02x}-{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}", data1,
                     data2, data3, data4[0], data4[1], data4[2], data4[3], data4[4], data4[5],
                     data4[6], data4[7]);
}

std::span<std::byte> Guid::write_to(std::span<std::byte> out) const noexcept {
  std::byte* p = out.data();
  for (int s = 0; s < 32; s += 8) *p++ = static_cast<std::byte>((data1 >> s) & 0xFF);
  for (int s = 0; s < 16; s += 8) *p++ = static_cast<std::byte>((data2 >> s) & 0xFF);
  for (int s = 0; s < 16; s += 8) *p++ = static_cast<std::byte>((data3 >> s) & 0xFF);
  for (auto b : data4) *p++ = static_cast<std::byte>(b);
  return out.subspan(binary_size);
}

void Guid::encode_to(std::vector<std::byte>& out) const {
  const std::size_t at = out.size();
  out.resize(at + binary_size);
  write_to(std::span(out).subspan(at));
}

Guid Guid::decode(const std::byte* p) noexcept {
  auto u = [&](int i) { return std::to_integer<std::uint32_t>(p[i]); };
  Guid g;
  g.data1 = u(0) | (u(1) << 8) | (u(2) << 16) | (u(3) << 24);
  g.data2 = static_cast<std::uint16_t>(u(4) | (u(5) << 8));
  g.data3 = static_cast<std::uint16_t>(u(6) | (u(7) << 8));
  for (int k = 0; k < 8; ++k) g.data4[static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(u(8 + k));
  return g;
}

}  // namespace secdesc
