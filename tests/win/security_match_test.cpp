// dacl_or_label_difference: what counts as "the section has our DACL and label".
#include <gtest/gtest.h>

#include "secdesc/secdesc.hpp"
#include "secdesc/win/security_match.hpp"
#include "win_test_support.hpp"

namespace secdesc::wintest {
namespace {

struct MatchCase {
  std::string_view scenario;
  std::string_view expected;
  std::string_view actual;
  bool same;
};

// Section generic mapping (object_type.cpp): GR = 0x20005, GW = 0x20002, GA = 0xF001F.
const MatchCase match_cases[] = {
    {"identical", "D:P(A;;GA;;;SY)S:(ML;;NW;;;LW)", "D:P(A;;GA;;;SY)S:(ML;;NW;;;LW)", true},
    {"Windows stores GA mapped to the section's rights", "D:P(A;;GA;;;SY)",
     "D:P(A;;0xf001f;;;SY)", true},
    {"GRGW mapped", "D:(A;;GRGW;;;IU)", "D:(A;;0x20007;;;IU)", true},
    {"owner and group are not compared", "D:(A;;GR;;;WD)", "O:BAG:SYD:(A;;GR;;;WD)", true},
    {"protection bit is not compared", "D:P(A;;GR;;;WD)", "D:(A;;GR;;;WD)", true},
    {"one right more", "D:(A;;GR;;;WD)", "D:(A;;GRGW;;;WD)", false},
    {"another SID", "D:(A;;GR;;;WD)", "D:(A;;GR;;;AU)", false},
    {"ACE order matters (deny after allow)", "D:(D;;GW;;;WD)(A;;GA;;;WD)",
     "D:(A;;GA;;;WD)(D;;GW;;;WD)", false},
    {"extra ACE", "D:(A;;GR;;;WD)", "D:(A;;GR;;;WD)(A;;GA;;;AN)", false},
    {"missing ACE", "D:(A;;GR;;;WD)(A;;GA;;;SY)", "D:(A;;GR;;;WD)", false},
    {"ACE flags differ", "D:(A;;GR;;;WD)", "D:(A;OI;GR;;;WD)", false},
    {"NULL DACL is not an empty DACL", "D:", "D:NO_ACCESS_CONTROL", false},
    {"label missing", "D:(A;;GR;;;WD)S:(ML;;NW;;;LW)", "D:(A;;GR;;;WD)", false},
    {"label level differs", "D:(A;;GR;;;WD)S:(ML;;NW;;;LW)", "D:(A;;GR;;;WD)S:(ML;;NW;;;ME)",
     false},
    {"label policy differs", "D:(A;;GR;;;WD)S:(ML;;NW;;;LW)",
     "D:(A;;GR;;;WD)S:(ML;;NWNR;;;LW)", false},
    {"no label expected, one found", "D:(A;;GR;;;WD)", "D:(A;;GR;;;WD)S:(ML;;NW;;;HI)", false},
};

TEST(SecurityMatchUnderWine, DaclAndLabelComparison) {
  for (const auto& c : match_cases) {
    SCOPED_TRACE(c.scenario);
    const auto difference = win::dacl_or_label_difference(
        parse_or_fail(c.expected), parse_or_fail(c.actual), ObjectType::section);
    if (c.same) {
      EXPECT_FALSE(difference) << *difference;
    } else {
      EXPECT_TRUE(difference) << c.expected << " vs " << c.actual;
    }
  }
}

TEST(SecurityMatchUnderWine, DifferenceNamesTheAce) {
  const auto difference = win::dacl_or_label_difference(
      parse_or_fail("D:(A;;GA;;;SY)(A;;GR;;;WD)"), parse_or_fail("D:(A;;GA;;;SY)(A;;GA;;;WD)"),
      ObjectType::section);
  ASSERT_TRUE(difference);
  EXPECT_NE(difference->find("DACL ACE 1"), std::string::npos) << *difference;
  EXPECT_NE(difference->find("(A;;GR;;;WD)"), std::string::npos) << *difference;
}

}  // namespace
}  // namespace secdesc::wintest
