// Conditional expressions: SDDL text (MS-DTYP 2.5.1.1), the binary form (MS-DTYP 2.4.4.17),
// their errors and limits. Every expected string or byte sequence names its source.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "secdesc/ace.hpp"
#include "secdesc/binary.hpp"
#include "secdesc/conditional.hpp"
#include "secdesc/sddl.hpp"

namespace secdesc {
namespace {

std::vector<std::byte> hex(std::string_view text) { return from_hex(text).value(); }

std::string hex_of(const ConditionalExpression& e) {
  std::vector<std::byte> out;
  e.encode_to(out);
  return to_hex(out);
}

// The one Windows vector that is application data alone (shared/vectors/README.md, "One extra
// Windows vector": Samba test_sddl_conditional_ace.c#test_sddl_compile2, "from Windows").
constexpr std::string_view kProjectAnyOf1 =
    "61727478f90e000000500072006f006a0065006300740004010000000000000003028800";

TEST(Conditional, WindowsApplicationDataForAnyOf) {
  auto parsed = parse_conditional_expression("(@USER.Project Any_of 1)");
  ASSERT_TRUE(parsed) << parsed.error().message;
  // Windows' bytes end with one zero byte of padding that aligns the ACE; encode_to writes none.
  EXPECT_EQ(hex_of(*parsed), kProjectAnyOf1.substr(0, kProjectAnyOf1.size() - 2));
  auto decoded = ConditionalExpression::decode(hex(kProjectAnyOf1));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, *parsed);
  EXPECT_EQ(to_sddl(*decoded), "(@USER.Project Any_of 1)");
  ASSERT_EQ(decoded->tokens.size(), 3u);
  EXPECT_EQ(decoded->tokens[0].type, CondTokenType::user_attribute);
  EXPECT_EQ(decoded->tokens[1].sign, IntegerSign::none);
  EXPECT_EQ(decoded->tokens[1].base, IntegerBase::decimal);
  EXPECT_EQ(decoded->tokens[2].type, CondTokenType::any_of);
}

// Input -> the string Windows writes. Sources: windows_sddl_roundtrip.tsv rows (Samba's
// conditional_aces.txt, written in Windows' output style, and WINDOWS-OBSERVED rows) and the
// Windows-emitted strings of windows_sddl_binary.tsv, as noted per row.
struct Canonical {
  const char* input;
  const char* windows;
  const char* source;
};

TEST(Conditional, WritesWhatWindowsWrites) {
  const Canonical cases[] = {
      {"(@User.Title == \"PM\")", "(@USER.Title == \"PM\")", "roundtrip: prefixes upper case"},
      {"(@USER.A && @Device.B || @USER.C)", "(((@USER.A) && (@DEVICE.B)) || (@USER.C))",
       "roundtrip: && binds tighter than ||"},
      {"(@USER.A || @Device.B && @USER.C)", "((@USER.A) || ((@DEVICE.B) && (@USER.C)))",
       "roundtrip: && binds tighter than ||"},
      {"(@USER.A && @Device.B && @USER.C)", "(((@USER.A) && (@DEVICE.B)) && (@USER.C))",
       "roundtrip: left associative"},
      {"(!(! (Member_of{SID(AA)})))", "(!(!(Member_of {SID(AA)})))", "roundtrip: ! and spacing"},
      {"(member_of((sid(s-1-1-0))))", "(Member_of SID(WD))",
       "roundtrip WINDOWS-OBSERVED: case, parenthesised operand"},
      {"(Member_of_Any{SID(AS),SID(WD)})", "(Member_of_any {SID(AS), SID(WD)})",
       "roundtrip: Windows writes Member_of_any"},
      {"(OctetStringType==#1#2#3##)", "(OctetStringType == #01020300)",
       "roundtrip WINDOWS-OBSERVED and MS Learn: '#' is '0', odd digit count"},
      {"(@Device.bb == 0xffffffffffffffff)", "(@DEVICE.bb == 0xffffffffffffffff)",
       "roundtrip WINDOWS-OBSERVED: 64-bit hex"},
      {"(@DEVICE.l Contains {-919137})", "(@DEVICE.l Contains {-919137})", "binary: Windows output"},
      {"(77777777777777777 < -06246777766777767)", "(77777777777777777 < -06246777766777767)",
       "binary: Windows output, an all-digit local attribute and a negative octal literal"},
      {"(@DEVICE.cFXoloDUBU Contains @RESOURCE.%0100lour)",
       "(@DEVICE.cFXoloDUBU Contains @RESOURCE.%0100lour)", "binary: Windows output, %xxxx"},
      {"(Member_of {1, 2, 3})", "(Member_of {1, 2, 3})", "roundtrip: integers in Member_of"},
      {"(@User.x Contains {})", "(@USER.x Contains {})", "access_check.tsv: empty composite"},
      {"(Exists @User.x)", "(Exists @USER.x)", "MS-DTYP 2.5.1.1 exists-op"},
      {"(Not_Exists a)", "(Not_Exists a)", "MS-DTYP 2.5.1.1 exists-op with a local attribute"},
  };
  for (const auto& c : cases) {
    auto e = parse_conditional_expression(c.input);
    ASSERT_TRUE(e) << c.input << " (" << c.source << "): " << e.error().message;
    EXPECT_EQ(to_sddl(*e), c.windows) << c.source;
    EXPECT_TRUE(e->has_sddl_form()) << c.input;
    // What is written reads back to the same tokens, and the bytes decode to them too.
    auto again = parse_conditional_expression(to_sddl(*e));
    ASSERT_TRUE(again) << to_sddl(*e);
    EXPECT_EQ(*again, *e) << c.input;
    std::vector<std::byte> bytes;
    e->encode_to(bytes);
    auto decoded = ConditionalExpression::decode(bytes);
    ASSERT_TRUE(decoded) << decoded.error().message;
    EXPECT_EQ(*decoded, *e) << c.input;
  }
}

TEST(Conditional, IntegerLiteralsKeepSignAndBase) {
  // MS-DTYP 2.4.4.17.5: sign 1 '+', 2 '-', 3 none; base 1 octal, 2 decimal, 3 hexadecimal.
  struct Case {
    const char* text;
    std::int64_t value;
    IntegerSign sign;
    IntegerBase base;
  };
  const Case cases[] = {
      {"7", 7, IntegerSign::none, IntegerBase::decimal},
      {"-7", -7, IntegerSign::minus, IntegerBase::decimal},
      {"+7", 7, IntegerSign::plus, IntegerBase::decimal},
      {"017", 15, IntegerSign::none, IntegerBase::octal},
      {"-017", -15, IntegerSign::minus, IntegerBase::octal},
      {"00", 0, IntegerSign::none, IntegerBase::octal},
      {"0", 0, IntegerSign::none, IntegerBase::decimal},
      {"0x1F", 31, IntegerSign::none, IntegerBase::hexadecimal},
      {"0xffffffffffffffff", -1, IntegerSign::none, IntegerBase::hexadecimal},
      {"18446744073709551615", -1, IntegerSign::none, IntegerBase::decimal},
  };
  for (const auto& c : cases) {
    auto e = parse_conditional_expression(std::string("(@User.x == ") + c.text + ")");
    ASSERT_TRUE(e) << c.text << ": " << e.error().message;
    const CondToken& t = e->tokens[1];
    EXPECT_EQ(t.type, CondTokenType::int64) << c.text;
    EXPECT_EQ(t.integer, c.value) << c.text;
    EXPECT_EQ(t.sign, c.sign) << c.text;
    EXPECT_EQ(t.base, c.base) << c.text;
    auto again = parse_conditional_expression(to_sddl(*e));
    ASSERT_TRUE(again) << to_sddl(*e);
    EXPECT_EQ(*again, *e) << c.text << " -> " << to_sddl(*e);
  }
}

TEST(Conditional, RejectedWithPositionAndWhatWasExpected) {
  struct Case {
    const char* text;
    std::size_t offset;
    ErrorCode code;
    const char* message;
  };
  const Case cases[] = {
      {"@User.x == 1", 0, ErrorCode::syntax, "expected '(' to start the condition"},
      {"(@User.x == 1", 13, ErrorCode::syntax, "expected '&&', '||' or ')'"},
      {"(! @User.x)", 3, ErrorCode::syntax, "expected '(' after '!'"},
      {"(@User.x ==)", 11, ErrorCode::syntax, "expected a value"},
      {"(a == a)", 6, ErrorCode::syntax, "a local attribute cannot be on the right"},
      {"(@User.x == {{1}})", 13, ErrorCode::syntax, "a composite cannot hold another composite"},
      {"(@User.x == 0x10000000000000000)", 12, ErrorCode::limit_exceeded, "does not fit in 64 bits"},
      {"(@User.x == -)", 13, ErrorCode::syntax, "expected digits after the sign"},
      {"(Member_of)", 10, ErrorCode::syntax, "expected the operand of Member_of"},
      {"(Exists \"x\")", 8, ErrorCode::syntax, "expected an attribute after 'Exists'"},
      {"(Member_of_AnySID(S-1-1-0))", 17, ErrorCode::syntax, "expected '&&', '||' or ')'"},
      {"(@User.x == SID(S-1))", 19, ErrorCode::invalid_sid, "expected '-' and the SID authority"},
      {"(@User.x == 1) x", 15, ErrorCode::syntax, "unexpected 'x' after the condition"},
  };
  for (const auto& c : cases) {
    auto e = parse_conditional_expression(c.text);
    ASSERT_FALSE(e) << c.text << " was accepted: " << to_sddl(*e);
    EXPECT_EQ(e.error().offset, c.offset) << c.text << ": " << e.error().message;
    EXPECT_EQ(e.error().code, c.code) << c.text << ": " << e.error().message;
    EXPECT_NE(e.error().message.find(c.message), std::string::npos) << e.error().message;
  }
}

TEST(Conditional, NestingLimitIsAClearError) {
  // At the limit: max_condition_depth - 1 '!' around one attribute is max_condition_depth
  // operators deep.
  std::string ok = "(@User.x)";
  for (std::size_t k = 1; k < max_condition_depth; ++k) ok = "(!" + ok + ")";
  auto fine = parse_conditional_expression(ok);
  ASSERT_TRUE(fine) << fine.error().message;
  EXPECT_EQ(parse_conditional_expression(to_sddl(*fine)).value(), *fine);
  // One more level: refused before anything recursive runs on it.
  auto deep = parse_conditional_expression("(!" + ok + ")");
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().code, ErrorCode::limit_exceeded);
  EXPECT_NE(deep.error().message.find("deeper than 256"), std::string::npos) << deep.error().message;
  // A long && chain is as deep as it is long.
  std::string chain = "(@User.x";
  for (std::size_t k = 0; k < max_condition_depth; ++k) chain += " && @User.x";
  auto long_chain = parse_conditional_expression(chain + ")");
  ASSERT_FALSE(long_chain);
  EXPECT_EQ(long_chain.error().code, ErrorCode::limit_exceeded);
  // Parentheses alone, 100,000 deep, fail fast on the parenthesis limit.
  auto parens = parse_conditional_expression(std::string(100000, '(') + "a" + std::string(100000, ')'));
  ASSERT_FALSE(parens);
  EXPECT_EQ(parens.error().code, ErrorCode::limit_exceeded);
}

