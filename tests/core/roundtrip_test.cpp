// Property tests over generated descriptors: parse(to_sddl(sd)) == sd, decode(encode(sd)) == sd.
#include <gtest/gtest.h>

#include <random>

#include "secdesc/binary.hpp"
#include "secdesc/sddl.hpp"

namespace secdesc {
namespace {

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  SecurityDescriptor descriptor() {
    SecurityDescriptor sd;
    if (coin()) sd.set_owner(sid());
    if (coin()) sd.set_group(sid());
    std::uint16_t flags = 0;
    switch (pick(3)) {
      case 0: break;
      case 1: sd.set_null_dacl(); break;
      default:
        sd.set_dacl(acl(AclKind::dacl));
        flags |= control_bits(control::dacl_protected, control::dacl_auto_inherit_req,
                              control::dacl_auto_inherited);
    }
    switch (pick(4)) {
      case 0: case 1: break;
      case 2: sd.set_null_sacl(); break;
      default:
        sd.set_sacl(acl(AclKind::sacl));
        flags |= control_bits(control::sacl_protected, control::sacl_auto_inherit_req,
                              control::sacl_auto_inherited);
    }
    sd.set_control_flags(flags);
    return sd;
  }

 private:
  bool coin() { return pick(2) == 0; }
  std::uint32_t pick(std::uint32_t n) { return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng_); }
  std::uint32_t any32() { return std::uniform_int_distribution<std::uint32_t>()(rng_); }

  std::uint16_t control_bits(std::uint16_t p, std::uint16_t ar, std::uint16_t ai) {
    std::uint16_t bits = 0;
    if (coin()) bits |= p;
    if (pick(4) == 0) bits |= ar;
    if (coin()) bits |= ai;
    return bits;
  }

  Sid sid() {
    if (coin()) {
      auto table = well_known_sids();
      for (;;) {
        const auto& row = table[pick(static_cast<std::uint32_t>(table.size()))];
        if (row.scope == SidScope::fixed) return row.sid;
      }
    }
    std::uint64_t authority = coin() ? pick(20) : (std::uint64_t{any32()} << 16 | pick(65536));
    std::vector<std::uint32_t> subs(1 + pick(15));
    for (auto& s : subs) s = coin() ? pick(1000) : any32();
    return Sid::from_parts(authority, subs).value();
  }

  Guid guid() {
    Guid g{any32(), static_cast<std::uint16_t>(any32()), static_cast<std::uint16_t>(any32()), {}};
    for (auto& b : g.data4) b = static_cast<std::uint8_t>(any32());
    return g;
  }

  Acl acl(AclKind kind) {
    static constexpr AceType dacl_types[] = {AceType::access_allowed, AceType::access_denied,
                                             AceType::access_allowed_object, AceType::access_denied_object};
    static constexpr AceType sacl_types[] = {AceType::system_audit, AceType::system_alarm,
                                             AceType::system_audit_object, AceType::system_alarm_object,
                                             AceType::system_mandatory_label, AceType::system_scoped_policy_id};
    std::vector<Ace> aces(pick(8));
    for (auto& ace : aces) {
      ace.type = kind == AclKind::dacl ? dacl_types[pick(4)] : sacl_types[pick(6)];
      ace.flags = static_cast<std::uint8_t>(any32());
      ace.mask = coin() ? any32() : (any32() & 0xF01F01FF);
      // A label's SID is an integrity level (MS-DTYP 2.4.4.13; strict mode, which reads the
      // output back, refuses any other): S-1-16 with one RID, any value.
      if (ace.type == AceType::system_mandatory_label) {
        const std::uint32_t level[] = {coin() ? pick(0x5001) : any32()};
        ace.sid = Sid::from_parts(sid_authority::mandatory_label, level).value();
      } else {
        ace.sid = sid();
      }
      if (ace.is_object()) {
        // At least one GUID: an object ACE without any reads back as the plain type (docs/sddl.md).
        if (coin()) ace.object_type = guid(); else ace.inherited_object_type = guid();
        if (coin()) ace.inherited_object_type = guid();
      }
    }
    return Acl::with_aces(std::move(aces));
  }

  std::mt19937 rng_;
};

TEST(RoundTrip, SddlAndBinaryOverGeneratedDescriptors) {
  Generator gen(20261127);
  for (int i = 0; i < 3000; ++i) {
    SecurityDescriptor sd = gen.descriptor();
    std::string text = to_sddl(sd);
    auto parsed = parse_sddl(text, SddlParseOptions{{}, true});  // what we emit is strict-clean
    ASSERT_TRUE(parsed) << text << "\n" << parsed.error().offset << ": " << parsed.error().message;
    ASSERT_EQ(*parsed, sd) << "parse(to_sddl(sd)) != sd for " << text;
    auto bytes = encode_self_relative(sd);
    ASSERT_TRUE(bytes) << bytes.error().message;
    auto decoded = decode_self_relative(*bytes);
    ASSERT_TRUE(decoded) << decoded.error().message;
    ASSERT_EQ(*decoded, sd) << "decode(encode(sd)) != sd for " << text;
  }
}

}  // namespace
}  // namespace secdesc
