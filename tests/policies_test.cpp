// The reference policies in policies/: each compiles to its golden SDDL and bytes.
//
// The goldens in tests/golden/policies/ were reviewed by hand against each policy's intent (the
// masks are spelled out in docs/policy-format.md); the bytes are also checked to be what the
// SDDL parser, which the Windows conformance suite covers, makes of the golden SDDL.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "secdesc/binary.hpp"
#include "secdesc/policy.hpp"
#include "secdesc/sddl.hpp"

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
