// sddlc explain's model: ACEs and the label in words, and the effective-access matrix from the
// access check (docs/review.md, "sddlc explain").
#include "secdesc/explain.hpp"

#include <algorithm>
#include <bit>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/internal/conditional_sddl.hpp"
#include "core/internal/conditional_tree.hpp"
#include "core/internal/text.hpp"
#include "core/internal/utf.hpp"
#include "secdesc/access_check.hpp"
#include "secdesc/binary.hpp"
#include "secdesc/sddl.hpp"

namespace secdesc {
namespace {

using CondKind = CondTokenKind;
using CondType = CondTokenType;

ExplainedSid explained(const Sid& sid, const ExplainOptions& o) {
  return ExplainedSid{sid, principal_text(sid, o.names, o.context), describe_sid(sid, o.context)};
}

// What an ACE does, by its type (MS-DTYP 2.4.4.1).
std::string ace_kind(const Ace& ace) {
  if (ace.is_allow()) return "allow";
  if (ace.is_deny()) return "deny";
  switch (ace.type) {
    case AceType::system_audit:
    case AceType::system_audit_object:
    case AceType::system_audit_callback:
    case AceType::system_audit_callback_object: return "audit";
    case AceType::system_alarm:
    case AceType::system_alarm_object:
    case AceType::system_alarm_callback:
    case AceType::system_alarm_callback_object: return "alarm";
    case AceType::system_mandatory_label: return "label";
    case AceType::system_resource_attribute: return "resource-attribute";
    case AceType::system_scoped_policy_id: return "scoped-policy";
    case AceType::system_process_trust_label: return "process-trust-label";
    case AceType::system_access_filter: return "access-filter";
    default: break;
  }
  return "other";
}

// The inheritance flags in words (MS-DTYP 2.4.4.1 AceFlags; MS Learn "ACE Inheritance Rules").
std::vector<std::string> inheritance_words(const Ace& ace, const ObjectTypeInfo& info) {
  std::vector<std::string> out;
  const std::uint8_t f = ace.flags;
  if (f & ace_flags::inherited) out.emplace_back("inherited from the parent (ID)");
  const bool inherits = (f & (ace_flags::object_inherit | ace_flags::container_inherit)) != 0;
  if (f & ace_flags::inherit_only)
    out.emplace_back("inherit-only (IO): not applied to this object, only passed to children");
  else if (inherits)
    out.emplace_back("applies to this object");
  if (f & ace_flags::object_inherit) out.emplace_back("inherited by child objects (OI)");
  if (f & ace_flags::container_inherit) out.emplace_back("inherited by child containers (CI)");
  if (f & ace_flags::no_propagate_inherit)
    out.emplace_back("not propagated past the immediate children (NP)");
  if ((f & ace_flags::inheritance_flags) != 0 && !info.container)
    out.push_back(fmt::format("a {} is not a container: OI/CI/NP have no children to reach",
                              info.name));
  if (out.empty()) out.emplace_back("this object only (no inheritance flags)");
  return out;
}

// --- Conditions in words --------------------------------------------------------------------

class ConditionWords {
 public:
  ConditionWords(const ConditionalExpression& e, const std::vector<detail::CondNode>& nodes,
                 const SidContext& context)
      : expr_(e), nodes_(nodes), context_(context) {}

  std::string node(std::size_t n, bool nested) const {
    const detail::CondNode& nd = nodes_[n];
    const CondToken& t = expr_.tokens[nd.token];
    switch (t.kind()) {
      case CondKind::literal: return literal(t);
      case CondKind::attribute: return attribute(t);
      case CondKind::logical: {
        const char* word = t.type == CondType::logical_and ? "and" : "or";
        std::string s = fmt::format("{} {} {}", node(nd.first, true), word, node(nd.second, true));
        return nested ? "(" + s + ")" : s;
      }
      case CondKind::logical_not: return fmt::format("not ({})", node(nd.first, false));
      case CondKind::relational:
        return fmt::format("{} {} {}", node(nd.first, true), relational(t.type),
                           node(nd.second, true));
      case CondKind::unary: return unary(t.type, nd.first);
    }
    return "?";
  }

