// Finding formats. SARIF: OASIS SARIF 2.1.0 (sections 3.13 run, 3.19 tool component, 3.27 result,
// 3.49 reportingDescriptor); GitHub workflow commands: "Workflow commands for GitHub Actions".
#include "secdesc/lint_format.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "secdesc/text_output.hpp"
#include "secdesc/version.hpp"

namespace secdesc {
namespace {

using ordered_json = nlohmann::ordered_json;

std::string_view sarif_level(Severity s) noexcept {
  // SARIF's levels are error, warning and note: the same words.
  return to_string(s);
}

// A rule's SARIF "friendly name" (reportingDescriptor.name): its id in Pascal case ("null-dacl" -> "NullDacl"), the form
// the SARIF specification's examples and the Multitool (SARIF2012) ask for.
std::string pascal_case(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

std::string_view github_command(Severity s) noexcept {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "notice";
  }
  return "error";
}

}  // namespace

std::string_view to_string(OutputFormat format) noexcept {
  switch (format) {
    case OutputFormat::text: return "text";
    case OutputFormat::json: return "json";
    case OutputFormat::sarif: return "sarif";
    case OutputFormat::github: return "github";
  }
  return "text";
}

std::optional<OutputFormat> parse_output_format(std::string_view name) noexcept {
  for (auto f : {OutputFormat::text, OutputFormat::json, OutputFormat::sarif, OutputFormat::github})
    if (name == to_string(f)) return f;
  return std::nullopt;
}

std::string format_text(std::span<const Finding> findings) {
  std::string out;
  // The policy loader's format with the rule named: findings always have a line and column.
  for (const auto& f : findings) out += format_diagnostic(f, DiagnosticFormat{.show_code = true}) + '\n';
  return out;
}

std::string format_json(std::span<const Finding> findings) {
  ordered_json array = ordered_json::array();
  for (const auto& f : findings) {
    ordered_json item{{"schema_version", lint_json_schema_version},
                      {"tool_version", version},
                      {"rule", f.code},
                      {"severity", to_string(f.severity)},
                      {"file", f.where.file},
                      {"line", f.where.line},
                      {"column", f.where.column},
                      {"message", f.message}};
    // The type the rights were read as, and why: what --explain-type says for the literal.
    if (f.object_type) {
      item["object_type"] = f.object_type->type.empty() ? ordered_json(nullptr)
                                                        : ordered_json(f.object_type->type);
      item["object_type_source"] = f.object_type->source;
      item["object_type_evidence"] = f.object_type->evidence;
    }
    array.push_back(std::move(item));
  }
  return array.dump(2) + "\n";
}

std::string path_to_uri(std::string_view path) {
  std::string out;
  for (char c : path) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved || c == '/')
      out += c;
    else if (c == '\\')
      out += '/';
    else
      out += fmt::format("%{:02X}", u);
  }
  return out;
}

bool is_absolute_uri(std::string_view uri) noexcept {
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ':' and something.
  auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  const std::size_t colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == uri.size()) return false;
  if (!alpha(uri[0])) return false;
  for (char c : uri.substr(0, colon))
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  // No white space or control characters anywhere, and an absolute URI has no fragment.
  for (char c : uri)
    if (static_cast<unsigned char>(c) <= ' ' || c == '\x7f' || c == '#') return false;
  return true;
}

SarifArtifact sarif_artifact(std::string_view path) {
  auto slash = [](char c) { return c == '/' || c == '\\'; };
  // "//server/share/x" (a UNC path): the authority is the server.
  if (path.size() > 2 && slash(path[0]) && slash(path[1]))
    return {"file:" + path_to_uri(path), false};
  if (!path.empty() && slash(path[0])) return {"file://" + path_to_uri(path), false};
  // "C:\x" or "C:/x": a drive letter stays as it is, ':' included.
  const bool drive = path.size() > 2 && ((path[0] >= 'A' && path[0] <= 'Z') ||
                                         (path[0] >= 'a' && path[0] <= 'z')) &&
                     path[1] == ':' && slash(path[2]);
  if (drive) return {fmt::format("file:///{}:{}", path[0], path_to_uri(path.substr(2))), false};
  return {path_to_uri(path), true};
}

