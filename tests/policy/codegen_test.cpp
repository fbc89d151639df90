// codegen.hpp: the C++ header generated for compiled policies.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "secdesc/binary.hpp"
#include "secdesc/codegen.hpp"
#include "secdesc/sddl.hpp"
#include "policy_text.hpp"

namespace secdesc {
namespace {

constexpr std::string_view kPolicy = R"(
name = "demo_section"
description = "A demo section"
object = "section"
object-name = 'Global\Demo'

[dacl]
protected = true

[[dacl.allow]]
principal = "SY"
rights = "all"
)";

Policy load(std::string_view text, std::string_view file) {
  auto load = load_policy(text, file);
  EXPECT_TRUE(load.ok());
  return load.ok() ? *load.policy : Policy{};
}

TEST(Codegen, HeaderHoldsTheSddlTheBytesAndTheTable) {
  const Policy policy = load(kPolicy, "demo.toml");
  auto header = generate_cpp_header(std::span(&policy, 1), "my::policies");
  ASSERT_TRUE(header) << header.error().message;
  const std::string& h = *header;
  EXPECT_NE(h.find("#pragma once"), std::string::npos);
  EXPECT_NE(h.find("namespace my::policies::demo_section {"), std::string::npos) << h;
  EXPECT_NE(h.find("// A demo section"), std::string::npos);
  const std::string sddl = to_sddl(policy.descriptor);
  EXPECT_EQ(sddl, "D:P(A;;GA;;;SY)");
  EXPECT_NE(h.find("inline constexpr std::wstring_view sddl =\n    L\"" + sddl + "\";"),
            std::string::npos)
      << h;
  // The descriptor's self-relative bytes, in order, with their count.
  const auto bytes = encode_self_relative(policy.descriptor).value();
  EXPECT_NE(h.find(fmt::format("std::array<std::uint8_t, {}> descriptor", bytes.size())),
            std::string::npos)
      << h;
  std::string listed;
  for (auto b : bytes) listed += fmt::format("0x{:02x},", std::to_integer<unsigned>(b));
  const std::size_t open = h.find("descriptor = {");
  ASSERT_NE(open, std::string::npos);
  const std::size_t close = h.find("};", open);
  std::string in_header;  // the header's byte list without its line breaks and spaces
  for (char c : h.substr(open + 14, close - open - 14))
    if (c != ' ' && c != '\n') in_header += c;
  EXPECT_EQ(in_header, listed);
  EXPECT_NE(h.find("L\"Global\\\\Demo\""), std::string::npos) << h;
  EXPECT_NE(h.find("namespace my::policies {"), std::string::npos);
  EXPECT_NE(h.find("std::array<compiled_policy, 1> all_policies"), std::string::npos) << h;
  EXPECT_NE(h.find("{\"demo_section\", \"section\", demo_section::sddl, "
                   "demo_section::descriptor.data(), demo_section::descriptor.size(), "
                   "demo_section::object_name}"),
            std::string::npos)
      << h;
}

TEST(Codegen, AllPoliciesListsEveryPolicy) {
  std::vector<Policy> policies = {load(kPolicy, "a.toml"), load(kPolicy, "b.toml")};
  policies[1].name = "second";
  auto header = generate_cpp_header(policies);
  ASSERT_TRUE(header) << header.error().message;
  EXPECT_NE(header->find("namespace secdesc_policies::demo_section {"), std::string::npos);
  EXPECT_NE(header->find("namespace secdesc_policies::second {"), std::string::npos);
  EXPECT_NE(header->find("std::array<compiled_policy, 2> all_policies"), std::string::npos)
      << *header;
}

TEST(Codegen, RefusesABadNamespaceAndTwoPoliciesOfOneName) {
  const Policy policy = load(kPolicy, "demo.toml");
  auto bad = generate_cpp_header(std::span(&policy, 1), "not a namespace");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_argument);
  std::vector<Policy> twins = {policy, policy};
  auto dup = generate_cpp_header(twins);
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.error().message.find("demo_section"), std::string::npos);
}

TEST(Codegen, NonAsciiIsWrittenAsUniversalCharacterNames) {
  Policy policy = load(kPolicy, "demo.toml");
  policy.object_name = "Global\\Caf\xC3\xA9\xF0\x9F\x98\x80";  // U+00E9, U+1F600
  auto header = generate_cpp_header(std::span(&policy, 1));
  ASSERT_TRUE(header);
  EXPECT_NE(header->find("L\"Global\\\\Caf\\u00E9\\U0001F600\""), std::string::npos) << *header;
}

}  // namespace
}  // namespace secdesc
