// Self-relative security descriptors (MS-DTYP 2.4.6), in Windows' layout.
#include "secdesc/binary.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <span>

#include <fmt/format.h>

#include "core/internal/text.hpp"

namespace secdesc {
namespace {

// Writes into a buffer sized beforehand from the binary_size() of each part; the sizes are
// computed once, so the writes need no bounds checks of their own.
class Writer {
 public:
  explicit Writer(std::span<std::byte> out) : p_(out.data()), end_(out.data() + out.size()) {}
  void u8(std::uint8_t v) { store(v); }
  void u16(std::uint16_t v) { store(v); }
  void u32(std::uint32_t v) { store(v); }
  void u64(std::uint64_t v) { store(v); }
  void sid(const Sid& s) { p_ = s.write_to(rest()).data(); }
  void guid(const Guid& g) { p_ = g.write_to(rest()).data(); }
  void bytes(std::span<const std::byte> b) {
    if (!b.empty()) std::memcpy(p_, b.data(), b.size());
    p_ += b.size();
  }
  void zeros(std::size_t n) {
    std::memset(p_, 0, n);
    p_ += n;
  }

 private:
  std::span<std::byte> rest() const { return {p_, end_}; }
  // Little-endian, whole values at once: byte-by-byte stores through std::byte would make the
  // compiler reload p_ after each one (std::byte may alias it).
  template <class U>
  void store(U v) {
    if constexpr (std::endian::native != std::endian::little) {
      U le = 0;
      for (std::size_t i = 0; i < sizeof(U); ++i) le = static_cast<U>(le << 8 | ((v >> (8 * i)) & 0xFF));
      v = le;
    }
    std::memcpy(p_, &v, sizeof(U));
    p_ += sizeof(U);
  }
  std::byte* p_;
  std::byte* end_;
};

// Type, flags, size, mask: one little-endian 8-byte value.
std::uint64_t ace_header(const Ace& ace, std::size_t size) noexcept {
  return std::uint64_t{static_cast<std::uint8_t>(ace.type)} | std::uint64_t{ace.flags} << 8 |
         std::uint64_t{static_cast<std::uint16_t>(size)} << 16 | std::uint64_t{ace.mask} << 32;
}

// The encoders take the Writer by value and return it, so that its position stays in a register.
Writer encode_ace(Writer w, const Ace& ace) {
  const bool plain = ace.is_plain();
  const std::size_t size = plain ? 8 + ace.sid.binary_size() : ace.binary_size();
  w.u64(ace_header(ace, size));
  if (plain) {
    w.sid(ace.sid);
    return w;
  }
  std::size_t used = 8 + ace.sid.binary_size();
  if (ace.is_object()) {
    std::uint32_t flags = 0;
    if (ace.object_type) flags |= object_ace_flags::object_type_present;
    if (ace.inherited_object_type) flags |= object_ace_flags::inherited_object_type_present;
    w.u32(flags);
    used += 4;
    if (ace.object_type) w.guid(*ace.object_type), used += Guid::binary_size;
    if (ace.inherited_object_type) w.guid(*ace.inherited_object_type), used += Guid::binary_size;
  }
  w.sid(ace.sid);
  // Application data (callback ACEs) or the claim (RA), then zeros to a multiple of 4 bytes,
  // as Windows pads them (every conditional and RA ACE in windows_sddl_binary.tsv; binary_size()
  // counts the padding). Other application data is written as it was read, byte for byte.
  if (ace.condition || ace.resource_attribute) {
    std::vector<std::byte> data;
    if (ace.condition)
      ace.condition->encode_to(data);
    else
      ace.resource_attribute->encode_to(data);
    w.bytes(data);
    w.zeros(size - used - data.size());
  } else {
    w.bytes(ace.application_data);
  }
  return w;
}

// An ACL's size (checked against its 16-bit field) and whether all its ACEs are plain.
struct AclLayout {
  std::size_t size = 0;
  bool plain = true;
};

Writer encode_acl(Writer w, const Acl& acl, const AclLayout& layout) {
  // Revision, Sbz1, size, ACE count, Sbz2: one little-endian 8-byte value.
  w.u64(std::uint64_t{acl.revision} | std::uint64_t{static_cast<std::uint16_t>(layout.size)} << 16 |
        std::uint64_t{static_cast<std::uint16_t>(acl.aces.size())} << 32);
  if (layout.plain) {
    for (const auto& ace : acl.aces) {
      w.u64(ace_header(ace, 8 + ace.sid.binary_size()));
      w.sid(ace.sid);
    }
    return w;
  }
  for (const auto& ace : acl.aces) w = encode_ace(w, ace);
  return w;
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
  SECDESC_TRY(ace.sid, Sid::decode(r.from(p, end - p), p));
  p += ace.sid.binary_size();
  const auto rest = r.from(p, end - p);
  if (info->callback) {
    // MS-DTYP 2.4.4.17: application data starting "artx" is a conditional expression.
    if (is_conditional_application_data(rest)) {
      SECDESC_TRY(ace.condition, ConditionalExpression::decode(rest, p));
    } else {
      ace.application_data.assign(rest.begin(), rest.end());
    }
  } else if (type == AceType::system_resource_attribute) {
    SECDESC_TRY(ace.resource_attribute, Claim::decode(rest, p));
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
    SECDESC_TRY(Ace ace, decode_ace(r, p, ace_size));
    acl.aces.push_back(std::move(ace));
    p += ace_size;
  }
  return acl;
}

}  // namespace

namespace {

// The sizes of a descriptor's parts, measured before anything is written (Windows' order:
// header, SACL, DACL, owner, group).
struct Layout {
  AclLayout sacl, dacl;
  std::size_t owner = 0, group = 0;
  std::size_t total() const noexcept { return 20 + sacl.size + dacl.size + owner + group; }
};

std::optional<Error> measure_acl(const Acl& acl, AclLayout& layout) {
  std::size_t size = Acl::header_size;
  for (const Ace& ace : acl.aces) {
    if (ace.is_plain()) {
      size += 8 + ace.sid.binary_size();
    } else {
      size += ace.binary_size();
      layout.plain = false;
    }
  }
  layout.size = size;
  if (size <= Acl::max_size) return std::nullopt;
  return acl.checked_binary_size().error();
}

std::optional<Error> measure(const SecurityDescriptor& sd, Layout& layout) {
  if (sd.sacl())
    if (auto e = measure_acl(*sd.sacl(), layout.sacl)) return e;
  if (sd.dacl())
    if (auto e = measure_acl(*sd.dacl(), layout.dacl)) return e;
  layout.owner = sd.owner() ? sd.owner()->binary_size() : 0;
  layout.group = sd.group() ? sd.group()->binary_size() : 0;
  return std::nullopt;
}

// Writes every byte of `out` (layout.total() of them, padding included).
void write(const SecurityDescriptor& sd, const Layout& layout, std::span<std::byte> out) {
  std::size_t at = 20;
  auto offset_of = [&](bool present, std::size_t size) -> std::uint32_t {
    if (!present) return 0;
    const std::size_t here = at;
    at += size;
    return static_cast<std::uint32_t>(here);
  };
  const std::uint32_t sacl_at = offset_of(sd.sacl().has_value(), layout.sacl.size);
  const std::uint32_t dacl_at = offset_of(sd.dacl().has_value(), layout.dacl.size);
  const std::uint32_t owner_at = offset_of(sd.owner().has_value(), layout.owner);
  const std::uint32_t group_at = offset_of(sd.group().has_value(), layout.group);
  Writer w(out);
  w.u8(1);  // revision
  w.u8(0);  // Sbz1
  w.u16(static_cast<std::uint16_t>(sd.control() | control::self_relative));
  w.u32(owner_at);
  w.u32(group_at);
  w.u32(sacl_at);
  w.u32(dacl_at);
  if (sd.sacl()) w = encode_acl(w, *sd.sacl(), layout.sacl);
  if (sd.dacl()) w = encode_acl(w, *sd.dacl(), layout.dacl);
  if (sd.owner()) w.sid(*sd.owner());
  if (sd.group()) w.sid(*sd.group());
}

}  // namespace

std::optional<Error> encode_self_relative_into(const SecurityDescriptor& sd,
                                               std::vector<std::byte>& out) {
  Layout layout;
  if (auto e = measure(sd, layout)) {
    out.clear();
    return e;
  }
  // Every byte is written, so bytes left from an earlier call need no clearing: encoding the
  // same shape again does not touch the allocation.
  out.resize(layout.total());
  write(sd, layout, out);
  return std::nullopt;
}

Result<std::vector<std::byte>> encode_self_relative(const SecurityDescriptor& sd) {
  Layout layout;
  if (auto e = measure(sd, layout)) return std::move(*e);
  std::vector<std::byte> out(layout.total());  // allocated once, written in place
  write(sd, layout, out);
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
    SECDESC_TRY(const std::size_t off, offset(field));
    if (off == 0) continue;
    SECDESC_TRY(Sid sid, Sid::decode(bytes.subspan(off), off));
    if (field == 4) sd.set_owner(std::move(sid)); else sd.set_group(std::move(sid));
  }
  struct Part { std::size_t field; std::uint16_t present; bool dacl; };
  for (Part part : {Part{12, control::sacl_present, false}, Part{16, control::dacl_present, true}}) {
    SECDESC_TRY(const std::size_t off, offset(part.field));
    if (!(ctl & part.present)) continue;  // Windows ignores the offset of a part not present
    if (off == 0) {
      if (part.dacl) sd.set_null_dacl(); else sd.set_null_sacl();
      continue;
    }
    SECDESC_TRY(Acl acl, decode_acl(r, off, part.dacl ? "DACL" : "SACL"));
    if (part.dacl) sd.set_dacl(std::move(acl)); else sd.set_sacl(std::move(acl));
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

Result<SecurityDescriptor> decode_self_relative_hex(std::string_view hex) {
  auto bytes = from_hex(hex);
  if (!bytes) return std::move(bytes).error();
  auto decoded = decode_self_relative(*bytes);
  if (!decoded && decoded.error().has_offset()) {
    Error e = std::move(decoded).error();
    e.offset *= 2;
    return e;
  }
  return decoded;
}

}  // namespace secdesc
