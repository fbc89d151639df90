// secdesc: evaluating a policy's [[expect]] entries with the access-check emulation.
#pragma once

#include <vector>

#include "secdesc/access_check.hpp"
#include "secdesc/diagnostic.hpp"
#include "secdesc/policy.hpp"

namespace secdesc {

struct ExpectationOutcome {
  Expectation expectation;
  bool holds = false;         // the access check's verdict is the expected one
  AccessCheckResult result;   // with its trace
};

// Runs every expectation of the policy (tokens were validated when the policy was loaded).
std::vector<ExpectationOutcome> evaluate_expectations(const Policy& policy);

// One "expectation-failed" error per expectation that does not hold, at its [[expect]] line,
// with the verdict and the trace as details.
std::vector<Diagnostic> expectation_failures(const Policy& policy);

}  // namespace secdesc
