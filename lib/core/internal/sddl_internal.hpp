// Internal: the SDDL parser with its canonical-ACE fast path turned off, so that a test can
// compare both paths on the same strings (tests/sddl_fast_path_test.cpp).
#pragma once

#include <string_view>

#include "secdesc/sddl.hpp"

namespace secdesc::detail {

Result<SddlParse> parse_sddl_without_fast_path(std::string_view text,
                                               const SddlParseOptions& options = {});

}  // namespace secdesc::detail
