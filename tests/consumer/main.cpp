// Checks the embedded policies against the installed library: the bytes decode, re-emit the
// embedded SDDL, are 4-byte aligned, and carry the low label.
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>

#include <secdesc/secdesc.hpp>

#include "consumer_policies.hpp"

namespace {

int failures = 0;

void expect(bool ok, const char* what) {
  std::printf("%s %s\n", ok ? "ok  " : "FAIL", what);
  if (!ok) ++failures;
}

template <std::size_t N>
void check(const char* name, std::wstring_view wide_sddl, const std::array<std::uint8_t, N>& bytes) {
  std::printf("%s\n", name);
  expect(reinterpret_cast<std::uintptr_t>(bytes.data()) % 4 == 0, "descriptor is 4-byte aligned");
  auto sd = secdesc::decode_self_relative(std::as_bytes(std::span(bytes)));
  expect(sd.ok(), "descriptor decodes");
  if (!sd) return;
  std::string narrow(wide_sddl.begin(), wide_sddl.end());
  expect(secdesc::to_sddl(*sd) == narrow, "bytes re-emit the embedded SDDL");
  auto label = sd->mandatory_label();
  expect(label && label->level == secdesc::sids::low_integrity &&
             label->policy == secdesc::rights::label_no_write_up,
         "mandatory label is Low, no-write-up");
}

}  // namespace

int main() {
  check("service_section_lowil_readwrite", demo::service_section_lowil_readwrite::sddl,
        demo::service_section_lowil_readwrite::descriptor);
  expect(demo::service_section_lowil_readwrite::object_name == L"Global\\SecdescDemoShared",
         "object name is embedded");
  check("client_signal_event", demo::client_signal_event::sddl, demo::client_signal_event::descriptor);
  expect(demo::service_section_lowil_readwrite::sddl ==
             L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GWGR;;;IU)S:(ML;;NW;;;LW)",
         "SDDL is the policy's");
  return failures == 0 ? 0 : 1;
}
