// Internal: "did you mean ...?" for misspelt keys and names in the text parsers.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/internal/text.hpp"

namespace secdesc::detail {

// Case-insensitive Levenshtein distance (small inputs only: keys, names).
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      std::size_t cost = ascii_upper(a[i - 1]) == ascii_upper(b[j - 1]) ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The closest candidate when it is close enough to be a plausible typo (at most a third of the
// word's letters differ, and at least one may), else nullopt.
template <class Range>
std::optional<std::string> closest_match(std::string_view word, const Range& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(1, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    std::string_view candidate(c);
    // A candidate that merely continues the word ("no-write" -> "no-write-up") is close too.
    const bool continues = candidate.size() > word.size() && !word.empty() &&
                           edit_distance(candidate.substr(0, word.size()), word) == 0;
    std::size_t d = continues ? 1 : edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
  }
  return best;
}

// " (did you mean 'x'?)" or "".
template <class Range>
std::string did_you_mean(std::string_view word, const Range& candidates) {
  auto match = closest_match(word, candidates);
  if (!match) return {};
  return " (did you mean '" + *match + "'?)";
}

}  // namespace secdesc::detail
