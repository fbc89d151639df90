// Whole runs (run_lint): inputs, configs, exit statuses, and the policy hook's stub.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include <fmt/format.h>

#include "secdesc/lint_format.hpp"
#include "secdesc/lint_policy.hpp"
#include "secdesc/lint_run.hpp"

#include "request.hpp"  // tools/sddl-lint: the command line's request and exit status

namespace secdesc {
namespace {

using namespace lint_cli;

namespace fs = std::filesystem;

struct Tree {
  fs::path root;
  explicit Tree(std::string_view name)
      : root(fs::temp_directory_path() /
             fmt::format("secdesc-lint-run-{}-{}", name, static_cast<long>(::getpid()))) {
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~Tree() { fs::remove_all(root); }
  void write(const std::string& rel, std::string_view text) const {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << text;
  }
  LintReport run(LintRequest r, std::string_view input = "") const {
    r.working_directory = root;
    std::istringstream in{std::string(input)};
    return run_lint(r, in);
  }
};

LintRequest inputs(std::vector<std::string> in) {
  LintRequest r;
  r.inputs = std::move(in);
  return r;
}

TEST(RunLint, ExitStatusFollowsTheWorstLevel) {
  Tree t("status");
  t.write("error.cpp", "auto s = \"D:NO_ACCESS_CONTROL\";\n");
  t.write("warning.cpp", "auto s = \"D:(A;;GA;;;SY)(A;;GA;;;SY)\";\n");
  t.write("note.cpp", "auto s = \"D:(A;;GA;;;SY)(A;;GR;;;SY)\";\n");
  t.write("clean.cpp", "auto s = \"D:(A;;GA;;;SY)\";\n");
  EXPECT_EQ(t.run(inputs({"clean.cpp"})).exit_code(), lint_exit_clean);
  EXPECT_EQ(t.run(inputs({"error.cpp"})).exit_code(), lint_exit_findings);
  EXPECT_EQ(t.run(inputs({"warning.cpp"})).exit_code(), lint_exit_clean);
  EXPECT_EQ(t.run(inputs({"note.cpp"})).exit_code(), lint_exit_clean);
  LintRequest werror = inputs({"warning.cpp"});
  werror.werror = true;
  EXPECT_EQ(t.run(werror).exit_code(), lint_exit_findings);
  werror.inputs = {"note.cpp"};
  EXPECT_EQ(t.run(werror).exit_code(), lint_exit_clean);  // notes never fail
}

TEST(RunLint, DirectoriesAreWalkedAndNamedAsGiven) {
  Tree t("walk");
  t.write("repo/b.cpp", "auto s = \"D:NO_ACCESS_CONTROL\";\n");
  t.write("repo/sub/a.py", "s = 'D:NO_ACCESS_CONTROL'\n");
  t.write("repo/build/c.cpp", "auto s = \"D:NO_ACCESS_CONTROL\";\n");  // a build directory
  t.write("repo/blob.bin", std::string("D:NO_ACCESS_CONTROL\0", 20));  // binary
  LintReport r = t.run(inputs({"repo"}));
  EXPECT_TRUE(r.problems.empty());
  ASSERT_EQ(r.findings.size(), 2u) << format_text(r.findings);
  EXPECT_EQ(r.findings[0].where.file, "repo/b.cpp");
  EXPECT_EQ(r.findings[0].where.position(), (SourcePosition{1, 13}));
  EXPECT_EQ(r.findings[1].where.file, "repo/sub/a.py");
  EXPECT_EQ(r.findings[1].where.position(), (SourcePosition{1, 8}));
  // "." is left out of the names.
  LintReport dot = t.run(inputs({"./repo/sub"}));
  ASSERT_EQ(dot.findings.size(), 1u);
  EXPECT_EQ(dot.findings[0].where.file, "repo/sub/a.py");
}

TEST(RunLint, StandardInputAndSddlStrings) {
  Tree t("stdin");
  LintRequest r = inputs({"-"});
  r.sddl = {"D:(A;;GA;;;SY)", "D:"};
  LintReport rep = t.run(r, "D:NO_ACCESS_CONTROL\n\n  \nD:(A;;GA;;;SY)(a;;GR;;;BU)\r\n");
  ASSERT_EQ(rep.findings.size(), 3u) << format_text(rep.findings);
  EXPECT_EQ(rep.findings[0].where.file, "<sddl>");  // '<' sorts before... by file name
  EXPECT_EQ(rep.findings[0].where.position(), (SourcePosition{2, 1}));  // the second --sddl: empty DACL
  EXPECT_EQ(rule_of(rep.findings[0]), Rule::empty_dacl);
  EXPECT_EQ(rep.findings[1].where.file, "<stdin>");
  EXPECT_EQ(rep.findings[1].where.position(), (SourcePosition{1, 3}));
  EXPECT_EQ(rep.findings[2].where.position(), (SourcePosition{4, 16}));  // the lower-case 'a'
  EXPECT_EQ(rule_of(rep.findings[2]), Rule::nonstandard);
}

TEST(RunLint, UsageAndIoErrors) {
  Tree t("errors");
  t.write("a.cpp", "auto s = \"D:NO_ACCESS_CONTROL\";\n");
  LintRequest unknown = inputs({"a.cpp"});
  unknown.disable = {"world-writeable"};
  LintReport r = t.run(unknown);
  EXPECT_EQ(r.exit_code(), lint_exit_usage);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0], "--disable: unknown rule 'world-writeable'; did you mean 'world-writable'?");
  EXPECT_TRUE(r.findings.empty());  // nothing is linted after a usage error

