// secdesc: access control entries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "secdesc/access_mask.hpp"
#include "secdesc/claim.hpp"
#include "secdesc/conditional.hpp"
#include "secdesc/guid.hpp"
#include "secdesc/optional_box.hpp"
#include "secdesc/sid.hpp"

namespace secdesc {

// AceType values from MS-DTYP 2.4.4.1.
enum class AceType : std::uint8_t {
  access_allowed = 0x00,
  access_denied = 0x01,
  system_audit = 0x02,
  system_alarm = 0x03,
  access_allowed_compound = 0x04,
  access_allowed_object = 0x05,
  access_denied_object = 0x06,
  system_audit_object = 0x07,
  system_alarm_object = 0x08,
  access_allowed_callback = 0x09,
  access_denied_callback = 0x0A,
  access_allowed_callback_object = 0x0B,
  access_denied_callback_object = 0x0C,
  system_audit_callback = 0x0D,
  system_alarm_callback = 0x0E,
  system_audit_callback_object = 0x0F,
  system_alarm_callback_object = 0x10,
  system_mandatory_label = 0x11,
  system_resource_attribute = 0x12,
  system_scoped_policy_id = 0x13,
  system_process_trust_label = 0x14,  // SYSTEM_PROCESS_TRUST_LABEL_ACE_TYPE ("TL")
  system_access_filter = 0x15,        // SYSTEM_ACCESS_FILTER_ACE_TYPE ("FL")
};

// AceFlags bits (MS-DTYP 2.4.4.1).
namespace ace_flags {
inline constexpr std::uint8_t object_inherit = 0x01;
inline constexpr std::uint8_t container_inherit = 0x02;
inline constexpr std::uint8_t no_propagate_inherit = 0x04;
inline constexpr std::uint8_t inherit_only = 0x08;
inline constexpr std::uint8_t inherited = 0x10;
inline constexpr std::uint8_t critical = 0x20;
inline constexpr std::uint8_t successful_access = 0x40;
inline constexpr std::uint8_t failed_access = 0x80;
// TRUST_PROTECTED_FILTER_ACE_FLAG: the same bit as successful_access, meaningful on access filter
// (FL) ACEs only (ntifs.h/winnt.h: the ACE "may not be deleted/modified except when the current
// Trust Level dominates the one specified in the Ace SID"). SDDL names it "TP"
// (SDDL_TRUST_PROTECTED_FILTER, MS Learn "ACE Strings").
inline constexpr std::uint8_t trust_protected_filter = 0x40;
inline constexpr std::uint8_t inheritance_flags = 0x0F;  // OI CI NP IO
}  // namespace ace_flags

// Which ACL an ACE type may appear in.
enum class AclKind : std::uint8_t { dacl, sacl };

struct AceTypeInfo {
  AceType type;
  std::string_view sddl;  // "A", "OA", ...; empty when SDDL has no string for it
  bool object;            // carries the object-type GUID fields
  AclKind acl;
  bool supported;         // false: types secdesc cannot read or write (no SDDL form)
  bool callback;          // carries application data after the SID (a conditional expression):
                          // the callback types and FL
};

// The ACE type table, in one place.
std::span<const AceTypeInfo> ace_type_table() noexcept;
std::optional<AceTypeInfo> find_ace_type(AceType type) noexcept;
std::optional<AceTypeInfo> find_ace_type(std::string_view sddl) noexcept;  // case-insensitive

// Bit 0x40 has two SDDL names: SA on audit ACEs, TP on access filter (FL) ACEs. Parsers accept
// either name on any ACE (both set the bit); emitters write the one for the ACE's type.
enum class AceFlagScope : std::uint8_t { any, not_access_filter, access_filter };

struct AceFlagToken {
  std::string_view letters;
  std::uint8_t flag;
  AceFlagScope scope = AceFlagScope::any;
};
// OI CI NP IO ID CR SA FA: in the order Windows emits them; then TP (SA's bit on FL ACEs),
// whose place in Windows' output no source shows.
std::span<const AceFlagToken> ace_flag_tokens() noexcept;

// True when an emitter writes token `t` for an ACE of type `type` whose flags hold t.flag: SA for
// 0x40 on every ACE but FL, TP for 0x40 on FL.
constexpr bool writes_flag_token(const AceFlagToken& t, AceType type) noexcept {
  const bool filter = type == AceType::system_access_filter;
  switch (t.scope) {
    case AceFlagScope::not_access_filter: return !filter;
    case AceFlagScope::access_filter: return filter;
    case AceFlagScope::any: break;
  }
  return true;
}

// Flags of the object-ACE "Flags" field.
namespace object_ace_flags {
inline constexpr std::uint32_t object_type_present = 0x1;
inline constexpr std::uint32_t inherited_object_type_present = 0x2;
}  // namespace object_ace_flags

struct Ace {
  AceType type = AceType::access_allowed;
  std::uint8_t flags = 0;
  AccessMask mask = 0;
  Sid sid;
  std::optional<Guid> object_type;            // object ACEs only
  std::optional<Guid> inherited_object_type;  // object ACEs only
  // What follows the SID (at most one of the three). The condition and the claim are boxed
  // (OptionalBox: std::optional's interface, held on the heap) so that the ACEs that have
  // neither, most of them, stay small.
  // callback ACEs (XA XD XU ZA) and access filter ACEs (FL) whose application data is a
  // conditional expression ("artx");
  OptionalBox<ConditionalExpression> condition;
  // the claim of a resource attribute ACE (RA);
  OptionalBox<Claim> resource_attribute;
  // callback ACEs whose application data is something else, kept as bytes (no SDDL form).
  std::vector<std::byte> application_data;

