// SIDs derived from names, against SIDs that real Windows produced (sources in
// docs/principals.md: each vector was seen in a real descriptor, token or Windows-run test).
#include "secdesc/principal_names.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace secdesc {
namespace {

std::string sid_text(const Result<Sid>& sid) {
  return sid ? sid->to_string() : "error: " + sid.error().message;
}

TEST(PrincipalNames, ServiceSidOfTrustedInstaller) {
  // The owner of Windows' system files: O:S-1-5-80-956008885-... in real descriptors.
  EXPECT_EQ(sid_text(service_sid("TrustedInstaller")),
            "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464");
  // Windows upper-cases the name first, so the case written does not matter.
  EXPECT_EQ(sid_text(service_sid("trustedinstaller")), sid_text(service_sid("TRUSTEDINSTALLER")));
  EXPECT_TRUE(is_service_sid(*service_sid("AcmeSync")));
}

TEST(PrincipalNames, IisAppPoolSidOfDefaultAppPool) {
  // whoami /all in a DefaultAppPool worker process: IIS APPPOOL\DefaultAppPool.
  EXPECT_EQ(sid_text(iis_app_pool_sid("DefaultAppPool")),
            "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415");
  EXPECT_EQ(sid_text(iis_app_pool_sid("defaultapppool")),
            sid_text(iis_app_pool_sid("DefaultAppPool")));
}

TEST(PrincipalNames, AppContainerSidOfCalculator) {
  // The Calculator's token (PackageSid in the kernel debugger) and its AppContainer object
  // directory \Sessions\1\AppContainerNamedObjects\S-1-15-2-466767348-...
  const auto sid = app_container_sid("Microsoft.WindowsCalculator_8wekyb3d8bbwe");
  EXPECT_EQ(sid_text(sid),
            "S-1-15-2-466767348-3739614953-2700836392-1801644223-4227750657-1087833535-2488631167");
  ASSERT_TRUE(sid);
  EXPECT_TRUE(is_app_container_sid(*sid));
  EXPECT_FALSE(is_capability_sid(*sid));
  EXPECT_EQ(sid_text(app_container_sid("microsoft.windowscalculator_8wekyb3d8bbwe")),
            sid->to_string());
}

TEST(PrincipalNames, HashedCapabilitySids) {
  // Chromium's sandbox tests, run on Windows 10, and registry keys' DACLs:
  // (A;CIID;KR;;;S-1-15-3-1024-1065365936-...) is registryRead.
  struct Row {
    const char* name;
    const char* capability;
  };
  const Row rows[] = {
      {"registryRead",
       "S-1-15-3-1024-1065365936-1281604716-3511738428-1654721687-432734479-3232135806-"
       "4053264122-3456934681"},
      {"lpacCryptoServices",
       "S-1-15-3-1024-3203351429-2120443784-2872670797-1918958302-2829055647-4275794519-"
       "765664414-2751773334"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    const auto sids = capability_sids(row.name);
    ASSERT_TRUE(sids) << sids.error().message;
    EXPECT_EQ(sids->capability.to_string(), row.capability);
    EXPECT_TRUE(is_capability_sid(sids->capability));
    // The group SID: S-1-5-32 and the same eight hashed RIDs.
    const std::string capability = row.capability;
    EXPECT_EQ(sids->group.to_string(),
              "S-1-5-32-" + capability.substr(std::string("S-1-15-3-1024-").size()));
  }
}

TEST(PrincipalNames, LegacyCapabilitiesKeepTheirShortSids) {
  // Chromium's sandbox tests: internetClient S-1-15-3-1, enterpriseAuthentication S-1-15-3-8, ...
  EXPECT_EQ(capability_sids("internetClient")->capability.to_string(), "S-1-15-3-1");
  EXPECT_EQ(capability_sids("internetClientServer")->capability.to_string(), "S-1-15-3-2");
  EXPECT_EQ(capability_sids("privateNetworkClientServer")->capability.to_string(), "S-1-15-3-3");
  EXPECT_EQ(capability_sids("enterpriseAuthentication")->capability.to_string(), "S-1-15-3-8");
  EXPECT_EQ(capability_sids("INTERNETCLIENT")->capability.to_string(), "S-1-15-3-1");
  // Their group SIDs are still hash-based (DeriveCapabilitySidsFromName's remarks).
  const auto group = capability_sids("internetClient")->group;
  EXPECT_EQ(group.sub_authorities().size(), 9u);
  EXPECT_EQ(group.sub_authorities()[0], sid_rid::installer_group_capability_base);

  EXPECT_EQ(legacy_capabilities().size(), 12u);
  std::set<std::uint32_t> rids;
  for (const auto& c : legacy_capabilities()) rids.insert(c.rid);
  EXPECT_EQ(rids.size(), 12u);
  EXPECT_EQ(legacy_capability_name(Sid{sid_authority::app_package, {3, 12}}), "contacts");
  EXPECT_EQ(legacy_capability_name(Sid{sid_authority::app_package, {3, 13}}), std::nullopt);
  EXPECT_EQ(legacy_capability_name(sids::everyone), std::nullopt);
}

TEST(PrincipalNames, BadNamesAreErrors) {
  EXPECT_FALSE(service_sid(""));
  EXPECT_FALSE(capability_sids(""));
  const auto non_ascii = app_container_sid("Contoso.Caf\xc3\xa9_abc");
  ASSERT_FALSE(non_ascii);
  EXPECT_NE(non_ascii.error().message.find("non-ASCII"), std::string::npos);
  EXPECT_FALSE(iis_app_pool_sid("Pool\xc3\xa9"));
  const auto not_utf8 = service_sid("bad\xff");
  ASSERT_FALSE(not_utf8);
  EXPECT_NE(not_utf8.error().message.find("not UTF-8"), std::string::npos);
  // A non-ASCII service name is upper-cased with Windows' table: "é" and "É" are one service.
  EXPECT_EQ(sid_text(service_sid("caf\xc3\xa9")), sid_text(service_sid("CAF\xc3\x89")));
}

TEST(PrincipalNames, KindsOfSid) {
  EXPECT_FALSE(is_service_sid(sids::local_system));
  EXPECT_FALSE(is_app_container_sid(sids::all_app_packages));
  EXPECT_TRUE(is_capability_sid(Sid{sid_authority::app_package, {3, 1}}));
  EXPECT_FALSE(is_capability_sid(sids::all_app_packages));
}

}  // namespace
}  // namespace secdesc

