// The lint checks: one function per rule family, over the parsed descriptor and its text.
//
// Facts used (shared/notes/windows-object-facts.md): container types (section 5), default label
// policy and what no-write-up removes (section 6), integrity RIDs (section 9), AppContainer and
// capability SIDs (section 10), generic mappings (section 3, through object_type.hpp).
#include "secdesc/lint.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

#include "secdesc/condition_analysis.hpp"
#include "secdesc/condition_eval.hpp"
#include "core/internal/suggest.hpp"
#include "core/internal/text.hpp"

namespace secdesc {
namespace {

// Groups every interactive user's token carries, privileged or not (the world-writable rule).
constexpr std::array kUnprivilegedGroups{sids::everyone, sids::anonymous, sids::authenticated_users,
                                         sids::builtin_users, sids::interactive};

// Groups a low-integrity process of an interactive user still carries: its DACL access to an
// object is then cut by the object's label (the low-integrity-write-blocked rule). AppContainer
// processes (S-1-15-2-x, capabilities S-1-15-3-x) are low integrity too.
constexpr std::array kLowIntegrityGroups{sids::everyone,  sids::authenticated_users,
                                         sids::builtin_users, sids::interactive,
                                         sids::local,     sids::console_logon,
                                         sids::all_app_packages};

constexpr std::uint32_t kLowRid = 0x1000;     // SECURITY_MANDATORY_LOW_RID
constexpr std::uint32_t kMediumRid = 0x2000;  // SECURITY_MANDATORY_MEDIUM_RID
constexpr std::uint32_t kAppPackageBaseRid = 2;  // S-1-15-2-...
constexpr std::uint32_t kCapabilityBaseRid = 3;  // S-1-15-3-...
constexpr std::uint64_t kAppPackageAuthority = 15;

bool is_app_package_or_capability(const Sid& sid) noexcept {
  auto subs = sid.sub_authorities();
  return sid.authority() == kAppPackageAuthority && !subs.empty() &&
         (subs[0] == kAppPackageBaseRid || subs[0] == kCapabilityBaseRid);
}

template <std::size_t N>
bool contains(const std::array<Sid, N>& set, const Sid& sid) noexcept {
  return std::find(set.begin(), set.end(), sid) != set.end();
}

bool carried_at_low_integrity(const Sid& sid) noexcept {
  return contains(kLowIntegrityGroups, sid) || is_app_package_or_capability(sid);
}

// The bits that let a caller change the object: the type's GENERIC_WRITE minus what reading or
// executing also gives (READ_CONTROL, SYNCHRONIZE), plus DELETE, WRITE_DAC and WRITE_OWNER.
// Without a type only the bits whose meaning does not depend on it: the generic write and all
// bits and those standard bits. The specific bits 0x0000FFFF mean something else per type (0x2
// is a file's write-data but COM's EXECUTE_LOCAL, windows-object-facts.md section 2), so they
// are never called write when the type is unknown.
AccessMask write_bits(const std::optional<ObjectType>& type) noexcept {
  constexpr AccessMask standard_write = rights::delete_ | rights::write_dac | rights::write_owner;
  if (!type) return rights::generic_write | rights::generic_all | standard_write;
  const auto& m = object_type_info(*type).mapping;
  return (m.write & ~(m.read | m.execute)) | standard_write;
}

// The write rights of a type that are the data channel the object exists for: a client that
// holds them can send the service data or a signal, but cannot change, take over or replace
// the object. world-writable-data (a warning: the service must treat the data as untrusted)
// reports them; every other write right is a control right and stays world-writable (an error).
// The rights are lib/core's (object_type.cpp's kPipe, kSection, kEvent rows); the facts are
// shared/notes/windows-object-facts.md section 2.
struct DataChannel {
  ObjectType type;
  AccessMask rights;
  bool needs_label;  // a data channel only when the descriptor carries a mandatory label
  // What the grant lets the group do, when "may write data to the TYPE" does not say it, and
  // what to check, when the rule's fix (treat the data as untrusted) does not fit.
  std::string_view what = {};
  std::string_view fix = {};
};
constexpr std::array kDataChannels{
    // FILE_WRITE_DATA: what a pipe client writes to the server. Not FILE_APPEND_DATA, which on
    // a pipe is FILE_CREATE_PIPE_INSTANCE (a client could serve its own instance), nor
    // FILE_WRITE_ATTRIBUTES / FILE_WRITE_EA.
    DataChannel{ObjectType::named_pipe, 0x2, false},
    // SECTION_MAP_WRITE, when a label says the section was deliberately opened to
    // low-integrity clients; without one a writable mapping for everyone is an accident.
    DataChannel{ObjectType::section, 0x2, true},
    // EVENT_MODIFY_STATE: SetEvent / ResetEvent, how a client signals the service.
    DataChannel{ObjectType::event, 0x2, false},
    // A WinRM endpoint's every permission (GR, GW, GX; GA is the three): who may open sessions
    // and run commands on it, which is what a remoting endpoint is for. The session runs as the
    // caller, so it gains no right the caller lacks unless the configuration runs as another
    // account (RunAsCredential, RunAsVirtualAccount). Changing the endpoint's descriptor is
    // WSMan configuration, for administrators, not a right in this descriptor.
    DataChannel{ObjectType::winrm_session, 0xE0000000, false,
                "may open sessions on the endpoint and run commands (as themselves, unless the "
                "configuration runs as another account)",
                "check what the endpoint runs as (RunAsCredential, RunAsVirtualAccount) and "
                "which commands it exposes; grant Execute(Invoke) (GX) to a narrower group if "
                "not every such user may connect"},
};

const DataChannel* find_data_channel(const std::optional<ObjectType>& type,
                                     bool labelled) noexcept {
  if (!type) return nullptr;
  for (const auto& c : kDataChannels)
    if (c.type == *type && (labelled || !c.needs_label)) return &c;
  return nullptr;
}

// The mask as the object sees it: generic bits mapped when the type is known.
AccessMask effective_mask(AccessMask mask, const std::optional<ObjectType>& type) noexcept {
  return type ? map_generic(mask, object_type_info(*type).mapping) : mask;
}

// Rights in the type's words; without a type, the SDDL letters only when they name generic or
// standard rights, else hex: letters such as DC or FW would name one type's specific rights.
std::string describe_mask(AccessMask mask, const std::optional<ObjectType>& type) {
  if (type) return describe_rights(mask, *type);
  constexpr AccessMask kSpecificRights = 0x0000FFFF;
  if ((mask & kSpecificRights) != 0) return fmt::format("0x{:x}", mask);
  return format_sddl_rights(mask);
}

std::string inheritance_flag_letters(std::uint8_t flags) {
  std::string out;
  for (const auto& t : ace_flag_tokens()) {
    if ((t.flag & ace_flags::inheritance_flags) == 0 || (flags & t.flag) == 0) continue;
    if (!out.empty()) out += ' ';
    out += t.letters;
  }
  return out;
}

class Checker {
 public:
  Checker(const LintSubject& subject, const LintSettings& settings)
      : s_(subject), settings_(settings),
        type_(subject.object_type ? subject.object_type : settings.object),
        used_suppressions_(subject.suppressed.size(), false) {
    context_.domain = settings.domain ? settings.domain : std::optional<Sid>(placeholder_domain_sid());
  }

