// secdesc: positioned diagnostics, what tools show for policy files and lint findings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace secdesc {

enum class Severity : std::uint8_t { error, warning, note };
std::string_view to_string(Severity severity) noexcept;

struct SourceLocation {
  std::string file;
  std::size_t line = 0;    // 1-based; 0 when unknown
  std::size_t column = 0;  // 1-based, in characters (code points, as toml++ counts); 0 when unknown
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

struct Diagnostic {
  SourceLocation where;
  Severity severity = Severity::error;
  std::string code;                  // a stable identifier, e.g. "unknown-key", "expectation-failed"
  std::string message;
  std::vector<std::string> details;  // further lines (a trace, a hint), shown indented
};

// "file:line:column: error: message" (line and column left out when unknown), then the details
// indented by two spaces, one per line.
std::string format_diagnostic(const Diagnostic& d);

}  // namespace secdesc
