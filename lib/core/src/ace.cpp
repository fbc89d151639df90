#include "secdesc/ace.hpp"

#include <array>

#include "core/internal/code_rows.hpp"
#include "core/internal/text.hpp"

namespace secdesc {
namespace {

using T = AceType;
using A = AclKind;

// MS-DTYP 2.4.4.1 and MS Learn "ACE strings". ZA follows the SDK (0x0B), see the facts sheet 8.2.
// Columns: type, SDDL letters, object ACE, ACL, supported, callback (application data follows the
// SID: MS-DTYP 2.4.4.6-2.4.4.8 and 2.4.4.17).
// TL and FL (docs/sddl.md, "Process trust label and access filter ACEs", has the sources):
// SYSTEM_PROCESS_TRUST_LABEL_ACE is Header, Mask, SidStart (ntifs.h, MS Learn); Windows writes
// it in SACLs (e.g. \KnownDlls: S:(TL;;CCDCRC;;;S-1-19-512-8192)). SYSTEM_ACCESS_FILTER_ACE is
// Header, Mask, SidStart too, with a conditional expression after the SID, which SDDL writes as
// a 7th field like XA's.
constexpr std::array kAceTypes{
    AceTypeInfo{T::access_allowed, "A", false, A::dacl, true, false},
    AceTypeInfo{T::access_denied, "D", false, A::dacl, true, false},
    AceTypeInfo{T::system_audit, "AU", false, A::sacl, true, false},
    AceTypeInfo{T::system_alarm, "AL", false, A::sacl, true, false},
    AceTypeInfo{T::access_allowed_object, "OA", true, A::dacl, true, false},
    AceTypeInfo{T::access_denied_object, "OD", true, A::dacl, true, false},
    AceTypeInfo{T::system_audit_object, "OU", true, A::sacl, true, false},
    AceTypeInfo{T::system_alarm_object, "OL", true, A::sacl, true, false},
    AceTypeInfo{T::system_mandatory_label, "ML", false, A::sacl, true, false},
    AceTypeInfo{T::system_scoped_policy_id, "SP", false, A::sacl, true, false},
    AceTypeInfo{T::access_allowed_callback, "XA", false, A::dacl, true, true},
    AceTypeInfo{T::access_denied_callback, "XD", false, A::dacl, true, true},
    AceTypeInfo{T::access_allowed_callback_object, "ZA", true, A::dacl, true, true},
    AceTypeInfo{T::system_audit_callback, "XU", false, A::sacl, true, true},
    AceTypeInfo{T::system_resource_attribute, "RA", false, A::sacl, true, false},
    AceTypeInfo{T::system_process_trust_label, "TL", false, A::sacl, true, false},
    AceTypeInfo{T::system_access_filter, "FL", false, A::sacl, true, true},
    AceTypeInfo{T::access_allowed_compound, "", false, A::dacl, false, false},
    AceTypeInfo{T::access_denied_callback_object, "", true, A::dacl, false, true},
    AceTypeInfo{T::system_alarm_callback, "", false, A::sacl, false, true},
    AceTypeInfo{T::system_audit_callback_object, "", true, A::sacl, false, true},
    AceTypeInfo{T::system_alarm_callback_object, "", true, A::sacl, false, true},
};

constexpr std::array kAceFlags{
    AceFlagToken{"OI", ace_flags::object_inherit},
    AceFlagToken{"CI", ace_flags::container_inherit},
    AceFlagToken{"NP", ace_flags::no_propagate_inherit},
    AceFlagToken{"IO", ace_flags::inherit_only},
    AceFlagToken{"ID", ace_flags::inherited},
    AceFlagToken{"CR", ace_flags::critical},
    AceFlagToken{"SA", ace_flags::successful_access, AceFlagScope::not_access_filter},
    AceFlagToken{"FA", ace_flags::failed_access},
    // SDDL_TRUST_PROTECTED_FILTER "TP" (MS Learn "ACE Strings"; sddl.h as the Windows SDK
    // metadata publishes it): TRUST_PROTECTED_FILTER_ACE_FLAG, which shares SA's bit.
    AceFlagToken{"TP", ace_flags::trust_protected_filter, AceFlagScope::access_filter},
};

// Derived indexes: by SDDL letters and by type value, so that lookups are constant-time.
constexpr auto kAceTypeByCode =
    detail::make_code_index(kAceTypes, [](const AceTypeInfo& row) { return row.sddl; });
constexpr auto kAceTypeByValue = [] {
  std::array<std::uint8_t, 256> index{};
  for (auto& slot : index) slot = 0xFF;
  for (std::size_t row = 0; row < kAceTypes.size(); ++row)
    index[static_cast<std::uint8_t>(kAceTypes[row].type)] = static_cast<std::uint8_t>(row);
  return index;
}();

// The table's row for a type value, or null.
constexpr const AceTypeInfo* row_of(AceType type) noexcept {
  const std::uint8_t row = kAceTypeByValue[static_cast<std::uint8_t>(type)];
  return row == 0xFF ? nullptr : &kAceTypes[row];
}

}  // namespace

std::span<const AceTypeInfo> ace_type_table() noexcept { return kAceTypes; }
std::span<const AceFlagToken> ace_flag_tokens() noexcept { return kAceFlags; }

std::optional<AceTypeInfo> find_ace_type(AceType type) noexcept {
  if (const AceTypeInfo* row = row_of(type)) return *row;
  return std::nullopt;
}

std::optional<AceTypeInfo> find_ace_type(std::string_view sddl) noexcept {
  if (const AceTypeInfo* row = detail::find_by_code(kAceTypes, kAceTypeByCode, sddl)) return *row;
  return std::nullopt;
}

constinit const std::array<std::array<std::uint8_t, detail::kCodeKeys>, 2>
    detail::plain_ace_type_by_key = [] {
      std::array<std::array<std::uint8_t, detail::kCodeKeys>, 2> types{};
      for (auto& by_key : types)
        for (auto& type : by_key) type = 0xFF;
      for (std::size_t key = 0; key < detail::kCodeKeys; ++key) {
        const std::uint8_t row = kAceTypeByCode[key];
        if (row == 0xFF) continue;
        const AceTypeInfo& info = kAceTypes[row];
        if (info.supported && !info.object && !info.callback &&
            info.type != AceType::system_resource_attribute)
          types[static_cast<std::size_t>(info.acl)][key] = static_cast<std::uint8_t>(info.type);
      }
      return types;
    }();

// Ace::is_object and Ace::is_callback test bit sets written in ace.hpp: they must be the table's.
namespace {
constexpr std::uint32_t types_where(bool AceTypeInfo::*column) {
  std::uint32_t set = 0;
  for (const auto& row : kAceTypes)
    if (row.*column) set |= 1U << static_cast<std::uint8_t>(row.type);
  return set;
}
}  // namespace
static_assert(Ace::object_types == types_where(&AceTypeInfo::object));
static_assert(Ace::callback_types == types_where(&AceTypeInfo::callback));

std::size_t Ace::extended_binary_size() const noexcept {
  std::size_t size = 4 + 4 + sid.binary_size();
  if (is_object()) {
    size += 4;
    if (object_type) size += Guid::binary_size;
    if (inherited_object_type) size += Guid::binary_size;
  }
  // A condition or a claim is padded to a multiple of 4 bytes; other data is kept as it was.
  if (condition) return size + ((condition->binary_size() + 3) & ~std::size_t{3});
  if (resource_attribute) return size + ((resource_attribute->binary_size() + 3) & ~std::size_t{3});
  return size + application_data.size();
}

Ace make_allow(const Sid& sid, AccessMask mask, std::uint8_t flags) {
  Ace ace;
  ace.type = T::access_allowed;
  ace.flags = flags;
  ace.mask = mask;
  ace.sid = sid;
  return ace;
}
Ace make_deny(const Sid& sid, AccessMask mask, std::uint8_t flags) {
  Ace ace;
  ace.type = T::access_denied;
  ace.flags = flags;
  ace.mask = mask;
  ace.sid = sid;
  return ace;
}
Ace make_mandatory_label(const Sid& level, AccessMask policy) {
  Ace ace;
  ace.type = T::system_mandatory_label;
  ace.mask = policy;
  ace.sid = level;
  return ace;
}

}  // namespace secdesc
