// Conditions and resource attributes in policy files (docs/policy-format.md): the `condition`
// key makes XA / XD ACEs, [[resource-attribute]] makes RA ACEs, errors inside a condition point
// at the character in the TOML string, a policy equals the builder calls it stands for, and
// [[expect]] entries with claims are checked end to end.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "secdesc/access_check.hpp"
#include "secdesc/builder.hpp"
#include "secdesc/expectations.hpp"
#include "secdesc/policy.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/token.hpp"

#include "policy_text.hpp"

namespace secdesc {
namespace {

using testing::diagnostics_of;
using testing::sddl_of;

// A section policy whose one allow entry has `condition_line` as its last line.
std::string with_condition(std::string_view condition_line) {
  return fmt::format("object = \"section\"\n[dacl]\n[[dacl.allow]]\nprincipal = \"IU\"\n"
                     "rights = \"read\"\n{}\n",
                     condition_line);
}

TEST(PolicyConditions, AllowBecomesXaDenyBecomesXdAndDeniesComeFirst) {
  // Canonical order: a conditional deny is a deny ACE, before every allow; each kind in the
  // order written.
  EXPECT_EQ(sddl_of(R"P(object = "section"
[dacl]
protected = true
[[dacl.allow]]
principal = "SY"
rights = "all"
[[dacl.allow]]
principal = "IU"
rights = "write"
condition = '(Member_of {SID(LU)} || @Device.Compliance == "Compliant")'
[[dacl.deny]]
principal = "WD"
rights = "write-dac"
condition = "(@User.Clearance < 3)"
[[dacl.deny]]
principal = "AN"
rights = "all"
)P"),
            "D:P(XD;;WD;;;WD;(@USER.Clearance < 3))(D;;GA;;;AN)(A;;GA;;;SY)"
            "(XA;;GW;;;IU;((Member_of {SID(LU)}) || (@DEVICE.Compliance == \"Compliant\")))");
}

TEST(PolicyConditions, OuterParenthesesMayBeLeftOut) {
  EXPECT_EQ(sddl_of(with_condition("condition = \"@User.Level >= 3\"")),
            "D:(XA;;GR;;;IU;(@USER.Level >= 3))");
  EXPECT_EQ(sddl_of(with_condition("condition = \"(@User.a == 1) && (@User.b == 2)\"")),
            "D:(XA;;GR;;;IU;((@USER.a == 1) && (@USER.b == 2)))");
}

TEST(PolicyConditions, TheSamePrincipalWithAndWithoutAConditionIsNoDuplicate) {
  const std::string base = "object = \"section\"\n[dacl]\n"
                           "[[dacl.allow]]\nprincipal = \"IU\"\nrights = \"read\"\n"
                           "[[dacl.allow]]\nprincipal = \"IU\"\nrights = \"write\"\n";
  EXPECT_EQ(sddl_of(base + "condition = \"(Member_of {SID(LU)})\"\n"),
            "D:(A;;GR;;;IU)(XA;;GW;;;IU;(Member_of {SID(LU)}))");
  // The same condition twice is a duplicate, as two plain entries are.
  const std::string twice = "object = \"section\"\n[dacl]\n"
                            "[[dacl.allow]]\nprincipal = \"IU\"\nrights = \"read\"\n"
                            "condition = \"(Member_of {SID(LU)})\"\n"
                            "[[dacl.allow]]\nprincipal = \"IU\"\nrights = \"write\"\n"
                            "condition = \"(Member_of {SID(LU)})\"\n";
  EXPECT_EQ(diagnostics_of(twice),
            std::vector<std::string>{"p.toml:7:1: error: duplicate allow entry for S-1-5-4 (first "
                                     "at line 3): merge the rights into one entry"});
}

// Each error's column was counted by hand on the line shown: it is the character the condition
// parser stopped at, inside the TOML string, through escapes and across lines.
struct ConditionError {
  const char* name;
  std::string toml;
  std::string expected;
};

const std::vector<ConditionError> kConditionErrors = {
    // `condition = "(@User.x === 1)"`: the quote is column 13, the third '=' column 25.
    {"basic_string", with_condition("condition = \"(@User.x === 1)\""),
     "p.toml:6:25: error: condition: expected a value: a number, \"string\", #octets, SID(...) or "
     "{...}, found '= 1)'"},
    // Two \" escapes before the third '&': column 39 in the file, offset 25 in the condition.
    {"escapes", with_condition(R"P(condition = "(@User.Title == \"PM\" &&& 1)")P"),
     "p.toml:6:39: error: condition: expected a condition: an attribute, Member_of..., Exists, "
     "'!(' or '(', found '& 1)'"},
    // The same in a literal string: no escapes, column 37.
    {"literal_string", with_condition(R"P(condition = '(@User.Title == "PM" &&& 1)')P"),
     "p.toml:6:37: error: condition: expected a condition: an attribute, Member_of..., Exists, "
     "'!(' or '(', found '& 1)'"},
    // XX is the 17th character of the condition, column 30.
    {"unknown_alias", with_condition("condition = \"(Member_of {SID(XX)})\""),
     "p.toml:6:30: error: condition: unknown SID alias 'XX'"},
    // Without the outer parentheses: the missing value is at the end of the string (column 23,
    // the closing quote).
    {"bare", with_condition("condition = \"@User.x >\""),
     "p.toml:6:23: error: condition: expected a value: a number, \"string\", #octets, SID(...) or "
     "{...}, found ')'"},
    // A multi-line string continued with a backslash: line 7, the third '=' at column 19.
    {"multi_line", with_condition("condition = \"\"\"(@User.a == 1 \\\n     && @User.b ==== 2)\"\"\""),
     "p.toml:7:19: error: condition: expected a value: a number, \"string\", #octets, SID(...) or "
     "{...}, found '== 2)'"},
    // Columns count characters: "éé" before the value is two columns (four bytes).
    {"non_ascii_before",
     "object = \"section\"\ndacl.allow = [{ comment = \"\xC3\xA9\xC3\xA9\", principal = \"IU\", "
     "rights = \"read\", condition = \"(@User.x === 1)\" }]\n",
     "p.toml:2:92: error: condition: expected a value: a number, \"string\", #octets, SID(...) or "
     "{...}, found '= 1)'"},
    // A domain alias needs the domain SID, as principals do.
    {"domain_alias", with_condition("condition = \"(Member_of {SID(DU)})\""),
     "p.toml:6:30: error: condition: SID alias 'DU' (Domain Users) is relative to a domain: "
     "supply a domain SID (S-1-5-21-x-y-z), e.g. with --domain-sid (set `domain-sid` in the "
     "policy or pass --domain-sid)"},
    {"wrong_type", with_condition("condition = 3"),
     "p.toml:6:13: error: condition must be a string"},
};

class PolicyConditionErrors : public ::testing::TestWithParam<ConditionError> {};

TEST_P(PolicyConditionErrors, PointInsideTheString) {
  EXPECT_EQ(diagnostics_of(GetParam().toml), std::vector<std::string>{GetParam().expected})
      << GetParam().toml;
}

INSTANTIATE_TEST_SUITE_P(Cases, PolicyConditionErrors, ::testing::ValuesIn(kConditionErrors),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(PolicyConditions, RightsErrorsAlsoCountEscapesAndCharacters) {
  // "é" is one column (two bytes); the \u0020 escape before 'map-read' is six characters in the
  // file and one in the rights text.
  auto d = diagnostics_of(
      "object = \"event\"\ndacl.allow = [{ comment = \"\xC3\xA9\", principal = \"IU\", "
      "rights = \"query-state,\\u0020map-read\" }]\n");
  ASSERT_EQ(d.size(), 1u);
  // rights = "query-state,\u0020map-read": the quote is column 59 (16 + 15 + 18 + 9 characters
  // before it), 'm' is 59 + 1 + 12 + 6 = 78.
  EXPECT_EQ(d[0].substr(0, 42), "p.toml:2:78: error: unknown right 'map-rea");
}

TEST(PolicyResourceAttributes, EveryTypeBecomesAnRaAceAfterTheLabel) {
  EXPECT_EQ(sddl_of(R"P(object = "file"
[dacl]
[[dacl.allow]]
principal = "SY"
rights = "all"
[[dacl.deny]]
principal = "WD"
rights = "write"
condition = "(@User.Clearance < @Resource.Secrecy)"
[label]
level = "low"
[[resource-attribute]]
name = "Secrecy"
type = "uint64"
values = [3]
[[resource-attribute]]
name = "Project"
type = "string"
values = ["Alpha", "beta"]
case-sensitive = true
[[resource-attribute]]
name = "Delta"
type = "int64"
values = [-1, 2]
[[resource-attribute]]
name = "Owners"
type = "sid"
values = ["BA", "S-1-5-32-545"]
[[resource-attribute]]
name = "Public"
type = "boolean"
values = [false]
[[resource-attribute]]
name = "Tag"
type = "octet-string"
values = ["0a1B"]
)P"),
            "D:(XD;;GW;;;WD;(@USER.Clearance < @RESOURCE.Secrecy))(A;;GA;;;SY)"
            "S:(ML;;NW;;;LW)(RA;;;;;WD;(\"Secrecy\",TU,0x0,3))"
            "(RA;;;;;WD;(\"Project\",TS,0x2,\"Alpha\",\"beta\"))(RA;;;;;WD;(\"Delta\",TI,0x0,-1,2))"
            "(RA;;;;;WD;(\"Owners\",TD,0x0,SID(BA),SID(BU)))(RA;;;;;WD;(\"Public\",TB,0x0,0))"
            "(RA;;;;;WD;(\"Tag\",TX,0x0,0a1b))");
}

TEST(PolicyResourceAttributes, ErrorsArePositioned) {
  const std::string head = "object = \"section\"\n[dacl]\n";
  EXPECT_EQ(diagnostics_of(head + "[[resource-attribute]]\nname = \"A\"\ntype = \"uint\"\nvalues = [1]\n"),
            std::vector<std::string>{
                "p.toml:5:8: error: unknown resource attribute type 'uint' (did you mean "
                "'uint64'?): expected one of int64, uint64, string, sid, boolean, octet-string"});
  EXPECT_EQ(diagnostics_of(head + "[[resource-attribute]]\nname = \"A\"\ntype = \"uint64\"\nvalues = [1, -2]\n"),
            std::vector<std::string>{
                "p.toml:6:14: error: a uint64 resource attribute takes non-negative integer values"});
  EXPECT_EQ(diagnostics_of(head + "[[resource-attribute]]\nname = \"A\"\ntype = \"string\"\nvalues = []\n"),
            std::vector<std::string>{
                "p.toml:6:10: error: resource-attribute values must be a non-empty array, e.g. "
                "values = [3]"});
  EXPECT_EQ(diagnostics_of(head + "[[resource-attribute]]\nname = \"A\"\ntype = \"sid\"\nvalues = [\"XX\"]\n"),
            std::vector<std::string>{"p.toml:6:11: error: unknown SID alias 'XX'"});
  EXPECT_EQ(diagnostics_of(head + "[[resource-attribute]]\nname = \"A\"\ntype = \"octet-string\"\nvalues = [\"abc\"]\n"),
            std::vector<std::string>{
                "p.toml:6:11: error: a octet-string resource attribute takes hex string (an even "
                "number of hex digits, e.g. \"0a1b\") values"});
  EXPECT_EQ(diagnostics_of(head + "[[resource-attribute]]\nname = \"A\"\ntype = \"int64\"\nvalues = [1]\n"
                                  "[[resource-attribute]]\nname = \"a\"\ntype = \"int64\"\nvalues = [2]\n"),
            std::vector<std::string>{
                "p.toml:7:1: error: resource attribute 'a' is given twice (first at line 3; "
                "names compare case-insensitively)"});
  EXPECT_EQ(diagnostics_of(head + "[[resource-attribute]]\nname = \"A\"\nvalues = [1]\nflags = 1\n"),
            (std::vector<std::string>{
                "p.toml:3:1: error: [[resource-attribute]] needs `type` (int64, uint64, string, "
                "sid, boolean or octet-string)",
                "p.toml:6:1: error: unknown key 'flags' in [[resource-attribute]]; expected one of: "
                "name, type, values, case-sensitive, comment"}));
  // A string value twice (case-insensitively) is what Windows refuses in a claim.
  EXPECT_EQ(diagnostics_of(head + "[[resource-attribute]]\nname = \"A\"\ntype = \"string\"\nvalues = [\"x\", \"X\"]\n"),
            std::vector<std::string>{
                "p.toml:2:1: error: resource attribute 'A': claim 'A' holds the same value twice, "
                "which Windows refuses"});
}

TEST(PolicyConditions, TheBuilderGivesTheSameDescriptor) {
  auto from_policy = load_policy(R"P(object = "file"
[dacl]
protected = true
[[dacl.allow]]
principal = "SY"
rights = "all"
[[dacl.allow]]
principal = "IU"
rights = ["read", "write"]
condition = '(@User.Department == "Finance")'
[[dacl.deny]]
principal = "WD"
rights = "write"
condition = "(@User.Clearance < @Resource.Secrecy)"
[[resource-attribute]]
name = "Secrecy"
type = "uint64"
values = [3]
)P", "p.toml");
  ASSERT_TRUE(from_policy.ok()) << format_diagnostic(from_policy.diagnostics.at(0));
  Claim secrecy;
  secrecy.name = u"Secrecy";
  secrecy.type = ClaimType::uint64;
  secrecy.integers = {3};
  // In words, the condition as SDDL text:
  auto in_words = DescriptorBuilder(ObjectType::file)
                      .protect()
                      .allow(sids::local_system, rights::generic_all)
                      .allow_if("IU", "read, write", "(@User.Department == \"Finance\")")
                      .deny_if("Everyone", "write", "(@User.Clearance < @Resource.Secrecy)")
                      .resource_attribute(secrecy)
                      .build();
  ASSERT_TRUE(in_words) << in_words.error().message;
  EXPECT_EQ(from_policy.policy->descriptor, *in_words);
  // With SIDs, masks and a parsed expression:
  auto condition = parse_conditional_expression("(@User.Department == \"Finance\")");
  ASSERT_TRUE(condition);
  auto typed = DescriptorBuilder(ObjectType::file)
                   .protect()
                   .allow(sids::local_system, rights::generic_all)
                   .allow_if(sids::interactive, rights::generic_read | rights::generic_write, *condition)
                   .deny_if(sids::everyone, rights::generic_write,
                            parse_conditional_expression("(@User.Clearance < @Resource.Secrecy)").value())
                   .resource_attribute(secrecy)
                   .build();
  ASSERT_TRUE(typed) << typed.error().message;
  EXPECT_EQ(*typed, *in_words);
  EXPECT_EQ(to_sddl(*typed),
            "D:P(XD;;GW;;;WD;(@USER.Clearance < @RESOURCE.Secrecy))(A;;GA;;;SY)"
            "(XA;;GWGR;;;IU;(@USER.Department == \"Finance\"))S:(RA;;;;;WD;(\"Secrecy\",TU,0x0,3))");
}

TEST(PolicyConditions, BuilderRefusesBadConditionsAndAttributes) {
  auto bad = DescriptorBuilder(ObjectType::section).allow_if("IU", "read", "(@User.x ==)").build();
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("expected a value"), std::string::npos) << bad.error().message;
  // A hand-made expression that is not one expression (an operator without operands).
  ConditionalExpression broken;
  broken.tokens.push_back(make_operator_token(CondTokenType::logical_and));
  auto refused = DescriptorBuilder(ObjectType::section).allow_if(sids::interactive, 1, broken).build();
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("condition of the allow entry for S-1-5-4"),
            std::string::npos)
      << refused.error().message;
  Claim empty;
  empty.name = u"Level";
  auto no_values = DescriptorBuilder(ObjectType::section).resource_attribute(empty).build();
  ASSERT_FALSE(no_values);
  EXPECT_NE(no_values.error().message.find("resource attribute 'Level' has no value"),
            std::string::npos)
      << no_values.error().message;
}

// [[expect]] with claims, evaluated as sddlc compile does: TRUE grants, FALSE and UNKNOWN do not.
TEST(PolicyConditions, ExpectationsWithClaimsHoldEndToEnd) {
  auto load = load_policy(R"P(object = "section"
[dacl]
[[dacl.allow]]
principal = "IU"
rights = "read"
[[dacl.allow]]
principal = "IU"
rights = "write"
condition = "(@User.Level >= 3)"
[[expect]]
description = "level 3 writes"
token = { preset = "interactive-user", user-claims = "Level:int64:3" }
rights = "map-write"
result = "granted"
[[expect]]
description = "level 2 does not (FALSE)"
token = { preset = "interactive-user", user-claims = "Level:int64:2" }
rights = "map-write"
result = "denied"
[[expect]]
description = "no Level claim does not (UNKNOWN)"
token = "interactive-user"
rights = "map-write"
result = "denied"
[[expect]]
description = "wrongly expected: no claim, granted"
token = "interactive-user"
rights = "map-write"
result = "granted"
)P", "p.toml");
  ASSERT_TRUE(load.ok()) << format_diagnostic(load.diagnostics.at(0));
  auto outcomes = evaluate_expectations(*load.policy);
  ASSERT_EQ(outcomes.size(), 4u);
  EXPECT_TRUE(outcomes[0].holds);
  EXPECT_TRUE(outcomes[1].holds);
  EXPECT_TRUE(outcomes[2].holds);
  EXPECT_FALSE(outcomes[3].holds);
  auto failures = expectation_failures(*load.policy);
  ASSERT_EQ(failures.size(), 1u);
  const std::string text = format_diagnostic(failures[0]);
  EXPECT_NE(text.find("p.toml:25:1: error: expectation failed (wrongly expected: no claim, granted)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("condition UNKNOWN (@USER.Level has no value)"), std::string::npos) << text;
}

}  // namespace
}  // namespace secdesc
