// Runs one operation N times, for instruction counts that do not move with machine noise:
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null ./secdesc_callgrind_probe MODE [N]
// MODE: none (the baseline: process start and exit), parse-encode (the seed's SDDL to bytes),
// parse-encode-dacl (the seed's DACL, as compare_samba.py compares it), parse-encode-dacl-reuse
// (the same through parse_sddl_into and encode_self_relative_into, reusing one descriptor and one
// byte vector), access-check (one check of the seed question, without its trace),
// access-check-trace (the same check with its trace). N defaults to 1. bench/callgrind.sh
// subtracts the baseline, and for per-operation figures subtracts N=1 from N=1001.
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "secdesc/access_check.hpp"
#include "secdesc/binary.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/token.hpp"

namespace {
constexpr std::string_view kSeed = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)";
constexpr std::string_view kSeedDacl = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)";
}  // namespace

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "none";
  const long n = argc > 2 ? std::atol(argv[2]) : 1;
  auto is = [&](const char* m) { return std::strcmp(mode, m) == 0; };
  int failures = 0;
  if (is("parse-encode") || is("parse-encode-dacl")) {
    const std::string_view text = is("parse-encode") ? kSeed : kSeedDacl;
    for (long i = 0; i < n; ++i) {
      auto sd = secdesc::parse_sddl(text);
      auto bytes = secdesc::encode_self_relative(*sd);
      failures += bytes ? 0 : 1;
    }
    return failures;
  }
  if (is("parse-encode-dacl-reuse")) {
    secdesc::SecurityDescriptor sd;
    std::vector<std::byte> bytes;
    for (long i = 0; i < n; ++i)
      failures += secdesc::parse_sddl_into(kSeedDacl, sd) || secdesc::encode_self_relative_into(sd, bytes);
    return failures;
  }
  const bool check = is("access-check");
  const bool check_trace = is("access-check-trace");
  if (is("access-check-setup") || check || check_trace) {
    auto sd = secdesc::parse_sddl(kSeed);
    auto token = secdesc::low_integrity_user();
    if (check || check_trace) {
      secdesc::AccessCheckOptions options;
      options.trace = check_trace;
      auto r = secdesc::access_check(*sd, token, secdesc::rights::generic_read | secdesc::rights::generic_write,
                                     secdesc::ObjectType::section, options);
      return r.allowed ? 1 : 0;  // DENIED by integrity, in both modes
    }
    return sd->dacl() ? 0 : 1;
  }
  return 0;
}
