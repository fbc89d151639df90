#include "input.hpp"

#include <algorithm>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "../common/error_text.hpp"
#include "commands.hpp"
#include "secdesc/binary.hpp"
#include "secdesc/policy.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/text_output.hpp"

namespace sddlc {
namespace {

bool all_hex(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

}  // namespace

int argument_error(std::string_view command, std::string_view what, std::string_view input,
                   const secdesc::Error& e) {
  fmt::print(stderr, "sddlc {}: {}: {}\n", command, what, secdesc_tools::offset_with_caret(input, e));
  return exit_usage;
}

void add_domain_sid_option(CLI::App& cmd, std::string& value) {
  cmd.add_option("--domain-sid", value,
                 "Domain SID (S-1-5-21-x-y-z) for domain-relative aliases such as DU, DA, LA");
}

std::optional<int> read_domain_sid(std::string_view command, const std::string& value,
                                   secdesc::SidContext& context) {
  if (value.empty()) return std::nullopt;
  auto d = secdesc::parse_domain_sid(value);
  if (!d) return argument_error(command, "--domain-sid", value, d.error());
  context.domain = *d;
  return std::nullopt;
}

std::optional<int> read_descriptor_input(std::string_view command, std::string_view what,
                                         const std::string& input,
                                         const secdesc::SidContext& context,
                                         DescriptorInput& out, secdesc::TextOutput form) {
  using namespace secdesc;
  out.context = context;
  if (input.size() > 5 && input.ends_with(".toml")) {
    PolicyOptions popt;
    popt.domain_sid = context.domain;
    auto load = load_policy_file(input, popt);
    for (const auto& d : load.diagnostics) fmt::print(stderr, "{}\n", format_diagnostic(d));
    if (!load.ok()) {
      fmt::print(stderr, "sddlc {}: {}: the policy '{}' has errors\n", command, what, input);
      return exit_usage;
    }
    out.sd = load.policy->descriptor;
    out.type = load.policy->object_type;
    out.context = load.policy->context;
    out.names = load.policy->names;
    out.policy = std::move(load.policy);
    if (auto e = find_unwritable_text(out.sd, form)) return argument_error(command, what, input, *e);
    return std::nullopt;
  }
  if (all_hex(input)) {
    auto decoded = decode_self_relative_hex(input);
    if (!decoded) return argument_error(command, what, input, decoded.error());
    out.sd = std::move(*decoded);
    if (auto e = find_unwritable_text(out.sd, form)) return argument_error(command, what, input, *e);
    return std::nullopt;
  }
  auto parsed = parse_sddl(input, SddlParseOptions{context, false});
  if (!parsed) return argument_error(command, what, input, parsed.error());
  out.sd = std::move(*parsed);
  if (auto e = find_unwritable_text(out.sd, form)) return argument_error(command, what, input, *e);
  return std::nullopt;
}

}  // namespace sddlc
