// Two processes under Wine: this test (or the demo service) creates the section and writes, the
// demo client (tools/win-demo) opens it in another process and reads. Every wait has a timeout.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <fmt/xchar.h>

#include <chrono>
#include <string>

#include "demo_message.hpp"
#include "demo_policy.hpp"
#include "secdesc/win/security_attributes.hpp"
#include "secdesc/win/shared_section.hpp"
#include "secdesc/win/unique_handle.hpp"
#include "win_test_support.hpp"

namespace secdesc::wintest {
namespace {

using win::UniqueHandle;

constexpr DWORD child_timeout_ms = 30'000;

// The build tree's path of a demo program. In the cross build it is a Linux path; under Wine a
// path starting with '\' is on the current drive, which is Z: (= /) when ctest runs the test.
std::wstring program_path(std::string_view built) {
  std::wstring path = widen(built);
  for (auto& c : path)
    if (c == L'/') c = L'\\';
  return path;
}

// A child process with its standard output and error captured through one pipe; terminated on
// destruction if still running.
class ChildProcess {
 public:
  explicit ChildProcess(std::wstring command_line) {
    SECURITY_ATTRIBUTES inheritable{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
    HANDLE read_end = nullptr, write_end = nullptr;
    if (!CreatePipe(&read_end, &write_end, &inheritable, 0))
      throw std::runtime_error(fmt::format("CreatePipe: {}", GetLastError()));
    output_.reset(read_end);
    UniqueHandle child_end(write_end);
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);

    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdInput = nullptr;
    startup.hStdOutput = write_end;
    startup.hStdError = write_end;
    PROCESS_INFORMATION info{};
    if (!CreateProcessW(nullptr, command_line.data(), nullptr, nullptr, TRUE, 0, nullptr, nullptr,
                        &startup, &info))
      throw std::runtime_error(fmt::format("CreateProcessW({}): {}", narrow_ascii(command_line),
                                           GetLastError()));
    process_.reset(info.hProcess);
    CloseHandle(info.hThread);
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess() {
    if (process_ && WaitForSingleObject(process_.get(), 0) == WAIT_TIMEOUT) {
      TerminateProcess(process_.get(), 99);
      WaitForSingleObject(process_.get(), child_timeout_ms);
    }
  }

  // Reads what is available until `needle` appears, the child exits, or the time is up.
  bool read_until(std::string_view needle, DWORD timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      drain();
      if (text_.find(needle) != std::string::npos) return true;
      if (WaitForSingleObject(process_.get(), 0) == WAIT_OBJECT_0) {
        drain();
        return text_.find(needle) != std::string::npos;
      }
      Sleep(20);
    }
    return false;
  }

  // Waits for the exit; nullopt on timeout.
  std::optional<DWORD> wait(DWORD timeout_ms) {
    // Keep draining while waiting, so a chatty child cannot block on a full pipe.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (WaitForSingleObject(process_.get(), 20) == WAIT_TIMEOUT) {
      drain();
      if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    }
    drain();
    DWORD code = 0;
    GetExitCodeProcess(process_.get(), &code);
    return code;
  }

  const std::string& output() const { return text_; }

 private:
  void drain() {
    DWORD available = 0;
    while (PeekNamedPipe(output_.get(), nullptr, 0, nullptr, &available, nullptr) && available > 0) {
      char buffer[512];
      DWORD got = 0;
      if (!ReadFile(output_.get(), buffer, sizeof buffer, &got, nullptr) || got == 0) return;
      text_.append(buffer, got);
    }
  }

  UniqueHandle process_;
  UniqueHandle output_;
  std::string text_;
};

std::string first_line(const std::string& text) {
  return text.substr(0, text.find_first_of("\r\n"));
}

TEST(TwoProcessUnderWine, ClientReadsWhatThisProcessWrote) {
  const auto name = unique_section_name(L"pair");
  const win::SecurityAttributes sa(secdesc_demo::service_section_lowil_readwrite::descriptor);
  const auto section = win::SharedSection::create(name, secdesc_demo::section_size, sa);
  auto view = section.map(FILE_MAP_WRITE);
  // A fresh nonce, so a stale section or a canned answer cannot pass.
  const std::string message = fmt::format("written by process {} at tick {}", GetCurrentProcessId(), GetTickCount64());
  ASSERT_TRUE(secdesc_demo::write_message(view.bytes(), message));

  ChildProcess client(fmt::format(L"\"{}\" --name {}", program_path(SECDESC_WIN_DEMO_CLIENT), name));
  const auto code = client.wait(child_timeout_ms);
  ASSERT_TRUE(code.has_value()) << "the client did not finish in time; output: " << client.output();
  EXPECT_EQ(*code, 0u) << client.output();
  EXPECT_EQ(first_line(client.output()), message);
}

TEST(TwoProcessUnderWine, ClientIsDeniedWhatTheDaclDoesNotGrant) {
  // SYSTEM only: Wine's token is not SYSTEM; as the owner it may read and change the DACL
  // (READ_CONTROL, WRITE_DAC), not map the section.
  const auto name = unique_section_name(L"pair-denied");
  auto sa = win::SecurityAttributes::from_descriptor(parse_or_fail("D:P(A;;GA;;;SY)"));
  ASSERT_TRUE(sa);
  const auto section = win::SharedSection::create(name, secdesc_demo::section_size, *sa);

  ChildProcess client(fmt::format(L"\"{}\" --name {}", program_path(SECDESC_WIN_DEMO_CLIENT), name));
  const auto code = client.wait(child_timeout_ms);
  ASSERT_TRUE(code.has_value()) << "the client did not finish in time; output: " << client.output();
  EXPECT_EQ(*code, 1u) << client.output();
  EXPECT_NE(client.output().find("OpenFileMappingW("), std::string::npos) << client.output();
  EXPECT_NE(client.output().find("Win32 error 5"), std::string::npos) << client.output();
}

TEST(TwoProcessUnderWine, DemoServiceAndClient) {
  const auto name = unique_section_name(L"demo");
  const std::string message = fmt::format("demo message {}", GetTickCount64());
  ChildProcess service(fmt::format(L"\"{}\" --name {} --message \"{}\" --hold 30",
                                   program_path(SECDESC_WIN_DEMO_SERVICE), name, widen(message)));
  ASSERT_TRUE(service.read_until("ready:", child_timeout_ms)) << service.output();
  EXPECT_NE(service.output().find("stored security: "), std::string::npos) << service.output();

  ChildProcess client(fmt::format(L"\"{}\" --name {}", program_path(SECDESC_WIN_DEMO_CLIENT), name));
  const auto code = client.wait(child_timeout_ms);
  ASSERT_TRUE(code.has_value()) << client.output();
  EXPECT_EQ(*code, 0u) << client.output();
  EXPECT_EQ(first_line(client.output()), message);

  // A second service on the same name must refuse: the name exists, its descriptor would not apply.
  ChildProcess second(fmt::format(L"\"{}\" --name {} --hold 0", program_path(SECDESC_WIN_DEMO_SERVICE), name));
  const auto second_code = second.wait(child_timeout_ms);
  ASSERT_TRUE(second_code.has_value()) << second.output();
  EXPECT_EQ(*second_code, 1u) << second.output();
  EXPECT_NE(second.output().find("Win32 error 183"), std::string::npos) << second.output();
}

}  // namespace
}  // namespace secdesc::wintest
