// access_check: one row per rule of docs/access-check.md, each with its scenario and its source.
// Tokens are written as token SPECs (parse_token_spec), rights as parse_rights reads them.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

#include "secdesc/access_check.hpp"
#include "secdesc/rights_text.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/token.hpp"

namespace secdesc {
namespace {

// The example user of the presets, for O: fields.
constexpr std::string_view kUser = "S-1-5-21-1000000000-2000000000-3000000000-1001";

struct Case {
  std::string_view name;      // test name
  std::string_view scenario;  // what is checked, in words
  std::string_view source;    // where the expected answer comes from
  std::string sddl;
  std::string_view token;     // token SPEC
  ObjectType type;
  std::string_view desired;
  bool allowed;
  std::optional<AccessMask> granted = std::nullopt;  // checked when given
  std::string_view trace_contains = {};              // a line of the trace must contain it
};

constexpr std::string_view kMic = "MS Learn, Mandatory Integrity Control; MS-DTYP 2.5.3.3";
constexpr std::string_view kDtyp = "MS-DTYP 2.5.3.2 Access Check Algorithm Pseudocode";
constexpr std::string_view kHow = "MS Learn, How AccessCheck Works";
constexpr std::string_view kSeed =
    "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)";  // the service author's section (issue 4)

const Case kCases[] = {
    // ---- Mandatory Integrity Control -------------------------------------------------------
    {"DefaultLabelLetsLowRead",
     "an unlabelled section counts as Medium NW: a Low caller may still read it", kMic,
     "D:(A;;GA;;;WD)", "preset=low-integrity-user", ObjectType::section, "read", true, 0x20005},
    {"DefaultLabelBlocksLowWrite",
     "an unlabelled section counts as Medium NW: a Low caller cannot map it for writing", kMic,
     "D:(A;;GA;;;WD)", "preset=low-integrity-user", ObjectType::section, "write", false, 0x20000,
     "0x2 (map-write): removed by mandatory integrity control"},
    {"LowLabelLetsLowWrite", "S:(ML;;NW;;;LW) lowers the object to Low: a Low caller may write",
     kMic, "D:(A;;GA;;;WD)S:(ML;;NW;;;LW)", "preset=low-integrity-user", ObjectType::section,
     "read,write", true, 0x20007, "object integrity low, policy NW"},
    {"MediumCallerUnaffected", "a Medium caller is not below a Medium object", kMic,
     "D:(A;;GA;;;WD)", "preset=interactive-user", ObjectType::section, "read,write", true},
    {"NoReadUpBlocksRead", "NR on a Medium object: a Low caller loses the read-only rights", kMic,
     "D:(A;;GA;;;WD)S:(ML;;NR;;;ME)", "preset=low-integrity-user", ObjectType::section, "read",
     false, 0x20000, "policy is NR"},
    {"NoReadUpAloneKeepsWrite",
     "NR without NW: writing up is not blocked (MS-DTYP 2.5.3.3 removes WRITE only for NW)", kMic,
     "D:(A;;GA;;;WD)S:(ML;;NR;;;ME)", "preset=low-integrity-user", ObjectType::section, "write",
     true},
    {"NoExecuteUpBlocksExecute", "NX on a Medium object: a Low caller cannot map it executable",
     kMic, "D:(A;;GA;;;WD)S:(ML;;NX;;;ME)", "preset=low-integrity-user", ObjectType::section,
     "execute", false, 0x20000},
    {"NoExecuteUpKeepsRead", "NX only: reading is not affected", kMic,
     "D:(A;;GA;;;WD)S:(ML;;NX;;;ME)", "preset=low-integrity-user", ObjectType::section, "read",
     true},
    {"UntrustedBelowLow", "an Untrusted caller is below a Low object: no write up", kMic,
     "D:(A;;GA;;;WD)S:(ML;;NW;;;LW)", "preset=low-integrity-user;integrity=untrusted",
     ObjectType::section, "map-write", false},
    {"UntrustedMayReadLow", "an Untrusted caller may still read a Low NW object", kMic,
     "D:(A;;GA;;;WD)S:(ML;;NW;;;LW)", "preset=low-integrity-user;integrity=untrusted",
     ObjectType::section, "map-read", true},
    {"PolicyOffNotEnforced",
     "a token whose mandatory policy is OFF is not subject to integrity checks",
     "MS-DTYP 2.4.8 (TOKEN_MANDATORY_POLICY_OFF) and 2.5.3.3", "D:(A;;GA;;;WD)",
     "preset=low-integrity-user;mandatory-policy=off", ObjectType::section, "write", true, {},
     "not enforced"},
    {"InheritOnlyLabelIgnored",
     "an inherit-only label is for children: the next label ACE is the one in force", kMic,
     "D:(A;;GA;;;WD)S:(ML;OIIO;NW;;;HI)(ML;;NW;;;LW)", "preset=low-integrity-user",
     ObjectType::section, "write", true, {}, "SACL ACE #0 (ML;OIIO;NW;;;HI): skipped"},
    {"OnlyInheritOnlyLabelMeansDefault",
     "only an inherit-only label: the object itself is unlabelled (Medium NW)", kMic,
     "D:(A;;GA;;;WD)S:(ML;OIIO;NW;;;LW)", "preset=low-integrity-user", ObjectType::section,
     "write", false},
    {"ProcessDefaultNoReadUp",
     "an unlabelled process is Medium NW|NR: a Low caller cannot query it",
     "shared/notes/windows-object-facts.md section 6 (NtObjectManager, single source)",
     "D:(A;;GA;;;WD)", "preset=low-integrity-user", ObjectType::process, "query-information",
     false},
    {"ProcessDefaultKeepsExecutePart",
     "NW|NR keeps the execute part of the process mapping (query-limited-information)",
     "shared/notes/windows-object-facts.md section 6", "D:(A;;GA;;;WD)",
     "preset=low-integrity-user", ObjectType::process, "query-limited-information", true},
    {"RelabelKeepsWriteOwner", "SeRelabelPrivilege adds WRITE_OWNER to what MIC allows",
     "MS-DTYP 2.5.3.3", "D:(A;;GA;;;WD)",
     "preset=low-integrity-user;privileges=SeRelabelPrivilege", ObjectType::section,
     "write-owner", true},
    {"MicAppliesToNullDacl", "a NULL DACL grants everything, but MIC still removes write up",
     kMic, "D:NO_ACCESS_CONTROL", "preset=low-integrity-user", ObjectType::section, "write",
     false},

    // ---- Owner ---------------------------------------------------------------------------
    {"OwnerImpliedRights", "the owner gets READ_CONTROL and WRITE_DAC even from an empty DACL",
     kDtyp, "O:" + std::string(kUser) + "D:", "preset=interactive-user", ObjectType::section,
     "read-control,write-dac", true, 0x60000, "is the caller: implied"},
    {"OwnerGetsNothingElse", "the owner's implied rights stop at READ_CONTROL and WRITE_DAC",
     kDtyp, "O:" + std::string(kUser) + "D:", "preset=interactive-user", ObjectType::section,
     "map-read", false},
    {"OwnerRightsReplaceImplied",
     "an OWNER RIGHTS ACE replaces the implied rights: only what OW grants",
     "MS Learn, Well-known SIDs (OWNER RIGHTS S-1-3-4); MS-DTYP 2.5.3.2",
     "O:" + std::string(kUser) + "D:(A;;RC;;;OW)", "preset=interactive-user",
     ObjectType::section, "write-dac", false, {}, "OWNER RIGHTS (OW) ACEs"},
    {"OwnerRightsGrant", "OW ACEs match the owner", "MS Learn, Well-known SIDs (OWNER RIGHTS)",
     "O:" + std::string(kUser) + "D:(A;;RC;;;OW)", "preset=interactive-user",
     ObjectType::section, "read-control", true},
    {"DenyOnlyOwnerIsNotOwner",
     "a deny-only group does not make the caller the owner (UAC-filtered administrator)",
     "MS Learn, SID Attributes in an Access Token", "O:BAD:", "preset=administrator-filtered",
     ObjectType::section, "write-dac", false},

    // ---- The DACL walk ---------------------------------------------------------------------
    {"DenyBeforeAllow", "a deny ACE before the allow ACE wins", kHow,
     "D:(D;;GW;;;IU)(A;;GA;;;WD)", "preset=interactive-user", ObjectType::section, "map-write",
     false, {}, "the check stops here"},
    {"DenyOfGenericWriteHitsReadControl",
     "GW on a section includes READ_CONTROL, so denying GW also denies a generic read",
     "object_type table (section GW 0x20002); shared/notes/windows-object-facts.md 2.2",
     "D:(D;;GW;;;IU)(A;;GA;;;WD)", "preset=interactive-user", ObjectType::section, "read",
     false},
    {"DenyLeavesOtherRights", "the deny ACE names map-write and read-control, not map-read",
     kHow, "D:(D;;GW;;;IU)(A;;GA;;;WD)", "preset=interactive-user", ObjectType::section,
     "map-read,query", true},
    {"NonCanonicalEvaluatedAsWritten",
     "an allow ACE placed before a deny ACE grants first: the DACL is read as written", kHow,
     "D:(A;;GA;;;WD)(D;;GW;;;IU)", "preset=interactive-user", ObjectType::section, "write",
     true},
    {"DenyOnlyGroupIgnoredByAllow", "a deny-only group does not match allow ACEs",
     "MS Learn, SID Attributes in an Access Token", "D:(A;;GA;;;BA)(A;;GR;;;WD)",
     "preset=administrator-filtered", ObjectType::section, "write", false, {},
     "BA is deny-only in the token"},
    {"DenyOnlyGroupMatchesDeny", "a deny-only group matches deny ACEs",
     "MS Learn, SID Attributes in an Access Token", "D:(D;;GA;;;BA)(A;;GA;;;WD)",
     "preset=administrator-filtered", ObjectType::section, "read", false},
    {"ElevatedAdminMatchesAllow", "the elevated token has BA enabled", kHow,
     "D:(A;;GA;;;BA)(A;;GR;;;WD)", "preset=administrator-elevated", ObjectType::section,
     "write", true},
    {"NullDaclGrantsAll", "a NULL DACL grants every right", kDtyp, "D:NO_ACCESS_CONTROL",
     "preset=interactive-user", ObjectType::section, "all", true},
    {"AbsentDaclGrantsAll", "no DACL at all grants every right", kHow, "O:BA",
     "preset=interactive-user", ObjectType::section, "read,write", true},
    {"EmptyDaclGrantsNothing", "an empty DACL grants nothing (except the owner's rights)", kDtyp,
     "D:", "preset=interactive-user", ObjectType::section, "map-read", false, {},
     "empty DACL"},
    {"InheritOnlyAllowIgnored", "an inherit-only allow ACE does not apply to the object", kDtyp,
     "D:(A;IO;GA;;;WD)", "preset=interactive-user", ObjectType::section, "read", false, {},
     "inherit-only"},
    {"InheritOnlyDenyIgnored", "an inherit-only deny ACE does not apply to the object", kDtyp,
     "D:(D;OICIIO;GA;;;WD)(A;;GA;;;WD)", "preset=interactive-user", ObjectType::directory,
     "read,write", true},
    {"GenericBitsInAceMapped", "GR in an ACE means the type's GenericRead", kDtyp,
     "D:(A;;GR;;;WD)", "preset=interactive-user", ObjectType::section, "query,map-read", true},
    {"ObjectAceWithGuidIgnored",
     "an object ACE for a property needs an object-type list; AccessCheck without one skips it",
     kDtyp, "D:(OA;;GA;bf967a86-0de6-11d0-a285-00aa003049e2;;WD)", "preset=interactive-user",
     ObjectType::section, "read", false, {}, "object ACE"},
    {"ObjectAceWithoutGuidIsPlain", "an object ACE without an object type acts as a plain ACE",
     kDtyp, "D:(OA;;GA;;;WD)", "preset=interactive-user", ObjectType::section, "read", true},

    // ---- MAXIMUM_ALLOWED and privileges ----------------------------------------------------
    {"MaximumAllowedSectionRead", "MAXIMUM_ALLOWED on a section DACL granting GR gives 0x20005",
     kDtyp, "D:(A;;GR;;;WD)", "preset=interactive-user", ObjectType::section, "maximum-allowed",
     true, 0x20005},
    {"MaximumAllowedFirstAceDecides",
     "MAXIMUM_ALLOWED: an earlier deny removes bits a later allow would grant", kDtyp,
     "D:(D;;0x2;;;WD)(A;;GA;;;WD)", "preset=interactive-user", ObjectType::section,
     "maximum-allowed", true, 0xF001D},
    {"MaximumAllowedAllowBeforeDeny",
     "MAXIMUM_ALLOWED: a deny after the allow cannot take back what the allow granted", kDtyp,
     "D:(A;;GA;;;WD)(D;;0x2;;;WD)", "preset=interactive-user", ObjectType::section,
     "maximum-allowed", true, 0xF001F},
    {"DenyAfterAllowCannotTakeBack",
     "a deny ACE only denies rights still requested: an earlier allow already granted map-read",
     kDtyp, "D:(A;;0x4;;;WD)(D;;0x4;;;WD)(A;;0x2;;;WD)", "preset=interactive-user",
     ObjectType::section, "map-read,map-write", true, 0x6, "its rights were already granted"},
    {"MaximumAllowedLowOnUnlabelled",
     "MAXIMUM_ALLOWED for a Low caller: the DACL's grant minus the write part", kMic,
     "D:(A;;GA;;;WD)", "preset=low-integrity-user", ObjectType::section, "maximum-allowed", true,
     0x2000D},
    {"MaximumAllowedNothing", "MAXIMUM_ALLOWED with nothing to grant is a denial", kDtyp, "D:",
     "preset=interactive-user", ObjectType::section, "maximum-allowed", false, 0},
    {"SystemSecurityNeedsPrivilege",
     "ACCESS_SYSTEM_SECURITY is granted only by SeSecurityPrivilege, enabled",
     "MS Learn, SACL Access Right", "D:(A;;GA;;;BA)", "preset=administrator-elevated",
     ObjectType::section, "access-system-security", false, {}, "holds it disabled"},
    {"SystemSecurityWithPrivilege", "with SeSecurityPrivilege enabled it is granted",
     "MS Learn, SACL Access Right", "D:(A;;GA;;;BA)",
     "preset=administrator-elevated;privileges=SeSecurityPrivilege", ObjectType::section,
     "access-system-security", true},
    {"SystemSecurityNotFromDacl", "an ACE naming ACCESS_SYSTEM_SECURITY grants nothing",
     "MS Learn, SACL Access Right (not valid in a DACL)", "D:(A;;0x1000000;;;WD)",
     "preset=interactive-user", ObjectType::section, "access-system-security", false},
    {"MaximumAllowedNoSystemSecurityFromDacl",
     "MAXIMUM_ALLOWED never takes ACCESS_SYSTEM_SECURITY from an ACE",
     "MS Learn, SACL Access Right (not valid in a DACL)", "D:(A;;0x1000000;;;WD)(A;;GR;;;WD)",
     "preset=interactive-user", ObjectType::section, "maximum-allowed", true, 0x20005},
    {"TakeOwnershipPrivilege", "SeTakeOwnershipPrivilege grants WRITE_OWNER whatever the DACL",
     kDtyp, "D:", "preset=interactive-user;privileges=SeTakeOwnershipPrivilege",
     ObjectType::section, "write-owner", true},
    {"DisabledTakeOwnership", "a held but disabled privilege does nothing", kDtyp, "D:",
     "preset=administrator-elevated", ObjectType::section, "write-owner", false},

    // ---- Restricted tokens ----------------------------------------------------------------
    {"RestrictedNeedsBothChecks",
     "restricted token: the user's SIDs are granted, the restricting SIDs are not",
     "MS Learn, Restricted Tokens", "D:(A;;GA;;;IU)S:(ML;;NW;;;LW)",
     "preset=restricted-sandbox", ObjectType::section, "read", false, {},
     "not granted to any restricting SID"},
    {"RestrictedBothGrant", "restricted token: both the user's SIDs and RC are granted read",
     "MS Learn, Restricted Tokens", "D:(A;;GA;;;IU)(A;;GR;;;RC)S:(ML;;NW;;;LW)",
     "preset=restricted-sandbox", ObjectType::section, "read", true},
    {"RestrictedIntersection", "restricted token: access is what both checks grant",
     "MS Learn, Restricted Tokens", "D:(A;;GA;;;IU)(A;;GR;;;RC)S:(ML;;NW;;;LW)",
     "preset=restricted-sandbox", ObjectType::section, "write", false},
    {"RestrictedSidAloneIsNotEnough",
     "restricted token: a grant to the restricting SID alone is not enough",
     "MS Learn, Restricted Tokens", "D:(A;;GA;;;RC)S:(ML;;NW;;;LW)", "preset=restricted-sandbox",
     ObjectType::section, "read", false},
    {"WriteRestrictedReadFree", "write-restricted: reading is not subject to the second check",
     "CreateRestrictedToken, WRITE_RESTRICTED", "D:(A;;GA;;;IU)",
     "preset=interactive-user;restricted=WR;write-restricted=true", ObjectType::section, "read",
     true},
    {"WriteRestrictedWriteChecked", "write-restricted: writing needs the restricting SID too",
     "CreateRestrictedToken, WRITE_RESTRICTED", "D:(A;;GA;;;IU)",
     "preset=interactive-user;restricted=WR;write-restricted=true", ObjectType::section, "write",
     false},
    {"WriteRestrictedWriteGranted", "write-restricted: WR granted write",
     "CreateRestrictedToken, WRITE_RESTRICTED", "D:(A;;GA;;;IU)(A;;GW;;;WR)",
     "preset=interactive-user;restricted=WR;write-restricted=true", ObjectType::section, "write",
     true},

    // ---- AppContainer ---------------------------------------------------------------------
    {"AppContainerWithoutAcDenied",
     "an AppContainer is refused by a DACL that names only users (no AC, package or capability)",
     "MS Learn, Launch an AppContainer", "D:(A;;GA;;;IU)S:(ML;;NW;;;LW)",
     "preset=appcontainer-process", ObjectType::section, "read", false, {},
     "not granted to any AppContainer SID"},
    {"AppContainerWithAc", "ALL APPLICATION PACKAGES (AC) admits every AppContainer",
     "MS Learn, Implement an AppContainer / Launch an AppContainer",
     "D:(A;;GA;;;IU)(A;;GA;;;AC)S:(ML;;NW;;;LW)", "preset=appcontainer-process",
     ObjectType::section, "read,write", true},
    {"AppContainerIntersection", "AppContainer access is the intersection of both checks",
     "MS Learn, Launch an AppContainer", "D:(A;;GR;;;IU)(A;;GA;;;AC)S:(ML;;NW;;;LW)",
     "preset=appcontainer-process", ObjectType::section, "write", false},
    {"AppContainerNeedsUserToo", "AC alone is not enough: the user's SIDs must be granted too",
     "MS Learn, Launch an AppContainer", "D:(A;;GA;;;AC)S:(ML;;NW;;;LW)",
     "preset=appcontainer-process", ObjectType::section, "read", false},
    {"AppContainerCapability", "a capability SID grants what its ACE says",
     "MS Learn, Implement an AppContainer (capability SIDs)",
     "D:(A;;GA;;;IU)(A;;GR;;;S-1-15-3-1)S:(ML;;NW;;;LW)", "preset=appcontainer-process",
     ObjectType::section, "read", true},
    {"LpacIgnoresAc", "a less-privileged AppContainer opted out of ALL APPLICATION PACKAGES",
     "MS Learn, Launch an AppContainer (PROCESS_CREATION_ALL_APPLICATION_PACKAGES_OPT_OUT)",
     "D:(A;;GA;;;IU)(A;;GA;;;AC)S:(ML;;NW;;;LW)", "preset=appcontainer-process;lpac=true",
     ObjectType::section, "read", false},
    {"LpacAllRestrictedPackages",
     "ALL RESTRICTED APPLICATION PACKAGES admits LPACs (semantics not in a Microsoft document)",
     "docs/access-check.md, AppContainer section",
     "D:(A;;GA;;;IU)(A;;GR;;;S-1-15-2-2)S:(ML;;NW;;;LW)", "preset=appcontainer-process;lpac=true",
     ObjectType::section, "read", true},

    // ---- The seed question ----------------------------------------------------------------
    {"SeedUnlabelledDeniesLowWrite",
     "issue 4: a Low process of an interactive user asks read+write on the service's section",
     kMic, std::string(kSeed), "preset=low-integrity-user", ObjectType::section, "read,write",
     false, 0x20005, "0x2 (map-write): removed by mandatory integrity control"},
    {"SeedLowLabelAllowsLowWrite", "issue 4 with S:(ML;;NW;;;LW): read+write is granted", kMic,
     std::string(kSeed) + "S:(ML;;NW;;;LW)", "preset=low-integrity-user", ObjectType::section,
     "read,write", true, 0x20007},
    {"SeedMediumUser", "issue 4: the same user at Medium gets read+write without a label", kHow,
     std::string(kSeed), "preset=interactive-user", ObjectType::section, "read,write", true},
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class AccessCheckTable : public ::testing::TestWithParam<Case> {};

TEST_P(AccessCheckTable, MatchesWindows) {
  const Case& c = GetParam();
  SCOPED_TRACE(fmt::format("{}\n  source: {}\n  sddl: {}\n  token: {}\n  desired: {}",
                           c.scenario, c.source, c.sddl, c.token, c.desired));
  auto sd = parse_sddl(c.sddl);
  ASSERT_TRUE(sd) << sd.error().message;
  auto token = parse_token_spec(c.token);
  ASSERT_TRUE(token) << token.error().message;
  auto desired = parse_rights(c.desired, c.type);
  ASSERT_TRUE(desired) << desired.error().message;
  const AccessCheckResult r = access_check(*sd, *token, *desired, c.type);
  EXPECT_EQ(r.allowed, c.allowed) << r.trace_text();
  // Without a trace: the same verdict and masks, and no trace.
  AccessCheckOptions quiet;
  quiet.trace = false;
  const AccessCheckResult q = access_check(*sd, *token, *desired, c.type, quiet);
  EXPECT_EQ(q.allowed, r.allowed);
  EXPECT_EQ(q.granted, r.granted);
  EXPECT_EQ(q.desired, r.desired);
  EXPECT_TRUE(q.trace.empty());
  EXPECT_FALSE(r.trace.empty());
  if (c.granted) {
    EXPECT_EQ(r.granted, *c.granted) << std::hex << r.granted << "\n" << r.trace_text();
  }
  if (!c.trace_contains.empty()) {
    EXPECT_NE(r.trace_text().find(c.trace_contains), std::string::npos)
        << "trace lacks \"" << c.trace_contains << "\":\n" << r.trace_text();
  }
  // Invariants: allowed means nothing missing; granted never exceeds the request (unless
  // MAXIMUM_ALLOWED asked for everything).
  if (r.allowed) {
    EXPECT_EQ(r.missing(), 0u);
  } else if ((r.desired & rights::maximum_allowed) == 0) {
    EXPECT_NE(r.missing(), 0u);
  }
  if ((r.desired & rights::maximum_allowed) == 0) {
    EXPECT_EQ(r.granted & ~r.desired, 0u);
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, AccessCheckTable, ::testing::ValuesIn(kCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(AccessCheck, DesiredIsReportedAfterGenericMapping) {
  auto sd = parse_sddl("D:(A;;GA;;;WD)");
  ASSERT_TRUE(sd);
  auto r = access_check(*sd, interactive_user(), rights::generic_read | rights::generic_write,
                        ObjectType::file);
  EXPECT_EQ(r.desired, 0x120089u | 0x120116u);  // FILE_GENERIC_READ | FILE_GENERIC_WRITE
  EXPECT_TRUE(r.allowed);
}

TEST(AccessCheck, TraceNamesTheAceBySddlAndIndex) {
  auto sd = parse_sddl(std::string(kSeed));
  ASSERT_TRUE(sd);
  auto r = access_check(*sd, low_integrity_user(), rights::generic_read, ObjectType::section);
  bool found = false;
  for (const auto& e : r.trace) {
    if (e.rule == TraceRule::dacl && e.action == TraceAction::granted) {
      found = true;
      ASSERT_TRUE(e.ace_index);
      EXPECT_EQ(*e.ace_index, 2u);
      EXPECT_EQ(e.ace_sddl, "(A;;GWGR;;;IU)");
      EXPECT_EQ(e.bits, 0x20007u);
    }
  }
  EXPECT_TRUE(found) << r.trace_text();
}

// Issue 15: S:(ML;;NW;;;LU) (LU typed for LW) once answered ALLOWED for a low-integrity writer,
// reading RID 559 as a level below low. MS-DTYP 2.4.4.13 requires an S-1-16 SID and no source says
// what Windows does otherwise, so the check refuses: no verdict, nothing granted, either trace mode.
TEST(AccessCheck, LabelWhoseSidIsNotAnIntegrityLevelGetsNoAnswer) {
  auto sd = parse_sddl(std::string(kSeed) + "S:(ML;;NW;;;LU)");
  ASSERT_TRUE(sd);
  for (bool trace : {true, false}) {
    for (const Token& token : {low_integrity_user(), interactive_user(), local_system()}) {
      auto r = access_check(*sd, token, rights::generic_write, ObjectType::section,
                            AccessCheckOptions{{}, trace});
      ASSERT_TRUE(r.refusal) << r.trace_text();
      EXPECT_FALSE(r.allowed);
      EXPECT_EQ(r.granted, 0u);
      EXPECT_EQ(r.refusal->code, ErrorCode::unsupported);
      EXPECT_NE(r.refusal->message.find("S-1-5-32-559"), std::string::npos) << r.refusal->message;
      EXPECT_NE(r.refusal->message.find("SACL ACE #0"), std::string::npos) << r.refusal->message;
      if (trace) {
        EXPECT_NE(r.trace_text().find("NO ANSWER"), std::string::npos) << r.trace_text();
      }
    }
  }
  // An inherit-only label with such a SID does not apply to the object: the check answers.
  auto inherit_only = parse_sddl(std::string(kSeed) + "S:(ML;OICIIO;NW;;;LU)");
  ASSERT_TRUE(inherit_only);
  auto r = access_check(*inherit_only, low_integrity_user(), rights::generic_read,
                        ObjectType::section);
  EXPECT_FALSE(r.refusal);
  EXPECT_TRUE(r.allowed) << r.trace_text();
  // Integrity SIDs outside the table (S-1-16-8448, medium-plus written as a SID) are levels.
  auto plus = parse_sddl(std::string(kSeed) + "S:(ML;;NW;;;S-1-16-8448)");
  ASSERT_TRUE(plus);
  r = access_check(*plus, low_integrity_user(), rights::generic_write, ObjectType::section);
  EXPECT_FALSE(r.refusal);
  EXPECT_FALSE(r.allowed) << r.trace_text();
}

// Process trust label (TL) and access filter (FL) ACEs: Microsoft documents their layout, not how
// the access check applies them (docs/access-check.md), so a descriptor whose SACL holds one that
// applies to the object gets no verdict, for every token and either trace mode. The TL ACE is the
// one Windows puts on \KnownDlls (daem0nc0re/TangledWinExec, SdDumper/README.md).
TEST(AccessCheck, TrustLabelAndAccessFilterGetNoAnswer) {
  struct SaclCase {
    std::string_view sacl;
    std::string_view named;  // what the refusal must name
    std::size_t index;
  };
  const SaclCase cases[] = {
      {"S:(TL;;CCDCRC;;;S-1-19-512-8192)", "process trust label (TL)", 0},
      {"S:(FL;;FR;;;WD;(@User.Department == \"Finance\"))", "access filter (FL)", 0},
      {"S:(ML;;NW;;;LW)(TL;;0x1;;;S-1-19-1024-8192)", "process trust label (TL)", 1},
  };
  for (const SaclCase& c : cases) {
    auto sd = parse_sddl(std::string(kSeed) + std::string(c.sacl));
    ASSERT_TRUE(sd) << c.sacl << ": " << sd.error().message;
    for (bool trace : {true, false}) {
      for (const Token& token : {low_integrity_user(), interactive_user(), local_system()}) {
        auto r = access_check(*sd, token, rights::generic_read, ObjectType::section,
                              AccessCheckOptions{{}, trace});
        ASSERT_TRUE(r.refusal) << c.sacl << "\n" << r.trace_text();
        EXPECT_FALSE(r.allowed);
        EXPECT_EQ(r.granted, 0u);
        EXPECT_EQ(r.refusal->code, ErrorCode::unsupported);
        EXPECT_NE(r.refusal->message.find(c.named), std::string::npos) << r.refusal->message;
        EXPECT_NE(r.refusal->message.find(fmt::format("SACL ACE #{}", c.index)), std::string::npos)
            << r.refusal->message;
        if (trace) {
          EXPECT_NE(r.trace_text().find("NO ANSWER"), std::string::npos) << r.trace_text();
          bool names_ace = false;
          for (const auto& e : r.trace)
            if (e.ace_index == c.index && e.rule == TraceRule::result) names_ace = true;
          EXPECT_TRUE(names_ace) << r.trace_text();
        }
      }
    }
  }
  // Inherit-only TL and FL ACEs do not apply to the object (MS-DTYP 2.5.3.2 skips them): the
  // check answers as it would without them.
  for (std::string_view sacl : {"S:(TL;OICIIO;CCDCRC;;;S-1-19-512-8192)",
                                "S:(FL;CIIO;FR;;;WD;(@User.Department == \"Finance\"))"}) {
    auto sd = parse_sddl(std::string(kSeed) + std::string(sacl));
    ASSERT_TRUE(sd) << sacl;
    auto plain = parse_sddl(std::string(kSeed));
    ASSERT_TRUE(plain);
    for (AccessMask wanted : {rights::generic_read, rights::generic_write}) {
      auto r = access_check(*sd, interactive_user(), wanted, ObjectType::section);
      auto without = access_check(*plain, interactive_user(), wanted, ObjectType::section);
      EXPECT_FALSE(r.refusal) << sacl;
      EXPECT_EQ(r.allowed, without.allowed) << sacl;
      EXPECT_EQ(r.granted, without.granted) << sacl;
    }
  }
}

TEST(AccessCheck, NothingDesiredIsAllowed) {
  // MS-DTYP 2.5.3.2: with nothing remaining in the request the check succeeds.
  auto sd = parse_sddl("D:");
  ASSERT_TRUE(sd);
  auto r = access_check(*sd, interactive_user(), 0, ObjectType::section);
  EXPECT_TRUE(r.allowed);
  EXPECT_EQ(r.granted, 0u);
}

TEST(AccessCheck, TraceRuleAndActionNames) {
  EXPECT_EQ(to_string(TraceRule::request), "request");
  EXPECT_EQ(to_string(TraceRule::token), "token");
  EXPECT_EQ(to_string(TraceRule::integrity), "integrity");
  EXPECT_EQ(to_string(TraceRule::privilege), "privilege");
  EXPECT_EQ(to_string(TraceRule::owner), "owner");
  EXPECT_EQ(to_string(TraceRule::dacl), "dacl");
  EXPECT_EQ(to_string(TraceRule::restricted), "restricted");
  EXPECT_EQ(to_string(TraceRule::appcontainer), "appcontainer");
  EXPECT_EQ(to_string(TraceRule::result), "result");
  EXPECT_EQ(to_string(TraceAction::info), "info");
  EXPECT_EQ(to_string(TraceAction::granted), "granted");
  EXPECT_EQ(to_string(TraceAction::denied), "denied");
  EXPECT_EQ(to_string(TraceAction::removed), "removed");
  EXPECT_EQ(to_string(TraceAction::skipped), "skipped");
}

TEST(AccessCheck, TraceTextIsOneLinePerEntry) {
  AccessCheckResult r;
  EXPECT_EQ(r.trace_text(), "");
  r.trace.push_back(TraceEntry{TraceRule::request, TraceAction::info, 0, std::nullopt, {}, "a"});
  r.trace.push_back(TraceEntry{TraceRule::result, TraceAction::info, 0, std::nullopt, {}, "b c"});
  EXPECT_EQ(r.trace_text(), "a\nb c\n");
}

TEST(AccessCheck, MissingLeavesMaximumAllowedAside) {
  AccessCheckResult r;
  r.desired = rights::maximum_allowed | rights::read_control | rights::write_dac;
  r.granted = rights::read_control;
  EXPECT_EQ(r.missing(), rights::write_dac);
}

}  // namespace
}  // namespace secdesc
