// secdesc: C++ headers that embed compiled policies, so a service needs no SDDL parse and no
// LocalFree at run time.
//
//   namespace NS::NAME {
//   inline constexpr std::wstring_view sddl = L"D:P(...)";
//   alignas(4) inline constexpr std::array<std::uint8_t, N> descriptor = {...};  // self-relative
//   inline constexpr std::wstring_view object_name = L"Global\\...";  // when the policy names one
//   }
//   namespace NS { struct compiled_policy {...}; inline constexpr std::array<compiled_policy, N>
//   all_policies = {...}; }   // every policy of the header, to iterate over
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "secdesc/error.hpp"
#include "secdesc/policy.hpp"

namespace secdesc {

inline constexpr std::string_view default_codegen_namespace = "secdesc_policies";

// One header for all `policies`, in a namespace per policy (named after the policy) inside `ns`
// (a C++ namespace name, '::' allowed). Fails on an invalid namespace or two policies with the
// same name.
Result<std::string> generate_cpp_header(std::span<const Policy> policies,
                                        std::string_view ns = default_codegen_namespace);

}  // namespace secdesc
