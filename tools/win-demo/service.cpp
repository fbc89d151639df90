// secdesc-win-service: the service side of the demo. Creates the named section with the demo
// policy's descriptor, writes a message into it, reads the section's security back from Windows
// to verify it, then keeps the section alive for a while so a client can read it.
#include <windows.h>

#include <cstdio>
#include <exception>
#include <string>
#include <system_error>

#include "demo_args.hpp"
#include "demo_message.hpp"
#include "demo_policy.hpp"
#include "secdesc/object_type.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/win/security_attributes.hpp"
#include "secdesc/win/security_match.hpp"
#include "secdesc/win/shared_section.hpp"

namespace {

constexpr const char* usage =
    "usage: secdesc-win-service [--name NAME] [--message TEXT] [--hold SECONDS]\n"
    "Creates the section NAME (default Global\\SecdescDemoShared, the demo policy's object name) with\n"
    "the demo policy's descriptor, writes TEXT into it, verifies the security Windows stored, and\n"
    "keeps the section for SECONDS (default 60). Fails if NAME already exists.\n"
    "Exit status: 0 success, 1 failure, 2 usage error.\n";

int run(int argc, wchar_t** argv) {
  namespace policy = secdesc_demo::service_section_lowil_readwrite;
  std::wstring name(policy::object_name);
  std::string message = "hello from secdesc-win-service";
  unsigned long hold_seconds = 60;
  for (int i = 1; i < argc; ++i) {
    const std::wstring_view arg = argv[i];
    std::optional<std::wstring> value;
    if (arg == L"--help" || arg == L"-h") {
      std::fputs(usage, stdout);
      return secdesc_demo::exit_ok;
    }
    if ((arg == L"--name" || arg == L"--message" || arg == L"--hold") &&
        !(value = secdesc_demo::option_value(argc, argv, i))) {
      std::fprintf(stderr, "secdesc-win-service: %s needs a value\n%s",
                   secdesc_demo::to_utf8(arg).c_str(), usage);
      return secdesc_demo::exit_usage;
    }
    if (arg == L"--name") {
      name = *value;
    } else if (arg == L"--message") {
      message = secdesc_demo::to_utf8(*value);
    } else if (arg == L"--hold") {
      wchar_t* end = nullptr;
      hold_seconds = std::wcstoul(value->c_str(), &end, 10);
      if (value->empty() || *end != L'\0' || hold_seconds > 86400) {
        std::fprintf(stderr, "secdesc-win-service: --hold takes 0 to 86400 seconds\n%s", usage);
        return secdesc_demo::exit_usage;
      }
    } else {
      std::fprintf(stderr, "secdesc-win-service: unknown argument '%s'\n%s",
                   secdesc_demo::to_utf8(arg).c_str(), usage);
      return secdesc_demo::exit_usage;
    }
  }

  // The three lines a service needs: policy bytes -> SECURITY_ATTRIBUTES -> section.
  const secdesc::win::SecurityAttributes security(policy::descriptor);
  auto section = secdesc::win::SharedSection::create(name, secdesc_demo::section_size, security);
  auto view = section.map(FILE_MAP_WRITE);

  if (!secdesc_demo::write_message(view.bytes(), message)) {
    std::fprintf(stderr, "secdesc-win-service: the message does not fit in %zu bytes\n",
                 view.size());
    return secdesc_demo::exit_failed;
  }

  // Verify what Windows stored (a service should not trust that its descriptor was applied).
  auto stored = section.read_security();
  if (!stored) {
    std::fprintf(stderr, "secdesc-win-service: cannot decode the stored security: %s\n",
                 stored.error().message.c_str());
    return secdesc_demo::exit_failed;
  }
  if (auto difference = secdesc::win::dacl_or_label_difference(security.descriptor(), *stored,
                                                               secdesc::ObjectType::section)) {
    std::fprintf(stderr, "secdesc-win-service: Windows stored other security: %s\n",
                 difference->c_str());
    return secdesc_demo::exit_failed;
  }
  std::printf("stored security: %s\n", secdesc::to_sddl(*stored).c_str());
  std::printf("ready: %s\n", secdesc_demo::to_utf8(name).c_str());
  std::fflush(stdout);
  Sleep(hold_seconds * 1000);
  return secdesc_demo::exit_ok;
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  return secdesc_demo::run_reporting_errors("secdesc-win-service", [&] { return run(argc, argv); });
}
