#include "secdesc/access_mask.hpp"

#include <array>

#include <fmt/format.h>

#include "core/internal/code_rows.hpp"
#include "core/internal/text.hpp"

namespace secdesc {
namespace {

using K = RightsTokenKind;

// MS Learn "ACE strings", sddl.h; the emission order of the `single` rows is the bit order
// Windows uses (see windows_sddl_roundtrip.tsv: "CCDCLCSWRPWPDTLOCRSDRCWDWO ... GA GX GW GR").
constexpr std::array kRights{
    RightsToken{"CC", 0x00000001, K::single, "create child (directory service)"},
    RightsToken{"DC", 0x00000002, K::single, "delete child (directory service)"},
    RightsToken{"LC", 0x00000004, K::single, "list children (directory service)"},
    RightsToken{"SW", 0x00000008, K::single, "self write (directory service)"},
    RightsToken{"RP", 0x00000010, K::single, "read property (directory service)"},
    RightsToken{"WP", 0x00000020, K::single, "write property (directory service)"},
    RightsToken{"DT", 0x00000040, K::single, "delete tree (directory service)"},
    RightsToken{"LO", 0x00000080, K::single, "list object (directory service)"},
    RightsToken{"CR", 0x00000100, K::single, "control access (directory service)"},
    RightsToken{"SD", 0x00010000, K::single, "DELETE"},
    RightsToken{"RC", 0x00020000, K::single, "READ_CONTROL"},
    RightsToken{"WD", 0x00040000, K::single, "WRITE_DAC"},
    RightsToken{"WO", 0x00080000, K::single, "WRITE_OWNER"},
    RightsToken{"GA", 0x10000000, K::single, "GENERIC_ALL"},
    RightsToken{"GX", 0x20000000, K::single, "GENERIC_EXECUTE"},
    RightsToken{"GW", 0x40000000, K::single, "GENERIC_WRITE"},
    RightsToken{"GR", 0x80000000, K::single, "GENERIC_READ"},
    RightsToken{"FA", 0x001F01FF, K::composite, "FILE_ALL_ACCESS"},
    RightsToken{"FR", 0x00120089, K::composite, "FILE_GENERIC_READ"},
    RightsToken{"FW", 0x00120116, K::composite, "FILE_GENERIC_WRITE"},
    RightsToken{"FX", 0x001200A0, K::composite, "FILE_GENERIC_EXECUTE"},
    RightsToken{"KA", 0x000F003F, K::composite, "KEY_ALL_ACCESS"},
    RightsToken{"KR", 0x00020019, K::composite, "KEY_READ"},
    RightsToken{"KW", 0x00020006, K::composite, "KEY_WRITE"},
    RightsToken{"KX", 0x00020019, K::alias, "KEY_EXECUTE (= KEY_READ)"},
    RightsToken{"NW", 0x00000001, K::label, "SYSTEM_MANDATORY_LABEL_NO_WRITE_UP"},
    RightsToken{"NR", 0x00000002, K::label, "SYSTEM_MANDATORY_LABEL_NO_READ_UP"},
    RightsToken{"NX", 0x00000004, K::label, "SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP"},
};

// Rows by letters (derived from kRights at compile time): the parser looks rights up per token.
constexpr auto kRightsByCode =
    detail::make_code_index(kRights, [](const RightsToken& t) { return t.letters; });

}  // namespace

std::span<const RightsToken> sddl_rights_tokens() noexcept { return kRights; }

std::optional<RightsToken> find_rights_token(std::string_view letters) noexcept {
  if (const RightsToken* t = detail::find_by_code(kRights, kRightsByCode, letters)) return *t;
  return std::nullopt;
}

constinit const std::array<AccessMask, detail::kCodeKeys> detail::rights_mask_by_key = [] {
  std::array<AccessMask, detail::kCodeKeys> masks{};
  for (std::size_t key = 0; key < masks.size(); ++key)
    if (const std::uint8_t row = kRightsByCode[key]; row != 0xFF) masks[key] = kRights[row].mask;
  return masks;
}();

std::string format_sddl_rights(AccessMask mask, bool label_ace) {
  if (mask == 0) return {};
  const RightsTokenKind letter_kind = label_ace ? K::label : K::single;
  if (!label_ace)
    for (const auto& t : kRights)
      if (t.kind == K::composite && t.mask == mask) return std::string(t.letters);
  AccessMask covered = 0;
  for (const auto& t : kRights)
    if (t.kind == letter_kind) covered |= t.mask;
  if ((mask & ~covered) != 0) return fmt::format("0x{:x}", mask);
  std::string out;
  for (const auto& t : kRights)
    if (t.kind == letter_kind && (mask & t.mask) != 0) out += t.letters;
  return out;
}

}  // namespace secdesc
