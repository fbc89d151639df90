#include "secdesc/json.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "secdesc/binary.hpp"

namespace secdesc {
namespace {

nlohmann::json sid_json(const Sid& sid, const SidContext& context) {
  nlohmann::json j = {{"sid", sid.to_string()}};
  if (auto alias = sid_alias(sid, context)) j["alias"] = std::string(*alias);
  if (auto name = sid_display_name(sid, context)) j["name"] = *name;
  return j;
}

nlohmann::json acl_json(AclState state, const std::optional<Acl>& acl, const SddlFormatOptions& o) {
  if (state == AclState::absent) return nullptr;
  if (state == AclState::null) return "null";  // NO_ACCESS_CONTROL
  nlohmann::json aces = nlohmann::json::array();
  for (const auto& ace : acl->aces) {
    auto info = find_ace_type(ace.type);
    nlohmann::json flags = nlohmann::json::array();
    for (const auto& t : ace_flag_tokens())
      if (ace.flags & t.flag) flags.push_back(std::string(t.letters));
    nlohmann::json a = {
        {"type", info && !info->sddl.empty() ? std::string(info->sddl)
                                             : fmt::format("0x{:02x}", static_cast<unsigned>(ace.type))},
        {"flags", flags},
        {"mask", fmt::format("0x{:08x}", ace.mask)},
        {"rights", format_sddl_rights(ace.mask, ace.type == AceType::system_mandatory_label)},
        {"trustee", sid_json(ace.sid, o.context)},
    };
    if (ace.object_type) a["object_type"] = ace.object_type->to_string();
    if (ace.inherited_object_type) a["inherited_object_type"] = ace.inherited_object_type->to_string();
    if (ace.condition) a["condition"] = to_sddl(*ace.condition, o.context);
    if (ace.resource_attribute) {
      const Claim& c = *ace.resource_attribute;
      auto type = find_claim_type(c.type);
      a["resource_attribute"] = {{"name", c.name_utf8()},
                                 {"type", type ? std::string(type->name) : std::string()},
                                 {"flags", fmt::format("0x{:x}", c.flags)},
                                 {"sddl", to_sddl(c, o.context)}};
    }
    if (!ace.application_data.empty()) a["application_data"] = to_hex(ace.application_data);
    aces.push_back(std::move(a));
  }
  return {{"revision", acl->revision}, {"aces", aces}};
}

}  // namespace

std::string to_json(const SecurityDescriptor& sd, const SddlFormatOptions& options, int indent) {
  nlohmann::json j;
  j["sddl"] = to_sddl(sd, options);
  j["owner"] = sd.owner() ? sid_json(*sd.owner(), options.context) : nlohmann::json(nullptr);
  j["group"] = sd.group() ? sid_json(*sd.group(), options.context) : nlohmann::json(nullptr);
  j["control"] = fmt::format("0x{:04x}", sd.control() | control::self_relative);
  nlohmann::json flags = nlohmann::json::array();
  struct Named { std::uint16_t bit; const char* name; };
  for (Named n : {Named{control::dacl_protected, "dacl_protected"},
                  Named{control::dacl_auto_inherit_req, "dacl_auto_inherit_req"},
                  Named{control::dacl_auto_inherited, "dacl_auto_inherited"},
                  Named{control::sacl_protected, "sacl_protected"},
                  Named{control::sacl_auto_inherit_req, "sacl_auto_inherit_req"},
                  Named{control::sacl_auto_inherited, "sacl_auto_inherited"}})
    if (sd.control() & n.bit) flags.push_back(n.name);
  j["control_flags"] = flags;
  j["dacl"] = acl_json(sd.dacl_state(), sd.dacl(), options);
  j["sacl"] = acl_json(sd.sacl_state(), sd.sacl(), options);
  if (auto label = sd.mandatory_label())
    j["mandatory_label"] = {{"level", sid_json(label->level, options.context)},
                            {"policy", format_sddl_rights(label->policy, true)}};
  return j.dump(indent);
}

}  // namespace secdesc
