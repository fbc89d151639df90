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

// TL and FL (docs/sddl.md, "Process trust label and access filter ACEs", has the sources).
// The string is what Windows wrote for the \KnownDlls object directory, and Windows' decoding of
// its SACL ACE is "SYSTEM_PROCESS_TRUST_LABEL, flags NONE, DIRECTORY_QUERY|DIRECTORY_TRAVERSE|
// STANDARD_RIGHTS_EXECUTE_READWRITE, S-1-19-512-8192" (SdDumper output, daem0nc0re/TangledWinExec,
// SdDumper/README.md). Its bytes are what SYSTEM_PROCESS_TRUST_LABEL_ACE's layout (ntifs.h:
// Header, Mask, SidStart; type 0x14) gives for those fields: type 0x14, flags 0, size 0x18, mask
// CCDCRC = 0x00020003, then S-1-19-512-8192 (SECURITY_PROCESS_TRUST_AUTHORITY, protection type
// lite, level WinTcb).
constexpr std::string_view kKnownDllsTlAce =
    "14001800" "03000200" "0102000000000013" "00020000" "00200000";

TEST(RoundTrip, ProcessTrustLabelAsWindowsWritesIt) {
  constexpr std::string_view kKnownDlls =
      "O:BAG:SYD:(A;;CCDCLCSWSDRCWDWO;;;BA)(A;;CCDCRC;;;WD)(A;;CCDCRC;;;AC)(A;;CCDCRC;;;RC)"
      "(A;;CCDCRC;;;S-1-15-2-2)S:(TL;;CCDCRC;;;S-1-19-512-8192)";
  auto sd = parse_sddl(kKnownDlls, SddlParseOptions{{}, true});
  ASSERT_TRUE(sd) << sd.error().message;
  ASSERT_TRUE(sd->sacl());
  ASSERT_EQ(sd->sacl()->aces.size(), 1u);
  const Ace& tl = sd->sacl()->aces[0];
  EXPECT_EQ(tl.type, AceType::system_process_trust_label);
  EXPECT_EQ(static_cast<unsigned>(tl.type), 0x14u);
  EXPECT_TRUE(is_process_trust_sid(tl.sid));
  EXPECT_EQ(tl.sid, (Sid{sid_authority::process_trust,
                         {sid_rid::process_protection_type_lite,
                          sid_rid::process_protection_level_wintcb}}));
  EXPECT_EQ(to_sddl(*sd), kKnownDlls);
  auto bytes = encode_self_relative(*sd);
  ASSERT_TRUE(bytes);
  const std::string hex = to_hex(*bytes);
  // The SACL comes first after the 20-byte header (advapi32's layout): its 8-byte header, then
  // exactly Windows' ACE bytes.
  EXPECT_EQ(hex.substr(40, 16), "0200200001000000") << hex;
  EXPECT_EQ(hex.substr(56, kKnownDllsTlAce.size()), kKnownDllsTlAce) << hex;
  auto decoded = decode_self_relative(*bytes);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, *sd);
}

// The \KnownDlls\kernel32.dll section Windows printed in the same README: a label and a trust
// label in one auto-inherited SACL. Windows' string is secdesc's canonical form.
TEST(RoundTrip, LabelAndTrustLabelTogether) {
  constexpr std::string_view kKernel32 =
      "O:BAG:SYD:(A;;CCDCLCSWRC;;;WD)(A;;CCDCLCSWRC;;;AC)(A;;CCDCLCSWRC;;;S-1-15-2-2)"
      "(A;;CCDCLCSWRC;;;RC)(A;;CCDCLCSWRPSDRCWDWO;;;BA)S:AI(ML;;NW;;;LW)"
      "(TL;;CCDCLCSWRC;;;S-1-19-512-8192)";
  auto sd = parse_sddl(kKernel32, SddlParseOptions{{}, true});
  ASSERT_TRUE(sd) << sd.error().message;
  ASSERT_EQ(sd->sacl()->aces.size(), 2u);
  EXPECT_EQ(sd->sacl()->aces[1].type, AceType::system_process_trust_label);
  EXPECT_EQ(to_sddl(*sd), kKernel32);
  auto decoded = decode_self_relative(encode_self_relative(*sd).value());
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, *sd);
}

// From Windows' bytes to SDDL and back to the same bytes: a descriptor holding only that SACL.
TEST(RoundTrip, ProcessTrustLabelFromWindowsBytes) {
  const std::string hex = std::string("01001080" "00000000" "00000000" "14000000" "00000000") +
                          "0200200001000000" + std::string(kKnownDllsTlAce);
  auto bytes = from_hex(hex);
  ASSERT_TRUE(bytes);
  auto sd = decode_self_relative(*bytes);
  ASSERT_TRUE(sd) << sd.error().message;
  EXPECT_EQ(to_sddl(*sd), "S:(TL;;CCDCRC;;;S-1-19-512-8192)");
  auto again = encode_self_relative(*sd);
  ASSERT_TRUE(again);
  EXPECT_EQ(to_hex(*again), hex);
  auto reparsed = parse_sddl(to_sddl(*sd), SddlParseOptions{{}, true});
  ASSERT_TRUE(reparsed) << reparsed.error().message;
  EXPECT_EQ(*reparsed, *sd);
}

