// Access diff: run the access check for the same callers on both descriptors and compare the
// granted masks (docs/review.md).
#include "secdesc/access_diff.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "secdesc/access_check.hpp"
#include "secdesc/principal_names.hpp"

namespace secdesc {
namespace {

// The user SID of the caller that holds none of the descriptors' SIDs: a RID of the documented
// example domain that no preset uses (token.hpp); if a DACL names it, it is one more SID probed.
constexpr Sid kNobody{5, {21, 1000000000, 2000000000, 3000000000, 999999}};

void add_unique(std::vector<Sid>& list, const Sid& sid) {
  if (std::find(list.begin(), list.end(), sid) == list.end()) list.push_back(sid);
}

// Every ACE SID of the DACL and the owner (owners get READ_CONTROL and WRITE_DAC implicitly).
void collect_sids(const SecurityDescriptor& sd, std::vector<Sid>& principals,
                  std::vector<Sid>& capabilities) {
  if (sd.owner()) add_unique(principals, *sd.owner());
  if (!sd.dacl()) return;
  for (const Ace& ace : sd.dacl()->aces) {
    if (is_capability_sid(ace.sid)) {
      add_unique(capabilities, ace.sid);
    } else {
      add_unique(principals, ace.sid);
    }
  }
}

// The alias, else the name the policy wrote ("S-1-5-80-... (NT SERVICE\\AcmeSync)"), else the
// SID string: principal_text, as the access check's trace writes SIDs.
std::string sid_name(const Sid& sid, const SidContext& context,
                     std::span<const NamedPrincipal> names) {
  return principal_text(sid, names, context);
}

std::string level_name(const Sid& level) { return integrity_level_name(level); }

// The integrity levels at which a label's effect changes: each label's level and the level just
// below it (a caller is limited exactly when its level is lower). An unlabelled object counts as
// Medium (the type's default policy), so Medium and just below it are probed too.
std::vector<Sid> probe_levels(const SecurityDescriptor& a, const SecurityDescriptor& b) {
  std::vector<Sid> levels{sids::medium_integrity};
  auto add_around = [&](const Sid& level) {
    if (level.authority() != sid_authority::mandatory_label || level.sub_authority_count() != 1)
      return;  // not an integrity level: diff_access reports the refusal
    add_unique(levels, level);
    const std::uint32_t rid = *level.rid();
    if (rid > 0) add_unique(levels, Sid{sid_authority::mandatory_label, {rid - 1}});
  };
  add_around(sids::medium_integrity);
  for (const SecurityDescriptor* sd : {&a, &b}) {
    if (auto label = sd->mandatory_label()) add_around(label->level);
  }
  return levels;
}

// A token holding exactly these SIDs (the first as user, the second as an enabled group) at
// `level`, no privileges, no restrictions: what the DACL alone gives them.
Token sid_token(const Sid& user, const std::optional<Sid>& group, const Sid& level) {
  Token t;
  t.user = user;
  if (group) t.groups.push_back(TokenGroup{*group});
  t.integrity_level = level;
  t.mandatory_policy = token_policy::no_write_up;
  return t;
}

// The trace lines that decide: those that grant, deny or remove rights, and the verdict.
std::vector<std::string> deciding_lines(const AccessCheckResult& r) {
  std::vector<std::string> lines;
  for (const TraceEntry& e : r.trace) {
    const bool acts = e.action == TraceAction::granted || e.action == TraceAction::denied ||
                      e.action == TraceAction::removed;
    if (acts || e.rule == TraceRule::result) lines.push_back(e.text);
  }
  return lines;
}

// Whether an entry is an ACE of a DACL walk (the primary, restricted or AppContainer pass)
// granting rights.
bool grants_by_ace(const TraceEntry& e) {
  return e.action == TraceAction::granted && e.ace_index &&
         (e.rule == TraceRule::dacl || e.rule == TraceRule::restricted ||
          e.rule == TraceRule::appcontainer);
}

// What in NEW accounts for `gained`, from the traced checks of one caller on OLD and NEW (OLD's
// trace is empty when OLD does not exist). First the ACEs of NEW that grant gained rights and
// that OLD's check did not see grant them (the same ACE text in the same pass): new or changed
// ACEs. Then rights OLD's label took away: the label. What is left (a deny ACE removed before an
// unchanged allow, say) goes to every NEW ACE that grants it, or to `other`.
std::vector<GainCause> gain_causes(const AccessCheckResult& before, const AccessCheckResult& after,
                                   AccessMask gained) {
  std::vector<GainCause> causes;
  AccessMask explained = 0;
  auto old_grant = [&](const TraceEntry& e) {
    AccessMask m = 0;
    for (const TraceEntry& o : before.trace)
      if (grants_by_ace(o) && o.rule == e.rule && o.ace_sddl == e.ace_sddl) m |= o.bits;
    return m;
  };
  auto add = [&](GainCause::Where where, std::optional<std::size_t> index, AccessMask bits) {
    for (GainCause& c : causes) {
      if (c.where == where && c.index == index) {
        c.bits |= bits;
        return;
      }
    }
    causes.push_back(GainCause{where, index, bits});
  };
  for (const TraceEntry& e : after.trace) {
    if (!grants_by_ace(e)) continue;
    const AccessMask bits = e.bits & gained & ~old_grant(e);
    if (bits == 0) continue;
    add(GainCause::Where::dacl_ace, e.ace_index, bits);
    explained |= bits;
  }
  AccessMask rest = gained & ~explained;
  if (rest == 0) return causes;
  AccessMask label_removed = 0;
  for (const TraceEntry& e : before.trace)
    if (e.rule == TraceRule::integrity && e.action == TraceAction::removed) label_removed |= e.bits;
  if (rest & label_removed) {
    std::optional<std::size_t> label_index;  // NEW's label in force, if it has one
    for (const TraceEntry& e : after.trace)
      if (e.rule == TraceRule::integrity && e.action == TraceAction::info && e.ace_index)
        label_index = e.ace_index;
    add(GainCause::Where::label, label_index, rest & label_removed);
    rest &= ~label_removed;
  }
  if (rest == 0) return causes;
  for (const TraceEntry& e : after.trace) {
    if (!grants_by_ace(e) || (e.bits & rest) == 0) continue;
    add(GainCause::Where::dacl_ace, e.ace_index, e.bits & rest);
    explained |= e.bits & rest;
  }
  rest &= ~explained;
  if (rest) add(GainCause::Where::other, std::nullopt, rest);
  return causes;
}

}  // namespace

std::string_view to_string(DiffPrincipalKind kind) noexcept {
  switch (kind) {
    case DiffPrincipalKind::preset: return "preset";
    case DiffPrincipalKind::appcontainer: return "appcontainer";
    case DiffPrincipalKind::sid: return "sid";
    case DiffPrincipalKind::combination: return "combination";
  }
  return "preset";
}

std::vector<DiffPrincipal> diff_principals(const SecurityDescriptor& old_sd,
                                           const SecurityDescriptor& new_sd,
                                           const SidContext& context,
                                           std::span<const NamedPrincipal> names) {
  std::vector<DiffPrincipal> out;
  for (const TokenPreset& p : token_presets())
    out.push_back(DiffPrincipal{DiffPrincipalKind::preset, std::string(p.name), p.make()});

  std::vector<Sid> named, capabilities;
  collect_sids(old_sd, named, capabilities);
  collect_sids(new_sd, named, capabilities);
  // Package SIDs are AppContainer identities, not user or group SIDs: the AppContainer tokens
  // below hold one, and a DACL naming another package grants that package only.
  std::erase_if(named, [](const Sid& s) { return is_app_container_sid(s) || s == kNobody; });

  Token container = appcontainer_process();
  container.capabilities.clear();
  out.push_back(DiffPrincipal{DiffPrincipalKind::appcontainer, "appcontainer (no capability)",
                              container});
  for (const Sid& cap : capabilities) {
    Token t = container;
    t.capabilities.push_back(cap);
    std::string name = "appcontainer + capability " + cap.to_string();
    if (auto legacy = legacy_capability_name(cap)) name += fmt::format(" ({})", *legacy);
    out.push_back(DiffPrincipal{DiffPrincipalKind::appcontainer, std::move(name), std::move(t)});
  }

  for (const Sid& sid : named) {
    out.push_back(DiffPrincipal{DiffPrincipalKind::sid, "SID " + sid_name(sid, context, names),
                                sid_token(sid, std::nullopt, sids::medium_integrity)});
  }
  const std::vector<Sid> levels = probe_levels(old_sd, new_sd);
  for (const Sid& level : levels) {
    const bool medium = level == sids::medium_integrity;
    // A caller that no ACE names: what a null DACL, an absent one or the label alone gives.
    std::string nobody = "a caller holding none of these SIDs";
    if (!medium) nobody += " at integrity " + level_name(level);
    out.push_back(DiffPrincipal{medium ? DiffPrincipalKind::sid : DiffPrincipalKind::combination,
                                std::move(nobody), sid_token(kNobody, std::nullopt, level)});
    for (std::size_t i = 0; i < named.size(); ++i) {
      for (std::size_t j = i; j < named.size(); ++j) {
        if (i == j && medium) continue;  // the single SIDs at Medium are listed above
        std::string name = "SIDs " + sid_name(named[i], context, names);
        std::optional<Sid> group;
        if (j != i) {
          group = named[j];
          name += " + " + sid_name(named[j], context, names);
        }
        if (!medium) name += " at integrity " + level_name(level);
        out.push_back(DiffPrincipal{DiffPrincipalKind::combination, std::move(name),
                                    sid_token(named[i], group, level)});
      }
    }
  }
  return out;
}

AccessMask AccessDiff::all_gained() const noexcept {
  AccessMask m = 0;
  for (const PrincipalChange& c : changes) m |= c.gained;
  return m;
}

AccessMask AccessDiff::all_lost() const noexcept {
  AccessMask m = 0;
  for (const PrincipalChange& c : changes) m |= c.lost;
  return m;
}

Result<AccessDiff> diff_access(const SecurityDescriptor& old_sd,
                               const SecurityDescriptor& new_sd, ObjectType type,
                               const SidContext& context) {
  return diff_access(&old_sd, &new_sd, type, context);
}

Result<AccessDiff> diff_access(const SecurityDescriptor* old_sd, const SecurityDescriptor* new_sd,
                               ObjectType type, const SidContext& context) {
  AccessDiff diff;
  diff.type = type;
  // A missing side names no SIDs and has no label: an empty descriptor stands for it when the
  // callers are chosen, and grants nothing below.
  const SecurityDescriptor none;
  const AccessCheckOptions fast{context, /*trace=*/false};
  const std::vector<DiffPrincipal> principals =
      diff_principals(old_sd ? *old_sd : none, new_sd ? *new_sd : none, context);
  diff.principals_compared = principals.size();
  auto check = [&](const SecurityDescriptor* sd, const Token& token, const AccessCheckOptions& o) {
    return sd ? access_check(*sd, token, rights::maximum_allowed, type, o) : AccessCheckResult{};
  };
  for (const DiffPrincipal& p : principals) {
    const AccessCheckResult before = check(old_sd, p.token, fast);
    const AccessCheckResult after = check(new_sd, p.token, fast);
    // The refusal is about the descriptor, not the caller: the first one reports it.
    if (before.refusal)
      return Error{ErrorCode::invalid_argument, Error::no_offset,
                   "old descriptor: " + before.refusal->message};
    if (after.refusal)
      return Error{ErrorCode::invalid_argument, Error::no_offset,
                   "new descriptor: " + after.refusal->message};
    if (before.granted == after.granted) continue;
    ++diff.changed;
    PrincipalChange c;
    c.kind = p.kind;
    c.principal = p.name;
    c.old_granted = before.granted;
    c.new_granted = after.granted;
    c.gained = after.granted & ~before.granted;
    c.lost = before.granted & ~after.granted;
    if (p.kind == DiffPrincipalKind::combination) {
      // Listed only when no listed caller's change already contains it.
      const bool covered = std::any_of(
          diff.changes.begin(), diff.changes.end(), [&](const PrincipalChange& other) {
            return (c.gained & ~other.gained) == 0 && (c.lost & ~other.lost) == 0;
          });
      if (covered) continue;
    }
    if (c.gained) c.gained_rights = describe_rights(c.gained, type);
    if (c.lost) c.lost_rights = describe_rights(c.lost, type);
    // The trace only for the callers that change: most do not, and tracing costs ~70x.
    const AccessCheckOptions traced{context, /*trace=*/true};
    if (new_sd) {
      const AccessCheckResult after_traced = check(new_sd, p.token, traced);
      c.reason = deciding_lines(after_traced);
      if (c.gained) {
        const AccessCheckResult before_traced = check(old_sd, p.token, traced);
        c.gained_by = gain_causes(before_traced, after_traced, c.gained);
      }
    } else {
      c.reason = {"the object no longer exists (the policy is deleted): no caller has access"};
    }
    diff.changes.push_back(std::move(c));
  }
  return diff;
}

// The access check's own division (write_only_rights), so that "write" means the same here as
// in the write-restricted check and MIC: gaining only READ_CONTROL or SYNCHRONIZE is not write.
AccessMask write_rights(ObjectType type) noexcept { return write_only_rights(type); }

}  // namespace secdesc
