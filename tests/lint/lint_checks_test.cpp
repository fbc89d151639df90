// The lint rules, one golden row each: the bad example fires exactly that rule at the exact
// column (columns counted by hand from the string), the good example is clean. The same bad and
// good strings are the examples of docs/lint-rules.md (LintDocs.EveryRuleHasItsExamples checks).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <algorithm>
#include <string>
#include <vector>

#include "secdesc/lint.hpp"
#include "secdesc/lint_format.hpp"

namespace secdesc {
namespace {

struct RuleCase {
  std::string_view rule;
  std::optional<ObjectType> object;
  std::string_view bad;
  std::size_t column;  // where the finding points in `bad` (1-based, counted by hand)
  Severity severity;
  std::string_view good;
  std::string_view why;  // what the bad string gets wrong
};

using O = ObjectType;
const std::vector<RuleCase> kRuleCases = {
    {"syntax", {}, "D:(A;;GA;;;SY)(A;;FOO;;;BU)", 19, Severity::error,
     "D:(A;;GA;;;SY)(A;;GR;;;BU)", "'FO' is not a rights token; column of the F"},
    {"unsupported", {}, "S:(TL;;0x1;;;S-1-19-512-1024)", 4, Severity::note,
     "S:(ML;;NW;;;LW)", "trust-label ACE type TL at column 4"},
    {"nonstandard", {}, "D:(a;;GA;;;SY)", 4, Severity::warning, "D:(A;;GA;;;SY)",
     "lower-case ACE type at column 4"},
    {"null-dacl", {}, "D:NO_ACCESS_CONTROL", 3, Severity::error, "D:(A;;GA;;;SY)(A;;GA;;;BA)",
     "the NO_ACCESS_CONTROL word starts at column 3"},
    {"empty-dacl", {}, "O:SYG:SYD:", 9, Severity::warning, "O:SYG:SYD:(A;;GA;;;SY)",
     "the D of D: is the ninth character"},
    {"non-canonical-order", {}, "D:(A;;GA;;;SY)(D;;GA;;;AN)", 15, Severity::warning,
     "D:(D;;GA;;;AN)(A;;GA;;;SY)", "second ACE (a deny) starts at column 15"},
    {"inherit-flags-on-non-container", O::section, "D:(A;OICI;GA;;;SY)", 6, Severity::warning,
     "D:(A;;GA;;;SY)", "flags field starts at column 6; sections have no children"},
    {"domain-alias", {}, "D:(A;;GA;;;SY)(A;;GR;;;DU)", 24, Severity::warning,
     "D:(A;;GA;;;SY)(A;;GR;;;S-1-5-21-1004336348-1177238915-682003330-513)",
     "DU, the SID field of the second ACE, is at column 24"},
    {"world-writable", O::section, "D:(A;;GA;;;SY)(A;;GRWD;;;AU)(A;;GR;;;AC)S:(ML;;NW;;;LW)", 15,
     Severity::error, "D:(A;;GA;;;SY)(A;;GR;;;AU)(A;;GR;;;AC)S:(ML;;NW;;;LW)",
     "WRITE_DAC for Authenticated Users: a control right, whatever the label"},
    {"anonymous-access", {}, "D:(A;;GA;;;SY)(A;;GR;;;AN)", 15, Severity::warning,
     "D:(A;;GA;;;SY)(A;;GR;;;AU)", "read for ANONYMOUS LOGON"},
    {"low-integrity-write-blocked", O::section, "D:(A;;GA;;;SY)(A;;GRGW;;;AC)", 15, Severity::note,
     "D:(A;;GA;;;SY)(A;;GRGW;;;AC)S:(ML;;NW;;;LW)",
     "AppContainers get write in the DACL but no label: medium no-write-up blocks them"},
    {"label-above-medium", {}, "D:(A;;GA;;;SY)S:(ML;;NW;;;HI)", 17, Severity::warning,
     "D:(A;;GA;;;SY)S:(ML;;NW;;;ME)", "a High label; the ML ACE starts at column 17"},
    {"multiple-labels", {}, "D:(A;;GA;;;SY)S:(ML;;NW;;;ME)(ML;;NW;;;LW)", 30, Severity::warning,
     "D:(A;;GA;;;SY)S:(ML;;NW;;;ME)", "the second ML ACE starts at column 30"},
    {"label-not-integrity", {}, "S:(ML;;NW;;;LU)", 13, Severity::error, "S:(ML;;NW;;;LW)",
     "LU (Performance Log Users) typed for LW; reported at the SID, column 13"},
    {"world-writable-data", O::section, "D:(A;;GA;;;SY)(A;;GRGW;;;AU)(A;;GR;;;AC)S:(ML;;NW;;;LW)",
     15, Severity::warning, "D:(A;;GA;;;SY)(A;;GR;;;AU)(A;;GR;;;AC)S:(ML;;NW;;;LW)",
     "GW on a labelled section maps to SECTION_MAP_WRITE only: a data channel, not control"},
    {"appcontainer-unreachable", {}, "D:(A;;GA;;;SY)(A;;GR;;;AU)S:(ML;;NW;;;LW)", 29,
     Severity::warning, "D:(A;;GA;;;SY)(A;;GR;;;AU)(A;;GR;;;AC)S:(ML;;NW;;;LW)",
     "low label, no AC ACE; reported at the label (column 29)"},
    {"duplicate-ace", {}, "D:(A;;GA;;;SY)(A;;GA;;;SY)", 15, Severity::warning, "D:(A;;GA;;;SY)",
     "the second ACE repeats the first"},
    {"redundant-ace", {}, "D:(A;;GA;;;SY)(A;;GR;;;SY)", 15, Severity::note, "D:(A;;GA;;;SY)",
     "GR to SY after GA to SY"},
    {"unknown-rights", O::section, "D:(A;;FA;;;SY)", 7, Severity::warning, "D:(A;;GA;;;SY)",
     "FA has SYNCHRONIZE and 0x1c0, undefined for sections; rights field at column 7"},
    {"condition-never-true", O::section,
     "D:(A;;GA;;;SY)(XA;;GR;;;IU;((@USER.Level == 1) && (@USER.Level == 2)))", 28,
     Severity::warning, "D:(A;;GA;;;SY)(XA;;GR;;;IU;((@USER.Level == 1) || (@USER.Level == 2)))",
     "Level cannot be both 1 and 2; the condition starts at column 28"},
    {"condition-unknown-result", {}, "D:(XD;;GW;;;WD;(@USER.Clearance < 3))(A;;GA;;;SY)(A;;GA;;;BA)",
     16, Severity::warning,
     "D:(XD;;GW;;;WD;((Exists @USER.Clearance) && (@USER.Clearance < 3)))(A;;GA;;;SY)(A;;GA;;;BA)",
     "callers without a Clearance claim (administrators too) get UNKNOWN, and the deny applies"},
};

std::vector<Finding> lint(std::string_view sddl, std::optional<ObjectType> object = {},
                          LintSettings settings = {}) {
  settings.object = object;
  LintSubject s = make_sddl_subject("t", std::string(sddl),
                                    SourceMap::single_line({1, 1}, sddl), settings.domain);
  return lint_subject(s, settings);
}

std::string describe(const std::vector<Finding>& f) { return format_text(f); }

TEST(LintRules, BadExampleFiresExactlyItsRuleAtTheColumn) {
  for (const auto& c : kRuleCases) {
    SCOPED_TRACE(fmt::format("{}: {} ({})", c.rule, c.bad, c.why));
    auto findings = lint(c.bad, c.object);
    ASSERT_EQ(findings.size(), 1u) << describe(findings);
    EXPECT_EQ(findings[0].code, c.rule) << describe(findings);
    EXPECT_EQ(findings[0].where.position(), (SourcePosition{1, c.column})) << describe(findings);
    EXPECT_EQ(findings[0].severity, c.severity);
    EXPECT_EQ(findings[0].where.file, "t");
  }
}

TEST(LintRules, GoodExampleIsClean) {
  for (const auto& c : kRuleCases) {
    SCOPED_TRACE(fmt::format("{}: {}", c.rule, c.good));
    auto findings = lint(c.good, c.object);
    EXPECT_TRUE(findings.empty()) << describe(findings);
  }
}

// Every rule but the four that need a file, a policy or a comment (global-namespace,
// expectation-failed, policy-error, unused-suppression) has a row above.
TEST(LintRules, EverySddlRuleHasAGoldenRow) {
  for (const auto& r : lint_rules()) {
    if (r.rule == Rule::global_namespace || r.rule == Rule::expectation_failed ||
        r.rule == Rule::policy_error || r.rule == Rule::unused_suppression)
      continue;
    bool found = false;
    for (const auto& c : kRuleCases) found |= c.rule == r.id;
    EXPECT_TRUE(found) << r.id;
  }
}

std::string read_docs() {
  std::ifstream in(std::string(SECDESC_SOURCE_DIR) + "/docs/lint-rules.md");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The section "### <id>" of docs/lint-rules.md, up to the next heading of that level or above.
std::string docs_section(const std::string& docs, std::string_view id) {
  const std::string heading = fmt::format("\n### {}\n", id);
  std::size_t at = docs.find(heading);
  if (at == std::string::npos) return {};
  std::size_t end = docs.find("\n## ", at + 1);
  std::size_t next = docs.find("\n### ", at + 1);
  return docs.substr(at, std::min(end, next) - at);
}

TEST(LintDocs, EveryRuleHasASectionWithBadAndGood) {
  const std::string docs = read_docs();
  ASSERT_FALSE(docs.empty()) << "docs/lint-rules.md is missing";
  for (const auto& r : lint_rules()) {
    const std::string section = docs_section(docs, r.id);
    ASSERT_FALSE(section.empty()) << "no '### " << r.id << "' section";
    EXPECT_NE(section.find("Bad"), std::string::npos) << r.id;
    EXPECT_NE(section.find("Good"), std::string::npos) << r.id;
    EXPECT_NE(section.find("Fix:"), std::string::npos) << r.id;
    // The section states the default level the table has.
    std::string level(to_string(r.default_severity));
    level[0] = static_cast<char>(level[0] - 'a' + 'A');
    EXPECT_NE(section.find("**" + level), std::string::npos) << r.id << " should say " << level;
  }
}

TEST(LintDocs, EveryRuleHasItsExamples) {
  const std::string docs = read_docs();
  for (const auto& c : kRuleCases) {
    const std::string section = docs_section(docs, c.rule);
    EXPECT_NE(section.find(fmt::format("\n{}\n", c.bad)), std::string::npos) << c.rule << " bad";
    EXPECT_NE(section.find(fmt::format("\n{}\n", c.good)), std::string::npos) << c.rule << " good";
    EXPECT_NE(section.find(fmt::format("column {}", c.column)), std::string::npos)
        << c.rule << " should give the column";
  }
}

// --- the finer points of each rule ---------------------------------------------------------

// Process trust label and access filter ACEs: Windows writes them (\KnownDlls, as SdDumper
// printed it: daem0nc0re/TangledWinExec, SdDumper/README.md), so they get the `unsupported` note
// at the ACE type and nothing else: a TL is not an audit ACE and not a label, and no rule claims
// what an access filter's condition does (its condition here is never TRUE, Level 1 and 2 at once,
// which in an XA fires condition-never-true).
TEST(LintRules, TrustLabelsAndAccessFiltersGetOnlyTheUnsupportedNote) {
  auto f = lint("O:BAG:SYD:(A;;CCDCLCSWSDRCWDWO;;;BA)(A;;CCDCRC;;;WD)(A;;CCDCRC;;;AC)"
                "(A;;CCDCRC;;;RC)(A;;CCDCRC;;;S-1-15-2-2)S:(TL;;CCDCRC;;;S-1-19-512-8192)");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::unsupported);
  EXPECT_EQ(f[0].severity, Severity::note);
  EXPECT_EQ(f[0].where.position(), (SourcePosition{1, 112})) << describe(f);
  EXPECT_NE(f[0].message.find("TL ACE (process trust label)"), std::string::npos) << describe(f);

  f = lint("D:(A;;GA;;;SY)S:(FL;TP;FR;;;WD;((@USER.Level == 1) && (@USER.Level == 2)))"
           "(TL;CIIO;0x1;;;S-1-19-1024-8192)");
  ASSERT_EQ(f.size(), 2u) << describe(f);
  for (const auto& finding : f) {
    EXPECT_EQ(rule_of(finding), Rule::unsupported) << describe(f);
    EXPECT_EQ(finding.severity, Severity::note);
  }
  EXPECT_EQ(f[0].where.position(), (SourcePosition{1, 18})) << describe(f);
  EXPECT_NE(f[0].message.find("FL ACE (access filter)"), std::string::npos) << describe(f);
  EXPECT_EQ(f[1].where.position(), (SourcePosition{1, 76})) << describe(f);
  // The same condition in an XA ACE is judged.
  f = lint("D:(A;;GA;;;SY)(XA;;FR;;;WD;((@USER.Level == 1) && (@USER.Level == 2)))");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::condition_never_true) << describe(f);
}

TEST(LintRules, InheritOnlyOnANonContainerIsEscalatedToError) {
  // IO: the ACE applies to children only, and a section has none. Flags field at column 18.
  auto f = lint("D:(A;;GA;;;SY)(A;OICIIO;GA;;;CO)", O::section);
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::inherit_flags_on_non_container);
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_EQ(f[0].where.column, 18u);
  EXPECT_NE(f[0].message.find("OI CI IO on a file mapping (section)"), std::string::npos)
      << f[0].message;
  // An explicit level replaces both the default and the escalated one.
  LintSettings s;
  s.rules.set_severity(Rule::inherit_flags_on_non_container, Severity::note);
  f = lint("D:(A;;GA;;;SY)(A;OICIIO;GA;;;CO)", O::section, s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::note);
}

