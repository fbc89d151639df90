#include "secdesc/diagnostic.hpp"

#include <cstdint>

#include <fmt/format.h>


namespace secdesc {

std::string_view to_string(Severity severity) noexcept {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

std::string format_diagnostic(const Diagnostic& d, DiagnosticFormat format) {
  std::string out = d.where.file;
  if (d.where.line) {
    out += fmt::format(":{}", d.where.line);
    if (d.where.column) out += fmt::format(":{}", d.where.column);
  }
  out += fmt::format(": {}: {}", to_string(d.severity), d.message);
  if (format.show_code) out += fmt::format(" [{}]", d.code);
  for (const auto& line : d.details) out += "\n  " + line;
  return out;
}

}  // namespace secdesc
