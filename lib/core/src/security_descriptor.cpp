#include "secdesc/security_descriptor.hpp"

#include <algorithm>

namespace secdesc {

namespace {
constexpr std::uint16_t kDerived =
    control::dacl_present | control::sacl_present | control::self_relative;
}

void SecurityDescriptor::set_null_dacl() {
  dacl_state_ = AclState::null;
  dacl_.reset();
}
void SecurityDescriptor::remove_dacl() {
  dacl_state_ = AclState::absent;
  dacl_.reset();
}
void SecurityDescriptor::set_null_sacl() {
  sacl_state_ = AclState::null;
  sacl_.reset();
}
void SecurityDescriptor::remove_sacl() {
  sacl_state_ = AclState::absent;
  sacl_.reset();
}

std::uint16_t SecurityDescriptor::control() const noexcept {
  std::uint16_t c = flags_;
  if (dacl_state_ != AclState::absent) c |= control::dacl_present;
  if (sacl_state_ != AclState::absent) c |= control::sacl_present;
  return c;
}

void SecurityDescriptor::set_control_flags(std::uint16_t bits) noexcept {
  flags_ = static_cast<std::uint16_t>(bits & ~kDerived);
}
void SecurityDescriptor::add_control_flags(std::uint16_t bits) noexcept {
  flags_ = static_cast<std::uint16_t>(flags_ | (bits & ~kDerived));
}

std::optional<MandatoryLabel> SecurityDescriptor::mandatory_label() const {
  if (!sacl_) return std::nullopt;
  for (const auto& ace : sacl_->aces)
    if (ace.type == AceType::system_mandatory_label)
      return MandatoryLabel{ace.sid, ace.mask, ace.flags};
  return std::nullopt;
}

void SecurityDescriptor::set_mandatory_label(const MandatoryLabel& label) {
  Acl acl = sacl_ ? *sacl_ : Acl{};
  std::erase_if(acl.aces, [](const Ace& a) { return a.type == AceType::system_mandatory_label; });
  Ace ace = make_mandatory_label(label.level, label.policy);
  ace.flags = label.ace_flags;
  acl.aces.insert(acl.aces.begin(), ace);
  acl.revision = std::max(acl.revision, Acl::required_revision(acl.aces));
  set_sacl(std::move(acl));
}

}  // namespace secdesc
