#include "secdesc/sddl.hpp"

#include <gtest/gtest.h>

#include "secdesc/binary.hpp"

namespace secdesc {
namespace {

constexpr const char* kSeed = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)";

TEST(Sddl, SeedParsesToTheExpectedModel) {
  auto sd = parse_sddl(kSeed);
  ASSERT_TRUE(sd) << sd.error().message;
  ASSERT_EQ(sd->dacl_state(), AclState::present);
  EXPECT_TRUE(sd->dacl_protected());
  ASSERT_EQ(sd->dacl()->aces.size(), 3u);
  EXPECT_EQ(sd->dacl()->aces[2].sid, sids::interactive);
  EXPECT_EQ(sd->dacl()->aces[2].mask, rights::generic_read | rights::generic_write);
  auto label = sd->mandatory_label();
  ASSERT_TRUE(label);
  EXPECT_EQ(label->level, sids::low_integrity);
  EXPECT_EQ(label->policy, rights::label_no_write_up);
  // Windows writes generic rights in bit order GA GX GW GR, so GRGW comes back as GWGR.
  EXPECT_EQ(to_sddl(*sd), "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GWGR;;;IU)S:(ML;;NW;;;LW)");
  // Windows' layout (MS-DTYP 2.4.6; the vectors): header, SACL, DACL. Written out by hand:
  const std::string header = "01" "00" "1490"   // revision, sbz1, control 0x9014
                             "00000000" "00000000" "14000000" "30000000";  // owner group sacl dacl
  const std::string sacl = "02" "00" "1c00" "0100" "0000"                  // rev 2, 28 bytes, 1 ACE
                           "11" "00" "1400" "01000000" "010100000000001000100000";  // ML NW LW
  const std::string dacl = "02" "00" "4800" "0300" "0000"                  // rev 2, 72 bytes, 3 ACEs
                           "00" "00" "1400" "00000010" "010100000000000512000000"   // GA SY
                           "00" "00" "1800" "00000010" "01020000000000052000000020020000"  // GA BA
                           "00" "00" "1400" "000000c0" "010100000000000504000000";  // GRGW IU
  EXPECT_EQ(to_hex(encode_self_relative(*sd).value()), header + sacl + dacl);
}

// parse_sddl_into replaces everything the descriptor held and reuses its ACE vectors.
TEST(Sddl, ParseIntoReplacesTheDescriptorAndReusesItsAceStorage) {
  SecurityDescriptor sd = parse_sddl("O:BAG:SYD:AI(A;;GA;;;WD)(A;;GA;;;BA)(A;;GA;;;SY)(A;;GA;;;IU)"
                                     "S:(AU;SA;GA;;;WD)").value();
  const Ace* storage = sd.dacl()->aces.data();
  ASSERT_FALSE(parse_sddl_into(kSeed, sd));
  EXPECT_EQ(sd, parse_sddl(kSeed).value());  // owner, group, AI and the old ACEs are gone
  EXPECT_EQ(sd.dacl()->aces.data(), storage) << "the DACL's vector is reused";
  EXPECT_FALSE(sd.owner());

  auto error = parse_sddl_into("D:(A;;GA;;;SY)(X", sd);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->offset, 15u);
  EXPECT_EQ(error->message, parse_sddl("D:(A;;GA;;;SY)(X").error().message);
  EXPECT_EQ(sd, SecurityDescriptor{}) << "an error leaves the descriptor empty";

  ASSERT_FALSE(parse_sddl_into("D:NO_ACCESS_CONTROL", sd));
  EXPECT_EQ(sd.dacl_state(), AclState::null);
  EXPECT_EQ(parse_sddl_into(std::string(max_sddl_length + 1, ' '), sd)->code,
            ErrorCode::limit_exceeded);
}

