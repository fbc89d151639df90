// Internal: upper-casing of UTF-16 code units for case-insensitive claim comparison.
//
// Windows compares claim strings case-insensitively by upper-casing each UTF-16 code unit with
// its own table (RtlUpcaseUnicodeChar), then comparing code units. That table predates later
// Unicode versions: the Windows KDC vectors in access_check.tsv show U+021B, U+1E3D, U+2178,
// U+2C66, U+A66D, U+051B and U+FF46 upper-cased, and U+029E, U+025C, U+A7A7 and U+2CEC left as
// they are. unicode_case.cpp holds the ranges as data, in one place.
#pragma once

#include <string_view>

namespace secdesc::detail {

char16_t upcase(char16_t c) noexcept;

// <0, 0, >0: the two strings compared code unit by code unit after upcase() (or as they are
// when `case_sensitive`), shorter first on a common prefix.
int compare_utf16(std::u16string_view a, std::u16string_view b, bool case_sensitive) noexcept;

}  // namespace secdesc::detail
