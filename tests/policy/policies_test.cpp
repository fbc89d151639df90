// The reference policies in policies/: each compiles to its golden SDDL and bytes.
//
// The goldens in tests/golden/policies/ were reviewed by hand against each policy's intent (the
// masks are spelled out in docs/policy-format.md); the bytes are also checked to be what the
// SDDL parser, which the Windows conformance suite covers, makes of the golden SDDL.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "secdesc/binary.hpp"
#include "secdesc/policy.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/token.hpp"

namespace secdesc {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = SECDESC_SOURCE_DIR;

std::string read_trimmed(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string s = buf.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

std::vector<fs::path> reference_policies() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(kSource / "policies"))
    if (e.path().extension() == ".toml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ReferencePolicies, ThereAreFive) { EXPECT_GE(reference_policies().size(), 5u); }

TEST(ReferencePolicies, CompileToTheirGoldens) {
  for (const auto& path : reference_policies()) {
    SCOPED_TRACE(path.string());
    auto load = load_policy_file(path);
    ASSERT_TRUE(load.ok()) << (load.diagnostics.empty() ? "" : format_diagnostic(load.diagnostics[0]));
    EXPECT_TRUE(load.diagnostics.empty());
    const fs::path golden = kSource / "tests/golden/policies" / path.stem();
    const std::string want_sddl = read_trimmed(fs::path(golden).replace_extension(".sddl"));
    const std::string want_hex = read_trimmed(fs::path(golden).replace_extension(".hex"));
    ASSERT_FALSE(want_sddl.empty()) << "missing golden " << golden << ".sddl";
    EXPECT_EQ(to_sddl(load.policy->descriptor), want_sddl);
    auto bytes = encode_self_relative(load.policy->descriptor);
    ASSERT_TRUE(bytes);
    EXPECT_EQ(to_hex(*bytes), want_hex);
    auto reparsed = parse_sddl(want_sddl);
    ASSERT_TRUE(reparsed);
    EXPECT_EQ(to_hex(encode_self_relative(*reparsed).value()), want_hex);
    EXPECT_FALSE(load.policy->expectations.empty()) << "every reference policy states expectations";
  }
}

}  // namespace
}  // namespace secdesc

namespace secdesc {
namespace {

// docs/policy-format.md: every ```toml block compiles, and where the doc states the SDDL it
// compiles to ("`sddlc compile` writes `...`"), it is that SDDL. Every object type has one.
TEST(PolicyFormatDoc, EveryExampleCompilesToWhatTheDocSays) {
  const std::string doc = [] {
    std::ifstream in(kSource / "docs/policy-format.md");
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
  }();
  std::set<ObjectType> covered;
  std::size_t blocks = 0, stated = 0;
  for (std::size_t pos = doc.find("```toml\n"); pos != std::string::npos;
       pos = doc.find("```toml\n", pos + 1)) {
    const std::size_t begin = pos + 8;
    const std::size_t end = doc.find("```", begin);
    ASSERT_NE(end, std::string::npos);
    const std::string toml = doc.substr(begin, end - begin);
    ++blocks;
    auto load = load_policy(toml, "docs/policy-format.md example");
    ASSERT_TRUE(load.ok()) << toml << "\n" << format_diagnostic(load.diagnostics.at(0));
    covered.insert(load.policy->object_type);
    const std::string marker = "`sddlc compile` writes `";
    const std::size_t next_block = doc.find("```toml\n", end);
    const std::size_t said = doc.find(marker, end);
    if (said != std::string::npos && (next_block == std::string::npos || said < next_block)) {
      const std::size_t s = said + marker.size();
      EXPECT_EQ(to_sddl(load.policy->descriptor), doc.substr(s, doc.find('`', s) - s)) << toml;
      ++stated;
    }
  }
  EXPECT_EQ(covered.size(), object_types().size()) << "an example per object type";
  EXPECT_GE(stated, object_types().size());
  EXPECT_GE(blocks, object_types().size() + 1);
  // Every rights word of every type is documented.
  for (const auto& t : object_types())
    for (const auto& r : t.specific_rights)
      EXPECT_NE(doc.find(fmt::format("`{}` 0x{:x}", r.word, r.mask)), std::string::npos)
          << t.name << " " << r.word;
}

// The token presets and SPEC keys the parser's tables have (what `sddlc check --help` prints)
// are the ones docs/policy-format.md documents.
TEST(PolicyFormatDoc, DocumentsEveryTokenPresetAndKey) {
  std::ifstream in(kSource / "docs/policy-format.md");
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string doc = buf.str();
  for (const TokenPreset& p : token_presets())
    EXPECT_NE(doc.find(fmt::format("| `{}` |", p.name)), std::string::npos) << p.name;
  for (const ServiceTokenPreset& p : service_token_presets())
    EXPECT_NE(doc.find(fmt::format("| `{}:NAME` |", p.name)), std::string::npos) << p.name;
  const std::string help = token_spec_help();
  for (std::string_view form : {"groups=+SID", "NT SERVICE\\Name", "package:FamilyName"}) {
    EXPECT_NE(help.find(form), std::string::npos) << form;
    EXPECT_NE(doc.find(form), std::string::npos) << form;
  }
}

}  // namespace
}  // namespace secdesc