TEST(LintRules, InheritanceFlagsAreFineOnContainers) {
  EXPECT_TRUE(lint("D:(A;OICI;GA;;;SY)(A;OICIIO;GA;;;CO)", O::directory).empty());
  EXPECT_TRUE(lint("D:(A;OICI;KA;;;SY)", O::key).empty());
  // Without a type, nothing is known.
  EXPECT_TRUE(lint("D:(A;OICI;GA;;;SY)").empty());
}

TEST(LintRules, ExplicitAfterInheritedIsNonCanonical) {
  auto f = lint("D:(A;ID;GA;;;SY)(A;;GR;;;BU)");  // second ACE at column 17
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::non_canonical_order);
  EXPECT_EQ(f[0].where.column, 17u);
  EXPECT_NE(f[0].message.find("explicit ACE after an inherited"), std::string::npos);
  // Inherited deny after explicit allow is canonical.
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(D;ID;GW;;;BG)").empty());
}

TEST(LintRules, NullDaclOnlyWhenTheStringIsAWholeDescriptor) {
  // No D: and no S:: a whole descriptor without DACL. Reported at the first character.
  auto f = lint("O:BAG:BA");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::null_dacl);
  EXPECT_EQ(f[0].where.column, 1u);
  // A label-only string (SetSecurityInfo with LABEL_SECURITY_INFORMATION) is not.
  EXPECT_TRUE(lint("S:(ML;;NW;;;ME)").empty());
  // NO_ACCESS_CONTROL after flags: at the word (column 4).
  f = lint("D:PNO_ACCESS_CONTROL");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].where.column, 4u);
}

