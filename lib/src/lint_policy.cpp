// STUB for the policy hook (see lint_policy.hpp): replaced when the policy loader is merged.
#include "secdesc/lint_policy.hpp"

#include <fmt/format.h>

#include "secdesc/lint_config.hpp"

namespace secdesc {

bool is_policy_file(const std::filesystem::path& path, std::string_view /*content*/) {
  return path.extension() == ".toml" && path.filename() != lint_config_file_name;
}

PolicyLint lint_policy_file(const std::filesystem::path& /*path*/, std::string_view display_name,
                            std::string_view /*content*/, const LintSettings& settings) {
  PolicyLint out;
  if (auto severity = settings.rules.severity(Rule::policy_error))
    out.findings.push_back(Finding{
        Rule::policy_error, *severity, std::string(display_name), SourcePosition{1, 1},
        fmt::format("not yet supported: policy files need the policy loader; {}",
                    rule_info(Rule::policy_error).fix)});
  return out;
}

}  // namespace secdesc
