// Policies name principals as Windows does (issue #15): NT SERVICE\Name, IIS APPPOOL\Name,
// package:FamilyName, capability:name, each compiled to the SID Windows derives; the names come
// back in traces and JSON; [label] takes the integrity aliases.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "secdesc/expectations.hpp"
#include "secdesc/policy.hpp"
#include "secdesc/policy_json.hpp"
#include "secdesc/sddl.hpp"

#include "policy_text.hpp"

namespace secdesc {
namespace {

using testing::diagnostics_of;
using testing::sddl_of;

// SIDs real Windows uses for these names (the vectors of tests/access/principal_names_test.cpp,
// sources in docs/principals.md).
constexpr const char* kTrustedInstaller =
    "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";
constexpr const char* kDefaultAppPool =
    "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415";
constexpr const char* kCalculatorPackage =
    "S-1-15-2-466767348-3739614953-2700836392-1801644223-4227750657-1087833535-2488631167";
constexpr const char* kRegistryRead =
    "S-1-15-3-1024-1065365936-1281604716-3511738428-1654721687-432734479-3232135806-4053264122-"
    "3456934681";

constexpr const char* kNamed = R"(object = "section"
[dacl]
protected = true
[[dacl.allow]]
principal = 'NT SERVICE\TrustedInstaller'
rights = "all"
[[dacl.allow]]
principal = 'IIS APPPOOL\DefaultAppPool'
rights = "read"
[[dacl.allow]]
principal = "package:Microsoft.WindowsCalculator_8wekyb3d8bbwe"
rights = "read"
[[dacl.allow]]
principal = "capability:registryRead"
rights = "read"
)";

TEST(PolicyPrincipals, DerivedNamesCompileToTheSidsWindowsUses) {
  EXPECT_EQ(sddl_of(kNamed), std::string("D:P(A;;GA;;;") + kTrustedInstaller + ")(A;;GR;;;" +
                                 kDefaultAppPool + ")(A;;GR;;;" + kCalculatorPackage +
                                 ")(A;;GR;;;" + kRegistryRead + ")");
}

TEST(PolicyPrincipals, ThePolicyKeepsTheNamesItWrote) {
  auto load = load_policy(kNamed, "p.toml");
  ASSERT_TRUE(load.ok());
  const auto& names = load.policy->names;
  ASSERT_EQ(names.size(), 4u);
  EXPECT_EQ(names[0].sid.to_string(), kTrustedInstaller);
  EXPECT_EQ(names[0].name, "NT SERVICE\\TrustedInstaller");
  EXPECT_EQ(names[3].name, "capability:registryRead");
  // Aliases and SID strings say enough by themselves: nothing is recorded for them.
  auto plain = load_policy(R"(object = "event"
[dacl]
[[dacl.allow]]
principal = "Interactive users"
rights = "all"
[[dacl.allow]]
principal = "S-1-5-32-545"
rights = "all"
)", "p.toml");
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain.policy->names.empty());
}

TEST(PolicyPrincipals, JsonListsTheNames) {
  auto load = load_policy(kNamed, "p.toml");
  ASSERT_TRUE(load.ok());
  auto j = nlohmann::json::parse(policy_to_json(*load.policy));
  ASSERT_TRUE(j["principals"].is_array());
  ASSERT_EQ(j["principals"].size(), 4u);
  EXPECT_EQ(j["principals"][1]["sid"], kDefaultAppPool);
  EXPECT_EQ(j["principals"][1]["name"], "IIS APPPOOL\\DefaultAppPool");
}

TEST(PolicyPrincipals, MisspeltPrefixIsAnErrorAtTheValueWithASuggestion) {
  auto d = diagnostics_of(R"(object = "section"
[dacl]
[[dacl.allow]]
principal = 'NT SERVICES\AcmeSync'
rights = "all"
)");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].rfind("p.toml:4:13: error: ", 0), 0u) << d[0];
  EXPECT_NE(d[0].find("did you mean 'NT SERVICE\\AcmeSync'?"), std::string::npos) << d[0];
}

TEST(PolicyPrincipals, TraceNamesTheDerivedSidAsThePolicyWroteIt) {
  // The expectation fails: another service's token lacks AcmeSync's SID, and the trace says
  // which SID by the policy's name for it.
  auto load = load_policy(R"(object = "event"
[dacl]
[[dacl.allow]]
principal = 'NT SERVICE\AcmeSync'
rights = "all"
[[expect]]
token = 'service:OtherService'
rights = "modify-state"
result = "granted"
)", "p.toml");
  ASSERT_TRUE(load.ok());
  const auto failures = expectation_failures(*load.policy);
  ASSERT_EQ(failures.size(), 1u);
  const std::string text = format_diagnostic(failures[0]);
  EXPECT_NE(text.find(service_sid("AcmeSync")->to_string() + " (NT SERVICE\\AcmeSync)"),
            std::string::npos)
      << text;
}

TEST(PolicyPrincipals, ExpectationTokensTakeNamesAndServicePresets) {
  auto load = load_policy(R"(object = "event"
[dacl]
[[dacl.allow]]
principal = 'NT SERVICE\AcmeSync'
rights = "all"
[[dacl.allow]]
principal = "capability:lpacCom"
rights = "synchronize"
[[dacl.allow]]
principal = "IU"
rights = "synchronize"
[label]
level = "LW"
[[expect]]
token = 'service:AcmeSync'
rights = "modify-state"
result = "granted"
[[expect]]
token = 'service:OtherService'
rights = "modify-state"
result = "denied"
[[expect]]
token = { preset = "appcontainer-process", appcontainer = "package:Contoso.Acme_abcdefghjkmnp", capabilities = ["lpacCom"] }
rights = "synchronize"
result = "granted"
[[expect]]
token = { preset = "appcontainer-process", capabilities = ["internetClient"] }
rights = "synchronize"
result = "denied"
[[expect]]
token = "anonymous"
rights = "synchronize"
result = "denied"
)", "p.toml");
  ASSERT_TRUE(load.ok()) << format_diagnostic(load.diagnostics.front());
  EXPECT_EQ(load.policy->expectations.size(), 5u);
  for (const auto& o : evaluate_expectations(*load.policy))
    EXPECT_TRUE(o.holds) << o.expectation.token_spec;
}

TEST(PolicyPrincipals, LabelLevelTakesIntegrityAliases) {
  const std::string head = "object = \"event\"\n[dacl]\n[[dacl.allow]]\nprincipal = \"SY\"\n"
                           "rights = \"all\"\n[label]\n";
  EXPECT_EQ(sddl_of(head + "level = \"LW\"\n"), "D:(A;;GA;;;SY)S:(ML;;NW;;;LW)");
  EXPECT_EQ(sddl_of(head + "level = \"hi\"\n"), "D:(A;;GA;;;SY)S:(ML;;NW;;;HI)");
  EXPECT_EQ(sddl_of(head + "level = \"low\"\n"), "D:(A;;GA;;;SY)S:(ML;;NW;;;LW)");
  // LU (Performance Log Users) typed for LW is an alias, but not of an integrity level.
  auto d = diagnostics_of(head + "level = \"LU\"\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].rfind("p.toml:7:9: error: ", 0), 0u) << d[0];
  EXPECT_NE(d[0].find("not an integrity level"), std::string::npos) << d[0];
  EXPECT_NE(d[0].find("S-1-5-32-559"), std::string::npos) << d[0];
}

}  // namespace
}  // namespace secdesc
