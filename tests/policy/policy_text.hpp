// Test helpers: a policy given as TOML text, loaded as file "p.toml".
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "secdesc/diagnostic.hpp"
#include "secdesc/policy.hpp"
#include "secdesc/sddl.hpp"

namespace secdesc::testing {

// Every diagnostic of the load, formatted as the tools print it.
inline std::vector<std::string> diagnostics_of(std::string_view toml) {
  auto load = load_policy(toml, "p.toml");
  std::vector<std::string> out;
  for (const auto& d : load.diagnostics) out.push_back(format_diagnostic(d));
  return out;
}

// The descriptor's SDDL; a load that fails is a test failure (with its diagnostics) and "".
inline std::string sddl_of(std::string_view toml) {
  auto load = load_policy(toml, "p.toml");
  if (!load.ok()) {
    std::string all;
    for (const auto& d : load.diagnostics) all += format_diagnostic(d) + "\n";
    ADD_FAILURE() << all;
    return {};
  }
  return to_sddl(load.policy->descriptor);
}

}  // namespace secdesc::testing
