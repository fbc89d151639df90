#include "secdesc/policy.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>

#include "secdesc/binary.hpp"
#include "secdesc/builder.hpp"
#include "secdesc/codegen.hpp"
#include "secdesc/sddl.hpp"

#include "policy_text.hpp"

namespace secdesc {
namespace {

using testing::diagnostics_of;
using testing::sddl_of;

constexpr const char* kMinimal = R"(object = "section"
[dacl]
protected = true
[[dacl.allow]]
principal = "SY"
rights = "all"
)";

TEST(Policy, MinimalPolicyCompiles) {
  EXPECT_EQ(sddl_of(kMinimal), "D:P(A;;GA;;;SY)");
  auto load = load_policy(kMinimal, "dir/my-policy.toml");
  ASSERT_TRUE(load.ok());
  EXPECT_EQ(load.policy->name, "my_policy");
  EXPECT_EQ(load.policy->object_type, ObjectType::section);
}

TEST(Policy, RightsWordsLettersAndMasks) {
  // Windows' emitter writes specific rights with the directory-service letters when every bit
  // has one (0x5 is CCLC): the SDDL is Windows' own form, the policy keeps the readable words.
  EXPECT_EQ(sddl_of(R"(object = "section"
[dacl]
[[dacl.allow]]
principal = "Interactive users"
rights = ["map-read", "query"]
[[dacl.allow]]
principal = "S-1-5-32-545"
rights = "GRGW"
[[dacl.allow]]
principal = "NT AUTHORITY\\NETWORK SERVICE"
rights = "0x20005"
)"),
            "D:(A;;CCLC;;;IU)(A;;GWGR;;;BU)(A;;CCLCRC;;;NS)");
}

TEST(Policy, DenyComesFirstInTheOrderWritten) {
  EXPECT_EQ(sddl_of(R"(object = "event"
[dacl]
[[dacl.allow]]
principal = "WD"
rights = "synchronize"
[[dacl.deny]]
principal = "AN"
rights = "all"
[[dacl.allow]]
principal = "IU"
rights = "modify-state"
[[dacl.deny]]
principal = "BG"
rights = "modify-state"
)"),
            "D:(D;;GA;;;AN)(D;;DC;;;BG)(A;;0x100000;;;WD)(A;;DC;;;IU)");
}

TEST(Policy, LabelAndInheritanceOnContainers) {
  EXPECT_EQ(sddl_of(R"(object = "directory"
owner = "BA"
group = "SY"
[dacl]
protected = true
auto-inherited = true
[[dacl.allow]]
principal = "BU"
rights = ["list-directory", "traverse"]
inherit = ["container"]
[label]
level = "S-1-16-4096"
policy = ["no-write-up", "no-read-up"]
)"),
            "O:BAG:SYD:PAI(A;CI;CCWP;;;BU)S:(ML;;NWNR;;;LW)");
}

TEST(Policy, TheBuilderGivesTheSameDescriptor) {
  // The policy loader is written on the builder; the same intent through C++ must agree.
  auto from_policy = load_policy(R"(object = "section"
[dacl]
protected = true
[[dacl.allow]]
principal = "SY"
rights = "all"
[[dacl.allow]]
principal = "IU"
rights = ["read", "write"]
[[dacl.deny]]
principal = "AN"
rights = "all"
[label]
level = "low"
)", "p.toml");
  ASSERT_TRUE(from_policy.ok());
  auto from_builder = DescriptorBuilder(ObjectType::section)
                          .protect()
                          .allow(sids::local_system, rights::generic_all)
                          .allow("Interactive users", "read, write")
                          .deny(sids::anonymous, rights::generic_all)
                          .label(sids::low_integrity)
                          .build();
  ASSERT_TRUE(from_builder) << from_builder.error().message;
  EXPECT_EQ(from_policy.policy->descriptor, *from_builder);
  EXPECT_EQ(to_sddl(*from_builder), "D:P(D;;GA;;;AN)(A;;GA;;;SY)(A;;GWGR;;;IU)S:(ML;;NW;;;LW)");
}

TEST(Policy, BuilderRejectsWhatMeansNothing) {
  auto flags = DescriptorBuilder(ObjectType::section)
                   .allow(sids::everyone, rights::generic_read, ace_flags::object_inherit | ace_flags::container_inherit)
                   .build();
  ASSERT_FALSE(flags);
  EXPECT_NE(flags.error().message.find("inheritance flags mean nothing on a section"), std::string::npos);
  auto bad_word = DescriptorBuilder(ObjectType::event).allow("IU", "map-read").build();
  ASSERT_FALSE(bad_word);
  EXPECT_NE(bad_word.error().message.find("unknown right 'map-read' for event"), std::string::npos);
  auto bad_label = DescriptorBuilder(ObjectType::section).label(sids::everyone).build();
  ASSERT_FALSE(bad_label);
}

struct ErrorCase {
  const char* name;
  const char* toml;
  std::vector<std::string> expected;
};

class PolicyErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(PolicyErrors, ReportsEveryProblemWithItsPosition) {
  EXPECT_EQ(diagnostics_of(GetParam().toml), GetParam().expected);
}

const ErrorCase kErrorCases[] = {
    {"toml_syntax", "object = \"section\"\n[dacl\n",
     {"p.toml:2:6: error: Error while parsing table header: expected ']', saw '\\n'"}},
    {"unknown_key_did_you_mean", "objct = \"section\"\n[dacl]\n",
     {"p.toml: error: a policy needs `object = \"...\"` (one of section, file, directory, named-pipe, "
      "event, mutex, semaphore, timer, key, process, thread, job, service, "
      "service-manager, token, window-station, desktop, alpc-port, symbolic-link, object-directory, "
      "device, com, wmi-namespace, etw-guid, winrm-session)",
      "p.toml:1:1: error: unknown key 'objct' in policy (did you mean 'object'?); expected one of: "
      "name, description, object, object-name, domain-sid, owner, group, dacl, label, resource-attribute, expect"}},
    {"unknown_object_type", "object = \"sectoin\"\n[dacl]\n",
     {"p.toml:1:10: error: unknown object type 'sectoin' (did you mean 'section'?): expected one of "
      "section, file, directory, named-pipe, event, mutex, semaphore, timer, key, process, thread, "
      "job, service, service-manager, token, window-station, desktop, alpc-port, symbolic-link, "
      "object-directory, device, com, wmi-namespace, etw-guid, winrm-session"}},
    {"unknown_principal", "object = \"section\"\n[dacl]\n[[dacl.allow]]\nprincipal = \"Interactive\"\nrights = \"read\"\n"
     "[[dacl.allow]]\nprincipal = \"XX\"\nrights = \"read\"\n",
     {"p.toml:7:13: error: unknown SID alias 'XX'"}},
    {"right_the_type_lacks",
     "object = \"event\"\n[dacl]\n[[dacl.allow]]\nprincipal = \"IU\"\nrights = \"synchronize, map-read\"\n",
     {"p.toml:5:24: error: unknown right 'map-read' for event; rights are query-state, modify-state, "
      "read, write, execute, all, delete, read-control, write-dac, write-owner, synchronize, "
      "access-system-security, maximum-allowed; or SDDL letters (GR, GW, RC, ...) or a hex mask (0x...)"}},
    {"synchronize_on_a_section",
     "object = \"section\"\n[dacl]\n[[dacl.allow]]\nprincipal = \"IU\"\nrights = [\"read\", \"synchronize\"]\n",
     {"p.toml:5:20: error: unknown right 'synchronize' for section; rights are query, map-write, "
      "map-read, map-execute, extend-size, map-execute-explicit, read, write, execute, all, delete, "
      "read-control, write-dac, write-owner, access-system-security, maximum-allowed; or SDDL "
      "letters (GR, GW, RC, ...) or a hex mask (0x...)"}},
    {"label_level", "object = \"section\"\n[dacl]\n[label]\nlevel = \"lowest\"\n",
     {"p.toml:4:9: error: unknown integrity level 'lowest': expected untrusted, low, medium, "
      "medium-plus, high, system or S-1-16-N"}},
    // Issue 15: a label SID that is not an integrity level is an error in a policy.
    {"label_level_not_integrity",
     "object = \"section\"\n[dacl]\n[label]\nlevel = \"S-1-5-32-559\"\n",
     {"p.toml:4:9: error: 'S-1-5-32-559' is not an integrity level SID (S-1-16-N)"}},
    {"label_policy", "object = \"section\"\n[dacl]\n[label]\nlevel = \"low\"\npolicy = \"no-write\"\n",
     {"p.toml:5:10: error: unknown label policy 'no-write' (did you mean 'no-write-up'?): expected "
      "no-write-up, no-read-up or no-execute-up"}},
    {"duplicate_entry",
     "object = \"section\"\n[dacl]\n[[dacl.allow]]\nprincipal = \"IU\"\nrights = \"read\"\n"
     "[[dacl.allow]]\nprincipal = \"Interactive users\"\nrights = \"write\"\n",
     {"p.toml:6:1: error: duplicate allow entry for S-1-5-4 (first at line 3): merge the rights into one entry"}},
    {"wrong_types",
     "object = \"section\"\n[dacl]\nprotected = \"yes\"\n[[dacl.allow]]\nprincipal = \"IU\"\nrights = 5\n",
     {"p.toml:3:13: error: dacl.protected must be true or false",
      "p.toml:6:10: error: rights must be a string or an array of strings"}},
    {"inherit_on_a_section",
     "object = \"section\"\n[dacl]\n[[dacl.allow]]\nprincipal = \"IU\"\nrights = \"read\"\ninherit = [\"object\"]\n",
     {"p.toml:6:11: error: `inherit` means nothing on a section: only directories and registry keys "
      "have children that inherit ACEs"}},
    {"domain_alias_without_domain",
     "object = \"section\"\n[dacl]\n[[dacl.allow]]\nprincipal = \"DU\"\nrights = \"read\"\n",
     {"p.toml:4:13: error: SID alias 'DU' (Domain Users) is relative to a domain: supply a domain SID "
      "(S-1-5-21-x-y-z), e.g. with --domain-sid (set `domain-sid` in the policy or pass --domain-sid)"}},
    {"missing_dacl", "object = \"section\"\n",
     {"p.toml: error: a policy needs a [dacl] table (an object without a DACL gets its creator's "
      "default DACL, which is not what a service wants)"}},
    {"entry_keys",
     "object = \"section\"\n[dacl]\n[[dacl.allow]]\nprincipl = \"IU\"\nrights = \"read\"\n",
     {"p.toml:3:1: error: [[dacl.allow]] needs `principal`",
      "p.toml:4:1: error: unknown key 'principl' in [[dacl.allow]] (did you mean 'principal'?); "
      "expected one of: principal, rights, inherit, condition, comment"}},
    {"expectation_result",
     "object = \"section\"\n[dacl]\n[[expect]]\ntoken = \"interactive-user\"\nrights = \"read\"\nresult = \"yes\"\n",
     {"p.toml:6:10: error: result must be \"granted\" or \"denied\", not 'yes'"}},
    // Issue 18 (found by fuzz_policy): a name no UTF-8 output can write is refused at its escape.
    {"condition_attribute_lone_surrogate",
     "object = \"file\"\n[dacl]\n[[dacl.allow]]\nprincipal = \"WD\"\nrights = \"read\"\n"
     "condition = '(@User.%D800 == \"x\")'\n",
     {"p.toml:6:21: error: condition: the attribute name holds %d800, an unpaired UTF-16 surrogate "
      "(U+D800): no claim has such a name and no UTF-8 output can write it"}},
    {"object_name",
     "object = \"section\"\nobject-name = \"Foo\"\n[dacl]\n",
     {"p.toml:2:15: error: object-name 'Foo' should start with Global\\ or Local\\ (the kernel "
      "namespace the object is created in)"}},
};

INSTANTIATE_TEST_SUITE_P(Cases, PolicyErrors, ::testing::ValuesIn(kErrorCases),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(Policy, AclSizeLimitIsAnError) {
  std::string toml = "object = \"section\"\n[dacl]\n";
  // 2,500 entries of 36 bytes (8 + a 28-byte SID of 5 sub-authorities) need 90,008 bytes.
  for (int i = 0; i < 2500; ++i)
    toml += fmt::format("[[dacl.allow]]\nprincipal = \"S-1-5-21-1-2-3-{}\"\nrights = \"read\"\n", 1000 + i);
  auto d = diagnostics_of(toml);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0], "p.toml:2:1: error: ACL of 2500 ACEs needs 90008 bytes; an ACL holds at most 65535");
}