TEST(Sddl, TakeAclMovesItOutAndLeavesItAbsent) {
  SecurityDescriptor sd = parse_sddl(kSeed).value();
  auto dacl = sd.take_dacl();
  ASSERT_TRUE(dacl);
  EXPECT_EQ(dacl->aces.size(), 3u);
  EXPECT_EQ(sd.dacl_state(), AclState::absent);
  EXPECT_FALSE(sd.dacl());
  EXPECT_EQ(sd.control() & control::dacl_present, 0);
  EXPECT_FALSE(sd.take_dacl());
  auto sacl = sd.take_sacl();
  ASSERT_TRUE(sacl);
  EXPECT_EQ(sacl->aces[0].type, AceType::system_mandatory_label);
  EXPECT_EQ(sd.sacl_state(), AclState::absent);
  sd.set_null_dacl();
  EXPECT_FALSE(sd.take_dacl());  // a null DACL has no ACL to give
  EXPECT_EQ(sd.dacl_state(), AclState::absent);
}

TEST(Sddl, EmitsRightsAsWindowsDoes) {
  struct Case { const char* in; const char* out; };
  // windows_sddl_roundtrip.tsv and windows_sd_to_string.tsv show these forms.
  const Case cases[] = {
      {"D:(A;;0x1f01ff;;;BA)", "D:(A;;FA;;;BA)"},
      {"D:(A;;0xf0000000;;;BA)", "D:(A;;GAGXGWGR;;;BA)"},
      {"D:(A;;0x12019f;;;BA)", "D:(A;;0x12019f;;;BA)"},
      {"D:(A;;KX;;;BA)", "D:(A;;KR;;;BA)"},
      {"D:(A;;RPLCLORC;;;AU)", "D:(A;;LCRPLORC;;;AU)"},
      {"D:(A;;;;;BA)", "D:(A;;;;;BA)"},
      {"S:(ML;;0x7;;;HI)", "S:(ML;;NWNRNX;;;HI)"},
      {"S:(ML;;0x8;;;HI)", "S:(ML;;0x8;;;HI)"},
      {"D:(A;;-99;;;WD)", "D:(A;;0xffffff9d;;;WD)"},
      {"D:(A;;0x123456789;;;WD)", "D:(A;;0xffffffff;;;WD)"},
  };
  for (const auto& c : cases) {
    auto sd = parse_sddl(c.in);
    ASSERT_TRUE(sd) << c.in << ": " << sd.error().message;
    EXPECT_EQ(to_sddl(*sd), c.out) << c.in;
  }
}

