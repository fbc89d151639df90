// sddl-lint: one run of the tool, from the command line's words to findings and an exit status.
//
// main.cpp only parses arguments into a LintRequest, calls run_lint and prints the report; the
// mapping of the words to settings and the exit status are here, so that tests run the tool's
// behaviour without starting it. The linting itself is the library's (secdesc/lint_run.hpp).
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "secdesc/error.hpp"
#include "secdesc/lint.hpp"
#include "secdesc/lint_config.hpp"
#include "secdesc/lint_run.hpp"

namespace secdesc::lint_cli {

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

// The request's option words as overrides; a usage error names the option and what was meant.
Result<LintOverrides> parse_overrides(const LintRequest& request);

// Defaults, then the config file (if any), then the command line; later settings win.
Result<LintSettings> make_lint_settings(const LintConfig* config, const LintRequest& request);

// One whole run. `standard_input` is read when an input is "-" (one SDDL string per line).
LintReport run_lint(const LintRequest& request, std::istream& standard_input);

// --explain-type: for each input file (directories walked as for linting), each literal's
// object type and evidence (explain_object_types) on standard output; unreadable inputs on
// standard error. Returns the exit status (lint_exit_usage when an input could not be read).
int explain_types(const LintRequest& request);

}  // namespace secdesc::lint_cli
