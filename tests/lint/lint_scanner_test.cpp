// The SDDL literal scanner, per language: which strings it finds, their decoded text, and the
// file positions (line, column in characters) of their characters. Every expected position was
// counted by hand from the snippet above it; the comments say which character it is.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "secdesc/lint_format.hpp"
#include "secdesc/lint_run.hpp"
#include "secdesc/lint_scanner.hpp"

namespace secdesc {
namespace {

using L = SourceLanguage;

struct Expected {
  std::string text;
  SourcePosition first;  // of the first character of the decoded text
};

std::vector<SddlLiteral> scan(std::string_view content, SourceLanguage language) {
  ScanResult r = scan_sddl_literals(content, language);
  EXPECT_TRUE(r.problems.empty()) << r.problems.front().message;
  return std::move(r.literals);
}

void expect_literals(const std::vector<SddlLiteral>& got, const std::vector<Expected>& want) {
  ASSERT_EQ(got.size(), want.size()) << [&] {
    std::string all;
    for (const auto& g : got) all += g.text + "\n";
    return all;
  }();
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].text);
    EXPECT_EQ(got[i].text, want[i].text);
    ASSERT_EQ(got[i].positions.size(), got[i].text.size() + 1);
    EXPECT_EQ(got[i].positions.front(), want[i].first);
  }
}

TEST(LintScanner, Cpp) {
  const std::string src =
      "// \"D:(A;;GA;;;WD)\" in a comment\n"            // 1: not a literal
      "int n = 1'000; char q = '\"';\n"                 // 2: digit separator, char literal
      "auto a = L\"D:(A;;GA;;;SY)\";\n"                 // 3: D at column 12
      "auto b = u8\"O:BAG:BA\";\n"                      // 4: O at 13
      "auto c = LR\"x(D:(A;;GA;;;BU))x\";\n"            // 5: D at 15
      "auto d = \"D:P\" /* protected */\n"              // 6: D at 11, joined with line 7
      "         \"(A;;GA;;;\\x53Y)\";\n"                // 7: ( at 11, \x53 at 20, Y at 24
      "auto e = \"D:\\\\data\";\n";                     // 8: a path
  auto lits = scan(src, L::cpp);
  expect_literals(lits, {{"D:(A;;GA;;;SY)", {3, 12}},
                         {"O:BAG:BA", {4, 13}},
                         {"D:(A;;GA;;;BU)", {5, 15}},
                         {"D:P(A;;GA;;;SY)", {6, 11}}});
  const auto& joined = lits[3];
  EXPECT_EQ(joined.positions[3], (SourcePosition{7, 11}));   // '(' on the second line
  EXPECT_EQ(joined.positions[12], (SourcePosition{7, 20}));  // 'S' comes from \x53
  EXPECT_EQ(joined.positions[13], (SourcePosition{7, 24}));  // 'Y'
  EXPECT_EQ(joined.positions[15], (SourcePosition{7, 26}));  // end: the closing quote
}

TEST(LintScanner, CppRawStringAcrossLines) {
  const std::string src =
      "auto s = R\"sddl(D:(A;;GA;;;SY)\n"  // 1: D at 17
      "(A;;GR;;;BU))sddl\";\n";            // 2: the rest, from column 1
  auto lits = scan(src, L::cpp);
  expect_literals(lits, {{"D:(A;;GA;;;SY)\n(A;;GR;;;BU)", {1, 17}}});
  EXPECT_EQ(lits[0].positions[15], (SourcePosition{2, 1}));  // the second '('
}

TEST(LintScanner, CSharp) {
  const std::string src =
      "var a = @\"D:(A;;GA;;;SY)\";\n"                 // 1: D at 11
      "var b = $\"D:(A;;GA;;;{sid})\";\n"              // 2: interpolation: skipped
      "var c = \"D:(A;;GA;;;\" + sid + \")\";\n"       // 3: a fragment: skipped
      "var d = \"O:SYD:(A;;GA;;;\\u0053Y)\";\n"        // 4: O at 10, \u0053 at 25
      "var e = \"\"\"D:(A;;GA;;;BU)\"\"\";\n"          // 5: raw string, D at 12
      "char q = '\"'; var f = \"D:P\";\n";             // 6: D at 24
  auto lits = scan(src, L::csharp);
  expect_literals(lits, {{"D:(A;;GA;;;SY)", {1, 11}},
                         {"O:SYD:(A;;GA;;;SY)", {4, 10}},
                         {"D:(A;;GA;;;BU)", {5, 12}},
                         {"D:P", {6, 24}}});
  EXPECT_EQ(lits[1].positions[15], (SourcePosition{4, 25}));
}

