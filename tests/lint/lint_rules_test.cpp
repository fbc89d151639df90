// The rule table (lint_rules.hpp): stable unique ids, lookups, levels, the did-you-mean message,
// and the per-run RuleSettings.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "secdesc/lint_config.hpp"
#include "secdesc/lint_rules.hpp"

namespace secdesc {
namespace {

TEST(LintRuleTable, IdsAreStableKebabCaseAndUnique) {
  std::vector<std::string_view> seen;
  for (const auto& r : lint_rules()) {
    EXPECT_EQ(find_rule(r.id), r.rule);
    EXPECT_EQ(to_string(r.rule), r.id);
    for (char c : r.id) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '-') << r.id;
    EXPECT_EQ(std::count(seen.begin(), seen.end(), r.id), 0) << r.id;
    seen.push_back(r.id);
    EXPECT_FALSE(r.summary.empty());
    EXPECT_FALSE(r.fix.empty());
    EXPECT_EQ(rule_message(r.rule), fmt::format("{}; {}", r.summary, r.fix));
  }
  EXPECT_EQ(seen.size(), rule_count);
  EXPECT_EQ(closest_rule_id("world-writeable"), "world-writable");
  EXPECT_EQ(closest_rule_id("null"), "null-dacl");
  EXPECT_EQ(closest_rule_id("zzzzzzzzzzzzzz"), std::nullopt);
  EXPECT_EQ(unknown_rule_message("zzzzzzzzzzzzzz").rfind("unknown rule 'zzzzzzzzzzzzzz'; the rules are: syntax, ", 0), 0u);
}

TEST(LintRuleTable, IndexedByRuleInTableOrder) {
  const auto rules = lint_rules();
  ASSERT_EQ(rules.size(), rule_count);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(rules[i].rule), i) << rules[i].id;
    EXPECT_EQ(&rule_info(rules[i].rule), &rules[i]);
  }
  EXPECT_EQ(find_rule("null-dacl"), Rule::null_dacl);
  EXPECT_EQ(find_rule("Null-Dacl"), std::nullopt);  // ids are exact
  EXPECT_EQ(find_rule(""), std::nullopt);
  // Only inherit-flags-on-non-container escalates.
  for (const auto& r : rules) {
    if (r.rule == Rule::inherit_flags_on_non_container)
      EXPECT_NE(r.escalated_severity, r.default_severity);
    else
      EXPECT_EQ(r.escalated_severity, r.default_severity) << r.id;
  }
}

TEST(LintRuleTable, SeverityAndLevelWords) {
  EXPECT_EQ(parse_severity("error"), Severity::error);
  EXPECT_EQ(parse_severity("warning"), Severity::warning);
  EXPECT_EQ(parse_severity("note"), Severity::note);
  EXPECT_EQ(parse_severity("off"), std::nullopt);
  EXPECT_EQ(parse_severity("Error"), std::nullopt);
  for (Severity s : {Severity::error, Severity::warning, Severity::note})
    EXPECT_EQ(parse_severity(to_string(s)), s);

  std::optional<Severity> level = Severity::error;
  EXPECT_TRUE(parse_rule_level("off", level));
  EXPECT_EQ(level, std::nullopt);
  EXPECT_TRUE(parse_rule_level("note", level));
  EXPECT_EQ(level, Severity::note);
  EXPECT_FALSE(parse_rule_level("loud", level));
}

TEST(LintRuleTable, UnknownRuleMessages) {
  EXPECT_EQ(unknown_rule_message("duplicate-aces"),
            "unknown rule 'duplicate-aces'; did you mean 'duplicate-ace'?");
  std::vector<std::string> ids;
  for (const auto& r : lint_rules()) ids.emplace_back(r.id);
  std::string all;
  for (const auto& id : ids) all += (all.empty() ? "" : ", ") + id;
  EXPECT_EQ(unknown_rule_message("q"), "unknown rule 'q'; the rules are: " + all);
}

TEST(RuleSettings, DefaultsOverridesAndOff) {
  RuleSettings s;
  for (const auto& r : lint_rules()) {
    EXPECT_TRUE(s.enabled(r.rule)) << r.id;
    EXPECT_EQ(s.severity(r.rule), r.default_severity) << r.id;
    EXPECT_EQ(s.severity(r.rule, true), r.escalated_severity) << r.id;
  }
  s.disable(Rule::world_writable);
  EXPECT_FALSE(s.enabled(Rule::world_writable));
  EXPECT_EQ(s.severity(Rule::world_writable), std::nullopt);
  s.enable(Rule::world_writable);
  EXPECT_EQ(s.severity(Rule::world_writable), rule_info(Rule::world_writable).default_severity);

  // An override replaces both levels and enables the rule again.
  s.disable(Rule::inherit_flags_on_non_container);
  s.set_severity(Rule::inherit_flags_on_non_container, Severity::note);
  EXPECT_TRUE(s.enabled(Rule::inherit_flags_on_non_container));
  EXPECT_EQ(s.severity(Rule::inherit_flags_on_non_container), Severity::note);
  EXPECT_EQ(s.severity(Rule::inherit_flags_on_non_container, true), Severity::note);
  // Other rules are untouched.
  EXPECT_EQ(s.severity(Rule::null_dacl), rule_info(Rule::null_dacl).default_severity);
}

}  // namespace
}  // namespace secdesc