TEST(Conditional, DecodeErrorsNameTheByteOffset) {
  struct Case {
    const char* hex;
    std::size_t offset;
    const char* message;
  };
  const Case cases[] = {
      {"61727479f9", 0, "does not start with \"artx\""},
      {"61727478f9ff000000", 5, "token length 255 runs past the end"},
      {"6172747804010000000000000003", 4, "integer literal runs past the end"},
      {"61727478040100000000000000090200", 13, "integer sign byte 0x09"},
      {"61727478040100000000000000030700", 14, "integer base byte 0x07"},
      {"6172747877", 4, "unknown conditional-expression token 0x77"},
      {"61727478f902000000610080", 11, "operator '==' needs 2 operand(s) and has 1"},
      {"61727478f902000000610000a0", 12, "token 0xa0 after the padding"},
      {"61727478f902000000" "6100" "f902000000" "6100", 18, "2 expressions left"},
      {"61727478" "5005000000" "5000000000", 9, "a composite inside a composite"},
      {"61727478" "5007000000" "f9020000006100" "88", 9, "not a literal"},
      {"61727478f903000000610000", 5, "UTF-16 length 3 is odd"},
      {"61727478" "5110000000" "010100000000000100000000" "00000000", 5,
       "SID token length 16 but the SID takes 12 bytes"},
  };
  for (const auto& c : cases) {
    auto e = ConditionalExpression::decode(hex(c.hex), 100);
    ASSERT_FALSE(e) << c.hex << " decoded to " << to_sddl(*e);
    EXPECT_EQ(e.error().offset, 100 + c.offset) << c.hex << ": " << e.error().message;
    EXPECT_NE(e.error().message.find(c.message), std::string::npos) << e.error().message;
  }
  // Binary nesting: max_condition_depth operators are read, one more is refused.
  std::string deep = "61727478f902000000" "6100";
  for (std::size_t k = 1; k < max_condition_depth; ++k) deep += "a2";
  EXPECT_TRUE(ConditionalExpression::decode(hex(deep)));
  auto too_deep = ConditionalExpression::decode(hex(deep + "a2"));
  ASSERT_FALSE(too_deep);
  EXPECT_EQ(too_deep.error().code, ErrorCode::limit_exceeded);
}

