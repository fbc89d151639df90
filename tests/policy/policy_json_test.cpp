// policy_json.hpp: the JSON view of a compiled policy.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "secdesc/binary.hpp"
#include "secdesc/policy_json.hpp"
#include "policy_text.hpp"

namespace secdesc {
namespace {

constexpr std::string_view kPolicy = R"(
description = "Readable by interactive users"
object = "event"
object-name = 'Local\Demo'

[dacl]
[[dacl.allow]]
principal = "IU"
rights = "read"

[[expect]]
description = "a user can wait on it"
token = "interactive-user"
rights = "synchronize"
result = "granted"
)";

TEST(PolicyJson, NamesTheDescriptorAndTheExpectations) {
  auto load = load_policy(kPolicy, "demo-event.toml");
  ASSERT_TRUE(load.ok()) << testing::diagnostics_of(kPolicy).front();
  const Policy& policy = *load.policy;
  auto j = nlohmann::json::parse(policy_to_json(policy));
  EXPECT_EQ(j["name"], "demo_event");  // the file stem, '-' -> '_'
  EXPECT_EQ(j["file"], "demo-event.toml");
  EXPECT_EQ(j["object"], "event");
  EXPECT_EQ(j["object_name"], "Local\\Demo");
  EXPECT_EQ(j["description"], "Readable by interactive users");
  EXPECT_EQ(j["sddl"], to_sddl(policy.descriptor));
  EXPECT_EQ(j["hex"], to_hex(encode_self_relative(policy.descriptor).value()));
  EXPECT_EQ(j["descriptor"]["sddl"], j["sddl"]);
  EXPECT_EQ(j["descriptor"]["dacl"]["aces"][0]["trustee"]["alias"], "IU");
  ASSERT_EQ(j["expectations"].size(), 1u);
  const auto& e = j["expectations"][0];
  EXPECT_EQ(e["line"], 11);  // the [[expect]] line (the text starts with a newline)
  EXPECT_EQ(e["description"], "a user can wait on it");
  EXPECT_EQ(e["token"], policy.expectations[0].token_spec);
  EXPECT_EQ(e["rights"], "synchronize");
  EXPECT_EQ(e["desired"], rights::synchronize);
  EXPECT_EQ(e["expected"], "granted");
}

TEST(PolicyJson, NoObjectNameIsNull) {
  Policy policy;
  policy.name = "bare";
  auto j = nlohmann::json::parse(policy_to_json(policy, 2));
  EXPECT_TRUE(j["object_name"].is_null());
  EXPECT_EQ(j["expectations"], nlohmann::json::array());
  EXPECT_EQ(j["object"], "section");
  EXPECT_NE(policy_to_json(policy, 2).find("\n  \"name\": \"bare\""), std::string::npos);
}

}  // namespace
}  // namespace secdesc
