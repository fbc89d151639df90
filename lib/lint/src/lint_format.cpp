// Finding formats. SARIF: OASIS SARIF 2.1.0 (sections 3.13 run, 3.19 tool component, 3.27 result,
// 3.49 reportingDescriptor); GitHub workflow commands: "Workflow commands for GitHub Actions".
#include "secdesc/lint_format.hpp"

#include <algorithm>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace secdesc {
namespace {

using ordered_json = nlohmann::ordered_json;

std::string_view sarif_level(Severity s) noexcept {
  // SARIF's levels are error, warning and note: the same words.
  return to_string(s);
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
  for (const auto& f : findings)
    array.push_back(ordered_json{{"rule", f.code},
                                 {"severity", to_string(f.severity)},
                                 {"file", f.where.file},
                                 {"line", f.where.line},
                                 {"column", f.where.column},
                                 {"message", f.message}});
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

std::string format_sarif(std::span<const Finding> findings, const SarifOptions& options) {
  ordered_json rules = ordered_json::array();
  for (const auto& r : lint_rules())
    rules.push_back(ordered_json{
        {"id", r.id},
        {"shortDescription", {{"text", r.summary}}},
        {"fullDescription", {{"text", rule_message(r.rule)}}},
        {"helpUri", fmt::format("{}#{}", options.help_uri_base, r.id)},
        {"defaultConfiguration", {{"level", sarif_level(r.default_severity)}}}});
  ordered_json results = ordered_json::array();
  for (const auto& f : findings) {
    ordered_json result{{"ruleId", f.code}};
    // The index into tool.driver.rules, which lists the rule table in order.
    if (auto rule = rule_of(f)) result["ruleIndex"] = static_cast<std::size_t>(*rule);
    result["level"] = sarif_level(f.severity);
    result["message"] = {{"text", f.message}};
    result["locations"] = ordered_json::array({ordered_json{
        {"physicalLocation",
         {{"artifactLocation", {{"uri", path_to_uri(f.where.file)}}},
          {"region", {{"startLine", f.where.line}, {"startColumn", f.where.column}}}}}}});
    results.push_back(std::move(result));
  }
  ordered_json sarif{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", ordered_json::array({ordered_json{
                   {"tool", {{"driver", {{"name", "sddl-lint"}, {"rules", rules}}}}},
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

std::string format_findings(std::span<const Finding> findings, OutputFormat format,
                            const SarifOptions& options) {
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
