// sddlc explain: a descriptor in words for its object type, its label, and who gets which
// right (secdesc/explain.hpp, docs/review.md).
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "../common/json_output.hpp"
#include "commands.hpp"
#include "input.hpp"
#include "secdesc/explain.hpp"
#include "secdesc/json.hpp"
#include "secdesc/sddl.hpp"

namespace sddlc {
namespace {

struct ExplainCliOptions {
  std::string input;
  std::string object;
  std::string format = "text";
  std::string domain_sid;
};

std::string hex(secdesc::AccessMask m) { return fmt::format("0x{:x}", m); }

std::string acl_name(secdesc::AclKind acl) {
  return acl == secdesc::AclKind::dacl ? "DACL" : "SACL";
}

std::string cell_text(const secdesc::MatrixCell& c) {
  return fmt::format("{} ({})", c.granted ? "yes" : "no", c.short_reason());
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
  return fmt::format("{}", fmt::join(parts, separator));
}

std::string sid_line(const std::optional<secdesc::ExplainedSid>& s) {
  if (!s) return "none";
  return s->words == s->text ? s->text : fmt::format("{} ({})", s->text, s->words);
}

constexpr std::string_view kLegend =
    "Each cell is the access check of that right alone for that caller: yes or no, and in "
    "parentheses what decides it: ACE #n (the DACL ACE that grants it), owner (the owner's "
    "implied read-control and write-dac), no DACL (a null or absent DACL grants everything), "
    "privilege, deny ACE #n, label (mandatory integrity control), restricted (no restricting SID "
    "is granted it), AppContainer (no AppContainer SID of the token is granted it), no ACE (no "
    "ACE grants it). `sddlc check INPUT --token SPEC --desired RIGHT` repeats a cell with its "
    "trace; --format json has each cell's deciding trace lines and each row's SPEC.";

// --- text -------------------------------------------------------------------------------------

void print_text(const secdesc::DescriptorExplanation& x) {
  using namespace secdesc;
  const ObjectTypeInfo& info = object_type_info(x.type);
  fmt::print("{} ({})\n", x.sddl, info.description);
  fmt::print("owner: {}\n", sid_line(x.owner));
  fmt::print("group: {}\n", sid_line(x.group));
  for (const std::string& c : x.control_words) fmt::print("control: {}\n", c);
  fmt::print("DACL: {}\n", x.dacl_words);
  fmt::print("SACL: {}\n", x.sacl_words);
  for (const AceExplanation& a : x.aces) {
    fmt::print("{} ACE #{} {}\n", acl_name(a.acl), a.index, a.sddl);
    fmt::print("  {}\n", a.summary);
    fmt::print("  who: {}\n", a.who.words);
    if (a.kind != "label" && a.kind != "resource-attribute")
      fmt::print("  rights: {} ({}; {} as written)\n", a.rights, hex(a.mapped), hex(a.mask));
    fmt::print("  inheritance: {}\n", joined(a.inheritance, "; "));
    if (a.condition) fmt::print("  condition: {}\n", a.condition_words);
  }
  const LabelExplanation& l = x.label;
  fmt::print("label: {} {}\n", l.level_name,
             l.policy_letters.empty() ? std::string("(no policy)") : l.policy_letters);
  fmt::print("  {}\n", l.meaning);
  for (const std::string& w : l.policy_words) fmt::print("  {}\n", w);
  for (const std::string& line : l.check_lines) fmt::print("  check: {}\n", line);

  fmt::print("effective access ({} callers x {} rights of a {}):\n", x.rows.size(),
             x.columns.size(), info.name);
  std::size_t first = std::string_view("caller").size();
  for (const MatrixRow& r : x.rows) first = std::max(first, r.name.size());
  std::vector<std::size_t> widths;
  for (std::size_t c = 0; c < x.columns.size(); ++c) {
    std::size_t w = x.columns[c].word.size();
    for (const MatrixRow& r : x.rows) w = std::max(w, cell_text(r.cells[c]).size());
    widths.push_back(w);
  }
  std::string line = fmt::format("{:<{}}", "caller", first);
  for (std::size_t c = 0; c < x.columns.size(); ++c)
    line += fmt::format(" | {:<{}}", x.columns[c].word, widths[c]);
  // No trailing spaces in the output: goldens and diffs stay clean.
  while (!line.empty() && line.back() == ' ') line.pop_back();
  fmt::print("{}\n", line);
  for (const MatrixRow& r : x.rows) {
    line = fmt::format("{:<{}}", r.name, first);
    for (std::size_t c = 0; c < x.columns.size(); ++c)
      line += fmt::format(" | {:<{}}", cell_text(r.cells[c]), widths[c]);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    fmt::print("{}\n", line);
  }
  fmt::print("{}\n", kLegend);
}

// --- markdown ---------------------------------------------------------------------------------

// Markdown table cells may not hold '|' or a line break.
std::string md(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += "<br>";
    else out += c;
  }
  return out;
}

void print_markdown(const secdesc::DescriptorExplanation& x) {
  using namespace secdesc;
  const ObjectTypeInfo& info = object_type_info(x.type);
  fmt::print("**{}** `{}`\n\n", info.description, x.sddl);
  fmt::print("- owner: {}\n- group: {}\n", md(sid_line(x.owner)), md(sid_line(x.group)));
  for (const std::string& c : x.control_words) fmt::print("- control: {}\n", md(c));
  fmt::print("- DACL: {}\n- SACL: {}\n\n", x.dacl_words, x.sacl_words);
  if (!x.aces.empty()) {
    fmt::print("| ACE | Entry | Who | Rights | Inheritance | Condition |\n"
               "|---|---|---|---|---|---|\n");
    for (const AceExplanation& a : x.aces) {
      const std::string rights = a.kind == "label" || a.kind == "resource-attribute"
                                     ? a.rights
                                     : fmt::format("{} ({})", a.rights, hex(a.mapped));
      fmt::print("| {} #{} `{}` | {} | {} | {} | {} | {} |\n", acl_name(a.acl), a.index,
                 md(a.sddl), md(a.summary), md(a.who.words), md(rights),
                 md(joined(a.inheritance, "; ")), md(a.condition_words));
    }
    fmt::print("\n");
  }
  const LabelExplanation& l = x.label;
  fmt::print("**Label**: {} {}. {}\n", l.level_name,
             l.policy_letters.empty() ? std::string("(no policy)") : l.policy_letters,
             md(l.meaning));
  for (const std::string& w : l.policy_words) fmt::print("- {}\n", md(w));
  for (const std::string& line : l.check_lines) fmt::print("- check: {}\n", md(line));
  fmt::print("\n**Effective access** ({} callers x {} rights):\n\n| Caller |", x.rows.size(),
             x.columns.size());
  for (const MatrixColumn& c : x.columns) fmt::print(" {} |", c.word);
  fmt::print("\n|---|");
  for (std::size_t c = 0; c < x.columns.size(); ++c) fmt::print("---|");
  fmt::print("\n");
  for (const MatrixRow& r : x.rows) {
    fmt::print("| {} |", md(r.name));
    for (const MatrixCell& cell : r.cells) fmt::print(" {} |", md(cell_text(cell)));
    fmt::print("\n");
  }
  fmt::print("\n{}\n", md(kLegend));
}

// --- json -------------------------------------------------------------------------------------

nlohmann::json sid_json(const std::optional<secdesc::ExplainedSid>& s) {
  if (!s) return nullptr;
  return {{"sid", s->sid.to_string()}, {"text", s->text}, {"words", s->words}};
}

void print_json(const secdesc::DescriptorExplanation& x) {
  using namespace secdesc;
  nlohmann::json aces = nlohmann::json::array();
  for (const AceExplanation& a : x.aces) {
    nlohmann::json j = {{"acl", a.acl == AclKind::dacl ? "dacl" : "sacl"},
                        {"index", a.index},
                        {"sddl", a.sddl},
                        {"kind", a.kind},
                        {"trustee", sid_json(a.who)},
                        {"mask", fmt::format("0x{:08x}", a.mask)},
                        {"mapped", fmt::format("0x{:08x}", a.mapped)},
                        {"rights", a.rights},
                        {"inheritance", a.inheritance},
                        {"summary", a.summary}};
    if (a.condition) {
      j["condition"] = a.condition_sddl;
      j["condition_words"] = a.condition_words;
      j["condition_tree"] = nlohmann::json::parse(condition_tree_json(*a.condition));
    }
    aces.push_back(std::move(j));
  }
  const LabelExplanation& l = x.label;
  nlohmann::json label = {{"present", l.present},
                          {"level", l.level.to_string()},
                          {"level_name", l.level_name},
                          {"policy", l.policy_letters},
                          {"policy_words", l.policy_words},
                          {"meaning", l.meaning},
                          {"check", l.check_lines}};
  if (l.sacl_index) label["sacl_index"] = *l.sacl_index;
  nlohmann::json columns = nlohmann::json::array();
  for (const MatrixColumn& c : x.columns)
    columns.push_back({{"right", c.word}, {"mask", fmt::format("0x{:08x}", c.mask)},
                       {"constant", c.constant}});
  nlohmann::json rows = nlohmann::json::array();
  for (const MatrixRow& r : x.rows) {
    nlohmann::json cells = nlohmann::json::array();
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
      const MatrixCell& c = r.cells[i];
      nlohmann::json cell = {{"right", x.columns[i].word},
                             {"granted", c.granted},
                             {"reason", to_string(c.reason)},
                             {"trace", c.trace}};
      if (c.ace_index) cell["ace_index"] = *c.ace_index;
      cells.push_back(std::move(cell));
    }
    rows.push_back({{"caller", r.name},
                    {"kind", to_string(r.kind)},
                    {"token", r.token_spec},
                    {"token_description", r.token_words},
                    {"cells", std::move(cells)}});
  }
  nlohmann::json out{{"object", to_string(x.type)},
                     {"sddl", x.sddl},
                     {"owner", sid_json(x.owner)},
                     {"group", sid_json(x.group)},
                     {"control", x.control_words},
                     {"dacl", x.dacl_words},
                     {"sacl", x.sacl_words},
                     {"aces", std::move(aces)},
                     {"label", std::move(label)},
                     {"columns", std::move(columns)},
                     {"rows", std::move(rows)}};
  fmt::print("{}\n",
             secdesc_tools::stamp_json_object(out.dump(), secdesc_tools::explain_schema_version));
}

