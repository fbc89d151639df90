// Internal: the tree view of a postfix conditional expression, for writing SDDL and evaluating.
#pragma once

#include <cstddef>
#include <vector>

#include "secdesc/conditional.hpp"
#include "secdesc/error.hpp"

namespace secdesc::detail {

struct CondNode {
  static constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t token = 0;     // index in ConditionalExpression::tokens
  std::size_t first = none;  // operand nodes (indexes in the node vector)
  std::size_t second = none;
  std::size_t depth = 1;     // operators from here down to the deepest operand, plus one
};

// One node per token, in token order; the root is the last node. Fails (error offset = token
// index) when the tokens are not exactly one expression or nest deeper than max_condition_depth.
Result<std::vector<CondNode>> build_condition_tree(const ConditionalExpression& expr);

}  // namespace secdesc::detail
