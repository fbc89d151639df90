// The output formats against goldens written by hand (tests/golden/lint/sample.*) from the
// fixture sample.cpp, and the escaping rules each format has.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <string>

#include "secdesc/lint_format.hpp"
#include "secdesc/lint_run.hpp"
#include "secdesc/version.hpp"

namespace secdesc {
namespace {

std::string golden(const std::string& name) {
  std::ifstream in(std::string(SECDESC_SOURCE_DIR) + "/tests/golden/lint/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Finding> sample_findings() {
  SourceLint r = lint_source("sample.cpp", golden("sample.cpp"), SourceLanguage::cpp, {});
  EXPECT_TRUE(r.problems.empty());
  return r.findings;
}

TEST(LintFormat, TextGolden) { EXPECT_EQ(format_text(sample_findings()), golden("sample.txt")); }
TEST(LintFormat, JsonGolden) { EXPECT_EQ(format_json(sample_findings()), golden("sample.json")); }
// The golden carries an informationUri, as sddl-lint's logs do (its default is the installed
// README), so that the golden itself passes the SARIF Multitool's default settings.
TEST(LintFormat, SarifGolden) {
  SarifOptions o;
  o.information_uri = "https://secdesc.example/sddl-lint";
  EXPECT_EQ(format_sarif(sample_findings(), o), golden("sample.sarif"));
}
TEST(LintFormat, GithubGolden) {
  EXPECT_EQ(format_github(sample_findings()), golden("sample.github"));
}

TEST(LintFormat, NothingFound) {
  EXPECT_EQ(format_text({}), "");
  EXPECT_EQ(format_json({}), "[]\n");
  EXPECT_EQ(format_github({}), "");
  const std::string sarif = format_sarif({});
  EXPECT_NE(sarif.find("\"results\": []"), std::string::npos);
}

TEST(LintFormat, GithubEscaping) {
  // GitHub's runner: data escapes % CR LF; property values also ':' and ','.
  EXPECT_EQ(github_escape_data("100% done\r\nnext: a,b"), "100%25 done%0D%0Anext: a,b");
  EXPECT_EQ(github_escape_property("C:\\src\\a,b.cpp"), "C%3A\\src\\a%2Cb.cpp");
  std::vector<Finding> f{make_finding(Rule::syntax, Severity::error, "dir,x/a:b.cpp", {2, 3}, "50%\nx")};
  EXPECT_EQ(format_github(f), "::error file=dir%2Cx/a%3Ab.cpp,line=2,col=3,title=syntax::50%25%0Ax\n");
}

TEST(LintFormat, SarifUrisAreRelativeAndEncoded) {
  EXPECT_EQ(path_to_uri("src/ipc.cpp"), "src/ipc.cpp");
  EXPECT_EQ(path_to_uri("<stdin>"), "%3Cstdin%3E");
  EXPECT_EQ(path_to_uri("a b\\c#d.cpp"), "a%20b/c%23d.cpp");
  SarifOptions o;
  o.help_uri_base = "https://example.com/lint-rules.md";
  EXPECT_NE(format_sarif({}, o).find("\"helpUri\": \"https://example.com/lint-rules.md#null-dacl\""),
            std::string::npos);
}

TEST(LintFormat, SarifArtifactsAreRelativeToTheSourceRootOrFileUris) {
  EXPECT_EQ(sarif_artifact("src/ipc.cpp").uri, "src/ipc.cpp");
  EXPECT_TRUE(sarif_artifact("src/ipc.cpp").relative);
  EXPECT_EQ(sarif_artifact("/home/me/a b.cpp").uri, "file:///home/me/a%20b.cpp");
  EXPECT_FALSE(sarif_artifact("/home/me/a b.cpp").relative);
  EXPECT_EQ(sarif_artifact("C:\\src\\a.cpp").uri, "file:///C:/src/a.cpp");
  EXPECT_EQ(sarif_artifact("\\\\server\\share\\a.cpp").uri, "file://server/share/a.cpp");
  std::vector<Finding> f{make_finding(Rule::syntax, Severity::error, "/abs/x.cpp", {1, 2}, "m"),
                         make_finding(Rule::syntax, Severity::error, "rel/x.cpp", {1, 2}, "m")};
  const std::string sarif = format_sarif(f);
  EXPECT_NE(sarif.find("\"uri\": \"file:///abs/x.cpp\"\n"), std::string::npos) << sarif;
  EXPECT_NE(sarif.find("\"uri\": \"rel/x.cpp\",\n                  \"uriBaseId\": \"%SRCROOT%\""),
            std::string::npos)
      << sarif;
}

TEST(LintFormat, SarifToolVersionAndUris) {
  const std::string plain = format_sarif({});
  EXPECT_NE(plain.find(fmt::format("\"semanticVersion\": \"{}\"", version)), std::string::npos);
  EXPECT_EQ(plain.find("helpUri"), std::string::npos);         // none unless given: no page
  EXPECT_EQ(plain.find("informationUri"), std::string::npos);  // none unless given: no homepage
  EXPECT_NE(plain.find("\"name\": \"InheritFlagsOnNonContainer\""), std::string::npos);
  SarifOptions o;
  o.information_uri = "https://example.com/sddl-lint";
  EXPECT_NE(format_sarif({}, o).find("\"informationUri\": \"https://example.com/sddl-lint\""),
            std::string::npos);
}

TEST(LintFormat, AbsoluteUris) {
  EXPECT_TRUE(is_absolute_uri("https://example.com/lint-rules.md"));
  EXPECT_TRUE(is_absolute_uri("urn:x"));
  EXPECT_FALSE(is_absolute_uri("docs/lint-rules.md"));
  EXPECT_FALSE(is_absolute_uri("https://example.com/a#b"));  // a fragment: not a base for '#id'
  EXPECT_FALSE(is_absolute_uri("1http://x"));
  EXPECT_FALSE(is_absolute_uri("http://a b"));
  EXPECT_FALSE(is_absolute_uri("http:"));
}

TEST(LintFormat, JsonCarriesItsSchemaVersion) {
  std::vector<Finding> f{make_finding(Rule::syntax, Severity::error, "a.cpp", {1, 2}, "m")};
  const std::string json = format_json(f);
  EXPECT_NE(json.find(fmt::format("\"schema_version\": {},", lint_json_schema_version)),
            std::string::npos);
  EXPECT_NE(json.find(fmt::format("\"tool_version\": \"{}\",", version)), std::string::npos);
}

TEST(LintFormat, FormatNames) {
  for (auto f : {OutputFormat::text, OutputFormat::json, OutputFormat::sarif, OutputFormat::github})
    EXPECT_EQ(parse_output_format(to_string(f)), f);
  EXPECT_EQ(parse_output_format("xml"), std::nullopt);
}

TEST(LintFormat, RuleListHasEveryRuleOnce) {
  const std::string list = format_rule_list();
  std::size_t lines = 0;
  for (char c : list) lines += c == '\n';
  EXPECT_EQ(lines, rule_count);
  EXPECT_NE(list.find("inherit-flags-on-non-container  warning/error  inheritance flags"),
            std::string::npos)
      << list;
}

}  // namespace
}  // namespace secdesc
