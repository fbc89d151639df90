// sddlc check, end to end: the binary's exit codes, its JSON and its diagnostics.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "sddlc_runner.hpp"

namespace {

using sddlc_test::kSddlc;
using sddlc_test::ToolRun;

ToolRun sddlc(const std::string& args, const std::string& directory = {}) {
  return sddlc_test::run_shell((directory.empty() ? "" : "cd '" + directory + "' && ") + "'" +
                               kSddlc + "' " + args + " 2>&1");
}

constexpr const char* kNoTool = "sddlc is not built (SECDESC_BUILD_TOOLS=OFF)";

const std::string kSeed = "'D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)'";

TEST(SddlcCheck, DeniedIsExitOneWithVerdictAndTrace) {
  if (!kSddlc) GTEST_SKIP() << kNoTool;
  ToolRun r = sddlc("check " + kSeed +
                " --object section --token preset=low-integrity-user --desired read,write");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_EQ(r.out.rfind("DENIED section: desired 0x20007 (query|map-write|map-read|read-control), "
                        "granted 0x20005 (query|map-read|read-control)\n",
                        0),
            0u)
      << r.out;
  EXPECT_NE(r.out.find("  integrity: removes 0x2 (map-write)"), std::string::npos) << r.out;
}

TEST(SddlcCheck, AllowedIsExitZero) {
  if (!kSddlc) GTEST_SKIP() << kNoTool;
  ToolRun r = sddlc("check 'D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)' --object "
                "section --token preset=low-integrity-user --desired 'read|write'");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.rfind("ALLOWED section:", 0), 0u) << r.out;
}

TEST(SddlcCheck, JsonHasTheDocumentedFields) {
  if (!kSddlc) GTEST_SKIP() << kNoTool;
  ToolRun r = sddlc("check " + kSeed +
                " --object section --token 'preset=low-integrity-user' --desired GRGW "
                "--format json");
  EXPECT_EQ(r.status, 1) << r.out;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["allowed"], false);
  EXPECT_EQ(j["desired"], 0x20007);
  EXPECT_EQ(j["granted"], 0x20005);
  EXPECT_EQ(j["missing"], 0x2);
  ASSERT_TRUE(j["trace"].is_array());
  EXPECT_GT(j["trace"].size(), 3u);
  for (const auto& line : j["trace"]) EXPECT_TRUE(line.is_string());
  bool ace = false;
  for (const auto& step : j["steps"])
    if (step.contains("ace_index") && step["ace_index"] == 2 && step["ace"] == "(A;;GWGR;;;IU)")
      ace = true;
  EXPECT_TRUE(ace) << r.out;
}

TEST(SddlcCheck, ParseErrorsAreExitTwoWithOffset) {
  if (!kSddlc) GTEST_SKIP() << kNoTool;
  struct Case {
    std::string args;
    std::string message;
  };
  const Case cases[] = {
      {"check 'D:(A;;GA;;;WD' --object section --token preset=interactive-user --desired read",
       "sddlc check: SDDL: at 2:"},
      {"check 'D:(A;;GA;;;WD)' --object section --token 'preset=interactive-user;grups=WD' "
       "--desired read",
       "sddlc check: --token: at 24: unknown key 'grups' (did you mean 'groups'?)"},
      {"check 'D:(A;;GA;;;WD)' --object section --token preset=interactive-user --desired "
       "'read,map-wrte'",
       "sddlc check: --desired: at 5: unknown right 'map-wrte' for section (did you mean "
       "'map-write'?)"},
      {"check 'D:(A;;GA;;;WD)' --object sektion --token preset=interactive-user --desired read",
       "unknown object type 'sektion'"},
      {"check 'D:(A;;GA;;;WD)' --object section --desired read", "--token is required"},
  };
  for (const auto& c : cases) {
    ToolRun r = sddlc(c.args);
    EXPECT_EQ(r.status, 2) << c.args << "\n" << r.out;
    EXPECT_NE(r.out.find(c.message), std::string::npos) << c.args << "\n" << r.out;
  }
}

