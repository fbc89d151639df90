// The access check. Written from the specifications, rule by rule; docs/access-check.md gives the
// source of each rule:
// - MS-DTYP 2.5.3.2 Access Check Algorithm Pseudocode: privileges, the owner's implied rights,
//   the DACL walk (deny and allow in order, inherit-only ACEs ignored), null and empty DACLs,
//   MAXIMUM_ALLOWED.
// - MS-DTYP 2.5.3.3 MandatoryIntegrityCheck, 2.4.4.13 SYSTEM_MANDATORY_LABEL_ACE, 2.4.8
//   TOKEN_MANDATORY_POLICY; MS Learn "Mandatory Integrity Control".
// - MS Learn "Restricted Tokens" / CreateRestrictedToken (two checks, write-restricted).
// - MS Learn "Launch an AppContainer" (the AppContainer check; access is the intersection).
// - MS Learn "SID Attributes in an Access Token" (deny-only), "SACL Access Right", the OWNER
//   RIGHTS entry of "Well-known SIDs".
// - MS-DTYP 2.4.4.17.3 Conditional ACE Applicability: the condition of a callback ACE is
//   evaluated (condition_eval.hpp) against the primary token's SIDs and claims in every pass.
//
// The file has three parts. Checker<Sink> decides, and only decides: at each step it tells its
// trace sink what happened, with the raw facts (masks, ACE indexes, SIDs). TraceRecorder turns
// those events into the trace lines (the text is part of the interface: goldens, tests and
// docs/access-check.md show it). NullTrace ignores them; its methods are empty and inline, so
// Checker<NullTrace> is the check without any trace code: no text is formatted or stored.
#include "secdesc/access_check.hpp"

#include <algorithm>
#include <span>
#include <utility>

#include <fmt/format.h>

#include "core/internal/text.hpp"
#include "secdesc/ace.hpp"
#include "secdesc/condition_eval.hpp"
#include "secdesc/sddl.hpp"

namespace secdesc {
namespace {

constexpr AccessMask kAll = ~AccessMask{0};
constexpr AccessMask kOwnerImplied = rights::read_control | rights::write_dac;

// The read, write and execute parts of a type's rights, as Mandatory Integrity Control and the
// write-restricted check divide them. The standard rights go where MIC puts them (NoWriteUp keeps
// READ_CONTROL and SYNCHRONIZE, removes DELETE, WRITE_DAC, WRITE_OWNER, ACCESS_SYSTEM_SECURITY);
// a bit of GenericExecute that is also in GenericRead counts as read (the kernel's division as
// NtObjectManager's GenericMapping.GetAllowedMandatoryAccess reproduces it).
AccessMask read_part(const GenericMapping& m) { return m.read | rights::read_control; }
AccessMask write_part(const GenericMapping& m) {
  return m.write | rights::delete_ | rights::write_dac | rights::write_owner |
         rights::access_system_security;
}
AccessMask execute_part(const GenericMapping& m) {
  return (m.execute & ~m.read) | rights::synchronize;
}
// Rights that are write and nothing else: what a write-restricted token's second check covers.
AccessMask write_only(const GenericMapping& m) {
  return write_part(m) & ~(read_part(m) | execute_part(m));
}

// The policy bits of a mandatory label ACE's mask (MS-DTYP 2.4.4.13); the other bits mean nothing.
constexpr AccessMask kLabelPolicyBits =
    rights::label_no_write_up | rights::label_no_read_up | rights::label_no_execute_up;
static_assert(kLabelPolicyBits == 7, "policy_letters indexes its table with the policy bits");

std::string_view policy_letters(AccessMask policy) {
  static constexpr std::string_view names[8] = {"none",  "NW",    "NR",    "NWNR",
                                                "NX",    "NWNX",  "NRNX",  "NWNRNX"};
  return names[policy & kLabelPolicyBits];
}

// The three walks of the DACL: the token's user and groups, then (for restricted tokens) the
// restricting SIDs, then (for AppContainer tokens) the package and capability SIDs.
enum class Pass : std::uint8_t { primary, restricted, appcontainer };

struct PassOutcome {
  AccessMask granted = 0;
  AccessMask denied = 0;
};

// The mandatory label in force: a label ACE of the SACL (`index`) or the type's default.
struct Label {
  Sid level;
  AccessMask policy = 0;
  std::optional<std::size_t> index;
};

// Why the desired rights that are missing are missing, for the verdict's explanation. The rights
// denied by DACL ACEs are not here: the sink saw each denial as it happened.
struct Shortfall {
  AccessMask missing = 0;
  AccessMask refused = 0;               // for lack of SeSecurityPrivilege
  AccessMask removed_mic = 0;           // by Mandatory Integrity Control
  AccessMask removed_restricted = 0;    // by the restricted check
  AccessMask removed_appcontainer = 0;  // by the AppContainer check
};

// ---------------------------------------------------------------------------------------------
// The sinks. Both have the same methods, one per event of the check; Checker calls them by name
// (a template parameter, not a virtual interface, so NullTrace's calls compile to nothing).

struct NullTrace {
  void request(AccessMask, AccessMask, bool) {}
  void label_skipped(std::size_t) {}
  void label_in_force(const Label&) {}
  void label_not_integrity(const Label&, const Error&) {}
  void trust_or_filter_refused(std::size_t, const Error&) {}
  void integrity_not_enforced() {}
  void integrity_not_below(const Label&) {}
  void integrity_no_policy(const Label&) {}
  void integrity_limits(const Label&, AccessMask) {}
  void relabel_keeps_write_owner() {}
  void security_privilege_granted() {}
  void security_privilege_refused(bool) {}
  void take_ownership_granted() {}
  void dacl_grants_everything(Pass, AccessMask) {}
  void owner_left_to_owner_rights(Pass) {}
  void owner_implied(Pass, AccessMask) {}
  void dacl_empty(Pass) {}
  void dacl_not_read(Pass) {}
  void ace_begin(Pass, std::size_t) {}
  void ace_skipped(std::string_view) {}
  void ace_not_matched(const Sid&) {}
  void ace_condition_failed(const Ace&, const ConditionResult&) {}
  void ace_callback_applies() {}
  void ace_condition_holds(const ConditionResult&) {}
  void ace_granted(AccessMask) {}
  void ace_denied(AccessMask, bool) {}
  void ace_already_decided(const Ace&) {}
  void later_aces_not_read(Pass) {}
  void restricted_start(AccessMask) {}
  void restricted_not_needed() {}
  void restricted_removed(AccessMask) {}
  void appcontainer_start() {}
  void appcontainer_removed(AccessMask) {}
  void integrity_removed(AccessMask) {}
  void allowed(AccessMask) {}
  void nothing_to_grant() {}
  void denied(const Shortfall&) {}
};

// Builds AccessCheckResult::trace, one TraceEntry per event worth a line.
class TraceRecorder {
 public:
  TraceRecorder(const SecurityDescriptor& sd, const Token& token, ObjectType type,
                const SidContext& context, std::span<const NamedPrincipal> names)
      : sd_(sd),
        token_(token),
        type_(type),
        info_(object_type_info(type)),
        context_(context),
        names_(names),
        format_{context, sddl_parts::all} {}

