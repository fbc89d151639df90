// secdesc: the JSON view of a compiled policy (sddlc compile --emit json), built on json.hpp's
// view of its descriptor.
#pragma once

#include <string>

#include "secdesc/policy.hpp"

namespace secdesc {

// A compiled policy: {"name","file","object","object_name","description","sddl","hex",
//  "descriptor": <to_json>, "expectations": [{"line","description","token","rights","desired",
//  "expected"}]}.
std::string policy_to_json(const Policy& policy, int indent = -1);

}  // namespace secdesc