TEST(Sddl, ErrorsNameTheOffsetAndWhatWasExpected) {
  struct Case { const char* in; std::size_t offset; const char* message; };
  const Case cases[] = {
      {"D:(A;;GA;;;SY", 2, "ACE is not closed: expected ')'"},
      {"D:(A;GA;;;SY)", 12, "ACE has 5 fields"},
      {"D:(A;;GA;;;SY;)", 13, "too many fields in ACE"},
      {"D:(A;;ZZ;;;SY)", 6, "unknown access right 'ZZ'"},
      {"D:(A;QQ;GA;;;SY)", 5, "unknown ACE flag 'QQ'"},
      {"D:(Q;;GA;;;SY)", 3, "unknown ACE type 'Q'"},
      {"D:(A ;;GA;;;SY)", 4, "unexpected space after the ACE type"},
      {"D:(A;;GA;;;XX)", 11, "unknown SID alias 'XX'"},
      {"D:(A;;GA;;;S-1-5-18 )", 19, "unexpected ' ' in SID"},
      {"D:(A;;GA ;;;SY)", 8, "unexpected space after the rights"},
      {"D:(A;;GA;nope;;SY)", 9, "invalid object type GUID"},
      {"D:(AU;SA;GA;;;SY)", 3, "ACE type 'AU' is not allowed in a DACL"},
      {"S:(A;;GA;;;SY)", 3, "ACE type 'A' is not allowed in a SACL"},
      // TL and FL belong in the SACL, like every SACL ACE type (docs/sddl.md); FL's condition
      // is required as XA's is; TL takes none.
      {"D:(TL;;;;;WD)", 3, "ACE type 'TL' is not allowed in a DACL"},
      {"D:(A;;GA;;;SY)(FL;;FR;;;WD;(@User.x == 1))", 15, "ACE type 'FL' is not allowed in a DACL"},
      {"S:(FL;;RP;;;WD)", 14, "needs a 7th field after the SID"},
      {"S:(TL;;CC;;;S-1-19-512-8192;(@User.x == 1))", 27, "too many fields in ACE"},
      {"S:(FL;XP;FR;;;WD;(@User.x == 1))", 6, "expected OI, CI, NP, IO, ID, CR, SA, FA or TP"},
      {"D:(RA;;;;;WD;(\"x\",TI,0,1))", 3, "ACE type 'RA' is not allowed in a DACL"},
      {"D:(XA;;GA;;;SY)", 14, "needs a 7th field after the SID"},
      {"D:(A;;GA;;;SY;(Member_of {SID(BA)}))", 13, "too many fields in ACE"},
      {"D:(XA;;GA;;;SY;(! Member_of {SID(BA)}))", 18, "expected '(' after '!'"},
      {"D:(XA;;GA;;;SY;(a == b))", 21, "a local attribute cannot be on the right of '=='"},
      {"D:(XA;;GA;;;SY;(@User.x == 0x10000000000000000))", 27, "does not fit in 64 bits"},
      {"D:(XA;;GA;;;SY;(@User.x == 1)", 29, "expected ')' to close the ACE after its condition"},
      {"D:(XA;;GA;;;SY;(@Usr.x == 1))", 16, "expected @USER., @DEVICE. or @RESOURCE."},
      {"D:(XA;;GA;;;SY;(@User. == 1))", 22, "expected an attribute name after '@USER.'"},
      {"D:(XA;;GA;;;SY;(Member_of {SID(BA), }))", 36, "expected a value"},
      {"D:(XA;;GA;;;SY;(Member_of {SID(BA) SID(BU)}))", 35, "expected ',' or '}' in a composite"},
      {"D:(XA;;GA;;;SY;(Member_of SID(XX)))", 30, "unknown SID alias 'XX'"},
      {"D:(XA;;GA;;;SY;(@User.x == \"open))", 27, "string is not closed"},
      {"D:(XA;;GA;;;SY;(@User.x == 12ab))", 29, "unexpected 'ab))' after the number"},
      {"D:(XA;;GA;;;SY;(@User.x == 1 @User.y))", 29, "expected '&&', '||' or ')'"},
      {"D:(XA;;GA;;;SY;(@User.x%00zz == 1))", 23, "expected 4 hex digits after '%'"},
      {"D:(XA;;GA;;;SY;Member_of {SID(BA)})", 15, "expected '(' to start the condition"},
      {"S:(RA;;;;;WD;(\"x\",TQ,0,1))", 18, "expected the value type TI, TU, TS, TD, TX or TB"},
      {"S:(RA;;;;;WD;(\"x\",TI,0,\"a\"))", 23, "expected a number (TI)"},
      {"S:(RA;;;;;WD;(\"x\",TU,0,-1))", 23, "a TU value cannot be negative"},
      {"S:(RA;;;;;WD;(\"x\",TS,0,\"a\";))", 26, "expected ',' or ')' after a value"},
      {"S:(RA;;;;;WD;x)", 13, "expected '(' to start the resource attribute"},
      {"D:(A;;GA;;;DA)", 11, "supply a domain SID"},
      {"d:(A;;GA;;;SY)", 0, "must be upper case"},
      {"D:(A;;GA;;;SY)D:", 14, "duplicate 'D:' section"},
      {"D:NO_ACCESS_CONTROL(A;;GA;;;SY)", 19, "null ACL and cannot hold ACEs"},
      {"D:X(A;;GA;;;SY)", 2, "expected an ACL flag"},
      {"Q:", 0, "expected a section"},
      {"O:", 2, "expected the owner SID"},
      {"D:(A;;GA;;{f30e3bbf-9ff0-11d1-b603-0000f80367c1};WD)", 10, "inherited object type GUID"},
      {"D:(A;;GA;f30e3bbf-9ff0-11d1-b603-0000f80367c1;;WD)", 9, "takes no GUIDs"},
  };
  for (const auto& c : cases) {
    auto sd = parse_sddl(c.in);
    ASSERT_FALSE(sd) << c.in << " was accepted";
    EXPECT_EQ(sd.error().offset, c.offset) << c.in << ": " << sd.error().message;
    EXPECT_NE(sd.error().message.find(c.message), std::string::npos)
        << c.in << ": got '" << sd.error().message << "'";
  }
}