  r = t.run(inputs({"missing.cpp", "a.cpp"}));
  EXPECT_EQ(r.exit_code(), lint_exit_usage);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0], "cannot read 'missing.cpp': no such file or directory");
  EXPECT_EQ(r.findings.size(), 1u);  // the other input still linted

  r = t.run(LintRequest{});
  EXPECT_EQ(r.exit_code(), lint_exit_usage);
  EXPECT_EQ(r.problems.at(0),
            "no input: give files or directories, --sddl STRING, or - for standard input");

  t.write("bad-comment.cpp", "// sddl-lint: disable=nul-dacl\nauto s = \"D:NO_ACCESS_CONTROL\";\n");
  r = t.run(inputs({"bad-comment.cpp"}));
  EXPECT_EQ(r.exit_code(), lint_exit_usage);
  EXPECT_EQ(r.problems.at(0),
            "bad-comment.cpp:1:15: unknown rule 'nul-dacl'; did you mean 'null-dacl'? in sddl-lint "
            "comment");
}

TEST(RunLint, ConfigIsFoundUpwardAndExcludesFiles) {
  Tree t("config");
  t.write(".sddl-lint.toml", "exclude = [\"third_party/**\"]\n[severity]\nnull-dacl = \"warning\"\n");
  t.write("src/a.cpp", "auto s = \"D:NO_ACCESS_CONTROL\";\n");
  t.write("third_party/v.cpp", "auto s = \"D:NO_ACCESS_CONTROL\";\n");
  LintRequest r = inputs({"src/a.cpp", "third_party/v.cpp"});  // excluded even when named
  r.working_directory = t.root / "src";
  r.inputs = {"a.cpp", "../third_party/v.cpp"};
  std::istringstream none;
  LintReport rep = run_lint(r, none);
  EXPECT_TRUE(rep.problems.empty()) << rep.problems.front();
  ASSERT_EQ(rep.findings.size(), 1u) << format_text(rep.findings);
  EXPECT_EQ(rep.findings[0].where.file, "a.cpp");
  EXPECT_EQ(rep.findings[0].severity, Severity::warning);
  EXPECT_EQ(rep.exit_code(), lint_exit_clean);
  // --no-config: the defaults again.
  r.no_config = true;
  rep = run_lint(r, none);
  EXPECT_EQ(rep.findings.size(), 2u);
  EXPECT_EQ(rep.exit_code(), lint_exit_findings);
  // A broken config is a usage error with its position.
  t.write("src/.sddl-lint.toml", "disabel = []\n");
  r.no_config = false;
  rep = run_lint(r, none);
  EXPECT_EQ(rep.exit_code(), lint_exit_usage);
  ASSERT_EQ(rep.problems.size(), 1u);
  EXPECT_NE(rep.problems[0].find(".sddl-lint.toml:1:1: unknown key 'disabel'; did you mean 'disable'?"),
            std::string::npos)
      << rep.problems[0];
}

