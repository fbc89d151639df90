// secdesc-win-client: the client side of the demo. Opens the named section with only the access
// it needs (FILE_MAP_READ), and prints the message the service wrote.
#include <windows.h>

#include <cstdio>
#include <exception>
#include <string>
#include <system_error>

#include "demo_args.hpp"
#include "demo_message.hpp"
#include "demo_policy.hpp"
#include "secdesc/win/shared_section.hpp"

namespace {

constexpr const char* usage =
    "usage: secdesc-win-client [--name NAME]\n"
    "Opens the section NAME (default Global\\SecdescDemoShared) for reading and prints its message.\n"
    "Exit status: 0 success, 1 failure (e.g. access denied: Win32 error 5), 2 usage error.\n";

int run(int argc, wchar_t** argv) {
  std::wstring name(secdesc_demo::service_section_lowil_readwrite::object_name);
  for (int i = 1; i < argc; ++i) {
    const std::wstring_view arg = argv[i];
    if (arg == L"--help" || arg == L"-h") {
      std::fputs(usage, stdout);
      return secdesc_demo::exit_ok;
    }
    if (arg != L"--name") {
      std::fprintf(stderr, "secdesc-win-client: unknown argument '%s'\n%s",
                   secdesc_demo::to_utf8(arg).c_str(), usage);
      return secdesc_demo::exit_usage;
    }
    auto value = secdesc_demo::option_value(argc, argv, i);
    if (!value) {
      std::fprintf(stderr, "secdesc-win-client: --name needs a value\n%s", usage);
      return secdesc_demo::exit_usage;
    }
    name = *value;
  }

  const auto section = secdesc::win::SharedSection::open(name, FILE_MAP_READ);
  const auto view = section.map(FILE_MAP_READ);
  const auto message = secdesc_demo::read_message(view.bytes());
  if (!message) {
    std::fprintf(stderr, "secdesc-win-client: %s does not hold a demo message\n",
                 secdesc_demo::to_utf8(name).c_str());
    return secdesc_demo::exit_failed;
  }
  std::printf("%s\n", message->c_str());
  return secdesc_demo::exit_ok;
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  return secdesc_demo::run_reporting_errors("secdesc-win-client", [&] { return run(argc, argv); });
}
