// Conformance: what real Windows produced (../shared/vectors) against secdesc.
//
// Every row runs, or is counted as skipped because it needs conditional or resource-attribute
// ACEs (a later issue), or is named in kKnownDifferences below with the reason (see
// docs/conformance.md). Each test prints its counts: passed, failed, skipped.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <iostream>
#include <regex>
#include <string>
#include <string_view>

#include "secdesc/binary.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/sid.hpp"
#include "vectors.hpp"

namespace secdesc {
namespace {

using testing::VectorFile;
using testing::VectorRow;

struct Tally {
  std::string file;
  int passed = 0, failed = 0, skipped = 0, reported = 0;
  void fail(const VectorRow& row, const std::string& what) {
    ++failed;
    if (++reported <= 25) ADD_FAILURE() << file << ":" << row.line << ": " << what;
  }
  ~Tally() {
    std::cout << fmt::format("[conformance] {}: {} passed, {} failed, {} skipped\n", file, passed,
                             failed, skipped);
  }
};

#define SECDESC_REQUIRE_VECTORS(dir)                                    \
  auto dir##_opt = testing::vectors_dir();                              \
  if (!dir##_opt) GTEST_SKIP() << testing::missing_vectors_notice();    \
  const auto& dir = *dir##_opt

// The domain SID named in a vector file's header.
std::optional<Sid> header_domain_sid(const VectorFile& f) {
  static const std::regex re(R"(S-1-5-21-\d+-\d+-\d+)");
  for (const auto& line : f.header) {
    if (line.find("Domain SID") == std::string::npos && line.find("domain SID") == std::string::npos)
      continue;
    std::smatch m;
    if (std::regex_search(line, m, re)) {
      auto sid = parse_domain_sid(m.str());
      if (sid) return *sid;
    }
  }
  return std::nullopt;
}

// Windows bytes whose ACL has slack: AclSize larger than the sum of its ACEs (17 rows; Windows
// also wrote ACL revision 4 there without object ACEs). The string Windows emitted from those bytes
// cannot express the slack, and the fuzz seed that produced them is not recorded, so for these
// rows sddl->bytes is checked as "same descriptor, ACL revision and size aside" instead of
// byte-exact (docs/conformance.md, "ACL slack").
bool has_acl_slack(std::span<const std::byte> b) {
  auto u16 = [&](std::size_t at) {
    return static_cast<std::size_t>(std::to_integer<unsigned>(b[at]) |
                                    (std::to_integer<unsigned>(b[at + 1]) << 8));
  };
  auto u32 = [&](std::size_t at) { return u16(at) | (u16(at + 2) << 16); };
  for (std::size_t field : {std::size_t{12}, std::size_t{16}}) {
    std::size_t off = u32(field);
    if (off == 0 || off + 8 > b.size()) continue;
    std::size_t size = u16(off + 2), count = u16(off + 4), sum = 8, p = off + 8;
    for (std::size_t k = 0; k < count && p + 4 <= b.size(); ++k) {
      sum += u16(p + 2);
      p += u16(p + 2);
    }
    if (size > sum) return true;
  }
  return false;
}

// The one row whose ACL revision contradicts Windows' other bytes for the same string: the
// Windows Server 2022 sample of Samba's test_sddl_conditional_ace.c (test_full_sddl_compile) has
// a SACL of revision 4 holding a single RA ACE, while the JSON export of the same SDDL string from
// Windows (the row just before it in the file) and the 74 other RA-only SACLs have revision 2.
// The test's comment says the bytes were captured and hand-annotated; the revision is compared
// aside (docs/conformance.md, "ACL revision of the Windows Server 2022 sample").
constexpr std::string_view kRevisionAsideSource =
    "samba-team/samba:libcli/security/tests/test_sddl_conditional_ace.c@4614f04b0629#"
    "test_full_sddl_compile";

SecurityDescriptor with_default_revisions(SecurityDescriptor sd) {
  if (sd.dacl()) {
    Acl a = *sd.dacl();
    a.revision = Acl::required_revision(a.aces);
    sd.set_dacl(a);
  }
  if (sd.sacl()) {
    Acl a = *sd.sacl();
    a.revision = Acl::required_revision(a.aces);
    sd.set_sacl(a);
  }
  return sd;
}

TEST(Conformance, WindowsSddlBinary) {
  SECDESC_REQUIRE_VECTORS(dir);
  auto file = testing::load_vectors(dir, "windows_sddl_binary.tsv");
  auto domain = header_domain_sid(file);
  ASSERT_TRUE(domain) << "no domain SID in the header of " << file.name;
  const SidContext context{*domain};
  Tally t{file.name};
  int known = 0;
  int revision_aside = 0;
  for (const auto& row : file.rows) {
    const std::string& sddl = row.at(0);
    const std::string& hex = row.at(1);
    const std::string& evidence = row.at(3);
    bool ok = true;
    auto bytes = from_hex(hex);
    if (!bytes) {
      t.fail(row, "bad hex in vector");
      continue;
    }
    auto decoded = decode_self_relative(*bytes);
    auto parsed = parse_sddl(sddl, SddlParseOptions{context, false});
    if (!parsed) {
      t.fail(row, fmt::format("parse failed at {}: {}\n  sddl: {}", parsed.error().offset,
                              parsed.error().message, sddl));
      continue;
    }
    if (!decoded) {
      t.fail(row, fmt::format("decode failed at byte {}: {}", decoded.error().offset,
                              decoded.error().message));
      continue;
    }
    // String -> bytes.
    if (evidence == "DOTNET-ON-WINDOWS") {
      // .NET writes owner, group, then the ACLs; compare what the bytes mean, not their layout.
      if (!(*parsed == *decoded)) {
        ok = false;
        t.fail(row, "parse(sddl) != decode(bytes) for the .NET-layout row");
      }
    } else if (has_acl_slack(*bytes)) {
      ++known;
      if (!(with_default_revisions(*decoded) == *parsed)) {
        ok = false;
        t.fail(row, "ACL-slack row: parse(sddl) is not the descriptor the bytes hold");
      }
    } else if (row.at(2) == kRevisionAsideSource) {
      ++revision_aside;
      if (!(with_default_revisions(*decoded) == *parsed)) {
        ok = false;
        t.fail(row, "revision-aside row: parse(sddl) is not the descriptor the bytes hold");
      }
    } else {
      auto encoded = encode_self_relative(*parsed);
      if (!encoded || to_hex(*encoded) != hex) {
        ok = false;
        t.fail(row, fmt::format("sddl->bytes differ\n  sddl: {}\n  want: {}\n  got:  {}", sddl,
                                hex, encoded ? to_hex(*encoded) : encoded.error().message));
      }
    }
    // Bytes -> string: only where column 1 is what Windows emitted.
    if (evidence.find("SDDL=WIN-OUTPUT") != std::string::npos) {
      std::string emitted = to_sddl(*decoded, SddlFormatOptions{context});
      if (emitted != sddl) {
        ok = false;
        t.fail(row, fmt::format("bytes->sddl differ\n  want: {}\n  got:  {}", sddl, emitted));
      }
    }
    if (ok) ++t.passed;
  }
  std::cout << fmt::format("[conformance] {}: {} rows with ACL slack compared as descriptors, not bytes\n",
                           file.name, known);
  std::cout << fmt::format("[conformance] {}: {} row (the Windows Server 2022 sample) compared "
                           "with its ACL revision aside\n",
                           file.name, revision_aside);
  EXPECT_EQ(revision_aside, 1) << "the named row is no longer in the file, or appears twice";
  EXPECT_EQ(t.failed, 0);
}

TEST(Conformance, WindowsSddlRoundtrip) {
  SECDESC_REQUIRE_VECTORS(dir);
  auto file = testing::load_vectors(dir, "windows_sddl_roundtrip.tsv");
  auto binary = testing::load_vectors(dir, "windows_sddl_binary.tsv");
  const SidContext context{header_domain_sid(binary)};
  Tally t{file.name};
  for (const auto& row : file.rows) {
    const std::string& input = row.at(0);
    const std::string& want = row.at(1);
    auto parsed = parse_sddl(input, SddlParseOptions{context, false});
    if (!parsed) {
      t.fail(row, fmt::format("rejected at {}: {}\n  input: {}", parsed.error().offset,
                              parsed.error().message, input));
      continue;
    }
    std::string got = to_sddl(*parsed, SddlFormatOptions{context});
    if (got != want) {
      t.fail(row, fmt::format("\n  input: {}\n  want:  {}\n  got:   {}", input, want, got));
      continue;
    }
    ++t.passed;
  }
  EXPECT_EQ(t.failed, 0);
}

TEST(Conformance, WindowsSddlInvalid) {
  SECDESC_REQUIRE_VECTORS(dir);
  auto file = testing::load_vectors(dir, "windows_sddl_invalid.tsv");
  Tally t{file.name};
  // A domain is supplied so that domain aliases cannot be the (only) reason for a rejection.
  const SidContext context{parse_domain_sid("S-1-5-21-1-2-3").value()};
  for (const auto& row : file.rows) {
    const std::string& input = row.at(0);
    auto parsed = parse_sddl(input, SddlParseOptions{context, false});
    if (parsed) {
      t.fail(row, fmt::format("accepted, Windows rejects it: {} -> {}", input, to_sddl(*parsed)));
      continue;
    }
    if (parsed.error().offset > input.size()) {
      t.fail(row, "rejected without a position in the string");
      continue;
    }
    ++t.passed;
  }
  EXPECT_EQ(t.failed, 0);
}

}  // namespace
}  // namespace secdesc

namespace secdesc {
namespace {

TEST(Conformance, WindowsSidStrings) {
  SECDESC_REQUIRE_VECTORS(dir);
  auto file = testing::load_vectors(dir, "windows_sid_strings.tsv");
  Tally t{file.name};
  const SidContext domain{parse_domain_sid("S-1-5-21-11-22-33").value()};
  static const std::regex returns(R"(ConvertSidToStringSidA returns (S-[0-9-]+))");
  static const std::regex binary(R"(^binary SID ([0-9a-f]+))");
  static const std::regex relative(R"(result S-1-5-21-\*-\*-\*-(\d+))");
  static const std::regex optional_expected(R"(expected (S-[0-9-]+))");
  static const std::regex sub_auths(R"(SubAuthorityCount=(\d+), SubAuthority\[0\]=(\d+), SubAuthority\[3\]=(\d+))");
  for (const auto& row : file.rows) {
    const std::string& input = row.at(0);
    const std::string& expect = row.at(1);
    auto sid = parse_sid(input, domain);
    std::smatch m;
    std::string why;
    if (expect.find("fails") != std::string::npos) {
      if (sid) why = "accepted, Windows rejects it";
    } else if (!sid) {
      why = "rejected: " + sid.error().message;
    } else if (std::regex_search(expect, m, binary)) {
      std::vector<std::byte> bytes;
      sid->encode_to(bytes);
      if (to_hex(bytes) != m.str(1)) why = "binary " + to_hex(bytes) + " != " + m.str(1);
      else if (sid->to_string() != input) why = "string form " + sid->to_string();
      else if (auto back = Sid::decode(bytes); !back || !(*back == *sid)) why = "decode differs";
    } else if (std::regex_search(expect, m, returns)) {
      if (sid->to_string() != m.str(1)) why = sid->to_string() + " != " + m.str(1);
    } else if (std::regex_search(expect, m, relative)) {
      if (!sid->is_prefix_plus_one(*domain.domain) ||
          sid->rid() != static_cast<std::uint32_t>(std::stoul(m.str(1))))
        why = "not the domain SID + RID " + m.str(1) + ": " + sid->to_string();
    } else if (std::regex_search(expect, m, sub_auths)) {
      auto subs = sid->sub_authorities();
      if (subs.size() != std::stoul(m.str(1)) || subs[0] != std::stoul(m.str(2)) ||
          subs[3] != std::stoul(m.str(3)))
        why = "sub-authorities differ: " + sid->to_string();
    } else if (std::regex_search(expect, m, optional_expected)) {
      // "may fail on older Windows": current Windows accepts it with this value.
      if (sid->to_string() != m.str(1)) why = sid->to_string() + " != " + m.str(1);
    } else if (expect.find("domain-relative alias") != std::string::npos) {
      if (!sid->is_prefix_plus_one(*domain.domain)) why = "not domain-relative: " + sid->to_string();
    } else {
      why = "the test does not understand this row's expectation";
    }
    if (why.empty()) ++t.passed; else t.fail(row, input + ": " + why);
  }
  EXPECT_EQ(t.failed, 0);
}

TEST(Conformance, WindowsSddlAccepted) {
  SECDESC_REQUIRE_VECTORS(dir);
  auto file = testing::load_vectors(dir, "windows_sddl_accepted.tsv");
  Tally t{file.name};
  static const std::regex first_mask(R"(first ACE Mask == (0x[0-9a-f]+))");
  static const std::regex size(R"(returned size == (\d+))");
  static const std::regex required(R"(required size (\d+))");
  for (const auto& row : file.rows) {
    const std::string& input = row.at(0);
    const std::string& expect = row.at(1);
    auto sd = parse_sddl(input);
    std::string why;
    std::smatch m;
    if (!sd) {
      why = fmt::format("rejected at {}: {}", sd.error().offset, sd.error().message);
    } else {
      auto bytes = encode_self_relative(*sd);
      if (!bytes) why = bytes.error().message;
      if (why.empty() && std::regex_search(expect, m, first_mask)) {
        if (!sd->dacl() || sd->dacl()->aces.empty() ||
            sd->dacl()->aces[0].mask != std::stoul(m.str(1), nullptr, 16))
          why = "first ACE mask differs";
      }
      if (why.empty() && expect.find("AclRevision == 2") != std::string::npos &&
          (!sd->dacl() || sd->dacl()->revision != 2))
        why = "DACL revision is not 2";
      if (why.empty() && std::regex_search(expect, m, size) && bytes->size() != std::stoul(m.str(1)))
        why = fmt::format("size {} != {}", bytes->size(), m.str(1));
      if (why.empty() && expect.find("AclSize=8, AceCount=0") != std::string::npos &&
          (bytes->size() < 28 || std::to_integer<int>((*bytes)[22]) != 8 ||
           std::to_integer<int>((*bytes)[24]) != 0))
        why = "the ACL at offset 20 is not an empty 8-byte ACL";
      if (why.empty() && std::regex_search(expect, m, required) && bytes->size() != std::stoul(m.str(1)))
        why = fmt::format("self-relative size {} != {}", bytes->size(), m.str(1));
    }
    if (why.empty()) ++t.passed; else t.fail(row, input + ": " + why);
  }
  EXPECT_EQ(t.failed, 0);
}

// windows_sd_to_string.tsv describes descriptors built step by step with Win32 calls; the steps
// are transcribed here with the secdesc API, one per row, and each output must be one of the
// row's alternatives.
TEST(Conformance, WindowsSdToString) {
  SECDESC_REQUIRE_VECTORS(dir);
  auto file = testing::load_vectors(dir, "windows_sd_to_string.tsv");
  ASSERT_EQ(file.rows.size(), 17u) << "the transcription below follows the file's 17 steps";
  Tally t{file.name};
  const Sid su{5, {6}};
  const Sid group = parse_sid("S-1-5-21-93476-23408-4576").value();
  std::vector<std::pair<SecurityDescriptor, unsigned>> steps;
  SecurityDescriptor sd;
  steps.emplace_back(sd, sddl_parts::all);                                   // 1
  sd.set_owner(Sid{2, {0}});
  steps.emplace_back(sd, sddl_parts::all);                                   // 2
  sd.add_control_flags(control::owner_defaulted);
  steps.emplace_back(sd, sddl_parts::all);                                   // 3
  sd.set_owner(sids::local_system);
  steps.emplace_back(sd, sddl_parts::all);                                   // 4
  sd.set_group(group);
  sd.add_control_flags(control::group_defaulted);
  steps.emplace_back(sd, sddl_parts::all);                                   // 5
  steps.emplace_back(sd, sddl_parts::group);                                 // 6
  sd.set_dacl(Acl{});
  sd.add_control_flags(control::dacl_defaulted);
  steps.emplace_back(sd, sddl_parts::all);                                   // 7
  sd.set_control_flags(sd.control() & ~control::dacl_defaulted);
  steps.emplace_back(sd, sddl_parts::all);                                   // 8
  Acl acl;
  acl.aces.push_back(make_allow(su, 0xf0000000, ace_flags::no_propagate_inherit));
  sd.set_dacl(acl);
  steps.emplace_back(sd, sddl_parts::all);                                   // 9
  acl.aces.push_back(make_allow(su, 0x3, ace_flags::inherit_only | ace_flags::inherited));
  sd.set_dacl(acl);
  steps.emplace_back(sd, sddl_parts::all);                                   // 10
  acl.aces.push_back(make_deny(group, 0xffffffff, ace_flags::object_inherit | ace_flags::container_inherit));
  sd.set_dacl(acl);
  steps.emplace_back(sd, sddl_parts::all);                                   // 11
  sd.set_dacl(Acl{});
  sd.set_sacl(Acl{});
  steps.emplace_back(sd, sddl_parts::all);                                   // 12
  sd.set_null_dacl();
  Acl sacl;
  sacl.aces.push_back(Ace{AceType::system_audit, 0x1F | ace_flags::successful_access | ace_flags::failed_access,
                          0x20019 | 0x20006, su, std::nullopt, std::nullopt, std::nullopt, std::nullopt, {}});
  sd.set_sacl(sacl);
  steps.emplace_back(sd, sddl_parts::all);                                   // 13
  sacl.aces.push_back(Ace{AceType::system_audit, ace_flags::no_propagate_inherit | ace_flags::successful_access,
                          0x120089 | 0x120116, su, std::nullopt, std::nullopt, std::nullopt, std::nullopt, {}});
  sd.set_sacl(sacl);
  steps.emplace_back(sd, sddl_parts::all);                                   // 14
  const std::string original =
      "O:SYG:S-1-5-21-93476-23408-4576D:(A;NP;GAGXGWGR;;;SU)(A;IOID;CCDC;;;SU)(D;OICI;0xffffffff;;;"
      "S-1-5-21-93476-23408-4576)S:(AU;OICINPIOIDSAFA;CCDCLCSWRPRC;;;SU)(AU;NPSA;0x12019f;;;SU)";
  SecurityDescriptor parsed = parse_sddl(original).value();
  parsed.add_control_flags(control::dacl_protected);
  SecurityDescriptor only_group;                                              // 15: control 0x8000
  only_group.set_group(*parsed.group());
  steps.emplace_back(only_group, sddl_parts::all);
  steps.emplace_back(parsed, sddl_parts::group | sddl_parts::dacl);          // 16
  steps.emplace_back(parsed, sddl_parts::all);                               // 17
  for (std::size_t k = 0; k < file.rows.size(); ++k) {
    const auto& row = file.rows[k];
    SddlFormatOptions options;
    options.parts = steps[k].second;
    std::string got = to_sddl(steps[k].first, options);
    std::string alternatives = row.at(1);
    bool match = false;
    for (std::size_t start = 0;;) {
      std::size_t bar = alternatives.find(" || ", start);
      if (alternatives.substr(start, bar == std::string::npos ? std::string::npos : bar - start) == got)
        match = true;
      if (bar == std::string::npos) break;
      start = bar + 4;
    }
    if (match) ++t.passed; else t.fail(row, fmt::format("step {}: got {}, want {}", k + 1, got, alternatives));
  }
  EXPECT_EQ(t.failed, 0);
}

}  // namespace
}  // namespace secdesc
