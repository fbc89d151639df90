// libFuzzer target: the lint scanner of source files, then the whole linter on what it finds.
// Byte 0 picks the language. Invariants: every literal has one position per byte plus one, every
// position (and every finding's) lies inside the file, and a second run finds the same; every
// output format is valid UTF-8 and the JSON and SARIF documents parse, whatever bytes the file
// held.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "output_invariants.hpp"
#include "secdesc/lint_format.hpp"
#include "secdesc/lint_run.hpp"
#include "secdesc/lint_scanner.hpp"

namespace {

constexpr secdesc::SourceLanguage kLanguages[] = {
    secdesc::SourceLanguage::cpp,  secdesc::SourceLanguage::csharp, secdesc::SourceLanguage::go,
    secdesc::SourceLanguage::python, secdesc::SourceLanguage::powershell,
    secdesc::SourceLanguage::json, secdesc::SourceLanguage::yaml, secdesc::SourceLanguage::inf,
    secdesc::SourceLanguage::reg,  secdesc::SourceLanguage::text};

std::size_t line_count(std::string_view s) {
  std::size_t n = 1;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const auto language = kLanguages[data[0] % std::size(kLanguages)];
  std::string_view content(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::size_t lines = line_count(content);
  const auto scan = secdesc::scan_sddl_literals(content, language);
  for (const auto& lit : scan.literals) {
    if (lit.positions.size() != lit.text.size() + 1) std::abort();
    for (const auto& p : lit.positions)
      if (p.line < 1 || p.line > lines || p.column < 1) std::abort();
  }
  const secdesc::LintSettings settings;
  const auto a = secdesc::lint_source("fuzz", content, language, settings);
  const auto b = secdesc::lint_source("fuzz", content, language, settings);
  if (a.findings != b.findings) std::abort();
  for (const auto& f : a.findings)
    if (f.where.line < 1 || f.where.line > lines || f.where.column < 1) std::abort();
  // format_findings is what sddl-lint writes (it escapes bytes that are not UTF-8 as \xNN).
  using secdesc::OutputFormat;
  secdesc_fuzz::require_text(secdesc::format_findings(a.findings, OutputFormat::text));
  secdesc_fuzz::require_text(secdesc::format_findings(a.findings, OutputFormat::github));
  secdesc_fuzz::require_json(secdesc::format_findings(a.findings, OutputFormat::json));
  secdesc_fuzz::require_json(secdesc::format_findings(a.findings, OutputFormat::sarif));
  return 0;
}
