// secdesc: a JSON view of a security descriptor, for tools and scripts.
#pragma once

#include <string>

#include "secdesc/conditional.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/security_descriptor.hpp"

namespace secdesc {

// {"sddl":..., "owner":..., "group":..., "control":..., "control_flags":[...],
//  "dacl": null | "null" | {"revision":2,"aces":[{"type","flags","mask","rights","sid","sid_name",...,
//  and "condition" (its SDDL) with "condition_tree" (condition_tree_json), "resource_attribute" {"name","type","flags","sddl"} or
//  "application_data" (hex) where the ACE has one}]},
//  "sacl": ...}. `indent` < 0 writes one line.
std::string to_json(const SecurityDescriptor& sd, const SddlFormatOptions& options = {},
                    int indent = -1);

// A conditional expression as a tree, serialized: operators {"node":"operator","kind":
// "relational"|"unary"|"logical"|"not","operator":"==","operands":[...]}, attributes
// {"node":"attribute","scope":"user"|"device"|"resource"|"local","name","sddl"} and literals
// {"node":"literal","type":"int64"|...|"string"|"octet_string"|"sid"|"composite","value"} (a
// composite has "elements" instead of "value"; a SID literal may have "alias"). "null" when the
// tokens do not form one expression.
std::string condition_tree_json(const ConditionalExpression& expression,
                                const SidContext& context = {});

// A compiled policy's JSON view is policy_json.hpp's.

}  // namespace secdesc
