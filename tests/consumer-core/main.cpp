// A core-only consumer: parses the seed SDDL, encodes it, and compares the bytes with the
// self-relative layout Windows' ConvertStringSecurityDescriptorToSecurityDescriptorW gives
// (derived by hand below, field by field, so a wrong encoder cannot agree with itself), then
// decodes the bytes and re-emits the SDDL.
#include <cstddef>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>

#include <secdesc/binary.hpp>
#include <secdesc/sddl.hpp>
#include <secdesc/security_descriptor.hpp>

namespace {

constexpr std::string_view kSeed = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)";
// What Windows writes back: generic rights in bit order GA GX GW GR.
constexpr std::string_view kSeedEmitted = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GWGR;;;IU)S:(ML;;NW;;;LW)";

// 120 bytes. Windows puts the SACL before the DACL (as in the vectors' "D:PS:" row).
constexpr std::string_view kSeedHex =
    // header: revision 1, control 0x9014 (self-relative, DACL protected, SACL and DACL present),
    // no owner, no group, SACL at 0x14, DACL at 0x30
    "01001490" "00000000" "00000000" "14000000" "30000000"
    // SACL: revision 2, size 0x1c, 1 ACE; ML (0x11), size 0x14, mask NW (1), S-1-16-4096
    "02001c00" "01000000" "11001400" "01000000" "010100000000001000100000"
    // DACL: revision 2, size 0x48, 3 ACEs
    "02004800" "03000000"
    // A, size 0x14, GA (0x10000000), S-1-5-18
    "00001400" "00000010" "010100000000000512000000"
    // A, size 0x18, GA, S-1-5-32-544
    "00001800" "00000010" "0102000000000005" "2000000020020000"
    // A, size 0x14, GR|GW (0xc0000000), S-1-5-4
    "00001400" "000000c0" "010100000000000504000000";

std::string to_hex(std::span<const std::byte> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (std::byte b : bytes) {
    hex += kDigits[std::to_integer<unsigned>(b) >> 4];
    hex += kDigits[std::to_integer<unsigned>(b) & 0xf];
  }
  return hex;
}

int failures = 0;

void expect(bool ok, const char* what) {
  std::printf("%s %s\n", ok ? "ok  " : "FAIL", what);
  if (!ok) ++failures;
}

}  // namespace

int main() {
  auto sd = secdesc::parse_sddl(kSeed);
  expect(sd.ok(), "the seed SDDL parses");
  if (!sd) return 1;
  auto bytes = secdesc::encode_self_relative(*sd);
  expect(bytes.ok(), "the descriptor encodes");
  if (!bytes) return 1;
  const std::string hex = to_hex(*bytes);
  expect(hex == kSeedHex, "the bytes are Windows' self-relative layout");
  if (hex != kSeedHex) {
    std::printf("  got      %s\n  expected %s\n", hex.c_str(), std::string(kSeedHex).c_str());
  }
  auto decoded = secdesc::decode_self_relative(*bytes);
  expect(decoded.ok() && *decoded == *sd, "the bytes decode to the parsed descriptor");
  expect(decoded.ok() && secdesc::to_sddl(*decoded) == kSeedEmitted,
         "the decoded descriptor re-emits the seed");
  return failures == 0 ? 0 : 1;
}
