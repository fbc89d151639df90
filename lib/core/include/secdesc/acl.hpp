// secdesc: access control lists.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "secdesc/ace.hpp"
#include "secdesc/error.hpp"

namespace secdesc {

struct Acl {
  static constexpr std::uint8_t revision_ds = 4;  // ACL_REVISION_DS: needed for object ACEs
  static constexpr std::uint8_t revision_default = 2;  // ACL_REVISION
  static constexpr std::size_t max_size = 0xFFFF;  // AclSize is a 16-bit field
  static constexpr std::size_t header_size = 8;

  std::uint8_t revision = revision_default;
  std::vector<Ace> aces;

  friend bool operator==(const Acl&, const Acl&) = default;

  // An ACL with the revision Windows' SDDL parser picks: 4 if any object ACE, else 2.
  static Acl with_aces(std::vector<Ace> aces);
  static std::uint8_t required_revision(const std::vector<Ace>& aces) noexcept;

  std::size_t binary_size() const noexcept;
  // Error limit_exceeded when the ACL would not fit in 65,535 bytes.
  Result<std::size_t> checked_binary_size() const;
};

}  // namespace secdesc
