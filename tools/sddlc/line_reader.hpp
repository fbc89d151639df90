// Reading standard input line by line in large blocks, for `sddlc convert -`.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace sddlc {

// Calls `on_line(line, length)` for each '\n'-terminated line of `in` (and a last line without
// one). A line is kept up to `max_kept` characters; `length` is its whole length, so a caller can
// reject an over-long line by its true size without holding it in memory.
template <class OnLine>
void read_lines(std::FILE* in, OnLine&& on_line, std::size_t max_kept) {
  std::string block(1 << 16, '\0');
  std::string line;
  std::size_t length = 0;
  bool pending = false;
  for (;;) {
    const std::size_t got = std::fread(block.data(), 1, block.size(), in);
    if (got == 0) break;
    std::string_view rest(block.data(), got);
    while (!rest.empty()) {
      const std::size_t newline = rest.find('\n');
      const std::string_view part = rest.substr(0, newline);
      if (line.size() < max_kept) line.append(part.substr(0, max_kept - line.size()));
      length += part.size();
      pending = true;
      if (newline == std::string_view::npos) break;
      on_line(std::string_view(line), length);
      line.clear();
      length = 0;
      pending = false;
      rest.remove_prefix(newline + 1);
    }
  }
  if (pending) on_line(std::string_view(line), length);
}

}  // namespace sddlc
