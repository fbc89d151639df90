// Command-line handling shared by the two demo programs (wmain gives UTF-16 arguments).
#pragma once

#include <windows.h>

#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace secdesc_demo {

inline std::string to_utf8(std::wstring_view text) {
  if (text.empty()) return {};
  const int n = WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()),
                                    nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
  WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), out.data(), n,
                      nullptr, nullptr);
  return out;
}

// The value after `option` at argv[i] ("--name X"), advancing i; nullopt when it is missing.
inline std::optional<std::wstring> option_value(int argc, wchar_t** argv, int& i) {
  if (i + 1 >= argc) return std::nullopt;
  return std::wstring(argv[++i]);
}

inline constexpr int exit_ok = 0;
inline constexpr int exit_failed = 1;
inline constexpr int exit_usage = 2;

// Runs a demo's main body; a Win32 failure (std::system_error) or any other exception becomes a
// message on standard error, prefixed with the program's name, and exit 1.
template <class Body>
int run_reporting_errors(const char* program, Body&& body) {
  try {
    return body();
  } catch (const std::system_error& e) {
    std::fprintf(stderr, "%s: %s (Win32 error %d)\n", program, e.what(), e.code().value());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", program, e.what());
  }
  return exit_failed;
}

}  // namespace secdesc_demo
