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
#include "secdesc/access_check.hpp"

#include <algorithm>
#include <type_traits>

#include <fmt/format.h>

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

std::string_view policy_letters(AccessMask policy) {
  static constexpr std::string_view names[8] = {"none",  "NW",    "NR",    "NWNR",
                                                "NX",    "NWNX",  "NRNX",  "NWNRNX"};
  return names[policy & 7];
}

enum class Pass : std::uint8_t { primary, restricted, appcontainer };

struct PassOutcome {
  AccessMask granted = 0;
  AccessMask denied = 0;
  std::vector<std::pair<std::size_t, AccessMask>> denials;  // ACE index, bits
};

struct Label {
  Sid level;
  AccessMask policy = 0;
  std::optional<std::size_t> index;
  std::string sddl;
};

class Checker {
 public:
  Checker(const SecurityDescriptor& sd, const Token& token, ObjectType type,
          const AccessCheckOptions& options)
      : sd_(sd),
        token_(token),
        type_(type),
        info_(object_type_info(type)),
        map_(info_.mapping),
        // The SDDL options and the SID context only serve the trace.
        format_{options.trace ? options.context : SidContext{}, sddl_parts::all},
        context_(options.trace ? options.context : SidContext{}),
        tracing_(options.trace),
        appcontainer_sids_(token.appcontainer_sids()) {}

  AccessCheckResult run(AccessMask desired);

 private:
  // "0x20007 (query|map-write|map-read|read-control)"
  std::string bits(AccessMask mask) const {
    return fmt::format("0x{:x} ({})", mask, describe_rights(mask, type_));
  }
  std::string sid_text(const Sid& sid) const {
    if (auto alias = sid_alias(sid, context_)) return std::string(*alias);
    return sid.to_string();
  }
  // Called only when tracing_: the callers skip building the text otherwise.
  void add(TraceRule rule, TraceAction action, AccessMask mask, std::string text,
           std::optional<std::size_t> index = std::nullopt, std::string sddl = {}) {
    trace_.push_back(TraceEntry{rule, action, mask, index, std::move(sddl), std::move(text)});
  }

  bool matches_allow(Pass pass, const Sid& sid) const;
  bool matches_deny(Pass pass, const Sid& sid) const;
  bool is_owner(Pass pass) const;
  std::string not_matched_reason(Pass pass, const Sid& sid) const;
  std::string_view pass_prefix(Pass pass) const;
  TraceRule pass_rule(Pass pass) const;

  // What conditions are evaluated against, built once per check (allow and deny ACEs see
  // different SIDs[]: MS Learn, "SDDL for conditional ACEs", Member_of).
  const ConditionContext& condition_context(bool deny_ace) {
    auto& slot = deny_ace ? deny_context_ : allow_context_;
    if (!slot) slot = make_condition_context(token_, sd_, deny_ace);
    return *slot;
  }

  Label label_in_force();
  AccessMask mandatory_allowed();
  PassOutcome evaluate(Pass pass, AccessMask wanted, bool max_mode);

  const SecurityDescriptor& sd_;
  const Token& token_;
  ObjectType type_;
  const ObjectTypeInfo& info_;
  GenericMapping map_;
  SddlFormatOptions format_;
  SidContext context_;
  const bool tracing_;
  // Computed once: the AppContainer pass looks each ACE's SID up in it.
  const std::vector<Sid> appcontainer_sids_;
  std::vector<TraceEntry> trace_;
  std::optional<ConditionContext> allow_context_;
  std::optional<ConditionContext> deny_context_;
};