TEST(Conditional, BinaryFormsSddlCannotWrite) {
  // An int8 literal (byte code 0x01) is valid binary; SDDL integers are always int64 (0x04).
  auto narrow = ConditionalExpression::decode(hex("61727478f902000000610001050000000000000003028000"));
  ASSERT_TRUE(narrow) << narrow.error().message;
  EXPECT_FALSE(narrow->has_sddl_form());
  EXPECT_EQ(to_sddl(*narrow), "(@USER.a == 5)");
  // A local attribute on the right of '=='.
  auto local_rhs = ConditionalExpression::decode(hex("61727478f902000000610" "0f8020000006100" "80"));
  ASSERT_TRUE(local_rhs) << local_rhs.error().message;
  EXPECT_FALSE(local_rhs->has_sddl_form());
  // An attribute with an empty name (found by fuzz_binary): "@DEVICE." alone does not parse.
  auto unnamed = ConditionalExpression::decode(hex("61727478fb00000000"));
  ASSERT_TRUE(unnamed) << unnamed.error().message;
  EXPECT_FALSE(unnamed->has_sddl_form());
  // A local attribute named like an operator keeps its name through text.
  ConditionalExpression named;
  named.tokens = {make_attribute_token(CondTokenType::local_attribute, u"Exists")};
  EXPECT_EQ(to_sddl(named), "(%0045xists)");
  EXPECT_EQ(parse_conditional_expression(to_sddl(named)).value(), named);
}