TEST(Policy, ExpectationTokensTakeEveryTokenSpecKey) {
  // Keys beyond the basic ones (lpac, user-claims) come from the token SPEC's single key list.
  auto load = load_policy(R"(object = "section"
[dacl]
[[expect]]
token = { preset = "appcontainer-process", lpac = true, user-claims = ["Dept:string:x"] }
rights = "read"
result = "denied"
)", "p.toml");
  ASSERT_TRUE(load.ok()) << format_diagnostic(load.diagnostics.at(0));
  auto bad = load_policy("object = \"section\"\n[dacl]\n[[expect]]\ntoken = { presett = \"x\" }\n"
                         "rights = \"read\"\nresult = \"denied\"\n", "p.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.diagnostics.at(0).message.find("did you mean 'preset'"), std::string::npos)
      << bad.diagnostics.at(0).message;
}

TEST(Policy, ExpectationsAreParsed) {
  auto load = load_policy(R"(object = "section"
[dacl]
[[dacl.allow]]
principal = "IU"
rights = "read"
[[expect]]
description = "reads"
token = "low-integrity-user"
rights = ["map-read", "query"]
result = "granted"
[[expect]]
token = { preset = "interactive-user", integrity = "untrusted", groups = ["BU", "IU"] }
rights = "map-write"
result = "denied"
)", "p.toml");
  ASSERT_TRUE(load.ok());
  const auto& e = load.policy->expectations;
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].token_spec, "preset=low-integrity-user");
  EXPECT_EQ(e[0].desired, 0x5u);
  EXPECT_TRUE(e[0].expect_granted);
  EXPECT_EQ(e[0].where.line, 6u);
  EXPECT_EQ(e[1].token_spec, "groups=BU,IU;integrity=untrusted;preset=interactive-user");
  EXPECT_FALSE(e[1].expect_granted);
}

