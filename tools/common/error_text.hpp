// How the tools print a library Error about a string the user gave: offsets in characters (code
// points, 0-based; docs/sddl.md, "Offsets") and text that stays UTF-8 (docs/sddl.md, "Output rule").
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "secdesc/error.hpp"
#include "secdesc/text_output.hpp"

namespace secdesc_tools {

// e.message with any byte that is not UTF-8 (quoted from the input) written as \xNN.
inline std::string error_message(const secdesc::Error& e) {
  return secdesc::escape_invalid_utf8(e.message);
}

// "<offset>: <message>" with the offset in characters of `input`, or "<message>" without one.
inline std::string offset_and_message(std::string_view input, const secdesc::Error& e) {
  if (!e.has_offset()) return error_message(e);
  return fmt::format("{}: {}", secdesc::code_point_offset(input, e.offset), error_message(e));
}

// "at <offset>: <message>", then the input and a caret under the place, each indented by two
// spaces; just the message when the error has no offset.
inline std::string offset_with_caret(std::string_view input, const secdesc::Error& e) {
  if (!e.has_offset()) return error_message(e);
  const std::size_t at = std::min(e.offset, input.size());
  // The caret stands under the place in the echoed (escaped) input.
  const std::string before = secdesc::escape_invalid_utf8(input.substr(0, at));
  return fmt::format("at {}: {}\n  {}\n  {}^", secdesc::code_point_offset(input, e.offset),
                     error_message(e), secdesc::escape_invalid_utf8(input),
                     std::string(secdesc::code_point_offset(before, before.size()), ' '));
}

}  // namespace secdesc_tools
