// secdesc: finding SDDL literals in source and text files, for sddl-lint.
//
// The scanner knows each language's string syntax (escapes, raw strings, comments) well enough to
// decode a literal and to map every decoded byte back to its line and column; a heuristic
// (looks_like_sddl) keeps the strings that are SDDL. docs/lint-rules.md ("Where sddl-lint looks")
// lists what each language contributes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/lint.hpp"
#include "secdesc/object_type.hpp"

namespace secdesc {

enum class SourceLanguage : std::uint8_t {
  cpp,         // C, C++ (and .rc, .idl): "..", L"..", u8"..", R"d(..)d", adjacent literals join
  csharp,      // "..", @"..", $".." (skipped when it has holes), """...""" (and markup
               // attribute values inside verbatim and raw strings)
  go,          // "..", `..`
  python,      // '..', "..", '''..''', """..""", prefixes r b u f; adjacent literals join;
               // markup attribute values inside triple-quoted strings
  powershell,  // '..', "..", @'..'@, @".."@ (and markup attribute values inside them);
               // strings with $variables are skipped
  json,        // string values (keys are skipped); // and /* */ comments are allowed
  yaml,        // plain, '..' and ".." scalars
  inf,         // ".." strings and unquoted values after '='
  reg,         // ".." values after '='
  text,        // anything else: '..', "..", `..` on one line, and bare words starting with X:
};

std::string_view to_string(SourceLanguage language) noexcept;
// By the file name's extension (case-insensitive); `text` when unknown.
SourceLanguage language_for_path(std::string_view path) noexcept;

// The SDDL heuristic: after optional spaces, a section tag O: G: D: or S: and then either a
// complete ACE "(X;...;...)" (type of one or two letters, at least two ';', closed by ')'), or
// nothing but sections: O:/G: with an alias or S-1-..., D:/S: with flags P AI AR
// NO_ACCESS_CONTROL, at least one of them not empty. A lower-case tag counts only with an ACE.
// Strings with { } % or $ are templates (format strings, interpolation), and no SDDL has a
// backslash ("D:\\data", a printf format's "\n"): those are never SDDL.
bool looks_like_sddl(std::string_view text) noexcept;

// An inline "sddl-lint:" comment, alone on its line; it applies to the literal that starts on
// the next line.
struct LintDirective {
  enum class Kind : std::uint8_t { disable, object };
  Kind kind = Kind::disable;
  std::vector<std::string> values;  // rule IDs (none: every rule), or one object type word
  SourcePosition position;          // of the word (disable, object) in the comment
  std::vector<SourcePosition> value_positions;  // of each of `values` in the comment
};

// The object type a nearby API call suggests ("CreateEventW" two lines up: event).
struct ObjectTypeHint {
  ObjectType type = ObjectType::section;
  std::string api;  // the identifier that matched
  std::size_t line = 0;
  // How the type was found, for --explain-type and JSON: the flow from the literal to the call
  // that consumes it ("kPipe -> ConvertStringSecurityDescriptorToSecurityDescriptorW(&sd) ->
  // sa.lpSecurityDescriptor -> CreateNamedPipeW at line 42"), or "CreateEventW near line 3".
  std::string evidence;
};

struct SddlLiteral {
  std::string text;                        // decoded, adjacent literals joined
  std::vector<SourcePosition> positions;   // one per byte of text, plus one for the end
  std::vector<LintDirective> directives;   // from the line before
  std::optional<ObjectTypeHint> inferred_type;
  // Without an inferred type: why not (the flow reached a call of no known type, or no call).
  std::string no_type_reason;
  // The literal initialises a name that is appended to soon after (`s += sid;`): only a prefix
  // of the SDDL, completed at run time, so it is not linted.
  bool completed_at_run_time = false;
  // The flow reaches a set call for the owner or group only (OWNER_SECURITY_INFORMATION without
  // DACL_SECURITY_INFORMATION): a missing D: is not a null DACL there.
  bool sets_owner_or_group_only = false;
  // No call in the file takes the descriptor as far as the flow sees (no create, set, convert
  // or other consumer reached): nothing shows the string used as a whole descriptor.
  bool use_unseen = false;
  // The name the literal initialises when its words say the string is meant to be invalid
  // (wrong, invalid, bad, malformed, broken, bogus, corrupt): a negative test's input.
  std::string meant_invalid_by;
  // The name the inferred call creates the object with (Global\... or Local\...), when written
  // between the call's line and three lines after the literal.
  std::optional<ObjectName> object_name;
};

struct ScanProblem {
  SourcePosition position;
  std::string message;
};

struct ScanResult {
  std::vector<SddlLiteral> literals;
  std::vector<ScanProblem> problems;  // malformed sddl-lint comments
};

// `content` is UTF-8 (see decode_source_text). Lines end at '\n'; a '\r' before it is ignored.
ScanResult scan_sddl_literals(std::string_view content, SourceLanguage language);

// sddl-lint --explain-type: one line per literal, "FILE:LINE:COL: TYPE: EVIDENCE" or
// "FILE:LINE:COL: no type: REASON" (the type the rules use unless a comment or --object says
// otherwise).
std::vector<std::string> explain_object_types(std::string_view display_name,
                                              std::string_view content, SourceLanguage language);

// File bytes to UTF-8 text: a UTF-8 BOM is dropped, UTF-16 with a BOM (regedit's .reg files,
// PowerShell scripts) is converted, and so is UTF-16 without a BOM (a NUL in nine of ten odd
// bytes, little-endian, or even bytes, big-endian, of the first 8 KiB, and few in the others);
// nullopt for other binary files (a NUL byte in the first 8 KiB).
std::optional<std::string> decode_source_text(std::string_view bytes);

}  // namespace secdesc
