// secdesc: the self-relative binary security descriptor (MS-DTYP 2.4.6).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/error.hpp"
#include "secdesc/security_descriptor.hpp"

namespace secdesc {

// Encodes in Windows' (advapi32) layout: header, SACL, DACL, owner, group. Errors when an ACL
// exceeds 65,535 bytes.
Result<std::vector<std::byte>> encode_self_relative(const SecurityDescriptor& sd);
// The same into `out`, which is resized to the descriptor's size and keeps its capacity: a loop
// that encodes many descriptors into one vector stops allocating once it is large enough
// (`sddlc convert -` does this). On error `out` is left empty and the error is returned.
std::optional<Error> encode_self_relative_into(const SecurityDescriptor& sd,
                                               std::vector<std::byte>& out);

// Decodes any valid self-relative descriptor: parts in any order, padded ACEs, ACLs larger than
// their ACEs. Every offset and length is checked; errors name the byte offset.
Result<SecurityDescriptor> decode_self_relative(std::span<const std::byte> bytes);
// The same for bytes held as std::uint8_t, such as a compiled policy's `descriptor` array
// (sddlc compile --emit cpp): decode_self_relative(svc_acl::NAME::descriptor).
inline Result<SecurityDescriptor> decode_self_relative(std::span<const std::uint8_t> bytes) {
  return decode_self_relative(std::as_bytes(bytes));
}

// Hex helpers for tools and tests: lower-case hex out; hex in (either case, no separators).
std::string to_hex(std::span<const std::byte> bytes);
Result<std::vector<std::byte>> from_hex(std::string_view hex);
// Hex text (from_hex's form) decoded as a self-relative descriptor. Error offsets count hex
// digits (twice the byte offset), so they point into the text the user typed.
Result<SecurityDescriptor> decode_self_relative_hex(std::string_view hex);

}  // namespace secdesc
