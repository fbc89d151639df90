// guid.hpp: the GUID text and binary forms.
#include <gtest/gtest.h>

#include "secdesc/guid.hpp"

namespace secdesc {
namespace {

constexpr std::string_view kUser = "bf967aba-0de6-11d0-a285-00aa003049e2";

TEST(Guid, ParsesAndFormats) {
  auto g = Guid::parse(kUser);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->data1, 0xbf967abau);
  EXPECT_EQ(g->data2, 0x0de6);
  EXPECT_EQ(g->data3, 0x11d0);
  EXPECT_EQ(g->data4[0], 0xa2);
  EXPECT_EQ(g->data4[7], 0xe2);
  EXPECT_EQ(g->to_string(), kUser);
  // Upper-case hex reads the same and is written in lower case.
  auto upper = Guid::parse("BF967ABA-0DE6-11D0-A285-00AA003049E2");
  ASSERT_TRUE(upper);
  EXPECT_EQ(*upper, *g);
}

TEST(Guid, RejectsOtherForms) {
  EXPECT_FALSE(Guid::parse(""));
  EXPECT_FALSE(Guid::parse("{bf967aba-0de6-11d0-a285-00aa003049e2}"));
  EXPECT_FALSE(Guid::parse("bf967aba-0de6-11d0-a285-00aa003049e"));
  EXPECT_FALSE(Guid::parse("bf967aba00de6-11d0-a285-00aa003049e2"));
  EXPECT_FALSE(Guid::parse("bf967abg-0de6-11d0-a285-00aa003049e2"));
  EXPECT_FALSE(Guid::parse(" f967aba-0de6-11d0-a285-00aa003049e2"));
}

TEST(Guid, BinaryFormIsLittleEndianForTheFirstThreeFields) {
  Guid g = *Guid::parse(kUser);
  std::vector<std::byte> out;
  g.encode_to(out);
  ASSERT_EQ(out.size(), Guid::binary_size);
  EXPECT_EQ(out[0], std::byte{0xba});
  EXPECT_EQ(out[3], std::byte{0xbf});
  EXPECT_EQ(out[4], std::byte{0xe6});
  EXPECT_EQ(out[6], std::byte{0xd0});
  EXPECT_EQ(out[8], std::byte{0xa2});
  EXPECT_EQ(out[15], std::byte{0xe2});
  EXPECT_EQ(Guid::decode(out.data()), g);

  std::array<std::byte, 20> buffer{};
  auto rest = g.write_to(buffer);
  EXPECT_EQ(rest.size(), 4u);
  EXPECT_TRUE(std::equal(out.begin(), out.end(), buffer.begin()));
}

TEST(Guid, Ordering) {
  Guid a = *Guid::parse("00000000-0000-0000-0000-000000000001");
  Guid b = *Guid::parse("00000000-0000-0000-0000-000000000002");
  EXPECT_LT(a, b);
  EXPECT_NE(a, b);
  EXPECT_EQ(Guid{}, *Guid::parse("00000000-0000-0000-0000-000000000000"));
}

}  // namespace
}  // namespace secdesc