  std::vector<Finding> run() {
    if (const Error* e = s_.error()) {
      const std::size_t at = e->has_offset() ? e->offset : 0;
      if (e->code == ErrorCode::unsupported)
        emit(Rule::unsupported, at, fmt::format("not checked: {}", e->message));
      else if (!s_.meant_invalid_by.empty())
        // A negative test's input (`$WrongSecurityDescriptorSddl = '...'`): its error is what
        // the test is about, not a mistake to stop a build for.
        emit(Rule::syntax, at,
             fmt::format("not valid SDDL, as its name {} says it is meant to be: {}",
                         s_.meant_invalid_by, e->message),
             false, Severity::note,
             "nothing to do if the test means it; if the string is meant to be valid, correct it "
             "at the reported character and rename it");
      else
        emit(Rule::syntax, at, fmt::format("not valid SDDL: {}", e->message));
    } else if (const SddlParse* p = s_.parse()) {
      p_ = p;
      check_notes();
      check_dacl_state();
      check_order();
      check_inheritance_flags();
      check_domain_aliases();
      check_grants();
      check_labels();
      check_duplicates(AclKind::dacl);
      check_duplicates(AclKind::sacl);
      check_unknown_rights();
      check_conditions();
      check_trust_labels_and_filters();
    }
    check_object_name();
    for (const auto& f : s_.expectation_failures)
      emit_at(Rule::expectation_failed, f.where.position(), f.message);
    check_unused_suppressions();
    sort_findings(out_);
    return std::move(out_);
  }

 private:
  const SecurityDescriptor& sd() const { return p_->descriptor; }
  bool has_text() const { return !s_.sddl.empty(); }

  // Also records which named suppressions silenced something (unused-suppression).
  bool silenced(Rule rule) {
    bool named = false;
    for (std::size_t i = 0; i < s_.suppressed.size(); ++i)
      if (s_.suppressed[i] == rule) named = true, used_suppressions_[i] = true;
    return s_.suppress_all || named;
  }

