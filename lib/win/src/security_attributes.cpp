#include "secdesc/win/security_attributes.hpp"

#include <cstring>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "secdesc/binary.hpp"

namespace secdesc::win {
namespace {

// Our decoder and Windows' own validator must both accept the bytes: the first gives positioned
// errors, the second catches anything Windows rejects that the decoder is lenient about.
Result<SecurityDescriptor> validate(std::span<const std::byte> bytes) {
  auto decoded = decode_self_relative(bytes);
  if (!decoded) return decoded;
  // IsValidSecurityDescriptor reads through the pointer: give it an aligned copy.
  std::vector<std::uint64_t> aligned((bytes.size() + 7) / 8);
  std::memcpy(aligned.data(), bytes.data(), bytes.size());
  if (!IsValidSecurityDescriptor(aligned.data()))
    return make_error(ErrorCode::malformed_binary, Error::no_offset,
                      "Windows' IsValidSecurityDescriptor rejects the descriptor");
  return decoded;
}

// For the constructor from a compiled header: a bad build artefact throws.
SecurityDescriptor decode_compiled(std::span<const std::byte> bytes) {
  auto decoded = validate(bytes);
  if (!decoded) {
    const Error& e = decoded.error();
    throw std::invalid_argument(fmt::format(
        "secdesc::win::SecurityAttributes: the compiled descriptor is not valid{}: {}",
        e.has_offset() ? fmt::format(" at byte {}", e.offset) : std::string(), e.message));
  }
  return std::move(*decoded);
}

}  // namespace

SecurityAttributes::SecurityAttributes(std::span<const std::byte> validated,
                                       SecurityDescriptor decoded)
    : storage_((validated.size() + sizeof(Unit) - 1) / sizeof(Unit)),
      size_(validated.size()),
      descriptor_(std::move(decoded)) {
  std::memcpy(storage_.data(), validated.data(), validated.size());
  bind();
}

SecurityAttributes::SecurityAttributes(std::span<const std::uint8_t> compiled_descriptor)
    : SecurityAttributes(std::as_bytes(compiled_descriptor),
                         decode_compiled(std::as_bytes(compiled_descriptor))) {}

Result<SecurityAttributes> SecurityAttributes::from_bytes(std::span<const std::byte> self_relative) {
  SECDESC_TRY(SecurityDescriptor decoded, validate(self_relative));
  return SecurityAttributes(self_relative, std::move(decoded));
}

Result<SecurityAttributes> SecurityAttributes::from_descriptor(const SecurityDescriptor& descriptor) {
  SECDESC_TRY(const std::vector<std::byte> bytes, encode_self_relative(descriptor));
  // Decode what was encoded, so descriptor() is exactly what the bytes say.
  SECDESC_TRY(SecurityDescriptor decoded, validate(bytes));
  return SecurityAttributes(bytes, std::move(decoded));
}

SecurityAttributes::SecurityAttributes(const SecurityAttributes& other)
    : storage_(other.storage_), size_(other.size_), descriptor_(other.descriptor_) {
  bind();
  attributes_.bInheritHandle = other.attributes_.bInheritHandle;
}

SecurityAttributes& SecurityAttributes::operator=(const SecurityAttributes& other) {
  if (this != &other) {
    storage_ = other.storage_;
    size_ = other.size_;
    descriptor_ = other.descriptor_;
    bind();
    attributes_.bInheritHandle = other.attributes_.bInheritHandle;
  }
  return *this;
}

std::span<const std::byte> SecurityAttributes::bytes() const noexcept {
  return {reinterpret_cast<const std::byte*>(storage_.data()), size_};
}

void SecurityAttributes::bind() noexcept {
  attributes_.nLength = sizeof(SECURITY_ATTRIBUTES);
  attributes_.lpSecurityDescriptor = storage_.data();
}

}  // namespace secdesc::win
