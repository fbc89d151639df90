// libFuzzer target: the access check on decoded input. Input: byte 0 picks the object type,
// byte 1 the token preset, bytes 2..5 the desired mask, the rest a self-relative descriptor.
// Invariants: the check is deterministic; `allowed` agrees with `missing()` (a refusal grants
// nothing and allows nothing); without
// MAXIMUM_ALLOWED nothing outside the (mapped) request is granted; the trace is never empty; the
// check without a trace (AccessCheckOptions::trace = false) gives the same verdict and masks; the
// trace's text (which quotes conditions and claims from the descriptor) is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "output_invariants.hpp"
#include "secdesc/access_check.hpp"
#include "secdesc/binary.hpp"
#include "secdesc/text_output.hpp"
#include "secdesc/token.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 6) return 0;
  const auto types = secdesc::object_types();
  const auto type = types[data[0] % types.size()].type;
  const auto presets = secdesc::token_presets();
  const secdesc::Token token = presets[data[1] % presets.size()].make();
  const secdesc::AccessMask desired = static_cast<secdesc::AccessMask>(data[2]) |
                                      (static_cast<secdesc::AccessMask>(data[3]) << 8) |
                                      (static_cast<secdesc::AccessMask>(data[4]) << 16) |
                                      (static_cast<secdesc::AccessMask>(data[5]) << 24);
  auto sd = secdesc::decode_self_relative(std::as_bytes(std::span(data + 6, size - 6)));
  if (!sd) return 0;
  const auto a = secdesc::access_check(*sd, token, desired, type);
  const auto b = secdesc::access_check(*sd, token, desired, type);
  if (a.granted != b.granted || a.allowed != b.allowed || a.trace.size() != b.trace.size()) std::abort();
  if (a.trace.empty()) std::abort();
  // The trace quotes conditions as SDDL: UTF-8 whenever the descriptor has an SDDL form.
  if (!secdesc::find_unwritable_text(*sd, secdesc::TextOutput::sddl))
    secdesc_fuzz::require_text(a.trace_text());
  secdesc::AccessCheckOptions quiet;
  quiet.trace = false;
  const auto q = secdesc::access_check(*sd, token, desired, type, quiet);
  if (q.granted != a.granted || q.allowed != a.allowed || q.desired != a.desired || !q.trace.empty())
    std::abort();
  // A refusal (a label on a SID that is no integrity level) is no verdict: nothing granted, not
  // allowed, whatever was desired (even nothing, where "nothing missing" would read as allowed).
  if (a.refusal) {
    if (a.allowed || a.granted != 0) std::abort();
    return 0;
  }
  if (!(desired & secdesc::rights::maximum_allowed)) {
    if (a.allowed != (a.missing() == 0)) std::abort();
    if (a.granted & ~a.desired) std::abort();
  }
  return 0;
}