TEST(LintRules, WorldWritableUsesTheTypesGenericMapping) {
  // GX on a section is SECTION_MAP_EXECUTE|READ_CONTROL: no write bit.
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(A;;GXGR;;;BU)", O::section).empty());
  // GW on a mutex maps to READ_CONTROL only (Wine's mapping): nothing to write.
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(A;;GRGW;;;BU)", O::mutex).empty());
  // 0x2 is EVENT_MODIFY_STATE: write for an event, its data channel (world-writable-data).
  auto f = lint("D:(A;;GA;;;SY)(A;;0x100002;;;IU)", O::event);
  auto data = std::find_if(f.begin(), f.end(),
                           [](const Finding& x) { return rule_of(x) == Rule::world_writable_data; });
  ASSERT_NE(data, f.end()) << describe(f);
  EXPECT_NE(data->message.find("modify-state"), std::string::npos) << data->message;
  // Without a type: GW, GA, SD, WD and WO count.
  f = lint("D:(A;;GA;;;SY)(A;;WD;;;WD)");
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(rule_of(f[0]), Rule::world_writable);
  EXPECT_NE(f[0].message.find("Everyone (WD) is granted write access: WD"), std::string::npos)
      << f[0].message;
}

// Issue #16: the types real code secures with SDDL, in their own words.
TEST(LintRules, NewTypesWriteRightsComeFromTheTable) {
  // COM: execute and activate bits for everyone are no write, nor is GA (all five COM bits).
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(A;;0xB;;;WD)", O::com).empty())
      << describe(lint("D:(A;;GA;;;SY)(A;;0xB;;;WD)", O::com));
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(A;;CCDCLC;;;WD)", O::com).empty());
  // ... but WRITE_DAC is still a write: whoever holds it rewrites the permission.
  auto f = lint("D:(A;;GA;;;SY)(A;;0x40001;;;WD)", O::com);
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(rule_of(f[0]), Rule::world_writable) << describe(f);
  EXPECT_NE(f[0].message.find("write-dac"), std::string::npos) << f[0].message;
  // A device is opened as a file: GW for Everyone is an error in the file's words.
  f = lint("D:P(A;;GA;;;SY)(A;;GRGW;;;WD)", O::device);
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(rule_of(f[0]), Rule::world_writable) << describe(f);
  EXPECT_NE(f[0].message.find("write-data|append-data"), std::string::npos) << f[0].message;
  // WMI: Windows' default rights for Authenticated Users are no write; full write is.
  EXPECT_TRUE(lint("D:(A;CI;GA;;;BA)(A;CI;0x13;;;AU)", O::wmi_namespace).empty())
      << describe(lint("D:(A;CI;GA;;;BA)(A;CI;0x13;;;AU)", O::wmi_namespace));
  f = lint("D:(A;CI;GA;;;BA)(A;CI;0x4;;;AU)", O::wmi_namespace);
  ASSERT_FALSE(f.empty());
  EXPECT_NE(f[0].message.find("full-write"), std::string::npos) << f[0].message;
  // A desktop's hook control for users is write (DESKTOP_HOOKCONTROL is in its GW).
  f = lint("D:(A;;GA;;;SY)(A;;0x8;;;BU)", O::desktop);
  ASSERT_FALSE(f.empty());
  EXPECT_NE(f[0].message.find("hook-control"), std::string::npos) << f[0].message;
}

