// access_mask.hpp: the SDDL rights tokens and their formatting.
#include <gtest/gtest.h>

#include "secdesc/access_mask.hpp"

namespace secdesc {
namespace {

TEST(AccessMask, FindsTokensByTheirLetters) {
  auto ga = find_rights_token("GA");
  ASSERT_TRUE(ga);
  EXPECT_EQ(ga->mask, rights::generic_all);
  EXPECT_EQ(ga->kind, RightsTokenKind::single);
  auto fa = find_rights_token("FA");
  ASSERT_TRUE(fa);
  EXPECT_EQ(fa->mask, 0x001F01FFu);
  EXPECT_EQ(fa->kind, RightsTokenKind::composite);
  EXPECT_EQ(find_rights_token("KX")->kind, RightsTokenKind::alias);
  EXPECT_EQ(find_rights_token("NW")->mask, rights::label_no_write_up);
  EXPECT_FALSE(find_rights_token("ZZ"));
  EXPECT_FALSE(find_rights_token("G"));
}

TEST(AccessMask, EveryTableRowIsFoundByItsLetters) {
  ASSERT_FALSE(sddl_rights_tokens().empty());
  for (const auto& t : sddl_rights_tokens()) {
    auto found = find_rights_token(t.letters);
    ASSERT_TRUE(found) << t.letters;
    EXPECT_EQ(found->mask, t.mask) << t.letters;
  }
}

TEST(AccessMask, FormatsLettersCompositesAndNumbers) {
  EXPECT_EQ(format_sddl_rights(0), "");
  EXPECT_EQ(format_sddl_rights(rights::generic_all), "GA");
  EXPECT_EQ(format_sddl_rights(rights::generic_read | rights::generic_write), "GWGR");
  EXPECT_EQ(format_sddl_rights(0x001F01FF), "FA");  // a composite on an exact match only
  EXPECT_EQ(format_sddl_rights(0x00020019), "KR");  // KX is never written
  // A bit no letter covers: the whole mask as a number.
  EXPECT_EQ(format_sddl_rights(0x00400000), "0x400000");
}

TEST(AccessMask, LabelAcesUseTheLabelLetters) {
  EXPECT_EQ(format_sddl_rights(rights::label_no_write_up, true), "NW");
  EXPECT_EQ(format_sddl_rights(rights::label_no_write_up | rights::label_no_read_up, true), "NWNR");
  // Outside a label ACE, bit 0 is a specific right (CC), not NW.
  EXPECT_EQ(format_sddl_rights(rights::label_no_write_up, false), "CC");
  EXPECT_EQ(format_sddl_rights(0x8, true), "0x8");
}

}  // namespace
}  // namespace secdesc