  std::vector<TraceEntry> take() { return std::move(trace_); }

  void request(AccessMask desired, AccessMask mapped, bool max_mode) {
    std::string line = fmt::format("request: {} on a {}", bits(desired), info_.name);
    if (mapped != desired) line += fmt::format(", after generic mapping {}", bits(mapped));
    if (max_mode) line += "; MAXIMUM_ALLOWED: every ACE is read and all grantable rights count";
    add(TraceRule::request, TraceAction::info, 0, std::move(line));
    add(TraceRule::token, TraceAction::info, 0, "token: " + describe_token(token_, context_));
  }

  // Mandatory Integrity Control.
  void label_skipped(std::size_t index) {
    std::string sddl = ace_to_sddl(sd_.sacl()->aces[index], format_);
    std::string text = fmt::format(
        "SACL ACE #{} {}: skipped: inherit-only label, it applies to child objects only", index,
        sddl);
    add(TraceRule::integrity, TraceAction::skipped, 0, std::move(text), index, std::move(sddl));
  }
  void label_in_force(const Label& label) {
    if (label.index) {
      std::string sddl = ace_to_sddl(sd_.sacl()->aces[*label.index], format_);
      std::string text =
          fmt::format("mandatory label: SACL ACE #{} {}: object integrity {}, policy {}",
                      *label.index, sddl, integrity_level_name(label.level),
                      policy_letters(label.policy));
      add(TraceRule::integrity, TraceAction::info, 0, std::move(text), label.index,
          std::move(sddl));
    } else {
      add(TraceRule::integrity, TraceAction::info, 0,
          fmt::format("mandatory label: none in the SACL, so the object counts as {} with the {} "
                      "default policy {}",
                      integrity_level_name(label.level), info_.name,
                      policy_letters(label.policy)));
    }
  }
  void trust_or_filter_refused(std::size_t index, const Error& refusal) {
    add(TraceRule::result, TraceAction::info, 0, "result: NO ANSWER: " + refusal.message, index,
        ace_to_sddl(sd_.sacl()->aces[index], format_));
  }
  void label_not_integrity(const Label& label, const Error& refusal) {
    add(TraceRule::integrity, TraceAction::info, 0, "integrity: " + refusal.message, label.index,
        label.index ? ace_to_sddl(sd_.sacl()->aces[*label.index], format_) : std::string());
    add(TraceRule::result, TraceAction::info, 0,
        "result: NO ANSWER: the check stops here rather than guess");
  }
  void integrity_not_enforced() {
    add(TraceRule::integrity, TraceAction::info, 0,
        "integrity: not enforced: the token's mandatory policy lacks NO_WRITE_UP "
        "(TOKEN_MANDATORY_POLICY_OFF)");
  }
  void integrity_not_below(const Label& label) {
    add(TraceRule::integrity, TraceAction::info, 0,
        fmt::format("integrity: token {} is not below object {}: no restriction", token_il(),
                    integrity_level_name(label.level)));
  }
  void integrity_no_policy(const Label& label) {
    add(TraceRule::integrity, TraceAction::info, 0,
        fmt::format("integrity: token {} is below object {}, but the label sets no policy: no "
                    "restriction",
                    token_il(), integrity_level_name(label.level)));
  }
  void integrity_limits(const Label& label, AccessMask at_most) {
    // Only the type's own rights are named, not the generic and MAXIMUM_ALLOWED bits -- unless
    // the type's rights are generic bits (winrm-session).
    AccessMask named = 0;
    for (const auto& r : object_type_info(type_).specific_rights) named |= r.mask;
    at_most &= defined_rights(type_) & ~(rights::generic_any & ~named) & ~rights::maximum_allowed;
    add(TraceRule::integrity, TraceAction::info, 0,
        fmt::format("integrity: token {} is below object {} and the policy is {}: a lower caller "
                    "gets at most {}",
                    token_il(), integrity_level_name(label.level), policy_letters(label.policy),
                    bits(at_most)));
  }
  void relabel_keeps_write_owner() {
    add(TraceRule::integrity, TraceAction::info, 0,
        "integrity: SeRelabelPrivilege keeps write-owner (MS-DTYP 2.5.3.3)");
  }
  void integrity_removed(AccessMask removed) {
    add(TraceRule::integrity, TraceAction::removed, removed,
        fmt::format("integrity: removes {}", bits(removed)));
  }

