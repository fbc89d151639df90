// The literal decoder (lint/internal/literal_decoder.hpp): each family's escapes, and the file
// offset that every decoded byte maps back to (an escape's bytes map to its first character).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lint/internal/literal_decoder.hpp"

namespace secdesc::lint_detail {
namespace {

Piece decode(std::string_view content, Escapes escapes, char quote = '"') {
  Piece p;
  decode_literal(content, 0, content.size(), escapes, quote, p);
  return p;
}

using Offsets = std::vector<std::uint32_t>;

TEST(LiteralDecoder, PlainTextMapsByteForByteAndEndsAtTheEnd) {
  const Piece p = decode("D:P", Escapes::none);
  EXPECT_EQ(p.text, "D:P");
  EXPECT_EQ(p.offsets, (Offsets{0, 1, 2, 3}));  // the last is the end of the content
}

TEST(LiteralDecoder, BackslashEscapesMapToTheBackslash) {
  // D : \\ x  ->  "D:\x": the decoded backslash comes from offset 2.
  const Piece p = decode(R"(D:\\x)", Escapes::c);
  EXPECT_EQ(p.text, "D:\\x");
  EXPECT_EQ(p.offsets, (Offsets{0, 1, 2, 4, 5}));
}

TEST(LiteralDecoder, HexAndUnicodeEscapesBecomeUtf8) {
  EXPECT_EQ(decode(R"(\x41)", Escapes::c).text, "A");
  // \u00e9 is two bytes of UTF-8, both from the escape at offset 0.
  const Piece e = decode(R"(\u00e9;)", Escapes::json);
  EXPECT_EQ(e.text, "\xC3\xA9;");
  EXPECT_EQ(e.offsets, (Offsets{0, 0, 6, 7}));
  // A JSON surrogate pair is one character (U+1F600, four bytes).
  EXPECT_EQ(decode(R"(\uD83D\uDE00)", Escapes::json).text, "\xF0\x9F\x98\x80");
  // Eight digits in C's \U; a value past Unicode is clamped to U+10FFFF.
  EXPECT_EQ(decode(R"(\U0001F600)", Escapes::c).text, "\xF0\x9F\x98\x80");
  EXPECT_EQ(decode(R"(\UFFFFFFFF)", Escapes::c).text, "\xF4\x8F\xBF\xBF");
  // JSON has no \U: the backslash stays.
  EXPECT_EQ(decode(R"(\U0041)", Escapes::json).text, "\\U0041");
}

TEST(LiteralDecoder, UnknownEscapesFollowTheLanguage) {
  EXPECT_EQ(decode(R"(\q)", Escapes::c).text, "q");          // C keeps the character
  EXPECT_EQ(decode(R"(\q)", Escapes::python).text, "\\q");   // Python keeps the backslash
  EXPECT_EQ(decode(R"(\q)", Escapes::reg).text, "\\q");      // .reg knows \\ and \" only
  EXPECT_EQ(decode(R"(\")", Escapes::reg).text, "\"");
}

TEST(LiteralDecoder, DoubledQuotesStandForOne) {
  const Piece p = decode("a''b", Escapes::doubled, '\'');
  EXPECT_EQ(p.text, "a'b");
  EXPECT_EQ(p.offsets, (Offsets{0, 1, 3, 4}));
  EXPECT_EQ(decode("a\"\"b", Escapes::powershell).text, "a\"b");
}

TEST(LiteralDecoder, PowerShellBacktickEscapes) {
  EXPECT_EQ(decode("a`tb", Escapes::powershell).text, "a\tb");
  EXPECT_EQ(decode("`u{e9}", Escapes::powershell).text, "\xC3\xA9");
  EXPECT_EQ(decode("`$x", Escapes::powershell).text, "$x");  // unknown: the character itself
}

TEST(LiteralDecoder, LineSplicesAndYamlFolding) {
  // A backslash-newline joins the lines in C; the next line's characters keep their offsets.
  const Piece c = decode("D:\\\nP", Escapes::c);
  EXPECT_EQ(c.text, "D:P");
  EXPECT_EQ(c.offsets, (Offsets{0, 1, 4, 5}));
  // YAML folds a line break and the blanks around it into one space.
  EXPECT_EQ(decode("a  \n   b", Escapes::yaml).text, "a b");
}

TEST(LiteralDecoder, AppendsToWhatThePieceHolds) {
  // Adjacent literals: the collector decodes the second into the same piece.
  Piece p;
  decode_literal("\"D:\" \"P\"", 1, 3, Escapes::c, '"', p);
  p.offsets.pop_back();
  decode_literal("\"D:\" \"P\"", 6, 7, Escapes::c, '"', p);
  EXPECT_EQ(p.text, "D:P");
  EXPECT_EQ(p.offsets, (Offsets{1, 2, 6, 7}));
}

}  // namespace
}  // namespace secdesc::lint_detail
