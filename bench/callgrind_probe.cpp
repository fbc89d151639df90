// Runs one operation once, for instruction counts that do not move with machine noise:
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null ./secdesc_callgrind_probe MODE
// MODE: none (the baseline: process start and exit), parse-encode (the seed's SDDL to bytes),
// access-check (one check of the seed question, without its trace), access-check-trace (the same
// check with its trace). bench/callgrind.sh subtracts the baseline.
#include <cstring>

#include "secdesc/access_check.hpp"
#include "secdesc/binary.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/token.hpp"

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "none";
  const char* seed = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)";
  if (std::strcmp(mode, "parse-encode") == 0) {
    auto sd = secdesc::parse_sddl(seed);
    auto bytes = secdesc::encode_self_relative(*sd);
    return bytes->size() == 120 ? 0 : 1;
  }
  const bool check = std::strcmp(mode, "access-check") == 0;
  const bool check_trace = std::strcmp(mode, "access-check-trace") == 0;
  if (std::strcmp(mode, "access-check-setup") == 0 || check || check_trace) {
    auto sd = secdesc::parse_sddl(seed);
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
