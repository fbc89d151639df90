// secdesc: security identifiers (SIDs), their string and binary forms, and the well-known SID table.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/error.hpp"

namespace secdesc {

class Sid {
 public:
  static constexpr std::size_t max_sub_authorities = 15;
  static constexpr std::uint64_t max_authority = 0xFFFF'FFFF'FFFFULL;  // 48 bits

  // S-1-0-0, the NULL SID.
  constexpr Sid() noexcept { head_[1] = 1; }

  // For constants: the caller guarantees authority <= max_authority and at most 15 sub-authorities.
  constexpr Sid(std::uint64_t authority, std::initializer_list<std::uint32_t> subs) noexcept {
    set_authority(authority & max_authority);
    for (std::uint32_t s : subs) {
      if (head_[1] == max_sub_authorities) break;
      subs_[head_[1]++] = s;
    }
  }

  // Checked factory: fails on authority over 48 bits or more than 15 sub-authorities.
  static Result<Sid> from_parts(std::uint64_t authority, std::span<const std::uint32_t> subs);

  constexpr std::uint8_t revision() const noexcept { return 1; }
  constexpr std::uint64_t authority() const noexcept { return head_word() & max_authority; }
  constexpr std::span<const std::uint32_t> sub_authorities() const noexcept {
    return {subs_.data(), head_[1]};
  }
  constexpr std::size_t sub_authority_count() const noexcept { return head_[1]; }
  // The last sub-authority, if any.
  constexpr std::optional<std::uint32_t> rid() const noexcept {
    if (head_[1] == 0) return std::nullopt;
    return subs_[head_[1] - 1];
  }
  // This SID with one more sub-authority; fails when it already has 15.
  Result<Sid> with_rid(std::uint32_t rid) const;
  // True when `this` is `prefix` followed by exactly one more sub-authority.
  bool is_prefix_plus_one(const Sid& prefix) const noexcept;

  // The S-R-I-S... form (authorities of 2^32 and above in hex, as Windows writes them).
  std::string to_string() const;

  // Binary form: revision, count, 6-byte big-endian authority, little-endian sub-authorities.
  constexpr std::size_t binary_size() const noexcept { return 8 + 4 * std::size_t{head_[1]}; }
  void encode_to(std::vector<std::byte>& out) const;
  // The same bytes written at the start of `out`, which must hold binary_size() of them; returns
  // what follows them (for writers that size their buffer first).
  // Inline: the encoder writes every SID of a descriptor with it.
  std::span<std::byte> write_to(std::span<std::byte> out) const noexcept {
    std::byte* p = out.data();
    std::memcpy(p, head_.data(), head_.size());
    p += head_.size();
    const std::size_t count = head_[1];
    for (std::size_t i = 0; i < count; ++i, p += 4) {
      std::uint32_t v = subs_[i];
      if constexpr (std::endian::native != std::endian::little)
        v = (v >> 24) | ((v >> 8) & 0xFF00U) | ((v << 8) & 0xFF0000U) | (v << 24);
      std::memcpy(p, &v, 4);
    }
    return out.subspan(binary_size());
  }
  // Decodes a SID at the start of `bytes`; `base` is added to offsets in errors.
  static Result<Sid> decode(std::span<const std::byte> bytes, std::size_t base = 0);

  friend constexpr bool operator==(const Sid& a, const Sid& b) noexcept {
    // Revision, count and authority at once.
    if (a.head_word() != b.head_word()) return false;
    for (std::size_t i = 0; i < a.head_[1]; ++i)
      if (a.subs_[i] != b.subs_[i]) return false;
    return true;
  }
  friend constexpr bool operator<(const Sid& a, const Sid& b) noexcept {
    const std::uint64_t aa = a.authority(), ba = b.authority();
    if (aa != ba) return aa < ba;
    const std::size_t ac = a.head_[1], bc = b.head_[1];
    for (std::size_t i = 0; i < ac && i < bc; ++i)
      if (a.subs_[i] != b.subs_[i]) return a.subs_[i] < b.subs_[i];
    return ac < bc;
  }

