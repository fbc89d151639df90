// Runs a program as a child process with an argument vector (no shell, so no quoting of paths or
// revisions can go wrong) and collects its exit status, standard output and standard error.
// POSIX: posix_spawnp with two pipes. Windows: CreateProcessW with two pipes and a command line
// quoted as CommandLineToArgvW splits it (Microsoft's "Parsing C++ command-line arguments").
// Each stream is read on its own thread, so a child that fills one pipe while the other is being
// read cannot deadlock.
#pragma once

#include <optional>
#include <string>
#include <thread>
#include <vector>

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#else
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
extern char** environ;  // POSIX: the environment the child inherits
#endif

namespace secdesc_tools {

struct ProcessResult {
  // False when the program could not be started (not found, not executable); then `error` says
  // why and the other fields are empty.
  bool started = false;
  int exit_code = -1;  // the program's exit status; -1 when it ended by a signal
  std::string out;
  std::string err;
  std::string error;
};

#ifdef _WIN32

namespace detail {

inline std::wstring widen(const std::string& s) {
  if (s.empty()) return {};
  const int n = MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), nullptr, 0);
  std::wstring w(static_cast<std::size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), w.data(), n);
  return w;
}

// One argument quoted for CommandLineToArgvW: backslashes are literal except before a quote,
// where 2n backslashes + quote are n backslashes and a closing/opening quote, and 2n+1
// backslashes + quote are n backslashes and a literal quote.
inline void append_quoted(std::wstring& line, const std::wstring& arg) {
  if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos) {
    line += arg;
    return;
  }
  line += L'"';
  std::size_t backslashes = 0;
  for (wchar_t c : arg) {
    if (c == L'\\') {
      ++backslashes;
      continue;
    }
    if (c == L'"') line.append(backslashes * 2 + 1, L'\\');
    else line.append(backslashes, L'\\');
    backslashes = 0;
    line += c;
  }
  line.append(backslashes * 2, L'\\');
  line += L'"';
}

inline void read_all(HANDLE h, std::string& into) {
  char buf[4096];
  DWORD got = 0;
  while (ReadFile(h, buf, sizeof buf, &got, nullptr) && got > 0) into.append(buf, got);
}

}  // namespace detail

inline ProcessResult run_process(const std::vector<std::string>& argv) {
  ProcessResult r;
  std::wstring line;
  for (const std::string& a : argv) {
    if (!line.empty()) line += L' ';
    detail::append_quoted(line, detail::widen(a));
  }
  SECURITY_ATTRIBUTES inherit{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
  HANDLE out_read = nullptr, out_write = nullptr, err_read = nullptr, err_write = nullptr;
  if (!CreatePipe(&out_read, &out_write, &inherit, 0) ||
      !CreatePipe(&err_read, &err_write, &inherit, 0)) {
    r.error = "cannot create a pipe";
    return r;
  }
  // Only the child's ends are inherited.
  SetHandleInformation(out_read, HANDLE_FLAG_INHERIT, 0);
  SetHandleInformation(err_read, HANDLE_FLAG_INHERIT, 0);
  STARTUPINFOW si{};
  si.cb = sizeof si;
  si.dwFlags = STARTF_USESTDHANDLES;
  si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
  si.hStdOutput = out_write;
  si.hStdError = err_write;
  PROCESS_INFORMATION pi{};
  const BOOL ok = CreateProcessW(nullptr, line.data(), nullptr, nullptr, TRUE, CREATE_NO_WINDOW,
                                 nullptr, nullptr, &si, &pi);
  CloseHandle(out_write);
  CloseHandle(err_write);
  if (!ok) {
    CloseHandle(out_read);
    CloseHandle(err_read);
    r.error = "cannot run '" + argv.front() + "' (Windows error " +
              std::to_string(GetLastError()) + ")";
    return r;
  }
  r.started = true;
  std::thread err_reader([&] { detail::read_all(err_read, r.err); });
  detail::read_all(out_read, r.out);
  err_reader.join();
  WaitForSingleObject(pi.hProcess, INFINITE);
  DWORD code = 0;
  GetExitCodeProcess(pi.hProcess, &code);
  r.exit_code = static_cast<int>(code);
  CloseHandle(pi.hProcess);
  CloseHandle(pi.hThread);
  CloseHandle(out_read);
  CloseHandle(err_read);
  return r;
}

#else

namespace detail {

inline void read_all(int fd, std::string& into) {
  char buf[4096];
  for (;;) {
    const ssize_t got = read(fd, buf, sizeof buf);
    if (got > 0) {
      into.append(buf, static_cast<std::size_t>(got));
    } else if (got < 0 && errno == EINTR) {
      continue;
    } else {
      break;
    }
  }
}

}  // namespace detail

inline ProcessResult run_process(const std::vector<std::string>& argv) {
  ProcessResult r;
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0) {
    r.error = "cannot create a pipe";
    return r;
  }
  if (pipe(err_pipe) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    r.error = "cannot create a pipe";
    return r;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
    posix_spawn_file_actions_addclose(&actions, fd);
  std::vector<char*> args;
  std::vector<std::string> storage(argv);  // posix_spawnp takes char* const[]
  for (std::string& a : storage) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawn_error = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (spawn_error != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    r.error = "cannot run '" + argv.front() + "': " + std::string(strerror(spawn_error));
    return r;
  }
  r.started = true;
  std::thread err_reader([&] { detail::read_all(err_pipe[0], r.err); });
  detail::read_all(out_pipe[0], r.out);
  err_reader.join();
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

#endif

}  // namespace secdesc_tools
