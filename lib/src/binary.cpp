// Self-relative security descriptors (MS-DTYP 2.4.6), in Windows' layout.
#include "secdesc/binary.hpp"

#include <fmt/format.h>

#include "text.hpp"

namespace secdesc {
namespace {

void put16(std::vector<std::byte>& out, std::size_t at, std::uint16_t v) {
  out[at] = static_cast<std::byte>(v & 0xFF);
  out[at + 1] = static_cast<std::byte>(v >> 8);
}
void put32(std::vector<std::byte>& out, std::size_t at, std::uint32_t v) {
  for (std::size_t k = 0; k < 4; ++k) out[at + k] = static_cast<std::byte>((v >> (8 * k)) & 0xFF);
}
void push32(std::vector<std::byte>& out, std::uint32_t v) {
  const std::byte b[4] = {static_cast<std::byte>(v & 0xFF), static_cast<std::byte>((v >> 8) & 0xFF),
                          static_cast<std::byte>((v >> 16) & 0xFF),
                          static_cast<std::byte>((v >> 24) & 0xFF)};
  out.insert(out.end(), b, b + 4);
}

void encode_ace(std::vector<std::byte>& out, const Ace& ace) {
  const std::size_t start = out.size();
  // Header (type, flags, size filled in below) and mask.
  const std::byte head[8] = {static_cast<std::byte>(ace.type), static_cast<std::byte>(ace.flags),
                             std::byte{0},
                             std::byte{0},
                             static_cast<std::byte>(ace.mask & 0xFF),
                             static_cast<std::byte>((ace.mask >> 8) & 0xFF),
                             static_cast<std::byte>((ace.mask >> 16) & 0xFF),
                             static_cast<std::byte>((ace.mask >> 24) & 0xFF)};
  out.insert(out.end(), head, head + 8);
  if (ace.is_object()) {
    std::uint32_t flags = 0;
    if (ace.object_type) flags |= object_ace_flags::object_type_present;
    if (ace.inherited_object_type) flags |= object_ace_flags::inherited_object_type_present;
    push32(out, flags);
    if (ace.object_type) ace.object_type->encode_to(out);
    if (ace.inherited_object_type) ace.inherited_object_type->encode_to(out);
  }
  ace.sid.encode_to(out);
  // Application data (callback ACEs) or the claim (RA), then zeros to a multiple of 4 bytes,
  // as Windows pads them (every conditional and RA ACE in windows_sddl_binary.tsv).
  // Other application data is written as it was read, byte for byte.
  if (ace.condition || ace.resource_attribute) {
    if (ace.condition)
      ace.condition->encode_to(out);
    else
      ace.resource_attribute->encode_to(out);
    while ((out.size() - start) % 4 != 0) out.push_back(std::byte{0});
  } else {
    out.insert(out.end(), ace.application_data.begin(), ace.application_data.end());
  }
  put16(out, start + 2, static_cast<std::uint16_t>(out.size() - start));
}

// `size` is the ACL's checked_binary_size(). Returns where the ACL starts.
std::size_t encode_acl(std::vector<std::byte>& out, const Acl& acl, std::size_t size) {
  const std::size_t start = out.size();
  const std::byte head[8] = {static_cast<std::byte>(acl.revision), std::byte{0},
                             static_cast<std::byte>(size & 0xFF),
                             static_cast<std::byte>((size >> 8) & 0xFF),
                             static_cast<std::byte>(acl.aces.size() & 0xFF),
                             static_cast<std::byte>((acl.aces.size() >> 8) & 0xFF),
                             std::byte{0},
                             std::byte{0}};
  out.insert(out.end(), head, head + 8);
  for (const auto& ace : acl.aces) encode_ace(out, ace);
  return start;
}

class Reader {
 public:
  explicit Reader(std::span<const std::byte> bytes) : b_(bytes) {}
  std::size_t size() const { return b_.size(); }
  std::uint8_t u8(std::size_t at) const { return std::to_integer<std::uint8_t>(b_[at]); }
  std::uint16_t u16(std::size_t at) const {
    return static_cast<std::uint16_t>(u8(at) | (u8(at + 1) << 8));
  }
  std::uint32_t u32(std::size_t at) const {
    return static_cast<std::uint32_t>(u8(at)) | (static_cast<std::uint32_t>(u8(at + 1)) << 8) |
           (static_cast<std::uint32_t>(u8(at + 2)) << 16) |
           (static_cast<std::uint32_t>(u8(at + 3)) << 24);
  }
  std::span<const std::byte> from(std::size_t at, std::size_t len) const {
    return b_.subspan(at, len);
  }

