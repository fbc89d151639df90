// secdesc: what a descriptor change does to access ("who gains what"), compared by the access
// check rather than by text: two descriptors that grant every caller the same rights are equal
// here however differently they are written (GRGW vs GWGR, reordered allow ACEs, generic vs
// specific rights). docs/review.md says which callers are compared and why they suffice.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "secdesc/access_mask.hpp"
#include "secdesc/error.hpp"
#include "secdesc/object_type.hpp"
#include "secdesc/principal_names.hpp"
#include "secdesc/security_descriptor.hpp"
#include "secdesc/sid.hpp"
#include "secdesc/token.hpp"

namespace secdesc {

// Where a compared caller comes from.
enum class DiffPrincipalKind : std::uint8_t {
  preset,       // a token_presets() token (interactive-user, low-integrity-user, admin, ...)
  appcontainer, // an AppContainer token without capabilities, or with one capability SID
  sid,          // a token holding exactly one SID of either descriptor, at Medium integrity
  combination,  // two such SIDs, and/or an integrity level around a mandatory label's level
};

std::string_view to_string(DiffPrincipalKind kind) noexcept;

// A caller the diff compares: a token, and its name as the report writes it.
struct DiffPrincipal {
  DiffPrincipalKind kind = DiffPrincipalKind::preset;
  std::string name;  // "interactive-user", "SID IU", "appcontainer + capability S-1-15-3-1", ...
  Token token;
};

// The callers compared for OLD -> NEW: every preset; an AppContainer token (interactive user's
// SIDs, package presets::example_package, Low integrity) without capabilities and one per
// capability SID (S-1-15-3-...) either DACL names; and, for the SIDs of either DACL and owner
// (capability and AppContainer SIDs aside), a token holding each one SID and each two SIDs at
// Medium integrity and at the levels around each mandatory label's level. Single SIDs and pairs
// are enough for an ordinary DACL: the access check decides each right by the first ACE that
// names one of the caller's SIDs and holds the right, so a caller with any set of these SIDs gets
// what the pair of its first-deciding SIDs in OLD and in NEW gets (docs/review.md).
// SIDs are named by their SDDL alias where they have one (`context` for domain-relative ones),
// else by the name `names` records for them (Policy::names, as principal_text writes it), else
// by the SID string. sddlc explain's matrix rows are these callers without the combinations.
std::vector<DiffPrincipal> diff_principals(const SecurityDescriptor& old_sd,
                                           const SecurityDescriptor& new_sd,
                                           const SidContext& context = {},
                                           std::span<const NamedPrincipal> names = {});

// What in the NEW descriptor accounts for gained rights, so that a tool can point at the policy
// entry that widens (sddlc diff --format github): a DACL ACE that grants them and that did not
// grant them in OLD (a new or changed ACE), or the mandatory label when OLD's label removed them.
struct GainCause {
  enum class Where : std::uint8_t {
    dacl_ace,  // DACL ACE `index` (Policy::dacl_entries[index] in a policy)
    label,     // the mandatory label: SACL ACE `index`, or none when NEW has no label
    other,     // nothing in NEW's ACEs (an owner's implied rights, a privilege)
  };
  Where where = Where::other;
  std::optional<std::size_t> index;
  AccessMask bits = 0;  // the gained rights this accounts for
};

// One caller whose rights change.
struct PrincipalChange {
  DiffPrincipalKind kind = DiffPrincipalKind::preset;
  std::string principal;     // DiffPrincipal::name
  AccessMask old_granted = 0;  // MAXIMUM_ALLOWED on OLD
  AccessMask new_granted = 0;  // MAXIMUM_ALLOWED on NEW
  AccessMask gained = 0;       // new & ~old
  AccessMask lost = 0;         // old & ~new
  std::string gained_rights;   // describe_rights(gained, type); empty when nothing is gained
  std::string lost_rights;
  // Why: the trace lines of the NEW check that grant, deny or remove rights (the deciding ACEs,
  // the label, the AppContainer or restricted check), so a reviewer sees what decides.
  std::vector<std::string> reason;
  // What accounts for `gained`, each gained right at least once (empty when nothing is gained).
  std::vector<GainCause> gained_by;
};

struct AccessDiff {
  ObjectType type = ObjectType::file;
  std::size_t principals_compared = 0;
  // In the order of diff_principals(). A combination is listed only when its change is not
  // already part of a listed caller's change (the pairs would otherwise repeat every single SID's
  // change); `changed` counts every caller whose rights change, listed or not.
  std::vector<PrincipalChange> changes;
  std::size_t changed = 0;

  // No caller's rights change: "no change in access".
  bool empty() const noexcept { return changed == 0; }
  AccessMask all_gained() const noexcept;
  AccessMask all_lost() const noexcept;
};

// Compares OLD and NEW for every diff_principals() caller with MAXIMUM_ALLOWED. Fails (Error
// invalid_argument, message naming "old" or "new") when the access check refuses to answer for
// either descriptor (AccessCheckResult::refusal: a label whose SID is not an integrity level).
Result<AccessDiff> diff_access(const SecurityDescriptor& old_sd,
                               const SecurityDescriptor& new_sd, ObjectType type,
                               const SidContext& context = {});

// The same where a side may not exist (nullptr): a policy added (no OLD) or deleted (no NEW). A
// missing object grants no caller anything, so an added policy's report is everything it grants,
// as gained, and a deleted one's everything it granted, as lost. Both null: no change.
Result<AccessDiff> diff_access(const SecurityDescriptor* old_sd, const SecurityDescriptor* new_sd,
                               ObjectType type, const SidContext& context = {});

// The rights of `type` that count as write for `sddlc diff --fail-on widen-write`: its
// GenericWrite mapping plus DELETE, WRITE_DAC, WRITE_OWNER and ACCESS_SYSTEM_SECURITY (the write
// part Mandatory Integrity Control's no-write-up blocks, docs/access-check.md), less every right
// that is also read or execute (READ_CONTROL, SYNCHRONIZE and the type's GenericRead and
// GenericExecute rights): the rights that are write and nothing else.
AccessMask write_rights(ObjectType type) noexcept;

}  // namespace secdesc
