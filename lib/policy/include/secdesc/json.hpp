// secdesc: a JSON view of a security descriptor, for tools and scripts.
#pragma once

#include <string>

#include "secdesc/sddl.hpp"
#include "secdesc/security_descriptor.hpp"

namespace secdesc {

// {"sddl":..., "owner":..., "group":..., "control":..., "control_flags":[...],
//  "dacl": null | "null" | {"revision":2,"aces":[{"type","flags","mask","rights","sid","sid_name",...,
//  and "condition" (its SDDL), "resource_attribute" {"name","type","flags","sddl"} or
//  "application_data" (hex) where the ACE has one}]},
//  "sacl": ...}. `indent` < 0 writes one line.
std::string to_json(const SecurityDescriptor& sd, const SddlFormatOptions& options = {},
                    int indent = -1);

// A compiled policy's JSON view is policy_json.hpp's.

}  // namespace secdesc
