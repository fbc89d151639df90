// secdesc::win::SecurityAttributes: construction from the three sources, validation, alignment,
// copies that own their bytes.
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <utility>

#include "demo_policy.hpp"
#include "secdesc/secdesc.hpp"
#include "secdesc/win/security_attributes.hpp"
#include "win_test_support.hpp"

namespace secdesc::wintest {
namespace {

using win::SecurityAttributes;

constexpr std::string_view seed = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)";

bool aligned_for_descriptor(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p) % alignof(SECURITY_DESCRIPTOR) == 0;
}

TEST(SecurityAttributesUnderWine, FromCompiledHeaderArray) {
  const SecurityAttributes sa(secdesc_demo::service_section_lowil_readwrite::descriptor);
  ASSERT_NE(sa.get(), nullptr);
  EXPECT_EQ(sa.get()->nLength, sizeof(SECURITY_ATTRIBUTES));
  EXPECT_EQ(sa.get()->lpSecurityDescriptor, sa.native_descriptor());
  EXPECT_FALSE(sa.inherit_handle());
  EXPECT_TRUE(aligned_for_descriptor(sa.native_descriptor()));
  EXPECT_TRUE(IsValidSecurityDescriptor(sa.native_descriptor()));
  EXPECT_EQ(GetSecurityDescriptorLength(sa.native_descriptor()), sa.bytes().size());
  EXPECT_EQ(sa.descriptor(), parse_or_fail(seed));
}

TEST(SecurityAttributesUnderWine, FromDescriptorEncodesWindowsLayout) {
  const auto sd = parse_or_fail(seed);
  auto sa = SecurityAttributes::from_descriptor(sd);
  ASSERT_TRUE(sa) << sa.error().message;
  EXPECT_EQ(sa->descriptor(), sd);
  auto encoded = encode_self_relative(sd);
  ASSERT_TRUE(encoded);
  EXPECT_EQ(to_hex(sa->bytes()), to_hex(*encoded));
  EXPECT_TRUE(IsValidSecurityDescriptor(sa->native_descriptor()));
}

TEST(SecurityAttributesUnderWine, FromBytesKeepsTheBytesAsGiven) {
  // Wine's own layout (parts in string order) is valid too, and must be kept byte for byte.
  auto native = native_sddl_to_bytes(L"O:BAG:SYD:(A;;GA;;;WD)");
  ASSERT_EQ(native.error, static_cast<DWORD>(ERROR_SUCCESS));
  auto sa = SecurityAttributes::from_bytes(native.bytes);
  ASSERT_TRUE(sa) << sa.error().message;
  EXPECT_EQ(to_hex(sa->bytes()), to_hex(native.bytes));
  EXPECT_EQ(sa->descriptor().owner(), sids::builtin_administrators);
}

TEST(SecurityAttributesUnderWine, FromBytesRejectsMalformedBytesWithPosition) {
  struct Case {
    std::string_view what;
    std::string_view hex;
    std::size_t offset;
  };
  const Case cases[] = {
      {"too short for the header", "0100", 0},
      {"absolute, not self-relative", "0100040000000000000000000000000000000000", 2},
      {"DACL offset past the end", "0100048000000000000000000000000040000000", 16},
      {"ACE count larger than the ACL", "01000480000000000000000000000000140000000200080001000000", 28},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto bytes = from_hex(c.hex);
    ASSERT_TRUE(bytes);
    auto sa = SecurityAttributes::from_bytes(*bytes);
    ASSERT_FALSE(sa);
    EXPECT_EQ(sa.error().code, ErrorCode::malformed_binary);
    EXPECT_EQ(sa.error().offset, c.offset) << sa.error().message;
  }
}

TEST(SecurityAttributesUnderWine, CompiledConstructorThrowsOnABrokenArtefact) {
  const std::array<std::uint8_t, 4> broken = {0x01, 0x00, 0x04, 0x80};
  EXPECT_THROW(SecurityAttributes{broken}, std::invalid_argument);
}

TEST(SecurityAttributesUnderWine, CopiesOwnTheirBytesAndMovesNeverEmpty) {
  SecurityAttributes original(secdesc_demo::service_section_lowil_readwrite::descriptor);
  original.set_inherit_handle(true);
  SecurityAttributes copy = original;
  EXPECT_NE(copy.native_descriptor(), original.native_descriptor());
  EXPECT_EQ(copy.get()->lpSecurityDescriptor, copy.native_descriptor());
  EXPECT_EQ(to_hex(copy.bytes()), to_hex(original.bytes()));
  EXPECT_TRUE(copy.inherit_handle());

  SecurityAttributes moved = std::move(original);
  // A "move" copies: the source still hands out a valid descriptor, never NULL.
  EXPECT_NE(original.native_descriptor(), nullptr);  // NOLINT(bugprone-use-after-move)
  EXPECT_TRUE(IsValidSecurityDescriptor(original.native_descriptor()));
  EXPECT_EQ(moved.get()->lpSecurityDescriptor, moved.native_descriptor());

  auto other = SecurityAttributes::from_descriptor(parse_or_fail("D:(A;;GR;;;WD)"));
  ASSERT_TRUE(other);
  copy = *other;
  EXPECT_EQ(copy.get()->lpSecurityDescriptor, copy.native_descriptor());
  EXPECT_EQ(copy.descriptor(), other->descriptor());
  EXPECT_FALSE(copy.inherit_handle());
}

}  // namespace
}  // namespace secdesc::wintest
