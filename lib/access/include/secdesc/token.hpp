// secdesc: access tokens as the access check sees them: who the caller is (user, groups,
// restricting SIDs, AppContainer identity), how far it is trusted (integrity level, mandatory
// policy) and which privileges it holds. Presets for the usual callers, and the token SPEC text
// that `sddlc check --token` reads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/claim.hpp"
#include "secdesc/error.hpp"
#include "secdesc/sid.hpp"

namespace secdesc {

// TOKEN_MANDATORY_POLICY bits (MS-DTYP 2.4.8).
namespace token_policy {
inline constexpr std::uint32_t off = 0x0;
inline constexpr std::uint32_t no_write_up = 0x1;      // enforce mandatory integrity on access
inline constexpr std::uint32_t new_process_min = 0x2;  // child IL = min(parent, file): no access effect
inline constexpr std::uint32_t valid_mask = 0x3;
}  // namespace token_policy

// The privileges the access check knows about (the table in lib/src/token.cpp says what each one
// does there; the ones that do nothing in an access check are kept so tokens can be described).
enum class Privilege : std::uint8_t {
  security,        // SeSecurityPrivilege: ACCESS_SYSTEM_SECURITY
  take_ownership,  // SeTakeOwnershipPrivilege: WRITE_OWNER
  relabel,         // SeRelabelPrivilege: WRITE_OWNER past the integrity check
  backup,          // SeBackupPrivilege: not used by the generic access check
  restore,         // SeRestorePrivilege: not used by the generic access check
  change_notify,   // SeChangeNotifyPrivilege: bypass traverse checking; not used here
};

struct PrivilegeInfo {
  Privilege privilege;
  std::string_view name;      // "SeSecurityPrivilege"
  std::string_view constant;  // "SE_SECURITY_NAME"
  std::string_view effect;    // what access_check does with it, one line
};

std::span<const PrivilegeInfo> privilege_table() noexcept;
const PrivilegeInfo& privilege_info(Privilege privilege) noexcept;
// "SeSecurityPrivilege" (any case); nullopt when unknown.
std::optional<Privilege> find_privilege(std::string_view name) noexcept;
std::string_view to_string(Privilege privilege) noexcept;

// A privilege in a token. AccessCheck honours only enabled privileges (MS Learn, "SACL Access
// Right": "only if the SE_SECURITY_NAME privilege is enabled").
struct TokenPrivilege {
  Privilege privilege = Privilege::change_notify;
  bool enabled = true;
  friend bool operator==(const TokenPrivilege&, const TokenPrivilege&) = default;
};

// A group SID and the attributes that matter to an access check (MS Learn, "SID Attributes in an
// Access Token").
struct TokenGroup {
  Sid sid;
  bool enabled = true;     // SE_GROUP_ENABLED: matched by allow and deny ACEs
  bool deny_only = false;  // SE_GROUP_USE_FOR_DENY_ONLY: matched by deny ACEs only
  bool owner = false;      // SE_GROUP_OWNER: may become an object's owner (no access effect)
  friend bool operator==(const TokenGroup&, const TokenGroup&) = default;
};

// Integrity levels by name (integrity_level_names(), integrity_level_name()) live in sid.hpp.

struct Token {
  Sid user;
  bool user_deny_only = false;  // CreateRestrictedToken can make even the user SID deny-only
  std::vector<TokenGroup> groups;
  // Restricting SIDs (CreateRestrictedToken): the DACL is checked a second time against these.
  std::vector<Sid> restricted_sids;
  bool write_restricted = false;  // the second check applies to write access only
  Sid integrity_level = sids::medium_integrity;
  std::uint32_t mandatory_policy = token_policy::no_write_up;
  std::vector<TokenPrivilege> privileges;
  // AppContainer identity: package SID S-1-15-2-x (x 7 sub-authorities) and capability SIDs.
  std::optional<Sid> appcontainer;
  std::vector<Sid> capabilities;
  // A less-privileged AppContainer opted out of ALL APPLICATION PACKAGES.
  bool less_privileged_appcontainer = false;
  // What conditional ACEs test (MS-DTYP 2.5.2): the user's claims (@USER.), the device's claims
  // (@DEVICE.) and group SIDs (Device_Member_of), and local claims (unprefixed attributes, which
  // AuthzAccessCheck callers add).
  std::vector<Claim> user_claims;
  std::vector<Claim> device_claims;
  std::vector<Sid> device_groups;
  std::vector<Claim> local_claims;