 private:
  // The 8 head bytes as one big-endian number: revision, count, then the 48-bit authority.
  // Written out byte by byte: compilers turn it into one load (and a byte swap).
  constexpr std::uint64_t head_word() const noexcept {
    return std::uint64_t{head_[0]} << 56 | std::uint64_t{head_[1]} << 48 |
           std::uint64_t{head_[2]} << 40 | std::uint64_t{head_[3]} << 32 |
           std::uint64_t{head_[4]} << 24 | std::uint64_t{head_[5]} << 16 |
           std::uint64_t{head_[6]} << 8 | std::uint64_t{head_[7]};
  }
  constexpr void set_authority(std::uint64_t authority) noexcept {
    for (std::size_t i = 7; i >= 2; --i, authority >>= 8) head_[i] = static_cast<std::uint8_t>(authority & 0xFF);
  }

  // The first 8 bytes of the binary form as they are (revision 1, sub-authority count, the
  // authority big-endian), then the sub-authorities: writing a SID is two copies and comparing
  // two SIDs starts with one 8-byte comparison.
  std::array<std::uint8_t, 8> head_{1, 0, 0, 0, 0, 0, 0, 0};
  std::array<std::uint32_t, max_sub_authorities> subs_{};
};

// Where a domain-relative alias's base SID comes from.
enum class SidScope : std::uint8_t {
  fixed,    // the same SID everywhere
  domain,   // joined domain SID + RID
  machine,  // local account domain SID + RID
  forest,   // forest root domain SID + RID
};

// One row of the well-known SID table: alias (may be empty), SID or RID, and display name.
struct WellKnownSid {
  std::string_view alias;  // SDDL two-letter alias, empty when Windows has none
  SidScope scope;
  Sid sid;                 // for fixed scope; for the others, only rid() matters
  std::string_view name;   // display name, e.g. "BUILTIN\\Administrators"
  std::string_view sddl_constant;  // the sddl.h name without SDDL_, e.g. "BUILTIN_ADMINISTRATORS"
};

// The table, in one place (lib/core/src/well_known_sids.cpp).
std::span<const WellKnownSid> well_known_sids() noexcept;

// What domain-relative aliases (DA, DU, LA, EA, ...) resolve against. secdesc has no machine to
// ask, so the caller says; machine and forest scopes use the same SID (a single-domain view).
struct SidContext {
  std::optional<Sid> domain;
};

// Validates a domain SID: S-1-5-21-x-y-z (exactly three sub-authorities after 21).
Result<Sid> parse_domain_sid(std::string_view text);

// Finds an alias (case-insensitive); nullptr-free: nullopt when unknown.
std::optional<WellKnownSid> find_sid_alias(std::string_view alias) noexcept;

// Resolves an alias with the context; errors: unknown_alias, domain_required.
Result<Sid> resolve_sid_alias(std::string_view alias, const SidContext& context = {});

// The alias Windows writes for this SID, if any (domain-relative ones need the context).
std::optional<std::string_view> sid_alias(const Sid& sid, const SidContext& context = {}) noexcept;

// A display name for well-known SIDs ("BUILTIN\\Administrators"), nullopt for others.
std::optional<std::string> sid_display_name(const Sid& sid, const SidContext& context = {});

// Parses a SID string as ConvertStringSidToSidW does: an alias (two letters, any case) or
// S-1-<authority>-<sub>... with decimal or 0x-hex parts. Windows' quirks are kept: parts that
// overflow 32 bits saturate at 4294967295, a hex revision ("S-0x1-...") makes every later part
// hex, and a space may follow each '-'. Offsets in errors are into `text`.
Result<Sid> parse_sid(std::string_view text, const SidContext& context = {});

// A principal as policies name it: an SDDL alias, a SID string, a well-known account name
// ("NT AUTHORITY\\INTERACTIVE", "INTERACTIVE") or a plain-words name ("Interactive users").
// Matching of names is case-insensitive.
Result<Sid> parse_principal(std::string_view text, const SidContext& context = {});

// Plain-words names for principals, by alias (or by SID where Windows has no alias).
struct PrincipalName {
  std::string_view words;  // "interactive users"
  std::string_view sid;    // an alias or S-1-... string
};
std::span<const PrincipalName> principal_names() noexcept;

// Integrity levels by name: untrusted, low, medium, medium-plus, high, system (and S-1-16-N).
struct IntegrityLevelName {
  std::string_view name;
  Sid sid;
};
std::span<const IntegrityLevelName> integrity_level_names() noexcept;
Result<Sid> parse_integrity_level(std::string_view text);
// "low" for S-1-16-4096, else the SID string.
std::string integrity_level_name(const Sid& level);

// Identifier authorities (the 48-bit second field of S-1-A-...), as winnt.h names them.
namespace sid_authority {
inline constexpr std::uint64_t null = 0;              // SECURITY_NULL_SID_AUTHORITY
inline constexpr std::uint64_t world = 1;             // SECURITY_WORLD_SID_AUTHORITY
inline constexpr std::uint64_t local = 2;             // SECURITY_LOCAL_SID_AUTHORITY
inline constexpr std::uint64_t creator = 3;           // SECURITY_CREATOR_SID_AUTHORITY
inline constexpr std::uint64_t nt = 5;                // SECURITY_NT_AUTHORITY
inline constexpr std::uint64_t resource_manager = 9;  // SECURITY_RESOURCE_MANAGER_AUTHORITY
inline constexpr std::uint64_t app_package = 15;      // SECURITY_APP_PACKAGE_AUTHORITY
inline constexpr std::uint64_t mandatory_label = 16;  // SECURITY_MANDATORY_LABEL_AUTHORITY
inline constexpr std::uint64_t scoped_policy_id = 17; // SECURITY_SCOPED_POLICY_ID_AUTHORITY
inline constexpr std::uint64_t authentication = 18;   // SECURITY_AUTHENTICATION_AUTHORITY
inline constexpr std::uint64_t process_trust = 19;    // SECURITY_PROCESS_TRUST_AUTHORITY
}  // namespace sid_authority

// Relative identifiers (sub-authorities) used in code, as winnt.h names them (MS-DTYP 2.4.2.4).
namespace sid_rid {
inline constexpr std::uint32_t null = 0;                   // SECURITY_NULL_RID
inline constexpr std::uint32_t world = 0;                  // SECURITY_WORLD_RID
inline constexpr std::uint32_t local = 0;                  // SECURITY_LOCAL_RID
inline constexpr std::uint32_t local_logon = 1;            // SECURITY_LOCAL_LOGON_RID
inline constexpr std::uint32_t creator_owner = 0;          // SECURITY_CREATOR_OWNER_RID
inline constexpr std::uint32_t creator_group = 1;          // SECURITY_CREATOR_GROUP_RID
inline constexpr std::uint32_t creator_owner_rights = 4;   // SECURITY_CREATOR_OWNER_RIGHTS_RID
inline constexpr std::uint32_t network = 2;                // SECURITY_NETWORK_RID
inline constexpr std::uint32_t interactive = 4;            // SECURITY_INTERACTIVE_RID
inline constexpr std::uint32_t anonymous_logon = 7;        // SECURITY_ANONYMOUS_LOGON_RID
inline constexpr std::uint32_t principal_self = 10;        // SECURITY_PRINCIPAL_SELF_RID
inline constexpr std::uint32_t authenticated_user = 11;    // SECURITY_AUTHENTICATED_USER_RID
inline constexpr std::uint32_t restricted_code = 12;       // SECURITY_RESTRICTED_CODE_RID
inline constexpr std::uint32_t this_organization = 15;     // SECURITY_THIS_ORGANIZATION_RID
inline constexpr std::uint32_t local_system = 18;          // SECURITY_LOCAL_SYSTEM_RID
inline constexpr std::uint32_t local_service = 19;         // SECURITY_LOCAL_SERVICE_RID
inline constexpr std::uint32_t network_service = 20;       // SECURITY_NETWORK_SERVICE_RID
inline constexpr std::uint32_t nt_non_unique = 21;         // SECURITY_NT_NON_UNIQUE (domains)
inline constexpr std::uint32_t builtin_domain = 32;        // SECURITY_BUILTIN_DOMAIN_RID
inline constexpr std::uint32_t write_restricted_code = 33; // SECURITY_WRITE_RESTRICTED_CODE_RID
inline constexpr std::uint32_t service_id_base = 80;       // SECURITY_SERVICE_ID_BASE_RID
inline constexpr std::uint32_t apppool_id_base = 82;       // SECURITY_APPPOOL_ID_BASE_RID
inline constexpr std::uint32_t installer_group_capability_base = 32;
    // SECURITY_INSTALLER_GROUP_CAPABILITY_BASE
inline constexpr std::uint32_t alias_admins = 544;         // DOMAIN_ALIAS_RID_ADMINS
inline constexpr std::uint32_t alias_users = 545;          // DOMAIN_ALIAS_RID_USERS
inline constexpr std::uint32_t alias_guests = 546;         // DOMAIN_ALIAS_RID_GUESTS
inline constexpr std::uint32_t app_package_base = 2;       // SECURITY_APP_PACKAGE_BASE_RID
inline constexpr std::uint32_t capability_base = 3;        // SECURITY_CAPABILITY_BASE_RID
inline constexpr std::uint32_t capability_app = 1024;      // SECURITY_CAPABILITY_APP_RID
inline constexpr std::uint32_t builtin_package_any_package = 1;  // SECURITY_BUILTIN_PACKAGE_ANY_PACKAGE
inline constexpr std::uint32_t builtin_package_any_restricted_package = 2;
    // SECURITY_BUILTIN_PACKAGE_ANY_RESTRICTED_PACKAGE
inline constexpr std::uint32_t mandatory_untrusted = 0x0000;  // SECURITY_MANDATORY_UNTRUSTED_RID
inline constexpr std::uint32_t mandatory_low = 0x1000;        // SECURITY_MANDATORY_LOW_RID
inline constexpr std::uint32_t mandatory_medium = 0x2000;     // SECURITY_MANDATORY_MEDIUM_RID
inline constexpr std::uint32_t mandatory_medium_plus = 0x2100;  // SECURITY_MANDATORY_MEDIUM_PLUS_RID
inline constexpr std::uint32_t mandatory_high = 0x3000;       // SECURITY_MANDATORY_HIGH_RID
inline constexpr std::uint32_t mandatory_system = 0x4000;     // SECURITY_MANDATORY_SYSTEM_RID
inline constexpr std::uint32_t mandatory_protected_process = 0x5000;
    // SECURITY_MANDATORY_PROTECTED_PROCESS_RID
// Process trust SIDs, S-1-19-<protection type>-<protection level> (winnt.h, as the Windows SDK
// metadata publishes them: SECURITY_PROCESS_TRUST_AUTHORITY_RID_COUNT = 2). The first RID is
// the protection type, the second the signer level.
inline constexpr std::uint32_t process_protection_type_none = 0;      // ..._TYPE_NONE_RID
inline constexpr std::uint32_t process_protection_type_lite = 0x200;  // ..._TYPE_LITE_RID
inline constexpr std::uint32_t process_protection_type_full = 0x400;  // ..._TYPE_FULL_RID
inline constexpr std::uint32_t process_protection_level_none = 0;     // ..._LEVEL_NONE_RID
inline constexpr std::uint32_t process_protection_level_authenticode = 0x400;
    // SECURITY_PROCESS_PROTECTION_LEVEL_AUTHENTICODE_RID
inline constexpr std::uint32_t process_protection_level_antimalware = 0x600;
    // SECURITY_PROCESS_PROTECTION_LEVEL_ANTIMALWARE_RID
inline constexpr std::uint32_t process_protection_level_app = 0x800;  // ..._LEVEL_APP_RID
inline constexpr std::uint32_t process_protection_level_windows = 0x1000;
    // SECURITY_PROCESS_PROTECTION_LEVEL_WINDOWS_RID
inline constexpr std::uint32_t process_protection_level_wintcb = 0x2000;
    // SECURITY_PROCESS_PROTECTION_LEVEL_WINTCB_RID
inline constexpr std::size_t process_trust_rid_count = 2;  // SECURITY_PROCESS_TRUST_AUTHORITY_RID_COUNT
}  // namespace sid_rid

// Well-known SIDs used across the library (values from MS-DTYP 2.4.2.4).
namespace sids {
namespace a = sid_authority;
namespace r = sid_rid;
inline constexpr Sid null{a::null, {r::null}};
inline constexpr Sid everyone{a::world, {r::world}};
inline constexpr Sid local{a::local, {r::local}};
inline constexpr Sid console_logon{a::local, {r::local_logon}};
inline constexpr Sid creator_owner{a::creator, {r::creator_owner}};
inline constexpr Sid creator_group{a::creator, {r::creator_group}};
inline constexpr Sid owner_rights{a::creator, {r::creator_owner_rights}};
inline constexpr Sid network{a::nt, {r::network}};
inline constexpr Sid interactive{a::nt, {r::interactive}};
inline constexpr Sid anonymous{a::nt, {r::anonymous_logon}};
inline constexpr Sid principal_self{a::nt, {r::principal_self}};
inline constexpr Sid authenticated_users{a::nt, {r::authenticated_user}};
inline constexpr Sid this_organization{a::nt, {r::this_organization}};
inline constexpr Sid restricted_code{a::nt, {r::restricted_code}};
inline constexpr Sid write_restricted_code{a::nt, {r::write_restricted_code}};
inline constexpr Sid local_system{a::nt, {r::local_system}};
inline constexpr Sid local_service{a::nt, {r::local_service}};
inline constexpr Sid network_service{a::nt, {r::network_service}};
inline constexpr Sid builtin_administrators{a::nt, {r::builtin_domain, r::alias_admins}};
inline constexpr Sid builtin_users{a::nt, {r::builtin_domain, r::alias_users}};
inline constexpr Sid builtin_guests{a::nt, {r::builtin_domain, r::alias_guests}};
inline constexpr Sid all_app_packages{a::app_package, {r::app_package_base, r::builtin_package_any_package}};
inline constexpr Sid all_restricted_app_packages{
    a::app_package, {r::app_package_base, r::builtin_package_any_restricted_package}};
inline constexpr Sid untrusted_integrity{a::mandatory_label, {r::mandatory_untrusted}};
inline constexpr Sid low_integrity{a::mandatory_label, {r::mandatory_low}};
inline constexpr Sid medium_integrity{a::mandatory_label, {r::mandatory_medium}};
inline constexpr Sid medium_plus_integrity{a::mandatory_label, {r::mandatory_medium_plus}};
inline constexpr Sid high_integrity{a::mandatory_label, {r::mandatory_high}};
inline constexpr Sid system_integrity{a::mandatory_label, {r::mandatory_system}};
inline constexpr Sid protected_process_integrity{a::mandatory_label, {r::mandatory_protected_process}};
}  // namespace sids

// True for S-1-19-T-L, the process trust label SIDs a TL ACE names (SECURITY_PROCESS_TRUST_AUTHORITY
// with its two RIDs, protection type and level). No SDDL alias names them (MS Learn "SID
// Strings" lists none), so they are written as S-1-19-... .
constexpr bool is_process_trust_sid(const Sid& sid) noexcept {
  return sid.authority() == sid_authority::process_trust &&
         sid.sub_authority_count() == sid_rid::process_trust_rid_count;
}

// True for S-1-16-x (mandatory label SIDs).
constexpr bool is_integrity_sid(const Sid& sid) noexcept {
  return sid.authority() == sid_authority::mandatory_label && sid.sub_authority_count() == 1;
}

}  // namespace secdesc
