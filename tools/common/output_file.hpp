// Writes a tool's output file whole or not at all: a temporary file in the same directory,
// renamed over the target only when every byte was written.
#pragma once

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

namespace secdesc_tools {

// Returns an empty string on success, else what went wrong.
inline std::string write_file_atomically(const std::filesystem::path& path, std::string_view data) {
  namespace fs = std::filesystem;
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::random_device rd;
  const fs::path tmp = dir / (".tmp-" + path.filename().string() + "-" + std::to_string(rd()));
  {
    // Each failure names the target and the OS's reason (errno: "No such file or directory",
    // "Permission denied"), not only the temporary file's name.
    errno = 0;
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      return "cannot write " + path.string() + ": " + std::generic_category().message(errno);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) {
      const int reason = errno;
      std::error_code ignored;
      fs::remove(tmp, ignored);
      return "cannot write " + path.string() + ": " + std::generic_category().message(reason);
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return "cannot replace " + path.string() + ": " + ec.message();
  }
  return {};
}

}  // namespace secdesc_tools
