// The CLI gtests' way to run the built sddlc: a shell command line, its exit status and its
// standard output and error together.
#pragma once

#include <array>
#include <cstdio>
#include <string>

#include <sys/wait.h>

namespace sddlc_test {

#ifdef SECDESC_SDDLC
inline constexpr const char* kSddlc = SECDESC_SDDLC;
#else
inline constexpr const char* kSddlc = nullptr;  // SECDESC_BUILD_TOOLS=OFF: the tests skip
#endif

struct ToolRun {
  int status = -1;
  std::string out;  // stdout and stderr together
};

// Runs `command` with /bin/sh (append " 2>&1" for stderr too).
inline ToolRun run_shell(const std::string& command) {
  ToolRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer{};
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace sddlc_test
