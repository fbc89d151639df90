#include "secdesc/json.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/internal/conditional_sddl.hpp"
#include "core/internal/conditional_tree.hpp"
#include "core/internal/utf.hpp"
#include "secdesc/binary.hpp"

namespace secdesc {
namespace {

using CondKind = CondTokenKind;
using CondType = CondTokenType;

// The word a JSON consumer reads for a token kind (docs/schemas/sddlc-convert.schema.json).
std::string_view operator_kind(CondKind kind) {
  switch (kind) {
    case CondKind::relational: return "relational";  // attribute OP value
    case CondKind::unary: return "unary";            // Member_of family, Exists, Not_Exists
    case CondKind::logical: return "logical";        // && ||
    case CondKind::logical_not: return "not";        // !
    case CondKind::literal:
    case CondKind::attribute: break;
  }
  return "";
}

// Where an attribute comes from (MS-DTYP 2.4.4.17.8).
std::string_view attribute_scope(CondType type) {
  switch (type) {
    case CondType::user_attribute: return "user";
    case CondType::device_attribute: return "device";
    case CondType::resource_attribute: return "resource";
    default: return "local";
  }
}

// A literal's type as MS-DTYP 2.4.4.17.5 names its token.
std::string_view literal_type(CondType type) {
  switch (type) {
    case CondType::int8: return "int8";
    case CondType::int16: return "int16";
    case CondType::int32: return "int32";
    case CondType::int64: return "int64";
    case CondType::unicode_string: return "string";
    case CondType::octet_string: return "octet_string";
    case CondType::sid: return "sid";
    case CondType::composite: return "composite";
    default: return "";
  }
}

nlohmann::json literal_json(const CondToken& t, const SidContext& context) {
  nlohmann::json j = {{"node", "literal"}, {"type", literal_type(t.type)}};
  if (t.is_integer()) {
    j["value"] = t.integer;
  } else if (t.type == CondType::unicode_string) {
    j["value"] = detail::utf16_to_utf8(t.text);
  } else if (t.type == CondType::octet_string) {
    j["value"] = to_hex(t.octets);
  } else if (t.type == CondType::sid) {
    j["value"] = t.sid.to_string();
    if (auto alias = sid_alias(t.sid, context)) j["alias"] = std::string(*alias);
  } else if (t.type == CondType::composite) {
    nlohmann::json elements = nlohmann::json::array();
    for (const CondToken& e : t.elements) elements.push_back(literal_json(e, context));
    j["elements"] = std::move(elements);
  }
  return j;
}

// The tree under node `n`: operators with their operands, attributes, literals.
nlohmann::json condition_node_json(const ConditionalExpression& expr,
                                   const std::vector<detail::CondNode>& nodes, std::size_t n,
                                   const SidContext& context) {
  const detail::CondNode& node = nodes[n];
  const CondToken& t = expr.tokens[node.token];
  const CondKind kind = t.kind();
  if (kind == CondKind::literal) return literal_json(t, context);
  auto info = find_conditional_token(t.type);
  if (kind == CondKind::attribute) {
    const bool local = t.type == CondType::local_attribute;
    return {{"node", "attribute"},
            {"scope", attribute_scope(t.type)},
            {"name", detail::utf16_to_utf8(t.text)},
            {"sddl", std::string(info ? info->sddl : "") +
                         detail::escape_attribute_name(t.text, local)}};
  }
  nlohmann::json operands = nlohmann::json::array();
  if (node.first != detail::CondNode::none)
    operands.push_back(condition_node_json(expr, nodes, node.first, context));
  if (node.second != detail::CondNode::none)
    operands.push_back(condition_node_json(expr, nodes, node.second, context));
  return {{"node", "operator"},
          {"kind", operator_kind(kind)},
          {"operator", std::string(info ? info->sddl : "")},
          {"operands", std::move(operands)}};
}

nlohmann::json condition_tree(const ConditionalExpression& expr, const SidContext& context) {
  auto nodes = detail::build_condition_tree(expr);
  // A decoded or parsed expression always forms one tree (both validate it); null says the
  // tokens do not, rather than inventing a shape.
  if (!nodes) return nullptr;
  return condition_node_json(expr, *nodes, nodes->size() - 1, context);
}

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
      if ((ace.flags & t.flag) && writes_flag_token(t, ace.type))
        flags.push_back(std::string(t.letters));
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
    if (ace.condition) {
      a["condition"] = to_sddl(*ace.condition, o.context);
      a["condition_tree"] = condition_tree(*ace.condition, o.context);
    }
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

std::string condition_tree_json(const ConditionalExpression& expression,
                                const SidContext& context) {
  return condition_tree(expression, context).dump();
}

}  // namespace secdesc
