// A service's use of an installed secdesc under Windows (run under Wine by the cross build):
// the descriptor a policy compiled into at build time goes through SecurityAttributes into
// CreateFileMappingW and into SharedSection::create, and the security Windows stored is read
// back and compared with the policy's DACL and label.
#include <windows.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include <secdesc/object_type.hpp>
#include <secdesc/sddl.hpp>
#include <secdesc/win/object_security.hpp>
#include <secdesc/win/security_attributes.hpp>
#include <secdesc/win/security_match.hpp>
#include <secdesc/win/shared_section.hpp>
#include <secdesc/win/unique_handle.hpp>

#include "consumer_win_policies.hpp"

namespace {

namespace policy = service::service_section_lowil_readwrite;

int failures = 0;

void expect(bool ok, const char* what) {
  std::printf("%s %s\n", ok ? "ok  " : "FAIL", what);
  if (!ok) ++failures;
}

// The stored security must carry the policy's DACL and label (owner and group are Windows').
void expect_policy_security(const secdesc::Result<secdesc::SecurityDescriptor>& stored,
                            const secdesc::win::SecurityAttributes& security, const char* what) {
  if (!stored) {
    std::printf("  cannot decode the stored security: %s\n", stored.error().message.c_str());
    expect(false, what);
    return;
  }
  std::printf("  stored: %s\n", secdesc::to_sddl(*stored).c_str());
  auto difference = secdesc::win::dacl_or_label_difference(security.descriptor(), *stored,
                                                           secdesc::ObjectType::section);
  if (difference) std::printf("  difference: %s\n", difference->c_str());
  expect(!difference, what);
}

// Names unique to this process, in Local\ (no privilege needed; other tests may run meanwhile).
std::wstring section_name(const wchar_t* what) {
  return L"Local\\SecdescConsumerWin-" + std::wstring(what) + L"-" +
         std::to_wstring(GetCurrentProcessId());
}

void run() {
  const secdesc::win::SecurityAttributes security(policy::descriptor);
  expect(secdesc::to_sddl(security.descriptor()) ==
             "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GWGR;;;IU)S:(ML;;NW;;;LW)",
         "the embedded descriptor is the policy's");

  // The Win32 call itself, with the SECURITY_ATTRIBUTES.
  const std::wstring raw_name = section_name(L"raw");
  secdesc::win::UniqueHandle raw(CreateFileMappingW(INVALID_HANDLE_VALUE, security.get(),
                                                    PAGE_READWRITE, 0, 4096, raw_name.c_str()));
  const DWORD raw_error = GetLastError();
  expect(raw.valid(), "CreateFileMappingW with SecurityAttributes creates the section");
  expect(raw_error != ERROR_ALREADY_EXISTS, "the section is new (our descriptor was applied)");
  if (raw) {
    expect_policy_security(secdesc::win::read_security(raw.get(), secdesc::win::kernel_object_security_parts,
                                                       raw_name),
                           security, "read_security: Windows stored the policy's DACL and label");
  }

  // The same through SharedSection, with a view written and read back.
  auto section = secdesc::win::SharedSection::create(section_name(L"shared"), 4096, security);
  auto view = section.map(FILE_MAP_WRITE);
  const std::string message = "hello from consumer_win";
  std::memcpy(view.data(), message.data(), message.size());
  auto reader = secdesc::win::SharedSection::open(section.name(), FILE_MAP_READ);
  auto read_view = reader.map(FILE_MAP_READ, 0, message.size());
  expect(std::string(reinterpret_cast<const char*>(read_view.data()), message.size()) == message,
         "a second handle reads what the first wrote");
  expect_policy_security(section.read_security(), security,
                         "SharedSection::read_security: the policy's DACL and label");
}

}  // namespace

int main() {
  try {
    run();
  } catch (const std::exception& e) {
    std::printf("FAIL exception: %s\n", e.what());
    return 1;
  }
  return failures == 0 ? 0 : 1;
}
