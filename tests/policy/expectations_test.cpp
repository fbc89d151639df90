// expectations.hpp: a policy's [[expect]] entries, checked with the access-check emulation.
#include <gtest/gtest.h>

#include "secdesc/expectations.hpp"
#include "policy_text.hpp"

namespace secdesc {
namespace {

// Interactive users may read; nobody else is named. The first two expectations hold, the
// third (write) and the fourth (read denied) do not.
constexpr std::string_view kPolicy = R"(
object = "section"

[dacl]
[[dacl.allow]]
principal = "IU"
rights = "read"

[[expect]]
description = "users read"
token = "interactive-user"
rights = "map-read"
result = "granted"

[[expect]]
token = "interactive-user"
rights = "map-write"
result = "denied"

[[expect]]
description = "users write"
token = "interactive-user"
rights = "map-write"
result = "granted"

[[expect]]
token = "interactive-user"
rights = "map-read"
result = "denied"
)";

Policy load() {
  auto load = load_policy(kPolicy, "p.toml");
  EXPECT_TRUE(load.ok());
  return load.ok() ? *load.policy : Policy{};
}

TEST(Expectations, EvaluatesEachInOrder) {
  const Policy policy = load();
  ASSERT_EQ(policy.expectations.size(), 4u);
  auto outcomes = evaluate_expectations(policy);
  ASSERT_EQ(outcomes.size(), 4u);
  EXPECT_TRUE(outcomes[0].holds);
  EXPECT_TRUE(outcomes[0].result.allowed);
  EXPECT_EQ(outcomes[0].expectation.description, "users read");
  EXPECT_TRUE(outcomes[1].holds);
  EXPECT_FALSE(outcomes[1].result.allowed);
  EXPECT_FALSE(outcomes[2].holds);
  EXPECT_FALSE(outcomes[2].result.allowed);
  EXPECT_FALSE(outcomes[3].holds);
  EXPECT_TRUE(outcomes[3].result.allowed);
  EXPECT_FALSE(outcomes[0].result.trace.empty());
}

TEST(Expectations, FailuresArePositionedErrorsWithTheTrace) {
  const Policy policy = load();
  auto failures = expectation_failures(policy);
  ASSERT_EQ(failures.size(), 2u);
  const Diagnostic& write = failures[0];
  EXPECT_EQ(write.code, "expectation-failed");
  EXPECT_EQ(write.severity, Severity::error);
  EXPECT_EQ(write.where.file, "p.toml");
  EXPECT_EQ(write.where.line, policy.expectations[2].where.line);
  EXPECT_NE(write.message.find("(users write)"), std::string::npos) << write.message;
  EXPECT_NE(write.message.find("is denied, expected granted"), std::string::npos) << write.message;
  ASSERT_GE(write.details.size(), 2u);
  EXPECT_EQ(write.details[0].rfind("granted 0x", 0), 0u) << write.details[0];
  EXPECT_NE(failures[1].message.find("is granted, expected denied"), std::string::npos);
  EXPECT_EQ(failures[1].where.line, policy.expectations[3].where.line);
}

TEST(Expectations, APolicyWithoutThemHasNone) {
  Policy policy = load();
  policy.expectations.clear();
  EXPECT_TRUE(evaluate_expectations(policy).empty());
  EXPECT_TRUE(expectation_failures(policy).empty());
}

}  // namespace
}  // namespace secdesc