int run_explain(const ExplainCliOptions& o) {
  using namespace secdesc;
  SidContext context;
  if (auto status = read_domain_sid("explain", o.domain_sid, context)) return *status;
  DescriptorInput in;
  if (auto status = read_descriptor_input(
          "explain", "INPUT", o.input, context, in,
          o.format == "json" ? TextOutput::json : TextOutput::sddl))
    return *status;
  std::optional<ObjectType> type = in.type;
  if (!o.object.empty()) {
    type = parse_object_type(o.object);
    if (!type) {
      fmt::print(stderr, "sddlc explain: --object: unknown object type '{}'; types are {}\n",
                 o.object, object_type_names());
      return exit_usage;
    }
  }
  if (!type) {
    fmt::print(stderr, "sddlc explain: --object is required when INPUT is not a policy; types "
                       "are {}\n",
               object_type_names());
    return exit_usage;
  }
  auto x = explain_descriptor(in.sd, *type, ExplainOptions{in.context, in.names});
  if (!x) {
    // No matrix on stdout: a partial explanation would read as a verdict.
    fmt::print(stderr, "sddlc explain: no answer: {}\n", x.error().message);
    return exit_usage;
  }
  if (o.format == "json") print_json(*x);
  else if (o.format == "markdown") print_markdown(*x);
  else print_text(*x);
  return exit_ok;
}

}  // namespace