TEST(LintScanner, Go) {
  const std::string src =
      "x := `D:(A;;GA;;;SY)`\n"       // 1: D at 7
      "y := \"D:(A;;GA;;;\\123Y)\"\n"  // 2: D at 7; \123 (octal 'S') at 18
      "r := 'x'\n";
  auto lits = scan(src, L::go);
  expect_literals(lits, {{"D:(A;;GA;;;SY)", {1, 7}}, {"D:(A;;GA;;;SY)", {2, 7}}});
  EXPECT_EQ(lits[1].positions[11], (SourcePosition{2, 18}));
}

TEST(LintScanner, Python) {
  const std::string src =
      "a = r\"D:(A;;GA;;;SY)\"\n"           // 1: D at 7
      "b = (\"D:P\"\n"                       // 2: D at 7, joined with line 3
      "     \"(A;;GA;;;BA)\")  # joined\n"   // 3: ( at 7
      "c = f\"D:(A;;GA;;;{sid})\"\n"         // 4: f-string with a hole: skipped
      "d = '''O:BAG:BA'''\n"                 // 5: O at 8
      "# e = \"D:(A;;GA;;;WD)\"\n"           // 6: comment
      "g = \"D:(A;;GA;;;%s)\" % sid\n";      // 7: a format string: skipped
  auto lits = scan(src, L::python);
  expect_literals(lits, {{"D:(A;;GA;;;SY)", {1, 7}},
                         {"D:P(A;;GA;;;BA)", {2, 7}},
                         {"O:BAG:BA", {5, 8}}});
  EXPECT_EQ(lits[1].positions[3], (SourcePosition{3, 7}));
}

TEST(LintScanner, PowerShell) {
  const std::string src =
      "$a = 'D:(A;;GA;;;SY)'\n"      // 1: D at 7
      "$b = \"D:(A;;GA;;;$sid)\"\n"  // 2: a variable: skipped
      "$c = \"D:P(A;;GA;;;SY)\"\n"   // 3: D at 7
      "# $d = 'D:(A;;GA;;;WD)'\n"    // 4: comment
      "$e = @'\n"                    // 5: here-string
      "D:(A;;GA;;;BA)\n"             // 6: D at 1
      "'@\n"
      "<# 'D:(A;;GA;;;WD)' #>\n";    // 8: block comment
  expect_literals(scan(src, L::powershell), {{"D:(A;;GA;;;SY)", {1, 7}},
                                             {"D:P(A;;GA;;;SY)", {3, 7}},
                                             {"D:(A;;GA;;;BA)", {6, 1}}});
}

// Issue #16: SDDL in XML attributes inside a multi-line string (WinRM plug-in registrations
// written as PowerShell here-strings, XML built in Python or in C# verbatim and raw strings, as
// PowerShell's own CustomShellCommands.cs does) is found at the attribute's value.
TEST(LintScanner, XmlAttributesInsideHereStringsAndTripleQuotedStrings) {
  const std::string ps =
      "$xml = @\"\n"                                                        // 1
      "<PlugInConfiguration Name=\"p\">\n"                                  // 2
      "  <Security Uri=\"http://x\" Sddl=\"O:NSG:BAD:P(A;;GA;;;BA)\" />\n"  // 3: O at 34
      "  <Other Value='D:(A;;GR;;;IU)'/>\n"                                // 4: D at 17
      "\"@\n"
      "$plain = @'\n"                                                       // 6: no markup
      "note Sddl=\"D:(A;;GA;;;WD)\"\n"                                      // 7: no '<': not split
      "'@\n";
  expect_literals(scan(ps, L::powershell), {{"O:NSG:BAD:P(A;;GA;;;BA)", {3, 34}},
                                            {"D:(A;;GR;;;IU)", {4, 17}}});
  const std::string py =
      "XML = \"\"\"\n"                                                     // 1
      "<Security Sddl=\"D:P(A;;GA;;;SY)\"/>\n"                              // 2: D at 17
      "\"\"\"\n"
      "single = '<a b=\"D:(A;;GA;;;WD)\"/>'\n";                             // 4: one line: not split
  expect_literals(scan(py, L::python), {{"D:P(A;;GA;;;SY)", {2, 17}}});
  const std::string cs =
      "const string Xml = @\"\n"                          // 1: verbatim
      "<Security Uri='u' Sddl='D:P(A;;GA;;;BA)' />\";\n"   // 2: D at 25
      "const string Raw = \"\"\"\n"                       // 3: raw
      "  <Security Sddl=\"D:(A;;GR;;;IU)\" />\n"            // 4: D at 19
      "  \"\"\";\n";
  expect_literals(scan(cs, L::csharp), {{"D:P(A;;GA;;;BA)", {2, 25}}, {"D:(A;;GR;;;IU)", {4, 19}}});
}