  void check_unused_suppressions() {
    for (std::size_t i = 0; i < s_.suppressed.size() && i < s_.suppressed_at.size(); ++i) {
      const Rule rule = s_.suppressed[i];
      if (used_suppressions_[i] || rule == Rule::unused_suppression ||
          !settings_.rules.enabled(rule))
        continue;
      emit_at(Rule::unused_suppression, s_.suppressed_at[i],
              fmt::format("'disable={}' silences nothing in this string", to_string(rule)));
    }
  }

  // `lowered`: the finding is reported at this level (a note) whatever the rule's.
  // `fix`: what to do, when the rule's own fix does not fit this finding.
  void emit_at(Rule rule, SourcePosition position, std::string_view detail, bool escalated = false,
               std::optional<Severity> lowered = std::nullopt, std::string_view fix = {}) {
    if (silenced(rule)) return;
    auto severity = settings_.rules.severity(rule, escalated);
    if (!severity) return;
    if (lowered && *lowered > *severity) severity = lowered;  // lower only (error < note)
    out_.push_back(make_finding(rule, *severity, s_.file, position,
                                fmt::format("{}; {}", detail,
                                            fix.empty() ? rule_info(rule).fix : fix)));
  }
  void emit(Rule rule, std::size_t offset, std::string_view detail, bool escalated = false,
            std::optional<Severity> lowered = std::nullopt, std::string_view fix = {}) {
    emit_at(rule, s_.source.at(offset), detail, escalated, lowered, fix);
  }

  // --- where things are in the text (all offsets are 0 for a descriptor without text) ---

  std::size_t first_character() const {
    std::size_t i = s_.sddl.find_first_not_of(' ');
    return i == std::string::npos ? 0 : i;
  }

  // The offset of a section letter ('O', 'G', 'D', 'S'): each ':' outside an ACE ends a tag.
  std::optional<std::size_t> section_offset(char tag) const {
    int depth = 0;
    const std::string& t = s_.sddl;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '(') ++depth;
      else if (t[i] == ')') depth = depth > 0 ? depth - 1 : 0;
      else if (t[i] == ':' && depth == 0 && i > 0 && t[i - 1] == tag) return i - 1;
    }
    return std::nullopt;
  }

  // TL and FL ACEs parse, but no Microsoft source says how the access check applies them
  // (docs/access-check.md), so the rules about who gets what judge the DACL and the label
  // without them: a note at the ACE type says so. A TL in the SACL is neither an audit ACE nor a
  // label (check_labels counts ML ACEs only). Windows writes TL ACEs itself, so never an error.
  void check_trust_labels_and_filters() {
    if (!sd().sacl()) return;
    const auto& aces = sd().sacl()->aces;
    for (std::size_t i = 0; i < aces.size(); ++i) {
      const AceType type = aces[i].type;
      if (type != AceType::system_process_trust_label && type != AceType::system_access_filter)
        continue;
      emit(Rule::unsupported, ace_field_offset(AclKind::sacl, i, 0),
           fmt::format("not judged: {} ACE ({}): no Microsoft source documents how Windows' "
                       "access check applies it, so the access rules judge the string without it",
                       type == AceType::system_process_trust_label ? "TL" : "FL",
                       type == AceType::system_process_trust_label ? "process trust label"
                                                                   : "access filter"));
    }
  }

  const std::vector<SddlSpan>& spans(AclKind kind) const {
    return kind == AclKind::dacl ? p_->dacl_aces : p_->sacl_aces;
  }

  std::size_t ace_offset(AclKind kind, std::size_t index) const {
    const auto& v = spans(kind);
    return index < v.size() ? v[index].begin : 0;
  }

  // The first non-space character of field `field` (0 = type ... 5 = SID) of an ACE.
  std::size_t ace_field_offset(AclKind kind, std::size_t index, int field) const {
    const auto& v = spans(kind);
    if (index >= v.size()) return 0;
    std::size_t pos = v[index].begin + 1;
    for (int f = 0; f < field; ++f) {
      std::size_t semi = s_.sddl.find(';', pos);
      if (semi == std::string::npos || semi >= v[index].end) return v[index].begin;
      pos = semi + 1;
    }
    while (pos < s_.sddl.size() && s_.sddl[pos] == ' ') ++pos;
    return pos;
  }

  const std::vector<Ace>& aces(AclKind kind) const {
    static const std::vector<Ace> none;
    const auto& acl = kind == AclKind::dacl ? sd().dacl() : sd().sacl();
    return acl ? acl->aces : none;
  }

  // "High Mandatory Level (HI)" rather than the table's "Mandatory Label\\High ...".
  std::string describe_label(const Sid& level) const {
    std::string words = describe_sid(level);
    constexpr std::string_view prefix = "Mandatory Label\\";
    if (words.starts_with(prefix)) words.erase(0, prefix.size());
    return words;
  }

