// sddlc diff: who gains and who loses which rights between two descriptors, by access check
// rather than by text (secdesc/access_diff.hpp, docs/review.md); with --git REV, every policy of
// the working tree or the index against the same file at REV; --format github annotates the
// policy entries that widen access.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "../common/error_text.hpp"
#include "../common/json_output.hpp"
#include "../common/process.hpp"
#include "commands.hpp"
#include "input.hpp"
#include "secdesc/access_diff.hpp"
#include "secdesc/lint_format.hpp"
#include "secdesc/policy.hpp"
#include "secdesc/rights_text.hpp"
#include "secdesc/sddl.hpp"

namespace sddlc {
namespace {

struct DiffOptions {
  std::vector<std::string> inputs;  // OLD NEW, or with --git the PATHSPECs
  std::string git_rev;
  bool staged = false;
  std::string object;
  std::string format = "text";
  std::string fail_on = "any";
  std::string domain_sid;
};

// One side of the comparison, read (input.hpp, shared with sddlc explain).
using Side = DescriptorInput;

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

// One compared pair: a single OLD NEW, or one policy file of --git.
struct Comparison {
  std::string path;    // the policy file's path as annotations name it; empty for SDDL or hex
  std::string status;  // --git: "modified", "added" or "deleted"
  const Side* old_side = nullptr;  // null: the policy does not exist at that side
  const Side* new_side = nullptr;
  secdesc::AccessDiff diff;
  bool failed = false;  // --fail-on gates this file's change
};

bool gates(const secdesc::AccessDiff& d, std::string_view fail_on) {
  using namespace secdesc;
  if (fail_on == "any") return !d.empty();
  if (fail_on == "widen") return d.all_gained() != 0;
  return (d.all_gained() & write_rights(d.type)) != 0;
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

// The comparison's fields of the JSON output (every one but the version and --fail-on fields).
nlohmann::json json_body(const secdesc::AccessDiff& d) {
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
  return nlohmann::json{{"object", to_string(d.type)},
                        {"changed", !d.empty()},
                        {"principals_compared", d.principals_compared},
                        {"principals_changed", d.changed},
                        {"changes", std::move(changes)}};
}

void print_json(const Comparison& c, std::string_view fail_on) {
  nlohmann::json out{{"schema_version", secdesc_tools::diff_schema_version},
                     {"tool_version", secdesc::version}};
  out.update(json_body(c.diff));
  out["fail_on"] = std::string(fail_on);
  out["failed"] = c.failed;
  fmt::print("{}\n", out.dump());
}

// --format github: one annotation per policy entry (or, without a policy file, per ACE of the
// new descriptor) that widens access, naming every caller it widens for; GitHub's workflow
// commands with the escaping sddl-lint --format github uses (lint_format.hpp).
struct Annotation {
  std::string file;
  std::size_t line = 0;  // 0: the whole file (or no file)
  std::string where;     // "[[dacl.allow]] entry", "DACL ACE #2 (A;;GA;;;WD)", "[label]", ...
  bool error = false;
  std::vector<std::string> gains;
};

std::vector<Annotation> annotations(const Comparison& c, std::string_view fail_on) {
  using namespace secdesc;
  std::vector<Annotation> out;
  if (!c.new_side) return out;  // a deleted policy only narrows
  const Side& side = *c.new_side;
  const Policy* policy = side.policy ? &*side.policy : nullptr;
  const AccessMask write = write_rights(c.diff.type);
  for (const PrincipalChange& change : c.diff.changes) {
    for (const GainCause& cause : change.gained_by) {
      Annotation a;
      a.file = c.path;
      switch (cause.where) {
        case GainCause::Where::dacl_ace: {
          const std::size_t i = cause.index.value_or(0);
          if (policy && i < policy->dacl_entries.size()) {
            a.line = policy->dacl_entries[i].line;
            const Ace& ace = side.sd.dacl()->aces[i];
            a.where = ace.type == AceType::access_denied ? "[[dacl.deny]] entry"
                                                         : "[[dacl.allow]] entry";
          } else if (side.sd.dacl() && i < side.sd.dacl()->aces.size()) {
            a.where = fmt::format("DACL ACE #{} {}", i, ace_to_sddl(side.sd.dacl()->aces[i]));
          }
          break;
        }
        case GainCause::Where::label:
          if (policy && policy->label_table) a.line = policy->label_table->line;
          a.where = policy ? (policy->label_table ? "[label]" : "no [label] (the label was removed)")
                           : "the mandatory label";
          break;
        case GainCause::Where::other:
          a.where = "the owner or a privilege";
          break;
      }
      const bool gated = fail_on != "widen-write" || (cause.bits & write) != 0;
      auto same = std::find_if(out.begin(), out.end(), [&](const Annotation& o) {
        return o.line == a.line && o.where == a.where;
      });
      Annotation& target = same == out.end() ? out.emplace_back(std::move(a)) : *same;
      target.error = target.error || gated;
      target.gains.push_back(fmt::format("{} gains {} ({})", change.principal,
                                         describe_rights(cause.bits, c.diff.type),
                                         hex(cause.bits)));
    }
  }
  return out;
}

void print_github(const std::vector<Comparison>& all, std::string_view fail_on,
                  std::string_view summary, bool failed) {
  for (const Comparison& c : all) {
    for (const Annotation& a : annotations(c, fail_on)) {
      std::string props;
      if (!a.file.empty()) {
        props = " file=" + secdesc::github_escape_property(a.file);
        if (a.line) props += fmt::format(",line={}", a.line);
        props += ",title=" + secdesc::github_escape_property("sddlc diff: access widens");
      } else {
        props = " title=" + secdesc::github_escape_property("sddlc diff: access widens");
      }
      std::string message = a.where + " widens access:";
      for (const std::string& g : a.gains) message += "\n" + g;
      fmt::print("::{}{}::{}\n", a.error ? "error" : "warning", props,
                 secdesc::github_escape_data(message));
    }
  }
  fmt::print("::{} title={}::{}\n", failed ? "error" : "notice",
             secdesc::github_escape_property("sddlc diff"), secdesc::github_escape_data(summary));
}

std::string summary_of(const Comparison& c) {
  using namespace secdesc;
  if (c.diff.empty())
    return fmt::format("no change in access ({}; {} callers compared)", to_string(c.diff.type),
                       c.diff.principals_compared);
  std::string s = fmt::format("access changes ({}; {} of {} callers compared change)",
                              to_string(c.diff.type), c.diff.changed,
                              c.diff.principals_compared);
  if (AccessMask g = c.diff.all_gained()) s += "; gained " + describe_rights(g, c.diff.type);
  if (AccessMask l = c.diff.all_lost()) s += "; lost " + describe_rights(l, c.diff.type);
  return s;
}

std::optional<int> resolve_type(const DiffOptions& o, const Side* old_side, const Side* new_side,
                                std::string_view where, secdesc::ObjectType& type) {
  using namespace secdesc;
  const std::optional<ObjectType> old_type = old_side ? old_side->type : std::nullopt;
  const std::optional<ObjectType> new_type = new_side ? new_side->type : std::nullopt;
  if (!o.object.empty()) {
    auto parsed = parse_object_type(o.object);
    if (!parsed) {
      fmt::print(stderr, "sddlc diff: --object: unknown object type '{}'; types are {}\n",
                 o.object, object_type_names());
      return exit_usage;
    }
    type = *parsed;
    return std::nullopt;
  }
  if (old_type && new_type && *old_type != *new_type) {
    fmt::print(stderr,
               "sddlc diff: {}OLD is a {} policy and NEW a {} policy; give --object to compare "
               "them as one type\n",
               where, to_string(*old_type), to_string(*new_type));
    return exit_usage;
  }
  const std::optional<ObjectType> either = old_type ? old_type : new_type;
  if (!either) {
    fmt::print(stderr, "sddlc diff: --object is required when neither OLD nor NEW is a policy; "
                       "types are {}\n",
               object_type_names());
    return exit_usage;
  }
  type = *either;
  return std::nullopt;
}

// Fills c.diff and c.failed. Returns the exit status on error.
std::optional<int> compare(const DiffOptions& o, const secdesc::SidContext& context,
                           std::string_view where, Comparison& c) {
  using namespace secdesc;
  ObjectType type = ObjectType::file;
  if (auto status = resolve_type(o, c.old_side, c.new_side, where, type)) return status;
  auto diff = diff_access(c.old_side ? &c.old_side->sd : nullptr,
                          c.new_side ? &c.new_side->sd : nullptr, type, context);
  if (!diff) {
    // No verdict on stdout: a CI reading the exit status or the JSON must not take one.
    fmt::print(stderr, "sddlc diff: {}no answer: {}\n", where, diff.error().message);
    return exit_usage;
  }
  c.diff = std::move(*diff);
  c.failed = gates(c.diff, o.fail_on);
  return std::nullopt;
}

int run_pair(const DiffOptions& o, const secdesc::SidContext& context) {
  if (o.inputs.size() != 2) {
    fmt::print(stderr, "sddlc diff: give OLD and NEW (got {} argument{}), or --git REV "
                       "[PATHSPEC...]; sddlc diff --help\n",
               o.inputs.size(), o.inputs.size() == 1 ? "" : "s");
    return exit_usage;
  }
  if (o.staged) {
    fmt::print(stderr, "sddlc diff: --staged compares the index with --git REV; give --git\n");
    return exit_usage;
  }
  Side old_side, new_side;
  if (auto status = read_descriptor_input("diff", "OLD", o.inputs[0], context, old_side))
    return *status;
  if (auto status = read_descriptor_input("diff", "NEW", o.inputs[1], context, new_side))
    return *status;
  Comparison c;
  if (new_side.policy) c.path = o.inputs[1];
  c.old_side = &old_side;
  c.new_side = &new_side;
  if (auto status = compare(o, context, "", c)) return *status;

  if (o.format == "json") print_json(c, o.fail_on);
  else if (o.format == "markdown") print_markdown(c.diff);
  else if (o.format == "github") print_github({c}, o.fail_on, summary_of(c), c.failed);
  else print_text(c.diff);
  return c.failed ? exit_failed : exit_ok;
}

// --- --git REV -------------------------------------------------------------------------------

// git's output, or the exit status after saying what went wrong.
struct GitRun {
  secdesc_tools::ProcessResult result;
  std::optional<int> error_status;
};

GitRun git(std::vector<std::string> args) {
  args.insert(args.begin(), "git");
  GitRun r{secdesc_tools::run_process(args), std::nullopt};
  if (!r.result.started) {
    fmt::print(stderr, "sddlc diff: --git: {} (is git installed and on PATH?)\n", r.result.error);
    r.error_status = exit_usage;
  }
  return r;
}

std::string first_line(std::string_view text) {
  const std::size_t end = text.find_first_of("\r\n");
  return std::string(text.substr(0, end));
}

std::vector<std::string> split_nul(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\0', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// A path --git looks at: a .toml file other than sddl-lint's configuration. Whether it is a
// policy is then decided by its content (secdesc::looks_like_policy).
bool toml_candidate(const std::string& path) {
  const std::filesystem::path p(path);
  return p.extension() == ".toml" && p.filename() != ".sddl-lint.toml";
}

// One version of a policy file read from git or the working tree: its text, or nothing.
struct FileText {
  std::string display;  // how diagnostics name it
  std::optional<std::string> text;
};

std::optional<int> load_side(const FileText& f, const secdesc::SidContext& context,
                             std::optional<Side>& out) {
  using namespace secdesc;
  if (!f.text || !looks_like_policy(*f.text)) return std::nullopt;
  PolicyOptions popt;
  popt.domain_sid = context.domain;
  PolicyLoad load = load_policy(*f.text, f.display, popt);
  for (const auto& d : load.diagnostics) fmt::print(stderr, "{}\n", format_diagnostic(d));
  if (!load.ok()) {
    fmt::print(stderr, "sddlc diff: the policy '{}' has errors\n", f.display);
    return exit_usage;
  }
  Side side;
  side.sd = load.policy->descriptor;
  side.type = load.policy->object_type;
  side.context = load.policy->context;
  side.names = load.policy->names;
  side.policy = std::move(load.policy);
  out = std::move(side);
  return std::nullopt;
}

int run_git(const DiffOptions& o, const secdesc::SidContext& context) {
  GitRun top = git({"rev-parse", "--show-toplevel"});
  if (top.error_status) return *top.error_status;
  if (top.result.exit_code != 0) {
    fmt::print(stderr, "sddlc diff: --git: not a git repository (git says: {})\n",
               first_line(top.result.err));
    return exit_usage;
  }
  const std::filesystem::path root = first_line(top.result.out);
  // --end-of-options: a REV that starts with '-' is a revision, never an option.
  GitRun commit =
      git({"rev-parse", "--verify", "--quiet", "--end-of-options", o.git_rev + "^{commit}"});
  if (commit.error_status) return *commit.error_status;
  if (commit.result.exit_code != 0 || first_line(commit.result.out).empty()) {
    fmt::print(stderr, "sddlc diff: --git: unknown revision '{}' (not a commit in this "
                       "repository; in a shallow clone, fetch it first)\n",
               o.git_rev);
    return exit_usage;
  }
  const std::string rev = first_line(commit.result.out);

  // Paths relative to the repository root (--full-name); PATHSPECs relative to the current
  // directory, as git takes them.
  std::vector<std::string> tree_args{"ls-tree", "-r", "-z", "--name-only", "--full-name", rev,
                                     "--"};
  std::vector<std::string> files_args{"ls-files", "-z", "--full-name", "--cached"};
  if (!o.staged) {
    files_args.push_back("--others");  // new policies not yet added count as added
    files_args.push_back("--exclude-standard");
  }
  files_args.push_back("--");
  for (const std::string& spec : o.inputs) {
    tree_args.push_back(spec);
    files_args.push_back(spec);
  }
  GitRun tree = git(tree_args);
  if (tree.error_status) return *tree.error_status;
  GitRun files = git(files_args);
  if (files.error_status) return *files.error_status;
  for (const GitRun* r : {&tree, &files}) {
    if (r->result.exit_code != 0) {
      fmt::print(stderr, "sddlc diff: --git: git failed: {}\n", first_line(r->result.err));
      return exit_usage;
    }
  }
  std::map<std::string, std::pair<bool, bool>> paths;  // path -> (at REV, in the new side)
  for (const std::string& p : split_nul(tree.result.out))
    if (toml_candidate(p)) paths[p].first = true;
  for (const std::string& p : split_nul(files.result.out))
    if (toml_candidate(p)) paths[p].second = true;

  // Read and compare everything before printing anything: an error leaves no partial report.
  // Policies whose text differs get a section each; the others are only counted.
  std::vector<std::optional<Side>> sides;  // two per path; stable addresses after reserve
  sides.reserve(paths.size() * 2);
  std::vector<Comparison> all;
  std::size_t unchanged = 0;  // policies whose text is the same at both sides
  for (const auto& [path, where] : paths) {
    FileText old_text{o.git_rev + ":" + path, std::nullopt};
    if (where.first) {
      GitRun show = git({"show", rev + ":" + path});
      if (show.error_status) return *show.error_status;
      if (show.result.exit_code == 0) old_text.text = std::move(show.result.out);
    }
    FileText new_text{o.staged ? ":" + path : path, std::nullopt};
    if (where.second) {
      if (o.staged) {
        GitRun show = git({"show", ":" + path});
        if (show.error_status) return *show.error_status;
        if (show.result.exit_code == 0) new_text.text = std::move(show.result.out);
      } else {
        std::ifstream in(root / std::filesystem::path(path), std::ios::binary);
        if (in) {  // listed in the index but deleted from the working tree: absent
          std::ostringstream buf;
          buf << in.rdbuf();
          new_text.text = buf.str();
        }
      }
    }
    // The same text at both sides is the same policy: no change, and nothing to report or load.
    if (old_text.text && new_text.text && *old_text.text == *new_text.text) {
      if (secdesc::looks_like_policy(*new_text.text)) ++unchanged;
      continue;
    }
    std::optional<Side>& old_side = sides.emplace_back();
    if (auto status = load_side(old_text, context, old_side)) return *status;
    std::optional<Side>& new_side = sides.emplace_back();
    if (auto status = load_side(new_text, context, new_side)) return *status;
    if (!old_side && !new_side) continue;  // not a policy at either side
    Comparison c;
    c.path = path;
    c.status = !old_side ? "added" : !new_side ? "deleted" : "modified";
    c.old_side = old_side ? &*old_side : nullptr;
    c.new_side = new_side ? &*new_side : nullptr;
    if (auto status = compare(o, context, path + ": ", c)) return *status;
    all.push_back(std::move(c));
  }

  const bool failed = std::any_of(all.begin(), all.end(), [](const Comparison& c) { return c.failed; });
  const auto changed = static_cast<std::size_t>(
      std::count_if(all.begin(), all.end(), [](const Comparison& c) { return !c.diff.empty(); }));
  const std::string against = o.staged ? "the index" : "the working tree";
  const std::string summary =
      fmt::format("{} {} compared between {} and {}: {} change{} access", all.size() + unchanged,
                  all.size() + unchanged == 1 ? "policy" : "policies", o.git_rev, against,
                  changed, changed == 1 ? "s" : "");
  if (o.format == "json") {
    nlohmann::json files_json = nlohmann::json::array();
    for (const Comparison& c : all) {
      nlohmann::json f{{"path", c.path}, {"status", c.status}};
      f.update(json_body(c.diff));
      f["failed"] = c.failed;
      files_json.push_back(std::move(f));
    }
    nlohmann::json out{{"schema_version", secdesc_tools::diff_schema_version},
                       {"tool_version", secdesc::version},
                       {"rev", o.git_rev},
                       {"new", o.staged ? "index" : "working-tree"},
                       {"files", std::move(files_json)},
                       {"unchanged", unchanged},
                       {"changed", changed != 0},
                       {"fail_on", o.fail_on},
                       {"failed", failed}};
    fmt::print("{}\n", out.dump());
  } else if (o.format == "github") {
    print_github(all, o.fail_on, summary, failed);
  } else if (o.format == "markdown") {
    for (const Comparison& c : all) {
      fmt::print("### `{}` ({})\n\n", c.path, c.status);
      print_markdown(c.diff);
      fmt::print("\n");
    }
    fmt::print("{}.\n", summary);
  } else {
    for (const Comparison& c : all) {
      fmt::print("== {} ({}) ==\n", c.path, c.status);
      print_text(c.diff);
    }
    fmt::print("{}\n", summary);
  }
  return failed ? exit_failed : exit_ok;
}

int run_diff(const DiffOptions& o) {
  using namespace secdesc;
  SidContext context;
  if (auto status = read_domain_sid("diff", o.domain_sid, context)) return *status;
  return o.git_rev.empty() ? run_pair(o, context) : run_git(o, context);
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
      "or no answer (a mandatory label whose SID is not an integrity level, or a TL or FL ACE).\n"
      "With --git REV: every policy (a .toml file whose top level has `object` or `dacl`) in the\n"
      "working tree (or, with --staged, the index) against the same path at REV, added and deleted\n"
      "policies included, a section per policy whose text differs (the others are counted);\n"
      "exit 1 when any file's change is one --fail-on gates;\n"
      "2 also when git is missing, this is not a git repository or REV is unknown.");
  cmd->add_option("INPUT", o->inputs,
                  "OLD NEW: each an SDDL string, self-relative hex bytes, or POLICY.toml. With "
                  "--git: PATHSPECs (files or directories, relative to the current directory) "
                  "limiting the policies compared; none: every policy under the current directory");
  cmd->add_option("--git", o->git_rev,
                  "Compare the policies of the working tree with the same files at this revision "
                  "(a commit, branch or tag: HEAD, origin/main, ...)");
  cmd->add_flag("--staged", o->staged,
                "With --git: the index (what `git commit` would record) instead of the working "
                "tree (the pre-commit hook: --git HEAD --staged)");
  cmd->add_option("--object", o->object,
                  "Object type: " + secdesc::object_type_names() +
                      " (required unless OLD or NEW is a policy; overrides the policy's)");
  cmd->add_option("--format", o->format,
                  "Output: text, markdown (a table for a pull-request comment), json (object, "
                  "changed, principals_compared, principals_changed, changes, fail_on, failed; "
                  "with --git: rev, new, files[] each with path, status and those fields, "
                  "unchanged) or "
                  "github (GitHub Actions annotations: an error, or a warning for a widening "
                  "--fail-on does not gate, on each policy entry that widens access, and a "
                  "summary)")
      ->check(CLI::IsMember({"text", "markdown", "json", "github"}))
      ->capture_default_str();
  cmd->add_option("--fail-on", o->fail_on,
                  "What exits 1: any (any change, gained or lost), widen (any caller gains a "
                  "right), widen-write (a caller gains a write right: the type's GenericWrite "
                  "rights, DELETE, WRITE_DAC, WRITE_OWNER or ACCESS_SYSTEM_SECURITY, less those "
                  "that are also read or execute, such as READ_CONTROL and SYNCHRONIZE)")
      ->check(CLI::IsMember({"any", "widen", "widen-write"}))
      ->capture_default_str();
  add_domain_sid_option(*cmd, o->domain_sid);
  return [o]() { return run_diff(*o); };
}

}  // namespace sddlc
