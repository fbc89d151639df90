// The reusable pieces of an sddl-lint run: settings, and the Linter over sources, files,
// directories and lines.
#include "secdesc/lint_run.hpp"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <istream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "secdesc/lint_policy.hpp"

namespace secdesc {
namespace {

namespace fs = std::filesystem;

// The path as findings show it: '/' separated, without "./" in front or '/' at the end.
std::string display_path(const fs::path& p) {
  std::string s = p.lexically_normal().generic_string();
  while (s.starts_with("./")) s.erase(0, 2);
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// A level replaces the default (and enables the rule); nullopt turns the rule off.
void set_level(RuleSettings& rules, Rule rule, const std::optional<Severity>& level) {
  if (level)
    rules.set_severity(rule, *level);
  else
    rules.disable(rule);
}

}  // namespace

LintSettings make_lint_settings(const LintConfig* config, const LintOverrides& overrides) {
  LintSettings s;
  if (config) {
    for (Rule r : config->disable) s.rules.disable(r);
    for (Rule r : config->enable) s.rules.enable(r);
    for (const auto& [r, level] : config->severity) set_level(s.rules, r, level);
    s.object = config->object;
    s.domain = config->domain;
  }
  for (Rule r : overrides.disable) s.rules.disable(r);
  for (Rule r : overrides.enable) s.rules.enable(r);
  for (const auto& [r, level] : overrides.severity) set_level(s.rules, r, level);
  if (overrides.object) s.object = overrides.object;
  if (overrides.domain) s.domain = overrides.domain;
  return s;
}

SourceLint lint_source(std::string_view display_name, std::string_view content,
                       SourceLanguage language, const LintSettings& settings) {
  SourceLint out;
  ScanResult scan = scan_sddl_literals(content, language);
  auto problem = [&](SourcePosition at, std::string_view message) {
    out.problems.push_back(
        fmt::format("{}:{}:{}: {}", display_name, at.line, at.column, message));
  };
  for (const auto& p : scan.problems) problem(p.position, p.message);
  std::vector<SourcePosition> names_seen;  // a name is reported with the first literal near it
  for (auto& lit : scan.literals) {
    if (lit.completed_at_run_time) continue;  // a prefix; the whole string exists at run time only
    LintSubject subject = make_sddl_subject(std::string(display_name), std::move(lit.text),
                                            SourceMap::from_positions(std::move(lit.positions)),
                                            settings.domain);
    // A comment's object= beats --object and the config, which beat inference.
    subject.object_type = settings.object;
    subject.sets_owner_or_group_only = lit.sets_owner_or_group_only;
    subject.use_unseen = lit.use_unseen;
    subject.meant_invalid_by = std::move(lit.meant_invalid_by);
    if (settings.object) {
      subject.object_type_basis = ObjectTypeBasis{std::string(to_string(*settings.object)),
                                                  "option", "--object or the config's object"};
    } else if (lit.inferred_type) {
      subject.object_type = lit.inferred_type->type;
      subject.object_type_basis = ObjectTypeBasis{std::string(to_string(lit.inferred_type->type)),
                                                  "inferred", lit.inferred_type->evidence};
    } else {
      subject.object_type_basis = ObjectTypeBasis{"", "none", lit.no_type_reason};
    }
    for (const auto& d : lit.directives) {
      if (d.kind == LintDirective::Kind::object) {
        auto type = parse_object_type(d.values.front());
        if (type) {
          subject.object_type = *type;
          subject.object_type_basis =
              ObjectTypeBasis{std::string(to_string(*type)), "comment",
                              fmt::format("sddl-lint: object={} at line {}", d.values.front(),
                                          d.position.line)};
        } else
          problem(d.position, fmt::format("unknown object type '{}' in sddl-lint comment; "
                                          "expected one of: {}",
                                          d.values.front(), object_type_names()));
        continue;
      }
      if (d.values.empty()) subject.suppress_all = true;
      for (std::size_t i = 0; i < d.values.size(); ++i) {
        const std::string& id = d.values[i];
        if (auto rule = find_rule(id)) {
          subject.suppressed.push_back(*rule);
          // unused-suppression points at the rule's name, as in policies.
          subject.suppressed_at.push_back(i < d.value_positions.size() ? d.value_positions[i]
                                                                       : d.position);
        } else {
          problem(d.position, fmt::format("{} in sddl-lint comment", unknown_rule_message(id)));
        }
      }
    }
    if (lit.object_name && lit.object_name->position) {
      const SourcePosition at = *lit.object_name->position;
      if (std::find(names_seen.begin(), names_seen.end(), at) == names_seen.end()) {
        names_seen.push_back(at);
        subject.object_name = std::move(lit.object_name);
      }
    }
    for (auto& f : lint_subject(subject, settings)) out.findings.push_back(std::move(f));
  }
  return out;
}

Linter::Linter(LintSettings settings, const LintConfig* config) : settings_(std::move(settings)) {
  if (config) {
    config_dir_ = fs::absolute(config->path).parent_path().lexically_normal();
    for (const auto& pattern : config->exclude) excludes_.add_pattern("", pattern);
  }
}

void Linter::add(std::vector<Finding> findings) {
  for (auto& f : findings) results_.findings.push_back(std::move(f));
}

void Linter::io_problem(std::string message) {
  results_.problems.push_back(std::move(message));
  results_.io_error = true;
}

void Linter::lint_sddl(std::string_view name, std::size_t line, std::string_view text) {
  LintSubject subject = make_sddl_subject(std::string(name), std::string(text),
                                          SourceMap::single_line({line, 1}, text), settings_.domain);
  add(lint_subject(subject, settings_));
}

void Linter::lint_lines(std::string_view name, std::istream& in) {
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    // A UTF-8 byte-order mark (Windows editors, PowerShell) starts the input, not the SDDL.
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    lint_sddl(name, number, line);
  }
}

bool Linter::excluded(const fs::path& path) const {
  if (excludes_.empty()) return false;
  const fs::path rel = fs::absolute(path).lexically_normal().lexically_relative(config_dir_);
  const std::string s = rel.generic_string();
  if (s.empty() || s.starts_with("..")) return false;
  return excludes_.ignored(s, false);
}

void Linter::lint_file(const fs::path& path, std::string_view display) {
  if (excluded(path)) return;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    io_problem(fmt::format("cannot read '{}': {}", display,
                           std::generic_category().message(errno)));
    return;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) {
    io_problem(fmt::format("cannot read '{}'", display));
    return;
  }
  auto text = decode_source_text(bytes.str());
  if (!text) return;  // binary
  if (is_policy_file(path, *text)) {
    PolicyLint policy = lint_policy_file(path, display, *text, settings_);
    for (auto& p : policy_suppression_problems(display, *text)) {
      results_.problems.push_back(std::move(p));
      results_.usage_error = true;
    }
    add(std::move(policy.findings));
    std::vector<Finding> found;
    for (const auto& subject : policy.subjects)
      for (auto& f : lint_subject(subject, settings_)) found.push_back(std::move(f));
    // A policy that did not load has no findings to silence: its comments are not judged.
    if (!policy.subjects.empty())
      add(unused_policy_suppressions(display, *text, found, settings_.rules));
    add(apply_policy_suppressions(*text, std::move(found)));
    return;
  }
  SourceLint result = lint_source(display, *text, language_for_path(display), settings_);
  add(std::move(result.findings));
  for (auto& p : result.problems) {
    results_.problems.push_back(std::move(p));
    results_.usage_error = true;
  }
}

void Linter::lint_directory(const fs::path& root, const fs::path& display_root) {
  WalkResult walk = walk_directory(root);
  for (auto& e : walk.errors) io_problem(std::move(e));
  for (const auto& file : walk.files)
    lint_file(file, display_path(display_root / file.lexically_relative(root)));
}

void Linter::lint_path(std::string_view input, const fs::path& working_directory) {
  const fs::path written(input);
  const fs::path path = written.is_absolute() ? written : working_directory / written;
  std::error_code ec;
  if (fs::is_directory(path, ec))
    lint_directory(path, written);
  else if (fs::exists(path, ec))
    lint_file(path, display_path(written));
  else
    io_problem(fmt::format("cannot read '{}': no such file or directory", input));
}

LintResults Linter::finish() {
  sort_findings(results_.findings);
  return std::move(results_);
}

}  // namespace secdesc
