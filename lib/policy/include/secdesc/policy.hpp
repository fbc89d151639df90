// secdesc: TOML policy files -> SecurityDescriptor (docs/policy-format.md).
//
// A policy names the object type, the principals and their rights in words, and the mandatory
// label; the loader turns it into DescriptorBuilder calls, so a policy and the equivalent C++
// always agree. Every problem in a file is reported, each at file:line:column.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/access_mask.hpp"
#include "secdesc/diagnostic.hpp"
#include "secdesc/object_type.hpp"
#include "secdesc/principal_names.hpp"
#include "secdesc/security_descriptor.hpp"
#include "secdesc/sid.hpp"

namespace secdesc {

// An [[expect]] entry: a token (as the `sddlc check --token` SPEC string the entry was written
// as, or converted from the entry's inline table) asking for rights, and the answer expected.
struct Expectation {
  SourceLocation where;
  std::string description;
  std::string token_spec;  // e.g. "preset=interactive-user;integrity=low"
  std::string rights_text;  // as written, for messages
  AccessMask desired = 0;
  bool expect_granted = true;
};

struct Policy {
  std::string file;
  std::string name;  // a C++ identifier: the `name` key, or the file stem with '-' -> '_'
  std::string description;
  ObjectType object_type = ObjectType::section;
  std::optional<std::string> object_name;  // "Global\\..." or "Local\\..."
  SidContext context;                      // domain SID, if the policy or the caller gave one
  SecurityDescriptor descriptor;
  std::vector<Expectation> expectations;
  // The names the policy wrote for SIDs without an SDDL alias ('NT SERVICE\\AcmeSync',
  // "capability:lpacCom", ...): traces and JSON show them beside the SID.
  std::vector<NamedPrincipal> names;
  // Where each part was written, for tools that point into the policy (sddl-lint):
  // dacl_entries[i] is the [[dacl.allow]] / [[dacl.deny]] table of the DACL's ACE i.
  std::vector<SourceLocation> dacl_entries;
  // resource_attribute_entries[i] is the [[resource-attribute]] table of the SACL's RA ACE i.
  std::vector<SourceLocation> resource_attribute_entries;
  SourceLocation dacl_table;
  std::optional<SourceLocation> label_table;
  std::optional<SourceLocation> object_name_value;
};

// The largest policy file the loader reads (1 MiB); larger input is one error, not parsed.
inline constexpr std::size_t max_policy_size = 1u << 20;

struct PolicyOptions {
  // Overrides the policy's `domain-sid` (sddlc --domain-sid).
  std::optional<Sid> domain_sid;
};

struct PolicyLoad {
  std::optional<Policy> policy;          // set when there is no error
  std::vector<Diagnostic> diagnostics;   // every problem found, in file order
  bool ok() const noexcept { return policy.has_value(); }
};

// Loads a policy from text; `file` names it in diagnostics and gives the default name.
PolicyLoad load_policy(std::string_view toml_text, std::string_view file,
                       const PolicyOptions& options = {});
// Reads and loads a file; an unreadable file is one diagnostic.
PolicyLoad load_policy_file(const std::filesystem::path& path, const PolicyOptions& options = {});

// Whether a TOML file is a secdesc policy rather than some other TOML (Cargo.toml,
// pyproject.toml, .sddl-lint.toml), for tools that look for policies among a repository's files
// (`sddlc diff --git`): its top-level table has `object` or `dacl`, the two keys every policy must
// have. Text that is not valid TOML counts as a policy, so that the loader reports its syntax
// error instead of a broken policy being passed over.
bool looks_like_policy(std::string_view toml_text);

// The keys a policy may use at each level (for docs, did-you-mean hints and tests).
std::vector<std::string_view> policy_top_level_keys();

}  // namespace secdesc