  // Privileges.
  void security_privilege_granted() {
    add(TraceRule::privilege, TraceAction::granted, rights::access_system_security,
        "privilege: SeSecurityPrivilege grants access-system-security");
  }
  void security_privilege_refused(bool held_disabled) {
    add(TraceRule::privilege, TraceAction::denied, rights::access_system_security,
        held_disabled
            ? "privilege: access-system-security needs SeSecurityPrivilege enabled; the token "
              "holds it disabled"
            : "privilege: access-system-security needs SeSecurityPrivilege, which the token "
              "does not hold");
  }
  void take_ownership_granted() {
    add(TraceRule::privilege, TraceAction::granted, rights::write_owner,
        "privilege: SeTakeOwnershipPrivilege grants write-owner");
  }

  // A walk of the DACL, before its ACEs.
  void dacl_grants_everything(Pass pass, AccessMask granted) {
    add(pass_rule(pass), TraceAction::granted, granted,
        fmt::format("{}{} DACL: no policy, every right is granted: {}", pass_prefix(pass),
                    sd_.dacl_state() == AclState::null ? "NULL" : "no", bits(granted)));
  }
  void owner_left_to_owner_rights(Pass pass) {
    add(TraceRule::owner, TraceAction::info, 0,
        fmt::format("{}owner {} is the caller, but the DACL has OWNER RIGHTS (OW) ACEs: they "
                    "decide instead of the implied read-control|write-dac",
                    pass_prefix(pass), sid_text(*sd_.owner())));
  }
  void owner_implied(Pass pass, AccessMask implied) {
    add(TraceRule::owner, TraceAction::granted, implied,
        fmt::format("{}owner {} is the caller: implied {}", pass_prefix(pass),
                    sid_text(*sd_.owner()), bits(implied)));
  }
  void dacl_empty(Pass pass) {
    add(pass_rule(pass), TraceAction::info, 0,
        fmt::format("{}empty DACL: no ACE grants anything", pass_prefix(pass)));
  }
  void dacl_not_read(Pass pass) {
    add(pass_rule(pass), TraceAction::info, 0,
        fmt::format("{}every desired right is already granted: the DACL is not read",
                    pass_prefix(pass)));
  }

  // One DACL ACE: ace_begin, then notes that qualify it (they become part of the head of its
  // lines), then one outcome.
  void ace_begin(Pass pass, std::size_t index) {
    pass_ = pass;
    index_ = index;
    sddl_ = ace_to_sddl(sd_.dacl()->aces[index], format_);
    head_ = fmt::format("{}DACL ACE #{} {}", pass_prefix(pass), index, sddl_);
  }
  void ace_callback_applies() {
    head_ += " (callback ACE without a conditional expression: treated as applying)";
  }
  void ace_condition_holds(const ConditionResult& c) {
    head_ += c.value == Truth::unknown
                 ? fmt::format(" ({}: a deny ACE applies when its condition is UNKNOWN)",
                               condition_text(c))
                 : fmt::format(" ({})", condition_text(c));
  }
  void ace_skipped(std::string_view reason) {
    add_ace(TraceAction::skipped, 0, fmt::format("{}: skipped: {}", head_, reason));
  }
  void ace_not_matched(const Sid& sid) { ace_skipped(not_matched_reason(sid)); }
  void ace_condition_failed(const Ace& ace, const ConditionResult& c) {
    ace_skipped(condition_text(c) +
                (ace.is_allow() ? ": an allow ACE applies only when its condition is TRUE"
                                : ": a deny ACE applies only when its condition is TRUE or "
                                  "UNKNOWN"));
  }
  void ace_granted(AccessMask fresh) {
    add_ace(TraceAction::granted, fresh, fmt::format("{}: grants {}", head_, bits(fresh)));
  }
  void ace_denied(AccessMask fresh, bool stops) {
    // The primary walk's denials explain a DENIED verdict.
    if (pass_ == Pass::primary) denials_.emplace_back(index_, fresh);
    add_ace(TraceAction::denied, fresh,
            stops ? fmt::format("{}: denies {}: a desired right is denied, the check stops here",
                                head_, bits(fresh))
                  : fmt::format("{}: denies {}", head_, bits(fresh)));
  }
  void ace_already_decided(const Ace& ace) {
    add_ace(TraceAction::info, 0,
            fmt::format("{}: applies, but its rights were already {}", head_,
                        ace.is_allow() ? "decided" : "granted"));
  }
  void later_aces_not_read(Pass pass) {
    add(pass_rule(pass), TraceAction::info, 0,
        fmt::format("{}every desired right is granted: later ACEs are not read",
                    pass_prefix(pass)));
  }

