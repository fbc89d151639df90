// sddl-lint for policy files: the policy's descriptor is linted with every ACE's findings placed
// on the [[dacl.allow]] / [[dacl.deny]] entry that wrote it, load errors become policy-error
// findings, and [[expect]] entries that do not hold become expectation-failed findings.
#include "secdesc/lint_policy.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "secdesc/expectations.hpp"
#include "secdesc/lint_config.hpp"
#include "secdesc/lint_rules.hpp"
#include "secdesc/policy.hpp"
#include "secdesc/sddl.hpp"
#include "core/internal/text.hpp"

namespace secdesc {
namespace {

// A rule a `# sddl-lint: disable=a,b` comment names, and its column (1-based) on the line.
struct NamedRule {
  std::string id;
  std::size_t column = 0;
};

// The text of line `line` (1-based) of content; nullopt past the end.
std::optional<std::string_view> line_text(std::string_view content, std::size_t line) {
  std::size_t start = 0;
  for (std::size_t n = 1; n < line && start != std::string_view::npos; ++n) {
    start = content.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos || line == 0) return std::nullopt;
  std::size_t end = content.find('\n', start);
  return content.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

// The rules a `# sddl-lint: disable=a,b` comment on the line names (empty: none; "*" for a bare
// `# sddl-lint: disable`).
std::vector<NamedRule> disabled_in(std::string_view line) {
  std::string_view text = line;
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos || text[first] != '#') return {};
  text.remove_prefix(first + 1);
  const std::size_t tag = text.find("sddl-lint:");
  if (tag == std::string_view::npos || text.substr(0, tag).find_first_not_of(" \t") != std::string_view::npos)
    return {};
  text.remove_prefix(tag + 10);
  text.remove_prefix(std::min(text.size(), text.find_first_not_of(" \t")));
  if (!text.starts_with("disable")) return {};
  text.remove_prefix(7);
  if (!text.starts_with("=")) return {{"*", 0}};
  text.remove_prefix(1);
  // Columns count from the line's start: text is a suffix of line.
  const std::size_t offset = line.size() - text.size();
  std::vector<NamedRule> out;
  NamedRule cur;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ',' || c == ' ' || c == '\t' || c == '\r') {
      if (!cur.id.empty()) out.push_back(std::move(cur)), cur = {};
      if (c != ',') break;
    } else {
      if (cur.id.empty()) cur.column = offset + i + 1;
      cur.id += c;
    }
  }
  if (!cur.id.empty()) out.push_back(std::move(cur));
  return out;
}

std::vector<NamedRule> disabled_on_line(std::string_view content, std::size_t line) {
  auto text = line_text(content, line);
  return text ? disabled_in(*text) : std::vector<NamedRule>{};
}

}  // namespace

bool is_policy_file(const std::filesystem::path& path, std::string_view /*content*/) {
  return path.extension() == ".toml" && path.filename() != lint_config_file_name;
}

