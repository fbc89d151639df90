// Claims and their relative binary form, CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 (MS-DTYP 2.4.10.1).
#include "secdesc/claim.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/internal/text.hpp"
#include "core/internal/unicode_case.hpp"
#include "core/internal/utf.hpp"

namespace secdesc {
namespace {

using C = ClaimType;

constexpr std::array kClaimTypes{
    ClaimTypeInfo{C::int64, "TI", "int64"},
    ClaimTypeInfo{C::uint64, "TU", "uint64"},
    ClaimTypeInfo{C::string, "TS", "string"},
    ClaimTypeInfo{C::sid, "TD", "sid"},
    ClaimTypeInfo{C::boolean, "TB", "boolean"},
    ClaimTypeInfo{C::octet_string, "TX", "octet-string"},
};

constexpr std::size_t header_size = 16;  // Name, ValueType, Reserved, Flags, ValueCount

void push16(std::vector<std::byte>& out, std::uint16_t v) {
  out.push_back(static_cast<std::byte>(v & 0xFF));
  out.push_back(static_cast<std::byte>(v >> 8));
}
void push32(std::vector<std::byte>& out, std::uint32_t v) {
  for (int s = 0; s < 32; s += 8) out.push_back(static_cast<std::byte>((v >> s) & 0xFF));
}
void put32(std::vector<std::byte>& out, std::size_t at, std::uint32_t v) {
  for (std::size_t k = 0; k < 4; ++k) out[at + k] = static_cast<std::byte>((v >> (8 * k)) & 0xFF);
}
void push_utf16z(std::vector<std::byte>& out, std::u16string_view text) {
  for (char16_t c : text) push16(out, c);
  push16(out, 0);
}

}  // namespace

std::span<const ClaimTypeInfo> claim_type_table() noexcept { return kClaimTypes; }

std::optional<ClaimTypeInfo> find_claim_type(ClaimType type) noexcept {
  for (const auto& row : kClaimTypes)
    if (row.type == type) return row;
  return std::nullopt;
}

std::optional<ClaimTypeInfo> find_claim_type_by_sddl(std::string_view letters) noexcept {
  for (const auto& row : kClaimTypes)
    if (detail::iequals(row.sddl, letters)) return row;
  return std::nullopt;
}

std::optional<ClaimTypeInfo> find_claim_type_by_name(std::string_view name) noexcept {
  for (const auto& row : kClaimTypes)
    if (detail::iequals(row.name, name)) return row;
  return std::nullopt;
}

std::size_t Claim::value_count() const noexcept {
  switch (type) {
    case C::string:
      return strings.size();
    case C::sid:
      return sids.size();
    case C::octet_string:
      return octets.size();
    default:
      return integers.size();
  }
}

bool Claim::has_sddl_form() const noexcept {
  for (const auto& v : strings)
    if (v.find(u'"') != std::u16string::npos ||
        detail::find_unpaired_surrogate(v) != std::u16string_view::npos)
      return false;
  for (const auto& v : sids)
    if (v.sub_authority_count() == 0) return false;
  return true;
}

std::string Claim::name_utf8() const { return detail::utf16_to_utf8(name); }

std::size_t Claim::binary_size() const noexcept {
  std::size_t n = header_size + 4 * value_count() + 2 * (name.size() + 1);
  switch (type) {
    case C::string:
      for (const auto& s : strings) n += 2 * (s.size() + 1);
      break;
    case C::sid:
      for (const auto& s : sids) n += 4 + s.binary_size();
      break;
    case C::octet_string:
      for (const auto& o : octets) n += 4 + o.size();
      break;
    default:
      n += 8 * integers.size();
      break;
  }
  return n;
}

void Claim::encode_to(std::vector<std::byte>& out) const {
  const std::size_t start = out.size();
  const std::size_t count = value_count();
  push32(out, 0);  // Name offset, set below
  push16(out, static_cast<std::uint16_t>(type));
  push16(out, 0);
  push32(out, flags);
  push32(out, static_cast<std::uint32_t>(count));
  const std::size_t offsets = out.size();
  out.resize(out.size() + 4 * count, std::byte{0});
  put32(out, start, static_cast<std::uint32_t>(out.size() - start));
  push_utf16z(out, name);
  for (std::size_t k = 0; k < count; ++k) {
    put32(out, offsets + 4 * k, static_cast<std::uint32_t>(out.size() - start));
    switch (type) {
      case C::string:
        push_utf16z(out, strings[k]);
        break;
      case C::sid:
        push32(out, static_cast<std::uint32_t>(sids[k].binary_size()));
        sids[k].encode_to(out);
        break;
      case C::octet_string:
        push32(out, static_cast<std::uint32_t>(octets[k].size()));
        out.insert(out.end(), octets[k].begin(), octets[k].end());
        break;
      default:
        for (int s = 0; s < 64; s += 8)
          out.push_back(static_cast<std::byte>((integers[k] >> s) & 0xFF));
        break;
    }
  }
}

Result<Claim> Claim::decode(std::span<const std::byte> bytes, std::size_t base) {
  auto u8 = [&](std::size_t at) { return std::to_integer<std::uint32_t>(bytes[at]); };
  auto u16 = [&](std::size_t at) { return static_cast<std::uint16_t>(u8(at) | (u8(at + 1) << 8)); };
  auto u32 = [&](std::size_t at) {
    return u8(at) | (u8(at + 1) << 8) | (u8(at + 2) << 16) | (u8(at + 3) << 24);
  };
  auto bad = [&](std::size_t at, std::string message) {
    return make_error(ErrorCode::malformed_binary, base + at, std::move(message));
  };
  // A NUL-terminated UTF-16 string at `at`, inside `bytes`.
  auto read_string = [&](std::size_t at, std::u16string& text, const char* what) -> std::optional<Error> {
    for (std::size_t p = at;; p += 2) {
      if (p + 2 > bytes.size())
        return bad(at, fmt::format("the claim's {} runs past the end of the ACE without its "
                                   "terminating NUL", what));
      const char16_t c = u16(p);
      if (c == 0) return std::nullopt;
      text += c;
    }
  };
  if (bytes.size() < header_size)
    return bad(0, fmt::format("a resource attribute needs a {}-byte header; {} bytes left",
                              header_size, bytes.size()));
  Claim claim;
  const std::size_t name_at = u32(0);
  const auto type = u16(4);
  if (!find_claim_type(static_cast<ClaimType>(type)))
    return bad(4, fmt::format("unknown claim value type 0x{:04x}", type));
  claim.type = static_cast<ClaimType>(type);
  claim.flags = u32(8);
  const std::size_t count = u32(12);
  if (count > (bytes.size() - header_size) / 4)
    return bad(12, fmt::format("value count {} does not fit in the {} bytes of the ACE", count,
                               bytes.size()));
  if (name_at >= bytes.size()) return bad(0, fmt::format("name offset {} is outside the ACE", name_at));
  if (auto e = read_string(name_at, claim.name, "name")) return std::move(*e);
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t field = header_size + 4 * k;
    const std::size_t at = u32(field);
    auto need = [&](std::size_t n) { return at <= bytes.size() && n <= bytes.size() - at; };
    if (!need(1)) return bad(field, fmt::format("value {} offset {} is outside the ACE", k, at));
    switch (claim.type) {
      case C::string: {
        std::u16string s;
        if (auto e = read_string(at, s, "string value")) return std::move(*e);
        claim.strings.push_back(std::move(s));
        break;
      }
      case C::sid:
      case C::octet_string: {
        if (!need(4)) return bad(field, fmt::format("value {} length runs past the end", k));
        const std::size_t len = u32(at);
        if (!need(4 + len))
          return bad(at, fmt::format("value {} of {} bytes runs past the end of the ACE", k, len));
        auto data = bytes.subspan(at + 4, len);
        if (claim.type == C::octet_string) {
          claim.octets.emplace_back(data.begin(), data.end());
        } else {
          SECDESC_TRY(Sid sid, Sid::decode(data, base + at + 4));
          if (sid.binary_size() != len)
            return bad(at, fmt::format("SID value of {} bytes in a {}-byte field",
                                       sid.binary_size(), len));
          claim.sids.push_back(std::move(sid));
        }
        break;
      }
      default: {
        if (!need(8)) return bad(at, fmt::format("value {} runs past the end of the ACE", k));
        std::uint64_t v = 0;
        for (std::size_t b = 0; b < 8; ++b) v |= static_cast<std::uint64_t>(u8(at + b)) << (8 * b);
        claim.integers.push_back(v);
        break;
      }
    }
  }
  return claim;
}