// Issue 15: LU typed for LW in the label. No verdict line in either format, exit 2, and the
// message says why (the SID and what a label needs).
TEST(SddlcCheck, ALabelThatIsNotAnIntegrityLevelGetsNoVerdict) {
  if (!kSddlc) GTEST_SKIP() << kNoTool;
  for (const char* format : {"text", "json"}) {
    ToolRun r = sddlc("check 'D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LU)' --object "
                      "section --token preset=low-integrity-user --desired write --format " +
                      std::string(format));
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_EQ(r.out.find("ALLOWED"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("\"allowed\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("sddlc check: no answer: the mandatory label (SACL ACE #0) has SID "
                         "S-1-5-32-559, which is not an integrity level"),
              std::string::npos)
        << r.out;
  }
}

// \KnownDlls as Windows prints it (daem0nc0re/TangledWinExec, SdDumper/README.md): a process
// trust label ACE in the SACL. No Microsoft source says how the access check applies it
// (docs/access-check.md), so no verdict, exit 2, and the reason names the ACE; an access filter
// likewise. An inherit-only one does not apply to the object: a verdict.
TEST(SddlcCheck, TrustLabelAndAccessFilterGetNoVerdict) {
  if (!kSddlc) GTEST_SKIP() << kNoTool;
  struct Case { std::string sddl, reason; };
  const Case cases[] = {
      {"O:BAG:SYD:(A;;CCDCLCSWSDRCWDWO;;;BA)(A;;CCDCRC;;;WD)(A;;CCDCRC;;;AC)(A;;CCDCRC;;;RC)"
       "(A;;CCDCRC;;;S-1-15-2-2)S:(TL;;CCDCRC;;;S-1-19-512-8192)",
       "sddlc check: no answer: SACL ACE #0 is a process trust label (TL) ACE; no Microsoft "
       "source says how the access check applies it"},
      {"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)(FL;;GA;;;WD;(@User.x == 1))",
       "sddlc check: no answer: SACL ACE #1 is an access filter (FL) ACE; no Microsoft source "
       "says how the access check applies it"},
  };
  for (const Case& c : cases) {
    for (const char* format : {"text", "json"}) {
      ToolRun r = sddlc("check '" + c.sddl +
                        "' --object directory --token preset=interactive-user --desired read "
                        "--format " + std::string(format));
      EXPECT_EQ(r.status, 2) << r.out;
      EXPECT_EQ(r.out.find("ALLOWED"), std::string::npos) << r.out;
      EXPECT_EQ(r.out.find("DENIED"), std::string::npos) << r.out;
      EXPECT_EQ(r.out.find("\"allowed\""), std::string::npos) << r.out;
      EXPECT_NE(r.out.find(c.reason), std::string::npos) << r.out;
    }
  }
  ToolRun r = sddlc("check 'D:(A;;GA;;;WD)S:(TL;OICIIO;CCDCRC;;;S-1-19-512-8192)' --object "
                    "directory --token preset=interactive-user --desired read");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.rfind("ALLOWED", 0), 0u) << r.out;
}

TEST(SddlcCheck, HelpListsPresetsAndKeys) {
  if (!kSddlc) GTEST_SKIP() << kNoTool;
  ToolRun r = sddlc("check --help");
  EXPECT_EQ(r.status, 0) << r.out;
  for (const char* word : {"low-integrity-user", "restricted-sandbox", "write-restricted",
                           "mandatory-policy", "capabilities", "Exit status"})
    EXPECT_NE(r.out.find(word), std::string::npos) << word << "\n" << r.out;
}

// docs/conditional-aces.md: every ```sh block that runs `sddlc check` is followed by a ```text
// block with its output; run each (from the source tree) and compare, so the documented trace
// is the real one. The policy the doc shows is the file in policies/, whole.
TEST(SddlcCheck, ConditionalAcesDocumentationIsTheRealOutput) {
  if (!kSddlc) GTEST_SKIP() << kNoTool;
#ifdef SECDESC_SOURCE_DIR
  std::ifstream in(std::string(SECDESC_SOURCE_DIR) + "/docs/conditional-aces.md");
  ASSERT_TRUE(in) << "docs/conditional-aces.md not found";
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();
  int examples = 0;
  for (std::size_t at = doc.find("```sh\nsddlc check "); at != std::string::npos;
       at = doc.find("```sh\nsddlc check ", at + 1)) {
    const std::size_t command_begin = at + 6 + 6;  // after "```sh\nsddlc "
    const std::size_t command_end = doc.find('\n', command_begin);
    const std::string args = doc.substr(command_begin, command_end - command_begin);
    const std::size_t text = doc.find("```text\n", command_end);
    ASSERT_NE(text, std::string::npos) << "no ```text block after: " << args;
    const std::size_t text_end = doc.find("```", text + 8);
    const std::string want = doc.substr(text + 8, text_end - (text + 8));
    ToolRun r = sddlc(args, SECDESC_SOURCE_DIR);
    EXPECT_EQ(r.out, want) << "sddlc " << args;
    ++examples;
  }
  EXPECT_EQ(examples, 4);
  std::ifstream policy_in(std::string(SECDESC_SOURCE_DIR) +
                          "/policies/conditional-section-write.toml");
  std::stringstream policy;
  policy << policy_in.rdbuf();
  ASSERT_FALSE(policy.str().empty());
  EXPECT_NE(doc.find("```toml\n" + policy.str() + "```\n"), std::string::npos)
      << "docs/conditional-aces.md should show policies/conditional-section-write.toml as it is";
#endif
}

// Issue #15: the token SPEC takes a bare preset name and the service presets; a policy's trace
// and JSON name the service SID as the policy wrote it.
TEST(SddlcCheck, BarePresetNameIsThePreset) {
  if (!kSddlc) GTEST_SKIP() << kNoTool;
  const std::string rest = " --object section --desired read,write";
  ToolRun bare = sddlc("check " + kSeed + " --token low-integrity-user" + rest);
  ToolRun keyed = sddlc("check " + kSeed + " --token preset=low-integrity-user" + rest);
  EXPECT_EQ(bare.status, 1) << bare.out;
  EXPECT_EQ(bare.out, keyed.out);
  ToolRun typo = sddlc("check " + kSeed + " --token servise:AcmeSync" + rest);
  EXPECT_EQ(typo.status, 2) << typo.out;
  EXPECT_NE(typo.out.find("did you mean 'service:AcmeSync'?"), std::string::npos) << typo.out;
}

#ifdef SECDESC_SOURCE_DIR
TEST(SddlcCheck, ServiceTokenAndNamedTraceOnTheReferencePolicy) {
  if (!kSddlc) GTEST_SKIP() << kNoTool;
  const std::string policy = " policies/acme-sync-section.toml";
  ToolRun service = sddlc("check" + policy + " --token 'service:AcmeSync' --desired map-write",
                          SECDESC_SOURCE_DIR);
  EXPECT_EQ(service.status, 0) << service.out;
  ToolRun low = sddlc("check" + policy + " --token low-integrity-user --desired map-write",
                      SECDESC_SOURCE_DIR);
  EXPECT_EQ(low.status, 1) << low.out;
  const std::string named =
      "S-1-5-80-2354064089-3771984689-4025133907-1786107725-611203120 (NT SERVICE\\AcmeSync) is "
      "not in the token";
  EXPECT_NE(low.out.find(named), std::string::npos) << low.out;
  ToolRun json = sddlc("check" + policy + " --token low-integrity-user --desired map-write "
                       "--format json",
                       SECDESC_SOURCE_DIR);
  auto j = nlohmann::json::parse(json.out);
  bool found = false;
  for (const auto& line : j["trace"])
    if (line.get<std::string>().find(named) != std::string::npos) found = true;
  EXPECT_TRUE(found) << json.out;
  // AppContainer tokens by package name and capability name.
  ToolRun with = sddlc("check" + policy + " --token 'preset=appcontainer-process;appcontainer="
                       "package:Contoso.AcmeClient_abcdefghjkmnp;capabilities=lpacCom' "
                       "--desired map-read",
                       SECDESC_SOURCE_DIR);
  EXPECT_EQ(with.status, 0) << with.out;
  EXPECT_NE(with.out.find("(capability:lpacCom)"), std::string::npos) << with.out;
  ToolRun without = sddlc("check" + policy + " --token appcontainer-process --desired map-read",
                          SECDESC_SOURCE_DIR);
  EXPECT_EQ(without.status, 1) << without.out;
}
#endif

}  // namespace
