// The output rule (secdesc/text_output.hpp, docs/sddl.md "Output rule", issue #18): which
// descriptors SDDL and JSON cannot hold, the UTF-8 checks, and the offsets the tools print.
#include <gtest/gtest.h>

#include <string>

#include "secdesc/sddl.hpp"
#include "secdesc/text_output.hpp"

namespace secdesc {
namespace {

// A descriptor read from SDDL whose condition string, then whose claim, gets one UTF-16 code
// unit replaced: what the binary decoder produces from bytes holding a lone surrogate.
SecurityDescriptor with_condition_string(std::u16string text) {
  auto sd = parse_sddl("D:(XA;;FA;;;WD;(@User.x == \"ab\"))");
  EXPECT_TRUE(sd);
  SecurityDescriptor out = *sd;
  Ace ace = out.dacl()->aces.at(0);
  for (auto& t : ace.condition->tokens)
    if (t.type == CondTokenType::unicode_string) t.text = text;
  out.set_dacl(Acl::with_aces({ace}));
  return out;
}

TEST(TextOutput, UnpairedSurrogateInAStringHasNoSddlOrJsonForm) {
  const auto sd = with_condition_string(u"a\xD800");
  EXPECT_FALSE(sd.dacl()->aces.at(0).condition->has_sddl_form());
  for (auto form : {TextOutput::sddl, TextOutput::json}) {
    auto e = find_unwritable_text(sd, form);
    ASSERT_TRUE(e);
    EXPECT_FALSE(e->has_offset());
    EXPECT_EQ(e->code, ErrorCode::invalid_argument);
    EXPECT_NE(e->message.find("ACE 1 of the DACL holds an unpaired UTF-16 surrogate U+D800 in a "
                              "string"),
              std::string::npos)
        << e->message;
  }
  EXPECT_NE(find_unwritable_text(sd, TextOutput::json)->message.find("cannot be written as JSON"),
            std::string::npos);
  // A trailing surrogate alone, and a high one before a non-surrogate, are unpaired too.
  EXPECT_TRUE(find_unwritable_text(with_condition_string(u"\xDC00" u"a"), TextOutput::sddl));
  EXPECT_TRUE(find_unwritable_text(with_condition_string(u"\xD800" u"a"), TextOutput::sddl));
}

TEST(TextOutput, PairedSurrogatesAndPlainTextAreWritable) {
  const auto sd = with_condition_string(u"\xD83D\xDE00 ok");  // U+1F600
  EXPECT_FALSE(find_unwritable_text(sd, TextOutput::sddl));
  EXPECT_FALSE(find_unwritable_text(sd, TextOutput::json));
  EXPECT_TRUE(sd.dacl()->aces.at(0).condition->has_sddl_form());
  const std::string text = to_sddl(sd);
  EXPECT_FALSE(find_invalid_utf8(text)) << text;
  EXPECT_NE(text.find("\xF0\x9F\x98\x80"), std::string::npos) << text;
}

TEST(TextOutput, ClaimNamesAreEscapedInSddlButNotInJson) {
  auto sd = parse_sddl("S:(RA;;;;;WD;(\"ab\",TS,0x0,\"v\"))");
  ASSERT_TRUE(sd) << sd.error().message;
  SecurityDescriptor d = *sd;
  Ace ace = d.sacl()->aces.at(0);
  ace.resource_attribute->name = u"a\xDBFF";
  d.set_sacl(Acl::with_aces({ace}));
  EXPECT_FALSE(find_unwritable_text(d, TextOutput::sddl));  // written as %dbff
  EXPECT_NE(to_sddl(d).find("a%dbff"), std::string::npos) << to_sddl(d);
  auto json = find_unwritable_text(d, TextOutput::json);
  ASSERT_TRUE(json);
  EXPECT_NE(json->message.find("ACE 1 of the SACL"), std::string::npos) << json->message;
  EXPECT_NE(json->message.find("resource attribute's name"), std::string::npos) << json->message;
  ace.resource_attribute->name = u"ab";
  ace.resource_attribute->strings = {u"\xDFFF"};
  d.set_sacl(Acl::with_aces({ace}));
  EXPECT_FALSE(ace.resource_attribute->has_sddl_form());
  EXPECT_TRUE(find_unwritable_text(d, TextOutput::sddl));
}

// JSON's condition_tree gives an attribute's name itself (found by fuzz_binary: to_json threw on
// such a name); SDDL writes it as %d800, so only JSON refuses it.
TEST(TextOutput, ConditionAttributeNamesAreEscapedInSddlButNotInJson) {
  auto sd = parse_sddl("D:(XA;;FA;;;WD;(@User.%d800 == \"x\"))");
  ASSERT_TRUE(sd) << sd.error().message;
  EXPECT_FALSE(find_unwritable_text(*sd, TextOutput::sddl));
  EXPECT_NE(to_sddl(*sd).find(".%d800 =="), std::string::npos) << to_sddl(*sd);
  auto json = find_unwritable_text(*sd, TextOutput::json);
  ASSERT_TRUE(json);
  EXPECT_NE(json->message.find("U+D800 in an attribute's name"), std::string::npos)
      << json->message;
  EXPECT_FALSE(find_unwritable_text(*parse_sddl("D:(XA;;FA;;;WD;(@User.%00e9 == \"x\"))"),
                                    TextOutput::json));
}

// Messages quote the start of what follows an error ("found '...'"), cut at 16 or 24 bytes: the
// cut falls on a character boundary, never inside a UTF-8 sequence (found by fuzz_policy: 'ƚ'
// was cut in two and the diagnostic was not UTF-8).
TEST(TextOutput, QuotedInputIsCutOnACharacterBoundary) {
  auto cond = parse_sddl("D:(XA;;FA;;;WD;(3Member_of {;SID(LU)} || @\xC6\x9Avice == \"x\"))");
  ASSERT_FALSE(cond);
  EXPECT_FALSE(find_invalid_utf8(cond.error().message)) << cond.error().message;
  EXPECT_NE(cond.error().message.find("@...'"), std::string::npos) << cond.error().message;
  // The section parser's quote of an unknown section: 24 bytes, the 24th inside an 'é'.
  auto section = parse_sddl("X:aaaaaaaaaaaaaaaaaaaaa\xC3\xA9tail");
  ASSERT_FALSE(section);
  EXPECT_FALSE(find_invalid_utf8(section.error().message)) << section.error().message;
}

TEST(TextOutput, SddlStringsAreReadAsStrictUtf8) {
  // The 3-byte form of U+D800 is not UTF-8: it does not sneak a lone surrogate in through text.
  auto e = parse_sddl("D:(XA;;FA;;;WD;(@User.x == \"\xED\xA0\x80\"))");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().offset, 28u);
  EXPECT_NE(e.error().message.find("not valid UTF-8"), std::string::npos) << e.error().message;
  EXPECT_TRUE(parse_sddl("D:(XA;;FA;;;WD;(@User.x == \"\xED\x9F\xBF\"))"));  // U+D7FF is fine
}

TEST(TextOutput, FindAndEscapeInvalidUtf8) {
  EXPECT_FALSE(find_invalid_utf8("plain \xC3\xA9 \xF0\x9F\x98\x80"));
  EXPECT_EQ(find_invalid_utf8("ab\xFF"), 2u);
  EXPECT_EQ(find_invalid_utf8("a\xC0\x80"), 1u);      // overlong
  EXPECT_EQ(find_invalid_utf8("a\xED\xA0\x80"), 1u);  // encoded surrogate
  // F5-FF never start a sequence (they once read as three-byte leads: F8 80 80 as U+8000).
  EXPECT_EQ(find_invalid_utf8("a\xF8\x80\x80"), 1u);
  EXPECT_EQ(find_invalid_utf8("a\xF5\x80\x80\x80"), 1u);
  EXPECT_EQ(find_invalid_utf8("a\xF4\x8F\xBF\xBF"), std::nullopt);  // U+10FFFF
  EXPECT_EQ(find_invalid_utf8("\xE2\x80"), 0u);       // truncated
  EXPECT_EQ(escape_invalid_utf8("a\xFF\xC3\xA9\xED\xA0\x80"), "a\\xFF\xC3\xA9\\xED\\xA0\\x80");
  EXPECT_EQ(escape_invalid_utf8("clean"), "clean");
}

TEST(TextOutput, CodePointOffsets) {
  const std::string text = "D:(A;;GA;;;\xC3\x9Cnknown)";  // 'Ü' is 2 bytes
  EXPECT_EQ(code_point_offset(text, 11), 11u);
  EXPECT_EQ(code_point_offset(text, 13), 12u);  // after 'Ü'
  EXPECT_EQ(code_point_offset("\xF0\x9F\x98\x80x", 4), 1u);
  EXPECT_EQ(code_point_offset("\xFF\xFEx", 2), 2u);  // an invalid byte is one character
  EXPECT_EQ(code_point_offset("ab", 5), 5u);         // past the end: the bytes beyond count
}

// Issue #18's messages: an account name with a space is one unknown SID; a look-alike pasted
// from a web page is named.
TEST(TextOutput, MessagesNameWhatTheUserTyped) {
  auto e = parse_sddl("O:Nonexistent account");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().offset, 2u);
  EXPECT_EQ(e.error().message,
            "unknown SID 'Nonexistent account': expected a two-letter alias or S-1-...");
  auto dash = parse_sddl("D:(A;;GA;;;S\u20111-5-18)");
  ASSERT_FALSE(dash);
  EXPECT_NE(dash.error().message.find("U+2011 NON-BREAKING HYPHEN, which looks like '-'"),
            std::string::npos)
      << dash.error().message;
  auto quote = parse_sddl("D:(XA;;FA;;;WD;(@User.x == \u201Cab\u201D))");
  ASSERT_FALSE(quote);
  EXPECT_NE(quote.error().message.find("U+201C LEFT DOUBLE QUOTATION MARK"), std::string::npos)
      << quote.error().message;
  // Without a look-alike the message is as before.
  auto plain = parse_sddl("D:(A;;ZZ;;;WD)");
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().message.find("looks like"), std::string::npos);
}

}  // namespace
}  // namespace secdesc
