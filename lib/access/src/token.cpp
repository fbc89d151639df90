// Tokens, presets and the token SPEC parser. Sources for the facts used here:
// - SID attributes (enabled, deny-only): MS Learn "SID Attributes in an Access Token".
// - TOKEN_MANDATORY_POLICY bits: MS-DTYP 2.4.8.
// - Privilege names and constants: Windows SDK winnt.h (SE_*_NAME); what the access check does
//   with them: MS-DTYP 2.5.3.2 / 2.5.3.3 and MS Learn "SACL Access Right".
// - Restricted and write-restricted tokens: MS Learn "Restricted Tokens", CreateRestrictedToken.
// - AppContainer SIDs: MS Learn "App Container SID Constants", "Launch an AppContainer" (LPAC
//   opts out of ALL APPLICATION PACKAGES).
// - Claims and device groups: MS-DTYP 2.5.2 (the token's claims and DeviceSIDs[]), 2.4.10.1
//   (claim value types).
// - Service tokens: MS Learn "SERVICE_SID_INFO structure (winsvc.h)": a service SID is added with
//   SE_GROUP_ENABLED_BY_DEFAULT | SE_GROUP_OWNER, the SCM adds the logon SID and LOCAL; for
//   SERVICE_SID_TYPE_RESTRICTED the token is write-restricted and its restricting SIDs are the
//   service SID, World (S-1-1-0), the service logon SID and Write Restricted (S-1-5-33).
// - LocalService, NetworkService and the Service group (S-1-5-6): MS Learn "LocalService
//   Account", "NetworkService Account" and "Special Identities" ("Service: any service that
//   accesses the system"); services run at System integrity (MS Learn "Mandatory Integrity
//   Control").
// - Anonymous: Microsoft KB 278259 ("Everyone group does not include anonymous security
//   identifier", Windows XP and later; the policy "Network access: Let Everyone permissions apply
//   to anonymous users" puts it back) and "Special Identities" (Anonymous Logon S-1-5-7 "is not a
//   member of the Everyone group by default").
#include "secdesc/token.hpp"

#include <algorithm>
#include <array>
#include <span>

#include <fmt/format.h>

#include "secdesc/condition_eval.hpp"
#include "secdesc/principal_names.hpp"
#include "core/internal/suggest.hpp"
#include "core/internal/text.hpp"
#include "core/internal/utf.hpp"

