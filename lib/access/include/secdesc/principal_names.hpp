// secdesc: SIDs that Windows derives from names, computed as Windows computes them.
//
//   NT SERVICE\Name      S-1-5-80-a-b-c-d-e     SHA-1 of the upper-cased UTF-16LE service name,
//                                               read as five little-endian 32-bit RIDs
//   IIS APPPOOL\Name     S-1-5-82-a-b-c-d-e     SHA-1 of the lower-cased UTF-16LE pool name
//   package FamilyName   S-1-15-2-a-...-g       SHA-256 of the lower-cased UTF-16LE package
//                                               family name, its first 28 bytes as seven RIDs
//                                               (DeriveAppContainerSidFromAppContainerName)
//   capability name      S-1-15-3-1024-a-...-h  SHA-256 of the upper-cased UTF-16LE name as
//                        S-1-5-32-a-...-h       eight RIDs; the group SID uses the same hash
//                                               (DeriveCapabilitySidsFromName); the twelve
//                                               Windows 8 capabilities keep their short SIDs
//                                               S-1-15-3-1 ... S-1-15-3-12
// Sources and the test vectors (SIDs seen in real descriptors) are in docs/principals.md.
// The hashes come from the platform's library (OpenSSL's libcrypto, or BCrypt on Windows).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/error.hpp"
#include "secdesc/sid.hpp"

namespace secdesc {

// S-1-5-80-...: the service SID of `NT SERVICE\<service_name>`. Windows upper-cases the name
// with its own table (RtlUpcaseUnicodeString), which secdesc reproduces.
Result<Sid> service_sid(std::string_view service_name);

// S-1-5-82-...: the identity of `IIS APPPOOL\<pool_name>`. Only ASCII names: Windows lower-cases
// with a table secdesc does not have, so other names are refused rather than guessed.
Result<Sid> iis_app_pool_sid(std::string_view pool_name);

// S-1-15-2-...: the AppContainer SID of a package family name (or any AppContainer name given
// to CreateAppContainerProfile). ASCII only, as package family names are.
Result<Sid> app_container_sid(std::string_view package_family_name);

struct CapabilitySids {
  Sid capability;  // S-1-15-3-...: what an AppContainer token holds and ACEs grant
  Sid group;       // S-1-5-32-...: the group SID for services and installers
  friend bool operator==(const CapabilitySids&, const CapabilitySids&) = default;
};
// Both SIDs of a capability name (case-insensitive, as Windows upper-cases it).
Result<CapabilitySids> capability_sids(std::string_view capability_name);

// The capabilities Windows 8 defined with fixed RIDs (S-1-15-3-<rid>), winnt.h's
// SECURITY_CAPABILITY_* constants.
struct LegacyCapability {
  std::string_view name;  // as Windows spells it, e.g. "internetClient"
  std::uint32_t rid;
};
std::span<const LegacyCapability> legacy_capabilities() noexcept;

// The name of a legacy capability SID (S-1-15-3-1 -> "internetClient"), else nullopt.
std::optional<std::string_view> legacy_capability_name(const Sid& sid) noexcept;

// Capability names Windows itself derives SIDs for (the low-privilege AppContainer capabilities
// the kernel grants at boot): with legacy_capabilities(), what describe_sid can name.
std::span<const std::string_view> known_capability_names() noexcept;

// A principal as users write it: everything parse_principal reads (SDDL aliases, SID strings,
// well-known account names, plain words such as "Interactive users") and the derived forms
//   NT SERVICE\Name   IIS APPPOOL\Name   package:FamilyName   capability:name
//   capability-group:name (the capability's S-1-5-32-... group SID).
// The prefixes are case-insensitive. An unknown name's error suggests the closest known one.
Result<Sid> resolve_principal(std::string_view text, const SidContext& context = {});

// What a SID is, in one line: "BA: BUILTIN\Administrators", "integrity level low",
// "capability SID of lpacCom", "service SID (NT SERVICE\<name>)", "AppContainer SID", ...
// Derived SIDs are named when their name is TrustedInstaller or a known capability.
std::string describe_sid(const Sid& sid, const SidContext& context = {});

// A SID and the name a policy or token SPEC wrote for it ("NT SERVICE\\AcmeSync"): traces and
// JSON show that name beside the number, so a derived SID reads as the user wrote it.
struct NamedPrincipal {
  Sid sid;
  std::string name;
  friend bool operator==(const NamedPrincipal&, const NamedPrincipal&) = default;
};

// The name recorded for `sid` in `names`, else nullopt.
std::optional<std::string_view> find_principal_name(std::span<const NamedPrincipal> names,
                                                    const Sid& sid) noexcept;

// Records `text` as the name of `sid` when the name says more than the SID's own text: the SID
// has no SDDL alias and `text` is not a SID string (so "IU" and "S-1-5-4" are not recorded, and
// "NT SERVICE\\AcmeSync" is). The first name recorded for a SID is kept.
void remember_principal_name(std::vector<NamedPrincipal>& names, const Sid& sid,
                             std::string_view text);

// "S-1-5-80-... (NT SERVICE\\AcmeSync)" when `names` has a name for `sid`; otherwise the SDDL
// alias or the SID string.
std::string principal_text(const Sid& sid, std::span<const NamedPrincipal> names,
                           const SidContext& context = {});

// True for S-1-5-80-x-x-x-x-x, S-1-15-2-x-x-x-x-x-x-x and S-1-15-3-... (derived forms).
bool is_service_sid(const Sid& sid) noexcept;
bool is_app_container_sid(const Sid& sid) noexcept;
bool is_capability_sid(const Sid& sid) noexcept;

}  // namespace secdesc
