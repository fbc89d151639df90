// Internal to lint: the inline "sddl-lint:" comments (disable=..., object=...).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "secdesc/lint_scanner.hpp"

namespace secdesc::lint_detail {

class LineIndex;

// The text before "sddl-lint:" on its line: only blanks and one comment leader, so that the
// comment is alone on its line (not a trailing comment, not text inside a string).
bool is_comment_leader_alone(std::string_view before) noexcept;

struct TargetedDirective {
  std::size_t target_line = 0;  // 0-based line of the literal it applies to
  LintDirective directive;
};

// Every directive of `s`, for the line after its comment; malformed and unknown ones go to
// `problems` instead.
std::vector<TargetedDirective> find_directives(std::string_view s, const LineIndex& lines,
                                               std::vector<ScanProblem>& problems);

}  // namespace secdesc::lint_detail
