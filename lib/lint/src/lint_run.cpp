#include "secdesc/lint_run.hpp"

#include <algorithm>
#include <fstream>
#include <istream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "secdesc/lint_policy.hpp"
#include "secdesc/lint_walk.hpp"

namespace secdesc {
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

std::string display_path(const fs::path& p) {
  std::string s = p.lexically_normal().generic_string();
  while (s.starts_with("./")) s.erase(0, 2);
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

class Run {
 public:
  Run(const LintRequest& request, std::istream& in) : request_(request), in_(in) {
    report_.werror = request.werror;
    std::error_code ec;
    cwd_ = request.working_directory.empty() ? fs::current_path(ec) : request.working_directory;
  }

  LintReport run() {
    if (!setup()) return std::move(report_);
    for (std::size_t i = 0; i < request_.sddl.size(); ++i)
      lint_line("<sddl>", i + 1, request_.sddl[i]);
    for (const auto& input : request_.inputs) {
      if (input == "-") {
        read_standard_input();
        continue;
      }
      const fs::path path = fs::path(input).is_absolute() ? fs::path(input) : cwd_ / input;
      std::error_code ec;
      if (fs::is_directory(path, ec)) {
        WalkResult walk = walk_directory(path);
        for (auto& e : walk.errors) io_problem(std::move(e));
        for (const auto& file : walk.files)
          lint_file(file, display_path(fs::path(input) / file.lexically_relative(path)));
      } else if (fs::exists(path, ec)) {
        lint_file(path, display_path(input));
      } else {
        io_problem(fmt::format("cannot read '{}': no such file or directory", input));
      }
    }
    sort_findings(report_.findings);
    return std::move(report_);
  }

 private:
  bool setup() {
    std::optional<LintConfig> config;
    if (request_.config) {
      const fs::path p = request_.config->is_absolute() ? *request_.config : cwd_ / *request_.config;
      auto loaded = load_lint_config(p);
      if (!loaded) return fail(loaded.error().message);
      config = std::move(*loaded);
    } else if (!request_.no_config) {
      if (auto found = find_lint_config(cwd_)) {
        auto loaded = load_lint_config(*found);
        if (!loaded) return fail(loaded.error().message);
        config = std::move(*loaded);
      }
    }
    auto settings = make_lint_settings(config ? &*config : nullptr, request_);
    if (!settings) return fail(settings.error().message);
    settings_ = std::move(*settings);
    if (config) {
      config_dir_ = fs::absolute(config->path).parent_path().lexically_normal();
      for (const auto& pattern : config->exclude) excludes_.add_pattern("", pattern);
    }
    if (request_.inputs.empty() && request_.sddl.empty())
      return fail("no input: give files or directories, --sddl STRING, or - for standard input");
    return true;
  }

  bool fail(std::string message) {
    report_.problems.push_back(std::move(message));
    report_.usage_error = true;
    return false;
  }
  void io_problem(std::string message) {
    report_.problems.push_back(std::move(message));
    report_.io_error = true;
  }

  void add(std::vector<Finding> findings) {
    for (auto& f : findings) report_.findings.push_back(std::move(f));
  }

  void lint_line(std::string_view name, std::size_t line, const std::string& text) {
    LintSubject subject = make_sddl_subject(std::string(name), text,
                                            SourceMap::single_line({line, 1}, text), settings_.domain);
    add(lint_subject(subject, settings_));
  }

  void read_standard_input() {
    std::string line;
    std::size_t number = 0;
    while (std::getline(in_, line)) {
      ++number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      lint_line("<stdin>", number, line);
    }
  }

  bool excluded(const fs::path& path) const {
    if (excludes_.empty()) return false;
    const fs::path rel = fs::absolute(path).lexically_normal().lexically_relative(config_dir_);
    const std::string s = rel.generic_string();
    if (s.empty() || s.starts_with("..")) return false;
    return excludes_.ignored(s, false);
  }

  void lint_file(const fs::path& path, const std::string& display) {
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
      add(std::move(policy.findings));
      for (const auto& subject : policy.subjects)
        add(apply_policy_suppressions(*text, lint_subject(subject, settings_)));
      return;
    }
    SourceLint result = lint_source(display, *text, language_for_path(display), settings_);
    add(std::move(result.findings));
    for (auto& p : result.problems) {
      report_.problems.push_back(std::move(p));
      report_.usage_error = true;
    }
  }

  const LintRequest& request_;
  std::istream& in_;
  fs::path cwd_;
  LintReport report_;
  LintSettings settings_;
  fs::path config_dir_;
  IgnorePatterns excludes_;
};

}  // namespace

int LintReport::exit_code() const noexcept {
  if (usage_error || io_error) return lint_exit_usage;
  return findings_fail(findings, werror) ? lint_exit_findings : lint_exit_clean;
}

Result<LintSettings> make_lint_settings(const LintConfig* config, const LintRequest& request) {
  LintSettings s;
  if (config) {
    for (Rule r : config->disable) s.rules.disable(r);
    for (Rule r : config->enable) s.rules.enable(r);
    for (const auto& [r, level] : config->severity) {
      if (level)
        s.rules.set_severity(r, *level);
      else
        s.rules.disable(r);
    }
    s.object = config->object;
    s.domain = config->domain;
  }
  auto disable = rule_list("--disable", request.disable);
  if (!disable) return std::move(disable).error();
  for (Rule r : *disable) s.rules.disable(r);
  auto enable = rule_list("--enable", request.enable);
  if (!enable) return std::move(enable).error();
  for (Rule r : *enable) s.rules.enable(r);
  for (const auto& word : request.severity) {
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
    if (level)
      s.rules.set_severity(*rule, *level);
    else
      s.rules.disable(*rule);
  }
  if (request.object) {
    auto type = parse_object_type(*request.object);
    if (!type)
      return usage(fmt::format("--object: unknown object type '{}'; expected one of: {}",
                               *request.object, object_type_names()));
    s.object = *type;
  }
  if (request.domain_sid) {
    auto sid = parse_domain_sid(*request.domain_sid);
    if (!sid) return usage(fmt::format("--domain-sid: {}", sid.error().message));
    s.domain = *sid;
  }
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
    LintSubject subject = make_sddl_subject(std::string(display_name), std::move(lit.text),
                                            SourceMap::from_positions(std::move(lit.positions)),
                                            settings.domain);
    // A comment's object= beats --object and the config, which beat inference.
    subject.object_type = settings.object;
    if (!subject.object_type && lit.inferred_type) subject.object_type = lit.inferred_type->type;
    for (const auto& d : lit.directives) {
      if (d.kind == LintDirective::Kind::object) {
        auto type = parse_object_type(d.values.front());
        if (type)
          subject.object_type = *type;
        else
          problem(d.position, fmt::format("unknown object type '{}' in sddl-lint comment; "
                                          "expected one of: {}",
                                          d.values.front(), object_type_names()));
        continue;
      }
      if (d.values.empty()) subject.suppress_all = true;
      for (const auto& id : d.values) {
        if (auto rule = find_rule(id))
          subject.suppressed.push_back(*rule);
        else
          problem(d.position, fmt::format("{} in sddl-lint comment", unknown_rule_message(id)));
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

LintReport run_lint(const LintRequest& request, std::istream& standard_input) {
  return Run(request, standard_input).run();
}

}  // namespace secdesc