TEST(LintScanner, Json) {
  const std::string src =
      "{\n"
      "  \"sddl\": \"D:(A;;GA;;;SY)\",\n"                                   // 2: D at 12
      "  \"D:(A;;GA;;;WD)\": 1,\n"                                          // 3: a key
      "  \"list\": [\"O:BAG:BA\", \"D:\\\\data\", \"D:(A;;GA;;;\\u0042U)\"]\n"  // 4: O at 13, D at 37
      "}\n";
  auto lits = scan(src, L::json);
  expect_literals(lits, {{"D:(A;;GA;;;SY)", {2, 12}},
                         {"O:BAG:BA", {4, 13}},
                         {"D:(A;;GA;;;BU)", {4, 37}}});
  EXPECT_EQ(lits[2].positions[11], (SourcePosition{4, 48}));  // 'B' from \u0042
}

TEST(LintScanner, Yaml) {
  const std::string src =
      "# D:(A;;GA;;;WD) in a comment\n"              // 1
      "service:\n"                                   // 2
      "  sddl: D:(A;;GA;;;SY)(A;;GR;;;IU)   # plain\n"  // 3: D at 9
      "  quoted: \"D:P(A;;GA;;;\\x53Y)\"\n"          // 4: D at 12, \x53 at 24
      "  single: 'O:BAG:BA'\n"                       // 5: O at 12
      "  list:\n"                                    // 6
      "    - D:(A;;GA;;;BA)\n"                       // 7: D at 7
      "  path: D:\\data\n"                           // 8: a path
      "  block: |\n"                                 // 9
      "    D:(A;;GA;;;BU)\n"                         // 10: D at 5
      "  url: http://example.com/D:(x)\n";           // 11
  auto lits = scan(src, L::yaml);
  expect_literals(lits, {{"D:(A;;GA;;;SY)(A;;GR;;;IU)", {3, 9}},
                         {"D:P(A;;GA;;;SY)", {4, 12}},
                         {"O:BAG:BA", {5, 12}},
                         {"D:(A;;GA;;;BA)", {7, 7}},
                         {"D:(A;;GA;;;BU)", {10, 5}}});
  EXPECT_EQ(lits[1].positions[12], (SourcePosition{4, 24}));
}

TEST(LintScanner, Inf) {
  const std::string src =
      "[MyDevice.NT.Security]\n"
      "\"D:P(A;;GA;;;SY)(A;;GA;;;BA)\"\n"         // 2: D at 2
      "; \"D:(A;;GA;;;WD)\" commented out\n"      // 3
      "[Strings]\n"
      "Sddl = D:P\n"                              // 5: unquoted value, D at 8
      "Quoted = \"D:(A;;GR;;;BU)\" ; note\n";     // 6: D at 11
  expect_literals(scan(src, L::inf), {{"D:P(A;;GA;;;SY)(A;;GA;;;BA)", {2, 2}},
                                      {"D:P", {5, 8}},
                                      {"D:(A;;GR;;;BU)", {6, 11}}});
}

const std::string kRegFile =
    "Windows Registry Editor Version 5.00\r\n"
    "\r\n"
    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Example]\r\n"
    "\"Security\"=\"D:P(A;;GA;;;SY)\"\r\n"  // 4: D at 13
    "@=\"O:BAG:BA\"\r\n"                    // 5: O at 4
    "; \"Old\"=\"D:(A;;GA;;;WD)\"\r\n"      // 6: comment
    "\"Path\"=\"D:\\\\data\"\r\n";          // 7: a path

TEST(LintScanner, Reg) {
  expect_literals(scan(kRegFile, L::reg), {{"D:P(A;;GA;;;SY)", {4, 13}}, {"O:BAG:BA", {5, 4}}});
}

TEST(LintScanner, RegExportedAsUtf16) {
  // regedit writes UTF-16LE with a byte order mark.
  std::string bytes = "\xFF\xFE";
  for (char c : kRegFile) {
    bytes += c;
    bytes += '\0';
  }
  auto text = decode_source_text(bytes);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, kRegFile);
  expect_literals(scan(*text, L::reg), {{"D:P(A;;GA;;;SY)", {4, 13}}, {"O:BAG:BA", {5, 4}}});
}

