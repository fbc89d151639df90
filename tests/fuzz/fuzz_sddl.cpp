// libFuzzer target: the SDDL parser. Invariants beyond "no crash": the parser's canonical-ACE
// fast path gives what the general path gives (descriptor or error); what parses emits a string
// that re-parses (strictly) to the same descriptor; encoding either succeeds and decodes to the
// same descriptor, or fails only with limit_exceeded.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sddl_internal.hpp"
#include "secdesc/binary.hpp"
#include "secdesc/sddl.hpp"

namespace {
const secdesc::SddlParseOptions kOptions{
    secdesc::SidContext{secdesc::parse_domain_sid("S-1-5-21-2457507606-2709100691-398136650").value()},
    false};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto sd = secdesc::parse_sddl(text, kOptions);
  auto general = secdesc::detail::parse_sddl_without_fast_path(text, kOptions);
  if (static_cast<bool>(sd) != static_cast<bool>(general)) std::abort();
  if (sd ? !(general->descriptor == *sd)
         : general.error().offset != sd.error().offset ||
               general.error().message != sd.error().message)
    std::abort();
  if (!sd) {
    if (sd.error().offset != secdesc::Error::no_offset && sd.error().offset > text.size()) std::abort();
    return 0;
  }
  const std::string emitted = secdesc::to_sddl(*sd, secdesc::SddlFormatOptions{kOptions.context});
  auto again = secdesc::parse_sddl(emitted, secdesc::SddlParseOptions{kOptions.context, true});
  if (!again || !(*again == *sd)) std::abort();
  auto bytes = secdesc::encode_self_relative(*sd);
  if (!bytes) {
    if (bytes.error().code != secdesc::ErrorCode::limit_exceeded) std::abort();
    return 0;
  }
  auto decoded = secdesc::decode_self_relative(*bytes);
  if (!decoded || !(*decoded == *sd)) std::abort();
  return 0;
}
