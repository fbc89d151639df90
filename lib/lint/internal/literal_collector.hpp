// Internal to lint: what the lexers hand their literals to. It joins adjacent literals where the
// language does ("a" "b" in C++ and Python), decodes those that start like SDDL, drops pieces of
// '+' concatenations, and keeps the ones that look like SDDL (looks_like_sddl).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "secdesc/lint_scanner.hpp"
#include "lint/internal/literal_decoder.hpp"

namespace secdesc::lint_detail {

class Collector {
 public:
  Collector(std::string_view s, SourceLanguage language);

  // A quoted literal: [begin, end) in the file with its quotes and prefix, content [cb, ce).
  void literal(std::size_t begin, std::size_t end, std::size_t cb, std::size_t ce,
               Escapes escapes, char quote);
  // An unquoted candidate (plain scalars, INF values, words in text): never joined.
  void bare(std::size_t b, std::size_t e);
  // A string inside a multi-line literal (an XML attribute value in a here-string): content
  // [cb, ce) decoded with its literal's escapes; never joined.
  void embedded(std::size_t cb, std::size_t ce, Escapes escapes, char quote);
  // Ends a run of adjacent literals.
  void flush();
  // The accepted literals, in file order.
  std::vector<Piece> take();

 private:
  bool starts_like_sddl(std::size_t b, std::size_t e) const noexcept;
  // Only white space and comments between two literals (they are one string then).
  bool blank_between(std::size_t from, std::size_t to) const noexcept;
  // A piece of a string built with '+' ("D:(A;;GA;;;" + sid + ")") is not SDDL on its own.
  bool is_fragment(const Piece& p) const noexcept;
  void accept(Piece p, bool check_fragment);

  std::string_view s_;
  SourceLanguage language_;
  bool joins_;
  bool fragments_;
  bool has_last_ = false;
  std::size_t last_end_ = 0;
  std::optional<Piece> pending_;
  std::vector<Piece> accepted_;
};

}  // namespace secdesc::lint_detail
