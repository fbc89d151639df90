// The SDDL heuristic's pieces (lint/internal/sddl_heuristic.hpp); looks_like_sddl as a whole is
// tested through the scanner (lint_scanner_test.cpp).
#include <gtest/gtest.h>

#include <string_view>

#include "lint/internal/sddl_heuristic.hpp"
#include "secdesc/lint_scanner.hpp"

namespace secdesc::lint_detail {
namespace {

TEST(SddlHeuristic, SectionTags) {
  for (char c : std::string_view("OGDS")) EXPECT_TRUE(is_tag(c)) << c;
  for (char c : std::string_view("ABdo:")) EXPECT_FALSE(is_tag(c)) << c;
}

TEST(SddlHeuristic, PastGroupSkipsQuotedParentheses) {
  EXPECT_EQ(past_group("(a(b)c)d", 0), 7u);
  EXPECT_EQ(past_group("(\")\")x", 0), 5u);
  EXPECT_EQ(past_group("(a(b)", 0), std::string_view::npos);
}

TEST(SddlHeuristic, ClosedAces) {
  EXPECT_TRUE(has_closed_ace("D:(A;;GA;;;SY)"));
  EXPECT_TRUE(has_closed_ace("D:( XA ;;FR;;;WD;(@User.x == 1))"));  // conditional
  EXPECT_FALSE(has_closed_ace("D:(A;;GA"));                          // not closed
  EXPECT_FALSE(has_closed_ace("D:(ABC;;GA;;;SY)"));                  // type of three letters
  EXPECT_FALSE(has_closed_ace("D:(A;)"));                            // one ';' only
  EXPECT_FALSE(has_closed_ace("(1;2;3)"));                           // no letters
}

TEST(SddlHeuristic, TemplateMarksOutsideConditions) {
  EXPECT_TRUE(has_template_mark("D:(A;;GA;;;{0})"));
  EXPECT_TRUE(has_template_mark("O:%s"));
  EXPECT_TRUE(has_template_mark("D:(A;;GA;;;$sid)"));
  // Placeholders for a reader to replace (script-vn/cmd's notes: `sc sdset ... (A;;...;;;PASTE_SID)`).
  EXPECT_TRUE(has_template_mark("D:(A;;CCLCSWRPWPDTLOCRRC;;;PASTE_SID)"));
  EXPECT_TRUE(has_template_mark("O:<SID>G:BA"));
  EXPECT_FALSE(has_template_mark("D:NO_ACCESS_CONTROL"));  // a flag outside any ACE
  EXPECT_FALSE(has_template_mark("D:(XA;;FR;;;WD;(@User.dept_code == \"a_b\"))"));
  // Two parentheses deep, composites and %xxxx are SDDL.
  EXPECT_FALSE(has_template_mark("D:(XA;;FR;;;WD;(@User.x Any_of {1, 2}))"));
  EXPECT_FALSE(has_template_mark("D:(XA;;FR;;;WD;(@User.n == \"a%b\"))"));
}

TEST(SddlHeuristic, BareSections) {
  EXPECT_TRUE(is_bare_sections("O:BAG:SY"));
  EXPECT_TRUE(is_bare_sections("D:P"));
  EXPECT_TRUE(is_bare_sections("O:SYD:PAI"));
  EXPECT_TRUE(is_bare_sections("O:S-1-5-18"));
  EXPECT_FALSE(is_bare_sections("D:"));       // no body anywhere
  EXPECT_FALSE(is_bare_sections("O:XX"));     // not an alias
  EXPECT_FALSE(is_bare_sections("D:data"));   // a path, not flags
  EXPECT_FALSE(is_bare_sections("O:ba"));     // aliases are upper case
}

TEST(SddlHeuristic, LooksLikeSddlCombinesThePieces) {
  EXPECT_TRUE(looks_like_sddl("  D:(A;;GA;;;SY)"));
  EXPECT_TRUE(looks_like_sddl("d:(a;;GA;;;SY)"));  // lower-case tag: only with an ACE
  EXPECT_FALSE(looks_like_sddl("d:P"));
  EXPECT_FALSE(looks_like_sddl("D:\\data"));
  EXPECT_FALSE(looks_like_sddl("D:(A;;GA;;;{0})"));
}

}  // namespace
}  // namespace secdesc::lint_detail
