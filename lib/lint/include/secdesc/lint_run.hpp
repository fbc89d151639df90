// secdesc: linting sources, files, directories and lines of SDDL with one set of settings.
//
// The pieces of an sddl-lint run that any front end reuses: the settings from a config and
// already-parsed overrides, and a Linter that gathers the findings of what it is given. The
// command line (its words, the request, the exit status) is the tool's (tools/sddl-lint).
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "secdesc/lint.hpp"
#include "secdesc/lint_config.hpp"
#include "secdesc/lint_scanner.hpp"
#include "secdesc/lint_walk.hpp"

namespace secdesc {

// Settings given on top of the config (a command line's, already parsed): applied in this order
// (disable, enable, severity), then object and domain replace the config's when given.
struct LintOverrides {
  std::vector<Rule> disable;
  std::vector<Rule> enable;
  std::vector<std::pair<Rule, std::optional<Severity>>> severity;  // nullopt: "off"
  std::optional<ObjectType> object;
  std::optional<Sid> domain;
};

// Defaults, then the config file (if any), then the overrides; later settings win.
LintSettings make_lint_settings(const LintConfig* config, const LintOverrides& overrides);

// Scans one file's text for SDDL literals and lints each. `problems` are malformed or unknown
// sddl-lint comments ("file:line:column: message"): usage errors.
struct SourceLint {
  std::vector<Finding> findings;
  std::vector<std::string> problems;
};
SourceLint lint_source(std::string_view display_name, std::string_view content,
                       SourceLanguage language, const LintSettings& settings);

// What a Linter gathered: findings sorted by file, position and rule, and problems, one line
// each: usage problems (malformed sddl-lint comments) and I/O problems (unreadable inputs).
struct LintResults {
  std::vector<Finding> findings;
  std::vector<std::string> problems;
  bool usage_error = false;
  bool io_error = false;
};

// Lints whatever it is given with one set of settings; `finish` hands over the results.
class Linter {
 public:
  // `config`, when given, contributes its exclude patterns (relative to its file's directory).
  explicit Linter(LintSettings settings, const LintConfig* config = nullptr);

  // One SDDL string written on line `line` of `name` (--sddl, a line of standard input).
  void lint_sddl(std::string_view name, std::size_t line, std::string_view text);
  // One SDDL string per line of `in`; blank lines are skipped, a '\r' before '\n' ignored.
  void lint_lines(std::string_view name, std::istream& in);
  // A policy (.toml) or a source file; `display` is how findings name it. Binary files and
  // excluded files are skipped.
  void lint_file(const std::filesystem::path& path, std::string_view display);
  // Every file of a directory tree (walk_directory); findings name files `display_root`/rel.
  void lint_directory(const std::filesystem::path& root, const std::filesystem::path& display_root);
  // A file or a directory named as the user wrote it, relative to `working_directory`.
  void lint_path(std::string_view input, const std::filesystem::path& working_directory);

  LintResults finish();

 private:
  void add(std::vector<Finding> findings);
  void io_problem(std::string message);
  bool excluded(const std::filesystem::path& path) const;

  LintSettings settings_;
  std::filesystem::path config_dir_;
  IgnorePatterns excludes_;
  LintResults results_;
};

}  // namespace secdesc