std::function<int()> add_explain(CLI::App& app) {
  auto o = std::make_shared<ExplainCliOptions>();
  auto* cmd = app.add_subcommand(
      "explain",
      "Explain a security descriptor for its object type: owner, group, control flags, every\n"
      "ACE in words (who, allowed or denied, which rights by the type's names, inheritance, the\n"
      "condition in words), the mandatory label and what it leaves callers below its level, and\n"
      "an effective-access matrix: callers (the token presets -- low, medium and high integrity\n"
      "users, administrators, SYSTEM, service accounts, anonymous, an AppContainer, a restricted\n"
      "token --, AppContainers without and with each capability the DACL names, a token holding\n"
      "each one SID the DACL names, and a caller holding none) x the type's rights (specific and\n"
      "standard), each cell the access check of that right alone with what decides it.\n"
      "docs/review.md.\n"
      "Exit status: 0 explained, 2 usage or input error (the message names the argument and the\n"
      "offset), or no answer (a mandatory label whose SID is not an integrity level, or a TL or\n"
      "FL ACE in the SACL).");
  cmd->add_option("INPUT", o->input,
                  "The descriptor: an SDDL string, self-relative hex bytes, or POLICY.toml")
      ->required();
  cmd->add_option("--object", o->object,
                  "Object type: " + secdesc::object_type_names() +
                      " (required unless INPUT is a policy; overrides the policy's)");
  cmd->add_option("--format", o->format,
                  "Output: text, markdown (for a pull-request comment) or json "
                  "(docs/schemas/sddlc-explain.schema.json; conditions also as a tree, each "
                  "matrix cell with its deciding trace lines and each row with its token SPEC)")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->capture_default_str();
  add_domain_sid_option(*cmd, o->domain_sid);
  return [o]() { return run_explain(*o); };
}

}  // namespace sddlc