  friend bool operator==(const Ace&, const Ace&) = default;

  // Object ACEs (OA OD OU OL ZA and the object callback types without SDDL). Inline, as a bit
  // set over the type values: the encoder and the access check ask for every ACE. lib/src/ace.cpp
  // checks at compile time that both sets equal the ACE type table's columns.
  static constexpr std::uint32_t object_types = 0x199E0;    // 0x05-0x08, 0x0B, 0x0C, 0x0F, 0x10
  // 0x09-0x10 and FL (0x15): application data follows the SID.
  static constexpr std::uint32_t callback_types = 0x21FE00;
  constexpr bool is_object() const noexcept { return has_type_in(object_types); }
  // A, OA (and the callback forms). Inline: the access check asks it for every ACE.
  constexpr bool is_allow() const noexcept {
    return type == AceType::access_allowed || type == AceType::access_allowed_object ||
           type == AceType::access_allowed_callback ||
           type == AceType::access_allowed_callback_object;
  }
  // D, OD (and the callback forms).
  constexpr bool is_deny() const noexcept {
    return type == AceType::access_denied || type == AceType::access_denied_object ||
           type == AceType::access_denied_callback ||
           type == AceType::access_denied_callback_object;
  }
  bool inherit_only() const noexcept { return (flags & ace_flags::inherit_only) != 0; }
  bool inherited() const noexcept { return (flags & ace_flags::inherited) != 0; }
  // XA XD XU ZA, the callback types without SDDL, and FL (its condition follows the SID too).
  constexpr bool is_callback() const noexcept { return has_type_in(callback_types); }
  // Encoded size in bytes: header, mask, object fields, SID, then the condition or resource
  // attribute padded to a multiple of 4 bytes (as Windows writes them), or the other
  // application data as it is.
  std::size_t binary_size() const noexcept {
    return is_plain() ? 8 + sid.binary_size() : extended_binary_size();
  }
  // Header, mask and SID, nothing else (no object fields, condition, claim or other data): what
  // most ACEs are. The encoder writes these on a short path.
  bool is_plain() const noexcept {
    return !is_object() && !condition && !resource_attribute && application_data.empty();
  }

 private:
  std::size_t extended_binary_size() const noexcept;
  constexpr bool has_type_in(std::uint32_t set) const noexcept {
    const auto value = static_cast<std::uint8_t>(type);
    return value < 32 && ((set >> value) & 1U) != 0;
  }
};

// Factories for the common cases.
Ace make_allow(const Sid& sid, AccessMask mask, std::uint8_t flags = 0);
Ace make_deny(const Sid& sid, AccessMask mask, std::uint8_t flags = 0);
Ace make_mandatory_label(const Sid& level, AccessMask policy);

}  // namespace secdesc