  bool is_restricted() const noexcept { return !restricted_sids.empty(); }
  bool is_appcontainer() const noexcept { return appcontainer.has_value(); }
  bool privilege_enabled(Privilege privilege) const noexcept;
  // The user (unless deny-only) or an enabled, non-deny-only group: what allow ACEs match.
  bool has_enabled_sid(const Sid& sid) const noexcept;
  // What deny ACEs match: the enabled SIDs and the deny-only ones.
  bool has_deny_sid(const Sid& sid) const noexcept;
  // The SIDs of the AppContainer check: the package SID, the capabilities, ALL APPLICATION
  // PACKAGES (unless less-privileged) and ALL RESTRICTED APPLICATION PACKAGES. Empty when the
  // token is not an AppContainer token.
  std::vector<Sid> appcontainer_sids() const;

  friend bool operator==(const Token&, const Token&) = default;
};

// One line: "user S-1-5-21-...-1001, 7 groups (1 deny-only), integrity low, policy no-write-up,
// ...". SIDs with an SDDL alias are written as the alias.
std::string describe_token(const Token& token, const SidContext& context = {});

// The documented example machine domain of the presets (not a real machine):
// S-1-5-21-1000000000-2000000000-3000000000. Users are RID 1000 (an administrator) and 1001.
namespace presets {
inline constexpr Sid example_domain{5, {21, 1000000000, 2000000000, 3000000000}};
inline constexpr Sid example_admin{5, {21, 1000000000, 2000000000, 3000000000, 1000}};
inline constexpr Sid example_user{5, {21, 1000000000, 2000000000, 3000000000, 1001}};
// An example AppContainer package SID (S-1-15-2 + 7 sub-authorities) and the legacy
// internetClient capability S-1-15-3-1.
inline constexpr Sid example_package{
    15, {2, 1111111111, 1222222222, 1333333333, 1444444444, 1555555555, 1666666666, 1777777777}};
inline constexpr Sid internet_client_capability{15, {3, 1}};
// The example logon SID (S-1-5-5-0-100000, SECURITY_LOGON_IDS_RID 5 and a session number) that
// the service presets hold: Windows gives each service logon session its own.
inline constexpr Sid example_service_logon{5, {5, 0, 100000}};
}  // namespace presets

// SYSTEM (S-1-5-18) at System integrity; BA enabled; every privilege of the table held,
// SeChangeNotify enabled and the others disabled until the program enables them.
Token local_system();
// An administrator after UAC elevation: High integrity, BA enabled (owner-capable), the
// administrator privileges held but disabled.
Token administrator_elevated();
// The same administrator's UAC-filtered token: BA deny-only, Medium integrity, only
// SeChangeNotifyPrivilege.
Token administrator_filtered();
// An interactive standard user: user S-1-5-21-1000000000-2000000000-3000000000-1001, groups WD,
// LOCAL (S-1-2-0), BU, IU, CONSOLE LOGON (S-1-2-1), AU, This Organization (S-1-5-15); Medium
// integrity; SeChangeNotifyPrivilege.
Token interactive_user();
// interactive_user() at Low integrity (a browser renderer, a Protected Mode process).
Token low_integrity_user();
// interactive_user()'s SIDs in an AppContainer: package presets::example_package, capability
// internetClient, Low integrity.
Token appcontainer_process();
// A restricted token in the style of a browser sandbox: interactive_user()'s SIDs, restricting
// SIDs RESTRICTED (RC, S-1-5-12) and the NULL SID, Low integrity. An object is open to it only
// when its DACL grants the right both to the user's SIDs and to RC or the NULL SID.
Token restricted_sandbox();

// ANONYMOUS LOGON (S-1-5-7) with no groups: Everyone does not include it since Windows XP
// (Microsoft KB 278259; add groups=+WD for the "Let Everyone permissions apply to anonymous
// users" policy). Untrusted integrity, no privileges.
Token anonymous_logon();
// The LocalService (S-1-5-19) and NetworkService (S-1-5-20) accounts: groups WD, BU, SERVICE
// (S-1-5-6), LOCAL, AU; System integrity; SeChangeNotifyPrivilege.
Token local_service();
Token network_service();
// A service running as LocalSystem with its service SID (SERVICE_SID_TYPE_UNRESTRICTED):
// local_system() plus LOCAL, presets::example_service_logon and NT SERVICE\<name>'s SID
// (enabled, owner), as MS Learn "SERVICE_SID_INFO structure" says the SCM builds it.
Result<Token> service_token(std::string_view service_name);
// The same service with SERVICE_SID_TYPE_RESTRICTED: write-restricted, restricting SIDs its
// service SID, WD, its logon SID and WRITE RESTRICTED (S-1-5-33).
Result<Token> write_restricted_service_token(std::string_view service_name);

struct TokenPreset {
  std::string_view name;  // as `preset=` spells it: "low-integrity-user"
  Token (*make)();
  std::string_view description;
};
std::span<const TokenPreset> token_presets() noexcept;

// Presets written PRESET:ServiceName ("service:AcmeSync"): the service name makes the token.
struct ServiceTokenPreset {
  std::string_view name;  // the part before ':': "service"
  Result<Token> (*make)(std::string_view service_name);
  std::string_view description;
};
std::span<const ServiceTokenPreset> service_token_presets() noexcept;

// Parses a token SPEC: `key=value` pairs separated by ';', lists separated by ','. Keys:
//   preset=NAME             start from a preset (token_presets(), or service_token_presets() as
//                           service:ServiceName); otherwise user= is required. A SPEC that is
//                           only a name without '=' is preset=NAME ("low-integrity-user").
//   user=SID                the user SID
//   groups=SID,...          the group list, every group enabled (replaces the preset's groups)
//   groups=+SID,...         adds these groups (enabled) to the preset's
//   deny-only=SID,...       make these SIDs deny-only (the user or a group; others are added)
//   restricted=SID,...      restricting SIDs (replaces)
//   write-restricted=BOOL   restricting SIDs apply to write access only
//   integrity=LEVEL         untrusted|low|medium|medium-plus|high|system|protected-process|
//                           S-1-16-N
//   mandatory-policy=P,...  off, or no-write-up and/or new-process-min (default no-write-up)
//   privileges=NAME,...     held and enabled privileges (replaces), e.g. SeSecurityPrivilege
//   appcontainer=SID        AppContainer package SID S-1-15-2-... or package:FamilyName; empty
//                           for none
//   capabilities=CAP,...    capabilities (replaces): S-1-15-3-..., capability:name, or a name
//                           Windows defines (internetClient, lpacCom, ...; an unknown bare
//                           name is an error, capability:name derives any)
//   lpac=BOOL               less-privileged AppContainer (no ALL APPLICATION PACKAGES)
//   user-claims=CLAIM,...   user claims (@USER.): NAME:TYPE:VALUE|VALUE..., TYPE one of
//                           int64 uint64 string sid boolean octet-string (replaces)
//   device-claims=CLAIM,... device claims (@DEVICE.)
//   device-groups=SID,...   the device's group SIDs (Device_Member_of)
//   local-claims=CLAIM,...  local claims (unprefixed attributes)
// Each key may appear once. The preset applies first, then the other keys in the order of the
// list above, wherever they appear in the SPEC, so the result never depends on their order.
// SIDs are whatever resolve_principal reads: aliases (IU, BA, ...), S-1-... strings, account
// names, NT SERVICE\Name, IIS APPPOOL\Name, package:Name, capability:name. BOOL is true|false.
// Errors carry the offset into `spec` and name the key or value; unknown keys and names get a
// did-you-mean suggestion. token_spec_help() says the same, from the parser's tables.
Result<Token> parse_token_spec(std::string_view spec, const SidContext& context = {});

// The SPEC syntax, keys, integrity words, privileges and presets, from the tables, for --help.
std::string token_spec_help();

}  // namespace secdesc
