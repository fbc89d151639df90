// Named sections under Wine: the descriptor we pass is the one Windows stores (read back with
// GetSecurityInfo), opens are granted exactly as the DACL says, and existing names, bad names and
// denials are reported as documented.
//
// What Wine cannot show (docs/windows.md): Wine does not enforce mandatory integrity control and
// cannot lower a token's integrity level, so the labels here are checked as stored, never as
// enforced; the expected open results are DACL-only.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <fmt/xchar.h>

#include <cstring>
#include <iostream>
#include <stdexcept>
#include <system_error>

#include "secdesc/secdesc.hpp"
#include "secdesc/win/object_security.hpp"
#include "secdesc/win/security_attributes.hpp"
#include "secdesc/win/security_match.hpp"
#include "secdesc/win/shared_section.hpp"
#include "reference_policies.hpp"
#include "secdesc/access_check.hpp"
#include "secdesc/token.hpp"
#include "win_test_support.hpp"

namespace secdesc::wintest {
namespace {

using win::CreateSectionOptions;
using win::IfSectionExists;
using win::SecurityAttributes;
using win::SharedSection;

// Section policies checked end to end: every reference policy in policies/ whose object is a
// section (compiled into reference_policies.hpp at build time), then these extra cases.
struct SectionPolicy {
  std::string scenario;
  std::string sddl;
};
const SectionPolicy extra_section_policies[] = {
    {"seed: service section (SY, BA all; interactive read/write; Low NW)",
     "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)"},
    {"seed without the label", "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)"},
    {"AppContainer reader", "D:P(A;;GA;;;SY)(A;;GR;;;AC)S:(ML;;NW;;;LW)"},
    {"everyone reads", "D:P(A;;GR;;;WD)"},
    {"SYSTEM only", "D:P(A;;GA;;;SY)"},
    {"administrators denied write, everyone else all", "D:P(D;;GW;;;BA)(A;;GA;;;WD)"},
    {"map-read only for authenticated users, specific bits", "D:P(A;;0x4;;;AU)(A;;GA;;;SY)"},
    {"query and map-read for interactive users", "D:P(A;;0x5;;;IU)"},
    {"OWNER RIGHTS limits the owner to reading", "D:P(A;;GR;;;OW)(A;;GA;;;SY)"},
    {"medium label, no-write-up and no-read-up", "D:P(A;;GA;;;WD)S:(ML;;NWNR;;;ME)"},
};

const std::vector<SectionPolicy>& section_policies() {
  static const std::vector<SectionPolicy> all = [] {
    std::vector<SectionPolicy> out;
    for (const auto& p : reference::all_policies) {
      if (p.object_type != "section") continue;
      std::string sddl;
      for (wchar_t c : p.sddl) sddl += static_cast<char>(c);  // SDDL from secdesc is ASCII
      out.push_back({"reference policy " + std::string(p.name), sddl});
    }
    for (const auto& e : extra_section_policies) out.push_back(e);
    return out;
  }();
  return all;
}

// Wine difference 10 (docs/windows.md): Wine refuses a descriptor with a callback ACE (XA, XD:
// a conditional ACE) with "Invalid security descriptor"; Windows 8 and later accept it in any
// DACL. Such policies run in ConditionalAcesAreWineDifference10 instead of the tests below.
bool has_callback_ace(const SectionPolicy& policy) {
  const auto sd = parse_or_fail(policy.sddl);
  if (!sd.dacl()) return false;
  for (const auto& ace : sd.dacl()->aces)
    if (ace.is_callback()) return true;
  return false;
}
bool wine_refuses(const SectionPolicy& policy) {
  return running_under_wine() && has_callback_ace(policy);
}

TEST(SectionUnderWine, EveryReferenceSectionPolicyIsInTheTable) {
  std::size_t sections = 0;
  for (const auto& p : reference::all_policies) sections += p.object_type == "section";
  EXPECT_GE(sections, 3u);
  EXPECT_EQ(section_policies().size(), sections + std::size(extra_section_policies));
}

SecurityAttributes attributes_for(std::string_view sddl) {
  auto sa = SecurityAttributes::from_descriptor(parse_or_fail(sddl));
  if (!sa) throw std::runtime_error("SecurityAttributes: " + sa.error().message);
  return *sa;
}

TEST(TokenUnderWine, HighIntegrityAdministrator) {
  if (!running_under_wine()) GTEST_SKIP() << "a fact about Wine's token";
  // The facts the expectations below rest on (and docs/windows.md states): Wine's token is an
  // enabled member of BUILTIN\Administrators, at High integrity. Expected opens are computed from
  // the real token anyway, so a different token changes the expectations, not their correctness.
  const auto token = current_token_sids();
  EXPECT_TRUE(token.has(sids::builtin_administrators));
  ASSERT_TRUE(token.integrity.has_value());
  EXPECT_EQ(*token.integrity, sids::high_integrity);
  std::cout << fmt::format("[under Wine] token user {}, {} enabled groups, integrity {}\n",
                           token.user.to_string(), token.enabled_groups.size(),
                           token.integrity ? token.integrity->to_string() : "none");
}

TEST(SectionUnderWine, StoredSecurityIsOurs) {
  for (const auto& policy : section_policies()) {
    if (wine_refuses(policy)) continue;
    SCOPED_TRACE(fmt::format("{}: {}", policy.scenario, policy.sddl));
    const auto sa = attributes_for(policy.sddl);
    const auto section = SharedSection::create(unique_section_name(L"readback"), 4096, sa);
    const auto stored = section.read_security();
    ASSERT_TRUE(stored) << stored.error().message;
    const auto difference = win::dacl_or_label_difference(sa.descriptor(), *stored, ObjectType::section);
    EXPECT_FALSE(difference) << *difference << "; stored " << to_sddl(*stored);
    // The label, spelled out: dacl_or_label_difference compares it too, but this is the part
    // a service cares most about and a NULL SECURITY_ATTRIBUTES would silently drop.
    EXPECT_EQ(stored->mandatory_label(), sa.descriptor().mandatory_label()) << to_sddl(*stored);
    ASSERT_EQ(stored->dacl_state(), AclState::present);
    EXPECT_EQ(stored->dacl()->aces.size(), sa.descriptor().dacl()->aces.size());
  }
}

TEST(SectionUnderWine, ConditionalAcesAreWineDifference10) {
  int conditional = 0;
  for (const auto& policy : section_policies()) {
    if (!has_callback_ace(policy)) continue;
    ++conditional;
    SCOPED_TRACE(fmt::format("{}: {}", policy.scenario, policy.sddl));
    const auto sa = attributes_for(policy.sddl);
    if (running_under_wine()) {
      // Still refused: when a Wine release accepts them, this fails and the policy can join the
      // tests above.
      try {
        SharedSection::create(unique_section_name(L"conditional"), 4096, sa);
        ADD_FAILURE() << "Wine now accepts a conditional ACE: remove difference 10";
      } catch (const std::system_error& e) {
        EXPECT_EQ(e.code().value(), static_cast<int>(ERROR_INVALID_SECURITY_DESCR)) << e.what();
      }
    } else {
      const auto section = SharedSection::create(unique_section_name(L"conditional"), 4096, sa);
      const auto stored = section.read_security();
      ASSERT_TRUE(stored) << stored.error().message;
      EXPECT_FALSE(win::dacl_or_label_difference(sa.descriptor(), *stored, ObjectType::section));
    }
  }
  std::cout << fmt::format("[under {}] {} section policies with conditional ACEs\n",
                           running_under_wine() ? "Wine" : "Windows", conditional);
  EXPECT_GE(conditional, 1) << "policies/conditional-section-write.toml is a section policy";
}

TEST(SectionUnderWine, StoredSecurityFromACompiledHeaderArray) {
  // The compiled-header path: std::array bytes -> SecurityAttributes -> section.
  const auto bytes = encode_self_relative(parse_or_fail(extra_section_policies[0].sddl));
  ASSERT_TRUE(bytes);
  std::vector<std::uint8_t> compiled(bytes->size());
  std::memcpy(compiled.data(), bytes->data(), bytes->size());
  const SecurityAttributes sa(compiled);
  const auto section = SharedSection::create(unique_section_name(L"compiled"), 4096, sa);
  const auto raw = win::read_security_bytes(section.handle());
  auto copy = raw;
  EXPECT_TRUE(IsValidSecurityDescriptor(copy.data()));
  const auto stored = decode_self_relative(raw);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_FALSE(win::dacl_or_label_difference(sa.descriptor(), *stored, ObjectType::section));
}

// Every right a section defines, by the words of the object-type table, plus the two combinations
// clients ask for.
struct RightToTry {
  std::string name;
  AccessMask mask;
};
std::vector<RightToTry> section_rights_to_try() {
  std::vector<RightToTry> out;
  for (const auto& r : object_type_info(ObjectType::section).specific_rights)
    out.push_back({std::string(r.constant), r.mask});
  for (const auto& r : standard_rights()) {
    // ACCESS_SYSTEM_SECURITY is a privilege matter and MAXIMUM_ALLOWED is not a right: neither
    // is decided by the DACL alone. find_right leaves out what sections do not support.
    if (r.mask == rights::access_system_security || r.mask == rights::maximum_allowed) continue;
    if (auto right = find_right(ObjectType::section, r.word)) out.push_back({std::string(right->constant), right->mask});
  }
  const auto mask_of = [](std::string_view word) { return find_right(ObjectType::section, word)->mask; };
  out.push_back({"FILE_MAP_READ|FILE_MAP_WRITE", mask_of("map-read") | mask_of("map-write")});
  out.push_back({"FILE_MAP_ALL_ACCESS", object_type_info(ObjectType::section).mapping.all});
  return out;
}

// Wine's token as the emulator's Token: its user, enabled and deny-only groups, no privileges,
// and the mandatory policy off, so the answer is the DACL's alone.
Token dacl_only_model(const TokenSids& t) {
  Token m;
  m.user = t.user;
  for (const auto& g : t.enabled_groups) m.groups.push_back(TokenGroup{g, true, false, false});
  for (const auto& g : t.deny_only_groups) m.groups.push_back(TokenGroup{g, false, true, false});
  m.integrity_level = t.integrity.value_or(sids::high_integrity);
  m.mandatory_policy = token_policy::off;
  return m;
}

// What OpenFileMappingW asks NtOpenSection for: kernel32 turns FILE_MAP_COPY (0x1, the same bit
// as SECTION_QUERY) into FILE_MAP_READ (Wine does; so do ReactOS and other kernel32
// re-implementations), so SECTION_QUERY alone cannot be asked for through this API.
AccessMask open_file_mapping_request(AccessMask desired) {
  return desired == FILE_MAP_COPY ? FILE_MAP_READ : desired;
}

TEST(SectionUnderWine, OpenIsGrantedExactlyAsTheDaclSays) {
  const auto token = current_token_sids();
  const auto rights_to_try = section_rights_to_try();
  int granted = 0, denied = 0, wine_owner_differences = 0;
  for (const auto& policy : section_policies()) {
    if (wine_refuses(policy)) continue;
    SCOPED_TRACE(fmt::format("{}: {}", policy.scenario, policy.sddl));
    const auto name = unique_section_name(L"open");
    const auto section = SharedSection::create(name, 4096, attributes_for(policy.sddl));
    const auto stored = section.read_security();
    ASSERT_TRUE(stored) << stored.error().message;
    // Integrity is not part of the expectation: Wine does not enforce mandatory labels (and its
    // token is High, above every label used here). On Windows the labels would additionally
    // deny a lower-integrity caller; Wine cannot show that. So the emulator is asked for its
    // DACL-only answer (mandatory policy off) for Wine's own token, with MAXIMUM_ALLOWED.
    const Token model = dacl_only_model(token);
    const AccessMask section_bits = object_type_info(ObjectType::section).mapping.all | 0x20;
    const AccessMask windows_allowed =
        access_check(*stored, model, rights::maximum_allowed, ObjectType::section).granted & section_bits;
    // A second, independent computation (win_test_support) must agree with the emulator.
    EXPECT_EQ(windows_allowed,
              expected_dacl_only_access(*stored, token, ObjectType::section, OwnerRule::windows) & section_bits);
    // Wine's owner rule is the one documented deviation (docs/windows.md).
    const AccessMask wine_allowed =
        expected_dacl_only_access(*stored, token, ObjectType::section, OwnerRule::wine) & section_bits;
    for (const auto& right : rights_to_try) {
      const AccessMask request = open_file_mapping_request(right.mask);
      SCOPED_TRACE(fmt::format("{} (0x{:x}, asks 0x{:x}); the DACL grants 0x{:x} by Windows' owner rule, 0x{:x} by Wine's",
                               right.name, right.mask, request, windows_allowed, wine_allowed));
      const bool expected = (request & ~(running_under_wine() ? wine_allowed : windows_allowed)) == 0;
      if (expected != ((request & ~windows_allowed) == 0)) ++wine_owner_differences;
      HANDLE opened = OpenFileMappingW(right.mask, FALSE, name.c_str());
      const DWORD error = opened ? ERROR_SUCCESS : GetLastError();
      if (opened) CloseHandle(opened);
      EXPECT_EQ(opened != nullptr, expected) << "Win32 error " << error;
      if (!opened) {
        EXPECT_EQ(error, static_cast<DWORD>(ERROR_ACCESS_DENIED));
      }
      (opened ? granted : denied)++;
    }
  }
  std::cout << fmt::format("[under Wine] {} opens granted, {} denied, as the DACLs say; {} of them "
                           "only because of Wine's owner rule (Windows would answer otherwise)\n",
                           granted, denied, wine_owner_differences);
  EXPECT_GT(granted, 0);
  EXPECT_GT(denied, 0);
}

TEST(SectionUnderWine, ExistingNameFailsByDefault) {
  const auto name = unique_section_name(L"exists");
  const auto sa = attributes_for(extra_section_policies[0].sddl);
  const auto first = SharedSection::create(name, 4096, sa);
  try {
    SharedSection::create(name, 4096, sa);
    FAIL() << "a second create of the same name must throw";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code().value(), ERROR_ALREADY_EXISTS);
    EXPECT_EQ(e.code().category(), std::system_category());
    const std::string what = e.what();
    EXPECT_NE(what.find("CreateFileMappingW(Local\\secdesc-test-exists-"), std::string::npos) << what;
    EXPECT_NE(what.find("not applied"), std::string::npos) << what;
  }
}

TEST(SectionUnderWine, ExistingNameAcceptedOnlyWithOurDaclAndLabel) {
  const auto name = unique_section_name(L"accept");
  const auto ours = attributes_for(extra_section_policies[0].sddl);
  const CreateSectionOptions accept{IfSectionExists::accept_if_same_security};
  const auto first = SharedSection::create(name, 4096, ours);
  EXPECT_FALSE(first.existed());

  // Same DACL and label (from bytes in another layout, even): accepted.
  auto native = native_sddl_to_bytes(widen(extra_section_policies[0].sddl));
  ASSERT_EQ(native.error, static_cast<DWORD>(ERROR_SUCCESS));
  auto same = SecurityAttributes::from_bytes(native.bytes);
  ASSERT_TRUE(same) << same.error().message;
  const auto second = SharedSection::create(name, 4096, *same, accept);
  EXPECT_TRUE(second.existed());
  EXPECT_EQ(second.size(), 0u);
  auto view = second.map(FILE_MAP_READ);
  EXPECT_GE(view.size(), 4096u);

  struct Squat {
    std::string_view scenario;
    std::string_view sddl;
    std::string_view difference;
  };
  const Squat squats[] = {
      {"the squatter's DACL lets everyone write", "D:P(A;;GA;;;WD)S:(ML;;NW;;;LW)", "DACL ACE"},
      {"same DACL, no label", "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)", "mandatory label"},
      {"same DACL, other label", "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;ME)", "ML"},
  };
  for (const auto& squat : squats) {
    SCOPED_TRACE(squat.scenario);
    const auto squatted_name = unique_section_name(L"squat");
    const auto squatter = SharedSection::create(squatted_name, 4096, attributes_for(squat.sddl));
    try {
      SharedSection::create(squatted_name, 4096, ours, accept);
      ADD_FAILURE() << "a section with other security must be refused";
    } catch (const std::system_error& e) {
      EXPECT_EQ(e.code().value(), ERROR_ALREADY_EXISTS);
      const std::string what = e.what();
      EXPECT_NE(what.find("other security"), std::string::npos) << what;
      EXPECT_NE(what.find(squat.difference), std::string::npos) << what;
    }
  }
}

TEST(SectionUnderWine, NamesNeedLocalOrGlobalNamespace) {
  const auto sa = attributes_for(extra_section_policies[0].sddl);
  for (std::wstring_view bad : {L"NoNamespace", L"Local\\", L"Global\\", L"Local\\a\\b",
                                L"Session\\1\\Foo", L"Loca\\x", L"local\\lower-case", L""}) {
    SCOPED_TRACE(narrow_ascii(bad));
    EXPECT_THROW(SharedSection::create(bad, 4096, sa), std::invalid_argument);
    EXPECT_THROW(SharedSection::open(bad, FILE_MAP_READ), std::invalid_argument);
  }
  // Global\ is accepted (Wine grants the create-global privilege's effect to its token).
  const auto global = SharedSection::create(
      fmt::format(L"Global\\secdesc-test-global-{}", GetCurrentProcessId()), 4096, sa);
  EXPECT_TRUE(global.read_security());
}

TEST(SectionUnderWine, ErrorsCarryTheWin32CodeAndTheCall) {
  const auto missing = unique_section_name(L"missing");
  try {
    SharedSection::open(missing, FILE_MAP_READ);
    FAIL() << "opening a missing section must throw";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code().value(), ERROR_FILE_NOT_FOUND);
    EXPECT_NE(std::string(e.what()).find("OpenFileMappingW(Local\\secdesc-test-missing-"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("map-read"), std::string::npos) << e.what();
  }
  const auto name = unique_section_name(L"denied");
  const auto section = SharedSection::create(name, 4096, attributes_for("D:P(A;;GR;;;WD)"));
  try {
    SharedSection::open(name, FILE_MAP_WRITE);
    FAIL() << "write access is not in the DACL";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code().value(), ERROR_ACCESS_DENIED);
    EXPECT_NE(std::string(e.what()).find("map-write"), std::string::npos) << e.what();
  }
  try {
    SharedSection::create(unique_section_name(L"zero"), 0, attributes_for("D:P(A;;GA;;;WD)"));
    FAIL() << "a pagefile-backed section of size 0 is invalid";
  } catch (const std::system_error& e) {
    EXPECT_NE(e.code().value(), 0);
    EXPECT_NE(std::string(e.what()).find("CreateFileMappingW(Local\\secdesc-test-zero-"), std::string::npos) << e.what();
  }
}

TEST(SectionUnderWine, ViewsShareMemoryBetweenHandles) {
  const auto name = unique_section_name(L"views");
  const auto created = SharedSection::create(name, 10000, attributes_for("D:P(A;;GA;;;WD)"));
  EXPECT_EQ(created.size(), 10000u);
  auto writer = created.map(FILE_MAP_WRITE);
  EXPECT_EQ(writer.size(), 10000u);
  const char text[] = "written through the creator's view";
  std::memcpy(writer.data(), text, sizeof text);

  const auto opened = SharedSection::open(name, FILE_MAP_READ);
  auto reader = opened.map(FILE_MAP_READ);
  EXPECT_GE(reader.size(), 10000u);  // whole pages when the size is not known
  EXPECT_EQ(std::memcmp(reader.data(), text, sizeof text), 0);

  auto part = opened.map(FILE_MAP_READ, 0, 100);
  EXPECT_EQ(part.size(), 100u);
  auto moved = std::move(part);
  EXPECT_EQ(moved.size(), 100u);
  EXPECT_EQ(part.data(), nullptr);  // NOLINT(bugprone-use-after-move): a moved-from view is empty
}

}  // namespace
}  // namespace secdesc::wintest
