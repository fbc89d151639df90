// secdesc: claims (security attributes): a name, a value type, flags and values. A resource
// attribute ACE (RA, SYSTEM_RESOURCE_ATTRIBUTE_ACE, MS-DTYP 2.4.4.15) carries one as
// CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 (MS-DTYP 2.4.10.1); a token's user and device claims use
// the same type, so conditional expressions compare like with like.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/error.hpp"
#include "secdesc/sid.hpp"

namespace secdesc {

// ValueType of CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 (MS-DTYP 2.4.10.1).
enum class ClaimType : std::uint16_t {
  int64 = 0x0001,
  uint64 = 0x0002,
  string = 0x0003,
  sid = 0x0005,
  boolean = 0x0006,
  octet_string = 0x0010,
};

struct ClaimTypeInfo {
  ClaimType type;
  std::string_view sddl;  // the RA ACE type letters: TI TU TS TD TB TX (MS-DTYP 2.5.1.1)
  std::string_view name;  // "int64", "uint64", "string", "sid", "boolean", "octet-string"
};

// The claim type table, in one place.
std::span<const ClaimTypeInfo> claim_type_table() noexcept;
std::optional<ClaimTypeInfo> find_claim_type(ClaimType type) noexcept;
std::optional<ClaimTypeInfo> find_claim_type_by_sddl(std::string_view letters) noexcept;  // any case
std::optional<ClaimTypeInfo> find_claim_type_by_name(std::string_view name) noexcept;     // any case

// Flags (MS-DTYP 2.4.10.1); the high 16 bits are for the application.
namespace claim_flags {
inline constexpr std::uint32_t non_inheritable = 0x0001;
inline constexpr std::uint32_t value_case_sensitive = 0x0002;
inline constexpr std::uint32_t use_for_deny_only = 0x0004;
inline constexpr std::uint32_t disabled_by_default = 0x0008;
inline constexpr std::uint32_t disabled = 0x0010;
inline constexpr std::uint32_t mandatory = 0x0020;
}  // namespace claim_flags

struct Claim {
  std::u16string name;  // UTF-16 as stored
  ClaimType type = ClaimType::int64;
  std::uint32_t flags = 0;
  // The values, in the vector of the claim's type (the others stay empty):
  std::vector<std::uint64_t> integers;          // int64 (2's complement), uint64, boolean
  std::vector<std::u16string> strings;          // string
  std::vector<Sid> sids;                        // sid
  std::vector<std::vector<std::byte>> octets;   // octet_string

  friend bool operator==(const Claim&, const Claim&) = default;

  std::size_t value_count() const noexcept;
  // True when to_sddl() writes text that parses back to this claim: no string value holds '"'
  // or an unpaired UTF-16 surrogate (no UTF-8 form) and every SID value has a string form (at least one sub-authority).
  bool has_sddl_form() const noexcept;
  std::string name_utf8() const;

  // CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 in Windows' layout: the header, the value offsets, the
  // name (NUL-terminated), then each value in order; no padding.
  std::size_t binary_size() const noexcept;
  void encode_to(std::vector<std::byte>& out) const;
  // Decodes one from `bytes` (offsets are relative to its start); `base` is added to error
  // offsets. Every offset and length is checked against `bytes`.
  static Result<Claim> decode(std::span<const std::byte> bytes, std::size_t base = 0);
};

// The RA ACE's 7th field, ("name",TU,0x0,1,2) (MS-DTYP 2.5.1.1), as Windows writes it: the name
// with characters outside the SDDL attribute set as %xxxx, flags in hex, values comma-separated.
std::string to_sddl(const Claim& claim, const SidContext& context = {});
// Parses that field; error offsets are into `text`.
Result<Claim> parse_resource_attribute(std::string_view text, const SidContext& context = {});

// A claim Windows refuses to put in a token (the KDC answers KDC_ERR_GENERIC, access_check.tsv):
// an empty name or duplicate values (strings compared case-insensitively unless the claim is
// case-sensitive). The access check's evaluator treats such a claim as an error (UNKNOWN).
std::optional<Error> validate_claim(const Claim& claim);

}  // namespace secdesc
