// libFuzzer target: the TOML policy loader. Invariants: a loaded policy encodes, its SDDL
// re-parses to the same descriptor, and every diagnostic of a failed load has a message; the
// diagnostics, the SDDL and the policy's JSON view are valid UTF-8 and the JSON parses.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "output_invariants.hpp"
#include "secdesc/binary.hpp"
#include "secdesc/policy.hpp"
#include "secdesc/policy_json.hpp"
#include "secdesc/sddl.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto load = secdesc::load_policy(text, "fuzz.toml");
  if (!load.ok()) {
    if (load.diagnostics.empty()) std::abort();
    for (const auto& d : load.diagnostics) {
      if (d.message.empty()) std::abort();
      secdesc_fuzz::require_text(d.message);
    }
    return 0;
  }
  const auto& p = *load.policy;
  if (!secdesc::encode_self_relative(p.descriptor)) std::abort();
  secdesc_fuzz::require_text(secdesc::to_sddl(p.descriptor, secdesc::SddlFormatOptions{p.context}));
  secdesc_fuzz::require_json(secdesc::policy_to_json(p));
  auto again = secdesc::parse_sddl(secdesc::to_sddl(p.descriptor, secdesc::SddlFormatOptions{p.context}),
                                   secdesc::SddlParseOptions{p.context, true});
  if (!again || !(*again == p.descriptor)) std::abort();
  return 0;
}
