// Internal to lint: the scanner's view of a file's text: character classes, the index of line
// starts, and file offsets as positions (line, column in characters).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string_view>
#include <vector>

#include "secdesc/lint.hpp"
#include "core/internal/text.hpp"

namespace secdesc::lint_detail {

constexpr bool is_ident_start(char c) noexcept { return detail::is_alpha(c) || c == '_'; }
constexpr bool is_ident_char(char c) noexcept { return is_ident_start(c) || detail::is_digit(c); }
constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r'; }
constexpr bool is_space(char c) noexcept { return is_blank(c) || c == '\n' || c == '\f' || c == '\v'; }

// Line starts of a text, found once; lines are 0-based here, 1-based in positions.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    const char* base = text.data();
    const char* p = base;
    const char* end = base + text.size();
    while (p < end) {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
      if (!nl) break;
      p = static_cast<const char*>(nl) + 1;
      starts_.push_back(static_cast<std::size_t>(p - base));
    }
  }

  std::size_t count() const noexcept { return starts_.size(); }
  std::size_t line_of(std::size_t offset) const noexcept {
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    return static_cast<std::size_t>(it - starts_.begin()) - 1;
  }
  std::size_t start(std::size_t line) const noexcept { return starts_[line]; }
  // The line's text without its '\n' (and without a '\r' before it).
  std::string_view line(std::size_t index) const noexcept {
    std::size_t b = starts_[index];
    std::size_t e = index + 1 < starts_.size() ? starts_[index + 1] - 1 : text_.size();
    if (e > b && text_[e - 1] == '\r') --e;
    return text_.substr(b, e - b);
  }
  std::size_t end(std::size_t index) const noexcept { return start(index) + line(index).size(); }

  SourcePosition position(std::size_t offset) const noexcept {
    const std::size_t line = line_of(offset);
    return SourcePosition{line + 1, 1 + code_points(start(line), offset)};
  }

  // Characters (UTF-8 code points) in [from, to).
  std::size_t code_points(std::size_t from, std::size_t to) const noexcept {
    std::size_t n = 0;
    for (std::size_t i = from; i < to && i < text_.size(); ++i)
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++n;
    return n;
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

// Positions for many offsets, mostly increasing: counts characters from the last one.
class PositionCursor {
 public:
  explicit PositionCursor(const LineIndex& lines) : lines_(lines) {}
  SourcePosition at(std::size_t offset) {
    if (!valid_ || offset < offset_ ||
        (line_ + 1 < lines_.count() && offset >= lines_.start(line_ + 1))) {
      line_ = lines_.line_of(offset);
      offset_ = lines_.start(line_);
      column_ = 1;
      valid_ = true;
    }
    column_ += lines_.code_points(offset_, offset);
    offset_ = offset;
    return SourcePosition{line_ + 1, column_};
  }

 private:
  const LineIndex& lines_;
  bool valid_ = false;
  std::size_t line_ = 0, offset_ = 0, column_ = 1;
};
}  // namespace secdesc::lint_detail