TEST(Codegen, HeaderEmbedsSddlBytesAndName) {
  auto load = load_policy(R"(name = "demo_section"
object = "section"
object-name = 'Local\Demo'
[dacl]
[[dacl.allow]]
principal = "SY"
rights = "all"
)", "p.toml");
  ASSERT_TRUE(load.ok());
  std::vector<Policy> policies{*load.policy};
  auto header = generate_cpp_header(policies, "my::ns");
  ASSERT_TRUE(header) << header.error().message;
  EXPECT_NE(header->find("namespace my::ns::demo_section {"), std::string::npos);
  EXPECT_NE(header->find("inline constexpr std::wstring_view sddl =\n    L\"D:(A;;GA;;;SY)\";"), std::string::npos);
  EXPECT_NE(header->find("alignas(4) inline constexpr std::array<std::uint8_t, 48> descriptor = {\n"
                         "    0x01, 0x00, 0x04, 0x80,"), std::string::npos);
  EXPECT_NE(header->find("inline constexpr std::wstring_view object_name = L\"Local\\\\Demo\";"), std::string::npos);
  policies.push_back(*load.policy);
  auto twice = generate_cpp_header(policies);
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("two policies are named 'demo_section'"), std::string::npos);
  EXPECT_FALSE(generate_cpp_header(policies, "1bad"));
}

// sddlc diff --git: which .toml files are policies.
TEST(Policy, LooksLikePolicy) {
  EXPECT_TRUE(looks_like_policy("object = \"file\"\n[dacl]\n"));
  EXPECT_TRUE(looks_like_policy("[dacl]\nprotected = true\n"));
  EXPECT_TRUE(looks_like_policy("object = \"file\"\n"));
  EXPECT_FALSE(looks_like_policy("[package]\nname = \"x\"\nversion = \"1.0\"\n"));  // Cargo.toml
  EXPECT_FALSE(looks_like_policy("disable = [\"deny-after-allow\"]\n"));  // .sddl-lint.toml
  EXPECT_FALSE(looks_like_policy(""));
  // Not TOML: a broken policy, reported by the loader rather than passed over.
  EXPECT_TRUE(looks_like_policy("object = \n[dacl\n"));
}

}  // namespace
}  // namespace secdesc
