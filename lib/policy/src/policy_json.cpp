#include "secdesc/policy_json.hpp"

#include <nlohmann/json.hpp>

#include "secdesc/binary.hpp"
#include "secdesc/json.hpp"

namespace secdesc {

std::string policy_to_json(const Policy& policy, int indent) {
  const SddlFormatOptions format{policy.context};
  nlohmann::json j;
  j["name"] = policy.name;
  j["file"] = policy.file;
  j["object"] = std::string(object_type_info(policy.object_type).name);
  j["object_name"] = policy.object_name ? nlohmann::json(*policy.object_name) : nlohmann::json(nullptr);
  j["description"] = policy.description;
  j["sddl"] = to_sddl(policy.descriptor, format);
  auto bytes = encode_self_relative(policy.descriptor);
  j["hex"] = bytes ? to_hex(*bytes) : std::string();
  j["descriptor"] = nlohmann::json::parse(to_json(policy.descriptor, format));
  nlohmann::json expectations = nlohmann::json::array();
  for (const auto& e : policy.expectations)
    expectations.push_back({{"line", e.where.line},
                            {"description", e.description},
                            {"token", e.token_spec},
                            {"rights", e.rights_text},
                            {"desired", e.desired},
                            {"expected", e.expect_granted ? "granted" : "denied"}});
  j["expectations"] = expectations;
  // The names the policy gave to SIDs without an alias, so a reader of the JSON sees
  // "NT SERVICE\\AcmeSync" where the descriptor has S-1-5-80-....
  nlohmann::json names = nlohmann::json::array();
  for (const auto& n : policy.names) names.push_back({{"sid", n.sid.to_string()}, {"name", n.name}});
  j["principals"] = names;
  return j.dump(indent);
}

}  // namespace secdesc
