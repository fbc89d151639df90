// sddlc diff: who gains and who loses which rights between two descriptors, by access check
// rather than by text (secdesc/access_diff.hpp, docs/review.md).
#include <algorithm>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "../common/json_output.hpp"
#include "commands.hpp"
#include "input.hpp"
#include "secdesc/access_diff.hpp"
#include "secdesc/binary.hpp"
#include "secdesc/policy.hpp"
#include "secdesc/rights_text.hpp"
#include "secdesc/sddl.hpp"

namespace sddlc {
namespace {

struct DiffOptions {
  std::string old_input;
  std::string new_input;
  std::string object;
  std::string format = "text";
  std::string fail_on = "any";
  std::string domain_sid;
};

// One side of the comparison, read (input.hpp, shared with sddlc explain).
using Side = DescriptorInput;

int input_error(std::string_view what, std::string_view input, const secdesc::Error& e) {
  if (!e.has_offset()) {
    fmt::print(stderr, "sddlc diff: {}: {}\n", what, e.message);
    return exit_usage;
  }
  fmt::print(stderr, "sddlc diff: {}: at {}: {}\n  {}\n  {}^\n", what, e.offset, e.message, input,
             std::string(std::min(e.offset, input.size()), ' '));
  return exit_usage;
}

std::string hex(secdesc::AccessMask m) { return fmt::format("0x{:x}", m); }

std::string rights_cell(secdesc::AccessMask mask, const std::string& words) {
  return mask ? fmt::format("{} ({})", words, hex(mask)) : std::string("-");
}

// Markdown table cells may not hold '|' or a line break.
std::string md_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += "<br>";
    else out += c;
  }
  return out;
}

void print_text(const secdesc::AccessDiff& d) {
  using namespace secdesc;
  if (d.empty()) {
    fmt::print("no change in access ({}; {} callers compared)\n", to_string(d.type),
               d.principals_compared);
    return;
  }
  fmt::print("access changes ({}; {} of {} callers compared change, {} listed):\n",
             to_string(d.type), d.changed, d.principals_compared, d.changes.size());
  for (const PrincipalChange& c : d.changes) {
    fmt::print("{}:\n", c.principal);
    if (c.gained) fmt::print("  gains {}\n", rights_cell(c.gained, c.gained_rights));
    if (c.lost) fmt::print("  loses {}\n", rights_cell(c.lost, c.lost_rights));
    fmt::print("  granted {} -> {}\n", hex(c.old_granted), hex(c.new_granted));
    for (const std::string& line : c.reason) fmt::print("  why: {}\n", line);
  }
}

void print_markdown(const secdesc::AccessDiff& d) {
  using namespace secdesc;
  if (d.empty()) {
    fmt::print("**No change in access** ({}, {} callers compared).\n", to_string(d.type),
               d.principals_compared);
    return;
  }
  fmt::print("**Access changes** ({}, {} of {} callers compared change):\n\n", to_string(d.type),
             d.changed, d.principals_compared);
  fmt::print("| Caller | Gains | Loses | Why (new descriptor) |\n|---|---|---|---|\n");
  for (const PrincipalChange& c : d.changes) {
    std::string why;
    for (const std::string& line : c.reason) {
      if (!why.empty()) why += "<br>";
      why += md_cell(line);
    }
    fmt::print("| {} | {} | {} | {} |\n", md_cell(c.principal),
               md_cell(rights_cell(c.gained, c.gained_rights)),
               md_cell(rights_cell(c.lost, c.lost_rights)), why);
  }
}

void print_json(const secdesc::AccessDiff& d, bool gate_failed, std::string_view fail_on) {
  using namespace secdesc;
  nlohmann::json changes = nlohmann::json::array();
  for (const PrincipalChange& c : d.changes) {
    changes.push_back({{"principal", c.principal},
                       {"kind", to_string(c.kind)},
                       {"old_granted", c.old_granted},
                       {"new_granted", c.new_granted},
                       {"gained", c.gained},
                       {"gained_rights", c.gained_rights},
                       {"lost", c.lost},
                       {"lost_rights", c.lost_rights},
                       {"reason", c.reason}});
  }
  nlohmann::json out{{"schema_version", secdesc_tools::diff_schema_version},
                     {"tool_version", secdesc::version},
                     {"object", to_string(d.type)},
                     {"changed", !d.empty()},
                     {"principals_compared", d.principals_compared},
                     {"principals_changed", d.changed},
                     {"changes", std::move(changes)},
                     {"fail_on", std::string(fail_on)},
                     {"failed", gate_failed}};
  fmt::print("{}\n", out.dump());
}

