// The SDDL literal scanner's entry points: the language of a file, the scan (lexers, directives,
// object type inference, positions), and a file's bytes as text. The pieces are in lint/internal:
// source_lines.hpp (lines, positions), literal_decoder.hpp (escapes), sddl_heuristic.hpp,
// literal_collector.hpp (joining, fragments), lexer.hpp (one lexer per language family),
// directives.hpp ("sddl-lint:" comments) and object_inference.hpp (API calls, object names).
#include "secdesc/lint_scanner.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "core/internal/text.hpp"
#include "core/internal/utf.hpp"
#include "lint/internal/directives.hpp"
#include "lint/internal/lexer.hpp"
#include "lint/internal/object_inference.hpp"
#include "lint/internal/source_lines.hpp"

namespace secdesc {
namespace {

// --- extensions ---------------------------------------------------------------------------

struct ExtensionLanguage {
  std::string_view extension;  // lower case, with the dot
  SourceLanguage language;
};

using L = SourceLanguage;
constexpr std::array kExtensions{
    ExtensionLanguage{".c", L::cpp},      ExtensionLanguage{".h", L::cpp},
    ExtensionLanguage{".cc", L::cpp},     ExtensionLanguage{".cpp", L::cpp},
    ExtensionLanguage{".cxx", L::cpp},    ExtensionLanguage{".c++", L::cpp},
    ExtensionLanguage{".hh", L::cpp},     ExtensionLanguage{".hpp", L::cpp},
    ExtensionLanguage{".hxx", L::cpp},    ExtensionLanguage{".h++", L::cpp},
    ExtensionLanguage{".inl", L::cpp},    ExtensionLanguage{".ipp", L::cpp},
    ExtensionLanguage{".ixx", L::cpp},    ExtensionLanguage{".cppm", L::cpp},
    ExtensionLanguage{".rc", L::cpp},     ExtensionLanguage{".idl", L::cpp},
    ExtensionLanguage{".cs", L::csharp},  ExtensionLanguage{".go", L::go},
    ExtensionLanguage{".py", L::python},  ExtensionLanguage{".pyw", L::python},
    ExtensionLanguage{".pyi", L::python}, ExtensionLanguage{".ps1", L::powershell},
    ExtensionLanguage{".psm1", L::powershell}, ExtensionLanguage{".psd1", L::powershell},
    ExtensionLanguage{".json", L::json},  ExtensionLanguage{".jsonc", L::json},
    ExtensionLanguage{".yml", L::yaml},   ExtensionLanguage{".yaml", L::yaml},
    ExtensionLanguage{".inf", L::inf},    ExtensionLanguage{".inx", L::inf},
    ExtensionLanguage{".reg", L::reg},
};

}  // namespace

std::string_view to_string(SourceLanguage language) noexcept {
  switch (language) {
    case L::cpp: return "cpp";
    case L::csharp: return "csharp";
    case L::go: return "go";
    case L::python: return "python";
    case L::powershell: return "powershell";
    case L::json: return "json";
    case L::yaml: return "yaml";
    case L::inf: return "inf";
    case L::reg: return "reg";
    case L::text: return "text";
  }
  return "text";
}

SourceLanguage language_for_path(std::string_view path) noexcept {
  const std::size_t slash = path.find_last_of("/\\");
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return L::text;
  const std::string_view ext = name.substr(dot);
  for (const auto& row : kExtensions) {
    if (row.extension.size() != ext.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < ext.size(); ++i)
      same &= detail::ascii_lower(ext[i]) == row.extension[i];
    if (same) return row.language;
  }
  return L::text;
}

ScanResult scan_sddl_literals(std::string_view content, SourceLanguage language) {
  ScanResult result;
  const lint_detail::LineIndex lines(content);
  std::vector<lint_detail::Piece> pieces = lint_detail::lex_literals(content, language, lines);
  std::vector<lint_detail::TargetedDirective> directives =
      lint_detail::find_directives(content, lines, result.problems);
  lint_detail::PositionCursor cursor(lines);
  result.literals.reserve(pieces.size());
  for (lint_detail::Piece& p : pieces) {
    SddlLiteral lit;
    lit.positions.reserve(p.offsets.size());
    for (std::uint32_t off : p.offsets) lit.positions.push_back(cursor.at(off));
    lit.text = std::move(p.text);
    const std::size_t line = lines.line_of(p.begin);
    for (const auto& d : directives)
      if (d.target_line == line) lit.directives.push_back(d.directive);
    // The call the literal flows into wins over API names written near it (issue #16).
    lint_detail::FlowInference flow =
        lint_detail::infer_object_type_by_flow(content, lines, p.begin, p.end);
    lit.sets_owner_or_group_only = flow.sets_owner_or_group_only;
    lit.use_unseen = !flow.reaches_call;
    const std::string holder = lint_detail::literal_holder_name(content, lines, p.begin);
    lit.completed_at_run_time = lint_detail::completed_at_run_time(lines, p.begin, holder);
    lit.inferred_type = std::move(flow.hint);
    if (!lit.inferred_type) lit.inferred_type = lint_detail::infer_object_type(lines, line);
    if (!lit.inferred_type) lit.inferred_type = lint_detail::infer_object_type_from_file(content, lines);
    if (!lit.inferred_type) lit.no_type_reason = std::move(flow.reason);
    lit.meant_invalid_by = lint_detail::meant_invalid_name(holder);
    if (lit.inferred_type)
      lit.object_name = lint_detail::find_object_name(
          lines, std::min(lit.inferred_type->line - 1, line), line);
    result.literals.push_back(std::move(lit));
  }
  return result;
}

std::vector<std::string> explain_object_types(std::string_view display_name,
                                              std::string_view content, SourceLanguage language) {
  std::vector<std::string> out;
  for (const SddlLiteral& lit : scan_sddl_literals(content, language).literals) {
    const SourcePosition at = lit.positions.empty() ? SourcePosition{} : lit.positions.front();
    std::string line = std::string(display_name) + ":" + std::to_string(at.line) + ":" +
                       std::to_string(at.column) + ": ";
    line += lit.inferred_type ? lit.inferred_type->evidence : "no type: " + lit.no_type_reason;
    out.push_back(std::move(line));
  }
  return out;
}

std::optional<std::string> decode_source_text(std::string_view bytes) {
  auto has_nul = [](std::string_view b) {
    return b.substr(0, 8192).find('\0') != std::string_view::npos;
  };
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  bool le = bytes.starts_with("\xFF\xFE"), be = bytes.starts_with("\xFE\xFF");
  std::size_t first = 2;  // after the BOM
  if (!le && !be) {
    if (!has_nul(bytes)) return std::string(bytes);
    // UTF-16 without a BOM (issue #16: such files were skipped as binary): mostly-ASCII text
    // has a NUL in every other byte, the odd ones for little-endian, the even ones for big.
    const std::string_view head = bytes.substr(0, 8192);
    std::size_t nul_even = 0, nul_odd = 0;
    for (std::size_t i = 0; i < head.size(); ++i)
      if (head[i] == '\0') ++(i % 2 == 0 ? nul_even : nul_odd);
    const std::size_t half = head.size() / 2;
    constexpr std::size_t kMostly = 9;  // 9 in 10
    if (head.size() % 2 != 0 && head.size() == bytes.size()) return std::nullopt;
    le = nul_odd * 10 >= half * kMostly && nul_even * 10 < half;
    be = nul_even * 10 >= half * kMostly && nul_odd * 10 < half;
    if (!le && !be) return std::nullopt;
    first = 0;
  }
  std::string out;
  out.reserve(bytes.size() / 2);
  auto unit = [&](std::size_t i) -> std::uint32_t {
    const auto lo = static_cast<unsigned char>(bytes[le ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(bytes[le ? i + 1 : i]);
    return static_cast<std::uint32_t>(lo | (hi << 8));
  };
  for (std::size_t i = first; i + 1 < bytes.size(); i += 2) {
    std::uint32_t cp = unit(i);
    if (cp == 0) return std::nullopt;
    if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < bytes.size()) {
      const std::uint32_t low = unit(i + 2);
      if (low >= 0xDC00 && low < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
    }
    detail::append_utf8(out, cp);
  }
  return out;
}

}  // namespace secdesc
