// SHA-1 and SHA-256 through OpenSSL's libcrypto (EVP one-shot digests).
#include "access/internal/digest.hpp"

#include <openssl/evp.h>

namespace secdesc::detail {
namespace {

template <std::size_t N>
std::optional<std::array<std::byte, N>> digest(const EVP_MD* md, std::span<const std::byte> data) {
  std::array<std::byte, N> out{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &length,
                 md, nullptr) != 1 ||
      length != N)
    return std::nullopt;
  return out;
}

}  // namespace

std::optional<Sha1Digest> sha1(std::span<const std::byte> data) {
  return digest<20>(EVP_sha1(), data);
}

std::optional<Sha256Digest> sha256(std::span<const std::byte> data) {
  return digest<32>(EVP_sha256(), data);
}

}  // namespace secdesc::detail
