#include "secdesc/builder.hpp"

#include <fmt/format.h>

#include "secdesc/condition_eval.hpp"
#include "secdesc/principal_names.hpp"
#include "secdesc/rights_text.hpp"
#include "core/internal/unicode_case.hpp"

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
  entries_.push_back(Entry{true, sid, mask, flags, std::nullopt});
  return *this;
}
DescriptorBuilder& DescriptorBuilder::deny(const Sid& sid, AccessMask mask, std::uint8_t flags) {
  entries_.push_back(Entry{false, sid, mask, flags, std::nullopt});
  return *this;
}
DescriptorBuilder& DescriptorBuilder::allow_if(const Sid& sid, AccessMask mask,
                                               ConditionalExpression condition, std::uint8_t flags) {
  entries_.push_back(Entry{true, sid, mask, flags, std::move(condition)});
  return *this;
}
DescriptorBuilder& DescriptorBuilder::deny_if(const Sid& sid, AccessMask mask,
                                              ConditionalExpression condition, std::uint8_t flags) {
  entries_.push_back(Entry{false, sid, mask, flags, std::move(condition)});
  return *this;
}

DescriptorBuilder& DescriptorBuilder::add_words(bool allow, std::string_view principal,
                                                std::string_view rights,
                                                std::optional<std::string_view> condition_text) {
  auto sid = resolve_principal(principal, context_);
  auto mask = parse_rights(rights, type_);
  std::optional<ConditionalExpression> condition;
  if (!sid && !error_) error_ = sid.error();
  if (!mask && !error_) error_ = mask.error();
  if (condition_text) {
    auto parsed = parse_conditional_expression(*condition_text, context_);
    if (parsed)
      condition = std::move(*parsed);
    else if (!error_)
      error_ = parsed.error();
    if (!parsed) return *this;
  }
  if (sid && mask) entries_.push_back(Entry{allow, *sid, *mask, 0, std::move(condition)});
  return *this;
}

DescriptorBuilder& DescriptorBuilder::allow(std::string_view principal, std::string_view rights) {
  return add_words(true, principal, rights, std::nullopt);
}
DescriptorBuilder& DescriptorBuilder::deny(std::string_view principal, std::string_view rights) {
  return add_words(false, principal, rights, std::nullopt);
}
DescriptorBuilder& DescriptorBuilder::allow_if(std::string_view principal, std::string_view rights,
                                               std::string_view condition) {
  return add_words(true, principal, rights, condition);
}
DescriptorBuilder& DescriptorBuilder::deny_if(std::string_view principal, std::string_view rights,
                                              std::string_view condition) {
  return add_words(false, principal, rights, condition);
}

DescriptorBuilder& DescriptorBuilder::resource_attribute(Claim claim) {
  resource_attributes_.push_back(std::move(claim));
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
      Ace ace = e.allow ? make_allow(e.sid, e.mask, e.flags) : make_deny(e.sid, e.mask, e.flags);
      if (e.condition) {
        if (auto bad = e.condition->validate())
          return make_error(bad->code, Error::no_offset,
                            fmt::format("condition of the {} entry for {}: {}",
                                        e.allow ? "allow" : "deny", e.sid.to_string(),
                                        bad->message));
        ace.type = e.allow ? AceType::access_allowed_callback : AceType::access_denied_callback;
        ace.condition = *e.condition;
      }
      aces.push_back(std::move(ace));
    }
  }
  SecurityDescriptor sd;
  if (owner_) sd.set_owner(*owner_);
  if (group_) sd.set_group(*group_);
  Acl dacl = Acl::with_aces(std::move(aces));
  // An ACL's size is a 16-bit field: the only limit a DACL of valid ACEs can still break.
  SECDESC_TRY([[maybe_unused]] const auto dacl_size, dacl.checked_binary_size());
  sd.set_dacl(std::move(dacl));
  std::uint16_t flags = 0;
  if (protected_) flags |= control::dacl_protected;
  if (auto_inherited_) flags |= control::dacl_auto_inherited;
  sd.set_control_flags(flags);
  if (!resource_attributes_.empty()) {
    std::vector<Ace> sacl;
    for (std::size_t i = 0; i < resource_attributes_.size(); ++i) {
      const Claim& claim = resource_attributes_[i];
      if (auto bad = validate_claim(claim))
        return make_error(ErrorCode::invalid_argument, Error::no_offset,
                          fmt::format("resource attribute '{}': {}", claim.name_utf8(),
                                      bad->message));
      if (claim.value_count() == 0)
        return make_error(ErrorCode::invalid_argument, Error::no_offset,
                          fmt::format("resource attribute '{}' has no value: a condition reading "
                                      "it would be UNKNOWN",
                                      claim.name_utf8()));
      for (std::size_t k = 0; k < i; ++k)
        if (detail::compare_utf16(resource_attributes_[k].name, claim.name, false) == 0)
          return make_error(ErrorCode::invalid_argument, Error::no_offset,
                            fmt::format("resource attribute '{}' is given twice (names compare "
                                        "case-insensitively; only the first would count)",
                                        claim.name_utf8()));
      // MS-DTYP 2.4.4.15: the SID of a SYSTEM_RESOURCE_ATTRIBUTE_ACE is Everyone; no access mask.
      Ace ace;
      ace.type = AceType::system_resource_attribute;
      ace.sid = sids::everyone;
      ace.resource_attribute = claim;
      sacl.push_back(std::move(ace));
    }
    Acl acl = Acl::with_aces(std::move(sacl));
    SECDESC_TRY([[maybe_unused]] const auto sacl_size, acl.checked_binary_size());
    sd.set_sacl(std::move(acl));
  }
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