std::string format_sarif(std::span<const Finding> findings, const SarifOptions& options) {
  ordered_json rules = ordered_json::array();
  for (const auto& r : lint_rules()) {
    ordered_json rule{
        {"id", r.id},
        {"shortDescription", {{"text", r.summary}}},
        {"fullDescription", {{"text", rule_message(r.rule)}}},
        // Where the rule is documented, in words: a helpUri must be absolute, and secdesc's
        // documentation is in its sources, not at a published address (--sarif-help-uri).
        {"help",
         {{"text", fmt::format("{}. Documented in the secdesc sources: docs/lint-rules.md, "
                               "section '{}'; 'sddl-lint --list-rules' lists every rule.",
                               rule_message(r.rule), r.id)}}}};
    // A one-word id ("syntax") would give a name that differs only in case, which SARIF
    // (3.49.7) and the Multitool (SARIF1001) want left out.
    if (r.id.find('-') != std::string_view::npos) {
      ordered_json named{{"id", r.id}, {"name", pascal_case(r.id)}};
      for (auto& [key, value] : rule.items())
        if (key != "id") named[key] = value;
      rule = std::move(named);
    }
    if (!options.help_uri_base.empty())
      rule["helpUri"] = fmt::format("{}#{}", options.help_uri_base, r.id);
    rule["defaultConfiguration"] = {{"level", sarif_level(r.default_severity)}};
    rules.push_back(std::move(rule));
  }
  ordered_json results = ordered_json::array();
  for (const auto& f : findings) {
    ordered_json result{{"ruleId", f.code}};
    // The index into tool.driver.rules, which lists the rule table in order.
    if (auto rule = rule_of(f)) result["ruleIndex"] = static_cast<std::size_t>(*rule);
    result["level"] = sarif_level(f.severity);
    result["message"] = {{"text", f.message}};
    const SarifArtifact artifact = sarif_artifact(f.where.file);
    ordered_json location{{"uri", artifact.uri}};
    if (artifact.relative) location["uriBaseId"] = sarif_source_root;
    // Columns count code points (SourcePosition), the unit columnKind below declares.
    result["locations"] = ordered_json::array({ordered_json{
        {"physicalLocation",
         {{"artifactLocation", std::move(location)},
          {"region", {{"startLine", f.where.line}, {"startColumn", f.where.column}}}}}}});
    results.push_back(std::move(result));
  }
  ordered_json driver{{"name", "sddl-lint"},
                      {"fullName", fmt::format("sddl-lint (secdesc {})", version)},
                      {"version", version},
                      {"semanticVersion", version}};
  if (!options.information_uri.empty()) driver["informationUri"] = options.information_uri;
  driver["rules"] = std::move(rules);
  ordered_json sarif{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       ordered_json::array({ordered_json{
           {"tool", {{"driver", std::move(driver)}}},
           // The root is where sddl-lint ran; its absolute path is left out so that the log
           // does not depend on the machine (a consumer supplies it, as GitHub does).
           {"originalUriBaseIds",
            {{sarif_source_root,
              {{"description",
                {{"text", "The directory sddl-lint ran in: relative paths in this log are "
                          "relative to it."}}}}}}},
           {"columnKind", "unicodeCodePoints"},
           {"results", results}}})}};
  return sarif.dump(2) + "\n";
}

std::string github_escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  for (char c : github_escape_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string format_github(std::span<const Finding> findings) {
  std::string out;
  for (const auto& f : findings)
    out += fmt::format("::{} file={},line={},col={},title={}::{}\n", github_command(f.severity),
                       github_escape_property(f.where.file), f.where.line, f.where.column,
                       github_escape_property(f.code), github_escape_data(f.message));
  return out;
}

std::string format_findings(std::span<const Finding> input, OutputFormat format,
                            const SarifOptions& options) {
  // Every format is UTF-8 (docs/sddl.md, "Output rule"), but a finding quotes its source: a file
  // name or a literal that is not UTF-8. Such bytes are written as \xNN, so the JSON and SARIF
  // writers never meet them (they would throw) and text and github output stay UTF-8.
  std::vector<Finding> findings(input.begin(), input.end());
  for (auto& f : findings) {
    f.where.file = escape_invalid_utf8(f.where.file);
    f.message = escape_invalid_utf8(f.message);
    for (auto& d : f.details) d = escape_invalid_utf8(d);
  }
  switch (format) {
    case OutputFormat::text: return format_text(findings);
    case OutputFormat::json: return format_json(findings);
    case OutputFormat::sarif: return format_sarif(findings, options);
    case OutputFormat::github: return format_github(findings);
  }
  return format_text(findings);
}

std::string format_rule_list() {
  std::size_t width = 0;
  for (const auto& r : lint_rules()) width = std::max(width, r.id.size());
  std::string out;
  for (const auto& r : lint_rules()) {
    std::string level(to_string(r.default_severity));
    if (r.escalated_severity != r.default_severity)
      level += fmt::format("/{}", to_string(r.escalated_severity));
    out += fmt::format("{:<{}}  {:<13}  {}\n", r.id, width, level, r.summary);
  }
  return out;
}

}  // namespace secdesc
