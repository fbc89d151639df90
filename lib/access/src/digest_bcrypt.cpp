// SHA-1 and SHA-256 through Windows' BCrypt (the Windows build; no OpenSSL there).
#include "access/internal/digest.hpp"

#include <windows.h>
#include <bcrypt.h>

namespace secdesc::detail {
namespace {

template <std::size_t N>
std::optional<std::array<std::byte, N>> digest(LPCWSTR algorithm, std::span<const std::byte> data) {
  BCRYPT_ALG_HANDLE provider = nullptr;
  if (BCryptOpenAlgorithmProvider(&provider, algorithm, nullptr, 0) < 0) return std::nullopt;
  std::optional<std::array<std::byte, N>> result;
  BCRYPT_HASH_HANDLE hash = nullptr;
  if (BCryptCreateHash(provider, &hash, nullptr, 0, nullptr, 0, 0) >= 0) {
    std::array<std::byte, N> out{};
    // BCryptHashData takes a non-const pointer but does not write through it.
    auto* input = reinterpret_cast<PUCHAR>(const_cast<std::byte*>(data.data()));
    if (BCryptHashData(hash, input, static_cast<ULONG>(data.size()), 0) >= 0 &&
        BCryptFinishHash(hash, reinterpret_cast<PUCHAR>(out.data()), static_cast<ULONG>(N), 0) >= 0)
      result = out;
    BCryptDestroyHash(hash);
  }
  BCryptCloseAlgorithmProvider(provider, 0);
  return result;
}

}  // namespace

std::optional<Sha1Digest> sha1(std::span<const std::byte> data) {
  return digest<20>(BCRYPT_SHA1_ALGORITHM, data);
}

std::optional<Sha256Digest> sha256(std::span<const std::byte> data) {
  return digest<32>(BCRYPT_SHA256_ALGORITHM, data);
}

}  // namespace secdesc::detail
