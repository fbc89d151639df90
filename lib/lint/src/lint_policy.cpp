// sddl-lint for policy files: the policy's descriptor is linted with every ACE's findings placed
// on the [[dacl.allow]] / [[dacl.deny]] entry that wrote it, load errors become policy-error
// findings, and [[expect]] entries that do not hold become expectation-failed findings.
#include "secdesc/lint_policy.hpp"

#include <fmt/format.h>

#include "secdesc/expectations.hpp"
#include "secdesc/lint_config.hpp"
#include "secdesc/policy.hpp"
#include "secdesc/sddl.hpp"
#include "core/internal/text.hpp"

namespace secdesc {
namespace {

// The rules a `# sddl-lint: disable=a,b` comment on line `line` names (empty: none; "*" for
// a bare `# sddl-lint: disable`).
std::vector<std::string> disabled_on_line(std::string_view content, std::size_t line) {
  std::size_t start = 0;
  for (std::size_t n = 1; n < line && start != std::string_view::npos; ++n) {
    start = content.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos || line == 0) return {};
  std::size_t end = content.find('\n', start);
  std::string_view text = content.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
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
  if (!text.starts_with("=")) return {"*"};
  text.remove_prefix(1);
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\r') {
      if (!cur.empty()) out.push_back(cur), cur.clear();
      if (c != ',') break;
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
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
  if (policy.object_name)
    subject.object_name = ObjectName{*policy.object_name,
                                     policy.object_name_value
                                         ? std::optional(policy.object_name_value->position())
                                         : std::nullopt};
  subject.expectation_failures = expectation_failures(policy);
  out.subjects.push_back(std::move(subject));
  return out;
}

std::vector<Finding> apply_policy_suppressions(std::string_view content, std::vector<Finding> findings) {
  std::vector<Finding> kept;
  for (auto& f : findings) {
    const auto rules = f.where.line > 1 ? disabled_on_line(content, f.where.line - 1)
                                        : std::vector<std::string>{};
    bool suppressed = false;
    for (const auto& r : rules)
      if (r == "*" || r == f.code) suppressed = true;
    if (!suppressed) kept.push_back(std::move(f));
  }
  return kept;
}

}  // namespace secdesc