// The policy hook's stub (replaced when the policy loader is wired in, see lint_policy.hpp).
TEST(PolicyLint, WhichFilesArePolicies) {
  EXPECT_TRUE(is_policy_file("policies/a.toml", ""));
  EXPECT_FALSE(is_policy_file("x/.sddl-lint.toml", ""));
  EXPECT_FALSE(is_policy_file("a.cpp", ""));
}

TEST(PolicyLint, LoadErrorsArePolicyErrorsAtTheirPosition) {
  Tree t("policy-errors");
  t.write("p.toml", "object = \"section\"\n[dacl]\n[[dacl.allow]]\nprincipal = \"XX\"\nrights = \"read\"\n");
  LintReport r = t.run(inputs({"p.toml"}));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(rule_of(r.findings[0]), Rule::policy_error);
  EXPECT_EQ(r.findings[0].where.position(), (SourcePosition{4, 13}));
  EXPECT_EQ(r.findings[0].message, "unknown SID alias 'XX'");
  EXPECT_EQ(r.exit_code(), lint_exit_findings);
}

TEST(PolicyLint, FindingsSitOnTheEntryThatWroteTheAce) {
  Tree t("policy-entries");
  t.write("p.toml",
          "object = \"section\"\n"          // 1
          "[dacl]\n"                        // 2
          "[[dacl.allow]]\n"                // 3
          "principal = \"SY\"\n"            // 4
          "rights = \"all\"\n"              // 5
          "[[dacl.allow]]\n"                // 6
          "principal = \"BU\"\n"            // 7
          "rights = \"read, write\"\n"      // 8
          "[[dacl.deny]]\n"                 // 9 (the builder puts it first in the DACL)
          "principal = \"AN\"\n"            // 10
          "rights = \"all\"\n");            // 11
  LintReport r = t.run(inputs({"p.toml"}));
  // BU's write: world-writable (error) and low-integrity-write-blocked (note), both on line 6.
  ASSERT_EQ(r.findings.size(), 2u);
  for (const auto& f : r.findings) EXPECT_EQ(f.where.position(), (SourcePosition{6, 1})) << f.message;
  EXPECT_EQ(rule_of(r.findings[0]), Rule::world_writable);
  EXPECT_EQ(rule_of(r.findings[1]), Rule::low_integrity_write_blocked);
}

TEST(PolicyLint, ConditionFindingsSitOnTheirEntry) {
  Tree t("policy-conditions");
  t.write("p.toml",
          "object = \"section\"\n"                                     // 1
          "[dacl]\n"                                                   // 2
          "[[dacl.allow]]\n"                                           // 3
          "principal = \"SY\"\n"                                       // 4
          "rights = \"all\"\n"                                         // 5
          "[[dacl.allow]]\n"                                           // 6
          "principal = \"LU\"\n"                                       // 7
          "rights = \"read\"\n"                                        // 8
          "condition = \"(@User.Level >= @Resource.Level)\"\n"         // 9
          "[[dacl.deny]]\n"                                            // 10 (first in the DACL)
          "principal = \"WD\"\n"                                       // 11
          "rights = \"write\"\n"                                       // 12
          "condition = \"(@User.Clearance < @Resource.Secrecy)\"\n"    // 13
          "[label]\n"                                                  // 14
          "level = \"medium\"\n"                                       // 15
          "[[resource-attribute]]\n"                                   // 16
          "name = \"Secrecy\"\n"                                       // 17
          "type = \"uint64\"\n"                                        // 18
          "values = [3]\n");                                          // 19
  LintReport r = t.run(inputs({"p.toml"}));
  ASSERT_EQ(r.findings.size(), 2u);
  // LU's entry (line 6): the object has no Level, so the allow grants nothing.
  EXPECT_EQ(rule_of(r.findings[0]), Rule::condition_never_true);
  EXPECT_EQ(r.findings[0].where.position(), (SourcePosition{6, 1}));
  // The deny entry (line 10): callers without a Clearance claim are denied.
  EXPECT_EQ(rule_of(r.findings[1]), Rule::condition_unknown_result);
  EXPECT_EQ(r.findings[1].where.position(), (SourcePosition{10, 1}));
  EXPECT_NE(r.findings[1].message.find("callers without @USER.Clearance are denied"),
            std::string::npos)
      << r.findings[1].message;
}