TEST(Sddl, StrictModeRejectsLeniencies) {
  struct Case { const char* in; std::size_t offset; const char* message; };
  const Case cases[] = {
      {"D: (A;;GA;;;SY)", 2, "white space"},
      {"D:(a;;GA;;;SY)", 3, "lower-case ACE type"},
      {"D:(A;;ga;;;SY)", 6, "lower-case access right"},
      {"D:(A;;010;;;SY)", 6, "octal"},
      {"D:(A;;-1;;;SY)", 6, "negative"},
      {"D:(A;;0x1ffffffff;;;SY)", 6, "over 32 bits"},
      {"D:PP(A;;GA;;;SY)", 3, "repeated ACL flag"},
      {"O:S-1-0x5-18", 6, "hexadecimal part"},
  };
  for (const auto& c : cases) {
    ASSERT_TRUE(parse_sddl(c.in)) << c.in << " should be accepted in lenient mode";
    auto strict = parse_sddl(c.in, SddlParseOptions{{}, true});
    ASSERT_FALSE(strict) << c.in;
    EXPECT_EQ(strict.error().offset, c.offset) << c.in << ": " << strict.error().message;
    EXPECT_NE(strict.error().message.find(c.message), std::string::npos) << strict.error().message;
  }
  EXPECT_TRUE(parse_sddl(kSeed, SddlParseOptions{{}, true}));
}

// Issue #18: forms a reviewer misreads. Strict mode refuses them; the lenient parse accepts them
// with their Windows meaning and records no note (the linter's findings do not change).
TEST(Sddl, StrictModeRejectsMisreadableRights) {
  struct Case { const char* in; std::size_t offset; const char* message; AccessMask mask; };
  const Case cases[] = {
      {"D:(A;;11;;;SY)", 6, "decimal access mask '11' reads like hex: write 0xb", 11},
      {"D:(A;;+16;;;SY)", 6, "decimal access mask", 16},
      {"D:(A;;0X1f;;;SY)", 7, "upper-case '0X' prefix", 0x1f},
      {"D:(A;;GA0x10;;;SY)", 8, "letters and a number in one rights field", 0x10000010},
      {"D:(A;;0x10GA;;;SY)", 10, "letters and a number in one rights field", 0x10000010},
  };
  for (const auto& c : cases) {
    auto lenient = parse_sddl_detailed(c.in);
    ASSERT_TRUE(lenient) << c.in << " should be accepted in lenient mode";
    EXPECT_TRUE(lenient->notes.empty()) << c.in << ": " << lenient->notes.front().message;
    EXPECT_EQ(lenient->descriptor.dacl()->aces.at(0).mask, c.mask) << c.in;
    auto strict = parse_sddl(c.in, SddlParseOptions{{}, true});
    ASSERT_FALSE(strict) << c.in;
    EXPECT_EQ(strict.error().offset, c.offset) << c.in << ": " << strict.error().message;
    EXPECT_NE(strict.error().message.find(c.message), std::string::npos) << strict.error().message;
  }
  // What stays allowed: one digit (the same in every base), 0x with lower-case x, letters alone.
  for (const char* ok : {"D:(A;;1;;;SY)", "D:(A;;0;;;SY)", "D:(A;;0x1F01FF;;;SY)", "D:(A;;GRGW;;;SY)"})
    EXPECT_TRUE(parse_sddl(ok, SddlParseOptions{{}, true})) << ok;
}

