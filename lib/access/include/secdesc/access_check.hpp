// secdesc: the answer Windows' access check would give, and the reason, computed on any platform.
//
// access_check() follows MS-DTYP 2.5.3.2 (Access Check Algorithm) and 2.5.3.3
// (MandatoryIntegrityCheck) plus the restricted-token and AppContainer checks as MS Learn
// describes them. docs/access-check.md lists every rule with its source and what is not modelled.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/access_mask.hpp"
#include "secdesc/error.hpp"
#include "secdesc/object_type.hpp"
#include "secdesc/principal_names.hpp"
#include "secdesc/security_descriptor.hpp"
#include "secdesc/sid.hpp"
#include "secdesc/token.hpp"

namespace secdesc {

// The part of the algorithm a trace entry comes from.
enum class TraceRule : std::uint8_t {
  request,       // the desired mask, its generic mapping, MAXIMUM_ALLOWED
  token,         // who is asking
  integrity,     // the mandatory label and Mandatory Integrity Control
  privilege,     // SeSecurityPrivilege, SeTakeOwnershipPrivilege
  owner,         // the owner's implied READ_CONTROL and WRITE_DAC; OWNER RIGHTS
  dacl,          // a null, absent or empty DACL, and each DACL ACE
  restricted,    // the second check against restricting SIDs
  appcontainer,  // the check against the AppContainer SIDs
  result,        // the verdict and, when denied, why each missing right is missing
};

// What the step did to the access mask.
enum class TraceAction : std::uint8_t {
  info,     // context only
  granted,  // `bits` were granted
  denied,   // `bits` were denied by a deny ACE (or refused for lack of a privilege)
  removed,  // `bits`, granted earlier, were taken away (integrity, restricted, AppContainer)
  skipped,  // an ACE that does not apply, and why
};

std::string_view to_string(TraceRule rule) noexcept;
std::string_view to_string(TraceAction action) noexcept;

struct TraceEntry {
  TraceRule rule = TraceRule::request;
  TraceAction action = TraceAction::info;
  AccessMask bits = 0;
  // The ACE this entry is about: its index in the DACL (or, for the mandatory label, the SACL)
  // and its SDDL text (ace_to_sddl).
  std::optional<std::size_t> ace_index;
  std::string ace_sddl;
  std::string text;  // the whole line, rights named with describe_rights
};

struct AccessCheckResult {
  // The request after generic mapping; MAXIMUM_ALLOWED stays set when it was asked for.
  AccessMask desired = 0;
  // Without MAXIMUM_ALLOWED: the desired rights granted when the check ended (Windows itself
  // hands out nothing when the request is denied; this says how far it got). With
  // MAXIMUM_ALLOWED: every right the caller would get.
  AccessMask granted = 0;
  // Every desired right is granted (with MAXIMUM_ALLOWED alone: at least one right is).
  bool allowed = false;
  std::vector<TraceEntry> trace;
  // Set when the check has no answer to give: the descriptor holds something whose effect no
  // source establishes, so any verdict would be a guess. Today one case: a mandatory label ACE
  // whose SID is not an integrity level (S-1-16-N), e.g. S:(ML;;NW;;;LU) with LU typed for LW.
  // MS-DTYP 2.4.4.13 says the SID "must" have SECURITY_MANDATORY_LABEL_AUTHORITY and says nothing
  // of what Windows does otherwise. Then `allowed` is false and `granted` 0, and callers report
  // the refusal (sddlc check exits 2), never a verdict.
  std::optional<Error> refusal;

  // The desired rights (MAXIMUM_ALLOWED aside) that are not granted.
  AccessMask missing() const noexcept;
  // The trace, one entry per line.
  std::string trace_text() const;
};

struct AccessCheckOptions {
  SidContext context;  // domain SID: domain-relative SIDs are written as aliases in the trace
  // false: leave AccessCheckResult::trace empty. The verdict and the masks are the same either
  // way (a test compares both modes over every conformance row); without the trace a check
  // allocates nothing and takes about 70 times fewer instructions (docs/performance.md), which
  // matters for suites that run thousands of checks. The testing matchers check without a trace
  // and repeat the check with one only to explain a failure.
  bool trace = true;
  // Names the caller's policy gave to SIDs without an alias (Policy::names): the trace writes
  // "S-1-5-80-... (NT SERVICE\\AcmeSync)" for them.
  std::vector<NamedPrincipal> names{};
};

// The rights of `type` that are write and nothing else (not also read or execute), as Mandatory
// Integrity Control divides them: GenericWrite with DELETE, WRITE_DAC, WRITE_OWNER and
// ACCESS_SYSTEM_SECURITY, less READ_CONTROL, SYNCHRONIZE and any bit GenericRead or GenericExecute
// also holds. What a write-restricted token's second check covers (docs/access-check.md, step 7).
AccessMask write_only_rights(ObjectType type) noexcept;

// Would `token` get `desired` (generic bits allowed, MAXIMUM_ALLOWED allowed) on an object of
// `type` protected by `sd`? Never fails; when no source says what Windows would decide (see
// AccessCheckResult::refusal) the result says so instead of guessing.
AccessCheckResult access_check(const SecurityDescriptor& sd, const Token& token,
                               AccessMask desired, ObjectType type,
                               const AccessCheckOptions& options = {});

}  // namespace secdesc