 private:
  std::string literal(const CondToken& t) const {
    if (t.is_integer()) return fmt::format("{}", t.integer);
    switch (t.type) {
      case CondType::unicode_string: return "\"" + detail::utf16_to_utf8(t.text) + "\"";
      case CondType::octet_string: return "the bytes " + to_hex(t.octets);
      case CondType::sid: {
        std::string words = describe_sid(t.sid, context_);
        auto alias = sid_alias(t.sid, context_);
        const std::string text = alias ? std::string(*alias) : t.sid.to_string();
        // describe_sid starts with the alias where there is one ("LU: BUILTIN\\...").
        const std::string prefix = text + ": ";
        if (words.starts_with(prefix)) words = words.substr(prefix.size());
        return words == text ? text : text + " (" + words + ")";
      }
      case CondType::composite: {
        std::vector<std::string> parts;
        for (const CondToken& e : t.elements) parts.push_back(literal(e));
        if (parts.size() == 1) return parts.front();
        return "{" + detail::join(parts, ", ") + "}";
      }
      default: return "?";
    }
  }

  static std::string attribute(const CondToken& t) {
    const std::string name =
        detail::attribute_name_text(t.text, t.type == CondType::local_attribute);
    switch (t.type) {
      case CondType::user_attribute: return "the user claim " + name;
      case CondType::device_attribute: return "the device claim " + name;
      case CondType::resource_attribute: return "the object's resource attribute " + name;
      default: return "the local attribute " + name;
    }
  }

  static std::string_view relational(CondType op) {
    switch (op) {
      case CondType::equals: return "equals";
      case CondType::not_equals: return "does not equal";
      case CondType::less_than: return "is less than";
      case CondType::less_than_or_equal: return "is at most";
      case CondType::greater_than: return "is greater than";
      case CondType::greater_than_or_equal: return "is at least";
      case CondType::contains: return "contains all of";
      case CondType::not_contains: return "does not contain all of";
      case CondType::any_of: return "is one of";
      case CondType::not_any_of: return "is none of";
      default: return "?";
    }
  }

  // Member_of and its family (MS-DTYP 2.4.4.17.6): every SID of the list for the plain forms,
  // at least one for the _any forms; Device_ tests the device's groups.
  std::string unary(CondType op, std::size_t operand) const {
    const std::string what = node(operand, true);
    switch (op) {
      case CondType::exists: return what + " exists";
      case CondType::not_exists: return what + " does not exist";
      case CondType::member_of: return "the caller is a member of " + every(operand, what);
      case CondType::not_member_of: return "the caller is not a member of " + every(operand, what);
      case CondType::member_of_any: return "the caller is a member of " + any(operand, what);
      case CondType::not_member_of_any:
        return "the caller is a member of none of " + what;
      case CondType::device_member_of: return "the device is a member of " + every(operand, what);
      case CondType::not_device_member_of:
        return "the device is not a member of " + every(operand, what);
      case CondType::device_member_of_any:
        return "the device is a member of " + any(operand, what);
      case CondType::not_device_member_of_any:
        return "the device is a member of none of " + what;
      default: return "?";
    }
  }

  bool several(std::size_t n) const {
    const CondToken& t = expr_.tokens[nodes_[n].token];
    return t.type == CondType::composite && t.elements.size() > 1;
  }
  std::string every(std::size_t n, const std::string& what) const {
    return several(n) ? "every one of " + what : what;
  }
  std::string any(std::size_t n, const std::string& what) const {
    return several(n) ? "at least one of " + what : what;
  }

