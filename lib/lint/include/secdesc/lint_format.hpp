// secdesc: sddl-lint findings as text for people and machines.
//
//   text    file:line:column: severity: message [rule]        (like a compiler)
//   json    [{"schema_version", "tool_version", "rule", "severity", "file", "line", "column",
//            "message"}, ...]  (docs/schemas/sddl-lint.schema.json)
//   sarif   SARIF 2.1.0 for GitHub code scanning: rules in tool.driver.rules, one result each;
//           valid for Microsoft's SARIF Multitool (tests/sarif/validate_sarif.sh)
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

// The schema_version of format_json's findings; docs/schemas/sddl-lint.schema.json says the same.
inline constexpr int lint_json_schema_version = 2;

// The name of the root that relative artifact paths in SARIF are relative to (the directory
// sddl-lint ran in): GitHub code scanning's conventional name for the checkout.
inline constexpr std::string_view sarif_source_root = "%SRCROOT%";

struct SarifOptions {
  // Where the rules' documentation is published, as an absolute URI (e.g. https://.../lint-rules.md):
  // each rule's helpUri is this + "#" + rule id. Empty: no helpUri (SARIF requires an absolute
  // URI or a reference that resolves against one; secdesc has no published page of its own), and
  // each rule's `help` text says where in the secdesc sources its section is.
  std::string help_uri_base;
  // tool.driver.informationUri: an absolute URI about this version of sddl-lint. Empty: left out
  // (there is no public homepage to name).
  std::string information_uri;
};

// Whether `uri` is an absolute URI (RFC 3986 section 4.3: scheme ":" hier-part, no fragment), as
// --sarif-help-uri and --sarif-information-uri must be.
bool is_absolute_uri(std::string_view uri) noexcept;

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

// SARIF's artifactLocation of a finding's file: an absolute path ("/x", "C:\x") as a file: URI;
// anything else relative to sarif_source_root (uriBaseId).
struct SarifArtifact {
  std::string uri;
  bool relative = true;  // uri is relative to sarif_source_root
};
SarifArtifact sarif_artifact(std::string_view path);

// GitHub workflow-command escaping: data escapes % CR LF; property values also ':' and ','.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

}  // namespace secdesc
