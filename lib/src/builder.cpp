#include "secdesc/builder.hpp"

#include <fmt/format.h>

#include "secdesc/rights_text.hpp"

namespace secdesc {

DescriptorBuilder::DescriptorBuilder(ObjectType type, SidContext context)
    : type_(type), context_(std::move(context)) {}

DescriptorBuilder& DescriptorBuilder::owner(const Sid& sid) {
  owner_ = sid;
  return *this;
}
DescriptorBuilder& DescriptorBuilder::group(const Sid& sid) {
  group_ = sid;
  return *this;
}
DescriptorBuilder& DescriptorBuilder::protect(bool on) {
  protected_ = on;
  return *this;
}
DescriptorBuilder& DescriptorBuilder::auto_inherited(bool on) {
  auto_inherited_ = on;
  return *this;
}
DescriptorBuilder& DescriptorBuilder::allow(const Sid& sid, AccessMask mask, std::uint8_t flags) {
  entries_.push_back(Entry{true, sid, mask, flags});
  return *this;
}
DescriptorBuilder& DescriptorBuilder::deny(const Sid& sid, AccessMask mask, std::uint8_t flags) {
  entries_.push_back(Entry{false, sid, mask, flags});
  return *this;
}

DescriptorBuilder& DescriptorBuilder::allow(std::string_view principal, std::string_view rights) {
  auto sid = parse_principal(principal, context_);
  auto mask = parse_rights(rights, type_);
  if (!sid && !error_) error_ = sid.error();
  if (!mask && !error_) error_ = mask.error();
  if (sid && mask) allow(*sid, *mask);
  return *this;
}
DescriptorBuilder& DescriptorBuilder::deny(std::string_view principal, std::string_view rights) {
  auto sid = parse_principal(principal, context_);
  auto mask = parse_rights(rights, type_);
  if (!sid && !error_) error_ = sid.error();
  if (!mask && !error_) error_ = mask.error();
  if (sid && mask) deny(*sid, *mask);
  return *this;
}

DescriptorBuilder& DescriptorBuilder::label(const Sid& level, AccessMask policy) {
  label_ = std::make_pair(level, policy);
  return *this;
}

Result<SecurityDescriptor> DescriptorBuilder::build() const {
  if (error_) return *error_;
  const auto& info = object_type_info(type_);
  std::vector<Ace> aces;
  for (bool want_allow : {false, true}) {
    for (const auto& e : entries_) {
      if (e.allow != want_allow) continue;
      if (e.flags & ~ace_flags::inheritance_flags)
        return make_error(ErrorCode::invalid_argument, Error::no_offset,
                          fmt::format("ACE flags 0x{:02x} for {}: only the inheritance flags OI CI "
                                      "NP IO can be set on a DACL entry",
                                      e.flags, e.sid.to_string()));
      if (e.flags && !info.container)
        return make_error(ErrorCode::invalid_argument, Error::no_offset,
                          fmt::format("inheritance flags mean nothing on a {}: only directories "
                                      "and registry keys have children that inherit",
                                      info.name));
      aces.push_back(e.allow ? make_allow(e.sid, e.mask, e.flags) : make_deny(e.sid, e.mask, e.flags));
    }
  }
  SecurityDescriptor sd;
  if (owner_) sd.set_owner(*owner_);
  if (group_) sd.set_group(*group_);
  Acl dacl = Acl::with_aces(std::move(aces));
  if (auto size = dacl.checked_binary_size(); !size) return std::move(size).error();
  sd.set_dacl(std::move(dacl));
  std::uint16_t flags = 0;
  if (protected_) flags |= control::dacl_protected;
  if (auto_inherited_) flags |= control::dacl_auto_inherited;
  sd.set_control_flags(flags);
  if (label_) {
    const auto& [level, policy] = *label_;
    if (!is_integrity_sid(level))
      return make_error(ErrorCode::invalid_argument, Error::no_offset,
                        fmt::format("'{}' is not an integrity level (S-1-16-N)", level.to_string()));
    constexpr AccessMask valid = rights::label_no_write_up | rights::label_no_read_up |
                                 rights::label_no_execute_up;
    if (policy & ~valid)
      return make_error(ErrorCode::invalid_argument, Error::no_offset,
                        fmt::format("label policy 0x{:x} has bits other than no-write-up, "
                                    "no-read-up and no-execute-up",
                                    policy));
    sd.set_mandatory_label(MandatoryLabel{level, policy, 0});
  }
  return sd;
}

}  // namespace secdesc
