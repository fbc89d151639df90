// The well-known SID table: alias, SID (or RID and scope), display name. One place, as data.
//
// Sources: MS Learn "SID strings" and "Well-known SIDs", the Windows SDK sddl.h, MS-DTYP 2.4.2.4;
// gathered with their disagreements in shared/notes/windows-object-facts.md section 7. Where the
// sources disagree we follow the SDK (RM = Remote Management Users) and Samba's scopes (EA, SA, RO,
// EK are forest-relative; with one domain SID supplied, forest = domain).
#include <array>

#include "secdesc/sid.hpp"

#include "core/internal/sid_text.hpp"
#include "core/internal/code_rows.hpp"
#include "core/internal/text.hpp"

namespace secdesc {
namespace {

using S = SidScope;

constexpr std::array kTable{
    // Fixed SIDs with an SDDL alias.
    WellKnownSid{"WD", S::fixed, Sid{1, {0}}, "Everyone", "EVERYONE"},
    WellKnownSid{"CO", S::fixed, Sid{3, {0}}, "CREATOR OWNER", "CREATOR_OWNER"},
    WellKnownSid{"CG", S::fixed, Sid{3, {1}}, "CREATOR GROUP", "CREATOR_GROUP"},
    WellKnownSid{"OW", S::fixed, Sid{3, {4}}, "OWNER RIGHTS", "OWNER_RIGHTS"},
    WellKnownSid{"NU", S::fixed, Sid{5, {2}}, "NT AUTHORITY\\NETWORK", "NETWORK"},
    WellKnownSid{"IU", S::fixed, Sid{5, {4}}, "NT AUTHORITY\\INTERACTIVE", "INTERACTIVE"},
    WellKnownSid{"SU", S::fixed, Sid{5, {6}}, "NT AUTHORITY\\SERVICE", "SERVICE"},
    WellKnownSid{"AN", S::fixed, Sid{5, {7}}, "NT AUTHORITY\\ANONYMOUS LOGON", "ANONYMOUS"},
    WellKnownSid{"ED", S::fixed, Sid{5, {9}}, "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS",
                 "ENTERPRISE_DOMAIN_CONTROLLERS"},
    WellKnownSid{"PS", S::fixed, Sid{5, {10}}, "NT AUTHORITY\\SELF", "PERSONAL_SELF"},
    WellKnownSid{"AU", S::fixed, Sid{5, {11}}, "NT AUTHORITY\\Authenticated Users",
                 "AUTHENTICATED_USERS"},
    WellKnownSid{"RC", S::fixed, Sid{5, {12}}, "NT AUTHORITY\\RESTRICTED", "RESTRICTED_CODE"},
    WellKnownSid{"SY", S::fixed, Sid{5, {18}}, "NT AUTHORITY\\SYSTEM", "LOCAL_SYSTEM"},
    WellKnownSid{"LS", S::fixed, Sid{5, {19}}, "NT AUTHORITY\\LOCAL SERVICE", "LOCAL_SERVICE"},
    WellKnownSid{"NS", S::fixed, Sid{5, {20}}, "NT AUTHORITY\\NETWORK SERVICE", "NETWORK_SERVICE"},
    WellKnownSid{"WR", S::fixed, Sid{5, {33}}, "NT AUTHORITY\\WRITE RESTRICTED",
                 "WRITE_RESTRICTED_CODE"},
    WellKnownSid{"UD", S::fixed, Sid{5, {84, 0, 0, 0, 0, 0}}, "NT AUTHORITY\\USER MODE DRIVERS",
                 "USER_MODE_DRIVERS"},
    WellKnownSid{"BA", S::fixed, Sid{5, {32, 544}}, "BUILTIN\\Administrators",
                 "BUILTIN_ADMINISTRATORS"},
    WellKnownSid{"BU", S::fixed, Sid{5, {32, 545}}, "BUILTIN\\Users", "BUILTIN_USERS"},
    WellKnownSid{"BG", S::fixed, Sid{5, {32, 546}}, "BUILTIN\\Guests", "BUILTIN_GUESTS"},
    WellKnownSid{"PU", S::fixed, Sid{5, {32, 547}}, "BUILTIN\\Power Users", "POWER_USERS"},
    WellKnownSid{"AO", S::fixed, Sid{5, {32, 548}}, "BUILTIN\\Account Operators",
                 "ACCOUNT_OPERATORS"},
    WellKnownSid{"SO", S::fixed, Sid{5, {32, 549}}, "BUILTIN\\Server Operators",
                 "SERVER_OPERATORS"},
    WellKnownSid{"PO", S::fixed, Sid{5, {32, 550}}, "BUILTIN\\Print Operators",
                 "PRINTER_OPERATORS"},
    WellKnownSid{"BO", S::fixed, Sid{5, {32, 551}}, "BUILTIN\\Backup Operators",
                 "BACKUP_OPERATORS"},
    WellKnownSid{"RE", S::fixed, Sid{5, {32, 552}}, "BUILTIN\\Replicator", "REPLICATOR"},
    WellKnownSid{"RU", S::fixed, Sid{5, {32, 554}}, "BUILTIN\\Pre-Windows 2000 Compatible Access",
                 "ALIAS_PREW2KCOMPACC"},
    WellKnownSid{"RD", S::fixed, Sid{5, {32, 555}}, "BUILTIN\\Remote Desktop Users",
                 "REMOTE_DESKTOP"},
    WellKnownSid{"NO", S::fixed, Sid{5, {32, 556}}, "BUILTIN\\Network Configuration Operators",
                 "NETWORK_CONFIGURATION_OPS"},
    WellKnownSid{"MU", S::fixed, Sid{5, {32, 558}}, "BUILTIN\\Performance Monitor Users",
                 "PERFMON_USERS"},
    WellKnownSid{"LU", S::fixed, Sid{5, {32, 559}}, "BUILTIN\\Performance Log Users",
                 "PERFLOG_USERS"},
    WellKnownSid{"IS", S::fixed, Sid{5, {32, 568}}, "BUILTIN\\IIS_IUSRS", "IIS_USERS"},
    WellKnownSid{"CY", S::fixed, Sid{5, {32, 569}}, "BUILTIN\\Cryptographic Operators",
                 "CRYPTO_OPERATORS"},
    WellKnownSid{"ER", S::fixed, Sid{5, {32, 573}}, "BUILTIN\\Event Log Readers",
                 "EVENT_LOG_READERS"},
    WellKnownSid{"CD", S::fixed, Sid{5, {32, 574}}, "BUILTIN\\Certificate Service DCOM Access",
                 "CERTSVC_DCOM_ACCESS"},
    WellKnownSid{"RA", S::fixed, Sid{5, {32, 575}}, "BUILTIN\\RDS Remote Access Servers",
                 "RDS_REMOTE_ACCESS_SERVERS"},
    WellKnownSid{"ES", S::fixed, Sid{5, {32, 576}}, "BUILTIN\\RDS Endpoint Servers",
                 "RDS_ENDPOINT_SERVERS"},
    WellKnownSid{"MS", S::fixed, Sid{5, {32, 577}}, "BUILTIN\\RDS Management Servers",
                 "RDS_MANAGEMENT_SERVERS"},
    WellKnownSid{"HA", S::fixed, Sid{5, {32, 578}}, "BUILTIN\\Hyper-V Administrators",
                 "HYPER_V_ADMINS"},
    WellKnownSid{"AA", S::fixed, Sid{5, {32, 579}}, "BUILTIN\\Access Control Assistance Operators",
                 "ACCESS_CONTROL_ASSISTANCE_OPS"},
    WellKnownSid{"RM", S::fixed, Sid{5, {32, 580}}, "BUILTIN\\Remote Management Users",
                 "REMOTE_MANAGEMENT_USERS"},
    WellKnownSid{"HO", S::fixed, Sid{5, {32, 584}}, "BUILTIN\\User Mode Hardware Operators",
                 "USER_MODE_HARDWARE_OPERATORS"},
    WellKnownSid{"SH", S::fixed, Sid{5, {32, 585}}, "BUILTIN\\OpenSSH Users", "OPENSSH_USERS"},
    WellKnownSid{"CU", S::fixed, Sid{5, {32, 586}}, "BUILTIN\\CUA Users", "CUA_USERS"},
    WellKnownSid{"AC", S::fixed, Sid{15, {2, 1}},
                 "APPLICATION PACKAGE AUTHORITY\\ALL APPLICATION PACKAGES", "ALL_APP_PACKAGES"},
    WellKnownSid{"LW", S::fixed, Sid{16, {0x1000}}, "Mandatory Label\\Low Mandatory Level", "ML_LOW"},
    WellKnownSid{"ME", S::fixed, Sid{16, {0x2000}}, "Mandatory Label\\Medium Mandatory Level",
                 "ML_MEDIUM"},
    WellKnownSid{"MP", S::fixed, Sid{16, {0x2100}}, "Mandatory Label\\Medium Plus Mandatory Level",
                 "ML_MEDIUM_PLUS"},
    WellKnownSid{"HI", S::fixed, Sid{16, {0x3000}}, "Mandatory Label\\High Mandatory Level",
                 "ML_HIGH"},
    WellKnownSid{"SI", S::fixed, Sid{16, {0x4000}}, "Mandatory Label\\System Mandatory Level",
                 "ML_SYSTEM"},
    WellKnownSid{"AS", S::fixed, Sid{18, {1}}, "Authentication authority asserted identity",
                 "AUTHORITY_ASSERTED"},
    WellKnownSid{"SS", S::fixed, Sid{18, {2}}, "Service asserted identity", "SERVICE_ASSERTED"},

    // Domain-, machine- and forest-relative aliases: only the RID is fixed.
    WellKnownSid{"RO", S::forest, Sid{5, {498}}, "Enterprise Read-only Domain Controllers",
                 "ENTERPRISE_RO_DCs"},
    WellKnownSid{"LA", S::machine, Sid{5, {500}}, "Administrator", "LOCAL_ADMIN"},
    WellKnownSid{"LG", S::machine, Sid{5, {501}}, "Guest", "LOCAL_GUEST"},
    WellKnownSid{"DA", S::domain, Sid{5, {512}}, "Domain Admins", "DOMAIN_ADMINISTRATORS"},
    WellKnownSid{"DU", S::domain, Sid{5, {513}}, "Domain Users", "DOMAIN_USERS"},
    WellKnownSid{"DG", S::domain, Sid{5, {514}}, "Domain Guests", "DOMAIN_GUESTS"},
    WellKnownSid{"DC", S::domain, Sid{5, {515}}, "Domain Computers", "DOMAIN_COMPUTERS"},
    WellKnownSid{"DD", S::domain, Sid{5, {516}}, "Domain Controllers", "DOMAIN_DOMAIN_CONTROLLERS"},
    WellKnownSid{"CA", S::domain, Sid{5, {517}}, "Cert Publishers", "CERT_SERV_ADMINISTRATORS"},
    WellKnownSid{"SA", S::forest, Sid{5, {518}}, "Schema Admins", "SCHEMA_ADMINISTRATORS"},
    WellKnownSid{"EA", S::forest, Sid{5, {519}}, "Enterprise Admins", "ENTERPRISE_ADMINS"},
    WellKnownSid{"PA", S::domain, Sid{5, {520}}, "Group Policy Creator Owners",
                 "GROUP_POLICY_ADMINS"},
    WellKnownSid{"CN", S::domain, Sid{5, {522}}, "Cloneable Domain Controllers",
                 "CLONEABLE_CONTROLLERS"},
    WellKnownSid{"AP", S::domain, Sid{5, {525}}, "Protected Users", "PROTECTED_USERS"},
    WellKnownSid{"KA", S::domain, Sid{5, {526}}, "Key Admins", "KEY_ADMINS"},
    WellKnownSid{"EK", S::forest, Sid{5, {527}}, "Enterprise Key Admins", "ENTERPRISE_KEY_ADMINS"},
    WellKnownSid{"RS", S::domain, Sid{5, {553}}, "RAS and IAS Servers", "RAS_SERVERS"},

    // Well-known SIDs without an SDDL alias (display names only).
    WellKnownSid{"", S::fixed, Sid{0, {0}}, "NULL SID", ""},
    WellKnownSid{"", S::fixed, Sid{2, {0}}, "LOCAL", ""},
    WellKnownSid{"", S::fixed, Sid{2, {1}}, "CONSOLE LOGON", ""},
    WellKnownSid{"", S::fixed, Sid{5, {1}}, "NT AUTHORITY\\DIALUP", ""},
    WellKnownSid{"", S::fixed, Sid{5, {3}}, "NT AUTHORITY\\BATCH", ""},
    WellKnownSid{"", S::fixed, Sid{5, {13}}, "NT AUTHORITY\\TERMINAL SERVER USER", ""},
    WellKnownSid{"", S::fixed, Sid{5, {14}}, "NT AUTHORITY\\REMOTE INTERACTIVE LOGON", ""},
    WellKnownSid{"", S::fixed, Sid{5, {15}}, "NT AUTHORITY\\This Organization", ""},
    WellKnownSid{"", S::fixed, Sid{5, {113}}, "NT AUTHORITY\\Local account", ""},
    WellKnownSid{"", S::fixed, Sid{5, {114}},
                 "NT AUTHORITY\\Local account and member of Administrators group", ""},
    WellKnownSid{"", S::fixed, Sid{15, {2, 2}},
                 "APPLICATION PACKAGE AUTHORITY\\ALL RESTRICTED APPLICATION PACKAGES", ""},
    WellKnownSid{"", S::fixed, Sid{16, {0}}, "Mandatory Label\\Untrusted Mandatory Level", ""},
    WellKnownSid{"", S::fixed, Sid{16, {0x5000}},
                 "Mandatory Label\\Protected Process Mandatory Level", ""},
};

// Plain words users write in policies, mapped to the aliases above (or a SID without alias).
constexpr std::array kPrincipalNames{
    PrincipalName{"everyone", "WD"},
    PrincipalName{"world", "WD"},
    PrincipalName{"local system", "SY"},
    PrincipalName{"system", "SY"},
    PrincipalName{"administrators", "BA"},
    PrincipalName{"builtin administrators", "BA"},
    PrincipalName{"users", "BU"},
    PrincipalName{"builtin users", "BU"},
    PrincipalName{"guests", "BG"},
    PrincipalName{"interactive users", "IU"},
    PrincipalName{"interactive", "IU"},
    PrincipalName{"authenticated users", "AU"},
    PrincipalName{"anonymous", "AN"},
    PrincipalName{"anonymous logon", "AN"},
    PrincipalName{"network", "NU"},
    PrincipalName{"network users", "NU"},
    PrincipalName{"service", "SU"},
    PrincipalName{"services", "SU"},
    PrincipalName{"local service", "LS"},
    PrincipalName{"network service", "NS"},
    PrincipalName{"creator owner", "CO"},
    PrincipalName{"creator group", "CG"},
    PrincipalName{"owner rights", "OW"},
    PrincipalName{"restricted", "RC"},
    PrincipalName{"restricted code", "RC"},
    PrincipalName{"write restricted", "WR"},
    PrincipalName{"all application packages", "AC"},
    PrincipalName{"appcontainers", "AC"},
    PrincipalName{"all restricted application packages", "S-1-15-2-2"},
    PrincipalName{"remote desktop users", "RD"},
    PrincipalName{"backup operators", "BO"},
};

constexpr std::array kIntegrityLevels{
    IntegrityLevelName{"untrusted", Sid{16, {0x0}}},
    IntegrityLevelName{"low", Sid{16, {0x1000}}},
    IntegrityLevelName{"medium", Sid{16, {0x2000}}},
    IntegrityLevelName{"medium-plus", Sid{16, {0x2100}}},
    IntegrityLevelName{"high", Sid{16, {0x3000}}},
    IntegrityLevelName{"system", Sid{16, {0x4000}}},
    IntegrityLevelName{"protected-process", Sid{16, {0x5000}}},
};

// Rows by alias (derived from kTable at compile time): the parser looks aliases up per ACE.
constexpr auto kTableByAlias =
    detail::make_code_index(kTable, [](const WellKnownSid& row) { return row.alias; });

}  // namespace

std::span<const WellKnownSid> well_known_sids() noexcept { return kTable; }

const WellKnownSid* detail::find_sid_alias_row(std::string_view alias) noexcept {
  if (alias.size() != 2) return nullptr;
  return detail::find_by_code(kTable, kTableByAlias, alias);
}

constinit const std::array<const Sid*, detail::kCodeKeys> detail::fixed_alias_sid_by_key = [] {
  std::array<const Sid*, detail::kCodeKeys> sids{};
  for (std::size_t key = 0; key < sids.size(); ++key)
    if (const std::uint8_t row = kTableByAlias[key]; row != 0xFF && kTable[row].scope == SidScope::fixed)
      sids[key] = &kTable[row].sid;
  return sids;
}();

std::optional<WellKnownSid> find_sid_alias(std::string_view alias) noexcept {
  if (const WellKnownSid* row = detail::find_sid_alias_row(alias)) return *row;
  return std::nullopt;
}
std::span<const PrincipalName> principal_names() noexcept { return kPrincipalNames; }
std::span<const IntegrityLevelName> integrity_level_names() noexcept { return kIntegrityLevels; }

}  // namespace secdesc
