// secdesc: build descriptors from C++ with named principals and rights, the way policies do.
//
//   auto sd = secdesc::DescriptorBuilder(secdesc::ObjectType::section)
//                 .protect()
//                 .allow(secdesc::sids::local_system, secdesc::rights::generic_all)
//                 .allow(secdesc::sids::interactive, "read, write")
//                 .label(secdesc::sids::low_integrity, secdesc::rights::label_no_write_up)
//                 .build();
//
// Conditional entries are callback ACEs (XA, XD) that apply only when their condition holds:
//
//   builder.allow_if("IU", "write", "(Member_of {SID(BA)} || @Device.Managed == 1)");
//
// The policy loader is written on top of this class, so a policy and the equivalent builder
// calls always give the same descriptor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/access_mask.hpp"
#include "secdesc/claim.hpp"
#include "secdesc/conditional.hpp"
#include "secdesc/error.hpp"
#include "secdesc/object_type.hpp"
#include "secdesc/security_descriptor.hpp"
#include "secdesc/sid.hpp"

namespace secdesc {

class DescriptorBuilder {
 public:
  explicit DescriptorBuilder(ObjectType type, SidContext context = {});

  DescriptorBuilder& owner(const Sid& sid);
  DescriptorBuilder& group(const Sid& sid);
  // D:P — the DACL does not inherit from the parent (always right for a service's object).
  DescriptorBuilder& protect(bool on = true);
  // D:AI — the DACL was produced by automatic inheritance.
  DescriptorBuilder& auto_inherited(bool on = true);
  // ACE flags: only the inheritance flags OI CI NP IO, and only on container types (directory,
  // key); on any other type they mean nothing and build() fails.
  DescriptorBuilder& allow(const Sid& sid, AccessMask mask, std::uint8_t inherit_flags = 0);
  DescriptorBuilder& deny(const Sid& sid, AccessMask mask, std::uint8_t inherit_flags = 0);
  // Rights in words (see parse_rights) and principals by name (see resolve_principal: aliases,
  // SIDs, account names and the derived forms 'NT SERVICE\\Name', 'IIS APPPOOL\\Name',
  // "package:FamilyName", "capability:name"); a bad word or name makes build() fail with that
  // error, whose message suggests the closest known name.
  DescriptorBuilder& allow(std::string_view principal, std::string_view rights);
  DescriptorBuilder& deny(std::string_view principal, std::string_view rights);
  // Conditional entries (MS-DTYP 2.4.4.17): an XA ACE grants only when its condition is TRUE; an
  // XD ACE denies when its condition is TRUE or UNKNOWN (MS-DTYP 2.4.4.17.3). Conditional deny
  // entries are deny entries: they come before every allow. A condition that does not
  // validate() makes build() fail.
  DescriptorBuilder& allow_if(const Sid& sid, AccessMask mask, ConditionalExpression condition,
                              std::uint8_t inherit_flags = 0);
  DescriptorBuilder& deny_if(const Sid& sid, AccessMask mask, ConditionalExpression condition,
                             std::uint8_t inherit_flags = 0);
  // The same in words, the condition in SDDL form (parse_conditional_expression, with this
  // builder's SidContext); a bad principal, right or condition makes build() fail with its error.
  DescriptorBuilder& allow_if(std::string_view principal, std::string_view rights,
                              std::string_view condition);
  DescriptorBuilder& deny_if(std::string_view principal, std::string_view rights,
                             std::string_view condition);
  // A resource attribute: an RA ACE for Everyone in the SACL, after the label (MS-DTYP 2.4.4.15),
  // which @Resource.NAME in conditions reads. build() fails on a claim without a name or values
  // or with values twice (validate_claim), or on two attributes of the same name.
  DescriptorBuilder& resource_attribute(Claim claim);
  // The mandatory label: S-1-16-N and NW/NR/NX bits.
  DescriptorBuilder& label(const Sid& level, AccessMask policy = rights::label_no_write_up);

  // The descriptor: DACL in canonical order (every deny before every allow, each in the order
  // added), never any flag that was not asked for. Fails on the first recorded error, on
  // inheritance flags for a non-container type, on a label that is not S-1-16-N or has bits
  // other than NW NR NX, and on an ACL over 65,535 bytes.
  Result<SecurityDescriptor> build() const;

  ObjectType object_type() const noexcept { return type_; }

 private:
  struct Entry {
    bool allow;
    Sid sid;
    AccessMask mask;
    std::uint8_t flags;
    std::optional<ConditionalExpression> condition;  // set: XA / XD
  };
  DescriptorBuilder& add_words(bool allow, std::string_view principal, std::string_view rights,
                               std::optional<std::string_view> condition);
  ObjectType type_;
  SidContext context_;
  std::optional<Sid> owner_, group_;
  bool protected_ = false;
  bool auto_inherited_ = false;
  std::vector<Entry> entries_;
  std::vector<Claim> resource_attributes_;
  std::optional<std::pair<Sid, AccessMask>> label_;
  std::optional<Error> error_;
};

}  // namespace secdesc