namespace secdesc {
namespace {

TEST(ResolvePrincipal, DerivedForms) {
  EXPECT_EQ(resolve_principal("NT SERVICE\\TrustedInstaller")->to_string(),
            "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464");
  EXPECT_EQ(resolve_principal("nt service\\trustedinstaller")->to_string(),
            "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464");
  EXPECT_EQ(resolve_principal("IIS APPPOOL\\DefaultAppPool")->to_string(),
            "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415");
  EXPECT_EQ(*resolve_principal("package:Microsoft.WindowsCalculator_8wekyb3d8bbwe"),
            *app_container_sid("Microsoft.WindowsCalculator_8wekyb3d8bbwe"));
  EXPECT_EQ(resolve_principal("capability:internetClient")->to_string(), "S-1-15-3-1");
  EXPECT_EQ(*resolve_principal("capability-group:registryRead"),
            capability_sids("registryRead")->group);
}

TEST(ResolvePrincipal, EverythingParsePrincipalReads) {
  EXPECT_EQ(*resolve_principal("BA"), sids::builtin_administrators);
  EXPECT_EQ(*resolve_principal("Interactive users"), sids::interactive);
  EXPECT_EQ(*resolve_principal("S-1-5-18"), sids::local_system);
}

TEST(ResolvePrincipal, UnknownNamesSuggestTheClosest) {
  const auto typo = resolve_principal("NT SERVICES\\AcmeSync");
  ASSERT_FALSE(typo);
  EXPECT_NE(typo.error().message.find("did you mean 'NT SERVICE\\AcmeSync'"), std::string::npos)
      << typo.error().message;
  const auto words = resolve_principal("Interactive user");
  ASSERT_FALSE(words);
  EXPECT_NE(words.error().message.find("did you mean 'interactive users'"), std::string::npos)
      << words.error().message;
  EXPECT_FALSE(resolve_principal("NT SERVICE\\"));
}

TEST(DescribeSid, SaysWhatASidIs) {
  EXPECT_EQ(describe_sid(sids::builtin_administrators), "BA: BUILTIN\\Administrators");
  EXPECT_EQ(describe_sid(sids::low_integrity), "integrity level low");
  EXPECT_EQ(describe_sid(*service_sid("TrustedInstaller")),
            "service SID of NT SERVICE\\TrustedInstaller");
  EXPECT_EQ(describe_sid(*service_sid("AcmeSync")),
            "service SID (NT SERVICE\\<name>; the name is not one secdesc knows)");
  EXPECT_EQ(describe_sid(*iis_app_pool_sid("DefaultAppPool")),
            "IIS application pool SID (IIS APPPOOL\\<name>)");
  EXPECT_EQ(describe_sid(*app_container_sid("Contoso.App_abc")),
            "AppContainer SID (package:<family name>)");
  EXPECT_EQ(describe_sid(capability_sids("lpacCom")->capability), "capability SID of lpacCom");
  EXPECT_EQ(describe_sid(capability_sids("registryRead")->group),
            "capability group SID of registryRead");
  EXPECT_EQ(describe_sid(Sid{sid_authority::app_package, {3, 1}}),
            "capability SID of internetClient");
  EXPECT_EQ(describe_sid(capability_sids("contosoCustom")->capability),
            "capability SID (capability:<name>; the name is not one secdesc knows)");
  for (auto name : known_capability_names()) EXPECT_TRUE(capability_sids(name)) << name;
}

}  // namespace
}  // namespace secdesc