TEST(LintRules, WithoutATypeSpecificRightsAreNotWrite) {
  // 0xB on a COM AppID is COM_RIGHTS_EXECUTE|EXECUTE_LOCAL|ACTIVATE_LOCAL, on a file read, write
  // and append: without a type the linter cannot tell, so it claims nothing.
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(A;;0xB;;;WD)").empty()) << describe(lint("D:(A;;0xB;;;WD)"));
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(A;;FRFW;;;WD)").empty());
  // The same bits with a type are write.
  auto f = lint("D:(A;;GA;;;SY)(A;;FRFW;;;WD)", O::file);
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(rule_of(f[0]), Rule::world_writable) << describe(f);
  // Messages print unknown-type specific bits as hex, never as another type's letters (DC).
  f = lint("D:(A;;GA;;;SY)(A;;0xB;;;AN)");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::anonymous_access);
  EXPECT_NE(f[0].message.find("0xb"), std::string::npos) << f[0].message;
  EXPECT_EQ(f[0].message.find("DC"), std::string::npos) << f[0].message;
  // A standard right mixed with specific bits: still reported, in hex.
  f = lint("D:(A;;GA;;;SY)(A;;0x4000B;;;WD)");
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(rule_of(f[0]), Rule::world_writable) << describe(f);
  EXPECT_NE(f[0].message.find("write access: WD"), std::string::npos) << f[0].message;
}

// The one finding of `rule` in f (low-integrity-write-blocked notes may come with it).
const Finding* only_finding_of(const std::vector<Finding>& f, Rule rule) {
  const Finding* found = nullptr;
  for (const auto& x : f) {
    if (rule_of(x) != rule) continue;
    if (found) return nullptr;
    found = &x;
  }
  return found;
}

bool has_rule(const std::vector<Finding>& f, Rule rule) {
  return std::any_of(f.begin(), f.end(), [&](const Finding& x) { return rule_of(x) == rule; });
}

TEST(LintRules, DataChannelWritesAreWarningsControlRightsErrors) {
  // A pipe's write-data: the data channel, a warning that says what the service must do.
  auto f = lint("D:(A;;GA;;;SY)(A;;0x120003;;;IU)", O::named_pipe);
  const Finding* w = only_finding_of(f, Rule::world_writable_data);
  ASSERT_NE(w, nullptr) << describe(f);
  EXPECT_FALSE(has_rule(f, Rule::world_writable)) << describe(f);
  EXPECT_EQ(w->severity, Severity::warning);
  EXPECT_NE(w->message.find("write-data"), std::string::npos) << w->message;
  EXPECT_NE(w->message.find("untrusted"), std::string::npos) << w->message;
  // A policy with a label and expectations has declared the channel: not reported; its
  // control rights still are.
  auto declared = [](std::string_view sddl) {
    LintSubject s = make_sddl_subject("t", std::string(sddl), SourceMap::single_line({1, 1}, sddl),
                                      std::nullopt);
    s.object_type = O::named_pipe;
    s.data_channel_declared = true;
    return lint_subject(s, LintSettings{});
  };
  EXPECT_FALSE(has_rule(declared("D:(A;;GA;;;SY)(A;;0x120003;;;IU)"), Rule::world_writable_data));
  EXPECT_TRUE(has_rule(declared("D:(A;;GA;;;SY)(A;;0x120007;;;IU)"), Rule::world_writable));
  // create-pipe-instance (0x4) lets a client serve its own instance: control, an error, and
  // the ACE is reported once.
  f = lint("D:(A;;GA;;;SY)(A;;0x120007;;;IU)", O::named_pipe);
  w = only_finding_of(f, Rule::world_writable);
  ASSERT_NE(w, nullptr) << describe(f);
  EXPECT_FALSE(has_rule(f, Rule::world_writable_data)) << describe(f);
  EXPECT_EQ(w->severity, Severity::error);
  EXPECT_NE(w->message.find("create-pipe-instance"), std::string::npos) << w->message;
  // GW on a pipe is FILE_GENERIC_WRITE, append-data (create-pipe-instance) included.
  f = lint("D:(A;;GA;;;SY)(A;;GRGW;;;WD)", O::named_pipe);
  EXPECT_TRUE(has_rule(f, Rule::world_writable)) << describe(f);
  EXPECT_FALSE(has_rule(f, Rule::world_writable_data)) << describe(f);
  // A section's map-write is a data channel only when a label opened it deliberately.
  f = lint("D:(A;;GA;;;SY)(A;;0x6;;;AU)", O::section);
  EXPECT_TRUE(has_rule(f, Rule::world_writable)) << describe(f);
  EXPECT_FALSE(has_rule(f, Rule::world_writable_data)) << describe(f);
  f = lint("D:(A;;GA;;;SY)(A;;0x6;;;AU)(A;;0x6;;;AC)S:(ML;;NW;;;LW)", O::section);
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::world_writable_data);
  // Control rights stay errors on a data-channel type, with or without a label.
  f = lint("D:(A;;GA;;;SY)(A;;0x40006;;;AU)(A;;0x6;;;AC)S:(ML;;NW;;;LW)", O::section);
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::world_writable);
  // An event's modify-state is its signal: a warning.
  f = lint("D:(A;;GA;;;SY)(A;;0x100002;;;AU)", O::event);
  EXPECT_TRUE(has_rule(f, Rule::world_writable_data)) << describe(f);
  EXPECT_FALSE(has_rule(f, Rule::world_writable)) << describe(f);
  // A type without a data channel: its write rights are control (a key's set-value), and so
  // is a semaphore's modify-state, which the table does not list.
  for (auto type : {O::key, O::semaphore}) {
    f = lint("D:(A;;GA;;;SY)(A;;0x2;;;BU)", type);
    EXPECT_TRUE(has_rule(f, Rule::world_writable)) << describe(f);
    EXPECT_FALSE(has_rule(f, Rule::world_writable_data)) << describe(f);
  }
  // Without a type the rule never fires.
  EXPECT_FALSE(has_rule(lint("D:(A;;GA;;;SY)(A;;0x2;;;BU)"), Rule::world_writable_data));
}

