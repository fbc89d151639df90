// secdesc: what a conditional expression can evaluate to over every possible caller, without a
// token: the static view the lint rules condition-never-true and condition-unknown-result use
// (docs/lint-rules.md says what is detected and what is not).
//
// The analysis follows the evaluation rules of condition_eval.hpp (MS-DTYP 2.4.4.17.6/7): a
// test of a caller attribute (@USER., @DEVICE., local) is UNKNOWN when the caller lacks the
// attribute, and TRUE or FALSE when it has it. It assumes a caller's attributes have the type
// the condition compares them with (a string claim where a string is compared), and it does not
// consider claims that are present without values. Resource attributes (@RESOURCE.) are read from
// the descriptor when it is known, so their tests are evaluated exactly.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "secdesc/claim.hpp"
#include "secdesc/conditional.hpp"

namespace secdesc {

struct ConditionAnalysis {
  // Whether some caller can make the expression TRUE, FALSE, UNKNOWN. When the analysis cannot
  // tell, the answer is yes: a `false` is always a proof.
  bool can_be_true = true;
  bool can_be_false = true;
  bool can_be_unknown = true;
  // When !can_be_true: the sub-expression that cannot be TRUE and why, e.g. "no value of
  // @USER.a makes both (@USER.a == 1) and (@USER.a == 2) TRUE".
  std::string never_true_reason;
  // Caller attributes (as SDDL, "@USER.Clearance") without which the expression can be UNKNOWN.
  std::vector<std::string> unknown_without;
  // Caller attributes tested under a negation (!, !=, Not_Contains, Not_Any_of, Not_Member_of...)
  // without which the expression cannot be TRUE: a caller lacking one gets UNKNOWN where
  // "everyone except" was probably meant.
  std::vector<std::string> negated_needs;
};

// `resource_attributes`: the object's resource attributes (resource_attributes(sd)) when the
// descriptor's SACL is known; nullopt when not (then @RESOURCE. attributes are treated like the
// caller's: present or absent). The expression must validate(); one that does not gets the
// default answer (everything possible).
ConditionAnalysis analyze_condition(const ConditionalExpression& expression,
                                    const std::optional<std::vector<Claim>>& resource_attributes);

}  // namespace secdesc
