// secdesc: access masks and the SDDL rights vocabulary (the two-letter tokens of ACE strings).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace secdesc {

using AccessMask = std::uint32_t;

// Bits common to every object type (MS-DTYP 2.4.3).
namespace rights {
inline constexpr AccessMask specific_rights_all = 0x0000FFFF;
inline constexpr AccessMask delete_ = 0x00010000;
inline constexpr AccessMask read_control = 0x00020000;
inline constexpr AccessMask write_dac = 0x00040000;
inline constexpr AccessMask write_owner = 0x00080000;
inline constexpr AccessMask synchronize = 0x00100000;
inline constexpr AccessMask standard_rights_required = 0x000F0000;
inline constexpr AccessMask standard_rights_all = 0x001F0000;
inline constexpr AccessMask access_system_security = 0x01000000;
inline constexpr AccessMask maximum_allowed = 0x02000000;
inline constexpr AccessMask generic_all = 0x10000000;
inline constexpr AccessMask generic_execute = 0x20000000;
inline constexpr AccessMask generic_write = 0x40000000;
inline constexpr AccessMask generic_read = 0x80000000;
inline constexpr AccessMask generic_any = 0xF0000000;
// Mandatory label policy bits (only meaningful in ML ACEs).
inline constexpr AccessMask label_no_write_up = 0x1;
inline constexpr AccessMask label_no_read_up = 0x2;
inline constexpr AccessMask label_no_execute_up = 0x4;
}  // namespace rights

enum class RightsTokenKind : std::uint8_t {
  single,     // one bit, emitted letter by letter in bit order (CC ... GR)
  composite,  // a whole mask emitted only on an exact match (FA FR FW FX KA KR KW)
  alias,      // accepted when parsing, never emitted (KX = KR)
  label,      // NW NR NX: emitted only for mandatory label ACEs
};

struct RightsToken {
  std::string_view letters;
  AccessMask mask;
  RightsTokenKind kind;
  std::string_view meaning;
};

// The table, in one place; `single` rows are in the order Windows emits them.
std::span<const RightsToken> sddl_rights_tokens() noexcept;

// Looks up a two-letter token, case-insensitively.
std::optional<RightsToken> find_rights_token(std::string_view letters) noexcept;

// Formats a mask as ConvertSecurityDescriptorToStringSecurityDescriptorW does: an exact composite
// (FA, KA, ...), else letters in bit order when every bit has one, else 0x-hex in lower case.
// `label_ace` selects NW/NR/NX for SYSTEM_MANDATORY_LABEL ACEs.
std::string format_sddl_rights(AccessMask mask, bool label_ace = false);

}  // namespace secdesc
