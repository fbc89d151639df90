// The parser's canonical-ACE fast path (lib/src/sddl.cpp, Parser::canonical_ace) must give
// exactly what the general ACE parser gives: the same descriptor, notes, ACE positions, or the
// same error. Compared over every SDDL string of the Windows vectors and a list of near-canonical
// strings that must leave the fast path.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/internal/sddl_internal.hpp"
#include "secdesc/binary.hpp"
#include "secdesc/sddl.hpp"
#include "vectors.hpp"

namespace secdesc {
namespace {

// Empty when both paths agree, else what differs.
std::string compare_paths(const std::string& text, const SddlParseOptions& options) {
  auto fast = parse_sddl_detailed(text, options);
  auto general = detail::parse_sddl_without_fast_path(text, options);
  if (static_cast<bool>(fast) != static_cast<bool>(general))
    return fmt::format("one path fails: fast {}, general {}", fast ? "ok" : fast.error().message,
                       general ? "ok" : general.error().message);
  if (!fast) {
    const Error& a = fast.error();
    const Error& b = general.error();
    if (a.code != b.code || a.offset != b.offset || a.message != b.message)
      return fmt::format("errors differ: fast {}: {}, general {}: {}", a.offset, a.message,
                         b.offset, b.message);
    return {};
  }
  if (!(fast->descriptor == general->descriptor)) return "descriptors differ";
  if (fast->notes.size() != general->notes.size()) return "note counts differ";
  for (std::size_t i = 0; i < fast->notes.size(); ++i)
    if (fast->notes[i].offset != general->notes[i].offset ||
        fast->notes[i].message != general->notes[i].message)
      return fmt::format("note {} differs", i);
  auto same_spans = [](const std::vector<SddlSpan>& a, const std::vector<SddlSpan>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i].begin != b[i].begin || a[i].end != b[i].end) return false;
    return true;
  };
  if (!same_spans(fast->dacl_aces, general->dacl_aces) ||
      !same_spans(fast->sacl_aces, general->sacl_aces))
    return "ACE positions differ";
  // The plain entry point takes the same path as the detailed one.
  auto plain = parse_sddl(text, options);
  if (!plain || !(*plain == fast->descriptor)) return "parse_sddl differs from parse_sddl_detailed";
  return {};
}

// Strings at the edge of the canonical form: each must be read the general way, with its notes
// or its error.
const char* const kNearCanonical[] = {
    "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)",  // the seed: all canonical
    "D:(a;;GA;;;SY)",             // lower-case type: a note
    "D:(A;;ga;;;SY)",             // lower-case right: a note
    "D:(A;;GA;;;sy)",             // lower-case alias: a note
    "D:(A;oi;GA;;;SY)",           // lower-case flag: a note
    "D:(A;OIOI;GA;;;SY)",         // repeated flag: a note
    "D:(A;OICI;GAGA;;;SY)",       // repeated right: no note
    "D:(A;;GA;;;SY )",            // space after the alias: a note
    "D:( A;;GA;;;SY)",            // space before the type
    "D:(A;;0x1f0fff;;;SY)",       // a number
    "D:(A;;GA;;;S-1-5-18)",       // a numeric SID
    "D:(A;;GA;;;DA)",             // a domain alias without a domain: an error
    "D:(OA;;GA;;;SY)",            // an object ACE without GUIDs: read as A
    "D:(ML;;NW;;;LW)",            // a label in a DACL: an error
    "S:(A;;GA;;;SY)",             // an allow ACE in a SACL: an error
    "D:(TL;;GA;;;SY)",            // a trust label in a DACL: an error
    "S:(TL;;CCDCRC;;;S-1-19-512-8192)",  // a trust label (\KnownDlls)
    "S:(AU;TP;GA;;;SY)",          // TP: SA's bit under its access-filter name
    "S:(FL;TPSA;FR;;;WD;(@User.x == 1))",  // an access filter; both names of one bit
    "D:(XA;;GA;;;SY;(@User.x == 1))",  // a condition
    "D:(A;;GA;;;SY",              // not closed
    "D:(A;;GA;;;SY;)",            // a seventh field
    "D:(A;;GA;;;ZZ)",             // unknown alias
    "D:(A;;G;;;SY)",              // half a right
    "D:(A;;GAX;;;SY)",            // a right and a half
    "D:(A;XX;GA;;;SY)",           // unknown flag
    "D:(A;;GA;;;;SY)",            // a field too many
    "D:(A;;GA;;SY)",              // a field too few
    "D:(A;;;;;SY)",               // no rights
    "D:(A;;GA;;;SYS)",            // a three-letter alias
    "D:(AA;;GA;;;SY)",            // unknown type
    "S:(AU;SAFA;GA;;;WD)(ML;NPIO;NWNR;;;HI)",
    "D:AI(A;ID;FA;;;SY)(A;OICIID;GA;;;BA)",
    // The canonical path's bounds: near the end of the text it relies on a ')' following.
    "D:(A;;GA;;;SY) ",            // the last character is not ')'
    "D:(A;;GA;;;SY)(A;;GA",       // nor here, with a complete ACE before
    "D:(A;;GA;;;SY)(A;;GA;;;BA",  // an ACE that stops one short
    "D:(A;;GA;;;S",               // cut inside the alias
    "D:(A;OICI",                  // cut inside the flags
    "D:(A;;GA)",                  // a ')' too early, at the end of the text
    "D:(A;OICI)",
    "D:(A;)",
    "D:(A)",
    "D:()",
    "D:(",
};