  // The second checks.
  void restricted_start(AccessMask scope) {
    const std::string list = sid_list(token_.restricted_sids);
    add(TraceRule::restricted, TraceAction::info, 0,
        token_.write_restricted
            ? fmt::format("restricted check: write-restricted token, restricting SIDs {}; only "
                          "write rights {} are subject to it",
                          list, bits(scope & defined_rights(type_) & ~rights::generic_any))
            : fmt::format("restricted check: restricting SIDs {}; access is what both checks "
                          "grant",
                          list));
  }
  void restricted_not_needed() {
    add(TraceRule::restricted, TraceAction::info, 0,
        "restricted check: no desired right is subject to it");
  }
  void restricted_removed(AccessMask removed) {
    add(TraceRule::restricted, TraceAction::removed, removed,
        fmt::format("restricted check: the restricting SIDs are not granted {}", bits(removed)));
  }
  void appcontainer_start() {
    add(TraceRule::appcontainer, TraceAction::info, 0,
        fmt::format("AppContainer check: SIDs {}; access is what both checks grant",
                    sid_list(token_.appcontainer_sids())));
  }
  void appcontainer_removed(AccessMask removed) {
    add(TraceRule::appcontainer, TraceAction::removed, removed,
        fmt::format("AppContainer check: the AppContainer SIDs are not granted {}",
                    bits(removed)));
  }

  // The verdict.
  void allowed(AccessMask granted) {
    add(TraceRule::result, TraceAction::info, 0,
        fmt::format("result: ALLOWED: granted {}", bits(granted)));
  }
  void nothing_to_grant() {
    add(TraceRule::result, TraceAction::info, 0,
        "result: DENIED: MAXIMUM_ALLOWED found no right to grant");
  }
  // One line per cause, in the order the check applies them; each missing right is explained
  // once, by the first cause that covers it.
  void denied(const Shortfall& s) {
    add(TraceRule::result, TraceAction::info, s.missing,
        fmt::format("result: DENIED: missing {}", bits(s.missing)));
    AccessMask left = s.missing;
    auto why = [&](AccessMask part, const std::string& reason) {
      part &= left;
      if (!part) return;
      left &= ~part;
      add(TraceRule::result, TraceAction::info, part, fmt::format("  {}: {}", bits(part), reason));
    };
    why(s.refused, "needs SeSecurityPrivilege enabled");
    why(s.removed_mic, "removed by mandatory integrity control");
    for (const auto& [index, by_ace] : denials_)
      why(by_ace, fmt::format("denied by DACL ACE #{} {}", index,
                              ace_to_sddl(sd_.dacl()->aces[index], format_)));
    why(s.removed_restricted, "not granted to any restricting SID");
    why(s.removed_appcontainer, "not granted to any AppContainer SID of the token");
    why(left, "no ACE grants it to the token");
  }

 private:
  // "0x20007 (query|map-write|map-read|read-control)"
  std::string bits(AccessMask mask) const {
    return fmt::format("0x{:x} ({})", mask, describe_rights(mask, type_));
  }
  std::string sid_text(const Sid& sid) const { return principal_text(sid, names_, context_); }
  std::string sid_list(std::span<const Sid> sids) const {
    std::vector<std::string> texts;
    texts.reserve(sids.size());
    for (const Sid& s : sids) texts.push_back(sid_text(s));
    return detail::join(texts, ",");
  }
  std::string token_il() const { return integrity_level_name(token_.integrity_level); }
  static std::string condition_text(const ConditionResult& c) {
    std::string w = fmt::format("condition {}", to_string(c.value));
    if (!c.reason.empty()) w += fmt::format(" ({})", c.reason);
    return w;
  }
  std::string not_matched_reason(const Sid& sid) const {
    if (sid == sids::owner_rights)
      return "OW (OWNER RIGHTS) stands for the owner, and the caller is not the owner";
    switch (pass_) {
      case Pass::primary:
        if (token_.has_deny_sid(sid))
          return fmt::format("{} is deny-only in the token (it matches deny ACEs only)",
                             sid_text(sid));
        return fmt::format("{} is not in the token", sid_text(sid));
      case Pass::restricted:
        return fmt::format("{} is not a restricting SID", sid_text(sid));
      case Pass::appcontainer:
        return fmt::format("{} is not an AppContainer SID of the token", sid_text(sid));
    }
    return {};
  }
  static std::string_view pass_prefix(Pass pass) {
    switch (pass) {
      case Pass::primary: return "";
      case Pass::restricted: return "restricted check: ";
      case Pass::appcontainer: return "AppContainer check: ";
    }
    return "";
  }
  static TraceRule pass_rule(Pass pass) {
    switch (pass) {
      case Pass::primary: return TraceRule::dacl;
      case Pass::restricted: return TraceRule::restricted;
      case Pass::appcontainer: return TraceRule::appcontainer;
    }
    return TraceRule::dacl;
  }
  void add(TraceRule rule, TraceAction action, AccessMask mask, std::string text,
           std::optional<std::size_t> index = std::nullopt, std::string sddl = {}) {
    trace_.push_back(TraceEntry{rule, action, mask, index, std::move(sddl), std::move(text)});
  }
  // A line about the current DACL ACE.
  void add_ace(TraceAction action, AccessMask mask, std::string text) {
    add(pass_rule(pass_), action, mask, std::move(text), index_, sddl_);
  }

  const SecurityDescriptor& sd_;
  const Token& token_;
  ObjectType type_;
  const ObjectTypeInfo& info_;
  const SidContext& context_;
  std::span<const NamedPrincipal> names_;
  SddlFormatOptions format_;
  std::vector<TraceEntry> trace_;
  // The DACL ACE being walked: its pass, index, SDDL and the head of its lines.
  Pass pass_ = Pass::primary;
  std::size_t index_ = 0;
  std::string sddl_;
  std::string head_;
  // The primary walk's denials (ACE index, rights), for the verdict.
  std::vector<std::pair<std::size_t, AccessMask>> denials_;
};

// ---------------------------------------------------------------------------------------------
// The decision.

template <class Sink>
class Checker {
 public:
  Checker(const SecurityDescriptor& sd, const Token& token, ObjectType type, Sink& sink)
      : sd_(sd),
        token_(token),
        type_(type),
        map_(object_type_info(type).mapping),
        default_label_policy_(object_type_info(type).default_label_policy),
        sink_(sink),
        appcontainer_sids_(token.appcontainer_sids()) {}