TEST(LintScanner, Utf16WithoutAByteOrderMark) {
  // Found by the NUL in every other byte (issue #16: such files were skipped as binary).
  std::string le, be;
  for (char c : kRegFile) {
    le += c;
    le += '\0';
    be += '\0';
    be += c;
  }
  ASSERT_TRUE(decode_source_text(le));
  EXPECT_EQ(*decode_source_text(le), kRegFile);
  ASSERT_TRUE(decode_source_text(be));
  EXPECT_EQ(*decode_source_text(be), kRegFile);
  // NULs in no such pattern are still binary.
  EXPECT_FALSE(decode_source_text(std::string("ab\0\0cd\0\0", 8)));
}

TEST(LintScanner, AdjacentTextMacrosAreOneString) {
  // Windows-classic-samples' fax routing extension writes its descriptor this way.
  const std::string src =
      "p = TEXT(\"O:NS\")     // owner\n"
      "    TEXT(\"D:\")\n"
      "    _T(\"(A;;GA;;;NS)\");\n"
      "q = f(\"O:BA\") g(\"(A;;GA;;;SY)\");\n";  // not one string: g is no TEXT macro
  expect_literals(scan(src, L::cpp), {{"O:NSD:(A;;GA;;;NS)", {1, 11}}, {"O:BA", {4, 8}}});
}

TEST(LintScanner, PlainText) {
  const std::string src =
      "Use `D:(A;;GA;;;SY)` for the section.\n"                       // 1: D at 6
      "Run sc sdset svc D:(A;;CC;;;AU). Then D:\\data is a drive,\n"  // 2: D at 18
      "and \"S: see above\", it's 'D:P' here.\n";                     // 3: D at 27
  auto lits = scan(src, L::text);
  expect_literals(lits,
                  {{"D:(A;;GA;;;SY)", {1, 6}}, {"D:(A;;CC;;;AU)", {2, 18}}, {"D:P", {3, 27}}});
  ASSERT_TRUE(lits[1].inferred_type);  // sc.exe sdset: a service
  EXPECT_EQ(lits[1].inferred_type->type, ObjectType::service);
}

TEST(LintScanner, NonAsciiBeforeALiteralCountsAsOneColumn) {
  // "é" is two bytes, one character: D is the 14th character.
  expect_literals(scan("/* \xC3\xA9 */ s = \"D:P\";\n", L::cpp), {{"D:P", {1, 14}}});
  // A UTF-8 byte order mark is not a character.
  expect_literals(scan(*decode_source_text("\xEF\xBB\xBFx=\"D:P\"\n"), L::cpp), {{"D:P", {1, 4}}});
}

TEST(LintScanner, LanguageByExtension) {
  EXPECT_EQ(language_for_path("src/a.CPP"), L::cpp);
  EXPECT_EQ(language_for_path("a.h"), L::cpp);
  EXPECT_EQ(language_for_path("x/y.cs"), L::csharp);
  EXPECT_EQ(language_for_path("m.go"), L::go);
  EXPECT_EQ(language_for_path("s.py"), L::python);
  EXPECT_EQ(language_for_path("s.psm1"), L::powershell);
  EXPECT_EQ(language_for_path("c.jsonc"), L::json);
  EXPECT_EQ(language_for_path("ci.yml"), L::yaml);
  EXPECT_EQ(language_for_path("drv.inf"), L::inf);
  EXPECT_EQ(language_for_path("k.reg"), L::reg);
  EXPECT_EQ(language_for_path("README.md"), L::text);
  EXPECT_EQ(language_for_path("Makefile"), L::text);
  EXPECT_EQ(language_for_path(".bashrc"), L::text);
  EXPECT_EQ(language_for_path("dir.cpp/file"), L::text);
}

TEST(LintScanner, BinaryIsSkipped) {
  EXPECT_FALSE(decode_source_text(std::string("ELF\0\x01\x02", 6)));
  EXPECT_TRUE(decode_source_text("plain text"));
}

// Strings that start like SDDL but are not, and strings that are (looks_like_sddl).
TEST(LooksLikeSddl, OrdinaryStringsAreNot) {
  for (std::string_view s :
       {"D:\\path\\file", "D:/data", "C:\\Windows", "S: see above", "S:", "D:", "O:", "G:",
        "http://example.com", "O:G:", "D:S:", "S:1", "D:data", "D:Program Files", "key: value",
        "D:(see; this; note)", "S:(1;2;3)", "D:(A;;GA;;;", "D:(A;;GA;;;{sid})", "D:(A;;GA;;;%s)",
        "D:(A;;GA;;;$sid)", "Error: D: drive not found", "O:ZZ", "d:P", "x D:(A;;GA;;;SY)",
        "D:(A;;GA;;;SY)\\nD:(A;;GR;;;BU)",  // a printf format in a shell script
        "", "D", "Sddl: none", "G:\\share", "O:Owner"})
    EXPECT_FALSE(looks_like_sddl(s)) << s;
}

