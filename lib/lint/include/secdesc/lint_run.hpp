// secdesc: one sddl-lint run, from the command line's words to findings and an exit status.
//
// The tool (tools/sddl-lint) only parses arguments into a LintRequest, calls run_lint and prints
// the report; everything it does is here, so tests and other front ends get the same behaviour.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/error.hpp"
#include "secdesc/lint.hpp"
#include "secdesc/lint_config.hpp"
#include "secdesc/lint_scanner.hpp"

namespace secdesc {

inline constexpr int lint_exit_clean = 0;     // nothing at error level (nor warning with werror)
inline constexpr int lint_exit_findings = 1;  // something was
inline constexpr int lint_exit_usage = 2;     // usage or I/O error

struct LintRequest {
  std::vector<std::string> inputs;  // files, directories, "-" for standard input
  std::vector<std::string> sddl;    // --sddl strings
  std::optional<std::string> object;      // --object TYPE
  std::optional<std::string> domain_sid;  // --domain-sid SID
  std::vector<std::string> disable;       // --disable RULE[,RULE...]
  std::vector<std::string> enable;        // --enable RULE[,RULE...]
  std::vector<std::string> severity;      // --severity RULE=LEVEL
  bool werror = false;
  std::optional<std::filesystem::path> config;  // --config FILE (else .sddl-lint.toml upward)
  bool no_config = false;                       // --no-config
  std::filesystem::path working_directory;      // empty: the current directory
};

struct LintReport {
  std::vector<Finding> findings;
  std::vector<std::string> problems;  // usage and I/O errors, one line each
  bool usage_error = false;
  bool io_error = false;
  bool werror = false;
  int exit_code() const noexcept;
};

// Defaults, then the config file (if any), then the command line; later settings win.
Result<LintSettings> make_lint_settings(const LintConfig* config, const LintRequest& request);

// Scans one file's text for SDDL literals and lints each. `problems` are malformed or unknown
// sddl-lint comments ("file:line:column: message"): usage errors.
struct SourceLint {
  std::vector<Finding> findings;
  std::vector<std::string> problems;
};
SourceLint lint_source(std::string_view display_name, std::string_view content,
                       SourceLanguage language, const LintSettings& settings);

// One whole run. `standard_input` is read when an input is "-" (one SDDL string per line).
LintReport run_lint(const LintRequest& request, std::istream& standard_input);

}  // namespace secdesc
