#include "secdesc/binary.hpp"

#include <gtest/gtest.h>

#include "secdesc/sddl.hpp"

namespace secdesc {
namespace {

std::vector<std::byte> hex(std::string_view h) { return from_hex(h).value(); }

// "O:BAG:SYD:(A;;GA;;;WD)" in Windows' layout, written out by hand from MS-DTYP 2.4.6.
const std::string kHeader = "01000480" "30000000" "40000000" "00000000" "14000000";
const std::string kDacl = "02001c0001000000" "0000140000000010010100000000000100000000";
const std::string kOwner = "01020000000000052000000020020000";
const std::string kGroup = "010100000000000512000000";

TEST(Binary, EncodesWindowsLayout) {
  auto sd = parse_sddl("O:BAG:SYD:(A;;GA;;;WD)").value();
  EXPECT_EQ(to_hex(encode_self_relative(sd).value()), kHeader + kDacl + kOwner + kGroup);
}

TEST(Binary, EncodeIntoReplacesTheBytesAndKeepsTheCapacity) {
  auto sd = parse_sddl("O:BAG:SYD:(A;;GA;;;WD)").value();
  std::vector<std::byte> bytes(4096, std::byte{0xEE});
  const std::byte* storage = bytes.data();
  ASSERT_FALSE(encode_self_relative_into(sd, bytes));
  EXPECT_EQ(to_hex(bytes), kHeader + kDacl + kOwner + kGroup);
  EXPECT_EQ(bytes.data(), storage);
  // An ACL over 65,535 bytes: the error, and the vector left empty.
  Acl big;
  big.aces.assign(4096, make_allow(sids::builtin_administrators, 1));
  sd.set_dacl(std::move(big));
  auto error = encode_self_relative_into(sd, bytes);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::limit_exceeded);
  EXPECT_EQ(error->message, encode_self_relative(sd).error().message);
  EXPECT_TRUE(bytes.empty());
}

TEST(Binary, DecodesPartsInAnyOrder) {
  // .NET-style layout: owner, group, DACL.
  const std::string header = std::string("01000480") + "14000000" + "24000000" + "00000000" + "30000000";
  auto sd = decode_self_relative(hex(header + kOwner + kGroup + kDacl));
  ASSERT_TRUE(sd) << sd.error().message;
  EXPECT_EQ(to_sddl(*sd), "O:BAG:SYD:(A;;GA;;;WD)");
}

TEST(Binary, DecodesPaddedAcesAndOversizeAcls) {
  // The ACE claims 24 bytes (4 of padding) and the ACL 40 (8 of slack).
  const std::string header = "01000480" "00000000" "00000000" "00000000" "14000000";
  const std::string dacl = "0200280001000000" "00001800000000100101000000000001000000000000000000000000"
                           "0000000000000000";
  auto sd = decode_self_relative(hex(header + dacl));
  ASSERT_TRUE(sd) << sd.error().message;
  EXPECT_EQ(to_sddl(*sd), "D:(A;;GA;;;WD)");
}

TEST(Binary, NullAndEmptyDacl) {
  auto null_dacl = decode_self_relative(hex("01000480000000000000000000000000" "00000000"));
  ASSERT_TRUE(null_dacl);
  EXPECT_EQ(null_dacl->dacl_state(), AclState::null);
  EXPECT_EQ(to_sddl(*null_dacl), "D:NO_ACCESS_CONTROL");
  EXPECT_EQ(to_hex(encode_self_relative(parse_sddl("D:NO_ACCESS_CONTROL").value()).value()),
            "0100048000000000000000000000000000000000");
  EXPECT_EQ(to_hex(encode_self_relative(parse_sddl("D:").value()).value()),
            "01000480000000000000000000000000140000000200080000000000");
}

TEST(Binary, MalformedBytesNameTheOffset) {
  struct Case { std::string hex; std::size_t offset; const char* message; };
  const Case cases[] = {
      {"0100", 0, "20-byte header"},
      {"02000480000000000000000000000000" "00000000", 0, "revision 2 is not 1"},
      {"01000400000000000000000000000000" "00000000", 2, "absolute descriptor"},
      {"01000080" "ff000000" "00000000" "00000000" "00000000", 4, "outside the descriptor"},
      {"01000480000000000000000000000000" "14000000" "0200ff0001000000", 22, "runs past the end"},
      {"01000480000000000000000000000000" "14000000" "0200080001000000", 28, "ACE 0 starts past"},
      {"01000480000000000000000000000000" "14000000" "02000c0001000000" "0000ff00", 30,
       "does not fit"},
      {"01000480000000000000000000000000" "14000000" "0200100001000000" "0000080000000010", 36,
       "SID needs at least 8 bytes"},
      {"01000480000000000000000000000000" "14000000" "0200100001000000" "0400080000000010", 28,
       "(no SDDL form) is not supported"},
      {"01000480000000000000000000000000" "14000000" "0200100001000000" "3000080000000010", 28,
       "unknown ACE type 0x30"},
      {"01000480000000000000000000000000" "14000000" "0900080000000000", 20, "revision 9"},
  };
  for (const auto& c : cases) {
    auto sd = decode_self_relative(hex(c.hex));
    ASSERT_FALSE(sd) << c.hex;
    EXPECT_EQ(sd.error().code == ErrorCode::malformed_binary || sd.error().code == ErrorCode::unsupported, true);
    EXPECT_EQ(sd.error().offset, c.offset) << c.hex << ": " << sd.error().message;
    EXPECT_NE(sd.error().message.find(c.message), std::string::npos) << sd.error().message;
  }
}

TEST(Binary, Hex) {
  EXPECT_EQ(to_hex(hex("00ff10AB")), "00ff10ab");
  auto odd = from_hex("abc");
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().offset, 2u);
  auto bad = from_hex("zz");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().offset, 0u);
}

}  // namespace
}  // namespace secdesc

namespace secdesc {
namespace {

// Hex input decodes as the bytes do; an error's offset counts hex digits, into the typed text.
TEST(Binary, DecodeSelfRelativeHexCountsOffsetsInDigits) {
  auto sd = parse_sddl("D:(A;;GA;;;SY)");
  ASSERT_TRUE(sd);
  const std::string hex = to_hex(encode_self_relative(*sd).value());
  auto decoded = decode_self_relative_hex(hex);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(to_sddl(*decoded), "D:(A;;GA;;;SY)");
  auto truncated_bytes = from_hex(hex.substr(0, hex.size() - 8));
  ASSERT_TRUE(truncated_bytes);
  auto by_bytes = decode_self_relative(*truncated_bytes);
  auto by_hex = decode_self_relative_hex(hex.substr(0, hex.size() - 8));
  ASSERT_FALSE(by_bytes);
  ASSERT_FALSE(by_hex);
  ASSERT_TRUE(by_bytes.error().has_offset());
  EXPECT_EQ(by_hex.error().offset, 2 * by_bytes.error().offset);
  EXPECT_EQ(by_hex.error().message, by_bytes.error().message);
  EXPECT_FALSE(decode_self_relative_hex("0x12"));  // not hex digits: from_hex's error
}

}  // namespace
}  // namespace secdesc
