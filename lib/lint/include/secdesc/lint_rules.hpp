// secdesc: the sddl-lint rules: stable IDs, default severities and one-line messages, in ONE table
// (lib/src/lint_rules.cpp), plus the per-run rule settings (on/off, severity overrides).
//
// docs/lint-rules.md has one section per row, with a bad and a good example; the tests check that
// every row has its section.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "secdesc/diagnostic.hpp"

namespace secdesc {

// Severity (error, warning, note) and its to_string are diagnostic.hpp's.
std::optional<Severity> parse_severity(std::string_view text) noexcept;

// One enumerator per row of the table, in table order.
enum class Rule : std::uint8_t {
  syntax,
  unsupported,
  nonstandard,
  null_dacl,
  empty_dacl,
  non_canonical_order,
  inherit_flags_on_non_container,
  domain_alias,
  world_writable,
  anonymous_access,
  low_integrity_write_blocked,
  label_above_medium,
  multiple_labels,
  appcontainer_unreachable,
  duplicate_ace,
  redundant_ace,
  unknown_rights,
  condition_never_true,
  condition_unknown_result,
  global_namespace,
  expectation_failed,
  policy_error,
  label_not_integrity,
  world_writable_data,
  unused_suppression,
};
inline constexpr std::size_t rule_count = 25;

struct RuleInfo {
  Rule rule;
  std::string_view id;        // stable, kebab-case: what users write in configs and comments
  Severity default_severity;
  // The severity of a finding the check marks as escalated (inherit-flags-on-non-container with
  // IO); equal to default_severity for every other rule.
  Severity escalated_severity;
  std::string_view summary;   // what is wrong, one line
  std::string_view fix;       // how to fix it, one line
};

// The table, in one place; indexed by Rule.
std::span<const RuleInfo> lint_rules() noexcept;
const RuleInfo& rule_info(Rule rule) noexcept;
std::string_view to_string(Rule rule) noexcept;  // the id
std::optional<Rule> find_rule(std::string_view id) noexcept;
// The rule ID closest to a misspelt one (a small edit distance), for "did you mean" messages.
std::optional<std::string_view> closest_rule_id(std::string_view id);
// "unknown rule 'x'; did you mean 'y'?" (or the list of rules when nothing is close).
std::string unknown_rule_message(std::string_view id);
// summary + "; " + fix: the one-line message of the rule.
std::string rule_message(Rule rule);

// Which rules run and at which severity. Starts from the table's defaults; later calls win.
class RuleSettings {
 public:
  RuleSettings() noexcept;

  void disable(Rule rule) noexcept;
  void enable(Rule rule) noexcept;
  // A level other than "off" also enables the rule.
  void set_severity(Rule rule, Severity severity) noexcept;

  bool enabled(Rule rule) const noexcept;
  // nullopt when the rule is off; an override replaces both the default and escalated levels.
  std::optional<Severity> severity(Rule rule, bool escalated = false) const noexcept;

 private:
  std::array<bool, rule_count> enabled_{};
  std::array<std::optional<Severity>, rule_count> override_{};
};

}  // namespace secdesc
