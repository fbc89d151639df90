// Evaluating conditions: MS-DTYP 2.4.4.17.3 (applicability), 2.4.4.17.6 (relational operators),
// 2.4.4.17.7 (logical operators), and the Windows KDC answers of access_check.tsv where the
// specification's text is silent. Each case names its source.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "secdesc/access_check.hpp"
#include "secdesc/condition_eval.hpp"
#include "secdesc/conditional.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/token.hpp"

namespace secdesc {
namespace {

Claim claim(std::u16string name, ClaimType type, std::vector<std::uint64_t> integers,
            std::vector<std::u16string> strings = {}, std::uint32_t flags = 0) {
  Claim c;
  c.name = std::move(name);
  c.type = type;
  c.flags = flags;
  c.integers = std::move(integers);
  c.strings = std::move(strings);
  return c;
}
Claim strings(std::u16string name, std::vector<std::u16string> values, std::uint32_t flags = 0) {
  return claim(std::move(name), ClaimType::string, {}, std::move(values), flags);
}

ConditionContext example_context() {
  ConditionContext c;
  c.sids = {sids::everyone, sids::builtin_users};
  c.device_sids = {sids::builtin_administrators};
  c.user_claims = {strings(u"Title", {u"PM"}), strings(u"Projects", {u"alpha", u"beta"}),
                   claim(u"Clearance", ClaimType::uint64, {2}),
                   claim(u"Zero", ClaimType::int64, {0}),
                   claim(u"Enabled", ClaimType::boolean, {1}),
                   strings(u"Exact", {u"Blue"}, claim_flags::value_case_sensitive),
                   strings(u"Twice", {u"a", u"A"}),
                   claim(u"Empty", ClaimType::string, {})};
  c.device_claims = {strings(u"colour", {u"orange", u"blue"})};
  c.resource_attributes = {claim(u"Secrecy", ClaimType::uint64, {3})};
  c.local_claims = {claim(u"local", ClaimType::int64, {7})};
  return c;
}

struct Case {
  const char* condition;
  Truth want;
  const char* source;
};

TEST(ConditionEval, OperatorsAndThreeValuedLogic) {
  const ConditionContext context = example_context();
  const Case cases[] = {
      {"(@User.Title == \"PM\")", Truth::true_value, "2.4.4.17.6 =="},
      {"(@User.Title == \"pm\")", Truth::true_value, "KDC rows: strings compare case-insensitively"},
      {"(@User.Exact == \"blue\")", Truth::false_value, "CLAIM_SECURITY_ATTRIBUTE_VALUE_CASE_SENSITIVE"},
      {"(@User.Title != \"QA\")", Truth::true_value, "2.4.4.17.6 !="},
      {"(@User.Missing == \"PM\")", Truth::unknown, "2.4.4.17.6: a missing attribute is UNKNOWN"},
      {"(@User.Empty == \"\")", Truth::unknown, "a claim without values has no value"},
      {"(@User.Clearance < @Resource.Secrecy)", Truth::true_value, "2.4.4.17.6 <, a resource attribute"},
      {"(@User.Clearance >= 2)", Truth::true_value, "uint64 claim against an int64 literal"},
      {"(@User.Clearance > -1)", Truth::true_value, "signed and unsigned compare by value"},
      {"(@User.Projects < \"z\")", Truth::unknown, "2.4.4.17.6: < on a multi-valued attribute"},
      {"(@User.Projects == {\"BETA\", \"alpha\"})", Truth::true_value, "KDC: order-free, case-free =="},
      {"(@User.Projects == {\"alpha\", \"beta\", \"alpha\"})", Truth::false_value,
       "KDC line 171: a repeated literal value is not =="},
      {"(@User.Projects Contains \"alpha\")", Truth::true_value, "2.4.4.17.6 Contains"},
      {"(@User.Projects Contains {\"alpha\", \"gamma\"})", Truth::false_value, "Contains needs all"},
      {"(@User.Projects Contains {})", Truth::false_value, "KDC: Contains {} is FALSE"},
      {"(@User.Missing Not_Contains {})", Truth::true_value, "KDC: Not_Contains {} is TRUE, even absent"},
      {"(@User.Projects Any_of {\"gamma\", \"BETA\"})", Truth::true_value, "2.4.4.17.6 Any_of"},
      {"(@User.Projects Not_Any_of {\"gamma\"})", Truth::true_value, "Not_Any_of"},
      {"(@User.Projects Any_of \"beta\")", Truth::unknown, "KDC line 190: Any_of one literal"},
      {"(@User.Title == 42)", Truth::unknown, "KDC line 193: string against integer"},
      {"((@User.Title == 42) || (@User.Title == \"PM\"))", Truth::unknown,
       "2.4.4.17.6: a processing error makes the whole expression UNKNOWN"},
      {"(@User.Enabled)", Truth::true_value, "2.4.4.17.7: a boolean attribute"},
      {"(@User.Zero)", Truth::false_value, "2.4.4.17.7: an integer attribute is TRUE when non-zero"},
      {"(@User.Title)", Truth::true_value, "2.4.4.17.7: a string attribute is TRUE when not empty"},
      {"(@User.Missing)", Truth::unknown, "2.4.4.17.7: null is UNKNOWN"},
      {"(!(@User.Missing))", Truth::unknown, "!UNKNOWN is UNKNOWN"},
      {"((@User.Missing) && (@User.Zero))", Truth::false_value, "UNKNOWN && FALSE is FALSE"},
      {"((@User.Missing) || (@User.Title))", Truth::true_value, "UNKNOWN || TRUE is TRUE"},
      {"((@User.Missing) && (@User.Title))", Truth::unknown, "UNKNOWN && TRUE is UNKNOWN"},
      {"(Member_of {SID(WD), SID(BU)})", Truth::true_value, "2.4.4.17.6 Member_of: all"},
      {"(Member_of {SID(WD), SID(BA)})", Truth::false_value, "Member_of: all"},
      {"(Member_of_Any {SID(WD), SID(BA)})", Truth::true_value, "Member_of_Any: any"},
      {"(Not_Member_of SID(BA))", Truth::true_value, "Not_Member_of"},
      {"(Device_Member_of SID(BA))", Truth::true_value, "Device_Member_of: DeviceSIDs[]"},
      {"(Member_of {1, 2})", Truth::unknown, "2.4.4.17.6: Member_of takes SIDs"},
      {"(Exists @User.Title)", Truth::true_value, "Exists"},
      {"(Exists @User.Missing)", Truth::false_value, "Exists on an absent attribute"},
      {"(Exists @User.Empty)", Truth::unknown, "KDC: Exists on a claim without values"},
      {"(Not_Exists @Device.colour)", Truth::false_value, "Not_Exists"},
      {"(@Device.COLOUR Contains \"Blue\")", Truth::true_value, "attribute names are case-insensitive"},
      {"(local == 7)", Truth::true_value, "a local attribute"},
      {"(@User.Twice == \"a\")", Truth::unknown, "a claim holding a value twice is refused"},
  };
  for (const auto& c : cases) {
    auto e = parse_conditional_expression(c.condition);
    ASSERT_TRUE(e) << c.condition << ": " << e.error().message;
    const ConditionResult r = evaluate_condition(*e, context);
    EXPECT_EQ(r.value, c.want) << c.condition << " (" << c.source << "): got " << to_string(r.value)
                               << " " << r.reason;
  }
}

TEST(ConditionEval, UnknownSaysWhy) {
  const ConditionContext context = example_context();
  auto r = evaluate_condition(parse_conditional_expression("(@User.Missing == 1)").value(), context);
  EXPECT_EQ(r.value, Truth::unknown);
  EXPECT_EQ(r.reason, "@USER.Missing has no value");
  r = evaluate_condition(parse_conditional_expression("(@User.Title < 5)").value(), context);
  EXPECT_EQ(r.reason, "'<' cannot order a string and an integer");
}

TEST(ConditionEval, UpcaseFollowsWindowsTable) {
  // access_check.tsv, WINDOWS-KDC-BEHAVIOUR rows: mapped pairs compare equal, the later Unicode
  // additions Windows does not map compare by code unit.
  ConditionContext context;
  context.user_claims = {strings(u"a", {u"\u021B\u1E3D\u2178\u2C66\uA66D\u051B\uFF46"}),
                         strings(u"b", {u"\u021A\u1E3C\u2168\u023E\uA66C\u051A\uFF26"}),
                         strings(u"c", {u"\u029E"}), strings(u"d", {u"\uA7B0"}),
                         strings(u"e", {u"\xDF"}), strings(u"f", {u"SS"})};
  auto eval = [&](const char* text) {
    return evaluate_condition(parse_conditional_expression(text).value(), context).value;
  };
  EXPECT_EQ(eval("(@User.a == @User.b)"), Truth::true_value);
  EXPECT_EQ(eval("(@User.c < @User.d)"), Truth::true_value);   // U+029E is not upper-cased
  EXPECT_EQ(eval("(@User.e > @User.f)"), Truth::true_value);   // sharp s stays itself
}

TEST(ConditionEval, ResourceAttributesComeFromTheSacl) {
  auto sd = parse_sddl("S:(RA;;;;;WD;(\"Secrecy\",TU,0x0,3))(RA;;;;;WD;(\"SECRECY\",TU,0x0,9))"
                       "(RA;IO;;;;WD;(\"Hidden\",TU,0x0,1))");
  ASSERT_TRUE(sd) << sd.error().message;
  const auto attributes = resource_attributes(*sd);
  ASSERT_EQ(attributes.size(), 1u);  // first of each name; inherit-only left out
  EXPECT_EQ(attributes[0].integers, std::vector<std::uint64_t>{3});
}

TEST(ConditionEval, AllowNeedsTrueDenyAppliesOnUnknown) {
  // MS-DTYP 2.4.4.17.3: an allow ACE grants only when its condition is TRUE; a deny ACE denies
  // when it is TRUE or UNKNOWN.
  Token token = interactive_user();
  token.user_claims = {strings(u"Department", {u"Finance"})};
  struct Row {
    const char* sddl;
    bool allowed;
    const char* trace;
  };
  const Row rows[] = {
      {"D:(XA;;FR;;;WD;(@User.Department == \"Finance\"))", true, "(condition TRUE): grants"},
      {"D:(XA;;FR;;;WD;(@User.Department == \"Sales\"))", false,
       "condition FALSE: an allow ACE applies only when its condition is TRUE"},
      {"D:(XA;;FR;;;WD;(@User.Title == \"PM\"))", false,
       "condition UNKNOWN (@USER.Title has no value): an allow ACE applies only when its "
       "condition is TRUE"},
      {"D:(XD;;FR;;;WD;(@User.Title == \"PM\"))(A;;FR;;;WD)", false,
       "a deny ACE applies when its condition is UNKNOWN"},
      {"D:(XD;;FR;;;WD;(@User.Department == \"Sales\"))(A;;FR;;;WD)", true,
       "condition FALSE: a deny ACE applies only when its condition is TRUE or UNKNOWN"},
  };
  for (const auto& row : rows) {
    auto sd = parse_sddl(row.sddl);
    ASSERT_TRUE(sd) << sd.error().message;
    const auto r = access_check(*sd, token, rights::generic_read, ObjectType::file);
    EXPECT_EQ(r.allowed, row.allowed) << row.sddl << "\n" << r.trace_text();
    EXPECT_NE(r.trace_text().find(row.trace), std::string::npos) << r.trace_text();
  }
}

TEST(ConditionEval, ValidateClaim) {
  EXPECT_FALSE(validate_claim(strings(u"x", {u"a", u"b"})));
  EXPECT_TRUE(validate_claim(strings(u"x", {u"a", u"A"})));
  EXPECT_FALSE(validate_claim(strings(u"x", {u"a", u"A"}, claim_flags::value_case_sensitive)));
  EXPECT_TRUE(validate_claim(claim(u"x", ClaimType::int64, {5, 5})));
  EXPECT_TRUE(validate_claim(claim(u"", ClaimType::int64, {5})));
}

TEST(ConditionEval, TruthNames) {
  EXPECT_EQ(to_string(Truth::true_value), "TRUE");
  EXPECT_EQ(to_string(Truth::false_value), "FALSE");
  EXPECT_EQ(to_string(Truth::unknown), "UNKNOWN");
}

// MS Learn "SDDL for conditional ACEs", Member_of: an allow ACE's condition sees the enabled
// SIDs, a deny ACE's also the deny-only ones; the claims and device groups come from the token,
// the resource attributes from the descriptor.
TEST(ConditionContext, DenyAcesAlsoSeeDenyOnlySids) {
  Token token = administrator_filtered();  // BA is deny-only
  token.user_deny_only = true;
  token.device_groups = {sids::builtin_users};
  token.user_claims = {strings(u"Title", {u"PM"})};
  token.device_claims = {strings(u"colour", {u"blue"})};
  token.local_claims = {claim(u"local", ClaimType::int64, {7})};
  auto sd = parse_sddl("D:S:(RA;;;;;WD;(\"Secrecy\",TU,0x0,3))");
  ASSERT_TRUE(sd) << sd.error().message;
  auto has = [](const ConditionContext& c, const Sid& sid) {
    return std::find(c.sids.begin(), c.sids.end(), sid) != c.sids.end();
  };
  const ConditionContext allow = make_condition_context(token, *sd, false);
  const ConditionContext deny = make_condition_context(token, *sd, true);
  EXPECT_FALSE(has(allow, sids::builtin_administrators));
  EXPECT_TRUE(has(deny, sids::builtin_administrators));
  EXPECT_FALSE(has(allow, token.user));
  EXPECT_TRUE(has(deny, token.user));
  EXPECT_TRUE(has(allow, sids::everyone));
  EXPECT_TRUE(has(deny, sids::everyone));
  for (const ConditionContext* c : {&allow, &deny}) {
    EXPECT_EQ(c->device_sids, token.device_groups);
    EXPECT_EQ(c->user_claims, token.user_claims);
    EXPECT_EQ(c->device_claims, token.device_claims);
    EXPECT_EQ(c->local_claims, token.local_claims);
    EXPECT_EQ(c->resource_attributes, resource_attributes(*sd));
    ASSERT_EQ(c->resource_attributes.size(), 1u);
    EXPECT_EQ(c->resource_attributes[0].name, u"Secrecy");
  }
}

}  // namespace
}  // namespace secdesc