// Rights lists of 1 to 60 tokens, so that the ACE crosses the canonical path's reach (96
// characters) with text after it (the bounded case) and at the end of the text (the ')' case).
std::vector<std::string> long_rights_strings() {
  std::vector<std::string> out;
  for (int n = 1; n <= 60; ++n) {
    std::string rights;
    for (int k = 0; k < n; ++k) rights += k % 2 ? "GW" : "GR";
    out.push_back("D:(A;OICI;" + rights + ";;;SY)(A;;GA;;;BA)(A;;GA;;;BA)(A;;GA;;;BA)");
    out.push_back("D:(A;;GA;;;BA)(A;OICIIONPID;" + rights + ";;;SY)");
    out.push_back("D:(A;;" + rights + ";;;SY");  // not closed
  }
  return out;
}

TEST(SddlFastPath, AgreesWithTheGeneralParserOnLongRightsLists) {
  for (const std::string& text : long_rights_strings())
    EXPECT_EQ(compare_paths(text, SddlParseOptions{}), "") << text;
}

TEST(SddlFastPath, AgreesWithTheGeneralParserOnNearCanonicalStrings) {
  const SddlParseOptions with_domain{SidContext{parse_domain_sid("S-1-5-21-1-2-3").value()}, false};
  for (const char* text : kNearCanonical) {
    for (const SddlParseOptions& options : {SddlParseOptions{}, with_domain,
                                            SddlParseOptions{SidContext{}, true}}) {
      EXPECT_EQ(compare_paths(text, options), "") << text << (options.strict ? " (strict)" : "");
    }
  }
}

TEST(SddlFastPath, AgreesWithTheGeneralParserOnEveryVectorString) {
  auto dir = testing::vectors_dir();
  if (!dir) GTEST_SKIP() << testing::missing_vectors_notice();
  const SddlParseOptions options{
      SidContext{parse_domain_sid("S-1-5-21-2457507606-2709100691-398136650").value()}, false};
  std::size_t compared = 0;
  for (const char* name : {"windows_sddl_binary.tsv", "windows_sddl_roundtrip.tsv",
                           "windows_sddl_invalid.tsv", "windows_sddl_accepted.tsv"}) {
    const auto file = testing::load_vectors(*dir, name);
    for (const auto& row : file.rows) {
      std::vector<std::string> texts{row.at(0)};
      // Round-trip rows may hold "input -> output".
      if (auto arrow = row.at(0).find(" -> "); arrow != std::string::npos)
        texts = {row.at(0).substr(0, arrow), row.at(0).substr(arrow + 4)};
      for (const auto& text : texts) {
        ++compared;
        EXPECT_EQ(compare_paths(text, options), "") << name << ":" << row.line << ": " << text;
      }
    }
  }
  std::cout << fmt::format("[fast path] {} vector strings read the same both ways\n", compared);
  EXPECT_GT(compared, 7000u);
}

// parse_sddl_into and encode_self_relative_into reuse one descriptor and one byte vector over
// every vector string, in file order (so each call finds the previous string's storage): each
// result must equal the one-shot functions' on the same string.
TEST(SddlParseInto, ReusedStorageGivesTheOneShotResultsOnEveryVectorString) {
  auto dir = testing::vectors_dir();
  if (!dir) GTEST_SKIP() << testing::missing_vectors_notice();
  const SddlParseOptions options{
      SidContext{parse_domain_sid("S-1-5-21-2457507606-2709100691-398136650").value()}, false};
  SecurityDescriptor reused;
  std::vector<std::byte> bytes;
  std::size_t compared = 0, failed = 0;
  for (const char* name : {"windows_sddl_binary.tsv", "windows_sddl_roundtrip.tsv",
                           "windows_sddl_invalid.tsv", "windows_sddl_accepted.tsv"}) {
    for (const auto& row : testing::load_vectors(*dir, name).rows) {
      const std::string& text = row.at(0);
      ++compared;
      const auto one_shot = parse_sddl(text, options);
      const auto error = parse_sddl_into(text, reused, options);
      ASSERT_EQ(static_cast<bool>(one_shot), !error) << name << ":" << row.line;
      if (error) {
        ++failed;
        EXPECT_EQ(error->offset, one_shot.error().offset) << name << ":" << row.line;
        EXPECT_EQ(error->message, one_shot.error().message) << name << ":" << row.line;
        EXPECT_EQ(reused, SecurityDescriptor{}) << "left empty after an error";
        continue;
      }
      EXPECT_EQ(reused, *one_shot) << name << ":" << row.line << ": " << text;
      const auto encoded = encode_self_relative(*one_shot);
      const auto encode_error = encode_self_relative_into(reused, bytes);
      ASSERT_EQ(static_cast<bool>(encoded), !encode_error) << name << ":" << row.line;
      if (encoded)
        EXPECT_EQ(bytes, *encoded) << name << ":" << row.line;
      else
        EXPECT_TRUE(bytes.empty());
    }
  }
  EXPECT_GT(compared, 7000u);
  EXPECT_GT(failed, 50u);  // the invalid rows: errors in between valid ones
}

}  // namespace
}  // namespace secdesc
