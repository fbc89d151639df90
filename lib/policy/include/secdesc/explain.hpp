// secdesc: a security descriptor explained for a reviewer: every ACE in words for the object
// type, the mandatory label and what it means for lower-integrity callers, and an
// effective-access matrix (token classes x the type's rights) whose every cell is the access
// check's answer with the trace line that decides it. `sddlc explain` renders it
// (docs/review.md).
//
// Nothing here evaluates access a second time: the matrix cells, the label's limit and the
// deciding reasons all come from access_check() and its trace.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "secdesc/access_diff.hpp"
#include "secdesc/access_mask.hpp"
#include "secdesc/conditional.hpp"
#include "secdesc/error.hpp"
#include "secdesc/object_type.hpp"
#include "secdesc/principal_names.hpp"
#include "secdesc/security_descriptor.hpp"
#include "secdesc/sid.hpp"
#include "secdesc/token.hpp"

namespace secdesc {

// A SID as a reviewer reads it.
struct ExplainedSid {
  Sid sid;
  std::string text;   // principal_text: the alias, "S-1-5-80-... (NT SERVICE\\AcmeSync)", ...
  std::string words;  // describe_sid: "IU: NT AUTHORITY\\INTERACTIVE", "capability SID of ..."
};

// One ACE of the DACL or the SACL.
struct AceExplanation {
  AclKind acl = AclKind::dacl;
  std::size_t index = 0;  // in its ACL, as the access check's trace numbers it
  std::string sddl;       // the ACE in SDDL
  // "allow", "deny", "audit", "alarm", "label", "resource-attribute", "scoped-policy",
  // "process-trust-label", "access-filter"; callback ACEs are "allow"/"deny"/"audit" with a
  // condition.
  std::string kind;
  ExplainedSid who;
  AccessMask mask = 0;      // as written (generic bits kept)
  AccessMask mapped = 0;    // after the type's generic mapping
  std::string rights;       // describe_rights(mapped, type); for a label, its policy in words
  std::vector<std::string> inheritance;  // "applies to this object and child containers", ...
  std::optional<ConditionalExpression> condition;
  std::string condition_sddl;   // empty without a condition
  std::string condition_words;  // the condition in words, with what TRUE/FALSE/UNKNOWN do
  std::string summary;          // one sentence: who, allowed or denied, what, when
};

// The mandatory label and its effect.
struct LabelExplanation {
  bool present = false;        // false: no ML ACE; the object counts as Medium, default policy
  std::optional<std::size_t> sacl_index;
  Sid level = sids::medium_integrity;
  std::string level_name;      // "medium"
  AccessMask policy = 0;       // NW NR NX bits
  std::string policy_letters;  // "NW", "NWNR", "" when none
  std::vector<std::string> policy_words;  // "no-write-up: ...", ...
  std::string meaning;         // one sentence for callers below `level`
  // The access check's integrity lines for a caller just below `level` (what it gets at most).
  std::vector<std::string> check_lines;
};

// A column of the matrix: one right the type names.
struct MatrixColumn {
  std::string word;      // "map-read"
  AccessMask mask = 0;
  std::string constant;  // "SECTION_MAP_READ"
};

// Why a cell is what it is, in a word a table can hold; `trace` has the whole lines.
enum class CellReason : std::uint8_t {
  ace,           // granted by a DACL ACE (ace_index)
  owner,         // granted: the owner's implied READ_CONTROL / WRITE_DAC
  null_dacl,     // granted: a null DACL grants everything
  privilege,     // granted or refused by a privilege (SeSecurityPrivilege, SeTakeOwnership)
  deny_ace,      // denied by a deny ACE (ace_index)
  integrity,     // removed by mandatory integrity control (the label)
  restricted,    // not granted to any restricting SID
  appcontainer,  // not granted to any AppContainer SID of the token
  no_ace,        // no ACE grants it
};
std::string_view to_string(CellReason reason) noexcept;

struct MatrixCell {
  bool granted = false;
  CellReason reason = CellReason::no_ace;
  std::optional<std::size_t> ace_index;  // for ace and deny_ace
  std::vector<std::string> trace;        // the deciding trace lines
  // "ACE #2", "deny ACE #0", "label", "no ACE", ...
  std::string short_reason() const;
};

struct MatrixRow {
  DiffPrincipalKind kind = DiffPrincipalKind::preset;
  std::string name;        // DiffPrincipal::name
  std::string token_spec;  // the same token as `sddlc check --token` reads it
  std::string token_words; // describe_token
  std::vector<MatrixCell> cells;  // one per column
};

struct DescriptorExplanation {
  ObjectType type = ObjectType::file;
  std::string sddl;
  std::optional<ExplainedSid> owner;
  std::optional<ExplainedSid> group;
  std::vector<std::string> control_words;  // "DACL protected: no inheritance from the parent", ...
  std::string dacl_words;  // "absent: everyone gets everything", "null: ...", "N ACEs", "empty: ..."
  std::string sacl_words;
  std::vector<AceExplanation> aces;  // DACL first, then SACL, each in ACL order
  LabelExplanation label;
  std::vector<MatrixColumn> columns;
  std::vector<MatrixRow> rows;
};

struct ExplainOptions {
  SidContext context;
  std::vector<NamedPrincipal> names{};  // Policy::names, so derived SIDs read as written
};

// The matrix columns of a type: its specific rights, then the standard rights it has (DELETE,
// READ_CONTROL, WRITE_DAC, WRITE_OWNER, and SYNCHRONIZE where the type supports it), one bit
// each, in the order of the type's table.
std::vector<MatrixColumn> matrix_columns(ObjectType type);

// Explains `sd` as an object of `type`. The matrix rows are the callers `sddlc diff` compares
// (diff_principals: the presets -- low, medium and high integrity users, administrators,
// SYSTEM, the service accounts, anonymous, an AppContainer, a restricted token --, AppContainers
// without and with each capability the DACL names, a token holding each one SID the DACL names,
// and a caller holding none of them), without the diff's SID pairs and integrity probes. Each
// cell is access_check() for that right alone. Fails (invalid_argument) when the access check
// refuses to answer (AccessCheckResult::refusal).
Result<DescriptorExplanation> explain_descriptor(const SecurityDescriptor& sd, ObjectType type,
                                                 const ExplainOptions& options = {});

// A condition in words: "the caller is a member of LU (BUILTIN\\Performance Log Users) or the
// device claim Compliance equals \"Compliant\"".
std::string condition_in_words(const ConditionalExpression& expression,
                               const SidContext& context = {});

}  // namespace secdesc
