// The fields every JSON output of the tools carries (docs/schemas/README.md): the version of the
// output's schema, bumped on any change to the output's shape, and the version of secdesc that
// wrote it.
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "secdesc/version.hpp"

namespace secdesc_tools {

// The schema_version of each JSON output; docs/schemas/<output>.schema.json holds the same value.
inline constexpr int convert_schema_version = 2;  // sddlc convert --to json
inline constexpr int check_schema_version = 1;    // sddlc check --format json
inline constexpr int compile_schema_version = 2;  // sddlc compile --emit json (each element)
inline constexpr int diff_schema_version = 2;     // sddlc diff --format json
inline constexpr int explain_schema_version = 1;  // sddlc explain --format json

// `object` (a serialized JSON object, "{...}") with schema_version and tool_version first.
// Spliced as text: the objects come from nlohmann::json's dump, and sddlc convert writes one per
// input line, where parsing each one again would cost more than the conversion.
inline std::string stamp_json_object(std::string_view object, int schema_version) {
  std::string out = fmt::format(R"({{"schema_version":{},"tool_version":"{}")", schema_version,
                                secdesc::version);
  if (object.size() > 2) out += ',';  // a non-empty object: its members follow
  out += object.substr(1);
  return out;
}

}  // namespace secdesc_tools