  std::string describe_sid(const Sid& sid) const {
    auto name = sid_display_name(sid, context_);
    auto alias = sid_alias(sid, context_);
    if (name && alias) return fmt::format("{} ({})", *name, *alias);
    if (name) return fmt::format("{} ({})", *name, sid.to_string());
    return sid.to_string();
  }

  std::string type_words() const {
    return type_ ? std::string(object_type_info(*type_).description) : std::string("object");
  }

  // --- the checks ---

  void check_notes() {
    // Lower-case tokens in one literal are one habit, reported once at the first (issue #16:
    // "d:(a;;ga;;;sy)" gave a warning per token).
    std::size_t lower = 0;
    for (const auto& n : p_->notes) lower += n.kind == SddlNote::Kind::lower_case ? 1 : 0;
    bool lower_reported = false;
    for (const auto& n : p_->notes) {
      if (n.kind != SddlNote::Kind::lower_case) {
        emit(Rule::nonstandard, n.offset, n.message);
      } else if (!lower_reported) {
        lower_reported = true;
        emit(Rule::nonstandard, n.offset,
             lower == 1 ? n.message
                        : fmt::format("{} and {} more lower-case token{}", n.message, lower - 1,
                                      lower == 2 ? "" : "s"));
      }
    }
  }

  void check_dacl_state() {
    switch (sd().dacl_state()) {
      case AclState::null: {
        std::size_t at = 0;
        if (auto d = section_offset('D')) {
          std::size_t k = s_.sddl.find("NO_ACCESS_CONTROL", *d);
          at = k == std::string::npos ? *d : k;
        }
        emit(Rule::null_dacl, at,
             "NO_ACCESS_CONTROL is a null DACL: everyone, anonymous users included, gets full "
             "access");
        break;
      }
      case AclState::absent:
        // A string with an S: but no D: sets the label or audit only (SetSecurityInfo with
        // LABEL_SECURITY_INFORMATION); one with neither is a whole descriptor without a DACL,
        // unless the source sets only the owner or group with it (O:BAG:BA, issue #16).
        // A literal no call is seen to take is most often an owner (O:WDG:BA), so it is a
        // warning: whether it is used whole is not in the file.
        if (sd().sacl_state() == AclState::absent && !s_.sets_owner_or_group_only)
          emit(Rule::null_dacl, first_character(),
               s_.use_unseen
                   ? "no D: section, and no call in this file is seen to take the descriptor: "
                     "if it is used whole (AccessCheck, COM or RPC security, a create call) that "
                     "is a null DACL and everyone gets full access; setting only the owner or "
                     "group with it is fine"
                   : "no D: section: wherever the descriptor is used whole (AccessCheck, COM or "
                     "RPC security) that is a null DACL and everyone gets full access",
               false, s_.use_unseen ? std::optional(Severity::warning) : std::nullopt);
        break;
      case AclState::present:
        if (sd().dacl()->aces.empty())
          emit(Rule::empty_dacl, section_offset('D').value_or(0),
               "empty DACL: no one is granted anything; only the owner's implied READ_CONTROL "
               "and WRITE_DAC remain");
        break;
    }
  }