// FL carries a conditional expression after the SID (ntifs.h SYSTEM_ACCESS_FILTER_ACE: "Filter
// Condition follows the SID"), which SDDL writes as XA writes its condition: a 7th field.
TEST(RoundTrip, AccessFilterKeepsItsCondition) {
  constexpr std::string_view kText = "S:(FL;;FR;;;WD;(@User.Department == \"Finance\"))";
  auto sd = parse_sddl(kText);
  ASSERT_TRUE(sd) << sd.error().message;
  const Ace& fl = sd->sacl()->aces.at(0);
  EXPECT_EQ(fl.type, AceType::system_access_filter);
  EXPECT_EQ(static_cast<unsigned>(fl.type), 0x15u);
  ASSERT_TRUE(fl.condition);
  // secdesc writes attribute prefixes in upper case, as for XA.
  constexpr std::string_view kCanonical = "S:(FL;;FR;;;WD;(@USER.Department == \"Finance\"))";
  EXPECT_EQ(to_sddl(*sd), kCanonical);
  auto bytes = encode_self_relative(*sd);
  ASSERT_TRUE(bytes);
  // The ACE, byte by byte: header (type 0x15, flags 0, size 0x48), FILE_GENERIC_READ, S-1-1-0,
  // then the condition in MS-DTYP 2.4.4.17's encoding: "artx", a user attribute (0xf9) with its
  // UTF-16 name, a Unicode string literal (0x10), == (0x80), zero padding to 4 bytes.
  const std::string ace = std::string("15004800" "89001200" "010100000000000100000000") +
                          "61727478" +
                          "f9" "14000000" "4400650070006100720074006d0065006e007400" +
                          "10" "0e000000" "460069006e0061006e0063006500" + "80" + "000000";
  const std::string hex = to_hex(*bytes);
  EXPECT_EQ(hex.substr(40, 16), "0200500001000000") << hex;
  EXPECT_EQ(hex.substr(56), ace) << hex;
  auto decoded = decode_self_relative(*bytes);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, *sd);
  EXPECT_EQ(to_sddl(*decoded), kCanonical);
}

// TRUST_PROTECTED_FILTER_ACE_FLAG (0x40, SDDL "TP") shares SUCCESSFUL_ACCESS_ACE_FLAG's bit
// (ntifs.h). Either name sets the bit on any ACE; the emitter writes TP on an FL ACE, SA on any
// other, so both spellings come back in the form that names the bit for that type.
TEST(RoundTrip, TrustProtectedFilterFlag) {
  struct Case { std::string_view in, out; };
  for (const Case& c :
       {Case{"S:(FL;TP;FR;;;WD;(@USER.x == 1))", "S:(FL;TP;FR;;;WD;(@USER.x == 1))"},
        Case{"S:(FL;SA;FR;;;WD;(@USER.x == 1))", "S:(FL;TP;FR;;;WD;(@USER.x == 1))"},
        Case{"S:(FL;OICITP;FR;;;WD;(@USER.x == 1))", "S:(FL;OICITP;FR;;;WD;(@USER.x == 1))"},
        Case{"S:(AU;TP;FR;;;WD)", "S:(AU;SA;FR;;;WD)"},
        Case{"S:(AU;SAFA;FR;;;WD)", "S:(AU;SAFA;FR;;;WD)"}}) {
    auto sd = parse_sddl(c.in);
    ASSERT_TRUE(sd) << c.in << ": " << sd.error().message;
    EXPECT_EQ(sd->sacl()->aces.at(0).flags & ace_flags::trust_protected_filter,
              ace_flags::trust_protected_filter)
        << c.in;
    EXPECT_EQ(to_sddl(*sd), c.out) << c.in;
    auto decoded = decode_self_relative(encode_self_relative(*sd).value());
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, *sd) << c.in;
  }
  // Both names of one bit in one ACE: a repeated flag, like "SASA".
  auto twice = parse_sddl_detailed("S:(FL;SATP;FR;;;WD;(@USER.x == 1))");
  ASSERT_TRUE(twice);
  bool repeated = false;
  for (const auto& n : twice->notes) repeated |= n.kind == SddlNote::Kind::repeated_flag;
  EXPECT_TRUE(repeated);
}

}  // namespace
}  // namespace secdesc
