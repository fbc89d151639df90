// acl.hpp: revisions, sizes and the 64 KiB limit.
#include <gtest/gtest.h>

#include "secdesc/acl.hpp"

namespace secdesc {
namespace {

TEST(Acl, RevisionFollowsTheAces) {
  std::vector<Ace> plain = {make_allow(sids::everyone, 1)};
  EXPECT_EQ(Acl::required_revision(plain), Acl::revision_default);
  EXPECT_EQ(Acl::required_revision({}), Acl::revision_default);
  std::vector<Ace> with_object = plain;
  with_object.push_back(make_allow(sids::everyone, 1));
  with_object.back().type = AceType::access_allowed_object;
  EXPECT_EQ(Acl::required_revision(with_object), Acl::revision_ds);

  Acl acl = Acl::with_aces(with_object);
  EXPECT_EQ(acl.revision, Acl::revision_ds);
  EXPECT_EQ(acl.aces, with_object);
  EXPECT_EQ(Acl::with_aces(plain).revision, Acl::revision_default);
}

TEST(Acl, BinarySizeIsTheHeaderPlusTheAces) {
  Acl acl;
  EXPECT_EQ(acl.binary_size(), Acl::header_size);
  acl.aces.push_back(make_allow(sids::everyone, 1));                // 20 bytes
  acl.aces.push_back(make_deny(sids::builtin_administrators, 1));   // 24 bytes
  EXPECT_EQ(acl.binary_size(), 8u + 20u + 24u);
  auto checked = acl.checked_binary_size();
  ASSERT_TRUE(checked);
  EXPECT_EQ(*checked, acl.binary_size());
}

TEST(Acl, CheckedSizeRefusesMoreThan65535Bytes) {
  // (65535 - 8) / 20 = 3276 ACEs of 20 bytes fit; one more does not.
  Acl acl;
  acl.aces.assign(3276, make_allow(sids::everyone, 1));
  EXPECT_TRUE(acl.checked_binary_size());
  acl.aces.push_back(make_allow(sids::everyone, 1));
  auto too_big = acl.checked_binary_size();
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().code, ErrorCode::limit_exceeded);
  EXPECT_NE(too_big.error().message.find("65535"), std::string::npos);
}

}  // namespace
}  // namespace secdesc