TEST(LintRules, WinrmEndpointsAccessIsWhoMayConnect) {
  // PowerShell's default remote endpoint: Interactive Users may open sessions. A warning with
  // the endpoint's own words and fix, no error, no low-integrity note.
  const std::string_view endpoint =
      "O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;RM)(A;;GA;;;IU)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)";
  auto f = lint(endpoint, O::winrm_session);
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::world_writable_data);
  EXPECT_EQ(f[0].severity, Severity::warning);
  EXPECT_EQ(f[0].where.column, 36u);
  EXPECT_EQ(f[0].message,
            "NT AUTHORITY\\INTERACTIVE (IU) may open sessions on the endpoint and run commands (as "
            "themselves, unless the configuration runs as another account): read|write|execute; "
            "check what the endpoint runs as (RunAsCredential, RunAsVirtualAccount) and which "
            "commands it exposes; grant Execute(Invoke) (GX) to a narrower group if not every "
            "such user may connect");
  // Read and invoke only: no write to warn about.
  EXPECT_TRUE(lint("O:NSG:BAD:P(A;;GA;;;BA)(A;;GRGX;;;IU)", O::winrm_session).empty());
  // WRITE_DAC is no WinRM permission, and a control right: an error.
  f = lint("D:P(A;;GA;;;BA)(A;;GXWD;;;AU)", O::winrm_session);
  EXPECT_TRUE(has_rule(f, Rule::world_writable)) << describe(f);
  // Without the type, GA for Interactive Users is a write of unknown meaning: an error.
  EXPECT_TRUE(has_rule(lint(endpoint), Rule::world_writable));
}

TEST(LintRules, ANegativeTestsInputIsANote) {
  LintSubject s = make_sddl_subject("t", "D:(A;;GA;;;BB)",
                                    SourceMap::single_line({1, 1}, "D:(A;;GA;;;BB)"), std::nullopt);
  s.meant_invalid_by = "WrongSddl";
  auto f = lint_subject(s, LintSettings{});
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::syntax);
  EXPECT_EQ(f[0].severity, Severity::note);
  EXPECT_EQ(f[0].message.rfind("not valid SDDL, as its name WrongSddl says it is meant to be: ", 0),
            0u)
      << f[0].message;
  // A configured level below note stays: off is off.
  LintSettings off;
  off.rules.disable(Rule::syntax);
  EXPECT_TRUE(lint_subject(s, off).empty());
}

TEST(LintRules, AnOwnerStringNoCallIsSeenToTakeIsAWarning) {
  LintSubject s = make_sddl_subject("t", "O:WDG:BA", SourceMap::single_line({1, 1}, "O:WDG:BA"),
                                    std::nullopt);
  s.use_unseen = true;
  auto f = lint_subject(s, LintSettings{});
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::null_dacl);
  EXPECT_EQ(f[0].severity, Severity::warning);
  EXPECT_NE(f[0].message.find("no call in this file is seen to take the descriptor"),
            std::string::npos)
      << f[0].message;
  // NO_ACCESS_CONTROL says null DACL itself: an error wherever it is.
  LintSubject n = make_sddl_subject("t", "D:NO_ACCESS_CONTROL",
                                    SourceMap::single_line({1, 1}, "D:NO_ACCESS_CONTROL"),
                                    std::nullopt);
  n.use_unseen = true;
  f = lint_subject(n, LintSettings{});
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(f[0].severity, Severity::error);
}

TEST(LintRules, UnusedSuppressionIsANoteAtTheComment) {
  LintSubject s = make_sddl_subject("t", "D:(A;;GA;;;SY)(A;;GA;;;SY)",
                                    SourceMap::single_line({2, 1}, "D:(A;;GA;;;SY)(A;;GA;;;SY)"),
                                    std::nullopt);
  // duplicate-ace silences the second ACE; null-dacl silences nothing.
  s.suppressed = {Rule::duplicate_ace, Rule::null_dacl};
  s.suppressed_at = {{1, 22}, {1, 36}};
  auto f = lint_subject(s, LintSettings{});
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::unused_suppression);
  EXPECT_EQ(f[0].severity, Severity::note);
  EXPECT_EQ(f[0].where.position(), (SourcePosition{1, 36}));
  EXPECT_NE(f[0].message.find("'disable=null-dacl'"), std::string::npos) << f[0].message;
  // A rule the run turns off is not judged: it could not have found anything.
  LintSettings off;
  off.rules.disable(Rule::null_dacl);
  EXPECT_TRUE(lint_subject(s, off).empty()) << describe(lint_subject(s, off));
  // Nor is a suppression without a place (built by code, not written in a comment).
  s.suppressed_at.clear();
  EXPECT_TRUE(lint_subject(s, LintSettings{}).empty());
}

TEST(LintRules, AnEarlierDenyTakesTheWriteAway) {
  // Write denied to Everyone first, then granted to Users: nothing is left to write.
  EXPECT_TRUE(lint("D:(D;;GW;;;WD)(A;;GA;;;SY)(A;;GRGW;;;BU)", O::section).empty());
  // An inherit-only allow does not apply to the object itself.
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(A;OICIIO;GA;;;BU)", O::directory).empty());
}

TEST(LintRules, DomainSidSilencesDomainAlias) {
  LintSettings s;
  s.domain = *parse_domain_sid("S-1-5-21-1-2-3");
  EXPECT_TRUE(lint("O:DAG:DUD:(A;;GA;;;DA)", {}, s).empty());
  // Without it, every domain-relative field is reported: O: at 3, G: at 7, the ACE SID at 20.
  auto f = lint("O:DAG:DUD:(A;;GA;;;DA)");
  ASSERT_EQ(f.size(), 3u) << describe(f);
  EXPECT_EQ(f[0].where.column, 3u);
  EXPECT_EQ(f[1].where.column, 7u);
  EXPECT_EQ(f[2].where.column, 20u);
  EXPECT_NE(f[0].message.find("'DA' (Domain Admins)"), std::string::npos) << f[0].message;
  // LA is relative to the machine's account domain.
  f = lint("D:(A;;GA;;;LA)");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("the machine's own account domain"), std::string::npos);
}

