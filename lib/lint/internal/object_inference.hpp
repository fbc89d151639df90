// Internal to lint: the object type and name of a literal, from the API call written near it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "secdesc/lint_scanner.hpp"
#include "secdesc/object_type.hpp"

namespace secdesc::lint_detail {

class LineIndex;

// How many lines above the literal the inference and the directive search look.
inline constexpr std::size_t kInferenceLines = 3;

// The object type an API identifier creates (CreateEventW: event), or nullopt.
std::optional<ObjectType> api_object_type(std::string_view identifier) noexcept;

// The nearest API call on `line` (0-based) or the kInferenceLines lines above it.
std::optional<ObjectTypeHint> infer_object_type(const LineIndex& lines, std::size_t line);

// The object type from the code's flow (issue #16): the name the literal [begin, end)
// initialises (constant, variable, #define, PowerShell $variable, or the function that returns
// it), then each use of that name: the ConvertStringSecurityDescriptorToSecurityDescriptor call
// that turns it into a descriptor (its &output), the SECURITY_ATTRIBUTES whose
// lpSecurityDescriptor is that descriptor, plain copies, up to the create or set call that
// consumes one of them (kFlowConsumers). The nearest consumer along that chain wins. When the
// flow ends in a call of no single type (SetKernelObjectSecurity) or in none, the result has no
// hint and `reason` says why.
struct FlowInference {
  std::optional<ObjectTypeHint> hint;
  std::string reason;
  // The set call reached passes OWNER_ or GROUP_SECURITY_INFORMATION and no
  // DACL_SECURITY_INFORMATION: the descriptor is not used whole, a missing D: is no null DACL.
  bool sets_owner_or_group_only = false;
  // The flow reached a call that takes the descriptor (with a type or without one).
  bool reaches_call = false;
};
FlowInference infer_object_type_by_flow(std::string_view content, const LineIndex& lines,
                                        std::size_t begin, std::size_t end);

// The last resort, when neither the flow nor an API near the literal says a type: a file that
// configures WinRM endpoints (a session configuration cmdlet or class, the WSMan: drive, a
// plug-in configuration, RootSDDL) holds the endpoints' SDDL, and no other kind of object's
// (those reach a call or sit near one). Nullopt for other files.
std::optional<ObjectTypeHint> infer_object_type_from_file(std::string_view content,
                                                          const LineIndex& lines);

// The name the literal at `begin` initialises (`X = "..."`, `#define X`, `$X = ...`), or "".
std::string literal_holder_name(std::string_view content, const LineIndex& lines,
                                std::size_t begin);

// `name` when one of its words (camelCase, snake_case or kebab-case) says the string it holds
// is meant to be invalid -- wrong, invalid, bad, malformed, broken, bogus, corrupt -- else "".
std::string meant_invalid_name(std::string_view name);

// True when `name`, which the literal at `begin` initialises (literal_holder_name), is appended
// to within the next lines (`s += sid;`, `s.append(...)`, `wcscat_s(s, ...)`, `s = s + ...`): a
// prefix completed at run time.
bool completed_at_run_time(const LineIndex& lines, std::size_t begin, std::string_view name);

// The name of the object a call creates: a Global\ or Local\ word from the call's line
// (`first`) to kInferenceLines lines after the literal's line (`line`), nearest to the literal
// first; "\\" (an escaped backslash) is read as one.
std::optional<ObjectName> find_object_name(const LineIndex& lines, std::size_t first,
                                           std::size_t line);

}  // namespace secdesc::lint_detail
