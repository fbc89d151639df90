#include "secdesc/acl.hpp"

#include <fmt/format.h>

namespace secdesc {

Acl Acl::with_aces(std::vector<Ace> aces) {
  Acl acl;
  acl.revision = required_revision(aces);
  acl.aces = std::move(aces);
  return acl;
}

std::uint8_t Acl::required_revision(const std::vector<Ace>& aces) noexcept {
  for (const auto& ace : aces)
    if (ace.is_object()) return revision_ds;
  return revision_default;
}

std::size_t Acl::binary_size() const noexcept {
  std::size_t size = header_size;
  for (const auto& ace : aces) size += ace.binary_size();
  return size;
}

Result<std::size_t> Acl::checked_binary_size() const {
  std::size_t size = binary_size();
  if (size > max_size)
    return make_error(ErrorCode::limit_exceeded, Error::no_offset,
                      fmt::format("ACL of {} ACEs needs {} bytes; an ACL holds at most 65535",
                                  aces.size(), size));
  return size;
}

}  // namespace secdesc
