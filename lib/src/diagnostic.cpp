#include "secdesc/diagnostic.hpp"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include "text.hpp"

namespace secdesc {

std::string_view to_string(Severity severity) noexcept {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.where.file;
  if (d.where.line) {
    out += fmt::format(":{}", d.where.line);
    if (d.where.column) out += fmt::format(":{}", d.where.column);
  }
  out += fmt::format(": {}: {}", to_string(d.severity), d.message);
  for (const auto& line : d.details) out += "\n  " + line;
  return out;
}

std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates) {
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      cur[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        std::size_t cost = detail::ascii_upper(a[i - 1]) == detail::ascii_upper(b[j - 1]) ? 0 : 1;
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      }
      std::swap(prev, cur);
    }
    return prev[b.size()];
  };
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (auto c : candidates) {
    // A candidate that merely continues the word ("no-write" -> "no-write-up") is close.
    std::size_t d = c.size() > word.size() && detail::iequals(c.substr(0, word.size()), word)
                        ? 1
                        : distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = std::string(c);
    }
  }
  return best;
}

}  // namespace secdesc