TEST(LooksLikeSddl, SddlIs) {
  for (std::string_view s :
       {"D:P", "O:BAG:SY", "O:SYG:SYD:", "  D:(A;;GA;;;SY)", "d:(a;;ga;;;sy)",
        "D:NO_ACCESS_CONTROL", "S:(ML;;NW;;;LW)", "O:S-1-5-18", "D:PAI(A;;GA;;;SY)",
        "D:(A;;FOO;;;BU)", "O:BAD:(A;;GA;;;SY)S:(ML;;NW;;;LW)", "D:AI"})
    EXPECT_TRUE(looks_like_sddl(s)) << s;
}

// Conditional and resource-attribute ACEs: the 7th field is a parenthesised group, and { } %
// inside it are SDDL (composites, %xxxx escapes), not template marks.
TEST(LooksLikeSddl, ConditionalAcesAre) {
  for (std::string_view s :
       {"D:(XA;;FR;;;WD;(Member_of {SID(BA)}))", "D:(XD;;GW;;;WD;(@USER.Clearance < 3))",
        "S:(RA;;;;;WD;(\"Secrecy\",TU,0x0,3))", "D:(XA;;FR;;;WD;(@USER.x == \"a)b{\"))",
        "D:(XA;;FR;;;WD;(@RESOURCE.%0100lour == 1))", "D:(XA;;FR;;;WD; (Member_of {SID(BA)}) )"})
    EXPECT_TRUE(looks_like_sddl(s)) << s;
  for (std::string_view s : {"D:(XA;;GA;;;{0};(Member_of {SID(LU)}))", "D:(XA;;FR;;;WD;(x)",
                             "D:(XA;;FR;;;%s;(@USER.x == 1))", "D:(XA;;FR;;;WD;(x) y)"})
    EXPECT_FALSE(looks_like_sddl(s)) << s;
}

// No finding at all in ordinary code full of strings that look a little like SDDL.
TEST(LintScanner, NoFalsePositivesInOrdinaryCode) {
  const std::string src =
      "const char* paths[] = {\"D:\\\\data\", \"C:\\\\Windows\\\\System32\", \"D:/x\"};\n"
      "printf(\"S: %s\\n\", status);\n"
      "log(\"O: \" + owner + \" G: \" + group);\n"
      "url = \"http://example.com/D:(A;;GA;;;WD)\";\n"
      "std::string s = \"D:(A;;GA;;;\" + sid + \")\";\n"
      "fmt::format(\"D:(A;;GA;;;{})\", sid);\n"
      "// D:(A;;GA;;;WD) in a comment\n"
      "/* \"D:NO_ACCESS_CONTROL\" */\n"
      "char c = 'D'; int x = 0x1'0;\n"
      "msg = \"Error: D: drive not ready (code; 5; x)\";\n";
  EXPECT_TRUE(scan(src, L::cpp).empty());
  const std::string prose =
      "Drives C:\\ and D:\\ are mounted; see S: for details. O: means owner.\n"
      "The string D: alone is a drive. It's fine, isn't it? (D:) \"G:\"\n";
  EXPECT_TRUE(scan(prose, L::text).empty());
}