bool Checker::matches_allow(Pass pass, const Sid& sid) const {
  if (sid == sids::owner_rights) return is_owner(pass);
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

bool Checker::matches_deny(Pass pass, const Sid& sid) const {
  if (pass == Pass::primary && sid != sids::owner_rights) return token_.has_deny_sid(sid);
  return matches_allow(pass, sid);
}

// MS-DTYP 2.5.3.2: "the owner of an object is always granted READ_CONTROL and WRITE_DAC" when
// SidInToken(owner). A deny-only SID does not make the caller the owner; in the second checks the
// owner must be one of that check's SIDs.
bool Checker::is_owner(Pass pass) const {
  if (!sd_.owner()) return false;
  const Sid& owner = *sd_.owner();
  switch (pass) {
    case Pass::primary:
      return token_.has_enabled_sid(owner);
    case Pass::restricted:
      return std::find(token_.restricted_sids.begin(), token_.restricted_sids.end(), owner) !=
             token_.restricted_sids.end();
    case Pass::appcontainer:
      return std::find(appcontainer_sids_.begin(), appcontainer_sids_.end(), owner) !=
             appcontainer_sids_.end();
  }
  return false;
}

std::string Checker::not_matched_reason(Pass pass, const Sid& sid) const {
  if (sid == sids::owner_rights)
    return "OW (OWNER RIGHTS) stands for the owner, and the caller is not the owner";
  switch (pass) {
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

std::string_view Checker::pass_prefix(Pass pass) const {
  switch (pass) {
    case Pass::primary: return "";
    case Pass::restricted: return "restricted check: ";
    case Pass::appcontainer: return "AppContainer check: ";
  }
  return "";
}

TraceRule Checker::pass_rule(Pass pass) const {
  switch (pass) {
    case Pass::primary: return TraceRule::dacl;
    case Pass::restricted: return TraceRule::restricted;
    case Pass::appcontainer: return TraceRule::appcontainer;
  }
  return TraceRule::dacl;
}

// MS-DTYP 2.5.3.3 and MS Learn "Mandatory Integrity Control": the first label ACE of the SACL
// that applies to the object itself; without one the object counts as Medium with the type's
// default policy (NW; NW|NR for processes and threads).
Label Checker::label_in_force() {
  if (sd_.sacl()) {
    const auto& aces = sd_.sacl()->aces;
    for (std::size_t i = 0; i < aces.size(); ++i) {
      const Ace& ace = aces[i];
      if (ace.type != AceType::system_mandatory_label) continue;
      std::string sddl = tracing_ ? ace_to_sddl(ace, format_) : std::string();
      if (ace.inherit_only()) {
        if (tracing_) add(TraceRule::integrity, TraceAction::skipped, 0,
            fmt::format("SACL ACE #{} {}: skipped: inherit-only label, it applies to child "
                        "objects only",
                        i, sddl),
            i, sddl);
        continue;
      }
      return Label{ace.sid, ace.mask & 7, i, std::move(sddl)};
    }
  }
  return Label{sids::medium_integrity, info_.default_label_policy, std::nullopt, {}};
}

AccessMask Checker::mandatory_allowed() {
  Label label = label_in_force();
  std::string token_il, object_il;
  if (tracing_) {
    token_il = integrity_level_name(token_.integrity_level);
    object_il = integrity_level_name(label.level);
  }
  if (label.index) {
    if (tracing_) add(TraceRule::integrity, TraceAction::info, 0,
        fmt::format("mandatory label: SACL ACE #{} {}: object integrity {}, policy {}",
                    *label.index, label.sddl, object_il, policy_letters(label.policy)),
        label.index, label.sddl);
  } else {
    if (tracing_) add(TraceRule::integrity, TraceAction::info, 0,
        fmt::format("mandatory label: none in the SACL, so the object counts as {} with the {} "
                    "default policy {}",
                    object_il, info_.name, policy_letters(label.policy)));
  }
  if ((token_.mandatory_policy & token_policy::no_write_up) == 0) {
    if (tracing_) add(TraceRule::integrity, TraceAction::info, 0,
        "integrity: not enforced: the token's mandatory policy lacks NO_WRITE_UP "
        "(TOKEN_MANDATORY_POLICY_OFF)");
    return kAll;
  }
  auto rid = [](const Sid& s) { return s.rid().value_or(0); };
  if (rid(token_.integrity_level) >= rid(label.level)) {
    if (tracing_) add(TraceRule::integrity, TraceAction::info, 0,
        fmt::format("integrity: token {} is not below object {}: no restriction", token_il,
                    object_il));
    return kAll;
  }
  if (label.policy == 0) {
    if (tracing_) add(TraceRule::integrity, TraceAction::info, 0,
        fmt::format("integrity: token {} is below object {}, but the label sets no policy: no "
                    "restriction",
                    token_il, object_il));
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
  const AccessMask shown = defined_rights(type_) & ~rights::generic_any & ~rights::maximum_allowed;
  if (tracing_) add(TraceRule::integrity, TraceAction::info, 0,
      fmt::format("integrity: token {} is below object {} and the policy is {}: a lower caller "
                  "gets at most {}",
                  token_il, object_il, policy_letters(label.policy), bits(allowed & shown)));
  if (token_.privilege_enabled(Privilege::relabel) && (allowed & rights::write_owner) == 0) {
    allowed |= rights::write_owner;
    if (tracing_) add(TraceRule::integrity, TraceAction::info, 0,
        "integrity: SeRelabelPrivilege keeps write-owner (MS-DTYP 2.5.3.3)");
  }
  return allowed;
}

// One walk of the DACL for one set of SIDs (MS-DTYP 2.5.3.2). Each right is decided by the first
// ACE that names it: an allow ACE grants it, a deny ACE denies it; later ACEs cannot change that.
// Without MAXIMUM_ALLOWED the walk stops, as Windows does, when every wanted right is granted or
// when a deny ACE names a wanted right not yet granted.
PassOutcome Checker::evaluate(Pass pass, AccessMask wanted, bool max_mode) {
  PassOutcome out;
  const TraceRule rule = pass_rule(pass);
  const std::string_view prefix = pass_prefix(pass);
  if (sd_.dacl_state() != AclState::present) {
    out.granted = map_.all | wanted;
    if (tracing_) add(rule, TraceAction::granted, out.granted,
        fmt::format("{}{} DACL: no policy, every right is granted: {}", prefix,
                    sd_.dacl_state() == AclState::null ? "NULL" : "no", bits(out.granted)));
    return out;
  }
  const auto& aces = sd_.dacl()->aces;
  const bool owner_rights_aces = std::any_of(aces.begin(), aces.end(), [](const Ace& a) {
    return a.sid == sids::owner_rights && !a.inherit_only() && (a.is_allow() || a.is_deny());
  });
  if (is_owner(pass)) {
    const std::string owner = tracing_ ? sid_text(*sd_.owner()) : std::string();
    if (owner_rights_aces) {
      if (tracing_) add(TraceRule::owner, TraceAction::info, 0,
          fmt::format("{}owner {} is the caller, but the DACL has OWNER RIGHTS (OW) ACEs: they "
                      "decide instead of the implied read-control|write-dac",
                      prefix, owner));
    } else {
      out.granted |= kOwnerImplied;
      if (tracing_) add(TraceRule::owner, TraceAction::granted, kOwnerImplied,
          fmt::format("{}owner {} is the caller: implied {}", prefix, owner, bits(kOwnerImplied)));
    }
  }
  if (tracing_ && aces.empty())
    add(rule, TraceAction::info, 0,
        fmt::format("{}empty DACL: no ACE grants anything", prefix));
  auto done = [&] { return !max_mode && (wanted & ~out.granted) == 0; };
  if (done() && !aces.empty()) {
    if (tracing_) add(rule, TraceAction::info, 0,
        fmt::format("{}every desired right is already granted: the DACL is not read", prefix));
    return out;
  }
  for (std::size_t i = 0; i < aces.size(); ++i) {
    const Ace& ace = aces[i];
    // The ACE's text and the head of its trace lines, only when a trace is wanted.
    std::string sddl, head;
    if (tracing_) {
      sddl = ace_to_sddl(ace, format_);
      head = fmt::format("{}DACL ACE #{} {}", prefix, i, sddl);
    }
    // `why` is the reason, or a callable that makes it (formatted only for a trace).
    auto skip = [&](auto&& why) {
      if (!tracing_) return;
      std::string reason;
      if constexpr (std::is_invocable_v<decltype(why)>)
        reason = why();
      else
        reason = why;
      add(rule, TraceAction::skipped, 0, fmt::format("{}: skipped: {}", head, reason), i, sddl);
    };
    if (ace.inherit_only()) {
      skip("inherit-only, it applies to child objects only");
      continue;
    }
    if (!ace.is_allow() && !ace.is_deny()) {
      skip("not an allow or deny ACE");
      continue;
    }
    if (ace.is_callback() && !ace.condition) {
      // Callback data that is not a conditional expression means what the resource manager's
      // callback says. The safe reading never grants more than Windows could: the allow does
      // not apply, the deny does.
      if (ace.is_allow()) {
        skip("callback ACE without a conditional expression: only its resource manager "
             "can evaluate it, so it grants nothing here");
        continue;
      }
      if (tracing_)
        head += " (callback ACE without a conditional expression: treated as applying)";
    }
    if (ace.is_object() && ace.object_type) {
      skip("object ACE for one property or child class: it needs an object-type list, "
           "which this check does not take");
      continue;
    }
    const bool applies = ace.is_allow() ? matches_allow(pass, ace.sid) : matches_deny(pass, ace.sid);
    if (!applies) {
      skip([&] { return not_matched_reason(pass, ace.sid); });
      continue;
    }
    if (ace.condition) {
      // MS-DTYP 2.4.4.17.3: an allow ACE applies when its condition is TRUE; a deny ACE when it
      // is TRUE or UNKNOWN.
      const ConditionResult c = evaluate_condition(*ace.condition, condition_context(ace.is_deny()));
      auto what = [&] {
        std::string w = fmt::format("condition {}", to_string(c.value));
        if (!c.reason.empty()) w += fmt::format(" ({})", c.reason);
        return w;
      };
      if (ace.is_allow() && c.value != Truth::true_value) {
        skip([&] { return what() + ": an allow ACE applies only when its condition is TRUE"; });
        continue;
      }
      if (ace.is_deny() && c.value == Truth::false_value) {
        skip([&] {
          return what() + ": a deny ACE applies only when its condition is TRUE or UNKNOWN";
        });
        continue;
      }
      if (tracing_)
        head += c.value == Truth::unknown
                    ? fmt::format(" ({}: a deny ACE applies when its condition is UNKNOWN)",
                                  what())
                    : fmt::format(" ({})", what());
    }
    AccessMask mask = map_generic(ace.mask, map_) & ~rights::maximum_allowed;
    if (mask & rights::access_system_security) {
      // MS Learn "SACL Access Right": not valid in a DACL, only the privilege grants it.
      mask &= ~rights::access_system_security;
    }
    const AccessMask fresh = mask & ~out.granted & ~out.denied;
    if (ace.is_allow()) {
      out.granted |= fresh;
      if (!tracing_) {
      } else if (fresh) {
        add(rule, TraceAction::granted, fresh, fmt::format("{}: grants {}", head, bits(fresh)), i,
            sddl);
      } else {
        add(rule, TraceAction::info, 0,
            fmt::format("{}: applies, but its rights were already decided", head), i, sddl);
      }
    } else {
      out.denied |= fresh;
      if (fresh) out.denials.emplace_back(i, fresh);
      const AccessMask hit = fresh & wanted;
      if (fresh && !max_mode && hit) {
        if (tracing_)
          add(rule, TraceAction::denied, fresh,
              fmt::format("{}: denies {}: a desired right is denied, the check stops here", head,
                          bits(fresh)),
              i, sddl);
        return out;
      }
      if (!tracing_) {
      } else if (fresh) {
        add(rule, TraceAction::denied, fresh, fmt::format("{}: denies {}", head, bits(fresh)), i,
            sddl);
      } else {
        add(rule, TraceAction::info, 0,
            fmt::format("{}: applies, but its rights were already granted", head), i, sddl);
      }
    }
    if (done()) {
      if (tracing_ && i + 1 < aces.size())
        add(rule, TraceAction::info, 0,
            fmt::format("{}every desired right is granted: later ACEs are not read", prefix));
      return out;
    }
  }
  return out;
}

AccessCheckResult Checker::run(AccessMask desired) {
  AccessCheckResult result;
  const AccessMask mapped = map_generic(desired, map_);
  const bool max_mode = (mapped & rights::maximum_allowed) != 0;
  const AccessMask wanted = mapped & ~rights::maximum_allowed;
  result.desired = mapped;

  if (tracing_) {
    std::string request = fmt::format("request: {} on a {}", bits(desired), info_.name);
    if (mapped != desired) request += fmt::format(", after generic mapping {}", bits(mapped));
    if (max_mode)
      request += "; MAXIMUM_ALLOWED: every ACE is read and all grantable rights count";
    add(TraceRule::request, TraceAction::info, 0, std::move(request));
    add(TraceRule::token, TraceAction::info, 0, "token: " + describe_token(token_, context_));
  }

  // 1. Mandatory Integrity Control: a mask over everything granted below.
  const AccessMask mic = mandatory_allowed();

  // 2. Privileges (MS-DTYP 2.5.3.2, before the DACL).
  AccessMask privileged = 0;
  AccessMask refused = 0;
  if (wanted & rights::access_system_security) {
    if (token_.privilege_enabled(Privilege::security)) {
      privileged |= rights::access_system_security;
      if (tracing_) add(TraceRule::privilege, TraceAction::granted, rights::access_system_security,
          "privilege: SeSecurityPrivilege grants access-system-security");
    } else {
      refused |= rights::access_system_security;
      const bool held = std::any_of(
          token_.privileges.begin(), token_.privileges.end(),
          [](const TokenPrivilege& p) { return p.privilege == Privilege::security; });
      if (tracing_) add(TraceRule::privilege, TraceAction::denied, rights::access_system_security,
          held ? "privilege: access-system-security needs SeSecurityPrivilege enabled; the token "
                 "holds it disabled"
               : "privilege: access-system-security needs SeSecurityPrivilege, which the token "
                 "does not hold");
    }
  }
  if ((wanted & rights::write_owner || max_mode) &&
      token_.privilege_enabled(Privilege::take_ownership)) {
    privileged |= rights::write_owner;
    if (tracing_) add(TraceRule::privilege, TraceAction::granted, rights::write_owner,
        "privilege: SeTakeOwnershipPrivilege grants write-owner");
  }
  const AccessMask rest = wanted & ~privileged & ~refused;

  // 3. The DACL against the token's user and groups.
  PassOutcome primary = evaluate(Pass::primary, rest, max_mode);
  // Without MAXIMUM_ALLOWED only the desired rights count from here on.
  const AccessMask interest = max_mode ? kAll : wanted;
  AccessMask granted = (primary.granted | privileged) & interest;

  // 4. Restricted tokens: the DACL again, against the restricting SIDs; access is what both
  //    checks grant. Write-restricted tokens: only write rights are subject to the second check.
  AccessMask removed_restricted = 0;
  if (token_.is_restricted()) {
    const AccessMask scope = token_.write_restricted ? write_only(map_) : kAll;
    std::string sids;
    if (tracing_)
      for (const Sid& s : token_.restricted_sids) sids += (sids.empty() ? "" : ",") + sid_text(s);
    if (tracing_) add(TraceRule::restricted, TraceAction::info, 0,
        token_.write_restricted
            ? fmt::format("restricted check: write-restricted token, restricting SIDs {}; only "
                          "write rights {} are subject to it",
                          sids, bits(scope & defined_rights(type_) & ~rights::generic_any))
            : fmt::format("restricted check: restricting SIDs {}; access is what both checks "
                          "grant",
                          sids));
    PassOutcome second;
    if (!max_mode && (rest & scope) == 0) {
      if (tracing_)
        add(TraceRule::restricted, TraceAction::info, 0,
            "restricted check: no desired right is subject to it");
    } else {
      second = evaluate(Pass::restricted, rest & scope, max_mode);
    }
    removed_restricted = granted & ~privileged & scope & ~second.granted;
    granted &= ~removed_restricted;
    if (tracing_ && removed_restricted)
      add(TraceRule::restricted, TraceAction::removed, removed_restricted,
          fmt::format("restricted check: the restricting SIDs are not granted {}",
                      bits(removed_restricted)));
  }

  // 5. AppContainer tokens: the DACL again, against the package and capability SIDs.
  AccessMask removed_appcontainer = 0;
  if (token_.is_appcontainer()) {
    std::string sids;
    if (tracing_)
      for (const Sid& s : token_.appcontainer_sids())
        sids += (sids.empty() ? "" : ",") + sid_text(s);
    if (tracing_) add(TraceRule::appcontainer, TraceAction::info, 0,
        fmt::format("AppContainer check: SIDs {}; access is what both checks grant", sids));
    PassOutcome second = evaluate(Pass::appcontainer, rest, max_mode);
    removed_appcontainer = granted & ~privileged & ~second.granted;
    granted &= ~removed_appcontainer;
    if (tracing_ && removed_appcontainer)
      add(TraceRule::appcontainer, TraceAction::removed, removed_appcontainer,
          fmt::format("AppContainer check: the AppContainer SIDs are not granted {}",
                      bits(removed_appcontainer)));
  }

  // 6. Integrity last in the arithmetic (first in Windows; the result is the same).
  const AccessMask removed_mic = granted & ~mic;
  granted &= mic;
  if (tracing_ && removed_mic)
    add(TraceRule::integrity, TraceAction::removed, removed_mic,
        fmt::format("integrity: removes {}", bits(removed_mic)));

  // 7. The verdict.
  result.granted = granted;
  const AccessMask missing = wanted & ~granted;
  result.allowed = missing == 0 && (!max_mode || granted != 0);
  if (result.allowed) {
    if (tracing_) add(TraceRule::result, TraceAction::info, 0,
        fmt::format("result: ALLOWED: granted {}", bits(result.granted)));
  } else if (missing == 0) {
    if (tracing_) add(TraceRule::result, TraceAction::info, 0,
        "result: DENIED: MAXIMUM_ALLOWED found no right to grant");
  } else if (tracing_) {
    add(TraceRule::result, TraceAction::info, missing,
        fmt::format("result: DENIED: missing {}", bits(missing)));
    AccessMask left = missing;
    auto why = [&](AccessMask part, const std::string& reason) {
      part &= left;
      if (!part) return;
      left &= ~part;
      add(TraceRule::result, TraceAction::info, part, fmt::format("  {}: {}", bits(part), reason));
    };
    why(refused, "needs SeSecurityPrivilege enabled");
    why(removed_mic, "removed by mandatory integrity control");
    for (const auto& [index, denied] : primary.denials)
      why(denied, fmt::format("denied by DACL ACE #{} {}", index,
                              ace_to_sddl(sd_.dacl()->aces[index], format_)));
    why(removed_restricted, "not granted to any restricting SID");
    why(removed_appcontainer, "not granted to any AppContainer SID of the token");
    why(left, "no ACE grants it to the token");
  }
  result.trace = std::move(trace_);
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

AccessCheckResult access_check(const SecurityDescriptor& sd, const Token& token,
                               AccessMask desired, ObjectType type,
                               const AccessCheckOptions& options) {
  return Checker(sd, token, type, options).run(desired);
}

}  // namespace secdesc
