// The descriptor inputs `sddlc diff` and `sddlc explain` accept: a policy file (*.toml),
// self-relative hex bytes, or an SDDL string, read one way for both.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/object_type.hpp"
#include "secdesc/policy.hpp"
#include "secdesc/principal_names.hpp"
#include "secdesc/security_descriptor.hpp"
#include "secdesc/sid.hpp"
#include "secdesc/text_output.hpp"

namespace CLI {
class App;
}

namespace sddlc {

// Prints "sddlc COMMAND: WHAT: at N: message" with the input echoed and a caret under N (N in
// characters) to stderr, and returns exit_usage: how every sddlc command reports a bad argument.
int argument_error(std::string_view command, std::string_view what, std::string_view input,
                   const secdesc::Error& e);

// --domain-sid, as check, diff and explain take it.
void add_domain_sid_option(CLI::App& cmd, std::string& value);
// Parses a --domain-sid value into `context` (nothing when empty); on error reports it
// (argument_error) and returns exit_usage.
std::optional<int> read_domain_sid(std::string_view command, const std::string& value,
                                   secdesc::SidContext& context);

struct DescriptorInput {
  secdesc::SecurityDescriptor sd;
  std::optional<secdesc::ObjectType> type;      // a policy names its type
  secdesc::SidContext context;                  // the policy's (its domain SID), else the caller's
  std::vector<secdesc::NamedPrincipal> names;   // Policy::names
  std::optional<secdesc::Policy> policy;        // a policy's entries, for diff's annotations
};

// Reads `input` (POLICY.toml; hex digits only: self-relative bytes, since SDDL always has a
// ':'; else SDDL). On error prints "sddlc COMMAND: WHAT: ..." with the offset (in characters)
// and a caret to stderr and returns the exit status (exit_usage); nullopt on success. A
// descriptor that `form` cannot hold (an unpaired surrogate: SDDL for the commands' ACE quotes,
// JSON where the output is JSON) is refused here rather than written as invalid UTF-8
// (docs/sddl.md, "Output rule").
std::optional<int> read_descriptor_input(std::string_view command, std::string_view what,
                                         const std::string& input,
                                         const secdesc::SidContext& context,
                                         DescriptorInput& out,
                                         secdesc::TextOutput form = secdesc::TextOutput::sddl);

}  // namespace sddlc
