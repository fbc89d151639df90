// .sddl-lint.toml, read with toml++ (docs: https://marzer.github.io/tomlplusplus/).
#include "secdesc/lint_config.hpp"

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include <toml++/toml.h>

#include "core/internal/suggest.hpp"

namespace secdesc {
namespace {

constexpr std::string_view kKeys[] = {"disable", "enable", "severity", "object", "domain-sid",
                                      "exclude"};

Error config_error(const std::filesystem::path& path, const toml::source_region& where,
                   std::string message) {
  return make_error(ErrorCode::invalid_argument, Error::no_offset,
                    fmt::format("{}:{}:{}: {}", path.generic_string(), where.begin.line,
                                where.begin.column, message));
}

std::string closest_key(std::string_view key) {
  if (auto near = detail::closest_match(key, kKeys)) return fmt::format("; did you mean '{}'?", *near);
  return "; the keys are disable, enable, severity, object, domain-sid and exclude";
}

// An array of strings, each with its position.
Result<std::vector<std::pair<std::string, toml::source_region>>> strings(
    const std::filesystem::path& path, std::string_view key, const toml::node& node) {
  const toml::array* arr = node.as_array();
  if (!arr)
    return config_error(path, node.source(),
                        fmt::format("'{}' must be an array of strings, e.g. {} = [\"...\"]", key, key));
  std::vector<std::pair<std::string, toml::source_region>> out;
  for (const toml::node& el : *arr) {
    auto s = el.value<std::string>();
    if (!el.is_string() || !s)
      return config_error(path, el.source(), fmt::format("'{}' must hold strings only", key));
    out.emplace_back(*s, el.source());
  }
  return out;
}

Result<std::vector<Rule>> rules(const std::filesystem::path& path, std::string_view key,
                                const toml::node& node) {
  SECDESC_TRY(auto list, strings(path, key, node));
  std::vector<Rule> out;
  for (const auto& [id, where] : list) {
    auto rule = find_rule(id);
    if (!rule) return config_error(path, where, unknown_rule_message(id));
    out.push_back(*rule);
  }
  return out;
}

// The [severity] table: rule = "error" | "warning" | "note" | "off".
Result<std::vector<std::pair<Rule, std::optional<Severity>>>> severity_table(
    const std::filesystem::path& path, const toml::node& node) {
  const toml::table* levels = node.as_table();
  if (!levels)
    return config_error(path, node.source(),
                        "'severity' must be a table: [severity] then rule = \"warning\"");
  std::vector<std::pair<Rule, std::optional<Severity>>> out;
  for (auto&& [rule_key, level_node] : *levels) {
    auto rule = find_rule(rule_key.str());
    if (!rule) return config_error(path, rule_key.source(), unknown_rule_message(rule_key.str()));
    auto word = level_node.value<std::string>();
    std::optional<Severity> level;
    if (!word || !level_node.is_string() || !parse_rule_level(*word, level))
      return config_error(path, level_node.source(),
                          fmt::format("severity of '{}' must be \"error\", \"warning\", "
                                      "\"note\" or \"off\"",
                                      rule_key.str()));
    out.emplace_back(*rule, level);
  }
  return out;
}

}  // namespace

bool parse_rule_level(std::string_view text, std::optional<Severity>& level) noexcept {
  level = parse_severity(text);
  return level || text == "off";
}

Result<LintConfig> parse_lint_config(std::string_view text, const std::filesystem::path& path) {
  toml::table table;
  try {
    table = toml::parse(text, path.generic_string());
  } catch (const toml::parse_error& e) {
    return config_error(path, e.source(), std::string(e.description()));
  }
  LintConfig config;
  config.path = path;
  for (auto&& [key, node] : table) {
    const std::string_view k = key.str();
    if (k == "disable" || k == "enable") {
      SECDESC_TRY((k == "disable" ? config.disable : config.enable), rules(path, k, node));
    } else if (k == "severity") {
      SECDESC_TRY(config.severity, severity_table(path, node));
    } else if (k == "object") {
      auto word = node.value<std::string>();
      auto type = word && node.is_string() ? parse_object_type(*word) : std::nullopt;
      if (!type)
        return config_error(path, node.source(),
                            fmt::format("'object' must be one of: {}", object_type_names()));
      config.object = *type;
    } else if (k == "domain-sid") {
      auto word = node.value<std::string>();
      if (!word || !node.is_string())
        return config_error(path, node.source(), "'domain-sid' must be a string S-1-5-21-x-y-z");
      auto sid = parse_domain_sid(*word);
      if (!sid) return config_error(path, node.source(), sid.error().message);
      config.domain = *sid;
    } else if (k == "exclude") {
      SECDESC_TRY(auto list, strings(path, k, node));
      for (auto& [pattern, where] : list) config.exclude.push_back(std::move(pattern));
    } else {
      return config_error(path, key.source(),
                          fmt::format("unknown key '{}'{}", k, closest_key(k)));
    }
  }
  return config;
}

Result<LintConfig> load_lint_config(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return make_error(ErrorCode::invalid_argument, Error::no_offset,
                      fmt::format("cannot read config '{}': {}", path.generic_string(),
                                  std::generic_category().message(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_lint_config(text.str(), path);
}

std::optional<std::filesystem::path> find_lint_config(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec) return std::nullopt;
  for (;;) {
    std::filesystem::path candidate = dir / lint_config_file_name;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

}  // namespace secdesc