TEST(LintRules, NonstandardReportsEveryNote) {
  // Lower-case flags at 6, octal mask at 9 (07 = 0x7), a space in each GUID field at 12 and 14.
  auto f = lint("D:(A;oi;07; ; ;SY)");
  std::vector<std::size_t> columns;
  for (const auto& x : f) {
    EXPECT_EQ(rule_of(x), Rule::nonstandard) << describe(f);
    columns.push_back(x.where.column);
  }
  EXPECT_EQ(columns, (std::vector<std::size_t>{6, 9, 12, 14}));
}

TEST(LintRules, NonstandardCollapsesLowerCaseTokensOfOneLiteral) {
  // 'a' at 4, 'ga' at 6, 'sy' at 11: one warning at the first, the others counted.
  auto f = lint("D:(a;;ga;;;sy)");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::nonstandard);
  EXPECT_EQ(f[0].where.column, 4u);
  EXPECT_EQ(f[0].message.rfind("lower-case ACE type 'a' and 2 more lower-case tokens;", 0), 0u)
      << f[0].message;
  // Other notes are still reported one by one beside it.
  f = lint("D:(a;;07;;;sy)");
  ASSERT_EQ(f.size(), 2u) << describe(f);
  EXPECT_NE(f[0].message.find("and 1 more lower-case token;"), std::string::npos) << f[0].message;
}

TEST(LintRules, RedundantNeedsTheSameFlagsAndNoDenyBetween) {
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(A;OI;GR;;;SY)", O::directory).empty());
  // A deny between: not redundant (only the deny's position is reported, at column 15).
  auto between = lint("D:(A;;GA;;;SY)(D;;GW;;;IU)(A;;GR;;;SY)");
  ASSERT_EQ(between.size(), 1u) << describe(between);
  EXPECT_EQ(rule_of(between[0]), Rule::non_canonical_order);
  // With a type, generic rights are mapped: GA covers 0x4 (map-read) on a section.
  auto f = lint("D:(A;;GA;;;SY)(A;;0x4;;;SY)", O::section);
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::redundant_ace);
}

TEST(LintRules, ExactDuplicatesInTheSaclToo) {
  auto f = lint("D:(A;;GA;;;SY)S:(AU;FA;GA;;;WD)(AU;FA;GA;;;WD)");  // second audit ACE at 32
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::duplicate_ace);
  EXPECT_EQ(f[0].where.column, 32u);
  EXPECT_NE(f[0].message.find("ACE 1 of the SACL"), std::string::npos);
}

TEST(LintRules, UntrustedLabelAlsoNeedsAppContainerAccess) {
  auto f = lint("D:(A;;GA;;;SY)S:(ML;;NW;;;S-1-16-0)");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::appcontainer_unreachable);
  // A capability SID is enough.
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(A;;GR;;;S-1-15-3-1)S:(ML;;NW;;;LW)").empty());
}

TEST(LintRules, LowIntegrityWritesPassWithoutNoWriteUp) {
  // A medium label without NW does not block writes.
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(A;;GRGW;;;AC)S:(ML;;NR;;;ME)", O::section).empty());
  // A high label with NW blocks them; both label-above-medium and the note fire.
  auto f = lint("D:(A;;GA;;;SY)(A;;GRGW;;;AC)S:(ML;;NW;;;HI)", O::section);
  ASSERT_EQ(f.size(), 2u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::low_integrity_write_blocked);
  EXPECT_NE(f[0].message.find("the High Mandatory Level (HI) label"), std::string::npos)
      << f[0].message;
  EXPECT_EQ(rule_of(f[1]), Rule::label_above_medium);
}

// --- conditional ACEs -----------------------------------------------------------------------

TEST(LintConditions, ConditionalAllowsAreNotWorldWritable) {
  // Users may write only when the condition holds: not every user.
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(XA;;GW;;;BU;(Member_of {SID(LU)}))", O::mutex).empty());
  auto f = lint("D:(A;;GA;;;SY)(XA;;GW;;;AU;(Member_of {SID(LU)}))(XA;;GR;;;AN;(Member_of {SID(LU)}))",
                O::section);
  for (const auto& x : f)
    EXPECT_TRUE(rule_of(x) != Rule::world_writable && rule_of(x) != Rule::anonymous_access) << describe(f);
  // A condition that is always TRUE grants everyone in the group.
  f = lint("D:(A;;GA;;;SY)(XA;;GW;;;AU;(@USER.x Not_Contains {}))", O::mutex);
  ASSERT_EQ(f.size(), 0u) << describe(f);  // GW on a mutex is READ_CONTROL only
  // (A key: an event's GW is modify-state, its data channel, world-writable-data.)
  f = lint("D:(A;;GA;;;SY)(XA;;GRGW;;;AU;(@USER.x Not_Contains {}))S:(ML;;NW;;;LW)", O::key);
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(rule_of(f[0]), Rule::world_writable) << describe(f);
}

TEST(LintConditions, OnlyAConditionalDenyThatAlwaysAppliesTakesRightsAway) {
  // Denied to callers with a Level below 3 only: the plain allow still gives BU write.
  // (A key: an event's GW is modify-state, its data channel, world-writable-data.)
  auto f = lint("D:(XD;;GW;;;BU;((Exists @USER.Level) && (@USER.Level < 3)))(A;;GA;;;SY)(A;;GRGW;;;BU)",
                O::key);
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(rule_of(f[0]), Rule::world_writable) << describe(f);
  // A condition that is always TRUE or UNKNOWN (here always UNKNOWN: Any_of with one value):
  // the deny always applies, nothing is left to write.
  f = lint("D:(XD;;GW;;;BU;(@USER.x Any_of 1))(A;;GA;;;SY)(A;;GRGW;;;BU)", O::key);
  for (const auto& x : f) EXPECT_NE(rule_of(x), Rule::world_writable) << describe(f);
}

