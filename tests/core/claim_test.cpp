// Claims: resource attribute ACE payloads (CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1, MS-DTYP
// 2.4.10.1) and their SDDL form (MS-DTYP 2.5.1.1).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "secdesc/binary.hpp"
#include "secdesc/claim.hpp"
#include "secdesc/sddl.hpp"

namespace secdesc {
namespace {

std::vector<std::byte> hex(std::string_view text) { return from_hex(text).value(); }

// Windows' bytes for ("colOIr",TU,0xe,244714,244729925777777), an RA payload from
// windows_sddl_binary.tsv (short-conditional-and-resource-aces-successes.json.gz), 4 bytes of
// ACE padding removed: name at 0x18, values right after the name, unaligned.
constexpr std::string_view kWindowsTu =
    "18000000020000000e00000002000000260000002e00000063006f006c004f00490072000000eabb030000000000"
    "71b94aa094de0000";

TEST(Claim, WindowsLayout) {
  auto claim = Claim::decode(hex(kWindowsTu));
  ASSERT_TRUE(claim) << claim.error().message;
  EXPECT_EQ(claim->name, u"colOIr");
  EXPECT_EQ(claim->type, ClaimType::uint64);
  EXPECT_EQ(claim->flags, 0xEu);
  EXPECT_EQ(claim->integers, (std::vector<std::uint64_t>{244714, 244729925777777}));
  EXPECT_EQ(to_sddl(*claim), "(\"colOIr\",TU,0xe,244714,244729925777777)");
  std::vector<std::byte> out;
  claim->encode_to(out);
  EXPECT_EQ(to_hex(out), kWindowsTu);
  EXPECT_EQ(claim->binary_size(), out.size());
}

// One claim of each type, written, read back, encoded and decoded.
TEST(Claim, EveryTypeRoundTrips) {
  const char* cases[] = {
      "(\"a\",TI,0x0,-8,0,7774)",
      "(\"b\",TU,0x2,18446744073709551615)",
      "(\"c\",TS,0xa,\"blue\",\"\",\"r%ed\")",
      "(\"d\",TD,0x0,SID(BA),SID(S-1-5-21-1-2-3-1000))",
      "(\"e\",TB,0x0,0,1)",
      "(\"f\",TX,0x0,0077,00,)",
      "(\"g%0016h\",TI,0x0)",
  };
  for (const char* text : cases) {
    auto claim = parse_resource_attribute(text);
    ASSERT_TRUE(claim) << text << ": " << claim.error().message;
    EXPECT_EQ(to_sddl(*claim), text);
    EXPECT_TRUE(claim->has_sddl_form());
    std::vector<std::byte> bytes;
    claim->encode_to(bytes);
    auto back = Claim::decode(bytes);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, *claim) << text;
  }
}

TEST(Claim, WindowsInputForms) {
  // windows_sddl_roundtrip.tsv: flags "0" and a space after a comma are read; Windows writes
  // 0x0 and no space. MS Learn: '#' is '0' in resource attributes.
  EXPECT_EQ(to_sddl(parse_resource_attribute("(\"colour\",TS,0,\"blue\", \"red\")").value()),
            "(\"colour\",TS,0x0,\"blue\",\"red\")");
  EXPECT_EQ(to_sddl(parse_resource_attribute("(\"x\",tx,0,#1#2)").value()), "(\"x\",TX,0x0,0102)");
  EXPECT_EQ(to_sddl(parse_resource_attribute("(\"x\",TD,0,BA)").value()), "(\"x\",TD,0x0,SID(BA))");
}

TEST(Claim, NulCannotBeStored) {
  // Found by fuzz_sddl: names and string values are NUL-terminated in the binary form.
  auto value = parse_resource_attribute(std::string("(\"x\",TS,0x0,\"a\0b\")", 19));
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().offset, 12u);  // the value's opening quote
  EXPECT_NE(value.error().message.find("cannot hold NUL"), std::string::npos) << value.error().message;
  auto name = parse_resource_attribute("(\"a%0000b\",TI,0x0,1)");
  ASSERT_FALSE(name);
  EXPECT_EQ(name.error().offset, 2u);
}

TEST(Claim, DecodeErrorsNameTheByteOffset) {
  struct Case {
    const char* hex;
    std::size_t offset;
    const char* message;
  };
  const Case cases[] = {
      {"1000000002000000", 0, "16-byte header"},
      {"10000000070000000000000000000000", 4, "unknown claim value type 0x0007"},
      {"1000000001000000000000000500000061000000", 12, "value count 5 does not fit"},
      {"ff000000010000000000000000000000", 0, "name offset 255 is outside"},
      {"10000000010000000000000000000000" "6100", 16, "without its terminating NUL"},
      {"14000000010000000000000001000000" "ff000000" "61000000", 16, "value 0 offset 255"},
      {"14000000010000000000000001000000" "18000000" "610000000100", 24, "value 0 runs past"},
      {"14000000100000000000000001000000" "18000000" "61000000" "09000000aa", 24,
       "value 0 of 9 bytes runs past"},
  };
  for (const auto& c : cases) {
    auto claim = Claim::decode(hex(c.hex), 40);
    ASSERT_FALSE(claim) << c.hex << " decoded to " << to_sddl(*claim);
    EXPECT_EQ(claim.error().offset, 40 + c.offset) << c.hex << ": " << claim.error().message;
    EXPECT_NE(claim.error().message.find(c.message), std::string::npos) << claim.error().message;
  }
}

TEST(Claim, ResourceAttributeAce) {
  // windows_sddl_binary.tsv, the JSON row of the Windows Server 2022 sample.
  const std::string sddl = "D:(XA;;CCDCLCSWRPWP;;;MP;(@RESOURCE.c))S:(RA;;;;;WD;(\"colOIr\",TU,0xe,29925))";
  auto sd = parse_sddl(sddl);
  ASSERT_TRUE(sd) << sd.error().message;
  const Ace& ra = sd->sacl()->aces[0];
  ASSERT_TRUE(ra.resource_attribute);
  EXPECT_EQ(ra.resource_attribute->integers, std::vector<std::uint64_t>{29925});
  EXPECT_EQ(ra.binary_size(), 64u);  // 0x40 in Windows' bytes: 62 padded to 4
  EXPECT_EQ(to_sddl(*sd), sddl);
}

}  // namespace
}  // namespace secdesc
