// libFuzzer target: the SDDL parser. Invariants beyond "no crash": the parser's canonical-ACE
// fast path gives what the general path gives (descriptor or error); what parses emits a string
// that re-parses to the same descriptor (strictly, when the input
// parses strictly); encoding either succeeds and decodes to the
// same descriptor, or fails only with limit_exceeded; parse_sddl_into and
// encode_self_relative_into, reusing one descriptor and one byte vector from input to input (so
// each starts from the previous input's storage), give what parse_sddl and encode_self_relative
// give; the SDDL text is valid UTF-8, and so is the JSON view where find_unwritable_text allows
// it, which then parses (output_invariants.hpp).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/internal/sddl_internal.hpp"
#include "output_invariants.hpp"
#include "secdesc/binary.hpp"
#include "secdesc/json.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/text_output.hpp"

namespace {
const secdesc::SddlParseOptions kOptions{
    secdesc::SidContext{secdesc::parse_domain_sid("S-1-5-21-2457507606-2709100691-398136650").value()},
    false};

// Kept from input to input: the reuse functions must not depend on what they held before.
secdesc::SecurityDescriptor reused;
std::vector<std::byte> reused_bytes;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto sd = secdesc::parse_sddl(text, kOptions);
  const auto into_error = secdesc::parse_sddl_into(text, reused, kOptions);
  if (static_cast<bool>(sd) == static_cast<bool>(into_error)) std::abort();
  if (sd ? !(reused == *sd)
         : into_error->offset != sd.error().offset || into_error->message != sd.error().message ||
               !(reused == secdesc::SecurityDescriptor{}))
    std::abort();
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
  secdesc_fuzz::require_text(emitted);
  // JSON gives attribute names themselves: one escaped to a lone surrogate (%d800) has no JSON.
  if (!secdesc::find_unwritable_text(*sd, secdesc::TextOutput::json))
    secdesc_fuzz::require_json(secdesc::to_json(*sd, secdesc::SddlFormatOptions{kOptions.context}));
  // What we emit is canonical, so it re-parses strictly unless the descriptor itself breaks a
  // strict-only rule (a mandatory label on a SID that is no integrity level): then the input
  // fails strict parsing too, and the lenient re-parse still gives the same descriptor.
  auto again = secdesc::parse_sddl(emitted, secdesc::SddlParseOptions{kOptions.context, true});
  if (!again) {
    if (secdesc::parse_sddl(text, secdesc::SddlParseOptions{kOptions.context, true})) std::abort();
    again = secdesc::parse_sddl(emitted, kOptions);
  }
  if (!again || !(*again == *sd)) std::abort();
  auto bytes = secdesc::encode_self_relative(*sd);
  const auto encode_error = secdesc::encode_self_relative_into(reused, reused_bytes);
  if (static_cast<bool>(bytes) == static_cast<bool>(encode_error)) std::abort();
  if (bytes ? reused_bytes != *bytes : !reused_bytes.empty()) std::abort();
  if (!bytes) {
    if (bytes.error().code != secdesc::ErrorCode::limit_exceeded) std::abort();
    return 0;
  }
  auto decoded = secdesc::decode_self_relative(*bytes);
  if (!decoded || !(*decoded == *sd)) std::abort();
  return 0;
}