 private:
  std::span<const std::byte> b_;
};

Error bad(std::size_t at, std::string msg) {
  return make_error(ErrorCode::malformed_binary, at, std::move(msg));
}

Result<Ace> decode_ace(const Reader& r, std::size_t at, std::size_t ace_size) {
  const auto type = static_cast<AceType>(r.u8(at));
  auto info = find_ace_type(type);
  if (!info)
    return bad(at, fmt::format("unknown ACE type 0x{:02x}", r.u8(at)));
  if (!info->supported)
    return make_error(ErrorCode::unsupported, at,
                      fmt::format("ACE type 0x{:02x} ({}) is not supported", r.u8(at),
                                  info->sddl.empty() ? "no SDDL form" : info->sddl));
  Ace ace;
  ace.type = type;
  ace.flags = r.u8(at + 1);
  std::size_t need = 8;
  if (ace_size < need) return bad(at + 2, fmt::format("ACE size {} is too small", ace_size));
  ace.mask = r.u32(at + 4);
  std::size_t p = at + 8;
  const std::size_t end = at + ace_size;
  if (info->object) {
    if (p + 4 > end) return bad(at + 2, "object ACE too small for its flags field");
    std::uint32_t flags = r.u32(p);
    p += 4;
    if (flags & ~(object_ace_flags::object_type_present |
                  object_ace_flags::inherited_object_type_present))
      return bad(p - 4, fmt::format("unknown object ACE flags 0x{:x}", flags));
    if (flags & object_ace_flags::object_type_present) {
      if (p + 16 > end) return bad(p, "object ACE too small for its object type GUID");
      ace.object_type = Guid::decode(r.from(p, 16).data());
      p += 16;
    }
    if (flags & object_ace_flags::inherited_object_type_present) {
      if (p + 16 > end) return bad(p, "object ACE too small for its inherited object type GUID");
      ace.inherited_object_type = Guid::decode(r.from(p, 16).data());
      p += 16;
    }
  }
  auto sid = Sid::decode(r.from(p, end - p), p);
  if (!sid) return std::move(sid).error();
  ace.sid = *sid;
  p += sid->binary_size();
  const auto rest = r.from(p, end - p);
  if (info->callback) {
    // MS-DTYP 2.4.4.17: application data starting "artx" is a conditional expression.
    if (is_conditional_application_data(rest)) {
      auto condition = ConditionalExpression::decode(rest, p);
      if (!condition) return std::move(condition).error();
      ace.condition = std::move(*condition);
    } else {
      ace.application_data.assign(rest.begin(), rest.end());
    }
  } else if (type == AceType::system_resource_attribute) {
    auto claim = Claim::decode(rest, p);
    if (!claim) return std::move(claim).error();
    ace.resource_attribute = std::move(*claim);
  }
  return ace;  // for the other types, bytes after the SID up to AceSize are padding
}

Result<Acl> decode_acl(const Reader& r, std::size_t at, const char* which) {
  if (at + Acl::header_size > r.size())
    return bad(at, fmt::format("{} header at offset {} runs past the end ({} bytes)", which, at,
                               r.size()));
  Acl acl;
  acl.revision = r.u8(at);
  if (acl.revision != 2 && acl.revision != 3 && acl.revision != 4)
    return bad(at, fmt::format("{} revision {} is not 2, 3 or 4", which, acl.revision));
  const std::size_t acl_size = r.u16(at + 2);
  const std::size_t count = r.u16(at + 4);
  if (acl_size < Acl::header_size)
    return bad(at + 2, fmt::format("{} size {} is smaller than its 8-byte header", which, acl_size));
  if (at + acl_size > r.size())
    return bad(at + 2, fmt::format("{} size {} runs past the end of the descriptor", which,
                                   acl_size));
  std::size_t p = at + Acl::header_size;
  const std::size_t end = at + acl_size;
  acl.aces.reserve(count);
  for (std::size_t k = 0; k < count; ++k) {
    if (p + 4 > end)
      return bad(p, fmt::format("{} says {} ACEs but ACE {} starts past its end", which, count, k));
    const std::size_t ace_size = r.u16(p + 2);
    if (ace_size < 4 || p + ace_size > end)
      return bad(p + 2, fmt::format("ACE {} size {} does not fit in the {}", k, ace_size, which));
    auto ace = decode_ace(r, p, ace_size);
    if (!ace) return std::move(ace).error();
    acl.aces.push_back(std::move(*ace));
    p += ace_size;
  }
  return acl;
}

}  // namespace

Result<std::vector<std::byte>> encode_self_relative(const SecurityDescriptor& sd) {
  // The whole size first, so that the bytes are allocated once.
  std::size_t sacl_size = 0, dacl_size = 0;
  if (sd.sacl()) {
    auto size = sd.sacl()->checked_binary_size();
    if (!size) return std::move(size).error();
    sacl_size = *size;
  }
  if (sd.dacl()) {
    auto size = sd.dacl()->checked_binary_size();
    if (!size) return std::move(size).error();
    dacl_size = *size;
  }
  std::size_t total = 20 + sacl_size + dacl_size;
  if (sd.owner()) total += sd.owner()->binary_size();
  if (sd.group()) total += sd.group()->binary_size();
  std::vector<std::byte> out;
  out.reserve(total);
  out.resize(20, std::byte{0});
  out[0] = std::byte{1};
  put16(out, 2, static_cast<std::uint16_t>(sd.control() | control::self_relative));
  if (sd.sacl()) put32(out, 12, static_cast<std::uint32_t>(encode_acl(out, *sd.sacl(), sacl_size)));
  if (sd.dacl()) put32(out, 16, static_cast<std::uint32_t>(encode_acl(out, *sd.dacl(), dacl_size)));
  if (sd.owner()) {
    put32(out, 4, static_cast<std::uint32_t>(out.size()));
    sd.owner()->encode_to(out);
  }
  if (sd.group()) {
    put32(out, 8, static_cast<std::uint32_t>(out.size()));
    sd.group()->encode_to(out);
  }
  return out;
}

Result<SecurityDescriptor> decode_self_relative(std::span<const std::byte> bytes) {
  Reader r(bytes);
  if (bytes.size() < 20)
    return bad(0, fmt::format("a self-relative descriptor has a 20-byte header; got {} bytes",
                              bytes.size()));
  if (r.u8(0) != 1) return bad(0, fmt::format("descriptor revision {} is not 1", r.u8(0)));
  const std::uint16_t ctl = r.u16(2);
  if (!(ctl & control::self_relative))
    return bad(2, "control lacks SE_SELF_RELATIVE: this is an absolute descriptor, not bytes");
  SecurityDescriptor sd;
  sd.set_control_flags(ctl);
  auto offset = [&](std::size_t field) -> Result<std::size_t> {
    std::size_t off = r.u32(field);
    if (off != 0 && (off < 20 || off >= bytes.size()))
      return bad(field, fmt::format("offset {} points outside the descriptor ({} bytes)", off,
                                    bytes.size()));
    return off;
  };
  for (std::size_t field : {std::size_t{4}, std::size_t{8}}) {
    auto off = offset(field);
    if (!off) return std::move(off).error();
    if (*off == 0) continue;
    auto sid = Sid::decode(bytes.subspan(*off), *off);
    if (!sid) return std::move(sid).error();
    if (field == 4) sd.set_owner(*sid); else sd.set_group(*sid);
  }
  struct Part { std::size_t field; std::uint16_t present; bool dacl; };
  for (Part part : {Part{12, control::sacl_present, false}, Part{16, control::dacl_present, true}}) {
    auto off = offset(part.field);
    if (!off) return std::move(off).error();
    if (!(ctl & part.present)) continue;  // Windows ignores the offset of a part not present
    if (*off == 0) {
      if (part.dacl) sd.set_null_dacl(); else sd.set_null_sacl();
      continue;
    }
    auto acl = decode_acl(r, *off, part.dacl ? "DACL" : "SACL");
    if (!acl) return std::move(acl).error();
    if (part.dacl) sd.set_dacl(std::move(*acl)); else sd.set_sacl(std::move(*acl));
  }
  return sd;
}

std::string to_hex(std::span<const std::byte> bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '\0');
  char* p = out.data();
  for (auto b : bytes) {
    const auto v = std::to_integer<unsigned>(b);
    *p++ = digits[v >> 4];
    *p++ = digits[v & 0xF];
  }
  return out;
}

Result<std::vector<std::byte>> from_hex(std::string_view hex) {
  std::vector<std::byte> out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = detail::hex_value(hex[i]);
    if (hi < 0)
      return make_error(ErrorCode::syntax, i, fmt::format("'{}' is not a hex digit", hex[i]));
    if (i + 1 >= hex.size())
      return make_error(ErrorCode::syntax, i, "odd number of hex digits");
    int lo = detail::hex_value(hex[i + 1]);
    if (lo < 0)
      return make_error(ErrorCode::syntax, i + 1,
                        fmt::format("'{}' is not a hex digit", hex[i + 1]));
    out.push_back(static_cast<std::byte>((hi << 4) | lo));
  }
  return out;
}

}  // namespace secdesc
