// Internal helpers of secdesc::win: Win32 errors as std::system_error, UTF-16 to UTF-8.
#pragma once

#include <windows.h>

#include <string>
#include <string_view>

namespace secdesc::win::detail {

// Throws std::system_error carrying `code` (a Win32 error, std::system_category) and `what`,
// e.g. "CreateFileMappingW(Local\\Foo)".
[[noreturn]] void throw_win32_error(DWORD code, const std::string& what);

// UTF-8 for messages; unpaired surrogates become U+FFFD.
std::string to_utf8(std::wstring_view text);

}  // namespace secdesc::win::detail
