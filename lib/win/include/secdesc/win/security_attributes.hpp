// secdesc::win: a SECURITY_ATTRIBUTES that owns its self-relative security descriptor.
//
//   secdesc::win::SecurityAttributes sa(my_policy::service_section::descriptor);
//   HANDLE h = CreateFileMappingW(INVALID_HANDLE_VALUE, sa.get(), PAGE_READWRITE, 0, size, name);
//
// No LocalFree to remember: the bytes live as long as the object.
#pragma once

#include <windows.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "secdesc/error.hpp"
#include "secdesc/security_descriptor.hpp"

namespace secdesc::win {

class SecurityAttributes {
 public:
  // From the `descriptor` array of a compiled policy header (bytes secdesc wrote at build time).
  // Throws std::invalid_argument when they are not a valid self-relative descriptor: a broken
  // build artefact is a programming error, not input to diagnose.
  explicit SecurityAttributes(std::span<const std::uint8_t> compiled_descriptor);

  // Bytes from elsewhere (a file, the network, another process): checked with
  // decode_self_relative and Windows' IsValidSecurityDescriptor; kept exactly as given.
  static Result<SecurityAttributes> from_bytes(std::span<const std::byte> self_relative);
  // A descriptor built in code: encoded with encode_self_relative (Windows' layout).
  static Result<SecurityAttributes> from_descriptor(const SecurityDescriptor& descriptor);

  // Copyable, and a "move" is a copy: there is no empty state. A moved-from object that handed
  // out a NULL lpSecurityDescriptor would give the object Windows' default security without any
  // error, the one failure this type exists to prevent. Descriptors are at most a few KB.
  SecurityAttributes(const SecurityAttributes& other);
  SecurityAttributes& operator=(const SecurityAttributes& other);
  ~SecurityAttributes() = default;

  // For CreateFileMappingW, CreateEventW, CreateNamedPipeW, ... Win32 takes these as non-const
  // pointers but never writes through them, so a const object can hand them out.
  SECURITY_ATTRIBUTES* get() const noexcept { return &attributes_; }
  PSECURITY_DESCRIPTOR native_descriptor() const noexcept { return attributes_.lpSecurityDescriptor; }

  // bInheritHandle: false unless asked (a handle leaking into child processes is a choice).
  bool inherit_handle() const noexcept { return attributes_.bInheritHandle != FALSE; }
  void set_inherit_handle(bool inherit) noexcept { attributes_.bInheritHandle = inherit ? TRUE : FALSE; }

  // The self-relative bytes and their decoded value (what a service compares read-back against).
  std::span<const std::byte> bytes() const noexcept;
  const SecurityDescriptor& descriptor() const noexcept { return descriptor_; }

 private:
  // Storage units as aligned as SECURITY_DESCRIPTOR: Windows reads the header through that type.
  struct alignas(alignof(SECURITY_DESCRIPTOR)) Unit {
    std::byte bytes[alignof(SECURITY_DESCRIPTOR)];
  };

  SecurityAttributes(std::span<const std::byte> validated, SecurityDescriptor decoded);
  void bind() noexcept;

  std::vector<Unit> storage_;
  std::size_t size_ = 0;
  SecurityDescriptor descriptor_;
  mutable SECURITY_ATTRIBUTES attributes_{};
};

}  // namespace secdesc::win