  void check_order() {
    const auto& list = aces(AclKind::dacl);
    bool seen_inherited = false, seen_explicit_allow = false;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Ace& ace = list[i];
      if (ace.inherited()) {
        seen_inherited = true;
        continue;
      }
      if (seen_inherited) {
        emit(Rule::non_canonical_order, ace_offset(AclKind::dacl, i),
             "explicit ACE after an inherited (ID) ACE");
        continue;
      }
      if (ace.is_deny() && seen_explicit_allow)
        emit(Rule::non_canonical_order, ace_offset(AclKind::dacl, i),
             "deny ACE after an allow ACE: callers the allow covers never reach it");
      if (ace.is_allow()) seen_explicit_allow = true;
    }
  }

  void check_inheritance_flags() {
    if (!type_ || object_type_info(*type_).container) return;
    for (AclKind kind : {AclKind::dacl, AclKind::sacl}) {
      const auto& list = aces(kind);
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::uint8_t flags = list[i].flags & ace_flags::inheritance_flags;
        if (flags == 0) continue;
        const bool inherit_only = (flags & ace_flags::inherit_only) != 0;
        emit(Rule::inherit_flags_on_non_container, ace_field_offset(kind, i, 1),
             inherit_only
                 ? fmt::format("{} on a {}, which has no children: IO makes this ACE apply to "
                               "nothing",
                               inheritance_flag_letters(flags), type_words())
                 : fmt::format("{} on a {}, which has no children: the flags do nothing",
                               inheritance_flag_letters(flags), type_words()),
             inherit_only);
      }
    }
  }

  // Read from the text, because the parse resolved the aliases against a domain.
  void check_domain_aliases() {
    if (settings_.domain || !has_text()) return;
    auto report = [&](std::size_t at, std::size_t end) {
      while (end > at && s_.sddl[end - 1] == ' ') --end;
      std::string_view word(s_.sddl.data() + at, end - at);
      if (word.size() != 2) return;
      auto row = find_sid_alias(word);
      if (!row || row->scope == SidScope::fixed) return;
      std::string_view scope = row->scope == SidScope::machine ? "the machine's own account domain"
                               : row->scope == SidScope::forest ? "the forest root domain"
                                                                : "the machine's domain";
      emit(Rule::domain_alias, at,
           fmt::format("'{}' ({}) is relative to {}", word, row->name, scope));
    };
    for (char tag : {'O', 'G'}) {
      auto at = section_offset(tag);
      if (!at) continue;
      std::size_t v = *at + 2;
      while (v < s_.sddl.size() && s_.sddl[v] == ' ') ++v;
      // The field ends where the next tag's letter starts ("O:DUG:BA").
      std::size_t next = s_.sddl.find(':', v);
      report(v, next == std::string::npos ? s_.sddl.size() : next - 1);
    }
    for (AclKind kind : {AclKind::dacl, AclKind::sacl})
      for (std::size_t i = 0; i < spans(kind).size(); ++i)
        report(ace_field_offset(kind, i, 5), spans(kind)[i].end - 1);
  }

  // world-writable, anonymous-access and low-integrity-write-blocked: what allow ACEs grant.
  void check_grants() {
    const auto& list = aces(AclKind::dacl);
    const AccessMask writes = write_bits(type_);
    const auto label = sd().mandatory_label();
    const DataChannel* channel = find_data_channel(type_, label.has_value());
    const AccessMask data_channel = channel ? channel->rights : 0;
    const AccessMask default_policy =
        type_ ? object_type_info(*type_).default_label_policy : rights::label_no_write_up;
    // Low-integrity writes are cut when the label is above low and has no-write-up; no label
    // counts as medium with the type's default policy.
    const bool low_writes_blocked =
        label ? label->level.rid().value_or(0) > kLowRid &&
                    (label->policy & rights::label_no_write_up) != 0
              : (default_policy & rights::label_no_write_up) != 0;
    const std::string label_words =
        label ? fmt::format("the {} label", describe_label(label->level))
              : std::string("the default medium label");

    std::vector<std::pair<Sid, AccessMask>> denied;  // by earlier deny ACEs, per SID
    auto denied_to = [&](const Sid& sid) {
      AccessMask m = 0;
      for (const auto& [who, mask] : denied)
        if (who == sid || who == sids::everyone) m |= mask;
      return m;
    };
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Ace& ace = list[i];
      if (ace.inherit_only()) continue;
      const AccessMask mask = effective_mask(ace.mask, type_);
      if (ace.is_deny()) {
        // A conditional deny takes rights away only when it always applies (TRUE or UNKNOWN).
        if (!ace.condition || !analysis(ace).can_be_false) denied.emplace_back(ace.sid, mask);
        continue;
      }
      if (!ace.is_allow() || ace.object_type) continue;
      const AccessMask granted = mask & ~denied_to(ace.sid);
      const AccessMask granted_writes = granted & writes;
      const std::size_t at = ace_offset(AclKind::dacl, i);
      // A conditional allow grants the group's members only when the condition holds, so it
      // does not hand the object to every user (unless the condition is always TRUE).
      const bool everyone_in_group =
          !ace.condition || (!analysis(ace).can_be_false && !analysis(ace).can_be_unknown);
      if (granted_writes && everyone_in_group && contains(kUnprivilegedGroups, ace.sid)) {
        const AccessMask data_writes = granted_writes & data_channel;
        const AccessMask control_writes = granted_writes & ~data_channel;
        // A control right makes the whole grant an error; the message names every write.
        if (control_writes)
          emit(Rule::world_writable, at,
               fmt::format("{} is granted write access: {}", describe_sid(ace.sid),
                           describe_mask(granted_writes, type_)));
        else if (data_writes && !s_.data_channel_declared)
          emit(Rule::world_writable_data, at,
               channel->what.empty()
                   ? fmt::format("{} may write data to the {}: {}", describe_sid(ace.sid),
                                 object_type_info(*type_).name,
                                 describe_mask(data_writes, type_))
                   : fmt::format("{} {}: {}", describe_sid(ace.sid), channel->what,
                                 describe_mask(granted & data_channel, type_)),
               false, std::nullopt, channel->fix);
      }
      if (granted && everyone_in_group && ace.sid == sids::anonymous)
        emit(Rule::anonymous_access, at,
             fmt::format("{} is granted {}", describe_sid(ace.sid), describe_mask(granted, type_)));
      // WinRM serves network logons and documents no mandatory-label check on its resources.
      if (granted_writes && low_writes_blocked && carried_at_low_integrity(ace.sid) &&
          type_ != ObjectType::winrm_session)
        emit(Rule::low_integrity_write_blocked, at,
             fmt::format("{} is granted write access, but low-integrity members are denied it by "
                         "{} (no-write-up)",
                         describe_sid(ace.sid), label_words));
    }
  }

  void check_labels() {
    const auto& list = aces(AclKind::sacl);
    std::size_t labels = 0;
    std::optional<std::size_t> first_label;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Ace& ace = list[i];
      if (ace.type != AceType::system_mandatory_label) continue;
      const std::size_t at = ace_offset(AclKind::sacl, i);
      if (++labels == 1)
        first_label = i;
      else
        emit(Rule::multiple_labels, at, "a second mandatory label ACE: only the first one counts");
      if (!is_integrity_sid(ace.sid)) {
        // Its "level" would be a meaningless RID: no other label rule can judge it.
        const auto alias = sid_alias(ace.sid, context_);
        static constexpr std::array<std::string_view, 5> kLevelAliases{"LW", "ME", "MP", "HI",
                                                                      "SI"};
        emit(Rule::label_not_integrity, ace_field_offset(AclKind::sacl, i, 5),
             fmt::format("the mandatory label's SID {} is not an integrity level (S-1-16-N, "
                         "MS-DTYP 2.4.4.13){}",
                         describe_sid(ace.sid),
                         alias ? detail::did_you_mean(*alias, kLevelAliases) : std::string()));
        continue;
      }
      if (ace.sid.rid().value_or(0) > kMediumRid)
        emit(Rule::label_above_medium, at,
             fmt::format("the {} label is above medium", describe_label(ace.sid)));
    }
    if (!first_label) return;
    const Ace& label = list[*first_label];
    if (!is_integrity_sid(label.sid)) return;  // label-not-integrity said it all
    if (label.sid.rid().value_or(kMediumRid) > kLowRid || sd().dacl_state() != AclState::present)
      return;
    for (const Ace& ace : aces(AclKind::dacl))
      if (ace.is_allow() && !ace.inherit_only() && is_app_package_or_capability(ace.sid)) return;
    emit(Rule::appcontainer_unreachable, ace_offset(AclKind::sacl, *first_label),
         fmt::format("the {} label admits sandboxed clients, but no ACE grants ALL APPLICATION "
                     "PACKAGES (AC) or a capability SID: AppContainer processes are still denied",
                     describe_label(label.sid)));
  }

  // What an allow mask covers: mapped when the type is known; else GA stands for the other
  // generic rights, whatever the type maps them to.
  AccessMask coverage(AccessMask mask) const {
    if (type_) return effective_mask(mask, type_);
    if (mask & rights::generic_all)
      mask |= rights::generic_read | rights::generic_write | rights::generic_execute;
    return mask;
  }

  void check_duplicates(AclKind kind) {
    const auto& list = aces(kind);
    const std::string_view acl = kind == AclKind::dacl ? "DACL" : "SACL";
    for (std::size_t j = 0; j < list.size(); ++j) {
      const Ace& later = list[j];
      auto same = std::find(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(j), later);
      if (same != list.begin() + static_cast<std::ptrdiff_t>(j)) {
        emit(Rule::duplicate_ace, ace_offset(kind, j),
             fmt::format("the same as ACE {} of the {}",
                         static_cast<std::size_t>(same - list.begin()) + 1, acl));
        continue;
      }
      if (kind != AclKind::dacl || !later.is_allow()) continue;
      for (std::size_t i = j; i-- > 0;) {
        const Ace& earlier = list[i];
        if (earlier.is_deny()) break;
        if (earlier.type != later.type || earlier.sid != later.sid || earlier.flags != later.flags ||
            earlier.condition != later.condition || earlier.object_type != later.object_type ||
            earlier.inherited_object_type != later.inherited_object_type)
          continue;
        const AccessMask need = coverage(later.mask);
        if ((coverage(earlier.mask) & need) == need) {
          emit(Rule::redundant_ace, ace_offset(kind, j),
               fmt::format("ACE {} of the {} already grants these rights to {}", i + 1, acl,
                           describe_sid(later.sid)));
          break;
        }
      }
    }
  }

  void check_unknown_rights() {
    if (!type_) return;
    const AccessMask defined = defined_rights(*type_);
    for (AclKind kind : {AclKind::dacl, AclKind::sacl}) {
      const auto& list = aces(kind);
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (list[i].type == AceType::system_mandatory_label) continue;  // a policy, not rights
        const AccessMask extra = list[i].mask & ~defined;
        if (extra == 0) continue;
        emit(Rule::unknown_rights, ace_field_offset(kind, i, 2),
             fmt::format("0x{:x} is not defined for a {}", extra, type_words()));
      }
    }
  }

  // What a condition can be over every caller, with the descriptor's resource attributes when
  // its SACL is there (docs/lint-rules.md, condition-never-true).
  ConditionAnalysis analysis(const Ace& ace) {
    for (const auto& [expr, result] : analyses_)
      if (*expr == *ace.condition) return result;
    std::optional<std::vector<Claim>> resources;
    if (sd().sacl_state() == AclState::present) resources = resource_attributes(sd());
    analyses_.emplace_back(&*ace.condition, analyze_condition(*ace.condition, resources));
    return analyses_.back().second;
  }

  // "(Exists @USER.a) && (Exists @USER.b)", the clause that names who has the attributes.
  static std::string joined_tests(std::string_view op, std::string_view join,
                                  const std::vector<std::string>& attributes) {
    std::string out;
    for (std::size_t i = 0; i < attributes.size(); ++i)
      out += fmt::format("{}({} {})", i == 0 ? "" : join, op, attributes[i]);
    return out;
  }

  static std::string join_or(const std::vector<std::string>& words) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i)
      out += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
    return out;
  }

  // condition-never-true and condition-unknown-result, on every ACE with a condition. The
  // facts: an allow ACE applies when its condition is TRUE, a deny ACE when it is TRUE or
  // UNKNOWN (MS-DTYP 2.4.4.17.3, 2.5.3.2); a test of an attribute the caller lacks is UNKNOWN
  // (MS-DTYP 2.4.4.17.6).
  void check_conditions() {
    for (AclKind kind : {AclKind::dacl, AclKind::sacl}) {
      const auto& list = aces(kind);
      for (std::size_t i = 0; i < list.size(); ++i) {
        const Ace& ace = list[i];
        if (!ace.condition) continue;
        // What an access filter's condition does is undocumented: the unsupported note (from
        // check_trust_labels_and_filters) covers the ACE, no rule claims an effect.
        if (ace.type == AceType::system_access_filter) continue;
        const ConditionAnalysis a = analysis(ace);
        const std::size_t at = ace_field_offset(kind, i, 6);
        const std::string rights = describe_mask(effective_mask(ace.mask, type_), type_);
        if (!a.can_be_true) {
          std::string effect =
              ace.is_allow() ? "this allow ACE grants nothing"
              : !ace.is_deny() ? "this ACE never applies"
              : a.can_be_unknown
                  ? fmt::format("this deny ACE denies {} only to callers for whom it is UNKNOWN",
                                rights)
                  : std::string("this deny ACE denies nothing");
          emit(Rule::condition_never_true, at,
               fmt::format("the condition is never TRUE ({}): {}", a.never_true_reason, effect));
          continue;
        }
        if (ace.is_deny() && a.can_be_unknown) {
          const std::string who = a.unknown_without.empty()
                                      ? std::string("callers for whom the condition is UNKNOWN")
                                      : "callers without " + join_or(a.unknown_without);
          const std::string pass =
              a.unknown_without.empty()
                  ? std::string()
                  : fmt::format("; to let them pass, write {} && (...)",
                                joined_tests("Exists", " && ", a.unknown_without));
          emit(Rule::condition_unknown_result, at,
               fmt::format("a deny ACE applies when its condition is UNKNOWN: {} are denied {}{}",
                           who, rights, pass));
        } else if (ace.is_allow() && !a.negated_needs.empty()) {
          emit(Rule::condition_unknown_result, at,
               fmt::format("callers without {} are not granted {}: the negated test is UNKNOWN "
                           "for them, not TRUE; to grant them, write {} || (...)",
                           join_or(a.negated_needs), rights,
                           joined_tests("Not_Exists", " || ", a.negated_needs)));
        }
      }
    }
  }

  void check_object_name() {
    if (!s_.object_name) return;
    const std::string& name = s_.object_name->name;
    constexpr std::string_view prefix = "global\\";
    if (name.size() < prefix.size()) return;
    for (std::size_t i = 0; i < prefix.size(); ++i)
      if (detail::ascii_lower(name[i]) != prefix[i]) return;
    emit_at(Rule::global_namespace, s_.object_name->position.value_or(s_.source.start()),
            fmt::format("'{}' is in the global namespace: creating it outside session 0 needs "
                        "SeCreateGlobalPrivilege",
                        name));
  }

  const LintSubject& s_;
  const LintSettings& settings_;
  std::optional<ObjectType> type_;
  SidContext context_;
  const SddlParse* p_ = nullptr;
  std::vector<Finding> out_;
  std::vector<bool> used_suppressions_;  // per s_.suppressed: did it silence a finding?
  std::vector<std::pair<const ConditionalExpression*, ConditionAnalysis>> analyses_;
};

}  // namespace