TEST(Conditional, AceValueSemantics) {
  auto sd = parse_sddl("D:(XA;;FA;;;WD;(@User.Title == \"PM\"))");
  ASSERT_TRUE(sd) << sd.error().message;
  ASSERT_TRUE(sd->dacl());
  const Ace original = sd->dacl()->aces.at(0);
  ASSERT_TRUE(original.condition);
  Ace copy = original;
  EXPECT_EQ(copy, original);
  copy.condition->tokens[1].text = u"QA";
  EXPECT_NE(copy, original);
  EXPECT_EQ(ace_to_sddl(original), "(XA;;FA;;;WD;(@USER.Title == \"PM\"))");
  // Size: header 4, mask 4, SID 12, then "artx" 4 + @USER.Title 5+10 + "PM" 5+4 + '==' 1 = 29,
  // padded to 32.
  EXPECT_EQ(original.binary_size(), 4u + 4 + 12 + 32);
}

TEST(Conditional, CallbackAceWithOtherApplicationData) {
  // MS-DTYP 2.4.4.6: a callback ACE's application data need not be a conditional expression;
  // secdesc keeps it as bytes (and SDDL has no form for it).
  const std::string bytes = "01000480000000000000000000000000" "14000000"
                            "0200200001000000" "09001800ff011f00" "0101000000000001" "00000000"
                            "deadbeef";
  auto sd = decode_self_relative(hex(bytes));
  ASSERT_TRUE(sd) << sd.error().message;
  const Ace& ace = sd->dacl()->aces[0];
  EXPECT_FALSE(ace.condition);
  EXPECT_EQ(to_hex(ace.application_data), "deadbeef");
  EXPECT_EQ(to_hex(encode_self_relative(*sd).value()), bytes);
  // Found by fuzz_binary: data whose length is not a multiple of 4 is written back unpadded.
  const std::string odd = "01000480000000000000000000000000" "14000000"
                          "02001f0001000000" "09001700ff011f00" "0101000000000001" "00000000"
                          "abcdef";
  auto odd_sd = decode_self_relative(hex(odd));
  ASSERT_TRUE(odd_sd) << odd_sd.error().message;
  EXPECT_EQ(odd_sd->dacl()->aces.at(0).binary_size(), 23u);
  EXPECT_EQ(to_hex(encode_self_relative(*odd_sd).value()), odd);
}

}  // namespace
}  // namespace secdesc
