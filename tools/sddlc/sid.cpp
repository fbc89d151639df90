// sddlc sid: the SID of a principal's name, or what a SID is.
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "../common/error_text.hpp"
#include "commands.hpp"
#include "secdesc/secdesc.hpp"

namespace sddlc {
namespace {

struct SidOptions {
  std::vector<std::string> items;
  std::string domain_sid;
};

// A SID string (S-1-...) is described; anything else is a name to resolve.
bool is_sid_string(const std::string& item) {
  return item.size() > 2 && (item[0] == 'S' || item[0] == 's') && item[1] == '-';
}

int run_sid(const SidOptions& o) {
  secdesc::SidContext context;
  if (!o.domain_sid.empty()) {
    auto domain = secdesc::parse_domain_sid(o.domain_sid);
    if (!domain) {
      fmt::print(stderr, "sddlc sid: --domain-sid: {}\n", domain.error().message);
      return exit_usage;
    }
    context.domain = *domain;
  }
  int status = exit_ok;
  for (const auto& item : o.items) {
    if (is_sid_string(item)) {
      auto sid = secdesc::parse_sid(item, context);
      if (!sid) {
        fmt::print(stderr, "sddlc sid: '{}': {}\n", secdesc::escape_invalid_utf8(item),
                   secdesc_tools::offset_and_message(item, sid.error()));
        status = exit_failed;
        continue;
      }
      fmt::print("{}\n", secdesc::describe_sid(*sid, context));
      continue;
    }
    auto sid = secdesc::resolve_principal(item, context);
    if (!sid) {
      fmt::print(stderr, "sddlc sid: {}\n", sid.error().message);
      status = exit_failed;
      continue;
    }
    fmt::print("{}\n", sid->to_string());
  }
  return status;
}

}  // namespace

std::function<int()> add_sid(CLI::App& app) {
  auto o = std::make_shared<SidOptions>();
  auto* cmd = app.add_subcommand(
      "sid",
      "The SID of each name, or what each SID is, one line per argument.\n"
      "Names: SDDL aliases (BA), well-known names ('Interactive users', 'NT AUTHORITY\\SYSTEM'),\n"
      "and SIDs Windows derives from names: 'NT SERVICE\\Name', 'IIS APPPOOL\\Name',\n"
      "package:FamilyName, capability:name, capability-group:name (docs/principals.md).\n"
      "A SID (S-1-...) is described: its alias and account name, an integrity level, or the\n"
      "service or capability it belongs to where secdesc knows the name.\n"
      "Exit status: 0 every argument answered, 1 some name or SID unknown or malformed,\n"
      "2 usage error.");
  cmd->add_option("NAME_OR_SID", o->items, "names or SIDs")->required();
  cmd->add_option("--domain-sid", o->domain_sid,
                  "domain SID (S-1-5-21-x-y-z) for domain-relative aliases (DA, DU, LA, ...)");
  return [o] { return run_sid(*o); };
}

}  // namespace sddlc