SourceMap SourceMap::fixed(SourcePosition anchor) {
  SourceMap m;
  m.anchor_ = anchor;
  return m;
}

SourceMap SourceMap::single_line(SourcePosition start, std::string_view text) {
  std::vector<SourcePosition> positions;
  positions.reserve(text.size() + 1);
  SourcePosition p = start;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // Continuation bytes of a UTF-8 sequence share their character's column.
    const auto byte = static_cast<unsigned char>(text[i]);
    if (i > 0 && (byte & 0xC0) != 0x80) ++p.column;
    positions.push_back(p);
  }
  if (!text.empty()) ++p.column;
  positions.push_back(p);
  return from_positions(std::move(positions));
}

SourceMap SourceMap::from_positions(std::vector<SourcePosition> positions) {
  SourceMap m;
  if (!positions.empty()) m.anchor_ = positions.front();
  m.positions_ = std::move(positions);
  return m;
}

SourcePosition SourceMap::at(std::size_t offset) const noexcept {
  if (positions_.empty()) return anchor_;
  return positions_[std::min(offset, positions_.size() - 1)];
}

SourcePosition character_position(std::string_view content, std::size_t line,
                                  std::size_t byte_column) noexcept {
  std::size_t start = 0;
  for (std::size_t l = 1; l < line; ++l) {
    std::size_t nl = content.find('\n', start);
    if (nl == std::string_view::npos) return SourcePosition{line, byte_column};
    start = nl + 1;
  }
  std::size_t column = 1;
  for (std::size_t i = start; i + 1 < start + byte_column && i < content.size(); ++i)
    if ((static_cast<unsigned char>(content[i]) & 0xC0) != 0x80) ++column;
  return SourcePosition{line, column};
}