TEST(PolicyLint, ResourceAttributeAcesSitOnTheirTables) {
  const std::string content =
      "object = \"section\"\n[dacl]\n[[dacl.allow]]\nprincipal = \"SY\"\nrights = \"all\"\n"
      "[[resource-attribute]]\nname = \"A\"\ntype = \"int64\"\nvalues = [1]\n"      // 6-9
      "[[resource-attribute]]\nname = \"B\"\ntype = \"int64\"\nvalues = [2]\n";     // 10-13
  // No rule looks at RA ACEs alone: the map from the SACL to the tables is checked through the
  // subject the hook builds.
  PolicyLint lint = lint_policy_file("p.toml", "p.toml", content, {});
  ASSERT_EQ(lint.subjects.size(), 1u);
  const LintSubject& s = lint.subjects[0];
  const std::size_t first_ra = s.sddl.find("(RA;"), second_ra = s.sddl.rfind("(RA;");
  ASSERT_NE(first_ra, second_ra) << s.sddl;
  EXPECT_EQ(s.source.at(first_ra), (SourcePosition{6, 1})) << s.sddl;
  EXPECT_EQ(s.source.at(second_ra), (SourcePosition{10, 1})) << s.sddl;
}

TEST(PolicyLint, ACommentBeforeTheEntrySilencesTheRule) {
  Tree t("policy-suppress");
  t.write("p.toml",
          "object = \"section\"\n[dacl]\n"
          "# sddl-lint: disable=world-writable -- the service validates what clients write\n"
          "[[dacl.allow]]\nprincipal = \"BU\"\nrights = \"read, write\"\n"
          "[[dacl.allow]]\nprincipal = \"AU\"\nrights = \"write\"\n");
  LintReport r = t.run(inputs({"p.toml"}));
  std::vector<SourcePosition> world_writable;
  for (const auto& f : r.findings)
    if (rule_of(f) == Rule::world_writable) world_writable.push_back(f.where.position());
  // BU's entry (line 4) is silenced; AU's (line 7) is not.
  EXPECT_EQ(world_writable, (std::vector<SourcePosition>{{7, 1}}));
}

TEST(PolicyLint, FailedExpectationsAreFindings) {
  Tree t("policy-expect");
  t.write("p.toml",
          "object = \"section\"\n[dacl]\n[[dacl.allow]]\nprincipal = \"SY\"\nrights = \"all\"\n"
          "[[expect]]\ntoken = \"interactive-user\"\nrights = \"read\"\nresult = \"granted\"\n");
  LintReport r = t.run(inputs({"p.toml"}));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(rule_of(r.findings[0]), Rule::expectation_failed);
  EXPECT_EQ(r.findings[0].where.position(), (SourcePosition{6, 1}));
  EXPECT_NE(r.findings[0].message.find("is denied, expected granted"), std::string::npos)
      << r.findings[0].message;
}

TEST(PolicyLint, TheReferencePoliciesLintClean) {
  LintRequest r = inputs({(fs::path(SECDESC_SOURCE_DIR) / "policies").string()});
  r.no_config = true;
  std::istringstream in;
  LintReport report = run_lint(r, in);
  for (const auto& f : report.findings) ADD_FAILURE() << f.where.file << ":" << f.where.line << ": " << f.message;
  EXPECT_EQ(report.exit_code(), lint_exit_clean);
}

}  // namespace
}  // namespace secdesc
