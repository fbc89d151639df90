#include "secdesc/win/object_security.hpp"

#include <aclapi.h>

#include <cstring>
#include <memory>

#include "secdesc/binary.hpp"
#include "win/internal/win32_util.hpp"

namespace secdesc::win {
namespace {

struct LocalFreeDeleter {
  void operator()(void* p) const noexcept { LocalFree(p); }
};
using LocalDescriptor = std::unique_ptr<void, LocalFreeDeleter>;

std::string call_name(std::string_view function, std::wstring_view object_name) {
  return std::string(function) + "(" +
         (object_name.empty() ? std::string("kernel object handle") : detail::to_utf8(object_name)) +
         ")";
}

}  // namespace

std::vector<std::byte> read_security_bytes(HANDLE object, SECURITY_INFORMATION parts,
                                           std::wstring_view object_name) {
  PSECURITY_DESCRIPTOR raw = nullptr;
  // The out-pointers for the parts are optional: the descriptor holds them all.
  const DWORD status = GetSecurityInfo(object, SE_KERNEL_OBJECT, parts, nullptr, nullptr, nullptr,
                                       nullptr, &raw);
  if (status != ERROR_SUCCESS) detail::throw_win32_error(status, call_name("GetSecurityInfo", object_name));
  LocalDescriptor owned(raw);

  SECURITY_DESCRIPTOR_CONTROL control = 0;
  DWORD revision = 0;
  if (!GetSecurityDescriptorControl(raw, &control, &revision))
    detail::throw_win32_error(GetLastError(), call_name("GetSecurityDescriptorControl", object_name));

  if (control & SE_SELF_RELATIVE) {
    const DWORD length = GetSecurityDescriptorLength(raw);
    std::vector<std::byte> out(length);
    std::memcpy(out.data(), raw, length);
    return out;
  }
  // Absolute: ask MakeSelfRelativeSD for the size, then for the bytes.
  DWORD length = 0;
  MakeSelfRelativeSD(raw, nullptr, &length);
  if (GetLastError() != ERROR_INSUFFICIENT_BUFFER || length == 0)
    detail::throw_win32_error(GetLastError(), call_name("MakeSelfRelativeSD", object_name));
  std::vector<std::uint64_t> aligned((length + 7) / 8);
  if (!MakeSelfRelativeSD(raw, aligned.data(), &length))
    detail::throw_win32_error(GetLastError(), call_name("MakeSelfRelativeSD", object_name));
  std::vector<std::byte> out(length);
  std::memcpy(out.data(), aligned.data(), length);
  return out;
}

Result<SecurityDescriptor> read_security(HANDLE object, SECURITY_INFORMATION parts,
                                         std::wstring_view object_name) {
  const auto bytes = read_security_bytes(object, parts, object_name);
  return decode_self_relative(bytes);
}

}  // namespace secdesc::win
