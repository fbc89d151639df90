#include "secdesc/sid.hpp"

#include <gtest/gtest.h>

#include "secdesc/binary.hpp"

namespace secdesc {
namespace {

const SidContext kDomain{parse_domain_sid("S-1-5-21-1-2-3").value()};

TEST(Sid, ParsesNumericForms) {
  struct Case { const char* in; const char* out; };
  // Sources: MS-DTYP 2.4.2.1 (string form); windows_sddl_roundtrip.tsv rows for hex and spaces.
  const Case cases[] = {
      {"S-1-5-32-544", "S-1-5-32-544"},
      {"s-1-12-1", "S-1-12-1"},
      {"S-0x1-0XC-0x1a", "S-1-12-26"},
      {"S-1-5000000000-30-40", "S-1-0x12A05F200-30-40"},
      {"S-1-3-4294967296-3-4", "S-1-3-4294967295-3-4"},
      {"S- 1- 2-3", "S-1-2-3"},
      {"S-1-15-2-2", "S-1-15-2-2"},
      {"S-1-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15", "S-1-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15"},
  };
  for (const auto& c : cases) {
    auto sid = parse_sid(c.in);
    ASSERT_TRUE(sid) << c.in << ": " << sid.error().message;
    EXPECT_EQ(sid->to_string(), c.out) << c.in;
  }
}

TEST(Sid, RejectsMalformedWithOffsets) {
  struct Case { const char* in; std::size_t offset; const char* fragment; };
  const Case cases[] = {
      {"S-1-5", 5, "at least one sub-authority"},
      {"S-2-5-1", 2, "revision must be 1"},
      {"S-1-0x1313131313131-513", 4, "48 bits"},
      {"S-1-5-", 6, "sub-authority"},
      {"S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16", 42, "at most 15"},
      {"S-1-5-18 ", 8, "unexpected ' '"},
      {"WDandmore", 0, "neither a SID"},
  };
  for (const auto& c : cases) {
    auto sid = parse_sid(c.in);
    ASSERT_FALSE(sid) << c.in;
    EXPECT_EQ(sid.error().offset, c.offset) << c.in << ": " << sid.error().message;
    EXPECT_NE(sid.error().message.find(c.fragment), std::string::npos) << sid.error().message;
  }
}

TEST(Sid, AliasesResolveCaseInsensitively) {
  EXPECT_EQ(parse_sid("SY").value(), sids::local_system);
  EXPECT_EQ(parse_sid("wD").value(), sids::everyone);
  EXPECT_EQ(parse_sid("IU").value(), sids::interactive);
  EXPECT_EQ(parse_sid("AC").value(), sids::all_app_packages);
  EXPECT_EQ(parse_sid("LW").value(), sids::low_integrity);
  EXPECT_EQ(parse_sid("MP").value(), sids::medium_plus_integrity);
  auto unknown = parse_sid("XX");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::unknown_alias);
  EXPECT_EQ(unknown.error().message, "unknown SID alias 'XX'");
}

TEST(Sid, DomainAliasesNeedADomain) {
  auto da = parse_sid("DA");
  ASSERT_FALSE(da);
  EXPECT_EQ(da.error().code, ErrorCode::domain_required);
  EXPECT_NE(da.error().message.find("domain SID"), std::string::npos);
  EXPECT_EQ(parse_sid("DA", kDomain)->to_string(), "S-1-5-21-1-2-3-512");
  EXPECT_EQ(parse_sid("LA", kDomain)->to_string(), "S-1-5-21-1-2-3-500");
  EXPECT_EQ(parse_sid("EA", kDomain)->to_string(), "S-1-5-21-1-2-3-519");
  EXPECT_FALSE(parse_domain_sid("S-1-5-32-544"));
}

TEST(Sid, AliasAndNameFromTheOneTable) {
  EXPECT_EQ(sid_alias(sids::builtin_administrators), "BA");
  EXPECT_EQ(sid_display_name(sids::builtin_administrators), "BUILTIN\\Administrators");
  EXPECT_EQ(sid_display_name(sids::interactive), "NT AUTHORITY\\INTERACTIVE");
  // S-1-15-2-2 has a name but no alias: Windows writes it numerically.
  EXPECT_FALSE(sid_alias(sids::all_restricted_app_packages));
  EXPECT_TRUE(sid_display_name(sids::all_restricted_app_packages));
  auto du = parse_sid("DU", kDomain).value();
  EXPECT_FALSE(sid_alias(du));
  EXPECT_EQ(sid_alias(du, kDomain), "DU");
  // Every alias in the table resolves to a SID that maps back to the same alias.
  for (const auto& row : well_known_sids()) {
    if (row.alias.empty()) continue;
    auto sid = resolve_sid_alias(row.alias, kDomain);
    ASSERT_TRUE(sid) << row.alias;
    EXPECT_EQ(sid_alias(*sid, kDomain), row.alias);
  }
}

TEST(Sid, BinaryRoundTripAndErrors) {
  std::vector<std::byte> bytes;
  sids::builtin_administrators.encode_to(bytes);
  EXPECT_EQ(to_hex(bytes), "01020000000000052000000020020000");
  EXPECT_EQ(Sid::decode(bytes).value(), sids::builtin_administrators);
  auto shortened = Sid::decode(std::span(bytes).first(12), 100);
  ASSERT_FALSE(shortened);
  EXPECT_EQ(shortened.error().offset, 100u);
  bytes[1] = std::byte{16};
  auto too_many = Sid::decode(bytes);
  ASSERT_FALSE(too_many);
  EXPECT_NE(too_many.error().message.find("at most 15"), std::string::npos);
}

// The SID keeps its first 8 bytes in the binary layout; the accessors, the order and the equality
// must not depend on that.
TEST(Sid, AccessorsOrderAndEqualityOverTheBinaryLayout) {
  const Sid big = Sid::from_parts(0xABCDEF012345ULL, std::vector<std::uint32_t>{1, 0xFFFFFFFFu}).value();
  EXPECT_EQ(big.authority(), 0xABCDEF012345ULL);
  EXPECT_EQ(big.sub_authority_count(), 2u);
  EXPECT_EQ(big.rid(), 0xFFFFFFFFu);
  EXPECT_EQ(big.to_string(), "S-1-0xABCDEF012345-1-4294967295");
  auto bytes = std::vector<std::byte>{};
  big.encode_to(bytes);
  ASSERT_EQ(bytes.size(), 16u);
  EXPECT_EQ(std::to_integer<int>(bytes[0]), 1);
  EXPECT_EQ(std::to_integer<int>(bytes[1]), 2);
  EXPECT_EQ(std::to_integer<int>(bytes[2]), 0xAB);  // authority big-endian
  EXPECT_EQ(std::to_integer<int>(bytes[7]), 0x45);
  EXPECT_EQ(std::to_integer<int>(bytes[8]), 1);     // sub-authorities little-endian
  EXPECT_EQ(std::to_integer<int>(bytes[15]), 0xFF);
  EXPECT_EQ(Sid::decode(bytes).value(), big);

  // Ordered by authority, then sub-authorities, then count.
  EXPECT_LT(sids::everyone, sids::local);                            // 1 < 2
  EXPECT_LT(sids::network, sids::interactive);                       // 5-2 < 5-4
  EXPECT_LT(sids::local_system, sids::builtin_administrators);       // 5-18 < 5-32-544
  EXPECT_LT(Sid(5, {32}), sids::builtin_administrators);             // a prefix first
  EXPECT_FALSE(sids::builtin_administrators < Sid(5, {32}));
  EXPECT_LT(sids::local_system, Sid(0x100000000ULL, {0}));           // authorities above 32 bits
  EXPECT_FALSE(sids::local_system < sids::local_system);
  EXPECT_NE(Sid(5, {18}), Sid(5, {18, 0}));                          // counts differ
  EXPECT_NE(Sid(5, {18}), Sid(6, {18}));                             // authorities differ
  EXPECT_EQ(Sid(5, {32, 544}), sids::builtin_administrators);
  EXPECT_TRUE(Sid(5, {32, 544}).is_prefix_plus_one(Sid(5, {32})));
  EXPECT_FALSE(Sid(5, {32, 544}).is_prefix_plus_one(Sid(6, {32})));
  EXPECT_FALSE(Sid(5, {33, 544}).is_prefix_plus_one(Sid(5, {32})));
  EXPECT_EQ(Sid().to_string(), "S-1-0-0");
}

}  // namespace
}  // namespace secdesc
