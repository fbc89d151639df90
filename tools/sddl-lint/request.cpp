#include "request.hpp"

#include <fstream>
#include <istream>
#include <sstream>
#include <string_view>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "secdesc/lint_scanner.hpp"
#include "secdesc/lint_walk.hpp"

namespace secdesc::lint_cli {
namespace {

namespace fs = std::filesystem;

Error usage(std::string message) {
  return make_error(ErrorCode::invalid_argument, Error::no_offset, std::move(message));
}

// "a,b" and repeated options both list several rules.
Result<std::vector<Rule>> rule_list(std::string_view option, const std::vector<std::string>& words) {
  std::vector<Rule> out;
  for (const auto& w : words) {
    std::size_t from = 0;
    for (;;) {
      std::size_t comma = w.find(',', from);
      std::string_view id = std::string_view(w).substr(
          from, comma == std::string::npos ? std::string::npos : comma - from);
      if (!id.empty()) {
        auto rule = find_rule(id);
        if (!rule) return usage(fmt::format("{}: {}", option, unknown_rule_message(id)));
        out.push_back(*rule);
      }
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
  }
  return out;
}

// --severity RULE=LEVEL.
Result<std::pair<Rule, std::optional<Severity>>> rule_level(const std::string& word) {
  const std::size_t eq = word.find('=');
  if (eq == std::string::npos)
    return usage(fmt::format("--severity '{}': expected RULE=LEVEL, e.g. world-writable=warning",
                             word));
  const std::string_view id = std::string_view(word).substr(0, eq);
  auto rule = find_rule(id);
  if (!rule) return usage(fmt::format("--severity: {}", unknown_rule_message(id)));
  std::optional<Severity> level;
  if (!parse_rule_level(std::string_view(word).substr(eq + 1), level))
    return usage(fmt::format("--severity '{}': the level must be error, warning, note or off",
                             word));
  return std::pair{*rule, level};
}

// The config: --config's file, none with --no-config, else the nearest .sddl-lint.toml.
Result<std::optional<LintConfig>> request_config(const LintRequest& request, const fs::path& cwd) {
  if (request.config) {
    const fs::path p = request.config->is_absolute() ? *request.config : cwd / *request.config;
    SECDESC_TRY(auto config, load_lint_config(p));
    return std::optional<LintConfig>(std::move(config));
  }
  if (!request.no_config) {
    if (auto found = find_lint_config(cwd)) {
      SECDESC_TRY(auto config, load_lint_config(*found));
      return std::optional<LintConfig>(std::move(config));
    }
  }
  return std::optional<LintConfig>();
}

}  // namespace

int LintReport::exit_code() const noexcept {
  if (usage_error || io_error) return lint_exit_usage;
  return findings_fail(findings, werror) ? lint_exit_findings : lint_exit_clean;
}

Result<LintOverrides> parse_overrides(const LintRequest& request) {
  LintOverrides o;
  SECDESC_TRY(o.disable, rule_list("--disable", request.disable));
  SECDESC_TRY(o.enable, rule_list("--enable", request.enable));
  for (const auto& word : request.severity) {
    SECDESC_TRY(auto level, rule_level(word));
    o.severity.push_back(std::move(level));
  }
  if (request.object) {
    auto type = parse_object_type(*request.object);
    if (!type)
      return usage(fmt::format("--object: unknown object type '{}'; expected one of: {}",
                               *request.object, object_type_names()));
    o.object = *type;
  }
  if (request.domain_sid) {
    auto sid = parse_domain_sid(*request.domain_sid);
    if (!sid) return usage(fmt::format("--domain-sid: {}", sid.error().message));
    o.domain = *sid;
  }
  return o;
}

Result<LintSettings> make_lint_settings(const LintConfig* config, const LintRequest& request) {
  SECDESC_TRY(auto overrides, parse_overrides(request));
  return secdesc::make_lint_settings(config, overrides);
}

LintReport run_lint(const LintRequest& request, std::istream& standard_input) {
  LintReport report;
  report.werror = request.werror;
  auto fail = [&](std::string message) {
    report.problems.push_back(std::move(message));
    report.usage_error = true;
    return std::move(report);
  };
  std::error_code ec;
  const fs::path cwd =
      request.working_directory.empty() ? fs::current_path(ec) : request.working_directory;
  auto config = request_config(request, cwd);
  if (!config) return fail(config.error().message);
  const LintConfig* config_file = *config ? &**config : nullptr;
  auto settings = make_lint_settings(config_file, request);
  if (!settings) return fail(settings.error().message);
  if (request.inputs.empty() && request.sddl.empty())
    return fail("no input: give files or directories, --sddl STRING, or - for standard input");

  Linter linter(std::move(*settings), config_file);
  for (std::size_t i = 0; i < request.sddl.size(); ++i) linter.lint_sddl("<sddl>", i + 1, request.sddl[i]);
  for (const auto& input : request.inputs) {
    if (input == "-")
      linter.lint_lines("<stdin>", standard_input);
    else
      linter.lint_path(input, cwd);
  }
  LintResults results = linter.finish();
  report.findings = std::move(results.findings);
  report.problems = std::move(results.problems);
  report.usage_error = results.usage_error;
  report.io_error = results.io_error;
  return report;
}

}  // namespace secdesc::lint_cli

namespace secdesc::lint_cli {

int explain_types(const LintRequest& request) {
  namespace fs = std::filesystem;
  const fs::path cwd = request.working_directory.empty() ? fs::current_path()
                                                         : request.working_directory;
  int status = lint_exit_clean;
  auto explain_file = [&](const fs::path& path, const std::string& display) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in || in.bad()) {
      fmt::print(stderr, "sddl-lint: cannot read '{}'\n", display);
      status = lint_exit_usage;
      return;
    }
    auto text = decode_source_text(bytes.str());
    if (!text) return;  // binary, as when linting
    for (const auto& line : explain_object_types(display, *text, language_for_path(display)))
      fmt::print("{}\n", line);
  };
  for (const auto& input : request.inputs) {
    const fs::path written(input);
    const fs::path path = written.is_absolute() ? written : cwd / written;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      WalkResult walk = walk_directory(path);
      for (const auto& e : walk.errors) {
        fmt::print(stderr, "sddl-lint: {}\n", e);
        status = lint_exit_usage;
      }
      for (const auto& file : walk.files)
        explain_file(file, (written / file.lexically_relative(path)).generic_string());
    } else if (fs::exists(path, ec)) {
      explain_file(path, written.generic_string());
    } else {
      fmt::print(stderr, "sddl-lint: cannot read '{}': no such file or directory\n", input);
      status = lint_exit_usage;
    }
  }
  return status;
}

}  // namespace secdesc::lint_cli