  AccessCheckResult run(AccessMask desired);

 private:
  // What one run accumulates, step by step.
  struct State {
    AccessMask wanted = 0;      // the desired rights after generic mapping, MAXIMUM_ALLOWED aside
    bool max_mode = false;      // MAXIMUM_ALLOWED was asked for
    AccessMask mic = kAll;      // what Mandatory Integrity Control lets through
    AccessMask privileged = 0;  // granted by a privilege, whatever the DACL says
    AccessMask refused = 0;     // ACCESS_SYSTEM_SECURITY without SeSecurityPrivilege
    AccessMask rest = 0;        // what the DACL walks decide
    AccessMask granted = 0;
    AccessMask removed_restricted = 0;
    AccessMask removed_appcontainer = 0;
    AccessMask removed_mic = 0;
  };

  bool sid_in_pass(Pass pass, const Sid& sid) const;
  bool matches_allow(Pass pass, const Sid& sid) const;
  bool matches_deny(Pass pass, const Sid& sid) const;
  bool is_owner(Pass pass) const;

  // What conditions are evaluated against, built once per check (allow and deny ACEs see
  // different SIDs[]: MS Learn, "SDDL for conditional ACEs", Member_of).
  const ConditionContext& condition_context(bool deny_ace) {
    auto& slot = deny_ace ? deny_context_ : allow_context_;
    if (!slot) slot = make_condition_context(token_, sd_, deny_ace);
    return *slot;
  }

  // The steps of run(), in order.
  Label label_in_force();
  std::optional<Error> label_refusal(const Label& label) const;
  std::optional<std::pair<Error, std::size_t>> trust_or_filter_refusal() const;
  AccessMask mandatory_allowed(const Label& label);
  void apply_privileges(State& s);
  void check_restricted(State& s);
  void check_appcontainer(State& s);
  void apply_integrity(State& s);
  void give_verdict(const State& s, AccessCheckResult& result);

  // The steps of evaluate(), one walk of the DACL.
  PassOutcome evaluate(Pass pass, AccessMask wanted, bool max_mode);
  AccessMask owner_implied(Pass pass, std::span<const Ace> aces);
  bool ace_applies(Pass pass, const Ace& ace);
  bool condition_applies(const Ace& ace);
  bool apply_ace(const Ace& ace, AccessMask wanted, bool max_mode, PassOutcome& out);