// MS-DTYP 2.4.4.13: a label SID must be S-1-16-N. Lenient mode keeps what was written (the linter
// and the access check deal with it); strict mode refuses it at the SID, in both ACE readers.
TEST(Sddl, StrictModeRejectsALabelSidThatIsNotAnIntegrityLevel) {
  for (std::string_view text : {"S:(ML;;NW;;;LU)", "S:(ML;;NW;;;S-1-5-32-559)"}) {
    ASSERT_TRUE(parse_sddl(text)) << text;
    auto strict = parse_sddl(text, SddlParseOptions{{}, true});
    ASSERT_FALSE(strict) << text;
    EXPECT_EQ(strict.error().offset, 12u) << strict.error().message;
    EXPECT_NE(strict.error().message.find("not an integrity level"), std::string::npos)
        << strict.error().message;
  }
  EXPECT_TRUE(parse_sddl("S:(ML;;NW;;;LW)(ML;;NW;;;S-1-16-8448)", SddlParseOptions{{}, true}));
}

TEST(Sddl, DetailedParseReportsAceSpans) {
  auto parsed = parse_sddl_detailed("D:P(A;;GA;;;SY) (A;;GR;;;IU)S:(ML;;NW;;;LW)");
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->dacl_aces.size(), 2u);
  EXPECT_EQ(parsed->dacl_aces[0].begin, 3u);
  EXPECT_EQ(parsed->dacl_aces[0].end, 15u);
  EXPECT_EQ(parsed->dacl_aces[1].begin, 16u);
  ASSERT_EQ(parsed->sacl_aces.size(), 1u);
  ASSERT_EQ(parsed->notes.size(), 1u);
  EXPECT_EQ(parsed->notes[0].kind, SddlNote::Kind::whitespace);
  EXPECT_EQ(parsed->notes[0].offset, 15u);
}

TEST(Sddl, ObjectAceWithoutGuidsBecomesThePlainType) {
  // MS Learn "ACE Strings"; no object ACE of the Windows vectors' bytes lacks both GUIDs.
  EXPECT_EQ(to_sddl(parse_sddl("D:(OA;;CR;;;WD)(OD;;CR;;;AN)S:(OU;SA;WP;;;WD)").value()),
            "D:(A;;CR;;;WD)(D;;CR;;;AN)S:(AU;SA;WP;;;WD)");
  auto kept = parse_sddl("D:(OA;;CR;;bf967aa5-0de6-11d0-a285-00aa003049e2;WD)");
  ASSERT_TRUE(kept);
  EXPECT_EQ(to_sddl(*kept), "D:(OA;;CR;;bf967aa5-0de6-11d0-a285-00aa003049e2;WD)");
  EXPECT_EQ(to_hex(encode_self_relative(*kept).value()).substr(40, 2), "04");  // ACL revision 4
}

TEST(Sddl, InputSizeCap) {
  std::string huge = "D:" + std::string(max_sddl_length, ' ');
  auto sd = parse_sddl(huge);
  ASSERT_FALSE(sd);
  EXPECT_EQ(sd.error().code, ErrorCode::limit_exceeded);
  EXPECT_NE(sd.error().message.find("over the 1048576-character limit"), std::string::npos);
}

TEST(Sddl, AclSizeLimitIsEnforced) {
  // 65,535 bytes hold (65535 - 8) / 20 = 3276 ACEs of 20 bytes (a 1-sub-authority SID).
  std::string ok = "D:";
  for (int i = 0; i < 3276; ++i) ok += "(A;;GA;;;WD)";
  auto sd = parse_sddl(ok);
  ASSERT_TRUE(sd) << sd.error().message;
  EXPECT_EQ(sd->dacl()->binary_size(), 8u + 3276u * 20u);
  auto too_big = parse_sddl(ok + "(A;;GA;;;WD)");
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().code, ErrorCode::limit_exceeded);
  EXPECT_NE(too_big.error().message.find("at most 65535"), std::string::npos);
}

}  // namespace
}  // namespace secdesc
