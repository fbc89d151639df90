// secdesc: the sddl-lint configuration file, .sddl-lint.toml.
//
//   disable = ["redundant-ace"]          # rules that do not run
//   enable = ["redundant-ace"]           # rules that run again (after disable)
//   object = "section"                   # object type of literals that name none
//   domain-sid = "S-1-5-21-1-2-3"        # resolve DA, DU, LA, ... and silence domain-alias
//   exclude = ["third_party/**", "*.generated.cpp"]   # gitignore-style, relative to this file
//   [severity]
//   world-writable = "warning"           # error | warning | note | off
//
// Unknown keys, rules, levels and object types are errors, with a "did you mean".
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "secdesc/error.hpp"
#include "secdesc/lint_rules.hpp"
#include "secdesc/object_type.hpp"
#include "secdesc/sid.hpp"

namespace secdesc {

inline constexpr std::string_view lint_config_file_name = ".sddl-lint.toml";

struct LintConfig {
  std::filesystem::path path;  // the file it was read from (empty for a config built in code)
  std::vector<Rule> disable;
  std::vector<Rule> enable;
  std::vector<std::pair<Rule, std::optional<Severity>>> severity;  // nullopt: "off"
  std::optional<ObjectType> object;
  std::optional<Sid> domain;
  std::vector<std::string> exclude;  // patterns relative to path.parent_path()
};

// Parses the TOML text; `path` names the file in messages ("path:line:column: ...").
Result<LintConfig> parse_lint_config(std::string_view text, const std::filesystem::path& path);
// Reads and parses a file; I/O problems are errors too.
Result<LintConfig> load_lint_config(const std::filesystem::path& path);
// The nearest .sddl-lint.toml in `start` or one of its parent directories.
std::optional<std::filesystem::path> find_lint_config(const std::filesystem::path& start);

// A rule level word: "error", "warning", "note" (level set) or "off" (level reset); false for
// anything else.
bool parse_rule_level(std::string_view text, std::optional<Severity>& level) noexcept;

}  // namespace secdesc
