// Output invariants every fuzz target that writes text or JSON checks (issue #18): whatever the
// input, SDDL text and every other text output is valid UTF-8, and every JSON document parses.
// A violation aborts, so libFuzzer keeps the input as a reproducer.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/internal/utf.hpp"

namespace secdesc_fuzz {

inline bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size())
    if (!secdesc::detail::next_utf8(text, i)) return false;
  return true;
}

// Text: valid UTF-8. JSON: valid UTF-8 and a document nlohmann's strict parser accepts.
inline void require_text(std::string_view text) {
  if (!is_valid_utf8(text)) std::abort();
}
inline void require_json(std::string_view json) {
  require_text(json);
  if (!nlohmann::json::accept(json)) std::abort();
}

}  // namespace secdesc_fuzz