TEST(LintConditions, AllowsWithDifferentConditionsAreNotRedundant) {
  EXPECT_TRUE(lint("D:(XA;;GA;;;SY;(@USER.a == 1))(XA;;GR;;;SY;(@USER.a == 2))").empty());
  auto f = lint("D:(XA;;GA;;;SY;(@USER.a == 1))(XA;;GR;;;SY;(@USER.a == 1))");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::redundant_ace);
}

TEST(LintConditions, ConditionalDenyAfterAllowIsNonCanonical) {
  auto f = lint("D:(A;;GA;;;SY)(XD;;GW;;;WD;(Member_of {SID(BG)}))");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::non_canonical_order);
}

TEST(LintConditions, NeverTrueSaysWhatTheAceThenDoes) {
  // An XD whose condition is always UNKNOWN denies only those callers: everyone here.
  auto f = lint("D:(XD;;GW;;;WD;(@USER.a Any_of 1))(A;;GA;;;SY)");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::condition_never_true);
  EXPECT_EQ(f[0].where.column, 16u);
  EXPECT_NE(f[0].message.find("this deny ACE denies GW only to callers for whom it is UNKNOWN"),
            std::string::npos)
      << f[0].message;
  // Always FALSE: it denies nothing.
  f = lint("D:(XD;;GW;;;WD;(@USER.a Contains {}))(A;;GA;;;SY)");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_NE(f[0].message.find("this deny ACE denies nothing"), std::string::npos) << f[0].message;
  // A resource attribute the SACL does not have: the allow grants nothing.
  f = lint("D:(A;;GA;;;SY)(XA;;GR;;;AU;(@USER.Level >= @RESOURCE.Level))S:(ML;;NW;;;ME)"
           "(RA;;;;;WD;(\"Secrecy\",TU,0x0,3))");
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(rule_of(f[0]), Rule::condition_never_true) << describe(f);
  EXPECT_NE(f[0].message.find("the descriptor has no resource attribute 'Level'"), std::string::npos)
      << f[0].message;
  // Without a SACL, nothing is known of the object's resource attributes.
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(XA;;GR;;;AU;(@USER.Level >= @RESOURCE.Level))").empty());
}

TEST(LintConditions, UnknownResultForNegatedAllows) {
  auto f = lint("D:(A;;GA;;;SY)(XA;;GR;;;IU;(@USER.Department != \"Sales\"))", O::section);
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::condition_unknown_result);
  EXPECT_EQ(f[0].where.column, 28u);
  EXPECT_NE(f[0].message.find("callers without @USER.Department are not granted query|map-read|"
                              "read-control: the negated test is UNKNOWN for them, not TRUE"),
            std::string::npos)
      << f[0].message;
  // Written out, or not negated: nothing to say.
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(XA;;GR;;;IU;((Not_Exists @USER.Department) || "
                   "(@USER.Department != \"Sales\")))")
                  .empty());
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(XA;;GR;;;IU;(@USER.Department == \"Sales\"))").empty());
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(XA;;GR;;;IU;(Not_Member_of {SID(BG)}))").empty());
}

TEST(LintConditions, UnknownResultNamesEveryMissingAttributeOfADeny) {
  auto f = lint("D:(XD;;GW;;;WD;((@USER.a == 1) || (@DEVICE.b == 2)))(A;;GA;;;SY)");
  ASSERT_EQ(f.size(), 1u) << describe(f);
  EXPECT_NE(f[0].message.find("callers without @USER.a or @DEVICE.b are denied GW"),
            std::string::npos)
      << f[0].message;
  // Member_of never gives UNKNOWN.
  EXPECT_TRUE(lint("D:(XD;;GW;;;WD;(Member_of {SID(BG)}))(A;;GA;;;SY)").empty());
}

TEST(LintConditions, SuppressedLikeAnyRule) {
  LintSettings s;
  s.rules.disable(Rule::condition_unknown_result);
  EXPECT_TRUE(lint("D:(XD;;GW;;;WD;(@USER.Clearance < 3))(A;;GA;;;SY)", {}, s).empty());
}

TEST(LintSettingsTest, DisabledRulesAndOverriddenLevels) {
  LintSettings s;
  s.rules.disable(Rule::duplicate_ace);
  EXPECT_TRUE(lint("D:(A;;GA;;;SY)(A;;GA;;;SY)", {}, s).empty());
  s.rules.set_severity(Rule::duplicate_ace, Severity::error);  // also enables
  auto f = lint("D:(A;;GA;;;SY)(A;;GA;;;SY)", {}, s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::error);
}

TEST(LintSubjectTest, InlineSuppressions) {
  LintSubject s = make_sddl_subject("t", "D:(A;;GA;;;SY)(A;;GA;;;SY)(A;;GR;;;AN)",
                                    SourceMap::single_line({1, 1}, "x"), std::nullopt);
  s.suppressed = {Rule::duplicate_ace};
  auto f = lint_subject(s, {});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(rule_of(f[0]), Rule::anonymous_access);
  s.suppress_all = true;
  EXPECT_TRUE(lint_subject(s, {}).empty());
}

TEST(LintSubjectTest, DescriptorSubjectsReportAtTheirPosition) {
  // As the policy hook builds them: no text, every finding at the policy table.
  auto sd = parse_sddl("D:NO_ACCESS_CONTROL");
  ASSERT_TRUE(sd);
  LintSubject s = make_descriptor_subject("p.toml", *sd, {7, 3});
  // As expectation_failures(policy) reports them; the subject's file names the finding.
  s.expectation_failures.push_back(Diagnostic{SourceLocation{"policy.toml", 12, 1}, Severity::error,
                                              "expectation-failed",
                                              "expected 'AU' to be granted map-write; denied", {}, {}});
  auto f = lint_subject(s, {});
  ASSERT_EQ(f.size(), 2u) << describe(f);
  EXPECT_EQ(rule_of(f[0]), Rule::null_dacl);
  EXPECT_EQ(f[0].where.position(), (SourcePosition{7, 3}));
  EXPECT_EQ(rule_of(f[1]), Rule::expectation_failed);
  EXPECT_EQ(f[1].where.position(), (SourcePosition{12, 1}));
  EXPECT_EQ(f[1].where.file, "p.toml");
  EXPECT_EQ(f[1].message,
            "expected 'AU' to be granted map-write; denied; change the policy or the expectation");
  EXPECT_EQ(f[1].severity, Severity::error);
}

