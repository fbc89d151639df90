// Internal: the two hashes Windows derives SIDs from, computed by the platform's library
// (OpenSSL's libcrypto on Linux, BCrypt on Windows), never by code of ours.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>

namespace secdesc::detail {

using Sha1Digest = std::array<std::byte, 20>;
using Sha256Digest = std::array<std::byte, 32>;

// nullopt only when the platform's library fails (it does not for in-memory input).
std::optional<Sha1Digest> sha1(std::span<const std::byte> data);
std::optional<Sha256Digest> sha256(std::span<const std::byte> data);

}  // namespace secdesc::detail
