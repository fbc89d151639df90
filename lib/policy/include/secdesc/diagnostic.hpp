// secdesc: positioned diagnostics, what tools show for policy files and lint findings.
//
// ONE finding type for the whole project: the policy loader's errors, failed [[expect]] entries
// and sddl-lint's findings are all Diagnostics (lint's `Finding` is this type, with the rule id
// as `code`), placed by a SourceLocation and printed by format_diagnostic.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace secdesc {

enum class Severity : std::uint8_t { error, warning, note };
std::string_view to_string(Severity severity) noexcept;

// A line and column in a file named elsewhere: 1-based line, and 1-based column counted in
// characters (UTF-8 code points; a TAB is one character), so "column 5" is the fifth character
// of the line in any editor. A SourceLocation is a file name plus one of these; lint's SourceMap
// keeps one per byte of text, where a file name each would cost too much.
struct SourcePosition {
  std::size_t line = 1;
  std::size_t column = 1;
  friend auto operator<=>(const SourcePosition&, const SourcePosition&) = default;
};

struct SourceLocation {
  std::string file;
  std::size_t line = 0;    // 1-based; 0 when unknown
  std::size_t column = 0;  // 1-based, in characters (code points, as toml++ counts); 0 when unknown

  // `position` in `file`.
  static SourceLocation at(std::string file, SourcePosition position) {
    return SourceLocation{std::move(file), position.line, position.column};
  }
  // The line and column, an unknown one (0) as 1: the start of the file or of the line, which is
  // where tools that need a position (sddl-lint's formats) put what has none.
  SourcePosition position() const noexcept {
    return line == 0 ? SourcePosition{} : SourcePosition{line, column ? column : 1};
  }

  // By file name, then line, then column.
  friend auto operator<=>(const SourceLocation&, const SourceLocation&) = default;
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

// What a diagnostic about a descriptor read the descriptor's rights as: the object type and how
// it was chosen. sddl-lint's --format json reports it; the text formats do not show it.
struct ObjectTypeBasis {
  std::string type;      // "named-pipe"; empty: no type, so only generic and standard rights judged
  std::string source;    // "policy", "comment", "option", "inferred" or "none"
  std::string evidence;  // where it was said, the flow that gave it, or why there is none
  friend bool operator==(const ObjectTypeBasis&, const ObjectTypeBasis&) = default;
};

struct Diagnostic {
  SourceLocation where;
  Severity severity = Severity::error;
  std::string code;                  // a stable identifier, e.g. "unknown-key", "expectation-failed"
                                     // or an sddl-lint rule id
  std::string message;
  std::vector<std::string> details;  // further lines (a trace, a hint), shown indented
  std::optional<ObjectTypeBasis> object_type;  // for a finding about a descriptor (sddl-lint)
  // No ordering: sddl-lint sorts by where, then by its rule table (sort_findings), not by code.
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

struct DiagnosticFormat {
  // Appends " [code]" to the message, as sddl-lint's text output names the rule.
  bool show_code = false;
};

// "file:line:column: error: message" (line and column left out when unknown; " [code]" after
// the message with show_code), then the details indented by two spaces, one per line.
std::string format_diagnostic(const Diagnostic& d, DiagnosticFormat format = {});

}  // namespace secdesc