Sid placeholder_domain_sid() noexcept {
  return Sid{sid_authority::nt, {sid_rid::nt_non_unique, 0, 0, 0}};
}

LintSubject make_sddl_subject(std::string file, std::string sddl, SourceMap source,
                              const std::optional<Sid>& domain) {
  LintSubject s;
  s.file = std::move(file);
  s.source = std::move(source);
  SddlParseOptions options;
  options.context.domain = domain ? *domain : placeholder_domain_sid();
  s.placeholder_domain = !domain;
  auto parsed = parse_sddl_detailed(sddl, options);
  if (parsed)
    s.parsed = std::move(parsed).value();
  else
    s.parsed = std::move(parsed).error();
  s.sddl = std::move(sddl);
  return s;
}

LintSubject make_descriptor_subject(std::string file, SecurityDescriptor descriptor,
                                    SourcePosition position) {
  LintSubject s;
  s.file = std::move(file);
  s.source = SourceMap::fixed(position);
  SddlParse p;
  p.descriptor = std::move(descriptor);
  s.parsed = std::move(p);
  return s;
}

namespace {

// The subject's basis, or what the settings give: the --object/config type, else none.
ObjectTypeBasis basis_of(const LintSubject& subject, const LintSettings& settings) {
  if (subject.object_type_basis) return *subject.object_type_basis;
  if (subject.object_type)
    return ObjectTypeBasis{std::string(to_string(*subject.object_type)), "option", ""};
  if (settings.object)
    return ObjectTypeBasis{std::string(to_string(*settings.object)), "option",
                           "--object or the config's object"};
  return ObjectTypeBasis{"", "none", "no type given (--object, a policy or an sddl-lint "
                                     "comment) and none inferred"};
}

}  // namespace

