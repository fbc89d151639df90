// The collector: literals from the lexers in, accepted SDDL strings out.
#include "lint/internal/literal_collector.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/internal/text.hpp"
#include "lint/internal/sddl_heuristic.hpp"
#include "lint/internal/source_lines.hpp"

namespace secdesc::lint_detail {

using L = SourceLanguage;

Collector::Collector(std::string_view s, SourceLanguage language)
    : s_(s), language_(language),
      joins_(language == L::cpp || language == L::python),
      fragments_(language == L::cpp || language == L::csharp || language == L::go ||
                 language == L::python || language == L::powershell) {}

void Collector::literal(std::size_t begin, std::size_t end, std::size_t cb, std::size_t ce,
                        Escapes escapes, char quote) {
  if (joins_ && has_last_ && blank_between(last_end_, begin)) {
    last_end_ = end;
    if (pending_) {
      pending_->offsets.pop_back();  // the joined string has one end: the last literal's
      decode_literal(s_, cb, ce, escapes, quote, *pending_);
      pending_->end = end;
    }
    return;
  }
  flush();
  has_last_ = true;
  last_end_ = end;
  if (!starts_like_sddl(cb, ce)) return;
  pending_.emplace();
  pending_->begin = begin;
  pending_->end = end;
  decode_literal(s_, cb, ce, escapes, quote, *pending_);
  if (!joins_) flush();
}

void Collector::bare(std::size_t b, std::size_t e) {
  flush();
  has_last_ = false;
  if (!starts_like_sddl(b, e)) return;
  Piece p;
  p.begin = b;
  p.end = e;
  decode_literal(s_, b, e, Escapes::none, '\0', p);
  accept(std::move(p), false);
}

void Collector::embedded(std::size_t cb, std::size_t ce, Escapes escapes, char quote) {
  flush();
  has_last_ = false;
  if (!starts_like_sddl(cb, ce)) return;
  Piece p;
  p.begin = cb;
  p.end = ce;
  decode_literal(s_, cb, ce, escapes, quote, p);
  accept(std::move(p), false);
}

void Collector::flush() {
  if (!pending_) return;
  Piece p = std::move(*pending_);
  pending_.reset();
  accept(std::move(p), fragments_);
}

std::vector<Piece> Collector::take() {
  flush();
  return std::move(accepted_);
}

bool Collector::starts_like_sddl(std::size_t b, std::size_t e) const noexcept {
  while (b < e && s_[b] == ' ') ++b;
  if (b + 1 >= e || s_[b + 1] != ':') return false;
  const char c = detail::ascii_upper(s_[b]);
  return is_tag(c);
}

bool Collector::blank_between(std::size_t from, std::size_t to) const noexcept {
  // TEXT("O:NS") TEXT("D:") ... is one string too (the macro only adds the L prefix): a ')'
  // closing one wrapper and a TEXT( opening the next count as blank, in pairs.
  constexpr std::array<std::string_view, 4> kWrappers{"TEXT", "_T", "__TEXT", "_TEXT"};
  int closes = 0, opens = 0;
  std::size_t i = from;
  while (i < to) {
    const char c = s_[i];
    if (is_space(c)) {
      ++i;
    } else if (language_ == L::cpp && c == ')' && closes == 0) {
      ++closes;
      ++i;
    } else if (language_ == L::cpp && is_ident_start(c) && closes == 1 && opens == 0) {
      std::size_t j = i;
      while (j < to && is_ident_char(s_[j])) ++j;
      const std::string_view word = s_.substr(i, j - i);
      if (j >= to || s_[j] != '(' ||
          std::find(kWrappers.begin(), kWrappers.end(), word) == kWrappers.end())
        return false;
      ++opens;
      i = j + 1;
    } else if (language_ == L::cpp && c == '/' && i + 1 < to && s_[i + 1] == '/') {
      while (i < to && s_[i] != '\n') ++i;
    } else if (language_ == L::cpp && c == '/' && i + 1 < to && s_[i + 1] == '*') {
      std::size_t e = s_.find("*/", i + 2);
      if (e == std::string_view::npos || e + 2 > to) return false;
      i = e + 2;
    } else if (language_ == L::python && c == '#') {
      while (i < to && s_[i] != '\n') ++i;
    } else if (language_ == L::python && c == '\\' && i + 1 < to && is_space(s_[i + 1])) {
      ++i;
    } else {
      return false;
    }
  }
  return closes == opens;
}

bool Collector::is_fragment(const Piece& p) const noexcept {
  std::size_t i = p.begin;
  while (i > 0 && is_space(s_[i - 1])) --i;
  if (i > 0 && s_[i - 1] == '+') return true;
  std::size_t j = p.end;
  while (j < s_.size() && is_space(s_[j])) ++j;
  return j < s_.size() && s_[j] == '+';
}

void Collector::accept(Piece p, bool check_fragment) {
  if (check_fragment && is_fragment(p)) return;
  if (!looks_like_sddl(p.text)) return;
  accepted_.push_back(std::move(p));
}

}  // namespace secdesc::lint_detail
