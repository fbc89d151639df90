// sddlc check: would this token get these rights on this object, and why (docs/access-check.md).
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "../common/error_text.hpp"
#include "../common/json_output.hpp"
#include "commands.hpp"
#include "input.hpp"
#include "secdesc/access_check.hpp"
#include "secdesc/policy.hpp"
#include "secdesc/rights_text.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/text_output.hpp"
#include "secdesc/token.hpp"

namespace sddlc {
namespace {

struct CheckOptions {
  std::string descriptor;
  std::string object;
  std::string token;
  std::string desired;
  std::string format = "text";
  std::string domain_sid;
};

bool is_policy_file(const std::string& source) {
  return source.size() > 5 && source.ends_with(".toml");
}

// A DESCRIPTOR that fails as SDDL but has a file's shape: it does not start with a section tag
// (O: G: D: S:), and it has a '/' or ends in an extension (".toml"). Outside a condition's
// strings, SDDL has neither.
bool looks_like_path(std::string_view s) {
  if (s.size() >= 2 && s[1] == ':' && std::string_view("OGDS").find(s[0]) != std::string_view::npos)
    return false;
  if (s.find('/') != std::string_view::npos) return true;
  const std::size_t dot = s.rfind('.');
  return dot != std::string_view::npos && dot + 1 < s.size() &&
         s.find_first_of("():;\"", dot) == std::string_view::npos;
}

// "sddlc check: --token: at 23: unknown key ..." and, when the error has a position, the input
// with a caret under it.
std::string mask_words(secdesc::AccessMask mask, secdesc::ObjectType type) {
  return fmt::format("0x{:x} ({})", mask, secdesc::describe_rights(mask, type));
}

int run_check(const CheckOptions& o) {
  using namespace secdesc;
  SidContext context;
  if (auto status = read_domain_sid("check", o.domain_sid, context)) return *status;
  // The descriptor: a policy file (which also names the object type) or an SDDL string.
  std::optional<ObjectType> type;
  SecurityDescriptor sd;
  std::vector<NamedPrincipal> names;  // the policy's names for derived SIDs, for the trace
  if (is_policy_file(o.descriptor)) {
    PolicyOptions popt;
    popt.domain_sid = context.domain;
    auto load = load_policy_file(o.descriptor, popt);
    for (const auto& d : load.diagnostics) fmt::print(stderr, "{}\n", format_diagnostic(d));
    if (!load.ok()) return exit_usage;
    sd = load.policy->descriptor;
    type = load.policy->object_type;
    context = load.policy->context;
    names = load.policy->names;
  } else {
    auto parsed = parse_sddl(o.descriptor, SddlParseOptions{context, false});
    if (!parsed) {
      // Meant as a file (a policy path with a typo, a directory part) but not there: say so,
      // not why it is not SDDL.
      if (looks_like_path(o.descriptor) && !std::filesystem::exists(o.descriptor)) {
        fmt::print(stderr, "sddlc check: {}: no such file (and not an SDDL string)\n",
                   secdesc::escape_invalid_utf8(o.descriptor));
        return exit_usage;
      }
      return argument_error("check", "SDDL", o.descriptor, parsed.error());
    }
    sd = std::move(*parsed);
  }
  if (!o.object.empty()) {
    type = parse_object_type(o.object);
    if (!type) {
      fmt::print(stderr, "sddlc check: --object: unknown object type '{}'; types are {}\n",
                 o.object, object_type_names());
      return exit_usage;
    }
  }
  if (!type) {
    fmt::print(stderr, "sddlc check: --object is required with an SDDL string; types are {}\n",
               object_type_names());
    return exit_usage;
  }
  auto token = parse_token_spec(o.token, context);
  if (!token) return argument_error("check", "--token", o.token, token.error());
  auto desired = parse_rights(o.desired, *type);
  if (!desired) return argument_error("check", "--desired", o.desired, desired.error());

  const AccessCheckResult r =
      access_check(sd, *token, *desired, *type, AccessCheckOptions{context, true, names});
  if (r.refusal) {
    // No verdict on stdout: a script reading ALLOWED/DENIED (or the JSON) must not take one.
    fmt::print(stderr, "sddlc check: no answer: {}\n", r.refusal->message);
    return exit_usage;
  }
  if (o.format == "json") {
    nlohmann::json steps = nlohmann::json::array();
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& e : r.trace) {
      nlohmann::json step{{"rule", to_string(e.rule)},
                          {"action", to_string(e.action)},
                          {"bits", e.bits},
                          {"text", e.text}};
      if (e.ace_index) {
        step["ace_index"] = *e.ace_index;
        step["ace"] = e.ace_sddl;
      }
      steps.push_back(std::move(step));
      lines.push_back(e.text);
    }
    nlohmann::json out{{"allowed", r.allowed},
                       {"object", to_string(*type)},
                       {"desired", r.desired},
                       {"desired_rights", describe_rights(r.desired, *type)},
                       {"granted", r.granted},
                       {"granted_rights", describe_rights(r.granted, *type)},
                       {"missing", r.missing()},
                       {"trace", std::move(lines)},
                       {"steps", std::move(steps)},
                       {"schema_version", secdesc_tools::check_schema_version},
                       {"tool_version", secdesc::version}};
    fmt::print("{}\n", out.dump());
  } else {
    fmt::print("{} {}: desired {}, granted {}\n", r.allowed ? "ALLOWED" : "DENIED",
               to_string(*type), mask_words(r.desired, *type), mask_words(r.granted, *type));
    for (const auto& e : r.trace) fmt::print("  {}\n", e.text);
  }
  return r.allowed ? exit_ok : exit_failed;
}

}  // namespace

std::function<int()> add_check(CLI::App& app) {
  auto o = std::make_shared<CheckOptions>();
  auto* cmd = app.add_subcommand(
      "check",
      "Emulate Windows' access check: would a token get RIGHTS on an object with this descriptor\n"
      "(an SDDL string or a POLICY.toml)?\n"
      "Prints a verdict line (ALLOWED or DENIED, desired and granted rights in hex and words) and\n"
      "the trace: which rule or ACE granted, denied or removed which rights (docs/access-check.md).\n"
      "Exit status: 0 every desired right is granted, 1 some right is not, 2 usage or parse error\n"
      "(the message gives the offset in the argument), or no answer: the descriptor's effect is\n"
      "not documented (a mandatory label whose SID is not an integrity level, or a process trust\n"
      "label TL or access filter FL ACE in the SACL), so no verdict.");
  cmd->add_option("DESCRIPTOR", o->descriptor,
                  "The security descriptor: an SDDL string, or a policy file (POLICY.toml)")
      ->required();
  cmd->add_option("--object", o->object,
                  "Object type: " + secdesc::object_type_names() +
                      " (required with SDDL; a policy names its own, which this overrides)");
  cmd->add_option("--token", o->token, "Token SPEC: " + secdesc::token_spec_help())->required();
  cmd->add_option("--desired", o->desired,
                  "Rights wanted: words of the object type separated by ',' or '|' (map-read, "
                  "read, write, read-control, ...), SDDL letters (GRGW) or a hex mask (0x20006)")
      ->required();
  cmd->add_option("--format", o->format, "Output: text or json (one object: allowed, desired, "
                                         "granted, missing, trace, steps)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  add_domain_sid_option(*cmd, o->domain_sid);
  return [o]() { return run_check(*o); };
}

}  // namespace sddlc
