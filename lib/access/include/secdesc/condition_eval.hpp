// secdesc: evaluating conditional expressions against a caller and an object, with Windows'
// three-valued logic (MS-DTYP 2.4.4.17.6 relational operators, 2.4.4.17.7 logical operators,
// 2.5.3.1.5 EvaluateAceCondition). docs/conditional-aces.md lists every rule and its evidence.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/claim.hpp"
#include "secdesc/conditional.hpp"
#include "secdesc/error.hpp"
#include "secdesc/security_descriptor.hpp"
#include "secdesc/sid.hpp"
#include "secdesc/token.hpp"

namespace secdesc {

enum class Truth : std::uint8_t { false_value, true_value, unknown };

// "TRUE", "FALSE", "UNKNOWN".
std::string_view to_string(Truth truth) noexcept;

// What a condition is evaluated against.
struct ConditionContext {
  std::vector<Sid> sids;         // SIDs[] of MS-DTYP 2.5.2: what Member_of and friends test
  std::vector<Sid> device_sids;  // DeviceSIDs[]: what Device_Member_of and friends test
  std::vector<Claim> user_claims;
  std::vector<Claim> device_claims;
  std::vector<Claim> local_claims;
  std::vector<Claim> resource_attributes;
};

struct ConditionResult {
  Truth value = Truth::unknown;
  // Why the value is UNKNOWN, or the first thing that made a comparison UNKNOWN; empty when
  // every operand was there and comparable.
  std::string reason;
};

// Evaluates `expression` (which must validate()); never fails: what Windows treats as an error
// (a literal where a condition belongs, values that cannot be compared) makes the whole
// expression UNKNOWN, with the reason.
ConditionResult evaluate_condition(const ConditionalExpression& expression,
                                   const ConditionContext& context);

// The context of a callback ACE's condition: SIDs[] holds the token's enabled SIDs for an allow
// ACE and also its deny-only SIDs for a deny ACE (MS Learn, "SDDL for conditional ACEs",
// Member_of); the claims come from the token, the resource attributes from `sd`.
ConditionContext make_condition_context(const Token& token, const SecurityDescriptor& sd,
                                        bool deny_ace);

// The resource attributes of a descriptor: the claims of its SACL's RA ACEs, inherit-only ones
// left out, the first of each name (compared case-insensitively) kept.
std::vector<Claim> resource_attributes(const SecurityDescriptor& sd);

// validate_claim (a claim Windows refuses to put in a token) is claim.hpp's.

}  // namespace secdesc
