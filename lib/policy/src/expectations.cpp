#include "secdesc/expectations.hpp"

#include <fmt/format.h>

#include "secdesc/token.hpp"

namespace secdesc {

std::vector<ExpectationOutcome> evaluate_expectations(const Policy& policy) {
  std::vector<ExpectationOutcome> out;
  for (const auto& e : policy.expectations) {
    ExpectationOutcome o;
    o.expectation = e;
    auto token = parse_token_spec(e.token_spec, policy.context);
    if (!token) {
      // The loader validates every token; this only guards against a hand-built Policy.
      o.result.trace.push_back(TraceEntry{TraceRule::request, TraceAction::info, 0, std::nullopt, {},
                                          "invalid token: " + token.error().message});
      out.push_back(std::move(o));
      continue;
    }
    o.result = access_check(policy.descriptor, *token, e.desired, policy.object_type,
                            AccessCheckOptions{policy.context, true, policy.names});
    // A check with no answer (AccessCheckResult::refusal) holds no expectation, either way.
    o.holds = !o.result.refusal && o.result.allowed == e.expect_granted;
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<Diagnostic> expectation_failures(const Policy& policy) {
  std::vector<Diagnostic> out;
  for (const auto& o : evaluate_expectations(policy)) {
    if (o.holds) continue;
    const auto& e = o.expectation;
    const auto type = policy.object_type;
    Diagnostic d;
    d.where = e.where;
    d.severity = Severity::error;
    d.code = "expectation-failed";
    const std::string what = e.description.empty() ? "" : " (" + e.description + ")";
    if (o.result.refusal) {
      d.message = fmt::format("expectation cannot be checked{}: token {} asking for {}: {}", what,
                              e.token_spec, e.rights_text, o.result.refusal->message);
      for (const auto& t : o.result.trace) d.details.push_back(t.text);
      out.push_back(std::move(d));
      continue;
    }
    d.message = fmt::format(
        "expectation failed{}: token {} asking for {} (0x{:x}) on the {} is {}, expected {}",
        what, e.token_spec, e.rights_text, o.result.desired, object_type_info(type).name,
        o.result.allowed ? "granted" : "denied", e.expect_granted ? "granted" : "denied");
    d.details.push_back(fmt::format("granted 0x{:x} ({}), missing 0x{:x} ({})", o.result.granted,
                                    describe_rights(o.result.granted, type), o.result.missing(),
                                    describe_rights(o.result.missing(), type)));
    for (const auto& t : o.result.trace) d.details.push_back(t.text);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace secdesc
