// .sddl-lint.toml: every key, every error with its position and hint, the upward search, and how
// the config and the command line combine (make_lint_settings).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <string>

#include <unistd.h>

#include "secdesc/lint_config.hpp"
#include "secdesc/lint_run.hpp"

#include "request.hpp"  // tools/sddl-lint: the command line's request and exit status

namespace secdesc {
namespace {

using namespace lint_cli;

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  explicit TempDir(std::string_view name)
      : path(fs::temp_directory_path() /
             fmt::format("secdesc-lint-config-{}-{}", name, static_cast<long>(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  void write(const fs::path& rel, std::string_view text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << text;
  }
};

TEST(LintConfig, EveryKey) {
  auto c = parse_lint_config(
      "disable = [\"redundant-ace\", \"duplicate-ace\"]\n"
      "enable = [\"duplicate-ace\"]\n"
      "object = \"named-pipe\"\n"
      "domain-sid = \"S-1-5-21-1-2-3\"\n"
      "exclude = [\"third_party/**\", \"*.gen.cpp\"]\n"
      "[severity]\n"
      "world-writable = \"warning\"\n"
      "nonstandard = \"off\"\n",
      "cfg/.sddl-lint.toml");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->disable, (std::vector<Rule>{Rule::redundant_ace, Rule::duplicate_ace}));
  EXPECT_EQ(c->enable, (std::vector<Rule>{Rule::duplicate_ace}));
  EXPECT_EQ(c->object, ObjectType::named_pipe);
  ASSERT_TRUE(c->domain);
  EXPECT_EQ(c->domain->to_string(), "S-1-5-21-1-2-3");
  EXPECT_EQ(c->exclude, (std::vector<std::string>{"third_party/**", "*.gen.cpp"}));
  // toml++ tables iterate in key order: nonstandard, world-writable.
  ASSERT_EQ(c->severity.size(), 2u);
  EXPECT_EQ(c->severity[0].first, Rule::nonstandard);
  EXPECT_FALSE(c->severity[0].second);  // off
  EXPECT_EQ(c->severity[1].first, Rule::world_writable);
  EXPECT_EQ(c->severity[1].second, Severity::warning);

  // Applied: disabled, re-enabled, levels, off.
  LintSettings s = secdesc::make_lint_settings(&*c, LintOverrides{});
  EXPECT_FALSE(s.rules.enabled(Rule::redundant_ace));
  EXPECT_TRUE(s.rules.enabled(Rule::duplicate_ace));
  EXPECT_EQ(s.rules.severity(Rule::world_writable), Severity::warning);
  EXPECT_FALSE(s.rules.severity(Rule::nonstandard));
  EXPECT_EQ(s.object, ObjectType::named_pipe);
}

struct ConfigError {
  std::string toml;
  std::string message;  // the whole message, position included
};

TEST(LintConfig, ErrorsSayWhereAndWhatWasMeant) {
  const std::vector<ConfigError> cases = {
      {"disabled = [\"x\"]\n", "c.toml:1:1: unknown key 'disabled'; did you mean 'disable'?"},
      {"\n\ndisable = [\"world-writeable\"]\n",
       "c.toml:3:12: unknown rule 'world-writeable'; did you mean 'world-writable'?"},
      {"disable = \"null-dacl\"\n",
       "c.toml:1:11: 'disable' must be an array of strings, e.g. disable = [\"...\"]"},
      {"enable = [1]\n", "c.toml:1:11: 'enable' must hold strings only"},
      {"[severity]\nnull-dacl = \"fatal\"\n",
       "c.toml:2:13: severity of 'null-dacl' must be \"error\", \"warning\", \"note\" or \"off\""},
      {"[severity]\nnul-dacl = \"error\"\n",
       "c.toml:2:1: unknown rule 'nul-dacl'; did you mean 'null-dacl'?"},
      {"severity = \"error\"\n",
       "c.toml:1:12: 'severity' must be a table: [severity] then rule = \"warning\""},
      {"object = \"sektion\"\n",
       "c.toml:1:10: 'object' must be one of: section, file, directory, named-pipe, event, mutex, "
       "semaphore, timer, key, process, thread, job, service, service-manager, token, "
       "window-station, desktop, alpc-port, symbolic-link, object-directory, device, com, "
       "wmi-namespace, etw-guid, winrm-session"},
      {"domain-sid = \"S-1-5-32-544\"\n",
       "c.toml:1:14: 'S-1-5-32-544' is not a domain SID: expected S-1-5-21-x-y-z"},
      {"zzz = 1\n",
       "c.toml:1:1: unknown key 'zzz'; the keys are disable, enable, severity, object, "
       "domain-sid and exclude"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.toml);
    auto r = parse_lint_config(c.toml, "c.toml");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, c.message);
  }
  // TOML syntax errors keep toml++'s description and position.
  auto r = parse_lint_config("disable = [\n", "c.toml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.rfind("c.toml:", 0), 0u) << r.error().message;
}

TEST(LintConfig, FoundUpwardFromTheCurrentDirectory) {
  TempDir t("upward");
  t.write("repo/.sddl-lint.toml", "disable = [\"null-dacl\"]\n");
  t.write("repo/src/deep/x.txt", "");
  auto found = find_lint_config(t.path / "repo" / "src" / "deep");
  ASSERT_TRUE(found);
  EXPECT_EQ(fs::canonical(*found), fs::canonical(t.path / "repo" / ".sddl-lint.toml"));
  EXPECT_EQ(find_lint_config(t.path), std::nullopt);  // nothing at or above the temp dir itself
}

TEST(LintSettingsFromRequest, CommandLineWinsOverConfig) {
  LintConfig c;
  c.disable = {Rule::world_writable};
  c.severity = {{Rule::duplicate_ace, Severity::error}};
  c.object = ObjectType::event;
  LintRequest r;
  r.enable = {"world-writable"};
  r.disable = {"anonymous-access,redundant-ace"};
  r.severity = {"duplicate-ace=note", "syntax=off"};
  r.object = "section";
  r.domain_sid = "S-1-5-21-7-8-9";
  auto s = make_lint_settings(&c, r);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_TRUE(s->rules.enabled(Rule::world_writable));
  EXPECT_FALSE(s->rules.enabled(Rule::anonymous_access));
  EXPECT_FALSE(s->rules.enabled(Rule::redundant_ace));
  EXPECT_EQ(s->rules.severity(Rule::duplicate_ace), Severity::note);
  EXPECT_FALSE(s->rules.enabled(Rule::syntax));
  EXPECT_EQ(s->object, ObjectType::section);
  EXPECT_EQ(s->domain->to_string(), "S-1-5-21-7-8-9");
}

TEST(LintSettingsFromRequest, UsageErrors) {
  struct Case {
    LintRequest request;
    std::string message;
  };
  std::vector<Case> cases(5);
  cases[0].request.disable = {"null-dcal"};
  cases[0].message = "--disable: unknown rule 'null-dcal'; did you mean 'null-dacl'?";
  cases[1].request.severity = {"null-dacl"};
  cases[1].message = "--severity 'null-dacl': expected RULE=LEVEL, e.g. world-writable=warning";
  cases[2].request.severity = {"null-dacl=loud"};
  cases[2].message = "--severity 'null-dacl=loud': the level must be error, warning, note or off";
  cases[3].request.object = "pipe-ish";
  cases[3].message =
      "--object: unknown object type 'pipe-ish'; expected one of: section, file, directory, "
      "named-pipe, event, mutex, semaphore, timer, key, process, thread, job, service, "
      "service-manager, token, window-station, desktop, alpc-port, symbolic-link, "
      "object-directory, device, com, wmi-namespace, etw-guid, winrm-session";
  cases[4].request.domain_sid = "S-1-5-21-1";
  cases[4].message = "--domain-sid: 'S-1-5-21-1' is not a domain SID: expected S-1-5-21-x-y-z";
  for (const auto& c : cases) {
    auto s = make_lint_settings(nullptr, c.request);
    ASSERT_FALSE(s) << c.message;
    EXPECT_EQ(s.error().message, c.message);
  }
}

}  // namespace
}  // namespace secdesc