std::vector<Finding> lint_subject(const LintSubject& subject, const LintSettings& settings) {
  std::vector<Finding> findings = Checker(subject, settings).run();
  if (!findings.empty()) {
    const ObjectTypeBasis basis = basis_of(subject, settings);
    for (auto& f : findings) f.object_type = basis;
  }
  return findings;
}

Finding make_finding(Rule rule, Severity severity, std::string file, SourcePosition position,
                     std::string message) {
  return Finding{SourceLocation::at(std::move(file), position), severity,
                 std::string(to_string(rule)), std::move(message), {}, {}};
}

std::optional<Rule> rule_of(const Diagnostic& finding) noexcept { return find_rule(finding.code); }

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.where != b.where) return a.where < b.where;
    if (a.code == b.code) return false;
    // Rule table order, not the ids' alphabetical order; a code that is no rule id goes last.
    const auto ra = rule_of(a);
    const auto rb = rule_of(b);
    if (ra && rb) return *ra < *rb;
    if (ra || rb) return ra.has_value();
    return a.code < b.code;
  });
}

bool findings_fail(const std::vector<Finding>& findings, bool warnings_fail) noexcept {
  for (const auto& f : findings)
    if (f.severity == Severity::error || (warnings_fail && f.severity == Severity::warning))
      return true;
  return false;
}

}  // namespace secdesc
