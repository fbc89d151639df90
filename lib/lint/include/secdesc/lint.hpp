// secdesc: linting one security descriptor (a LintSubject) into positioned findings.
//
// A subject is what one SDDL literal, one --sddl string or one policy table describes: the parsed
// descriptor (or the parse Error), the text and where each of its characters sits in its file,
// and what is known about the object (type, name) and about the policy's expectations. The rules
// and their messages are in lint_rules.hpp; docs/lint-rules.md describes each.
#pragma once

#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "secdesc/diagnostic.hpp"
#include "secdesc/error.hpp"
#include "secdesc/lint_rules.hpp"
#include "secdesc/object_type.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/security_descriptor.hpp"
#include "secdesc/sid.hpp"

namespace secdesc {

// Places: SourcePosition (line, column) and SourceLocation (a file plus a SourcePosition) are
// diagnostic.hpp's; a SourceMap keeps positions only, the subject names the file.

// The position of a byte column in characters, for byte-based positions in `content`. (The
// policy loader's SourceLocation columns come from toml++, which already counts code points.)
SourcePosition character_position(std::string_view content, std::size_t line,
                                  std::size_t byte_column) noexcept;

// Maps offsets in a decoded SDDL string (what the parser's Error.offset, SddlNote.offset and
// SddlSpan count) back to positions in the file, through escapes such as \\ or "" and across
// concatenated literals.
class SourceMap {
 public:
  SourceMap() = default;
  // Every offset maps to `anchor` (a descriptor without text, e.g. one built from a policy).
  static SourceMap fixed(SourcePosition anchor);
  // `text` written as is on one line from `start` (--sddl, standard input).
  static SourceMap single_line(SourcePosition start, std::string_view text);
  // One position per byte of the decoded text, plus one for the end (the scanner builds these).
  static SourceMap from_positions(std::vector<SourcePosition> positions);

  // Offsets past the end map to the end.
  SourcePosition at(std::size_t offset) const noexcept;
  SourcePosition start() const noexcept { return at(0); }

 private:
  SourcePosition anchor_;
  std::vector<SourcePosition> positions_;
};

// What a tool shows: one diagnostic at one place, the policy loader's Diagnostic type with
//   where     the file as the user named it ('/' separated), and a line and column (both >= 1)
//   code      the rule's id (to_string(rule); rule_of gives the rule back)
//   message   one line: what is wrong here, then the rule's fix
//   details   none
using Finding = Diagnostic;

// A finding of `rule` at `position` in `file`.
Finding make_finding(Rule rule, Severity severity, std::string file, SourcePosition position,
                     std::string message);

// The rule a finding reports (find_rule of its code); nullopt for a diagnostic whose code is not
// a rule id (one that did not come from the linter).
std::optional<Rule> rule_of(const Diagnostic& finding) noexcept;

// The name the object is created with, when known (Global\..., Local\...).
struct ObjectName {
  std::string name;
  std::optional<SourcePosition> position;  // where the name is written, if in the same file
};

struct LintSubject {
  std::string file;
  std::string sddl;  // the text the parser saw (escapes decoded); empty for a bare descriptor
  SourceMap source;
  // The descriptor with the parser's notes and ACE spans, or why it did not parse.
  std::variant<SddlParse, Error> parsed = Error{};
  // True when no domain SID was given and the text was parsed against the placeholder domain.
  bool placeholder_domain = false;
  std::optional<ObjectType> object_type;  // from the policy, a comment, or inferred
  // How object_type was chosen (or why there is none), copied into every finding: "policy",
  // "comment", "option" (--object or the config), "inferred" with the flow, "none" with the
  // reason. Left empty, lint_subject says "option" or "none" from the settings.
  std::optional<ObjectTypeBasis> object_type_basis;
  std::optional<ObjectName> object_name;
  // The policy's [[expect]] entries that do not hold, as the policy loader reports them
  // (expectation_failures in expectations.hpp): each becomes an expectation-failed finding at
  // its line and column, in this subject's file.
  std::vector<Diagnostic> expectation_failures;
  // A policy with a [label] and [[expect]] entries declares who may write its data channel and
  // checks it: world-writable-data (a reminder to review that choice) is then not reported.
  bool data_channel_declared = false;
  // The source hands the descriptor to a set call for the owner or group only
  // (OWNER_SECURITY_INFORMATION without DACL_SECURITY_INFORMATION): no D: is then no null DACL.
  bool sets_owner_or_group_only = false;
  // A literal from source that no call in its file is seen to take: an owner/group-only string
  // (no D:, no S:) is then a warning, not a null-DACL error (it most often sets an owner).
  bool use_unseen = false;
  // The source names the string as meant to be invalid (`$WrongSecurityDescriptorSddl`,
  // `kInvalidSddl`): a syntax error is then a note that says so. Empty otherwise.
  std::string meant_invalid_by;
  // Inline "sddl-lint: disable=..." comments: these rules (or all of them) stay silent.
  std::vector<Rule> suppressed;
  // Where the comment names each rule of `suppressed` (same order; may be shorter, then the
  // rest are not reported when they silence nothing: unused-suppression).
  std::vector<SourcePosition> suppressed_at;
  bool suppress_all = false;

  const SddlParse* parse() const noexcept { return std::get_if<SddlParse>(&parsed); }
  const Error* error() const noexcept { return std::get_if<Error>(&parsed); }
};

// The domain SID lint parses against when none is given, so that strings with DA, DU, LA, ...
// still parse; the domain-alias rule reports them.
Sid placeholder_domain_sid() noexcept;

// Parses `sddl` with `domain`, or with the placeholder domain when there is none.
LintSubject make_sddl_subject(std::string file, std::string sddl, SourceMap source,
                              const std::optional<Sid>& domain);
// A descriptor built elsewhere (a policy): every finding is reported at `position`.
LintSubject make_descriptor_subject(std::string file, SecurityDescriptor descriptor,
                                    SourcePosition position);

struct LintSettings {
  RuleSettings rules;
  std::optional<ObjectType> object;  // for subjects that do not say their type (--object)
  std::optional<Sid> domain;         // --domain-sid: silences domain-alias
};

// Runs every enabled rule on the subject; findings come sorted by position, then rule.
std::vector<Finding> lint_subject(const LintSubject& subject, const LintSettings& settings);

// Sorts by file, line, column, then rule table order.
void sort_findings(std::vector<Finding>& findings);

// True when some finding fails the run: an error, or a warning when `warnings_fail` (--werror).
bool findings_fail(const std::vector<Finding>& findings, bool warnings_fail) noexcept;

}  // namespace secdesc