  const ConditionalExpression& expr_;
  const std::vector<detail::CondNode>& nodes_;
  const SidContext& context_;
};

// What TRUE, FALSE and UNKNOWN do for this kind of ACE (MS-DTYP 2.5.3.2, the same rule the
// access check's trace states).
std::string_view condition_effect(const Ace& ace) {
  if (ace.is_allow())
    return "an allow ACE applies only when its condition is TRUE; FALSE or UNKNOWN (the caller "
           "lacks an attribute it tests) grants nothing";
  if (ace.is_deny())
    return "a deny ACE applies when its condition is TRUE or UNKNOWN (the caller lacks an "
           "attribute it tests)";
  // An access filter's condition: no Microsoft source says how Windows applies it
  // (docs/access-check.md), so no effect is claimed.
  if (ace.type == AceType::system_access_filter)
    return "how Windows applies an access filter's condition is not documented";
  return "the entry applies when its condition is TRUE";
}

// --- The label --------------------------------------------------------------------------------

std::vector<std::string> label_policy_words(AccessMask policy) {
  std::vector<std::string> out;
  if (policy & rights::label_no_write_up)
    out.emplace_back("no-write-up (NW): lower callers get no write rights");
  if (policy & rights::label_no_read_up)
    out.emplace_back("no-read-up (NR): lower callers get no read rights");
  if (policy & rights::label_no_execute_up)
    out.emplace_back("no-execute-up (NX): lower callers get no execute rights");
  return out;
}

std::string label_letters(AccessMask policy) {
  std::string out;
  if (policy & rights::label_no_write_up) out += "NW";
  if (policy & rights::label_no_read_up) out += "NR";
  if (policy & rights::label_no_execute_up) out += "NX";
  return out;
}

// The access check's integrity lines for a caller just below the label: interactive_user()'s
// SIDs at the next lower level, so the DACL does not matter, only what MIC leaves.
std::vector<std::string> label_check_lines(const SecurityDescriptor& sd, ObjectType type,
                                           const Sid& level, const ExplainOptions& o) {
  const std::uint32_t rid = level.rid().value_or(0);
  if (rid == 0) return {};  // nothing is below Untrusted
  Token below = interactive_user();
  below.integrity_level = Sid{sid_authority::mandatory_label, {rid - 1}};
  const AccessCheckResult r =
      access_check(sd, below, rights::maximum_allowed, type, {o.context, true, o.names});
  std::vector<std::string> lines;
  // The label and what it leaves; not what it then removes from this probe's DACL grants.
  for (const TraceEntry& e : r.trace)
    if (e.rule == TraceRule::integrity && e.action == TraceAction::info) lines.push_back(e.text);
  return lines;
}

LabelExplanation explain_label(const SecurityDescriptor& sd, ObjectType type,
                               const ExplainOptions& o) {
  const ObjectTypeInfo& info = object_type_info(type);
  LabelExplanation l;
  if (auto label = sd.mandatory_label()) {
    l.present = true;
    l.level = label->level;
    l.policy = label->policy;
    if (sd.sacl()) {
      for (std::size_t i = 0; i < sd.sacl()->aces.size(); ++i)
        if (sd.sacl()->aces[i].type == AceType::system_mandatory_label) {
          l.sacl_index = i;
          break;
        }
    }
  } else {
    // MS Learn "Mandatory Integrity Control": objects without a label are treated as Medium
    // with the type's default policy.
    l.level = sids::medium_integrity;
    l.policy = info.default_label_policy;
  }
  l.level_name = is_integrity_sid(l.level) ? integrity_level_name(l.level) : l.level.to_string();
  l.policy_letters = label_letters(l.policy);
  l.policy_words = label_policy_words(l.policy);
  const std::string which =
      l.present ? fmt::format("labelled {}", l.level_name)
                : fmt::format("unlabelled: it counts as {} with the {} default policy {}",
                              l.level_name, info.name, l.policy_letters);
  if (l.policy == 0) {
    l.meaning = fmt::format("The object is {}, with no policy: callers below {} integrity are "
                            "not limited by it.",
                            which, l.level_name);
  } else {
    l.meaning = fmt::format("The object is {}: callers below {} integrity whose token enforces "
                            "NO_WRITE_UP (every preset's does) are limited to what {} leaves, "
                            "whatever the DACL grants them; callers at {} or above are not "
                            "limited.",
                            which, l.level_name, l.policy_letters, l.level_name);
  }
  if (is_integrity_sid(l.level)) l.check_lines = label_check_lines(sd, type, l.level, o);
  return l;
}

// --- The matrix -----------------------------------------------------------------------------

// The same token as `sddlc check --token` reads it (parse_token_spec), so a reader can repeat a
// cell's check; tests/policy/explain_test.cpp parses each one back to the row's token.
std::string token_spec(const DiffPrincipal& p) {
  if (p.kind == DiffPrincipalKind::preset) return p.name;
  const Token& t = p.token;
  if (p.kind == DiffPrincipalKind::appcontainer) {
    std::vector<std::string> caps;
    for (const Sid& c : t.capabilities) caps.push_back(c.to_string());
    return "preset=appcontainer-process;capabilities=" + detail::join(caps, ",");
  }
  std::string spec = "user=" + t.user.to_string();
  if (!t.groups.empty()) {
    std::vector<std::string> groups;
    for (const TokenGroup& g : t.groups) groups.push_back(g.sid.to_string());
    spec += ";groups=" + detail::join(groups, ",");
  }
  return spec + ";integrity=" + t.integrity_level.to_string();
}

bool touches(const TraceEntry& e, AccessMask right) { return (e.bits & right) != 0; }

// The cell for `right` from the check of that right alone.
MatrixCell cell_from(const AccessCheckResult& r, AccessMask right) {
  MatrixCell c;
  c.granted = r.allowed;
  const TraceEntry* first_acting = nullptr;
  const TraceEntry* why = nullptr;  // the result line that explains the missing right
  for (const TraceEntry& e : r.trace) {
    if (!touches(e, right)) continue;
    const bool acts = e.action == TraceAction::granted || e.action == TraceAction::denied ||
                      e.action == TraceAction::removed;
    if (acts) {
      c.trace.push_back(e.text);
      if (!first_acting) first_acting = &e;
    }
    if (e.rule == TraceRule::result) why = &e;
  }
  if (c.granted) {
    if (first_acting && first_acting->action == TraceAction::granted) {
      switch (first_acting->rule) {
        case TraceRule::owner: c.reason = CellReason::owner; break;
        case TraceRule::privilege: c.reason = CellReason::privilege; break;
        default:
          c.ace_index = first_acting->ace_index;
          c.reason = c.ace_index ? CellReason::ace : CellReason::null_dacl;
      }
    }
    return c;
  }
  if (why) c.trace.push_back(why->text);
  // The first cause in the order the verdict's lines give them (privilege, integrity, deny ACE,
  // restricting SIDs, AppContainer SIDs), as the access check explains a missing right.
  auto find = [&](TraceRule rule, TraceAction action) -> const TraceEntry* {
    for (const TraceEntry& e : r.trace)
      if (e.rule == rule && e.action == action && touches(e, right)) return &e;
    return nullptr;
  };
  if (find(TraceRule::privilege, TraceAction::denied)) {
    c.reason = CellReason::privilege;
  } else if (find(TraceRule::integrity, TraceAction::removed)) {
    c.reason = CellReason::integrity;
  } else if (const TraceEntry* d = find(TraceRule::dacl, TraceAction::denied)) {
    c.reason = CellReason::deny_ace;
    c.ace_index = d->ace_index;
  } else if (find(TraceRule::restricted, TraceAction::removed) ||
             find(TraceRule::restricted, TraceAction::denied)) {
    c.reason = CellReason::restricted;
  } else if (find(TraceRule::appcontainer, TraceAction::removed) ||
             find(TraceRule::appcontainer, TraceAction::denied)) {
    c.reason = CellReason::appcontainer;
  } else {
    c.reason = CellReason::no_ace;
  }
  return c;
}

std::string acl_words(AclState state, const std::optional<Acl>& acl, bool dacl) {
  switch (state) {
    case AclState::absent:
      return dacl ? "absent: no access control, every caller gets every right"
                  : "absent: no auditing, no label";
    case AclState::null:
      return dacl ? "null (NO_ACCESS_CONTROL): every caller gets every right"
                  : "null: no auditing, no label";
    case AclState::present: break;
  }
  if (acl->aces.empty())
    return dacl ? "empty: no caller gets any right (the owner still gets read-control and "
                  "write-dac)"
                : "empty";
  return fmt::format("{} ACE{}", acl->aces.size(), acl->aces.size() == 1 ? "" : "s");
}

std::vector<std::string> control_words(const SecurityDescriptor& sd) {
  struct Named {
    std::uint16_t bit;
    const char* words;
  };
  static constexpr Named kWords[] = {
      {control::dacl_protected, "DACL protected (P): the parent's inheritable ACEs do not flow in"},
      {control::dacl_auto_inherit_req, "DACL auto-inherit requested (AR)"},
      {control::dacl_auto_inherited, "DACL auto-inherited (AI)"},
      {control::sacl_protected, "SACL protected (P)"},
      {control::sacl_auto_inherit_req, "SACL auto-inherit requested (AR)"},
      {control::sacl_auto_inherited, "SACL auto-inherited (AI)"},
  };
  std::vector<std::string> out;
  for (const Named& n : kWords)
    if (sd.control() & n.bit) out.emplace_back(n.words);
  return out;
}

AceExplanation explain_ace(const Ace& ace, AclKind acl, std::size_t index, ObjectType type,
                           const ExplainOptions& o) {
  const ObjectTypeInfo& info = object_type_info(type);
  AceExplanation a;
  a.acl = acl;
  a.index = index;
  a.sddl = ace_to_sddl(ace, SddlFormatOptions{o.context});
  a.kind = ace_kind(ace);
  a.who = explained(ace.sid, o);
  a.mask = ace.mask;
  a.inheritance = inheritance_words(ace, info);
  if (ace.type == AceType::system_mandatory_label) {
    a.mapped = ace.mask;
    const std::vector<std::string> words = label_policy_words(ace.mask);
    a.rights = words.empty() ? std::string("no policy") : detail::join(words, "; ");
    a.summary = fmt::format("label: the object's integrity level is {}, policy {}",
                            is_integrity_sid(ace.sid) ? integrity_level_name(ace.sid)
                                                      : ace.sid.to_string(),
                            ace.mask ? label_letters(ace.mask) : std::string("none"));
    return a;
  }
  a.mapped = map_generic(ace.mask, info.mapping);
  a.rights = a.mapped ? describe_rights(a.mapped, type) : std::string("no rights");
  if (ace.condition) {
    a.condition = *ace.condition;
    a.condition_sddl = to_sddl(*ace.condition, o.context);
    a.condition_words = condition_in_words(*ace.condition, o.context) + " (" +
                        std::string(condition_effect(ace)) + ")";
  }
  std::string verb;
  if (a.kind == "allow") verb = "allows";
  else if (a.kind == "deny") verb = "denies";
  else if (a.kind == "audit") verb = "audits";
  else if (a.kind == "alarm") verb = "raises an alarm on";
  if (!verb.empty()) {
    a.summary = fmt::format("{} {} {} (0x{:x})", verb, a.who.text, a.rights, a.mapped);
    if (a.kind == "audit" || a.kind == "alarm") {
      std::vector<std::string> when;
      if (ace.flags & ace_flags::successful_access) when.emplace_back("successful");
      if (ace.flags & ace_flags::failed_access) when.emplace_back("failed");
      if (!when.empty()) a.summary += " on " + detail::join(when, " and ") + " access";
    }
    if (ace.condition) a.summary += " when " + condition_in_words(*ace.condition, o.context);
    if (ace.inherit_only()) a.summary += " (inherit-only: not on this object)";
  } else if (ace.resource_attribute) {
    a.summary = "resource attribute " + to_sddl(*ace.resource_attribute, o.context);
  } else {
    a.summary = a.kind + " entry for " + a.who.text;
  }
  return a;
}

}  // namespace

std::string_view to_string(CellReason reason) noexcept {
  switch (reason) {
    case CellReason::ace: return "ace";
    case CellReason::owner: return "owner";
    case CellReason::null_dacl: return "null-dacl";
    case CellReason::privilege: return "privilege";
    case CellReason::deny_ace: return "deny-ace";
    case CellReason::integrity: return "integrity";
    case CellReason::restricted: return "restricted";
    case CellReason::appcontainer: return "appcontainer";
    case CellReason::no_ace: return "no-ace";
  }
  return "no-ace";
}

std::string MatrixCell::short_reason() const {
  switch (reason) {
    case CellReason::ace: return ace_index ? fmt::format("ACE #{}", *ace_index) : "ACE";
    case CellReason::owner: return "owner";
    case CellReason::null_dacl: return "no DACL";
    case CellReason::privilege: return "privilege";
    case CellReason::deny_ace:
      return ace_index ? fmt::format("deny ACE #{}", *ace_index) : "deny ACE";
    case CellReason::integrity: return "label";
    case CellReason::restricted: return "restricted";
    case CellReason::appcontainer: return "AppContainer";
    case CellReason::no_ace: return "no ACE";
  }
  return "no ACE";
}

std::vector<MatrixColumn> matrix_columns(ObjectType type) {
  const ObjectTypeInfo& info = object_type_info(type);
  std::vector<MatrixColumn> out;
  // One bit each: a multi-bit word (an "all-access" row, if a type had one) is not one right.
  for (const NamedRight& r : info.specific_rights)
    if (std::has_single_bit(r.mask))
      out.push_back(MatrixColumn{std::string(r.word), r.mask, std::string(r.constant)});
  for (const NamedRight& r : standard_rights()) {
    const bool standard = (r.mask & rights::standard_rights_all) != 0;
    if (!standard) continue;  // ACCESS_SYSTEM_SECURITY and MAXIMUM_ALLOWED are not object rights
    if (r.mask == rights::synchronize && !info.supports_synchronize) continue;
    out.push_back(MatrixColumn{std::string(r.word), r.mask, std::string(r.constant)});
  }
  return out;
}

std::string condition_in_words(const ConditionalExpression& expression,
                               const SidContext& context) {
  auto nodes = detail::build_condition_tree(expression);
  if (!nodes) return "(a condition that is not one expression: " + nodes.error().message + ")";
  return ConditionWords(expression, *nodes, context).node(nodes->size() - 1, false);
}

Result<DescriptorExplanation> explain_descriptor(const SecurityDescriptor& sd, ObjectType type,
                                                 const ExplainOptions& options) {
  DescriptorExplanation x;
  x.type = type;
  x.sddl = to_sddl(sd, SddlFormatOptions{options.context});
  if (sd.owner()) x.owner = explained(*sd.owner(), options);
  if (sd.group()) x.group = explained(*sd.group(), options);
  x.control_words = control_words(sd);
  x.dacl_words = acl_words(sd.dacl_state(), sd.dacl(), true);
  x.sacl_words = acl_words(sd.sacl_state(), sd.sacl(), false);
  if (sd.dacl())
    for (std::size_t i = 0; i < sd.dacl()->aces.size(); ++i)
      x.aces.push_back(explain_ace(sd.dacl()->aces[i], AclKind::dacl, i, type, options));
  if (sd.sacl())
    for (std::size_t i = 0; i < sd.sacl()->aces.size(); ++i)
      x.aces.push_back(explain_ace(sd.sacl()->aces[i], AclKind::sacl, i, type, options));
  x.label = explain_label(sd, type, options);
  x.columns = matrix_columns(type);

  const AccessCheckOptions check{options.context, /*trace=*/true, options.names};
  for (const DiffPrincipal& p : diff_principals(sd, sd, options.context, options.names)) {
    // The pairs and the integrity probes are how the diff finds every change; a reader's
    // matrix wants the classes of callers and each SID alone.
    if (p.kind == DiffPrincipalKind::combination) continue;
    MatrixRow row;
    row.kind = p.kind;
    row.name = p.name;
    // A derived capability SID is 90 characters; its name says the same in a table's width
    // (the token SPEC keeps the SID).
    if (p.kind == DiffPrincipalKind::appcontainer && p.token.capabilities.size() == 1) {
      const std::string words = describe_sid(p.token.capabilities.front(), options.context);
      constexpr std::string_view kOf = "capability SID of ";
      if (words.starts_with(kOf)) row.name = "appcontainer + capability " + words.substr(kOf.size());
    }
    row.token_spec = token_spec(p);
    row.token_words = describe_token(p.token, options.context);
    for (const MatrixColumn& column : x.columns) {
      const AccessCheckResult r = access_check(sd, p.token, column.mask, type, check);
      if (r.refusal)
        return Error{ErrorCode::invalid_argument, Error::no_offset, r.refusal->message};
      row.cells.push_back(cell_from(r, column.mask));
    }
    x.rows.push_back(std::move(row));
  }
  return x;
}

}  // namespace secdesc
