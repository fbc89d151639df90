// secdesc: a note on text that Windows accepts but a reviewer may misread (white space, lower
// case, octal or negative numbers, ...). The SID and SDDL parsers both record them; strict mode
// turns the first one into an error. Its own header so that the SID parser, which sits below the
// SDDL codec, does not depend on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace secdesc {

struct TextNote {
  enum class Kind : std::uint8_t {
    whitespace,
    lower_case,
    octal_number,
    negative_number,
    overflowing_number,
    hex_sid_part,
    repeated_flag,
    // Recorded by strict mode only (the linter's non-strict parse does not see them): forms a
    // reviewer misreads, e.g. a decimal access mask "11" read as hex 0x11.
    decimal_number,
    upper_case_hex_prefix,
    mixed_rights,
  };
  Kind kind;
  std::size_t offset;
  std::string message;
};

}  // namespace secdesc
