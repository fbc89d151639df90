// The demo's compiled policy header (demo_policy.hpp, generated from
// policies/service-section-lowil-readwrite.toml) must say what its SDDL says: its bytes are checked
// against secdesc's own encoding, and Wine's parser reads the same descriptor from the SDDL.
#include <gtest/gtest.h>

#include "demo_policy.hpp"
#include "secdesc/secdesc.hpp"
#include "secdesc/win/security_attributes.hpp"
#include "win_test_support.hpp"

namespace secdesc::wintest {
namespace {

namespace policy = secdesc_demo::service_section_lowil_readwrite;

TEST(DemoPolicyUnderWine, DescriptorBytesAreTheEncodingOfTheSddl) {
  std::string sddl;
  for (wchar_t c : policy::sddl) sddl += static_cast<char>(c);  // ASCII by construction
  auto sd = parse_sddl(sddl);
  ASSERT_TRUE(sd) << sd.error().message;
  auto encoded = encode_self_relative(*sd);
  ASSERT_TRUE(encoded) << encoded.error().message;
  const auto header = std::as_bytes(std::span(policy::descriptor));
  EXPECT_EQ(to_hex(*encoded), to_hex(header));
}

TEST(DemoPolicyUnderWine, NativeParserReadsTheSameDescriptor) {
  auto native = native_sddl_to_bytes(policy::sddl);
  ASSERT_EQ(native.error, static_cast<DWORD>(ERROR_SUCCESS));
  auto from_native = decode_self_relative(native.bytes);
  ASSERT_TRUE(from_native) << from_native.error().message;
  const win::SecurityAttributes sa(policy::descriptor);
  EXPECT_EQ(*from_native, sa.descriptor()) << to_sddl(*from_native);
}

}  // namespace
}  // namespace secdesc::wintest
