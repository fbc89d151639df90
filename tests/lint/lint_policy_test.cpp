// Lint of policy text (lint_policy.hpp) without a run: load errors, the subject's map from the
// descriptor's characters to the policy's entries, expectations, and suppression comments.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "secdesc/lint_policy.hpp"

namespace secdesc {
namespace {

std::vector<Finding> lint_policy_text(const std::string& content, const LintSettings& settings = {}) {
  PolicyLint lint = lint_policy_file("p.toml", "dir/p.toml", content, settings);
  std::vector<Finding> out = std::move(lint.findings);
  for (const auto& subject : lint.subjects)
    for (auto& f : apply_policy_suppressions(content, lint_subject(subject, settings)))
      out.push_back(std::move(f));
  return out;
}

const std::string kHeader = "object = \"section\"\n[dacl]\n";  // lines 1-2

TEST(PolicyLintText, LoadErrorsArePolicyErrorFindingsUnlessTheRuleIsOff) {
  const std::string content = kHeader + "[[dacl.allow]]\nprincipal = \"SY\"\nrights = \"reed\"\n";
  const auto findings = lint_policy_text(content);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(rule_of(findings[0]), Rule::policy_error);
  EXPECT_EQ(findings[0].severity, rule_info(Rule::policy_error).default_severity);
  EXPECT_EQ(findings[0].where.file, "dir/p.toml");  // the display name
  EXPECT_EQ(findings[0].where.line, 5u);
  LintSettings off;
  off.rules.disable(Rule::policy_error);
  EXPECT_TRUE(lint_policy_text(content, off).empty());
}

TEST(PolicyLintText, FindingsSayTheTypeCameFromThePolicy) {
  const std::string content = "object = \"named-pipe\"\n[dacl]\n"
                              "[[dacl.allow]]\nprincipal = \"WD\"\nrights = \"all\"\n";
  const auto findings = lint_policy_text(content);
  ASSERT_FALSE(findings.empty());
  for (const auto& f : findings) {
    ASSERT_TRUE(f.object_type.has_value()) << f.code;
    EXPECT_EQ(f.object_type->type, "named-pipe");
    EXPECT_EQ(f.object_type->source, "policy");
    EXPECT_EQ(f.object_type->evidence, "object = \"named-pipe\" in the policy");
  }
}

TEST(PolicyLintText, TheSubjectCarriesTheObjectAndItsEntries) {
  const std::string content = kHeader +
                              "[[dacl.allow]]\nprincipal = \"SY\"\nrights = \"all\"\n"   // 3-5
                              "[[dacl.allow]]\nprincipal = \"BA\"\nrights = \"read\"\n";  // 6-8
  PolicyLint lint = lint_policy_file("p.toml", "p.toml", content, {});
  EXPECT_TRUE(lint.findings.empty());
  ASSERT_EQ(lint.subjects.size(), 1u);
  const LintSubject& s = lint.subjects[0];
  EXPECT_EQ(s.object_type, ObjectType::section);
  EXPECT_FALSE(s.placeholder_domain);
  ASSERT_TRUE(s.parse()) << s.sddl;
  const std::size_t sy = s.sddl.find(";SY)"), ba = s.sddl.find(";BA)");
  ASSERT_NE(sy, std::string::npos) << s.sddl;
  ASSERT_NE(ba, std::string::npos) << s.sddl;
  EXPECT_EQ(s.source.at(sy), (SourcePosition{3, 1}));
  EXPECT_EQ(s.source.at(ba), (SourcePosition{6, 1}));
  EXPECT_TRUE(lint_subject(s, {}).empty());
}

TEST(PolicyLintText, FailedExpectationsSitOnTheirEntry) {
  const std::string content = kHeader + "[[dacl.allow]]\nprincipal = \"SY\"\nrights = \"all\"\n" +
                              "[[expect]]\ntoken = \"interactive-user\"\nrights = \"read\"\n"
                              "result = \"granted\"\n";  // 6-9
  PolicyLint lint = lint_policy_file("p.toml", "p.toml", content, {});
  ASSERT_EQ(lint.subjects.size(), 1u);
  ASSERT_EQ(lint.subjects[0].expectation_failures.size(), 1u);
  EXPECT_EQ(lint.subjects[0].expectation_failures[0].where.position(), (SourcePosition{6, 1}));
  const auto findings = lint_policy_text(content);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(rule_of(findings[0]), Rule::expectation_failed);
  EXPECT_EQ(findings[0].where.position(), (SourcePosition{6, 1}));
}

Finding at_line(Rule rule, std::size_t line) {
  return make_finding(rule, Severity::error, "p.toml", SourcePosition{line, 1}, "m");
}

TEST(PolicySuppressions, OnlyTheLineBeforeAndOnlyTheNamedRules) {
  const std::string content =
      "# sddl-lint: disable=world-writable,null-dacl -- why\n"  // 1
      "[[dacl.allow]]\n"                                       // 2
      "#sddl-lint: disable\n"                                  // 3: every rule
      "[[dacl.allow]]\n"                                       // 4
      "x = 1 # sddl-lint: disable\n"                           // 5: not alone on its line
      "[[dacl.allow]]\n"                                       // 6
      "\n"                                                     // 7
      "[[dacl.allow]]\n";                                      // 8
  const std::vector<Finding> findings{
      at_line(Rule::world_writable, 2), at_line(Rule::null_dacl, 2),
      at_line(Rule::duplicate_ace, 2),  at_line(Rule::duplicate_ace, 4),
      at_line(Rule::world_writable, 6), at_line(Rule::world_writable, 8),
      at_line(Rule::world_writable, 1)};
  const auto kept = apply_policy_suppressions(content, findings);
  std::vector<std::pair<Rule, std::size_t>> got;
  for (const auto& f : kept) got.emplace_back(rule_of(f).value(), f.where.line);
  EXPECT_EQ(got, (std::vector<std::pair<Rule, std::size_t>>{{Rule::duplicate_ace, 2},
                                                             {Rule::world_writable, 6},
                                                             {Rule::world_writable, 8},
                                                             {Rule::world_writable, 1}}));
}

}  // namespace
}  // namespace secdesc