std::optional<Error> validate_claim(const Claim& claim) {
  auto fail = [&](std::string message) {
    return make_error(ErrorCode::invalid_argument, Error::no_offset, std::move(message));
  };
  if (claim.name.empty()) return fail("a claim needs a name");
  const bool cs = (claim.flags & claim_flags::value_case_sensitive) != 0;
  bool duplicate = false;
  switch (claim.type) {
    case ClaimType::string: {
      std::vector<std::u16string> keys = claim.strings;
      if (!cs)
        for (auto& k : keys)
          for (auto& c : k) c = detail::upcase(c);
      std::sort(keys.begin(), keys.end());
      duplicate = std::adjacent_find(keys.begin(), keys.end()) != keys.end();
      break;
    }
    case ClaimType::sid: {
      std::vector<Sid> keys = claim.sids;
      std::sort(keys.begin(), keys.end());
      duplicate = std::adjacent_find(keys.begin(), keys.end()) != keys.end();
      break;
    }
    case ClaimType::octet_string: {
      auto keys = claim.octets;
      std::sort(keys.begin(), keys.end());
      duplicate = std::adjacent_find(keys.begin(), keys.end()) != keys.end();
      break;
    }
    default: {
      auto keys = claim.integers;
      std::sort(keys.begin(), keys.end());
      duplicate = std::adjacent_find(keys.begin(), keys.end()) != keys.end();
      break;
    }
  }
  if (duplicate)
    return fail(fmt::format("claim '{}' holds the same value twice, which Windows refuses",
                            claim.name_utf8()));
  return std::nullopt;
}

}  // namespace secdesc
