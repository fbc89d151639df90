// secdesc: HOOK POINT between sddl-lint and the TOML policy loader (issue 5 + the policy work).
//
// sddl-lint hands every policy file to these two functions. Until the policy loader is merged
// they are stubs (lib/src/lint_policy.cpp): is_policy_file() says yes for any .toml file except
// .sddl-lint.toml, and lint_policy_file() reports one policy-error finding, "not yet supported".
//
// What the real body should do, per policy file:
//   * load it; each load or schema error becomes a Finding {Rule::policy_error, severity from
//     settings.rules.severity(Rule::policy_error), display_name, file:line:column, message}
//     (skip it when that severity is nullopt: the rule is off);
//   * for each descriptor the policy defines, make_descriptor_subject(display_name, descriptor,
//     position of its table), set subject.object_type (and object_name when the policy names
//     the object), and put the evaluated [[expect]] failures into
//     subject.expectation_failures (position of each [[expect]], one-line message);
//     if the policy keeps the SDDL text with its position, make_sddl_subject() gives exact
//     columns instead;
//   * return the subjects: the linter runs every rule on them and reports the expectations
//     under the expectation-failed rule.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "secdesc/lint.hpp"

namespace secdesc {

struct PolicyLint {
  std::vector<LintSubject> subjects;  // one per descriptor in the policy
  std::vector<Finding> findings;      // load errors (policy-error)
};

// HOOK: is this file a policy (rather than a file to scan for SDDL literals)? `content` is the
// file's text, for loaders that look inside.
bool is_policy_file(const std::filesystem::path& path, std::string_view content);

// HOOK: loads a policy file into subjects to lint. `display_name` is how findings name the file.
PolicyLint lint_policy_file(const std::filesystem::path& path, std::string_view display_name,
                            std::string_view content, const LintSettings& settings);

}  // namespace secdesc
