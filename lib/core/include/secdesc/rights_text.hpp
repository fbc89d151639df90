// secdesc: access rights as people write them on a command line or in a test, for one object type.
#pragma once

#include <string_view>

#include "secdesc/access_mask.hpp"
#include "secdesc/error.hpp"
#include "secdesc/object_type.hpp"

namespace secdesc {

// Parses rights for `type`: the type's words (find_right: "map-read", "read-control", "read",
// "write", ...) separated by ',' or '|', SDDL rights letters ("GRGW", "FA", "RC"), or a hex mask
// ("0x20006"); the forms may be mixed in one list ("read|0x10"). Generic bits are kept as written
// (access_check maps them). Errors carry the offset into `text`; an unknown word gets a
// did-you-mean suggestion and the list of the type's words.
Result<AccessMask> parse_rights(std::string_view text, ObjectType type);

}  // namespace secdesc
