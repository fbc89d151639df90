// The well-known SID table (sid.hpp, well_known_sids.cpp): aliases, names, principals and
// integrity levels.
#include <gtest/gtest.h>

#include "secdesc/sid.hpp"

namespace secdesc {
namespace {

const Sid kDomain = parse_domain_sid("S-1-5-21-1-2-3").value();

TEST(WellKnownSids, FindAlias) {
  auto ba = find_sid_alias("ba");  // case-insensitive
  ASSERT_TRUE(ba);
  EXPECT_EQ(ba->alias, "BA");
  EXPECT_EQ(ba->scope, SidScope::fixed);
  EXPECT_EQ(ba->sid, sids::builtin_administrators);
  EXPECT_EQ(ba->name, "BUILTIN\\Administrators");
  auto da = find_sid_alias("DA");
  ASSERT_TRUE(da);
  EXPECT_EQ(da->scope, SidScope::domain);
  EXPECT_EQ(da->sid.rid(), 512u);  // Domain Admins
  EXPECT_FALSE(find_sid_alias("QQ"));
  EXPECT_FALSE(find_sid_alias("BAD"));
  EXPECT_FALSE(find_sid_alias(""));
}

TEST(WellKnownSids, EveryAliasOfTheTableIsFound) {
  for (const auto& row : well_known_sids()) {
    if (row.alias.empty()) continue;
    auto found = find_sid_alias(row.alias);
    ASSERT_TRUE(found) << row.alias;
    EXPECT_EQ(found->name, row.name);
  }
}

TEST(WellKnownSids, ResolveAlias) {
  EXPECT_EQ(resolve_sid_alias("SY").value(), sids::local_system);
  auto no_domain = resolve_sid_alias("DA");
  ASSERT_FALSE(no_domain);
  EXPECT_EQ(no_domain.error().code, ErrorCode::domain_required);
  EXPECT_EQ(resolve_sid_alias("ZZ").error().code, ErrorCode::unknown_alias);
  auto da = resolve_sid_alias("DA", SidContext{kDomain});
  ASSERT_TRUE(da);
  EXPECT_EQ(da->to_string(), "S-1-5-21-1-2-3-512");
}

TEST(WellKnownSids, AliasAndDisplayNameOfASid) {
  EXPECT_EQ(sid_alias(sids::everyone), "WD");
  EXPECT_EQ(sid_alias(sids::local_system), "SY");
  EXPECT_EQ(sid_display_name(sids::everyone), "Everyone");
  EXPECT_EQ(sid_display_name(sids::local_system), "NT AUTHORITY\\SYSTEM");
  const Sid other = parse_sid("S-1-5-21-9-9-9-1001").value();
  EXPECT_FALSE(sid_alias(other));
  EXPECT_FALSE(sid_display_name(other));
  // Domain-relative SIDs have their alias only within their domain.
  const Sid admins = parse_sid("S-1-5-21-1-2-3-512").value();
  EXPECT_FALSE(sid_alias(admins));
  EXPECT_EQ(sid_alias(admins, SidContext{kDomain}), "DA");
}

TEST(WellKnownSids, DomainSid) {
  EXPECT_EQ(kDomain.to_string(), "S-1-5-21-1-2-3");
  EXPECT_EQ(parse_domain_sid("S-1-5-32-544").error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(parse_domain_sid("S-1-5-21-1-2").error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(parse_domain_sid("S-1-1-21-1-2-3").error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(parse_domain_sid("S-1-5-x").error().code, ErrorCode::invalid_sid);
}

TEST(WellKnownSids, Principals) {
  EXPECT_EQ(parse_principal("BA").value(), sids::builtin_administrators);
  EXPECT_EQ(parse_principal("S-1-5-32-545").value(), sids::builtin_users);
  EXPECT_EQ(parse_principal("nt authority\\interactive").value(), sids::interactive);
  EXPECT_EQ(parse_principal("INTERACTIVE").value(), sids::interactive);
  EXPECT_FALSE(parse_principal("nobody at all"));
  ASSERT_FALSE(principal_names().empty());
  for (const auto& n : principal_names()) {
    auto words = parse_principal(n.words);
    auto sid = parse_sid(n.sid);
    ASSERT_TRUE(sid) << n.sid;
    ASSERT_TRUE(words) << n.words;
    EXPECT_EQ(*words, *sid) << n.words;
  }
}

TEST(WellKnownSids, IntegrityLevels) {
  EXPECT_EQ(parse_integrity_level("low").value(), sids::low_integrity);
  EXPECT_EQ(parse_integrity_level("Medium-Plus").value(), sids::medium_plus_integrity);
  EXPECT_EQ(parse_integrity_level("S-1-16-12288").value(), sids::high_integrity);
  EXPECT_FALSE(parse_integrity_level("extreme"));
  EXPECT_EQ(integrity_level_name(sids::low_integrity), "low");
  EXPECT_EQ(integrity_level_name(sids::system_integrity), "system");
  const Sid odd = parse_sid("S-1-16-5").value();
  EXPECT_EQ(integrity_level_name(odd), "S-1-16-5");
  for (const auto& level : integrity_level_names()) {
    EXPECT_EQ(parse_integrity_level(level.name).value(), level.sid) << level.name;
    EXPECT_EQ(integrity_level_name(level.sid), level.name);
  }
}

}  // namespace
}  // namespace secdesc
