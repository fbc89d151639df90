// The sddl-lint rule table. Facts behind the messages: shared/notes/windows-object-facts.md
// (sections 5, 6, 9, 10) and MS Learn "Mandatory Integrity Control"; docs/lint-rules.md explains
// each row with a bad and a good example.
#include "secdesc/lint_rules.hpp"

#include <vector>

#include <fmt/format.h>

#include "core/internal/suggest.hpp"
#include "core/internal/text.hpp"


namespace secdesc {
namespace {

using R = Rule;
using S = Severity;

constexpr std::array<RuleInfo, rule_count> kRules{{
    {R::syntax, "syntax", S::error, S::error,
     "not valid SDDL: Windows rejects the string with ERROR_INVALID_PARAMETER",
     "correct it at the reported character (grammar: MS-DTYP 2.5.1)"},
    {R::unsupported, "unsupported", S::note, S::note,
     "a process trust label (TL) or access filter (FL) ACE: no Microsoft source says how the "
     "access check applies it, so the access rules judge the string without that ACE",
     "review it by hand"},
    {R::nonstandard, "nonstandard", S::warning, S::warning,
     "Windows accepts this but it is unclear (lower case, white space, octal, negative or "
     "overflowing numbers, hex SID parts, repeated flags)",
     "write it as Windows prints it ('sddlc convert --to sddl' shows that form)"},
    {R::null_dacl, "null-dacl", S::error, S::error,
     "null DACL: everyone, anonymous users included, gets full access",
     "write a D: that grants only what each principal needs, e.g. D:(A;;GA;;;SY)(A;;GA;;;BA)"},
    {R::empty_dacl, "empty-dacl", S::warning, S::warning,
     "empty DACL: no one is granted anything; only the owner's implied READ_CONTROL and "
     "WRITE_DAC remain",
     "add the ACEs the object needs"},
    {R::non_canonical_order, "non-canonical-order", S::warning, S::warning,
     "ACEs out of canonical order (explicit deny, explicit allow, then inherited): Windows "
     "checks them in the written order",
     "put deny ACEs before allow ACEs, and explicit ACEs before inherited (ID) ones"},
    {R::inherit_flags_on_non_container, "inherit-flags-on-non-container", S::warning, S::error,
     "inheritance flags (OI CI NP IO) on an object type without children: they do nothing, and "
     "IO makes the ACE itself do nothing",
     "remove OI, CI, NP and IO from this object's ACEs"},
    {R::domain_alias, "domain-alias", S::warning, S::warning,
     "domain-relative SID alias: it means a different SID in every domain and fails on a "
     "machine that is not in one",
     "write the full SID (S-1-5-21-...-RID), or lint with --domain-sid for the one domain the "
     "string is meant for"},
    {R::world_writable, "world-writable", S::error, S::error,
     "write access for an unprivileged group (WD, AN, AU, BU, IU): any user can change, take "
     "over or replace the object",
     "grant those groups read access only; keep write for SY, BA or the service's own SID"},
    {R::anonymous_access, "anonymous-access", S::warning, S::warning,
     "access for ANONYMOUS LOGON (AN): unauthenticated network callers get it",
     "remove the AN ACE; use AU if authenticated callers are meant"},
    {R::low_integrity_write_blocked, "low-integrity-write-blocked", S::note, S::note,
     "write access for a group that low-integrity processes carry, but the object's label "
     "(medium when there is none) has no-write-up: their writes will be denied",
     "add S:(ML;;NW;;;LW) if low-integrity clients must write, and confirm with 'sddlc check'"},
    {R::label_above_medium, "label-above-medium", S::warning, S::warning,
     "mandatory label above medium: only a caller at that integrity level or holding "
     "SeRelabelPrivilege can set it, so a standard user's process fails",
     "use a medium or lower label, or set it from a service that runs at that level"},
    {R::multiple_labels, "multiple-labels", S::warning, S::warning,
     "more than one mandatory label (ML) ACE: Windows honours only the first",
     "keep a single ML ACE"},
    {R::appcontainer_unreachable, "appcontainer-unreachable", S::warning, S::warning,
     "a low label admits sandboxed clients, but no ACE grants ALL APPLICATION PACKAGES (AC) or a "
     "capability SID (S-1-15-3-...): AppContainer processes are still denied",
     "add an allow ACE for AC, or for the capability SID the clients hold"},
    {R::duplicate_ace, "duplicate-ace", S::warning, S::warning,
     "exact duplicate of an earlier ACE: it changes nothing",
     "remove it"},
    {R::redundant_ace, "redundant-ace", S::note, S::note,
     "allow ACE covered by an earlier allow to the same SID with the same flags and no deny "
     "between them: it changes nothing",
     "remove it, or merge its rights into the earlier ACE"},
    {R::unknown_rights, "unknown-rights", S::warning, S::warning,
     "access bits the object type does not define: Windows ignores them or they mean something "
     "else for this type",
     "use the generic rights (GR GW GX GA) or the type's own rights"},
    {R::condition_never_true, "condition-never-true", S::warning, S::warning,
     "a conditional ACE whose condition no caller makes TRUE: an allow ACE (XA) grants nothing, "
     "a deny ACE (XD) applies only where the condition is UNKNOWN",
     "correct the condition so that the callers it is meant for pass it, or remove the ACE"},
    {R::condition_unknown_result, "condition-unknown-result", S::warning, S::warning,
     "a conditional ACE whose UNKNOWN result (a caller without the attribute) is easy to miss: "
     "a deny ACE (XD) denies such callers, an allow ACE (XA) with a negated test grants them "
     "nothing",
     "say in the condition what callers without the attribute get, with Exists or Not_Exists"},
    {R::global_namespace, "global-namespace", S::note, S::note,
     "Global\\ object name: creating it outside session 0 needs SeCreateGlobalPrivilege, which "
     "services have and user processes do not",
     "create the object in the service, or use a Local\\ name if one session is enough"},
    {R::expectation_failed, "expectation-failed", S::error, S::error,
     "a policy expectation ([[expect]]) does not hold",
     "change the policy or the expectation"},
    {R::policy_error, "policy-error", S::error, S::error,
     "the policy file could not be loaded",
     "correct the file at the reported position"},
    {R::label_not_integrity, "label-not-integrity", S::error, S::error,
     "mandatory label (ML) ACE whose SID is not an integrity level (S-1-16-N): Windows "
     "documents no meaning for it, and secdesc's access check gives no verdict on it",
     "label with an integrity level: LW, ME, MP, HI or SI"},
    {R::world_writable_data, "world-writable-data", S::warning, S::warning,
     "an unprivileged group (WD, AN, AU, BU, IU) may write data into a channel the object "
     "exists for (a named pipe's write-data, a labelled section's map-write, an event's "
     "modify-state, a WinRM endpoint's permissions): any user can send the service data or "
     "signals, or open sessions on the endpoint",
     "treat what clients write as untrusted: validate every message, size and offset the "
     "service reads; grant the right to a narrower group if not every user is a client"},
    {R::unused_suppression, "unused-suppression", S::note, S::note,
     "an sddl-lint: disable=RULE comment silences nothing: the rule finds nothing in what it "
     "covers (fixed, or a new rule took over)",
     "remove the rule from the comment, so that a new problem there is not silenced"},
}};

constexpr bool table_is_in_enum_order() {
  for (std::size_t i = 0; i < kRules.size(); ++i)
    if (static_cast<std::size_t>(kRules[i].rule) != i) return false;
  return true;
}
static_assert(table_is_in_enum_order(), "kRules rows must follow the Rule enumerators");

}  // namespace

std::optional<Severity> parse_severity(std::string_view text) noexcept {
  for (Severity s : {Severity::note, Severity::warning, Severity::error})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

std::span<const RuleInfo> lint_rules() noexcept { return kRules; }

const RuleInfo& rule_info(Rule rule) noexcept { return kRules[static_cast<std::size_t>(rule)]; }

std::string_view to_string(Rule rule) noexcept { return rule_info(rule).id; }

std::optional<Rule> find_rule(std::string_view id) noexcept {
  for (const auto& row : kRules)
    if (row.id == id) return row.rule;
  return std::nullopt;
}

std::optional<std::string_view> closest_rule_id(std::string_view id) {
  std::vector<std::string_view> ids;
  for (const auto& row : kRules) ids.push_back(row.id);
  const auto best = detail::closest_match(id, ids);
  if (!best) return std::nullopt;
  auto rule = find_rule(*best);
  if (!rule) return std::nullopt;
  return rule_info(*rule).id;
}

std::string unknown_rule_message(std::string_view id) {
  if (auto near = closest_rule_id(id))
    return fmt::format("unknown rule '{}'; did you mean '{}'?", id, *near);
  std::vector<std::string_view> ids;
  for (const auto& row : kRules) ids.push_back(row.id);
  return fmt::format("unknown rule '{}'; the rules are: {}", id, detail::join(ids));
}

std::string rule_message(Rule rule) {
  const auto& row = rule_info(rule);
  return fmt::format("{}; {}", row.summary, row.fix);
}

RuleSettings::RuleSettings() noexcept { enabled_.fill(true); }

void RuleSettings::disable(Rule rule) noexcept { enabled_[static_cast<std::size_t>(rule)] = false; }

void RuleSettings::enable(Rule rule) noexcept { enabled_[static_cast<std::size_t>(rule)] = true; }

void RuleSettings::set_severity(Rule rule, Severity severity) noexcept {
  enabled_[static_cast<std::size_t>(rule)] = true;
  override_[static_cast<std::size_t>(rule)] = severity;
}

bool RuleSettings::enabled(Rule rule) const noexcept {
  return enabled_[static_cast<std::size_t>(rule)];
}

std::optional<Severity> RuleSettings::severity(Rule rule, bool escalated) const noexcept {
  const auto i = static_cast<std::size_t>(rule);
  if (!enabled_[i]) return std::nullopt;
  if (override_[i]) return override_[i];
  const auto& row = rule_info(rule);
  return escalated ? row.escalated_severity : row.default_severity;
}

}  // namespace secdesc
