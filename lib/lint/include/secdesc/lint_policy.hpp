// secdesc: sddl-lint on TOML policy files (docs/lint-rules.md, "Policy files").
//
// Every .toml file but .sddl-lint.toml is a policy. Its load errors become policy-error findings;
// otherwise its descriptor is linted with each finding placed on the policy entry that wrote the
// ACE ([[dacl.allow]] / [[dacl.deny]], [label], object-name), and each [[expect]] that does not
// hold (access-check emulation) is an expectation-failed finding at the [[expect]] line. A
// `# sddl-lint: disable=rule,...` comment on the line before an entry silences those rules there.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/lint.hpp"

namespace secdesc {

struct PolicyLint {
  std::vector<LintSubject> subjects;  // one per descriptor in the policy
  std::vector<Finding> findings;      // load errors (policy-error)
};

// Is this file a policy (rather than a file to scan for SDDL literals)?
bool is_policy_file(const std::filesystem::path& path, std::string_view content);

// Loads a policy file into subjects to lint. `display_name` is how findings name the file.
PolicyLint lint_policy_file(const std::filesystem::path& path, std::string_view display_name,
                            std::string_view content, const LintSettings& settings);

// Drops the findings that a `# sddl-lint: disable=...` comment on the line before them silences.
std::vector<Finding> apply_policy_suppressions(std::string_view content, std::vector<Finding> findings);

// unused-suppression findings for the rules a `# sddl-lint: disable=...` comment names that
// silence none of `findings` (the policy's findings before suppression); rules that `rules`
// turns off, and bare `disable`, are not judged.
std::vector<Finding> unused_policy_suppressions(std::string_view display_name,
                                                std::string_view content,
                                                const std::vector<Finding>& findings,
                                                const RuleSettings& rules);

// "FILE:LINE:COL: unknown rule 'x'; did you mean 'y'? in sddl-lint comment" for every rule a
// policy's `# sddl-lint: disable=...` comment names that does not exist: a misspelt rule would
// otherwise silence nothing without a word, so it is a usage error, as in C++ sources.
std::vector<std::string> policy_suppression_problems(std::string_view display_name,
                                                     std::string_view content);

}  // namespace secdesc