TEST(LintScanner, Directives) {
  const std::string src =
      "// sddl-lint: disable=world-writable,null-dacl\n"  // 1: 'disable' at 15
      "auto a = L\"D:NO_ACCESS_CONTROL\";\n"
      "# sddl-lint: disable-next-line\n"                  // 3: 'disable-next-line' at 14
      "auto b = \"D:(A;;GA;;;WD)\";\n"
      "-- sddl-lint: object=event\n"                      // 5
      "auto c = \"D:(A;;GA;;;SY)\";\n"
      "auto d = \"D:(A;;GA;;;SY)\";  // sddl-lint: disable\n"  // 7: trailing: not a directive
      "auto e = \"D:P\";\n"
      "    \"// sddl-lint: disable=bogus\"\n"  // 9: inside a string: not a directive
      "auto f = \"D:P\";\n";
  ScanResult r = scan_sddl_literals(src, L::cpp);
  EXPECT_TRUE(r.problems.empty());
  ASSERT_EQ(r.literals.size(), 6u);
  ASSERT_EQ(r.literals[0].directives.size(), 1u);
  const auto& d0 = r.literals[0].directives[0];
  EXPECT_EQ(d0.kind, LintDirective::Kind::disable);
  EXPECT_EQ(d0.values, (std::vector<std::string>{"world-writable", "null-dacl"}));
  EXPECT_EQ(d0.position, (SourcePosition{1, 15}));
  ASSERT_EQ(r.literals[1].directives.size(), 1u);
  EXPECT_TRUE(r.literals[1].directives[0].values.empty());
  EXPECT_EQ(r.literals[1].directives[0].position, (SourcePosition{3, 14}));
  ASSERT_EQ(r.literals[2].directives.size(), 1u);
  EXPECT_EQ(r.literals[2].directives[0].kind, LintDirective::Kind::object);
  EXPECT_EQ(r.literals[2].directives[0].values, (std::vector<std::string>{"event"}));
  EXPECT_TRUE(r.literals[3].directives.empty());
  EXPECT_TRUE(r.literals[4].directives.empty());
  EXPECT_TRUE(r.literals[5].directives.empty());
}

TEST(LintScanner, MalformedDirectivesAreProblems) {
  const std::string src =
      "// sddl-lint: disabel=null-dacl\n"  // 1: a misspelt directive at 15
      "/* sddl-lint: disable= */\n"        // 2: at 15
      "// sddl-lint:\n"                    // 3: empty, at the marker (4)
      "x = \"sddl-lint: disable\";\n"       // 4: in a string, not after a comment leader
      "// sddl-lint: reviews SDDL strings\n"  // 5: prose that names the tool: not a directive
      "// sddl-lint: disable=null-dacl -- legacy API, see #12\n"  // 6: a reason after --
      "// sddl-lint: disable=null-dacl legacy\n";                 // 7: 'legacy' at 33
  ScanResult r = scan_sddl_literals(src, L::cpp);
  ASSERT_EQ(r.problems.size(), 4u);
  EXPECT_EQ(r.problems[0].position, (SourcePosition{1, 15}));
  EXPECT_EQ(r.problems[0].message,
            "unknown sddl-lint directive 'disabel=null-dacl' (did you mean 'disable'?): expected "
            "disable, disable=RULE[,RULE...], disable-next-line[=...] or object=TYPE");
  EXPECT_EQ(r.problems[3].position, (SourcePosition{7, 33}));
  EXPECT_EQ(r.problems[1].position, (SourcePosition{2, 15}));
  EXPECT_EQ(r.problems[1].message, "'disable=' names no rule");
  EXPECT_EQ(r.problems[2].position, (SourcePosition{3, 4}));
}

TEST(LintScanner, ObjectTypeAndNameFromANearbyCall) {
  const std::string src =
      "HANDLE e = CreateEventW(MakeSa(\n"                                 // 1
      "    L\"D:(A;;GA;;;SY)\"), TRUE, FALSE, L\"Global\\\\Ready\");\n"  // 2: G at 40
      "\n\n\n"                                                            // 3-5
      "auto far = L\"D:(A;;GA;;;SY)\";\n";                                // 6: too far
  auto lits = scan(src, L::cpp);
  ASSERT_EQ(lits.size(), 2u);
  ASSERT_TRUE(lits[0].inferred_type);
  EXPECT_EQ(lits[0].inferred_type->type, ObjectType::event);
  EXPECT_EQ(lits[0].inferred_type->api, "CreateEventW");
  EXPECT_EQ(lits[0].inferred_type->line, 1u);
  ASSERT_TRUE(lits[0].object_name);
  EXPECT_EQ(lits[0].object_name->name, "Global\\Ready");
  EXPECT_EQ(lits[0].object_name->position, (SourcePosition{2, 40}));
  EXPECT_FALSE(lits[1].inferred_type);
  EXPECT_FALSE(lits[1].object_name);
}

TEST(LintScanner, InferenceMatchesWholeIdentifiersWithKnownSuffixes) {
  auto type_of = [](std::string_view line) -> std::optional<ObjectType> {
    auto lits = scan(std::string(line) + " \"D:P\"\n", L::cpp);
    if (lits.empty() || !lits[0].inferred_type) return std::nullopt;
    return lits[0].inferred_type->type;
  };
  EXPECT_EQ(type_of("CreateFileMappingW("), ObjectType::section);
  EXPECT_EQ(type_of("CreateFileMapping2("), ObjectType::section);
  EXPECT_EQ(type_of("CreateFileW("), ObjectType::file);
  EXPECT_EQ(type_of("CreateNamedPipeA("), ObjectType::named_pipe);
  EXPECT_EQ(type_of("CreateMutexExW("), ObjectType::mutex);
  EXPECT_EQ(type_of("new MemoryMappedFileSecurity("), ObjectType::section);
  EXPECT_EQ(type_of("RegCreateKeyExW("), ObjectType::key);
  EXPECT_EQ(type_of("MyCreateEventWrapper("), std::nullopt);
  EXPECT_EQ(type_of("CreateFileMappingFoo("), std::nullopt);
}