TEST(LintSubjectTest, GlobalNamespaceAtTheName) {
  LintSubject s = make_sddl_subject("a.cpp", "D:(A;;GA;;;SY)", SourceMap::single_line({3, 20}, "x"),
                                    std::nullopt);
  s.object_name = ObjectName{"Global\\Frames", SourcePosition{4, 9}};
  auto f = lint_subject(s, {});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(rule_of(f[0]), Rule::global_namespace);
  EXPECT_EQ(f[0].where.position(), (SourcePosition{4, 9}));
  EXPECT_EQ(f[0].severity, Severity::note);
  s.object_name = ObjectName{"Local\\Frames", SourcePosition{4, 9}};
  EXPECT_TRUE(lint_subject(s, {}).empty());
  s.object_name = ObjectName{"global\\frames", std::nullopt};  // any case; at the literal
  f = lint_subject(s, {});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].where.position(), (SourcePosition{3, 20}));
}

TEST(LintSubjectTest, SyntaxErrorsStopTheOtherRules) {
  // Would be null-dacl and more if it parsed; only the parse error is reported.
  auto f = lint("D:NO_ACCESS_CONTROL(A;;GA;;;WD)");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(rule_of(f[0]), Rule::syntax);
  EXPECT_EQ(f[0].where.column, 20u);
  EXPECT_NE(f[0].message.find("null ACL and cannot hold ACEs"), std::string::npos) << f[0].message;
}

TEST(SourceMapTest, CountsCharactersNotBytes) {
  // "é" is two bytes: the byte after it is the third character.
  SourceMap m = SourceMap::single_line({2, 5}, "\xC3\xA9x");
  EXPECT_EQ(m.at(0), (SourcePosition{2, 5}));
  EXPECT_EQ(m.at(1), (SourcePosition{2, 5}));
  EXPECT_EQ(m.at(2), (SourcePosition{2, 6}));
  EXPECT_EQ(m.at(3), (SourcePosition{2, 7}));
  EXPECT_EQ(m.at(99), (SourcePosition{2, 7}));
  EXPECT_EQ(character_position("ab\n\xC3\xA9z", 2, 3), (SourcePosition{2, 2}));
}

TEST(FindingsFail, ErrorsAlwaysWarningsWithWerrorNotesNever) {
  std::vector<Finding> notes{make_finding(Rule::redundant_ace, Severity::note, "f", {}, "m")};
  std::vector<Finding> warnings{make_finding(Rule::duplicate_ace, Severity::warning, "f", {}, "m")};
  std::vector<Finding> errors{make_finding(Rule::null_dacl, Severity::error, "f", {}, "m")};
  EXPECT_FALSE(findings_fail(notes, true));
  EXPECT_FALSE(findings_fail(warnings, false));
  EXPECT_TRUE(findings_fail(warnings, true));
  EXPECT_TRUE(findings_fail(errors, false));
}

TEST(Findings, AreDiagnosticsWithTheRuleIdAsCode) {
  const Finding f = make_finding(Rule::null_dacl, Severity::warning, "a.cpp", {3, 7}, "m");
  EXPECT_EQ(f.where, (SourceLocation{"a.cpp", 3, 7}));
  EXPECT_EQ(f.where.position(), (SourcePosition{3, 7}));
  EXPECT_EQ(f.code, "null-dacl");
  EXPECT_EQ(rule_of(f), Rule::null_dacl);
  EXPECT_TRUE(f.details.empty());
  EXPECT_EQ(rule_of(Diagnostic{{}, Severity::error, "unknown-key", "m", {}, {}}), std::nullopt);
  // sddl-lint's text line is the policy tools' line with the rule named.
  EXPECT_EQ(format_diagnostic(f, DiagnosticFormat{.show_code = true}),
            "a.cpp:3:7: warning: m [null-dacl]");
  EXPECT_EQ(format_text(std::vector<Finding>{f}), "a.cpp:3:7: warning: m [null-dacl]\n");
}

TEST(Findings, SortByFileLineColumnThenRuleTableOrder) {
  // Table order (syntax before non-canonical-order before world-writable), not the ids' order;
  // a code that is no rule goes after the rules at the same place.
  std::vector<Finding> f{
      make_finding(Rule::world_writable, Severity::error, "b", {1, 1}, "m"),
      Diagnostic{SourceLocation{"a", 2, 1}, Severity::error, "not-a-rule", "m", {}, {}},
      make_finding(Rule::non_canonical_order, Severity::error, "a", {2, 1}, "m"),
      make_finding(Rule::syntax, Severity::error, "a", {2, 1}, "m"),
      make_finding(Rule::world_writable, Severity::error, "a", {1, 9}, "m"),
      make_finding(Rule::world_writable, Severity::error, "a", {2, 1}, "m"),
  };
  sort_findings(f);
  std::vector<std::string> got;
  for (const auto& x : f)
    got.push_back(fmt::format("{}:{}:{} {}", x.where.file, x.where.line, x.where.column, x.code));
  EXPECT_EQ(got, (std::vector<std::string>{"a:1:9 world-writable", "a:2:1 syntax",
                                           "a:2:1 non-canonical-order", "a:2:1 world-writable",
                                           "a:2:1 not-a-rule", "b:1:1 world-writable"}));
}

TEST(SourceLocation, OrdersByFileLineColumnAndFillsUnknownPositions) {
  EXPECT_LT((SourceLocation{"a", 9, 9}), (SourceLocation{"b", 1, 1}));
  EXPECT_LT((SourceLocation{"a", 1, 9}), (SourceLocation{"a", 2, 1}));
  EXPECT_LT((SourceLocation{"a", 2, 1}), (SourceLocation{"a", 2, 3}));
  EXPECT_EQ(SourceLocation::at("x", {4, 2}), (SourceLocation{"x", 4, 2}));
  // Unknown (0) line or column: the start of the file or of the line.
  EXPECT_EQ((SourceLocation{"x", 0, 0}).position(), (SourcePosition{1, 1}));
  EXPECT_EQ((SourceLocation{"x", 5, 0}).position(), (SourcePosition{5, 1}));
}

}  // namespace
}  // namespace secdesc