namespace secdesc {
namespace {

using P = Privilege;
constexpr std::array kPrivileges{
    PrivilegeInfo{P::security, "SeSecurityPrivilege", "SE_SECURITY_NAME",
                  "grants ACCESS_SYSTEM_SECURITY (the only way to get it)"},
    PrivilegeInfo{P::take_ownership, "SeTakeOwnershipPrivilege", "SE_TAKE_OWNERSHIP_NAME",
                  "grants WRITE_OWNER whatever the DACL says"},
    PrivilegeInfo{P::relabel, "SeRelabelPrivilege", "SE_RELABEL_NAME",
                  "keeps WRITE_OWNER through the mandatory integrity check"},
    PrivilegeInfo{P::backup, "SeBackupPrivilege", "SE_BACKUP_NAME",
                  "none here: the I/O manager applies it to opens with backup intent"},
    PrivilegeInfo{P::restore, "SeRestorePrivilege", "SE_RESTORE_NAME",
                  "none here: the I/O manager applies it to opens with backup intent"},
    PrivilegeInfo{P::change_notify, "SeChangeNotifyPrivilege", "SE_CHANGE_NOTIFY_NAME",
                  "none here: it bypasses traverse checking on paths"},
};

std::string sid_text(const Sid& sid, const SidContext& context) {
  if (auto alias = sid_alias(sid, context)) return std::string(*alias);
  return sid.to_string();
}

// "IU,BA,S-1-5-..." (aliases where there are any), as describe_token lists SIDs.
std::string sid_list_text(std::span<const Sid> list, const SidContext& context) {
  std::vector<std::string> texts;
  texts.reserve(list.size());
  for (const Sid& sid : list) texts.push_back(sid_text(sid, context));
  return detail::join(texts, ",");
}

// The groups every logged-on interactive user has (MS Learn "Well-known SIDs" names them).
std::vector<TokenGroup> interactive_groups() {
  std::vector<TokenGroup> g;
  for (const Sid& sid : {sids::everyone, sids::local, sids::builtin_users, sids::interactive,
                         sids::console_logon, sids::authenticated_users, sids::this_organization})
    g.push_back(TokenGroup{sid, true, false, false});
  return g;
}

Token base_user(const Sid& user, const Sid& level) {
  Token t;
  t.user = user;
  t.groups = interactive_groups();
  t.integrity_level = level;
  t.mandatory_policy = token_policy::no_write_up;
  t.privileges = {TokenPrivilege{P::change_notify, true}};
  return t;
}

std::vector<TokenPrivilege> administrator_privileges() {
  return {TokenPrivilege{P::security, false}, TokenPrivilege{P::take_ownership, false},
          TokenPrivilege{P::relabel, false},  TokenPrivilege{P::backup, false},
          TokenPrivilege{P::restore, false},  TokenPrivilege{P::change_notify, true}};
}

Token make_administrator(bool elevated) {
  Token t = base_user(presets::example_admin, elevated ? sids::high_integrity
                                                       : sids::medium_integrity);
  TokenGroup admins{sids::builtin_administrators, elevated, !elevated, elevated};
  t.groups.insert(t.groups.begin() + 2, admins);
  if (elevated) t.privileges = administrator_privileges();
  return t;
}

// NT AUTHORITY\\SERVICE (S-1-5-6, SDDL alias SU): winnt.h's SECURITY_SERVICE_RID.
constexpr std::uint32_t kServiceRid = 6;
constexpr Sid kServiceGroup{sid_authority::nt, {kServiceRid}};

// What every service account's token holds besides its user: the Service group and the groups of
// a logged-on account (World, BUILTIN\\Users, LOCAL, Authenticated Users), at System integrity.
Token service_account(const Sid& user) {
  Token t;
  t.user = user;
  for (const Sid& sid : {sids::everyone, sids::builtin_users, kServiceGroup, sids::local,
                         sids::authenticated_users})
    t.groups.push_back(TokenGroup{sid, true, false, false});
  t.integrity_level = sids::system_integrity;
  t.mandatory_policy = token_policy::no_write_up;
  t.privileges = {TokenPrivilege{P::change_notify, true}};
  return t;
}

constexpr std::array kPresets{
    TokenPreset{"local-system", &local_system, "SYSTEM at System integrity"},
    TokenPreset{"administrator-elevated", &administrator_elevated,
                "an elevated administrator (High integrity, BA enabled)"},
    TokenPreset{"administrator-filtered", &administrator_filtered,
                "a UAC-filtered administrator (Medium, BA deny-only)"},
    TokenPreset{"interactive-user", &interactive_user, "a standard interactive user (Medium)"},
    TokenPreset{"low-integrity-user", &low_integrity_user, "the interactive user at Low integrity"},
    TokenPreset{"appcontainer-process", &appcontainer_process,
                "the interactive user in an AppContainer (Low, internetClient)"},
    TokenPreset{"restricted-sandbox", &restricted_sandbox,
                "a restricted token: restricting SIDs RC and the NULL SID (Low)"},
    TokenPreset{"anonymous", &anonymous_logon,
                "ANONYMOUS LOGON (AN), no groups (not even WD), Untrusted integrity"},
    TokenPreset{"local-service", &local_service,
                "the LocalService account (LS) with WD, BU, SERVICE, LOCAL, AU (System)"},
    TokenPreset{"network-service", &network_service,
                "the NetworkService account (NS) with WD, BU, SERVICE, LOCAL, AU (System)"},
};

constexpr std::array kServicePresets{
    ServiceTokenPreset{"service", &service_token,
                       "a LocalSystem service: SY, BA, WD, AU, LOCAL, its logon SID and the "
                       "service SID of NT SERVICE\\NAME (owner) (System)"},
    ServiceTokenPreset{"write-restricted-service", &write_restricted_service_token,
                       "the same service with SERVICE_SID_TYPE_RESTRICTED: write-restricted by "
                       "its service SID, WD, its logon SID and WR (S-1-5-33)"},
};

// ---- SPEC parsing --------------------------------------------------------------------------

enum class Key : std::uint8_t {
  preset,
  user,
  groups,
  deny_only,
  restricted,
  write_restricted,
  integrity,
  mandatory_policy,
  privileges,
  appcontainer,
  capabilities,
  lpac,
  user_claims,
  device_claims,
  device_groups,
  local_claims,
};

struct KeyName {
  Key key;
  std::string_view name;
  std::string_view value;  // the value's syntax, for help
  std::string_view help;
};
// In the order the keys apply.
constexpr std::array kKeys{
    KeyName{Key::preset, "preset", "NAME", "start from a preset (below); without one, user= is "
                                           "required. A SPEC that is only a NAME is preset=NAME"},
    KeyName{Key::user, "user", "SID", "the user SID"},
    KeyName{Key::groups, "groups", "SID,...",
            "the groups, all enabled (replaces the preset's); groups=+SID,... adds to them"},
    KeyName{Key::deny_only, "deny-only", "SID,...",
            "make these SIDs deny-only: the user, a group, or a new deny-only group"},
    KeyName{Key::restricted, "restricted", "SID,...", "restricting SIDs (replaces)"},
    KeyName{Key::write_restricted, "write-restricted", "true|false",
            "the restricting SIDs apply to write access only"},
    KeyName{Key::integrity, "integrity", "LEVEL", "integrity level: a word below or S-1-16-N"},
    KeyName{Key::mandatory_policy, "mandatory-policy", "P,...",
            "off, or no-write-up and/or new-process-min (default no-write-up)"},
    KeyName{Key::privileges, "privileges", "NAME,...",
            "held and enabled privileges (replaces), e.g. SeSecurityPrivilege"},
    KeyName{Key::appcontainer, "appcontainer", "SID",
            "AppContainer package: S-1-15-2-... or package:FamilyName; empty for none"},
    KeyName{Key::capabilities, "capabilities", "SID,...",
            "capabilities (replaces): S-1-15-3-..., capability:name, or a known name "
            "(internetClient, lpacCom, ...)"},
    KeyName{Key::lpac, "lpac", "true|false",
            "less-privileged AppContainer (no ALL APPLICATION PACKAGES)"},
    KeyName{Key::user_claims, "user-claims", "NAME:TYPE:VALUE|...,...",
            "user claims (@USER. in conditions); TYPE below, values separated by '|'"},
    KeyName{Key::device_claims, "device-claims", "NAME:TYPE:VALUE|...,...",
            "device claims (@DEVICE. in conditions)"},
    KeyName{Key::device_groups, "device-groups", "SID,...",
            "the device's group SIDs (Device_Member_of in conditions)"},
    KeyName{Key::local_claims, "local-claims", "NAME:TYPE:VALUE|...,...",
            "local claims (unprefixed attributes in conditions)"},
};

struct Piece {
  std::string_view text;
  std::size_t offset = 0;  // into the SPEC
};

// Trims spaces, keeping the offset right.
Piece trim(Piece p) {
  while (!p.text.empty() && p.text.front() == ' ') {
    p.text.remove_prefix(1);
    ++p.offset;
  }
  while (!p.text.empty() && p.text.back() == ' ') p.text.remove_suffix(1);
  return p;
}

std::vector<Piece> split(Piece whole, char separator) {
  std::vector<Piece> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = whole.text.find(separator, start);
    std::size_t end = at == std::string_view::npos ? whole.text.size() : at;
    out.push_back(trim(Piece{whole.text.substr(start, end - start), whole.offset + start}));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

std::vector<std::string_view> key_names() {
  std::vector<std::string_view> out;
  for (const auto& k : kKeys) out.push_back(k.name);
  return out;
}

struct Entry {
  bool present = false;
  Piece value;
  Piece key;
};

Error spec_error(std::size_t offset, std::string message) {
  return make_error(ErrorCode::invalid_argument, offset, std::move(message));
}

// A list value: items separated by ','; an empty value is the empty list.
Result<std::vector<Piece>> list_items(const Entry& e) {
  std::vector<Piece> items;
  if (e.value.text.empty()) return items;
  for (const Piece& item : split(e.value, ',')) {
    if (item.text.empty())
      return spec_error(item.offset, fmt::format("{}: empty item in the list", e.key.text));
    items.push_back(item);
  }
  return items;
}

// A SID or a principal's name, read by the one resolver (resolve_principal): aliases, S-1-...,
// account names, NT SERVICE\\Name, IIS APPPOOL\\Name, package:Name, capability:name.
Result<Sid> sid_item(const Entry& e, const Piece& item, const SidContext& context) {
  auto sid = resolve_principal(item.text, context);
  if (!sid) {
    const Error& err = sid.error();
    return make_error(err.code, item.offset + (err.has_offset() ? err.offset : 0),
                      fmt::format("{}: '{}' is not a SID: {}", e.key.text, item.text, err.message));
  }
  return sid;
}

Result<std::vector<Sid>> sid_list(const Entry& e, const SidContext& context) {
  SECDESC_TRY(const auto items, list_items(e));
  std::vector<Sid> out;
  for (const Piece& item : items) {
    SECDESC_TRY(const Sid sid, sid_item(e, item, context));
    out.push_back(sid);
  }
  return out;
}

// NAME:TYPE:VALUE|VALUE...; TYPE is a claim type name (claim_type_table()).
Result<Claim> claim_item(const Entry& e, const Piece& item, const SidContext& context) {
  const std::size_t first = item.text.find(':');
  const std::size_t second = first == std::string_view::npos ? first : item.text.find(':', first + 1);
  std::vector<std::string_view> types;
  for (const auto& t : claim_type_table()) types.push_back(t.name);
  if (second == std::string_view::npos)
    return spec_error(item.offset, fmt::format("{}: expected NAME:TYPE:VALUE, not '{}'",
                                               e.key.text, item.text));
  const std::string_view name = item.text.substr(0, first);
  const std::string_view type_text = item.text.substr(first + 1, second - first - 1);
  auto type = find_claim_type_by_name(type_text);
  if (name.empty()) return spec_error(item.offset, fmt::format("{}: the claim needs a name", e.key.text));
  if (!type)
    return spec_error(item.offset + first + 1,
                      fmt::format("{}: unknown claim type '{}'{}; types are {}", e.key.text,
                                  type_text, detail::did_you_mean(type_text, types),
                                  detail::join(types)));
  Claim claim;
  auto wide = detail::utf8_to_utf16(name);
  if (!wide) return spec_error(item.offset, fmt::format("{}: the claim name is not UTF-8", e.key.text));
  claim.name = std::move(*wide);
  claim.type = type->type;
  for (const Piece& v : split(Piece{item.text.substr(second + 1), item.offset + second + 1}, '|')) {
    auto bad = [&](std::string_view expected) {
      return spec_error(v.offset, fmt::format("{}: claim '{}': expected {}, not '{}'", e.key.text,
                                              name, expected, v.text));
    };
    switch (claim.type) {
      case ClaimType::string: {
        auto text = detail::utf8_to_utf16(v.text);
        if (!text) return bad("UTF-8 text");
        claim.strings.push_back(std::move(*text));
        break;
      }
      case ClaimType::sid: {
        SECDESC_TRY(const Sid sid, sid_item(e, v, context));
        claim.sids.push_back(sid);
        break;
      }
      case ClaimType::boolean:
        if (detail::iequals(v.text, "true") || v.text == "1") claim.integers.push_back(1);
        else if (detail::iequals(v.text, "false") || v.text == "0") claim.integers.push_back(0);
        else return bad("true or false");
        break;
      case ClaimType::octet_string: {
        if (v.text.size() % 2 != 0) return bad("hex digits in pairs");
        std::vector<std::byte> bytes;
        for (std::size_t k = 0; k < v.text.size(); k += 2) {
          const int hi = detail::hex_value(v.text[k]), lo = detail::hex_value(v.text[k + 1]);
          if (hi < 0 || lo < 0) return bad("hex digits in pairs");
          bytes.push_back(static_cast<std::byte>(hi * 16 + lo));
        }
        claim.octets.push_back(std::move(bytes));
        break;
      }
      default: {
        const bool signed_type = claim.type == ClaimType::int64;
        auto n = detail::parse_number(v.text, 0, 10, UINT64_MAX, signed_type);
        if (n.length == 0 || n.length != v.text.size() || n.overflow ||
            (n.negative && n.value > (std::uint64_t{1} << 63)) ||
            (signed_type && !n.negative && n.value > static_cast<std::uint64_t>(INT64_MAX)))
          return bad(signed_type ? "a 64-bit signed decimal number" : "an unsigned decimal number");
        claim.integers.push_back(n.negative ? 0 - n.value : n.value);
        break;
      }
    }
  }
  if (auto err = validate_claim(claim))
    return spec_error(item.offset, fmt::format("{}: {}", e.key.text, err->message));
  return claim;
}

Result<std::vector<Claim>> claim_list(const Entry& e, const SidContext& context) {
  SECDESC_TRY(const auto items, list_items(e));
  std::vector<Claim> out;
  for (const Piece& item : items) {
    SECDESC_TRY(Claim claim, claim_item(e, item, context));
    for (const Claim& c : out)
      if (c.name == claim.name)
        return spec_error(item.offset, fmt::format("{}: claim '{}' is given twice", e.key.text,
                                                   claim.name_utf8()));
    out.push_back(std::move(claim));
  }
  return out;
}

Result<bool> bool_value(const Entry& e) {
  if (detail::iequals(e.value.text, "true")) return true;
  if (detail::iequals(e.value.text, "false")) return false;
  return spec_error(e.value.offset, fmt::format("{}: expected true or false, not '{}'", e.key.text,
                                                e.value.text));
}

Result<Sid> integrity_value(const Entry& e, const SidContext& context) {
  for (const auto& level : integrity_level_names())
    if (detail::iequals(level.name, e.value.text)) return level.sid;
  const std::string_view text = e.value.text;
  const bool sid_like = text.size() == 2 || (text.size() > 2 && detail::ascii_upper(text[0]) == 'S' &&
                                             text[1] == '-');
  if (!sid_like) {
    std::vector<std::string_view> words;
    for (const auto& level : integrity_level_names()) words.push_back(level.name);
    return spec_error(e.value.offset,
                      fmt::format("integrity: unknown level '{}'{}; levels are {} or S-1-16-N",
                                  text, detail::did_you_mean(text, words), detail::join(words)));
  }
  SECDESC_TRY(const Sid sid, sid_item(e, e.value, context));
  if (!is_integrity_sid(sid))
    return spec_error(e.value.offset,
                      fmt::format("integrity: {} is not an integrity level SID (S-1-16-N)",
                                  sid.to_string()));
  return sid;
}

Result<std::uint32_t> policy_value(const Entry& e) {
  SECDESC_TRY(const auto items, list_items(e));
  if (items.empty())
    return spec_error(e.value.offset, "mandatory-policy: give off, or no-write-up and/or "
                                      "new-process-min");
  constexpr std::array words{std::string_view{"off"}, std::string_view{"no-write-up"},
                             std::string_view{"new-process-min"}};
  std::uint32_t policy = 0;
  for (const Piece& item : items) {
    if (detail::iequals(item.text, "off")) {
      if (items.size() != 1)
        return spec_error(item.offset, "mandatory-policy: 'off' cannot be combined");
    } else if (detail::iequals(item.text, "no-write-up")) {
      policy |= token_policy::no_write_up;
    } else if (detail::iequals(item.text, "new-process-min")) {
      policy |= token_policy::new_process_min;
    } else {
      return spec_error(item.offset,
                        fmt::format("mandatory-policy: unknown value '{}'{}; values are {}",
                                    item.text, detail::did_you_mean(item.text, words),
                                    detail::join(words)));
    }
  }
  return policy;
}

Result<std::vector<TokenPrivilege>> privileges_value(const Entry& e) {
  SECDESC_TRY(const auto items, list_items(e));
  std::vector<TokenPrivilege> out;
  for (const Piece& item : items) {
    auto privilege = find_privilege(item.text);
    if (!privilege) {
      std::vector<std::string_view> names;
      for (const auto& p : kPrivileges) names.push_back(p.name);
      return spec_error(item.offset,
                        fmt::format("privileges: unknown privilege '{}'{}; known: {}", item.text,
                                    detail::did_you_mean(item.text, names), detail::join(names)));
    }
    out.push_back(TokenPrivilege{*privilege, true});
  }
  return out;
}

bool is_package_sid(const Sid& sid) {
  auto subs = sid.sub_authorities();
  return sid.authority() == sid_authority::app_package && subs.size() > 2 &&
         subs[0] == sid_rid::app_package_base;
}

Result<Token> preset_value(const Entry& e) {
  const std::string_view text = e.value.text;
  for (const auto& p : kPresets)
    if (detail::iequals(p.name, text)) return p.make();
  // service:NAME, write-restricted-service:NAME: the service's name follows the colon.
  if (const std::size_t colon = text.find(':'); colon != std::string_view::npos) {
    for (const auto& p : kServicePresets) {
      if (!detail::iequals(p.name, text.substr(0, colon))) continue;
      auto token = p.make(text.substr(colon + 1));
      if (!token)
        return spec_error(e.value.offset + colon + 1,
                          fmt::format("preset: {}", token.error().message));
      return token;
    }
  }
  std::vector<std::string> names, candidates;
  for (const auto& p : kPresets) names.emplace_back(p.name);
  candidates = names;
  // "servise:AcmeSync" is matched against "service:AcmeSync", the service's name kept.
  const std::size_t colon = text.find(':');
  for (const auto& p : kServicePresets) {
    names.push_back(fmt::format("{}:NAME", p.name));
    candidates.push_back(colon == std::string_view::npos
                             ? names.back()
                             : fmt::format("{}{}", p.name, text.substr(colon)));
  }
  return spec_error(e.value.offset, fmt::format("preset: unknown preset '{}'{}; presets are {}",
                                                text, detail::did_you_mean(text, candidates),
                                                detail::join(names)));
}

// capabilities= items: a SID or capability:name through the resolver, or a bare name Windows
// itself uses (legacy_capabilities(), known_capability_names()). A bare unknown word is refused
// rather than hashed: "lpacCon" would otherwise silently name a capability nobody holds.
Result<Sid> capability_item(const Entry& e, const Piece& item, const SidContext& context) {
  const std::string_view text = item.text;
  const bool sid_like = (text.size() == 2 && detail::is_alpha(text[0]) && detail::is_alpha(text[1])) ||
                        (text.size() >= 2 && detail::ascii_upper(text[0]) == 'S' && text[1] == '-');
  if (sid_like || text.find(':') != std::string_view::npos) return sid_item(e, item, context);
  std::vector<std::string_view> known;
  for (const auto& c : legacy_capabilities()) known.push_back(c.name);
  for (std::string_view name : known_capability_names()) known.push_back(name);
  for (std::string_view name : known)
    if (detail::iequals(name, text)) {
      SECDESC_TRY(const auto both, capability_sids(name));
      return both.capability;
    }
  return spec_error(item.offset,
                    fmt::format("capabilities: unknown capability '{}'{}; write capability:{} for "
                                "a capability Windows does not define, or a SID S-1-15-3-...",
                                text, detail::did_you_mean(text, known), text));
}

void make_deny_only(Token& token, const Sid& sid) {
  if (token.user == sid) {
    token.user_deny_only = true;
    return;
  }
  for (auto& g : token.groups) {
    if (g.sid == sid) {
      g.enabled = false;
      g.deny_only = true;
      return;
    }
  }
  token.groups.push_back(TokenGroup{sid, false, true, false});
}

// The SPEC's entries, one slot per key (kKeys' order); each key at most once.
using Entries = std::array<Entry, kKeys.size()>;

const Entry& entry(const Entries& entries, Key key) {
  return entries[static_cast<std::size_t>(key)];
}

// Splits "key=value;key=value" into its entries, checking the key names.
Result<Entries> read_entries(std::string_view spec) {
  Entries entries{};
  // A SPEC that is one word without '=' is a preset's name ("low-integrity-user",
  // "service:AcmeSync"), as a policy's `token = "..."` string is.
  if (const Piece whole = trim(Piece{spec, 0});
      !whole.text.empty() && whole.text.find_first_of("=;") == std::string_view::npos) {
    entries[static_cast<std::size_t>(Key::preset)] = Entry{true, whole, Piece{"preset", 0}};
    return entries;
  }
  for (const Piece& segment : split(Piece{spec, 0}, ';')) {
    if (segment.text.empty()) continue;
    const std::size_t eq = segment.text.find('=');
    if (eq == std::string_view::npos)
      return spec_error(segment.offset,
                        fmt::format("expected key=value, not '{}'; keys are {}", segment.text,
                                    detail::join(key_names())));
    const Piece key = trim(Piece{segment.text.substr(0, eq), segment.offset});
    const Piece value = trim(Piece{segment.text.substr(eq + 1), segment.offset + eq + 1});
    auto found = std::find_if(kKeys.begin(), kKeys.end(),
                              [&](const KeyName& k) { return detail::iequals(k.name, key.text); });
    if (found == kKeys.end())
      return spec_error(key.offset, fmt::format("unknown key '{}'{}; keys are {}", key.text,
                                                detail::did_you_mean(key.text, key_names()),
                                                detail::join(key_names())));
    Entry& e = entries[static_cast<std::size_t>(found - kKeys.begin())];
    if (e.present)
      return spec_error(key.offset, fmt::format("key '{}' is given twice", found->name));
    // The key is stored with its canonical spelling: messages name it as the help does.
    e = Entry{true, value, Piece{found->name, key.offset}};
  }
  return entries;
}

// The preset's token, or an empty one when user= gives the user (one of the two is required).
Result<Token> starting_token(const Entries& entries) {
  if (const Entry& e = entry(entries, Key::preset); e.present) return preset_value(e);
  if (!entry(entries, Key::user).present)
    return spec_error(0, "the token SPEC needs preset=NAME or user=SID");
  return Token{};
}

// user=, groups=, deny-only=, restricted=, write-restricted=.
std::optional<Error> apply_identity(const Entries& entries, const SidContext& context,
                                    Token& token) {
  if (const Entry& e = entry(entries, Key::user); e.present) {
    SECDESC_TRY(token.user, sid_item(e, e.value, context));
    token.user_deny_only = false;
  }
  if (const Entry& e = entry(entries, Key::groups); e.present) {
    // groups=+SID,... adds to the preset's groups (enabling one it has as deny-only or disabled);
    // groups=SID,... replaces them.
    const bool add = !e.value.text.empty() && e.value.text.front() == '+';
    Entry list_entry = e;
    if (add) list_entry.value = trim(Piece{e.value.text.substr(1), e.value.offset + 1});
    SECDESC_TRY(const auto list, sid_list(list_entry, context));
    if (add && list.empty())
      return spec_error(e.value.offset, "groups: '+' needs at least one SID to add");
    if (!add) token.groups.clear();
    for (const Sid& sid : list) {
      auto found = std::find_if(token.groups.begin(), token.groups.end(),
                                [&](const TokenGroup& g) { return g.sid == sid; });
      if (found == token.groups.end()) {
        token.groups.push_back(TokenGroup{sid, true, false, false});
      } else {
        found->enabled = true;
        found->deny_only = false;
      }
    }
  }
  if (const Entry& e = entry(entries, Key::deny_only); e.present) {
    SECDESC_TRY(const auto list, sid_list(e, context));
    for (const Sid& sid : list) make_deny_only(token, sid);
  }
  if (const Entry& e = entry(entries, Key::restricted); e.present) {
    SECDESC_TRY(token.restricted_sids, sid_list(e, context));
  }
  if (const Entry& e = entry(entries, Key::write_restricted); e.present) {
    SECDESC_TRY(token.write_restricted, bool_value(e));
  }
  return std::nullopt;
}

// integrity=, mandatory-policy=, privileges=.
std::optional<Error> apply_integrity_and_privileges(const Entries& entries,
                                                    const SidContext& context, Token& token) {
  if (const Entry& e = entry(entries, Key::integrity); e.present) {
    SECDESC_TRY(token.integrity_level, integrity_value(e, context));
  }
  if (const Entry& e = entry(entries, Key::mandatory_policy); e.present) {
    SECDESC_TRY(token.mandatory_policy, policy_value(e));
  }
  if (const Entry& e = entry(entries, Key::privileges); e.present) {
    SECDESC_TRY(token.privileges, privileges_value(e));
  }
  return std::nullopt;
}

// appcontainer= ("" or "none" removes the preset's), capabilities=, lpac=.
std::optional<Error> apply_appcontainer(const Entries& entries, const SidContext& context,
                                        Token& token) {
  if (const Entry& e = entry(entries, Key::appcontainer); e.present) {
    if (e.value.text.empty() || detail::iequals(e.value.text, "none")) {
      token.appcontainer.reset();
    } else {
      SECDESC_TRY(const Sid sid, sid_item(e, e.value, context));
      // ALL APPLICATION PACKAGES and ALL RESTRICTED APPLICATION PACKAGES have the package SID's
      // shape but name groups of packages, not one package.
      if (!is_package_sid(sid) || sid == sids::all_app_packages ||
          sid == sids::all_restricted_app_packages)
        return spec_error(e.value.offset,
                          fmt::format("appcontainer: {} is not an AppContainer package SID "
                                      "(S-1-15-2-x-x-x-x-x-x-x)",
                                      sid.to_string()));
      token.appcontainer = sid;
    }
  }
  if (const Entry& e = entry(entries, Key::capabilities); e.present) {
    SECDESC_TRY(const auto items, list_items(e));
    token.capabilities.clear();
    for (const Piece& item : items) {
      SECDESC_TRY(const Sid sid, capability_item(e, item, context));
      if (!is_capability_sid(sid))
        return spec_error(item.offset, fmt::format("capabilities: {} is not a capability SID "
                                                   "(S-1-15-3-...)",
                                                   sid.to_string()));
      token.capabilities.push_back(sid);
    }
  }
  if (const Entry& e = entry(entries, Key::lpac); e.present) {
    SECDESC_TRY(token.less_privileged_appcontainer, bool_value(e));
  }
  return std::nullopt;
}

// user-claims=, device-claims=, local-claims=, device-groups=.
std::optional<Error> apply_claims(const Entries& entries, const SidContext& context,
                                  Token& token) {
  for (auto [key, list] : {std::pair{Key::user_claims, &token.user_claims},
                           std::pair{Key::device_claims, &token.device_claims},
                           std::pair{Key::local_claims, &token.local_claims}}) {
    if (const Entry& e = entry(entries, key); e.present) {
      SECDESC_TRY(*list, claim_list(e, context));
    }
  }
  if (const Entry& e = entry(entries, Key::device_groups); e.present) {
    SECDESC_TRY(token.device_groups, sid_list(e, context));
  }
  return std::nullopt;
}

}  // namespace

std::span<const PrivilegeInfo> privilege_table() noexcept { return kPrivileges; }

const PrivilegeInfo& privilege_info(Privilege privilege) noexcept {
  for (const auto& p : kPrivileges)
    if (p.privilege == privilege) return p;
  return kPrivileges[0];
}

std::optional<Privilege> find_privilege(std::string_view name) noexcept {
  for (const auto& p : kPrivileges)
    if (detail::iequals(p.name, name)) return p.privilege;
  return std::nullopt;
}

std::string_view to_string(Privilege privilege) noexcept { return privilege_info(privilege).name; }

bool Token::privilege_enabled(Privilege privilege) const noexcept {
  return std::any_of(privileges.begin(), privileges.end(), [&](const TokenPrivilege& p) {
    return p.privilege == privilege && p.enabled;
  });
}

bool Token::has_enabled_sid(const Sid& sid) const noexcept {
  if (user == sid && !user_deny_only) return true;
  return std::any_of(groups.begin(), groups.end(), [&](const TokenGroup& g) {
    return g.sid == sid && g.enabled && !g.deny_only;
  });
}

bool Token::has_deny_sid(const Sid& sid) const noexcept {
  if (user == sid) return true;
  return std::any_of(groups.begin(), groups.end(), [&](const TokenGroup& g) {
    return g.sid == sid && (g.enabled || g.deny_only);
  });
}

std::vector<Sid> Token::appcontainer_sids() const {
  std::vector<Sid> out;
  if (!appcontainer) return out;
  out.push_back(*appcontainer);
  out.insert(out.end(), capabilities.begin(), capabilities.end());
  if (!less_privileged_appcontainer) out.push_back(sids::all_app_packages);
  out.push_back(sids::all_restricted_app_packages);
  return out;
}

std::string describe_token(const Token& token, const SidContext& context) {
  std::string out = "user " + sid_text(token.user, context);
  if (token.user_deny_only) out += " (deny-only)";
  std::vector<Sid> enabled, deny_only;
  for (const auto& g : token.groups) {
    if (g.deny_only)
      deny_only.push_back(g.sid);
    else if (g.enabled)
      enabled.push_back(g.sid);
  }
  out += "; groups " + (enabled.empty() ? std::string("none") : sid_list_text(enabled, context));
  if (!deny_only.empty()) out += "; deny-only " + sid_list_text(deny_only, context);
  out += "; integrity " + integrity_level_name(token.integrity_level);
  std::string policy;
  if (token.mandatory_policy & token_policy::no_write_up) policy = "no-write-up";
  if (token.mandatory_policy & token_policy::new_process_min)
    policy += policy.empty() ? "new-process-min" : ",new-process-min";
  out += "; mandatory-policy " + (policy.empty() ? std::string("off") : policy);
  std::vector<std::string> privileges;
  for (const auto& p : token.privileges)
    privileges.push_back(std::string(to_string(p.privilege)) + (p.enabled ? "" : "(disabled)"));
  out += "; privileges " + (privileges.empty() ? std::string("none") : detail::join(privileges, ","));
  if (token.is_restricted()) {
    out += token.write_restricted ? "; write-restricted by " : "; restricted by ";
    out += sid_list_text(token.restricted_sids, context);
  }
  // Claims as the SPEC writes them: NAME:TYPE:VALUE|VALUE.
  auto claims = [&](std::string_view what, const std::vector<Claim>& list) {
    if (list.empty()) return;
    out += fmt::format("; {} ", what);
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Claim& c = list[i];
      auto type = find_claim_type(c.type);
      out += fmt::format("{}{}:{}:", i ? "," : "", c.name_utf8(), type ? type->name : "?");
      for (std::size_t k = 0; k < c.value_count(); ++k) {
        if (k) out += '|';
        switch (c.type) {
          case ClaimType::string: out += detail::utf16_to_utf8(c.strings[k]); break;
          case ClaimType::sid: out += sid_text(c.sids[k], context); break;
          case ClaimType::int64: out += std::to_string(static_cast<std::int64_t>(c.integers[k])); break;
          case ClaimType::boolean: out += c.integers[k] ? "true" : "false"; break;
          case ClaimType::octet_string:
            for (auto b : c.octets[k]) out += fmt::format("{:02x}", std::to_integer<unsigned>(b));
            break;
          default: out += std::to_string(c.integers[k]); break;
        }
      }
    }
  };
  claims("user claims", token.user_claims);
  claims("device claims", token.device_claims);
  claims("local claims", token.local_claims);
  if (!token.device_groups.empty())
    out += "; device groups " + sid_list_text(token.device_groups, context);
  if (token.appcontainer) {
    out += token.less_privileged_appcontainer ? "; LPAC " : "; AppContainer ";
    out += token.appcontainer->to_string();
    if (!token.capabilities.empty()) {
      std::vector<std::string> capabilities;
      for (const Sid& sid : token.capabilities) capabilities.push_back(sid.to_string());
      out += " capabilities " + detail::join(capabilities, ",");
    }
  }
  return out;
}

Token local_system() {
  Token t;
  t.user = sids::local_system;
  t.groups = {TokenGroup{sids::builtin_administrators, true, false, true},
              TokenGroup{sids::everyone, true, false, false},
              TokenGroup{sids::authenticated_users, true, false, false}};
  t.integrity_level = sids::system_integrity;
  t.mandatory_policy = token_policy::no_write_up;
  t.privileges = administrator_privileges();
  return t;
}

Token administrator_elevated() { return make_administrator(true); }
Token administrator_filtered() { return make_administrator(false); }
Token interactive_user() { return base_user(presets::example_user, sids::medium_integrity); }
Token low_integrity_user() { return base_user(presets::example_user, sids::low_integrity); }

Token appcontainer_process() {
  Token t = base_user(presets::example_user, sids::low_integrity);
  t.appcontainer = presets::example_package;
  t.capabilities = {presets::internet_client_capability};
  return t;
}

Token restricted_sandbox() {
  Token t = base_user(presets::example_user, sids::low_integrity);
  t.restricted_sids = {sids::restricted_code, sids::null};
  return t;
}

Token anonymous_logon() {
  // No groups: Everyone does not include Anonymous Logon since Windows XP (KB 278259); add
  // groups=+WD to model "Let Everyone permissions apply to anonymous users". Untrusted integrity
  // is what Windows gives the anonymous token (NtObjectManager's Get-NtToken -Anonymous shows
  // it); it is also the conservative choice, as a lower level can only deny more.
  Token t;
  t.user = sids::anonymous;
  t.integrity_level = sids::untrusted_integrity;
  t.mandatory_policy = token_policy::no_write_up;
  return t;
}

Token local_service() { return service_account(sids::local_service); }
Token network_service() { return service_account(sids::network_service); }

Result<Token> service_token(std::string_view service_name) {
  SECDESC_TRY(const Sid service, service_sid(service_name));
  Token t = local_system();
  for (const Sid& sid : {sids::local, presets::example_service_logon})
    t.groups.push_back(TokenGroup{sid, true, false, false});
  t.groups.push_back(TokenGroup{service, true, false, true});
  return t;
}

Result<Token> write_restricted_service_token(std::string_view service_name) {
  SECDESC_TRY(Token t, service_token(service_name));
  SECDESC_TRY(const Sid service, service_sid(service_name));
  t.restricted_sids = {service, sids::everyone, presets::example_service_logon,
                       sids::write_restricted_code};
  t.write_restricted = true;
  return t;
}

std::span<const TokenPreset> token_presets() noexcept { return kPresets; }
std::span<const ServiceTokenPreset> service_token_presets() noexcept { return kServicePresets; }

std::string token_spec_help() {
  std::string out =
      "key=value pairs separated by ';', lists separated by ','. Each key at most once; the "
      "preset applies first, then the other keys in this order, wherever they are written:\n";
  for (const auto& k : kKeys)
    out += fmt::format("  {:<30}{}\n", fmt::format("{}={}", k.name, k.value), k.help);
  out += "SIDs are aliases (IU, BA, ...), S-1-... strings, account names (\"Interactive "
         "users\") or derived names: NT SERVICE\\Name, IIS APPPOOL\\Name, package:FamilyName, "
         "capability:name, capability-group:name. Integrity levels:";
  for (const auto& level : integrity_level_names()) out += fmt::format(" {}", level.name);
  out += ".\nPrivileges:";
  for (const auto& p : kPrivileges) out += fmt::format(" {}", p.name);
  out += ".\nClaim types:";
  for (const auto& t : claim_type_table()) out += fmt::format(" {}", t.name);
  out += " (boolean: true|false; octet-string: hex; sid: an alias or S-1-...). A claim value "
         "cannot hold ',', '|' or ';'.";
  out += "\nPresets:\n";
  for (const auto& p : kPresets) out += fmt::format("  {:<30}{}\n", p.name, p.description);
  for (const auto& p : kServicePresets)
    out += fmt::format("  {:<30}{}\n", fmt::format("{}:NAME", p.name), p.description);
  return out;
}

Result<Token> parse_token_spec(std::string_view spec, const SidContext& context) {
  SECDESC_TRY(const Entries entries, read_entries(spec));
  SECDESC_TRY(Token token, starting_token(entries));
  // The keys apply in kKeys' order, wherever the SPEC writes them: a key that adds to the token
  // (deny-only=) sees what the keys before it (the preset, groups=) put there.
  if (auto err = apply_identity(entries, context, token)) return std::move(*err);
  if (auto err = apply_integrity_and_privileges(entries, context, token)) return std::move(*err);
  if (auto err = apply_appcontainer(entries, context, token)) return std::move(*err);
  if (auto err = apply_claims(entries, context, token)) return std::move(*err);
  // Checked last: the preset or appcontainer= may supply the AppContainer that lpac= and
  // capabilities= need.
  if (!token.appcontainer && (!token.capabilities.empty() || token.less_privileged_appcontainer))
    return spec_error(0, "capabilities= and lpac= need an AppContainer: add appcontainer=SID or "
                         "preset=appcontainer-process");
  return token;
}

}  // namespace secdesc
