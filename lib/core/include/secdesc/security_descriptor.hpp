// secdesc: security descriptors (owner, group, DACL, SACL, control flags).
#pragma once

#include <cstdint>
#include <optional>
#include <utility>

#include "secdesc/acl.hpp"
#include "secdesc/sid.hpp"

namespace secdesc {

// SECURITY_DESCRIPTOR_CONTROL bits (MS-DTYP 2.4.6).
namespace control {
inline constexpr std::uint16_t owner_defaulted = 0x0001;
inline constexpr std::uint16_t group_defaulted = 0x0002;
inline constexpr std::uint16_t dacl_present = 0x0004;
inline constexpr std::uint16_t dacl_defaulted = 0x0008;
inline constexpr std::uint16_t sacl_present = 0x0010;
inline constexpr std::uint16_t sacl_defaulted = 0x0020;
inline constexpr std::uint16_t dacl_trusted = 0x0040;
inline constexpr std::uint16_t server_security = 0x0080;
inline constexpr std::uint16_t dacl_auto_inherit_req = 0x0100;
inline constexpr std::uint16_t sacl_auto_inherit_req = 0x0200;
inline constexpr std::uint16_t dacl_auto_inherited = 0x0400;
inline constexpr std::uint16_t sacl_auto_inherited = 0x0800;
inline constexpr std::uint16_t dacl_protected = 0x1000;
inline constexpr std::uint16_t sacl_protected = 0x2000;
inline constexpr std::uint16_t rm_control_valid = 0x4000;
inline constexpr std::uint16_t self_relative = 0x8000;
}  // namespace control

// A DACL or SACL is absent (no D:/S:), null (present without an ACL: D:NO_ACCESS_CONTROL, everyone
// gets everything), or present (an ACL, possibly empty: D: grants nothing).
enum class AclState : std::uint8_t { absent, null, present };

// The first mandatory label ACE of a SACL, decoded.
struct MandatoryLabel {
  Sid level;                  // S-1-16-x
  AccessMask policy = 0;      // NW NR NX bits
  std::uint8_t ace_flags = 0;
  friend bool operator==(const MandatoryLabel&, const MandatoryLabel&) = default;
};

namespace detail {
class DescriptorReuse;  // parse_sddl_into's in-place reuse of a descriptor's ACL storage (sddl.cpp)
}  // namespace detail

class SecurityDescriptor {
 public:
  SecurityDescriptor() = default;

  const std::optional<Sid>& owner() const noexcept { return owner_; }
  const std::optional<Sid>& group() const noexcept { return group_; }
  void set_owner(std::optional<Sid> sid) { owner_ = std::move(sid); }
  void set_group(std::optional<Sid> sid) { group_ = std::move(sid); }

  AclState dacl_state() const noexcept { return dacl_state_; }
  AclState sacl_state() const noexcept { return sacl_state_; }
  // The ACL when the state is `present`; nullopt when absent or null.
  const std::optional<Acl>& dacl() const noexcept { return dacl_; }
  const std::optional<Acl>& sacl() const noexcept { return sacl_; }
  void set_dacl(const Acl& acl) { set_acl(dacl_, dacl_state_, Acl(acl)); }
  void set_dacl(Acl&& acl) { set_acl(dacl_, dacl_state_, std::move(acl)); }
  void set_null_dacl();
  // Moves the ACL out and leaves the DACL absent: for reusing its storage (parse_sddl_into).
  std::optional<Acl> take_dacl() noexcept { return take_acl(dacl_, dacl_state_); }
  void remove_dacl();
  void set_sacl(const Acl& acl) { set_acl(sacl_, sacl_state_, Acl(acl)); }
  void set_sacl(Acl&& acl) { set_acl(sacl_, sacl_state_, std::move(acl)); }
  void set_null_sacl();
  std::optional<Acl> take_sacl() noexcept { return take_acl(sacl_, sacl_state_); }
  void remove_sacl();

  // The control word as Windows stores it in a self-relative descriptor, minus SE_SELF_RELATIVE.
  // The PRESENT bits follow the ACL states; the others are kept as set.
  std::uint16_t control() const noexcept;
  // Sets the bits that are not derived (P, AI, AR, defaulted, RM valid, ...). PRESENT and
  // SELF_RELATIVE bits in `bits` are ignored.
  void set_control_flags(std::uint16_t bits) noexcept;
  void add_control_flags(std::uint16_t bits) noexcept;

  bool dacl_protected() const noexcept { return (flags_ & control::dacl_protected) != 0; }

  // The mandatory label: the first ML ACE of the SACL (Windows honours only the first).
  std::optional<MandatoryLabel> mandatory_label() const;
  // Replaces every ML ACE of the SACL with one label ACE at the front (creating the SACL).
  void set_mandatory_label(const MandatoryLabel& label);

  friend bool operator==(const SecurityDescriptor&, const SecurityDescriptor&) = default;

 private:
  friend class detail::DescriptorReuse;

  // Inline, so that a parser moving an ACL in leaves nothing behind to destroy out of line.
  static void set_acl(std::optional<Acl>& slot, AclState& state, Acl&& acl) {
    state = AclState::present;
    slot = std::move(acl);
  }

  static std::optional<Acl> take_acl(std::optional<Acl>& slot, AclState& state) noexcept {
    state = AclState::absent;
    return std::exchange(slot, std::nullopt);
  }

  std::optional<Sid> owner_;
  std::optional<Sid> group_;
  AclState dacl_state_ = AclState::absent;
  AclState sacl_state_ = AclState::absent;
  std::optional<Acl> dacl_;
  std::optional<Acl> sacl_;
  std::uint16_t flags_ = 0;
};

}  // namespace secdesc
