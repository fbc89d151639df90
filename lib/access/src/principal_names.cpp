#include "secdesc/principal_names.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "access/internal/digest.hpp"
#include "core/internal/suggest.hpp"
#include "core/internal/text.hpp"
#include "core/internal/unicode_case.hpp"
#include "core/internal/utf.hpp"

namespace secdesc {
namespace {

// winnt.h's SECURITY_CAPABILITY_* RIDs, the capabilities Windows 8 published with fixed SIDs.
constexpr LegacyCapability kLegacyCapabilities[] = {
    {"internetClient", 1},             {"internetClientServer", 2},
    {"privateNetworkClientServer", 3}, {"picturesLibrary", 4},
    {"videosLibrary", 5},              {"musicLibrary", 6},
    {"documentsLibrary", 7},           {"enterpriseAuthentication", 8},
    {"sharedUserCertificates", 9},     {"removableStorage", 10},
    {"appointments", 11},              {"contacts", 12},
};

// The capabilities the Windows kernel derives SIDs for when it starts (the low-privilege
// AppContainer set and its impersonation capabilities, as named in ntoskrnl); the legacy Windows
// 8 ones are kLegacyCapabilities. Sources: docs/principals.md.
constexpr std::string_view kKnownCapabilityNames[] = {
    "lpacAppExperience", "lpacCom", "lpacCryptoServices", "lpacIdentityServices",
    "lpacInstrumentation", "lpacEnterprisePolicyChangeNotifications", "lpacMedia",
    "lpacPnpNotifications", "registryRead", "lpacServicesManagement", "lpacSessionManagement",
    "lpacPrinting", "lpacWebPlatform", "lpacPayments", "lpacClipboard", "lpacIME",
    "lpacPackageManagerOperation", "lpacDeviceAccess", "permissiveLearningMode",
    "sessionImpersonation", "constrainedImpersonation",
};

// Services whose SIDs appear in Windows' own descriptors, for describe_sid.
constexpr std::string_view kKnownServiceNames[] = {"TrustedInstaller"};

Error invalid(std::string message) {
  return make_error(ErrorCode::invalid_argument, Error::no_offset, std::move(message));
}

enum class Case { upper, lower_ascii };

// The name as UTF-16LE bytes after Windows' case folding.
Result<std::vector<std::byte>> folded_utf16le(std::string_view name, Case folding,
                                              std::string_view what) {
  if (name.empty()) return invalid(fmt::format("an empty {}", what));
  std::size_t bad = 0;
  auto utf16 = detail::utf8_to_utf16(name, &bad);
  if (!utf16) return invalid(fmt::format("the {} is not UTF-8 (byte {})", what, bad));
  std::vector<std::byte> bytes;
  bytes.reserve(utf16->size() * 2);
  for (char16_t c : *utf16) {
    if (folding == Case::lower_ascii) {
      if (c >= 0x80)
        return invalid(fmt::format(
            "the {} '{}' has a non-ASCII character: Windows lower-cases it with its own table, "
            "which secdesc does not have, so it cannot derive the SID",
            what, name));
      c = static_cast<char16_t>(detail::ascii_lower(static_cast<char>(c)));
    } else {
      c = detail::upcase(c);
    }
    bytes.push_back(static_cast<std::byte>(c & 0xFF));
    bytes.push_back(static_cast<std::byte>(c >> 8));
  }
  return bytes;
}

// `count` little-endian 32-bit RIDs from the start of a digest.
template <std::size_t N>
std::vector<std::uint32_t> rids_of(const std::array<std::byte, N>& digest, std::size_t count) {
  std::vector<std::uint32_t> rids(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k)
      v |= static_cast<std::uint32_t>(std::to_integer<std::uint8_t>(digest[4 * i + k])) << (8 * k);
    rids[i] = v;
  }
  return rids;
}

Result<Sid> make_sid(std::uint64_t authority, std::vector<std::uint32_t> rids) {
  return Sid::from_parts(authority, rids);
}

Error hash_failed() {
  return make_error(ErrorCode::unsupported, Error::no_offset,
                    "the platform's hash library failed to compute a digest");
}

// SHA-1 of the folded name as five RIDs after `base` (service and app pool SIDs).
Result<Sid> sha1_sid(std::string_view name, Case folding, std::string_view what,
                     std::uint32_t base) {
  SECDESC_TRY(auto bytes, folded_utf16le(name, folding, what));
  auto digest = detail::sha1(bytes);
  if (!digest) return hash_failed();
  auto rids = rids_of(*digest, 5);
  rids.insert(rids.begin(), base);
  return make_sid(sid_authority::nt, std::move(rids));
}

}  // namespace