#include <gmock/gmock.h>

#include "secdesc/expectations.hpp"
#include "secdesc/testing.hpp"
#include "secdesc/token.hpp"

namespace secdesc {
namespace {

TEST(ReferencePolicies, EveryExpectationHolds) {
  for (const auto& path : reference_policies()) {
    auto load = load_policy_file(path);
    ASSERT_TRUE(load.ok()) << path;
    for (const auto& o : evaluate_expectations(*load.policy))
      EXPECT_TRUE(o.holds) << path.string() << ":" << o.expectation.where.line << ": "
                           << o.expectation.description << "\n" << o.result.trace_text();
  }
}

Policy reference(const char* name) {
  return load_policy_file(kSource / "policies" / name).policy.value();
}

// The seed question, asked of the reference policies with the GoogleMock matchers users get.
TEST(ReferencePolicies, TheSeedQuestionWithMatchers) {
  using secdesc::testing::Denies;
  using secdesc::testing::Grants;
  const auto readonly = reference("service-section-readonly.toml").descriptor;
  const auto shared = reference("service-section-lowil-readwrite.toml").descriptor;
  EXPECT_THAT(readonly, Grants(low_integrity_user(), {"read"}).on(ObjectType::section));
  EXPECT_THAT(readonly, Denies(low_integrity_user(), {"read", "write"}).on(ObjectType::section));
  EXPECT_THAT(shared, Grants(low_integrity_user(), {"read", "write"}).on(ObjectType::section));
  EXPECT_THAT(shared, Denies(interactive_user(), {"write-dac"}).on(ObjectType::section));
  // Without the label, the same DACL denies the low-integrity writer: the reason the label exists.
  SecurityDescriptor unlabelled = shared;
  unlabelled.remove_sacl();
  EXPECT_THAT(unlabelled, Denies(low_integrity_user(), {"write"}).on(ObjectType::section));
  EXPECT_THAT(unlabelled, Grants(interactive_user(), {"read", "write"}).on(ObjectType::section));
  const auto appcontainer = reference("appcontainer-section-read.toml").descriptor;
  EXPECT_THAT(appcontainer, Grants(appcontainer_process(), {"map-read"}).on(ObjectType::section));
  const auto pipe = reference("lowil-named-pipe.toml").descriptor;
  EXPECT_THAT(pipe, Denies(low_integrity_user(), {"create-pipe-instance"}).on(ObjectType::named_pipe));
}

TEST(Expectations, AFailedExpectationIsAPositionedErrorWithTheTrace) {
  auto load = load_policy(R"(object = "section"
[dacl]
[[dacl.allow]]
principal = "IU"
rights = "read, write"

[[expect]]
description = "low-integrity writers"
token = "low-integrity-user"
rights = "map-write"
result = "granted"
)", "p.toml");
  ASSERT_TRUE(load.ok());
  auto failures = expectation_failures(*load.policy);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].code, "expectation-failed");
  const std::string text = format_diagnostic(failures[0]);
  EXPECT_THAT(text, ::testing::StartsWith(
                        "p.toml:7:1: error: expectation failed (low-integrity writers): token "
                        "preset=low-integrity-user asking for map-write (0x2) on the section is "
                        "denied, expected granted\n  granted 0x0 (none), missing 0x2 (map-write)\n"));
  EXPECT_THAT(text, ::testing::HasSubstr("integrity: token low is below object medium"));
}

TEST(Expectations, TokensAreValidatedWhenThePolicyLoads) {
  auto load = load_policy(R"(object = "section"
[dacl]
[[expect]]
token = { preset = "low-integrity-usr" }
rights = "read"
result = "granted"
)", "p.toml");
  ASSERT_FALSE(load.ok());
  ASSERT_EQ(load.diagnostics.size(), 1u);
  EXPECT_THAT(format_diagnostic(load.diagnostics[0]),
              ::testing::StartsWith("p.toml:4:9: error: token 'preset=low-integrity-usr': "));
  EXPECT_THAT(load.diagnostics[0].message, ::testing::HasSubstr("low-integrity-user"));
}

}  // namespace
}  // namespace secdesc