// Conditional ACEs in C++ literals: the golden tests/golden/lint/conditions.txt was written from
// the rules' messages, each column counted by hand (the condition's '(' in the file).
TEST(LintSource, ConditionalAcesGolden) {
  auto read = [](const char* name) {
    std::ifstream in(std::string(SECDESC_SOURCE_DIR) + "/tests/golden/lint/" + name,
                     std::ios::binary);
    EXPECT_TRUE(in) << name;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  SourceLint r = lint_source("conditions.cpp", read("conditions.cpp"), L::cpp, {});
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(format_text(r.findings), read("conditions.txt"));
}

// Issue #16's run-time strings: a prefix appended to is not linted (its syntax error is not
// one); the same prefix not appended to is.
TEST(LintSource, PrefixCompletedAtRunTimeIsNotLinted) {
  const std::string appended =
      "std::wstring s = L\"D:P(A;;GA;;;SY)(A;;FA;;;\";\n"
      "s += sid;\n"
      "s += L\")\";\n";
  SourceLint r = lint_source("a.cpp", appended, L::cpp, {});
  EXPECT_TRUE(r.findings.empty()) << format_text(r.findings);
  const std::string alone = "std::wstring s = L\"D:P(A;;GA;;;SY)(A;;FA;;;\";\nUse(s);\n";
  r = lint_source("b.cpp", alone, L::cpp, {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(rule_of(r.findings[0]), Rule::syntax);
}

// Brace initialisation holds the prefix as `=` does (microsoft/WSL WslCoreVm.cpp:1788 was a
// false syntax error: `std::wstring securityDescriptor{L"D:P(A;;FA;;;SY)(A;;FA;;;"};` then
// `securityDescriptor += sid;`).
TEST(LintSource, BraceInitialisedPrefixAppendedToIsNotLinted) {
  const std::string braced =
      "std::wstring securityDescriptor{L\"D:P(A;;FA;;;SY)(A;;FA;;;\"};\n"
      "securityDescriptor += sid;\n"
      "securityDescriptor += L\")\";\n";
  SourceLint r = lint_source("w.cpp", braced, L::cpp, {});
  EXPECT_TRUE(r.findings.empty()) << format_text(r.findings);
  const std::string alone = "std::wstring d{L\"D:P(A;;FA;;;SY)(A;;FA;;;\"};\nUse(d);\n";
  r = lint_source("x.cpp", alone, L::cpp, {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(rule_of(r.findings[0]), Rule::syntax);
}

// An owner/group-only string given to a set call for the owner is no null DACL; the same
// string set with DACL_SECURITY_INFORMATION (or with no call in sight) still is.
TEST(LintSource, OwnerOnlyStringSetAsOwnerIsNoNullDacl) {
  auto source = [](std::string_view info) {
    return "const wchar_t kOwner[] = L\"O:BAG:BA\";\n"
           "ConvertStringSecurityDescriptorToSecurityDescriptorW(kOwner, 1, &sd, nullptr);\n"
           "SetKernelObjectSecurity(h, " + std::string(info) + ", sd);\n";
  };
  SourceLint r = lint_source("o.cpp", source("OWNER_SECURITY_INFORMATION | "
                                             "GROUP_SECURITY_INFORMATION"), L::cpp, {});
  EXPECT_TRUE(r.findings.empty()) << format_text(r.findings);
  r = lint_source("d.cpp", source("OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION"),
                  L::cpp, {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(rule_of(r.findings[0]), Rule::null_dacl);
}

// The global-namespace example of docs/lint-rules.md, end to end through lint_source.
TEST(LintSource, GlobalNamespaceDocsExample) {
  const std::string src =
      "HANDLE h = CreateFileMappingW(INVALID_HANDLE_VALUE, Sa(L\"D:(A;;GA;;;SY)(A;;GR;;;AU)\"),\n"
      "                              PAGE_READWRITE, 0, 4096, L\"Global\\\\Frames\");\n";
  SourceLint r = lint_source("ipc.cpp", src, L::cpp, {});
  EXPECT_TRUE(r.problems.empty());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(rule_of(r.findings[0]), Rule::global_namespace);
  // 30 spaces, "PAGE_READWRITE, 0, 4096, " (25), L (56), quote (57), G (58).
  EXPECT_EQ(r.findings[0].where.position(), (SourcePosition{2, 58}));
  EXPECT_EQ(r.findings[0].where.file, "ipc.cpp");
}

TEST(LintSource, DirectivesSuppressAndSetTheType) {
  const std::string src =
      "// sddl-lint: disable=null-dacl\n"
      "auto a = L\"D:NO_ACCESS_CONTROL\";\n"
      "// sddl-lint: object=section\n"
      "auto b = L\"D:(A;OICI;GA;;;SY)\";\n"     // 4: flags at 17
      "auto c = L\"D:(A;OICI;GA;;;SY)\";\n";    // 5: no type: nothing
  SourceLint r = lint_source("x.cpp", src, L::cpp, {});
  EXPECT_TRUE(r.problems.empty());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(rule_of(r.findings[0]), Rule::inherit_flags_on_non_container);
  EXPECT_EQ(r.findings[0].where.position(), (SourcePosition{4, 17}));
}

TEST(LintSource, UnknownRuleInACommentIsAUsageProblemWithDidYouMean) {
  const std::string src =
      "// sddl-lint: disable=world-writeable\n"
      "auto a = L\"D:(A;;GA;;;WD)\";\n"
      "// sddl-lint: object=sektion\n"
      "auto b = L\"D:P\";\n";
  SourceLint r = lint_source("x.cpp", src, L::cpp, {});
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0],
            "x.cpp:1:15: unknown rule 'world-writeable'; did you mean 'world-writable'? in "
            "sddl-lint comment");
  EXPECT_EQ(r.problems[1].rfind("x.cpp:3:15: unknown object type 'sektion'", 0), 0u)
      << r.problems[1];
}

}  // namespace
}  // namespace secdesc

namespace secdesc {
namespace {

// Every finding of a source literal says which type its rights were read as and why
// (--format json's object_type fields): the flow, a comment, --object, or no type.
TEST(LintSourceTypeBasis, InferredCommentOptionAndNone) {
  const std::string inferred =
      "void f() {\n"
      "  ConvertStringSecurityDescriptorToSecurityDescriptorW(L\"D:(A;;GA;;;WD)\", 1, &sd, 0);\n"
      "  sa.lpSecurityDescriptor = sd;\n"
      "  CreateNamedPipeW(L\"\\\\.\\pipe\\x\", 0, 0, 1, 0, 0, 0, &sa);\n"
      "}\n";
  SourceLint r = lint_source("i.cpp", inferred, L::cpp, {});
  ASSERT_FALSE(r.findings.empty());
  for (const auto& f : r.findings) {
    ASSERT_TRUE(f.object_type.has_value());
    EXPECT_EQ(f.object_type->type, "named-pipe");
    EXPECT_EQ(f.object_type->source, "inferred");
    EXPECT_NE(f.object_type->evidence.find("CreateNamedPipeW at line 4"), std::string::npos)
        << f.object_type->evidence;
  }

  const std::string commented = "// sddl-lint: object=event\nconst wchar_t* k = L\"D:(A;;GA;;;WD)\";\n";
  r = lint_source("c.cpp", commented, L::cpp, {});
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].object_type->type, "event");
  EXPECT_EQ(r.findings[0].object_type->source, "comment");
  EXPECT_EQ(r.findings[0].object_type->evidence, "sddl-lint: object=event at line 1");

  const std::string bare = "const wchar_t* k = L\"D:(A;;GA;;;WD)\";\n";
  LintSettings option;
  option.object = ObjectType::file;
  r = lint_source("o.cpp", bare, L::cpp, option);
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].object_type->type, "file");
  EXPECT_EQ(r.findings[0].object_type->source, "option");

  r = lint_source("n.cpp", bare, L::cpp, {});
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].object_type->type, "");
  EXPECT_EQ(r.findings[0].object_type->source, "none");
  EXPECT_EQ(r.findings[0].object_type->evidence, "k reaches no create or set call");
  // JSON: null type, the source and the reason.
  const std::string json = format_json(r.findings);
  EXPECT_NE(json.find("\"object_type\": null"), std::string::npos) << json;
  EXPECT_NE(json.find("\"object_type_evidence\": \"k reaches no create or set call\""),
            std::string::npos) << json;
}

}  // namespace
}  // namespace secdesc