PolicyLint lint_policy_file(const std::filesystem::path& /*path*/, std::string_view display_name,
                            std::string_view content, const LintSettings& settings) {
  PolicyLint out;
  PolicyOptions options;
  options.domain_sid = settings.domain;
  PolicyLoad load = load_policy(content, display_name, options);
  if (!load.ok()) {
    if (auto severity = settings.rules.severity(Rule::policy_error))
      for (const auto& d : load.diagnostics)
        out.findings.push_back(make_finding(Rule::policy_error, *severity,
                                            std::string(display_name), d.where.position(),
                                            d.message));
    return out;
  }
  const Policy& policy = *load.policy;

  // The policy's SDDL with, for each character, the place in the policy that wrote it.
  const std::string sddl = to_sddl(policy.descriptor, SddlFormatOptions{policy.context});
  auto parsed = parse_sddl_detailed(sddl, SddlParseOptions{policy.context, false});
  const SourcePosition dacl_at = policy.dacl_table.position();
  std::vector<SourcePosition> positions(sddl.size() + 1, dacl_at);
  if (parsed) {
    for (std::size_t i = 0; i < parsed->dacl_aces.size() && i < policy.dacl_entries.size(); ++i)
      for (std::size_t k = parsed->dacl_aces[i].begin; k < parsed->dacl_aces[i].end; ++k)
        positions[k] = policy.dacl_entries[i].position();
    if (policy.label_table) {
      const std::size_t s_at = sddl.find("S:");
      const SourcePosition label_at = policy.label_table->position();
      for (std::size_t k = s_at == std::string::npos ? sddl.size() : s_at; k < sddl.size(); ++k)
        positions[k] = label_at;
    }
    // The SACL's RA ACEs, in order, are the [[resource-attribute]] tables.
    const auto& sacl = parsed->descriptor.sacl();
    std::size_t attribute = 0;
    for (std::size_t i = 0; sacl && i < parsed->sacl_aces.size() && i < sacl->aces.size(); ++i) {
      if (sacl->aces[i].type != AceType::system_resource_attribute) continue;
      if (attribute >= policy.resource_attribute_entries.size()) break;
      const SourcePosition entry_at =
          policy.resource_attribute_entries[attribute++].position();
      for (std::size_t k = parsed->sacl_aces[i].begin; k < parsed->sacl_aces[i].end; ++k)
        positions[k] = entry_at;
    }
  }
  LintSubject subject = make_sddl_subject(std::string(display_name), sddl,
                                          SourceMap::from_positions(std::move(positions)),
                                          policy.context.domain);
  subject.placeholder_domain = false;  // a policy that parses has every domain SID it needs
  subject.object_type = policy.object_type;
  subject.object_type_basis =
      ObjectTypeBasis{std::string(to_string(policy.object_type)), "policy",
                      fmt::format("object = \"{}\" in the policy", to_string(policy.object_type))};
  if (policy.object_name)
    subject.object_name = ObjectName{*policy.object_name,
                                     policy.object_name_value
                                         ? std::optional(policy.object_name_value->position())
                                         : std::nullopt};
  subject.expectation_failures = expectation_failures(policy);
  subject.data_channel_declared = policy.label_table && !policy.expectations.empty();
  out.subjects.push_back(std::move(subject));
  return out;
}

std::vector<Finding> apply_policy_suppressions(std::string_view content, std::vector<Finding> findings) {
  std::vector<Finding> kept;
  for (auto& f : findings) {
    const auto rules = f.where.line > 1 ? disabled_on_line(content, f.where.line - 1)
                                        : std::vector<NamedRule>{};
    bool suppressed = false;
    for (const auto& r : rules)
      if (r.id == "*" || r.id == f.code) suppressed = true;
    if (!suppressed) kept.push_back(std::move(f));
  }
  return kept;
}

std::vector<Finding> unused_policy_suppressions(std::string_view display_name,
                                                std::string_view content,
                                                const std::vector<Finding>& findings,
                                                const RuleSettings& rules) {
  std::vector<Finding> out;
  const auto severity = rules.severity(Rule::unused_suppression);
  if (!severity) return out;
  std::size_t number = 0;
  for (std::size_t start = 0; start <= content.size();) {
    ++number;
    std::size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    for (const auto& r : disabled_in(content.substr(start, end - start))) {
      const auto rule = find_rule(r.id);
      if (!rule || *rule == Rule::unused_suppression || !rules.enabled(*rule)) continue;
      // apply_policy_suppressions' test: the comment silences findings on the next line.
      const bool used = std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
        return f.where.line == number + 1 && f.code == r.id;
      });
      if (!used)
        out.push_back(make_finding(
            Rule::unused_suppression, *severity, std::string(display_name), {number, r.column},
            fmt::format("'disable={}' silences nothing on the next line; {}", r.id,
                        rule_info(Rule::unused_suppression).fix)));
    }
    start = end + 1;
  }
  return out;
}

std::vector<std::string> policy_suppression_problems(std::string_view display_name,
                                                     std::string_view content) {
  std::vector<std::string> out;
  std::size_t number = 0;
  for (std::size_t start = 0; start <= content.size();) {
    ++number;
    std::size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    for (const auto& r : disabled_in(content.substr(start, end - start)))
      if (r.id != "*" && !find_rule(r.id))
        out.push_back(fmt::format("{}:{}:{}: {} in sddl-lint comment", display_name, number,
                                  r.column, unknown_rule_message(r.id)));
    start = end + 1;
  }
  return out;
}

}  // namespace secdesc