Result<Sid> service_sid(std::string_view service_name) {
  return sha1_sid(service_name, Case::upper, "service name", sid_rid::service_id_base);
}

Result<Sid> iis_app_pool_sid(std::string_view pool_name) {
  return sha1_sid(pool_name, Case::lower_ascii, "application pool name", sid_rid::apppool_id_base);
}

Result<Sid> app_container_sid(std::string_view package_family_name) {
  SECDESC_TRY(auto bytes, folded_utf16le(package_family_name, Case::lower_ascii,
                                         "package family name"));
  auto digest = detail::sha256(bytes);
  if (!digest) return hash_failed();
  auto rids = rids_of(*digest, 7);  // SECURITY_APP_PACKAGE_RID_COUNT (8) less the base RID
  rids.insert(rids.begin(), sid_rid::app_package_base);
  return make_sid(sid_authority::app_package, std::move(rids));
}

Result<CapabilitySids> capability_sids(std::string_view capability_name) {
  SECDESC_TRY(auto bytes, folded_utf16le(capability_name, Case::upper, "capability name"));
  auto digest = detail::sha256(bytes);
  if (!digest) return hash_failed();
  const auto hashed = rids_of(*digest, 8);

  std::vector<std::uint32_t> group = hashed;
  group.insert(group.begin(), sid_rid::installer_group_capability_base);
  SECDESC_TRY(Sid group_sid, make_sid(sid_authority::nt, std::move(group)));

  std::vector<std::uint32_t> capability;
  const auto legacy = std::find_if(
      std::begin(kLegacyCapabilities), std::end(kLegacyCapabilities),
      [&](const LegacyCapability& c) { return detail::iequals(c.name, capability_name); });
  if (legacy != std::end(kLegacyCapabilities)) {
    capability = {sid_rid::capability_base, legacy->rid};
  } else {
    capability = hashed;
    capability.insert(capability.begin(), {sid_rid::capability_base, sid_rid::capability_app});
  }
  SECDESC_TRY(Sid capability_sid, make_sid(sid_authority::app_package, std::move(capability)));
  return CapabilitySids{capability_sid, group_sid};
}

std::span<const LegacyCapability> legacy_capabilities() noexcept { return kLegacyCapabilities; }

std::optional<std::string_view> legacy_capability_name(const Sid& sid) noexcept {
  const auto subs = sid.sub_authorities();
  if (sid.authority() != sid_authority::app_package || subs.size() != 2 ||
      subs[0] != sid_rid::capability_base)
    return std::nullopt;
  for (const auto& c : kLegacyCapabilities)
    if (c.rid == subs[1]) return c.name;
  return std::nullopt;
}

std::span<const std::string_view> known_capability_names() noexcept {
  return kKnownCapabilityNames;
}

namespace {

// "PREFIX\rest" or "prefix:rest" (case-insensitive prefix): the rest, else nullopt.
std::optional<std::string_view> after_prefix(std::string_view text, std::string_view prefix) {
  if (text.size() <= prefix.size() || !detail::iequals(text.substr(0, prefix.size()), prefix))
    return std::nullopt;
  return text.substr(prefix.size());
}

Error unknown_principal(std::string_view text) {
  std::vector<std::string> candidates;
  for (const auto& n : principal_names()) candidates.emplace_back(n.words);
  for (const auto& row : well_known_sids())
    if (row.scope == SidScope::fixed) candidates.emplace_back(row.name);
  // A misspelt prefix ("NT SERVICES\\X", "capabilty:x") is matched with the name kept.
  if (const auto sep = text.find_first_of("\\:"); sep != std::string_view::npos)
    for (std::string_view prefix : {"NT SERVICE\\", "IIS APPPOOL\\", "package:", "capability:",
                                    "capability-group:"})
      candidates.push_back(std::string(prefix) + std::string(text.substr(sep + 1)));
  return make_error(
      ErrorCode::unknown_alias, 0,
      fmt::format("unknown principal '{}'{}: use an SDDL alias (SY, BA, IU, ...), a SID "
                  "(S-1-5-...), a well-known name such as 'Interactive users', or "
                  "'NT SERVICE\\Name', 'IIS APPPOOL\\Name', 'package:FamilyName', "
                  "'capability:name'",
                  text, detail::did_you_mean(text, candidates)));
}

}  // namespace

