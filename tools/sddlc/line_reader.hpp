// Reading standard input line by line in large blocks, for `sddlc convert -`.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace sddlc {

// The UTF-8 byte-order mark that Windows editors and PowerShell write at the start of a file.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// Calls `on_line(line, length)` for each '\n'-terminated line of `in` (and a last line without
// one). A line is kept up to `max_kept` characters; `length` is its whole length, so a caller can
// reject an over-long line by its true size without holding it in memory. A UTF-8 byte-order mark
// at the very start of `in` is skipped (it is not part of the first line's text); anywhere else
// it is text.
template <class OnLine>
void read_lines(std::FILE* in, OnLine&& on_line, std::size_t max_kept) {
  std::string block(1 << 16, '\0');
  std::string line;
  std::size_t length = 0;
  bool pending = false;
  bool first_block = true;
  for (;;) {
    std::size_t got = std::fread(block.data(), 1, block.size(), in);
    if (got == 0) break;
    if (first_block) {
      first_block = false;
      // A pipe may deliver fewer than 3 bytes at first: read on until the BOM can be told.
      while (got < utf8_bom.size()) {
        const std::size_t more = std::fread(block.data() + got, 1, utf8_bom.size() - got, in);
        if (more == 0) break;
        got += more;
      }
      if (std::string_view(block.data(), got).starts_with(utf8_bom)) {
        block.erase(0, utf8_bom.size());
        got -= utf8_bom.size();
        block.resize(1 << 16, '\0');
      }
    }
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
