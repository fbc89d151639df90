// ace.hpp: the ACE type table, flag tokens, Ace's predicates and sizes, and the factories.
#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "secdesc/ace.hpp"
#include "secdesc/sddl.hpp"

namespace secdesc {
namespace {

TEST(Ace, TypeTableLookups) {
  auto oa = find_ace_type("oa");  // case-insensitive
  ASSERT_TRUE(oa);
  EXPECT_EQ(oa->type, AceType::access_allowed_object);
  EXPECT_TRUE(oa->object);
  EXPECT_EQ(oa->acl, AclKind::dacl);
  auto xa = find_ace_type(AceType::access_allowed_callback);
  ASSERT_TRUE(xa);
  EXPECT_EQ(xa->sddl, "XA");
  EXPECT_TRUE(xa->callback);
  EXPECT_EQ(find_ace_type("ML")->acl, AclKind::sacl);
  EXPECT_FALSE(find_ace_type("QQ"));
  for (const auto& row : ace_type_table()) {
    auto by_type = find_ace_type(row.type);
    ASSERT_TRUE(by_type);
    EXPECT_EQ(by_type->sddl, row.sddl);
  }
}

TEST(Ace, FlagTokens) {
  bool found_oi = false, found_fa = false;
  for (const auto& t : ace_flag_tokens()) {
    if (t.letters == "OI") found_oi = t.flag == ace_flags::object_inherit;
    if (t.letters == "FA") found_fa = t.flag == ace_flags::failed_access;
  }
  EXPECT_TRUE(found_oi);
  EXPECT_TRUE(found_fa);
}

// 0x40 has two names (ntifs.h: SUCCESSFUL_ACCESS_ACE_FLAG and TRUST_PROTECTED_FILTER_ACE_FLAG):
// emitters write exactly one of them for any ACE type, TP for an access filter ACE.
TEST(Ace, BitFortyIsNamedOncePerAceType) {
  EXPECT_EQ(ace_flags::trust_protected_filter, ace_flags::successful_access);
  for (const auto& row : ace_type_table()) {
    std::vector<std::string_view> names;
    for (const auto& t : ace_flag_tokens())
      if (t.flag == ace_flags::successful_access && writes_flag_token(t, row.type))
        names.push_back(t.letters);
    ASSERT_EQ(names.size(), 1u) << static_cast<unsigned>(row.type);
    EXPECT_EQ(names[0], row.type == AceType::system_access_filter ? "TP" : "SA");
  }
}

TEST(Ace, Factories) {
  Ace allow = make_allow(sids::builtin_users, rights::generic_read, ace_flags::container_inherit);
  EXPECT_EQ(allow.type, AceType::access_allowed);
  EXPECT_EQ(allow.sid, sids::builtin_users);
  EXPECT_EQ(allow.mask, rights::generic_read);
  EXPECT_EQ(allow.flags, ace_flags::container_inherit);
  EXPECT_TRUE(allow.is_allow());
  EXPECT_FALSE(allow.is_deny());
  Ace deny = make_deny(sids::everyone, rights::write_dac);
  EXPECT_EQ(deny.type, AceType::access_denied);
  EXPECT_TRUE(deny.is_deny());
  EXPECT_EQ(deny.flags, 0);
  Ace label = make_mandatory_label(sids::low_integrity, rights::label_no_write_up);
  EXPECT_EQ(label.type, AceType::system_mandatory_label);
  EXPECT_EQ(label.sid, sids::low_integrity);
  EXPECT_FALSE(label.is_allow() || label.is_deny());
}

TEST(Ace, Predicates) {
  Ace ace = make_allow(sids::everyone, 1, ace_flags::inherit_only | ace_flags::inherited);
  EXPECT_TRUE(ace.inherit_only());
  EXPECT_TRUE(ace.inherited());
  EXPECT_FALSE(ace.is_object());
  EXPECT_FALSE(ace.is_callback());
  EXPECT_TRUE(ace.is_plain());
  ace.type = AceType::access_allowed_object;
  EXPECT_TRUE(ace.is_object());
  EXPECT_TRUE(ace.is_allow());
  EXPECT_FALSE(ace.is_plain());
  ace.type = AceType::access_denied_callback;
  EXPECT_TRUE(ace.is_callback());
  EXPECT_TRUE(ace.is_deny());
  EXPECT_FALSE(ace.is_object());
}

TEST(Ace, BinarySize) {
  // Header 4 + mask 4 + S-1-1-0 (12 bytes).
  EXPECT_EQ(make_allow(sids::everyone, 1).binary_size(), 20u);
  // S-1-5-32-544: 16 bytes.
  EXPECT_EQ(make_allow(sids::builtin_administrators, 1).binary_size(), 24u);
  Ace object = make_allow(sids::everyone, 1);
  object.type = AceType::access_allowed_object;
  EXPECT_EQ(object.binary_size(), 24u);  // + the object flags
  object.object_type = Guid::parse("bf967aba-0de6-11d0-a285-00aa003049e2");
  EXPECT_EQ(object.binary_size(), 40u);  // + one GUID
  Ace data = make_allow(sids::everyone, 1);
  data.type = AceType::access_allowed_callback;
  data.application_data = {std::byte{1}, std::byte{2}, std::byte{3}};
  EXPECT_EQ(data.binary_size(), 23u);  // other application data is kept unpadded
}

TEST(Ace, ConditionIsPaddedToFourBytes) {
  auto sd = parse_sddl("D:(XA;;FA;;;WD;(@User.Title == \"PM\"))");
  ASSERT_TRUE(sd) << sd.error().message;
  const Ace& ace = sd->dacl()->aces.at(0);
  ASSERT_TRUE(ace.condition);
  const std::size_t condition = ace.condition->binary_size();
  EXPECT_EQ(ace.binary_size(), 20 + ((condition + 3) / 4) * 4);
  EXPECT_EQ(ace.binary_size() % 4, 0u);
}

}  // namespace
}  // namespace secdesc