Result<Sid> resolve_principal(std::string_view text, const SidContext& context) {
  if (auto name = after_prefix(text, "NT SERVICE\\")) return service_sid(*name);
  if (auto name = after_prefix(text, "IIS APPPOOL\\")) return iis_app_pool_sid(*name);
  if (auto name = after_prefix(text, "package:")) return app_container_sid(*name);
  if (auto name = after_prefix(text, "capability:")) {
    SECDESC_TRY(auto sids, capability_sids(*name));
    return sids.capability;
  }
  if (auto name = after_prefix(text, "capability-group:")) {
    SECDESC_TRY(auto sids, capability_sids(*name));
    return sids.group;
  }
  auto sid = parse_principal(text, context);
  if (!sid && sid.error().code == ErrorCode::unknown_alias && text.size() > 2)
    return unknown_principal(text);
  return sid;
}

std::string describe_sid(const Sid& sid, const SidContext& context) {
  if (is_integrity_sid(sid)) return "integrity level " + integrity_level_name(sid);
  if (auto name = sid_display_name(sid, context)) {
    if (auto alias = sid_alias(sid, context)) return fmt::format("{}: {}", *alias, *name);
    return *name;
  }
  if (is_service_sid(sid)) {
    for (auto name : kKnownServiceNames)
      if (auto derived = service_sid(name); derived && *derived == sid)
        return fmt::format("service SID of NT SERVICE\\{}", name);
    return "service SID (NT SERVICE\\<name>; the name is not one secdesc knows)";
  }
  const auto subs = sid.sub_authorities();
  if (sid.authority() == sid_authority::nt && subs.size() == 6 &&
      subs[0] == sid_rid::apppool_id_base)
    return "IIS application pool SID (IIS APPPOOL\\<name>)";
  if (is_app_container_sid(sid)) return "AppContainer SID (package:<family name>)";
  const bool capability = is_capability_sid(sid);
  const bool group = sid.authority() == sid_authority::nt && subs.size() == 9 &&
                     subs[0] == sid_rid::installer_group_capability_base;
  if (capability || group) {
    if (auto legacy = legacy_capability_name(sid)) return fmt::format("capability SID of {}", *legacy);
    std::vector<std::string_view> names(std::begin(kKnownCapabilityNames),
                                        std::end(kKnownCapabilityNames));
    for (const auto& legacy : kLegacyCapabilities) names.push_back(legacy.name);
    for (auto name : names) {
      auto derived = capability_sids(name);
      if (!derived) continue;
      if (derived->capability == sid) return fmt::format("capability SID of {}", name);
      if (derived->group == sid) return fmt::format("capability group SID of {}", name);
    }
    return capability ? "capability SID (capability:<name>; the name is not one secdesc knows)"
                      : "capability group SID (capability-group:<name>; the name is not one "
                        "secdesc knows)";
  }
  if (auto alias = sid_alias(sid, context)) return std::string(*alias);
  return "a SID secdesc has no name for";
}

std::optional<std::string_view> find_principal_name(std::span<const NamedPrincipal> names,
                                                    const Sid& sid) noexcept {
  for (const auto& n : names)
    if (n.sid == sid) return n.name;
  return std::nullopt;
}

void remember_principal_name(std::vector<NamedPrincipal>& names, const Sid& sid,
                             std::string_view text) {
  const bool sid_string = text.size() >= 2 && detail::ascii_upper(text[0]) == 'S' && text[1] == '-';
  if (sid_string || sid_alias(sid) || find_principal_name(names, sid)) return;
  names.push_back(NamedPrincipal{sid, std::string(text)});
}

std::string principal_text(const Sid& sid, std::span<const NamedPrincipal> names,
                           const SidContext& context) {
  if (auto alias = sid_alias(sid, context)) return std::string(*alias);
  if (auto name = find_principal_name(names, sid))
    return fmt::format("{} ({})", sid.to_string(), *name);
  return sid.to_string();
}

bool is_service_sid(const Sid& sid) noexcept {
  const auto subs = sid.sub_authorities();
  return sid.authority() == sid_authority::nt && subs.size() == 6 &&
         subs[0] == sid_rid::service_id_base;
}

bool is_app_container_sid(const Sid& sid) noexcept {
  const auto subs = sid.sub_authorities();
  return sid.authority() == sid_authority::app_package && subs.size() == 8 &&
         subs[0] == sid_rid::app_package_base;
}

bool is_capability_sid(const Sid& sid) noexcept {
  const auto subs = sid.sub_authorities();
  return sid.authority() == sid_authority::app_package && subs.size() >= 2 &&
         subs[0] == sid_rid::capability_base;
}

}  // namespace secdesc