  const SecurityDescriptor& sd_;
  const Token& token_;
  ObjectType type_;
  GenericMapping map_;
  AccessMask default_label_policy_;
  Sink& sink_;
  // Computed once: the AppContainer pass looks each ACE's SID up in it.
  const std::vector<Sid> appcontainer_sids_;
  std::optional<ConditionContext> allow_context_;
  std::optional<ConditionContext> deny_context_;
};

// Is `sid` one of the SIDs this pass matches ACEs against (for the primary pass: enabled)?
template <class Sink>
bool Checker<Sink>::sid_in_pass(Pass pass, const Sid& sid) const {
  switch (pass) {
    case Pass::primary:
      return token_.has_enabled_sid(sid);
    case Pass::restricted:
      return std::find(token_.restricted_sids.begin(), token_.restricted_sids.end(), sid) !=
             token_.restricted_sids.end();
    case Pass::appcontainer:
      return std::find(appcontainer_sids_.begin(), appcontainer_sids_.end(), sid) !=
             appcontainer_sids_.end();
  }
  return false;
}

template <class Sink>
bool Checker<Sink>::matches_allow(Pass pass, const Sid& sid) const {
  if (sid == sids::owner_rights) return is_owner(pass);
  return sid_in_pass(pass, sid);
}

// Deny ACEs also match the primary token's deny-only SIDs.
template <class Sink>
bool Checker<Sink>::matches_deny(Pass pass, const Sid& sid) const {
  if (pass == Pass::primary && sid != sids::owner_rights) return token_.has_deny_sid(sid);
  return matches_allow(pass, sid);
}

// MS-DTYP 2.5.3.2: "the owner of an object is always granted READ_CONTROL and WRITE_DAC" when
// SidInToken(owner). A deny-only SID does not make the caller the owner; in the second checks the
// owner must be one of that check's SIDs.
template <class Sink>
bool Checker<Sink>::is_owner(Pass pass) const {
  return sd_.owner() && sid_in_pass(pass, *sd_.owner());
}

// MS-DTYP 2.5.3.3 and MS Learn "Mandatory Integrity Control": the first label ACE of the SACL
// that applies to the object itself; without one the object counts as Medium with the type's
// default policy (NW; NW|NR for processes and threads).
template <class Sink>
Label Checker<Sink>::label_in_force() {
  if (sd_.sacl()) {
    const auto& aces = sd_.sacl()->aces;
    for (std::size_t i = 0; i < aces.size(); ++i) {
      const Ace& ace = aces[i];
      if (ace.type != AceType::system_mandatory_label) continue;
      if (ace.inherit_only()) {
        sink_.label_skipped(i);
        continue;
      }
      return Label{ace.sid, ace.mask & kLabelPolicyBits, i};
    }
  }
  return Label{sids::medium_integrity, default_label_policy_, std::nullopt};
}

// Process trust label (TL) and access filter (FL) ACEs. Microsoft documents their layout
// (ntifs.h: SYSTEM_PROCESS_TRUST_LABEL_ACE and SYSTEM_ACCESS_FILTER_ACE are Header, Mask and SID,
// FL's "Filter Condition follows the SID") but not how the access check applies them: MS-DTYP
// 2.5.3.2's algorithm does not name them, nor does any MS Learn page. Any verdict would be a
// guess, so the check gives none for a descriptor whose SACL holds one that applies to the
// object (an inherit-only ACE does not: MS-DTYP 2.5.3.2 skips INHERIT_ONLY ACEs).
template <class Sink>
std::optional<std::pair<Error, std::size_t>> Checker<Sink>::trust_or_filter_refusal() const {
  if (!sd_.sacl()) return std::nullopt;
  const auto& aces = sd_.sacl()->aces;
  for (std::size_t i = 0; i < aces.size(); ++i) {
    const Ace& ace = aces[i];
    const bool tl = ace.type == AceType::system_process_trust_label;
    if ((!tl && ace.type != AceType::system_access_filter) || ace.inherit_only()) continue;
    return std::pair{
        Error{ErrorCode::unsupported, Error::no_offset,
              fmt::format("SACL ACE #{} is {} ACE; no Microsoft source says how the access "
                          "check applies it (MS-DTYP 2.5.3.2 does not name it), so secdesc "
                          "gives no verdict",
                          i, tl ? "a process trust label (TL)" : "an access filter (FL)")},
        i};
  }
  return std::nullopt;
}

// The rights Mandatory Integrity Control lets a caller of the token's level have.
// Why the check cannot go on with this label, if it cannot. MS-DTYP 2.4.4.13: the label SID's
// identifier authority "must be SECURITY_MANDATORY_LABEL_AUTHORITY" and its RID is the level.
// Neither MS-DTYP 2.5.3.2 nor MS Learn says what Windows does with any other SID there (treat
// it as untrusted? ignore the ACE? reject the descriptor?), and the vectors hold no such
// descriptor, so there is nothing to emulate: reading its last sub-authority as a level, as
// this check once did, answered ALLOWED for a low-integrity writer under S:(ML;;NW;;;LU).
template <class Sink>
std::optional<Error> Checker<Sink>::label_refusal(const Label& label) const {
  if (is_integrity_sid(label.level)) return std::nullopt;
  const std::string where =
      label.index ? fmt::format("SACL ACE #{}", *label.index) : std::string("the label");
  return Error{ErrorCode::unsupported, Error::no_offset,
               fmt::format("the mandatory label ({}) has SID {}, which is not an integrity level "
                           "(S-1-16-N, MS-DTYP 2.4.4.13); no source says what Windows decides "
                           "then, so secdesc gives no verdict: label the object with LW, ME, "
                           "MP, HI or SI",
                           where, label.level.to_string())};
}

template <class Sink>
AccessMask Checker<Sink>::mandatory_allowed(const Label& label) {
  if ((token_.mandatory_policy & token_policy::no_write_up) == 0) {
    sink_.integrity_not_enforced();
    return kAll;
  }
  auto rid = [](const Sid& s) { return s.rid().value_or(0); };
  if (rid(token_.integrity_level) >= rid(label.level)) {
    sink_.integrity_not_below(label);
    return kAll;
  }
  if (label.policy == 0) {
    sink_.integrity_no_policy(label);
    return kAll;
  }
  const bool no_write = label.policy & rights::label_no_write_up;
  const bool no_read = label.policy & rights::label_no_read_up;
  const bool no_execute = label.policy & rights::label_no_execute_up;
  const AccessMask r = read_part(map_), w = write_part(map_), x = execute_part(map_);
  // Start from what a lower caller could ever get, then take away each blocked part except the
  // bits an unblocked part also holds.
  AccessMask allowed = no_write ? (map_.read | map_.execute | rights::read_control |
                                   rights::synchronize)
                                : kAll;
  const AccessMask open = (no_read ? 0 : r) | (no_write ? 0 : w) | (no_execute ? 0 : x);
  const AccessMask blocked = (no_read ? r : 0) | (no_write ? w : 0) | (no_execute ? x : 0);
  allowed &= ~(blocked & ~open);
  sink_.integrity_limits(label, allowed);
  if (token_.privilege_enabled(Privilege::relabel) && (allowed & rights::write_owner) == 0) {
    allowed |= rights::write_owner;
    sink_.relabel_keeps_write_owner();
  }
  return allowed;
}

// MS-DTYP 2.5.3.2 grants ACCESS_SYSTEM_SECURITY and WRITE_OWNER by privilege before the DACL.
template <class Sink>
void Checker<Sink>::apply_privileges(State& s) {
  if (s.wanted & rights::access_system_security) {
    if (token_.privilege_enabled(Privilege::security)) {
      s.privileged |= rights::access_system_security;
      sink_.security_privilege_granted();
    } else {
      s.refused |= rights::access_system_security;
      sink_.security_privilege_refused(std::any_of(
          token_.privileges.begin(), token_.privileges.end(),
          [](const TokenPrivilege& p) { return p.privilege == Privilege::security; }));
    }
  }
  if ((s.wanted & rights::write_owner || s.max_mode) &&
      token_.privilege_enabled(Privilege::take_ownership)) {
    s.privileged |= rights::write_owner;
    sink_.take_ownership_granted();
  }
}

// Restricted tokens: the DACL again, against the restricting SIDs; access is what both checks
// grant. Write-restricted tokens: only write rights are subject to the second check.
template <class Sink>
void Checker<Sink>::check_restricted(State& s) {
  if (!token_.is_restricted()) return;
  const AccessMask scope = token_.write_restricted ? write_only(map_) : kAll;
  sink_.restricted_start(scope);
  PassOutcome second;
  if (!s.max_mode && (s.rest & scope) == 0) {
    sink_.restricted_not_needed();
  } else {
    second = evaluate(Pass::restricted, s.rest & scope, s.max_mode);
  }
  s.removed_restricted = s.granted & ~s.privileged & scope & ~second.granted;
  s.granted &= ~s.removed_restricted;
  if (s.removed_restricted) sink_.restricted_removed(s.removed_restricted);
}

// AppContainer tokens: the DACL again, against the package and capability SIDs.
template <class Sink>
void Checker<Sink>::check_appcontainer(State& s) {
  if (!token_.is_appcontainer()) return;
  sink_.appcontainer_start();
  const PassOutcome second = evaluate(Pass::appcontainer, s.rest, s.max_mode);
  s.removed_appcontainer = s.granted & ~s.privileged & ~second.granted;
  s.granted &= ~s.removed_appcontainer;
  if (s.removed_appcontainer) sink_.appcontainer_removed(s.removed_appcontainer);
}

// Integrity last in the arithmetic (first in Windows; the result is the same).
template <class Sink>
void Checker<Sink>::apply_integrity(State& s) {
  s.removed_mic = s.granted & ~s.mic;
  s.granted &= s.mic;
  if (s.removed_mic) sink_.integrity_removed(s.removed_mic);
}

template <class Sink>
void Checker<Sink>::give_verdict(const State& s, AccessCheckResult& result) {
  result.granted = s.granted;
  const AccessMask missing = s.wanted & ~s.granted;
  result.allowed = missing == 0 && (!s.max_mode || s.granted != 0);
  if (result.allowed) {
    sink_.allowed(s.granted);
  } else if (missing == 0) {
    sink_.nothing_to_grant();
  } else {
    sink_.denied(Shortfall{missing, s.refused, s.removed_mic, s.removed_restricted,
                           s.removed_appcontainer});
  }
}

// The owner's implied READ_CONTROL and WRITE_DAC, unless OWNER RIGHTS ACEs replace them.
template <class Sink>
AccessMask Checker<Sink>::owner_implied(Pass pass, std::span<const Ace> aces) {
  if (!is_owner(pass)) return 0;
  const bool owner_rights_aces = std::any_of(aces.begin(), aces.end(), [](const Ace& a) {
    return a.sid == sids::owner_rights && !a.inherit_only() && (a.is_allow() || a.is_deny());
  });
  if (owner_rights_aces) {
    sink_.owner_left_to_owner_rights(pass);
    return 0;
  }
  sink_.owner_implied(pass, kOwnerImplied);
  return kOwnerImplied;
}

// Does the ACE take part in this walk? The sink hears why not.
template <class Sink>
bool Checker<Sink>::ace_applies(Pass pass, const Ace& ace) {
  if (ace.inherit_only()) {
    sink_.ace_skipped("inherit-only, it applies to child objects only");
    return false;
  }
  if (!ace.is_allow() && !ace.is_deny()) {
    sink_.ace_skipped("not an allow or deny ACE");
    return false;
  }
  if (ace.is_callback() && !ace.condition) {
    // Callback data that is not a conditional expression means what the resource manager's
    // callback says. The safe reading never grants more than Windows could: the allow does
    // not apply, the deny does.
    if (ace.is_allow()) {
      sink_.ace_skipped(
          "callback ACE without a conditional expression: only its resource manager can "
          "evaluate it, so it grants nothing here");
      return false;
    }
    sink_.ace_callback_applies();
  }
  if (ace.is_object() && ace.object_type) {
    sink_.ace_skipped(
        "object ACE for one property or child class: it needs an object-type list, which this "
        "check does not take");
    return false;
  }
  if (!(ace.is_allow() ? matches_allow(pass, ace.sid) : matches_deny(pass, ace.sid))) {
    sink_.ace_not_matched(ace.sid);
    return false;
  }
  return !ace.condition || condition_applies(ace);
}

// MS-DTYP 2.4.4.17.3: an allow ACE applies when its condition is TRUE; a deny ACE when it is TRUE
// or UNKNOWN.
template <class Sink>
bool Checker<Sink>::condition_applies(const Ace& ace) {
  const ConditionResult c = evaluate_condition(*ace.condition, condition_context(ace.is_deny()));
  const bool applies = ace.is_allow() ? c.value == Truth::true_value
                                      : c.value != Truth::false_value;
  if (applies)
    sink_.ace_condition_holds(c);
  else
    sink_.ace_condition_failed(ace, c);
  return applies;
}

// Applies an ACE that takes part in the walk to the rights not yet decided. True when the walk
// ends here: a deny ACE refused a wanted right (without MAXIMUM_ALLOWED).
template <class Sink>
bool Checker<Sink>::apply_ace(const Ace& ace, AccessMask wanted, bool max_mode,
                              PassOutcome& out) {
  // MS Learn "SACL Access Right": ACCESS_SYSTEM_SECURITY is not valid in a DACL, only the
  // privilege grants it.
  const AccessMask mask = map_generic(ace.mask, map_) & ~rights::maximum_allowed &
                          ~rights::access_system_security;
  const AccessMask fresh = mask & ~out.granted & ~out.denied;
  if (!fresh) {
    sink_.ace_already_decided(ace);
    return false;
  }
  if (ace.is_allow()) {
    out.granted |= fresh;
    sink_.ace_granted(fresh);
    return false;
  }
  out.denied |= fresh;
  const bool stops = !max_mode && (fresh & wanted) != 0;
  sink_.ace_denied(fresh, stops);
  return stops;
}

// One walk of the DACL for one set of SIDs (MS-DTYP 2.5.3.2). Each right is decided by the first
// ACE that names it: an allow ACE grants it, a deny ACE denies it; later ACEs cannot change that.
// Without MAXIMUM_ALLOWED the walk stops, as Windows does, when every wanted right is granted or
// when a deny ACE names a wanted right not yet granted.
template <class Sink>
PassOutcome Checker<Sink>::evaluate(Pass pass, AccessMask wanted, bool max_mode) {
  PassOutcome out;
  if (sd_.dacl_state() != AclState::present) {
    out.granted = map_.all | wanted;
    sink_.dacl_grants_everything(pass, out.granted);
    return out;
  }
  const std::span<const Ace> aces = sd_.dacl()->aces;
  out.granted |= owner_implied(pass, aces);
  if (aces.empty()) {
    sink_.dacl_empty(pass);
    return out;
  }
  auto done = [&] { return !max_mode && (wanted & ~out.granted) == 0; };
  if (done()) {
    sink_.dacl_not_read(pass);
    return out;
  }
  for (std::size_t i = 0; i < aces.size(); ++i) {
    sink_.ace_begin(pass, i);
    const Ace& ace = aces[i];
    if (!ace_applies(pass, ace)) continue;
    if (apply_ace(ace, wanted, max_mode, out)) return out;
    if (done()) {
      if (i + 1 < aces.size()) sink_.later_aces_not_read(pass);
      return out;
    }
  }
  return out;
}

template <class Sink>
AccessCheckResult Checker<Sink>::run(AccessMask desired) {
  AccessCheckResult result;
  const AccessMask mapped = map_generic(desired, map_);
  result.desired = mapped;
  State s;
  s.max_mode = (mapped & rights::maximum_allowed) != 0;
  s.wanted = mapped & ~rights::maximum_allowed;
  sink_.request(desired, mapped, s.max_mode);

  // 0. Process trust label (TL) and access filter (FL) ACEs: no verdict (trust_or_filter_refusal
  //    says why; docs/access-check.md).
  if (auto refusal = trust_or_filter_refusal()) {
    sink_.trust_or_filter_refused(refusal->second, refusal->first);
    result.refusal = std::move(refusal->first);
    return result;  // allowed false, granted 0
  }
  // 1. Mandatory Integrity Control: a mask over everything granted below.
  const Label label = label_in_force();
  sink_.label_in_force(label);
  if (auto refusal = label_refusal(label)) {
    sink_.label_not_integrity(label, *refusal);
    result.refusal = std::move(refusal);
    return result;  // allowed false, granted 0
  }
  s.mic = mandatory_allowed(label);
  // 2. Privileges (MS-DTYP 2.5.3.2, before the DACL).
  apply_privileges(s);
  s.rest = s.wanted & ~s.privileged & ~s.refused;
  // 3. The DACL against the token's user and groups. Without MAXIMUM_ALLOWED only the desired
  //    rights count from here on.
  const PassOutcome primary = evaluate(Pass::primary, s.rest, s.max_mode);
  s.granted = (primary.granted | s.privileged) & (s.max_mode ? kAll : s.wanted);
  // 4, 5. The second checks take away what their SIDs are not granted.
  check_restricted(s);
  check_appcontainer(s);
  // 6. Integrity.
  apply_integrity(s);
  // 7. The verdict.
  give_verdict(s, result);
  return result;
}

}  // namespace

std::string_view to_string(TraceRule rule) noexcept {
  switch (rule) {
    case TraceRule::request: return "request";
    case TraceRule::token: return "token";
    case TraceRule::integrity: return "integrity";
    case TraceRule::privilege: return "privilege";
    case TraceRule::owner: return "owner";
    case TraceRule::dacl: return "dacl";
    case TraceRule::restricted: return "restricted";
    case TraceRule::appcontainer: return "appcontainer";
    case TraceRule::result: return "result";
  }
  return "?";
}

std::string_view to_string(TraceAction action) noexcept {
  switch (action) {
    case TraceAction::info: return "info";
    case TraceAction::granted: return "granted";
    case TraceAction::denied: return "denied";
    case TraceAction::removed: return "removed";
    case TraceAction::skipped: return "skipped";
  }
  return "?";
}

AccessMask AccessCheckResult::missing() const noexcept {
  return desired & ~rights::maximum_allowed & ~granted;
}

std::string AccessCheckResult::trace_text() const {
  std::string out;
  for (const auto& e : trace) {
    out += e.text;
    out += '\n';
  }
  return out;
}

AccessMask write_only_rights(ObjectType type) noexcept {
  return write_only(object_type_info(type).mapping);
}

AccessCheckResult access_check(const SecurityDescriptor& sd, const Token& token,
                               AccessMask desired, ObjectType type,
                               const AccessCheckOptions& options) {
  if (!options.trace) {
    NullTrace sink;
    return Checker<NullTrace>(sd, token, type, sink).run(desired);
  }
  TraceRecorder sink(sd, token, type, options.context, options.names);
  AccessCheckResult result = Checker<TraceRecorder>(sd, token, type, sink).run(desired);
  result.trace = sink.take();
  return result;
}

}  // namespace secdesc
