#include "win/internal/win32_util.hpp"

#include <system_error>

namespace secdesc::win::detail {

void throw_win32_error(DWORD code, const std::string& what) {
  throw std::system_error(static_cast<int>(code), std::system_category(), what);
}

std::string to_utf8(std::wstring_view text) {
  if (text.empty()) return {};
  const int length = static_cast<int>(text.size());
  const int needed = WideCharToMultiByte(CP_UTF8, 0, text.data(), length, nullptr, 0, nullptr, nullptr);
  if (needed <= 0) return "?";
  std::string out(static_cast<std::size_t>(needed), '\0');
  WideCharToMultiByte(CP_UTF8, 0, text.data(), length, out.data(), needed, nullptr, nullptr);
  return out;
}

}  // namespace secdesc::win::detail
