// secdesc: sddl-lint findings as text for people and machines.
//
//   text    file:line:column: severity: message [rule]        (like a compiler)
//   json    [{"rule", "severity", "file", "line", "column", "message"}, ...]
//   sarif   SARIF 2.1.0 for GitHub code scanning: rules in tool.driver.rules, one result each
//   github  GitHub Actions workflow commands: ::error file=..,line=..,col=..,title=rule::message
//
// Lines and columns are 1-based; columns count characters (see SourcePosition). The text format
// is format_diagnostic's (diagnostic.hpp), the one the policy tools print, with the rule named.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "secdesc/lint.hpp"

namespace secdesc {

enum class OutputFormat : std::uint8_t { text, json, sarif, github };

std::string_view to_string(OutputFormat format) noexcept;
std::optional<OutputFormat> parse_output_format(std::string_view name) noexcept;

struct SarifOptions {
  // helpUri of each rule is this + "#" + rule id. Relative by default: the rules' page in the
  // secdesc source tree; pass an absolute URL to link a published copy.
  std::string help_uri_base = "docs/lint-rules.md";
};

std::string format_text(std::span<const Finding> findings);
std::string format_json(std::span<const Finding> findings);
std::string format_sarif(std::span<const Finding> findings, const SarifOptions& options = {});
std::string format_github(std::span<const Finding> findings);
std::string format_findings(std::span<const Finding> findings, OutputFormat format,
                            const SarifOptions& options = {});

// The table for --list-rules: "id  severity  summary" per rule, aligned.
std::string format_rule_list();

// A path as a relative URI reference: '/' separators, RFC 3986 unreserved characters and '/'
// kept, everything else percent-encoded ("<stdin>" -> "%3Cstdin%3E").
std::string path_to_uri(std::string_view path);

// GitHub workflow-command escaping: data escapes % CR LF; property values also ':' and ','.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

}  // namespace secdesc