int run_diff(const DiffOptions& o) {
  using namespace secdesc;
  SidContext context;
  if (!o.domain_sid.empty()) {
    auto d = parse_domain_sid(o.domain_sid);
    if (!d) return input_error("--domain-sid", o.domain_sid, d.error());
    context.domain = *d;
  }
  Side old_side, new_side;
  if (auto status = read_descriptor_input("diff", "OLD", o.old_input, context, old_side))
    return *status;
  if (auto status = read_descriptor_input("diff", "NEW", o.new_input, context, new_side))
    return *status;

  std::optional<ObjectType> type;
  if (!o.object.empty()) {
    type = parse_object_type(o.object);
    if (!type) {
      fmt::print(stderr, "sddlc diff: --object: unknown object type '{}'; types are {}\n",
                 o.object, object_type_names());
      return exit_usage;
    }
  } else if (old_side.type && new_side.type && *old_side.type != *new_side.type) {
    fmt::print(stderr,
               "sddlc diff: OLD is a {} policy and NEW a {} policy; give --object to compare "
               "them as one type\n",
               to_string(*old_side.type), to_string(*new_side.type));
    return exit_usage;
  } else {
    type = old_side.type ? old_side.type : new_side.type;
  }
  if (!type) {
    fmt::print(stderr, "sddlc diff: --object is required when neither OLD nor NEW is a policy; "
                       "types are {}\n",
               object_type_names());
    return exit_usage;
  }

  auto diff = diff_access(old_side.sd, new_side.sd, *type, context);
  if (!diff) {
    // No verdict on stdout: a CI reading the exit status or the JSON must not take one.
    fmt::print(stderr, "sddlc diff: no answer: {}\n", diff.error().message);
    return exit_usage;
  }
  bool failed = false;
  if (o.fail_on == "any") failed = !diff->empty();
  else if (o.fail_on == "widen") failed = diff->all_gained() != 0;
  else failed = (diff->all_gained() & write_rights(*type)) != 0;

  if (o.format == "json") print_json(*diff, failed, o.fail_on);
  else if (o.format == "markdown") print_markdown(*diff);
  else print_text(*diff);
  return failed ? exit_failed : exit_ok;
}

}  // namespace

std::function<int()> add_diff(CLI::App& app) {
  auto o = std::make_shared<DiffOptions>();
  auto* cmd = app.add_subcommand(
      "diff",
      "Compare two security descriptors by access, not by text: for each caller (the token\n"
      "presets, AppContainers without and with each capability SID the descriptors name, and\n"
      "tokens holding one or two of the SIDs of either DACL at Medium integrity and around each\n"
      "label's level) the rights MAXIMUM_ALLOWED gives on OLD and on NEW, and who gains and who\n"
      "loses what, in the object type's words, with the trace lines of the new check that decide.\n"
      "Descriptors written differently that grant the same (GRGW vs GWGR, reordered allow ACEs,\n"
      "generic vs specific rights) are 'no change in access'. docs/review.md.\n"
      "Exit status: 0 no change in access (or none that --fail-on gates), 1 a change that\n"
      "--fail-on gates, 2 usage or input error (the message names the argument and the offset),\n"
      "or no answer (a mandatory label whose SID is not an integrity level).");
  cmd->add_option("OLD", o->old_input,
                  "The old descriptor: an SDDL string, self-relative hex bytes, or POLICY.toml")
      ->required();
  cmd->add_option("NEW", o->new_input, "The new descriptor, in any of the same forms")
      ->required();
  cmd->add_option("--object", o->object,
                  "Object type: " + secdesc::object_type_names() +
                      " (required unless OLD or NEW is a policy; overrides the policy's)");
  cmd->add_option("--format", o->format,
                  "Output: text, markdown (a table for a pull-request comment) or json (object, "
                  "changed, principals_compared, principals_changed, changes, fail_on, failed)")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->capture_default_str();
  cmd->add_option("--fail-on", o->fail_on,
                  "What exits 1: any (any change, gained or lost), widen (any caller gains a "
                  "right), widen-write (a caller gains a write right: the type's GenericWrite "
                  "rights, DELETE, WRITE_DAC, WRITE_OWNER or ACCESS_SYSTEM_SECURITY, less those "
                  "that are also read or execute, such as READ_CONTROL and SYNCHRONIZE)")
      ->check(CLI::IsMember({"any", "widen", "widen-write"}))
      ->capture_default_str();
  cmd->add_option("--domain-sid", o->domain_sid,
                  "Domain SID (S-1-5-21-x-y-z) for domain-relative aliases such as DU, DA, LA");
  return [o]() { return run_diff(*o); };
}

}  // namespace sddlc
