// analyze_condition: what a condition can evaluate to over every caller. Each row is a
// condition, the resource attributes it is analysed with, and the outcomes worked out by hand
// from the evaluation rules (MS-DTYP 2.4.4.17.6/7, docs/conditional-aces.md).
#include "secdesc/condition_analysis.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

namespace secdesc {
namespace {

struct AnalysisCase {
  const char* condition;
  std::vector<const char*> resources;  // RA fields, ("name",TYPE,flags,values); {"-"}: unknown
  const char* outcomes;                // the letters of the possible outcomes: T F U
  const char* reason;                  // a part of never_true_reason ("" when it can be TRUE)
  std::vector<std::string> unknown_without;
  std::vector<std::string> negated_needs;
  const char* why;
};

const std::vector<AnalysisCase> kCases = {
    {"(@User.Level >= 3)", {}, "TFU", "", {"@USER.Level"}, {},
     "a caller without Level gets UNKNOWN; with it TRUE or FALSE"},
    {"(Member_of {SID(BA)})", {}, "TF", "", {}, {},
     "membership of SID literals is never UNKNOWN"},
    {"((Exists @User.x) && (@User.x < 3))", {}, "TF", "", {}, {},
     "the Exists guard makes a missing x FALSE: the two tests are correlated"},
    {"((Not_Exists @User.x) || (@User.x != 1))", {}, "TF", "", {}, {},
     "the usual 'everyone except' written out"},
    {"(@User.x != 1)", {}, "TFU", "", {"@USER.x"}, {"@USER.x"},
     "a negated test: callers without x get UNKNOWN"},
    {"(!(@User.x == 1))", {}, "TFU", "", {"@USER.x"}, {"@USER.x"}, "'!' negates too"},
    {"(!(!(@User.x == 1)))", {}, "TFU", "", {"@USER.x"}, {}, "two negations cancel"},
    {"((@User.a == \"x\") && (@User.a != \"y\"))", {}, "TFU", "", {"@USER.a"}, {},
     "a is also tested plainly: its absence is expected"},
    {"((@User.a == 1) && (@User.a == 2))", {}, "FU", "no value of @USER.a makes both", {"@USER.a"}, {},
     "two different values"},
    {"((@User.a == \"x\") && (@User.a == \"X\"))", {}, "TFU", "", {"@USER.a"}, {},
     "the same string in another case: equal for a case-insensitive claim"},
    {"((@User.a == \"x\") && (@User.a != \"x\"))", {}, "FU", "no value of @USER.a", {"@USER.a"}, {},
     "== and != the same value"},
    {"((@User.a == \"x\") && (@User.a != \"X\"))", {}, "TFU", "", {"@USER.a"}, {},
     "a case-sensitive claim \"x\" passes both"},
    {"((@User.a > 5) && (@User.a < 3))", {}, "FU", "(@USER.a > 5) and (@USER.a < 3)", {"@USER.a"}, {},
     "ranges that do not overlap"},
    {"((@User.a >= 3) && (@User.a <= 3))", {}, "TFU", "", {"@USER.a"}, {}, "exactly 3 passes"},
    {"((@User.a == 4) && (@User.a < 3))", {}, "FU", "no value of @USER.a", {"@USER.a"}, {},
     "a value outside the range"},
    {"((@User.a == 1) && (@User.a == \"1\"))", {}, "FU", "no value of @USER.a", {"@USER.a"}, {},
     "an integer and a string: one of them compares different types"},
    {"((@User.a == {1, 2}) && (@User.a < 3))", {}, "FU", "no value of @USER.a", {"@USER.a"}, {},
     "== two values needs a multi-valued claim, < a single one"},
    {"((Exists @User.a) && (Not_Exists @User.A))", {}, "F", "no value of @USER.a", {}, {},
     "attribute names compare case-insensitively"},
    {"((@User.a >= 0x7fffffffffffffff) && (@User.a < 5))", {}, "FU", "no value of @USER.a",
     {"@USER.a"}, {}, "bounds at the edge of int64"},
    {"((@User.a > 0x7fffffffffffffff) && (@User.b < 5))", {}, "TFU", "", {"@USER.a", "@USER.b"}, {},
     "a uint64 claim can be above INT64_MAX; different attributes do not conflict"},
    {"(@User.a Any_of 1)", {}, "U", "Any_of with one value", {"@USER.a"}, {},
     "the KDC answers UNKNOWN for a single literal"},
    {"(@User.a < {1, 2})", {}, "U", "multi-valued", {"@USER.a"}, {}, "ordering on a list"},
    {"(@User.a < SID(BA))", {}, "U", "only integers and strings have an order", {"@USER.a"}, {},
     "ordering a SID"},
    {"(Member_of {1})", {}, "U", "Member_of takes SIDs only", {}, {},
     "MS-DTYP 2.4.4.17.6: the operand MUST be SIDs"},
    {"(@User.a Contains {})", {}, "F", "nothing contains the empty list", {}, {},
     "Contains {} is FALSE even without the attribute"},
    {"(@User.a Not_Contains {})", {}, "T", "", {}, {}, "and Not_Contains {} TRUE"},
    {"((@User.a == 1) || ((@User.a == 1) && (@User.a == 2)))", {}, "TFU", "", {"@USER.a"}, {},
     "a contradiction under || does not make the whole never TRUE"},
    // Resource attributes: evaluated when the SACL is known.
    {"(@Resource.Secrecy == 3)", {"(\"Secrecy\",TU,0x0,3)"}, "T", "", {}, {},
     "a constant: the object's Secrecy is 3"},
    {"(@Resource.secrecy == 4)", {"(\"Secrecy\",TU,0x0,3)"}, "F", "is always FALSE", {}, {},
     "names compare case-insensitively"},
    {"(@Resource.Secrecy == \"high\")", {"(\"Secrecy\",TU,0x0,3)"}, "U",
     "cannot be compared with a string", {}, {}, "types that never match"},
    {"(@User.Clearance >= @Resource.Level)", {"(\"Secrecy\",TU,0x0,3)"}, "U",
     "the descriptor has no resource attribute 'Level'", {"@USER.Clearance"}, {},
     "the object has no Level"},
    {"(@User.Clearance >= @Resource.Secrecy)", {"(\"Secrecy\",TU,0x0,3)"}, "TFU", "",
     {"@USER.Clearance"}, {}, "the caller's side decides"},
    {"(@User.Clearance >= @Resource.Level)", {"(\"Level\",TU,0x0,1,2)"}, "U", "has 2 values", {"@USER.Clearance"},
     {}, "ordering against a multi-valued resource attribute"},
    {"(Member_of @Resource.Secrecy)", {"(\"Secrecy\",TU,0x0,3)"}, "U", "holds no SIDs", {}, {},
     "Member_of an integer attribute"},
    {"(@User.Clearance >= @Resource.Level)", {"-"}, "TFU", "", {"@USER.Clearance", "@RESOURCE.Level"}, {},
     "without the SACL, resource attributes are unknown like the caller's"},
};

std::string letters(const ConditionAnalysis& a) {
  return fmt::format("{}{}{}", a.can_be_true ? "T" : "", a.can_be_false ? "F" : "",
                     a.can_be_unknown ? "U" : "");
}

TEST(ConditionAnalysis, Table) {
  for (const auto& c : kCases) {
    SCOPED_TRACE(fmt::format("{} ({})", c.condition, c.why));
    auto expr = parse_conditional_expression(c.condition);
    ASSERT_TRUE(expr) << expr.error().message;
    std::optional<std::vector<Claim>> resources = std::vector<Claim>{};
    for (const char* r : c.resources) {
      if (std::string_view(r) == "-") {
        resources.reset();
        break;
      }
      auto claim = parse_resource_attribute(r);
      ASSERT_TRUE(claim) << r;
      resources->push_back(*claim);
    }
    const ConditionAnalysis a = analyze_condition(*expr, resources);
    EXPECT_EQ(letters(a), c.outcomes);
    if (*c.reason)
      EXPECT_NE(a.never_true_reason.find(c.reason), std::string::npos) << a.never_true_reason;
    else
      EXPECT_EQ(a.never_true_reason, "");
    EXPECT_EQ(a.unknown_without, c.unknown_without);
    EXPECT_EQ(a.negated_needs, c.negated_needs);
  }
}

TEST(ConditionAnalysis, ManyAttributesStillAnswer) {
  // Twelve attributes (over the enumeration limit of ten): each is taken as present or absent
  // alone; the contradiction on a is still found.
  std::string text = "((@User.a == 1) && (@User.a == 2)";
  for (char c = 'b'; c <= 'l'; ++c) text += fmt::format(" && (@User.{} == 1)", c);
  text += ")";
  auto expr = parse_conditional_expression(text);
  ASSERT_TRUE(expr);
  const ConditionAnalysis a = analyze_condition(*expr, std::nullopt);
  EXPECT_FALSE(a.can_be_true);
  EXPECT_TRUE(a.can_be_unknown);
  // With a present the contradiction makes the whole FALSE: only a missing a gives UNKNOWN.
  EXPECT_EQ(a.unknown_without, std::vector<std::string>{"@USER.a"});
}

TEST(ConditionAnalysis, AnExpressionThatDoesNotValidateGetsTheDefault) {
  ConditionalExpression broken;
  broken.tokens.push_back(make_operator_token(CondTokenType::logical_and));
  const ConditionAnalysis a = analyze_condition(broken, std::nullopt);
  EXPECT_TRUE(a.can_be_true && a.can_be_false && a.can_be_unknown);
}

}  // namespace
}  // namespace secdesc
