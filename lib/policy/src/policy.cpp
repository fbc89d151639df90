// TOML policy loader, written on top of DescriptorBuilder. The schema is docs/policy-format.md.
#include "secdesc/policy.hpp"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include <toml++/toml.h>

#include "secdesc/builder.hpp"
#include "secdesc/claim.hpp"
#include "secdesc/conditional.hpp"
#include "secdesc/principal_names.hpp"
#include "secdesc/rights_text.hpp"
#include "secdesc/token.hpp"
#include "core/internal/suggest.hpp"
#include "core/internal/text.hpp"
#include "core/internal/utf.hpp"

namespace secdesc {
namespace {

const std::vector<std::string_view> kTopKeys = {"name",  "description", "object", "object-name",
                                                "domain-sid", "owner", "group", "dacl",
                                                "label", "resource-attribute", "expect"};
const std::vector<std::string_view> kDaclKeys = {"protected", "auto-inherited", "allow", "deny"};
const std::vector<std::string_view> kEntryKeys = {"principal", "rights", "inherit", "condition",
                                                  "comment"};
const std::vector<std::string_view> kResourceKeys = {"name", "type", "values", "case-sensitive",
                                                     "comment"};
const std::vector<std::string_view> kLabelKeys = {"level", "policy"};
const std::vector<std::string_view> kExpectKeys = {"description", "token", "rights", "result"};

struct InheritWord {
  std::string_view word;
  std::uint8_t flag;
};
constexpr InheritWord kInheritWords[] = {
    {"object", ace_flags::object_inherit},
    {"container", ace_flags::container_inherit},
    {"no-propagate", ace_flags::no_propagate_inherit},
    {"inherit-only", ace_flags::inherit_only},
};

struct LabelWord {
  std::string_view word;
  AccessMask bit;
};
constexpr LabelWord kLabelWords[] = {
    {"no-write-up", rights::label_no_write_up},
    {"no-read-up", rights::label_no_read_up},
    {"no-execute-up", rights::label_no_execute_up},
};

// Where byte `offset` of a string value's decoded text is written in the TOML source, given the
// position of its opening quote as toml++ gives it (1-based line and column, the column counted
// in code points): escapes (\\" \\u00e9 ...), a multi-line string's first newline and
// line-ending backslashes are walked, so an error inside the string points at the character the
// user wrote. The column returned is in code points too. nullopt when the source does not hold a
// string there.
std::optional<std::pair<std::size_t, std::size_t>> string_offset_position(
    std::string_view source, std::size_t line, std::size_t column, std::size_t offset) {
  auto is_continuation = [&](std::size_t i) {
    return (static_cast<unsigned char>(source[i]) & 0xC0) == 0x80;
  };
  std::size_t r = 0;  // byte index into source
  for (std::size_t l = 1; l < line; ++l) {
    r = source.find('\n', r);
    if (r == std::string_view::npos) return std::nullopt;
    ++r;
  }
  std::size_t line_start = r;
  for (std::size_t c = 1; c < column && r < source.size(); ++c) {
    ++r;
    while (r < source.size() && is_continuation(r)) ++r;
  }
  if (r >= source.size()) return std::nullopt;
  const char quote = source[r];
  if (quote != '"' && quote != '\'') return std::nullopt;
  const std::string delimiter(3, quote);
  const bool multi = source.substr(r, 3) == delimiter;
  const bool basic = quote == '"';
  r += multi ? 3 : 1;
  auto newline_at = [&](std::size_t i) {
    if (source[i] == '\n') return std::size_t{1};
    if (source[i] == '\r' && i + 1 < source.size() && source[i + 1] == '\n') return std::size_t{2};
    return std::size_t{0};
  };
  auto next_line = [&](std::size_t i, std::size_t nl) {
    ++line;
    line_start = i + nl;
    return i + nl;
  };
  // TOML: a newline right after a multi-line string's opening delimiter is trimmed.
  if (multi && r < source.size()) {
    if (auto nl = newline_at(r)) r = next_line(r, nl);
  }
  std::size_t decoded = 0;
  while (r < source.size() && decoded < offset) {
    const char c = source[r];
    if (!multi && (c == quote || c == '\n')) break;
    if (multi && source.substr(r, 3) == delimiter) break;
    if (basic && c == '\\' && r + 1 < source.size()) {
      const char e = source[r + 1];
      std::size_t raw = 2, bytes = 1;
      if (e == 'u' || e == 'U') {
        raw = e == 'u' ? 6 : 10;
        char32_t cp = 0;
        for (std::size_t k = r + 2; k < r + raw && k < source.size(); ++k)
          cp = cp * 16 + static_cast<char32_t>(std::max(0, detail::hex_value(source[k])));
        bytes = detail::utf8_length(cp);
      } else if (e == 'x') {
        raw = 4;
      } else if (multi && (e == ' ' || e == '\t' || e == '\r' || e == '\n')) {
        // A line-ending backslash: it, the newline and the white space after it are dropped.
        std::size_t k = r + 1;
        while (k < source.size()) {
          if (auto nl = newline_at(k)) k = next_line(k, nl);
          else if (source[k] == ' ' || source[k] == '\t') ++k;
          else break;
        }
        r = k;
        continue;
      }
      if (offset < decoded + bytes) break;
      decoded += bytes;
      r += raw;
      continue;
    }
    if (auto nl = newline_at(r)) {
      ++decoded;  // a multi-line string keeps its newlines (toml++ reads CRLF as one '\n')
      r = next_line(r, nl);
      continue;
    }
    ++decoded;
    ++r;
  }
  std::size_t out_column = 1;
  for (std::size_t i = line_start; i < r; ++i)
    if (!is_continuation(i)) ++out_column;
  return std::pair(line, out_column);
}

class Loader {
 public:
  Loader(std::string_view file, const PolicyOptions& options) : file_(file), options_(options) {}

  // Reads the policy: each top-level key in turn (the domain SID before the principals, which
  // may need it), then builds the descriptor when nothing failed.
  PolicyLoad run(std::string_view text) {
    source_ = text;
    toml::table root;
    try {
      root = toml::parse(text, file_);
    } catch (const toml::parse_error& e) {
      std::string message(e.description());
      // The usual cause: a Windows name such as "Global\Name" in a basic string, where '\'
      // starts an escape (TOML 1.0, "String").
      if (message.find("escape") != std::string::npos)
        message += "; a backslash in a double-quoted string starts an escape: write Windows names "
                   "in single quotes ('Global\\Name', a literal string) or double the backslash";
      error(e.source(), "toml-syntax", std::move(message));
      return finish();
    }
    check_keys(root, kTopKeys, "policy");
    policy_.file = file_;
    read_name(root);
    const std::optional<ObjectType> type = read_object(root);
    if (type) policy_.object_type = *type;
    read_object_name(root);
    read_domain_sid(root);

    DescriptorBuilder builder(policy_.object_type, policy_.context);
    bool builder_ok = type.has_value();
    if (!read_owner_and_group(root, builder)) builder_ok = false;
    toml::source_region dacl_at = root.source();
    if (!read_dacl(root, builder, dacl_at)) builder_ok = false;
    if (!read_label(root, builder)) builder_ok = false;
    if (!read_resource_attributes(root, builder)) builder_ok = false;
    read_expectations(root);

    if (builder_ok && diagnostics_.empty()) {
      auto sd = builder.build();
      if (sd)
        policy_.descriptor = std::move(*sd);
      else
        error(dacl_at, "invalid-policy", sd.error().message);
    }
    return finish();
  }

 private:
  // `name` (a C++ identifier; the file's stem by default) and `description`.
  void read_name(const toml::table& root) {
    policy_.name = default_name();
    if (auto* n = root.get("name")) {
      if (auto s = string_of(*n, "name")) {
        if (is_identifier(*s))
          policy_.name = *s;
        else
          error(n->source(), "invalid-value",
                fmt::format("name '{}' is not a C++ identifier (letters, digits, '_'; not "
                            "starting with a digit)",
                            *s));
      }
    }
    if (auto* d = root.get("description"))
      if (auto s = string_of(*d, "description")) policy_.description = *s;
  }

  // `object` (required): the object type, or nullopt when it is missing or unknown.
  std::optional<ObjectType> read_object(const toml::table& root) {
    std::optional<ObjectType> type;
    if (auto* o = root.get("object")) {
      if (auto s = string_of(*o, "object")) {
        type = parse_object_type(*s);
        if (!type) {
          std::vector<std::string_view> names;
          for (const auto& t : object_types()) names.push_back(t.name);
          error(o->source(), "unknown-object-type",
                fmt::format("unknown object type '{}'{}: expected one of {}", *s,
                            detail::did_you_mean(*s, names), object_type_names()));
        }
      }
    } else {
      file_error("missing-key",
                 fmt::format("a policy needs `object = \"...\"` (one of {})", object_type_names()));
    }
    return type;
  }

  // `object-name`: the kernel object's name, kept for the generated code.
  void read_object_name(const toml::table& root) {
    if (auto* on = root.get("object-name")) {
      if (auto s = string_of(*on, "object-name")) {
        if (!s->starts_with("Global\\") && !s->starts_with("Local\\") && !s->starts_with("Session\\"))
          error(on->source(), "invalid-value",
                fmt::format("object-name '{}' should start with Global\\ or Local\\ (the kernel "
                            "namespace the object is created in)",
                            *s));
        policy_.object_name = *s;
        policy_.object_name_value = at(on->source());
      }
    }
  }

  // `domain-sid`, unless the options give one (which wins).
  void read_domain_sid(const toml::table& root) {
    if (options_.domain_sid) {
      policy_.context.domain = *options_.domain_sid;
    } else if (auto* ds = root.get("domain-sid")) {
      if (auto s = string_of(*ds, "domain-sid")) {
        auto sid = parse_domain_sid(*s);
        if (sid)
          policy_.context.domain = *sid;
        else
          error(ds->source(), "invalid-value", sid.error().message);
      }
    }
  }

  // `owner` and `group`: false when a principal could not be read.
  bool read_owner_and_group(const toml::table& root, DescriptorBuilder& builder) {
    bool ok = true;
    for (const char* which : {"owner", "group"}) {
      if (auto* node = root.get(which)) {
        if (auto s = string_of(*node, which)) {
          if (auto sid = principal(*node, *s)) {
            if (std::string_view(which) == "owner") builder.owner(*sid); else builder.group(*sid);
          } else {
            ok = false;
          }
        }
      }
    }
    return ok;
  }

  // [dacl] (required): its flags and its deny and allow entries. `dacl_at` becomes the table's
  // position (where a failure to build the descriptor is reported). False when an entry could
  // not be read.
  bool read_dacl(const toml::table& root, DescriptorBuilder& builder,
                 toml::source_region& dacl_at) {
    auto* dacl_node = root.get("dacl");
    if (!dacl_node) {
      file_error("missing-key",
            "a policy needs a [dacl] table (an object without a DACL gets its creator's default "
            "DACL, which is not what a service wants)");
      return true;
    }
    dacl_at = dacl_node->source();
    policy_.dacl_table = at(dacl_at);
    auto* dacl = table_of(*dacl_node, "dacl");
    if (!dacl) return true;
    check_keys(*dacl, kDaclKeys, "[dacl]");
    if (auto* p = dacl->get("protected")) {
      if (auto b = bool_of(*p, "dacl.protected")) builder.protect(*b);
    }
    if (auto* ai = dacl->get("auto-inherited")) {
      if (auto b = bool_of(*ai, "dacl.auto-inherited")) builder.auto_inherited(*b);
    }
    bool ok = true;
    for (bool allow : {false, true}) {
      const char* kind = allow ? "allow" : "deny";
      auto* list_node = dacl->get(kind);
      if (!list_node) continue;
      auto* list = list_node->as_array();
      if (!list || !list->is_array_of_tables()) {
        error(list_node->source(), "wrong-type",
              fmt::format("dacl.{} must be an array of tables: write [[dacl.{}]] entries", kind,
                          kind));
        continue;
      }
      for (auto& item : *list) {
        if (!entry(*item.as_table(), allow, builder)) ok = false;
      }
    }
    return ok;
  }

  // [label]: the mandatory label's level and policy. False when the level could not be read.
  bool read_label(const toml::table& root, DescriptorBuilder& builder) {
    auto* label_node = root.get("label");
    if (!label_node) return true;
    policy_.label_table = at(label_node->source());
    auto* label = table_of(*label_node, "label");
    if (!label) return true;
    check_keys(*label, kLabelKeys, "[label]");
    std::optional<Sid> level;
    if (auto* lv = label->get("level")) {
      if (auto s = string_of(*lv, "label.level")) {
        auto sid = label_level(*s);
        if (sid) level = *sid; else error(lv->source(), "unknown-label-level", sid.error().message);
      }
    } else {
      error(label_node->source(), "missing-key",
            "[label] needs `level` (untrusted, low, medium, medium-plus, high, system, an "
            "integrity alias such as LW, or S-1-16-N)");
    }
    AccessMask policy_bits = rights::label_no_write_up;
    if (auto* pol = label->get("policy")) {
      policy_bits = 0;
      for_each_word(*pol, "label.policy", [&](const toml::node& n, std::string_view w) {
        for (const auto& lw : kLabelWords)
          if (detail::iequals(lw.word, w)) {
            policy_bits |= lw.bit;
            return;
          }
        std::vector<std::string_view> words;
        for (const auto& lw : kLabelWords) words.push_back(lw.word);
        error(n.source(), "invalid-value",
              fmt::format("unknown label policy '{}'{}: expected no-write-up, no-read-up or "
                          "no-execute-up",
                          w, detail::did_you_mean(w, words)));
      });
    }
    if (!level) return false;
    builder.label(*level, policy_bits);
    return true;
  }

  // [[resource-attribute]]: RA ACEs in the SACL, what @Resource.NAME reads. False when an
  // entry could not be read.
  bool read_resource_attributes(const toml::table& root, DescriptorBuilder& builder) {
    auto* ra_node = root.get("resource-attribute");
    if (!ra_node) return true;
    auto* list = ra_node->as_array();
    if (!list || !list->is_array_of_tables()) {
      error(ra_node->source(), "wrong-type",
            "resource-attribute must be an array of tables: write [[resource-attribute]] entries");
      return true;
    }
    bool ok = true;
    for (auto& item : *list)
      if (!resource_attribute(*item.as_table(), builder)) ok = false;
    return ok;
  }

  // [[expect]]: the policy's expectations (checked later, against the built descriptor).
  void read_expectations(const toml::table& root) {
    auto* ex_node = root.get("expect");
    if (!ex_node) return;
    auto* list = ex_node->as_array();
    if (!list || !list->is_array_of_tables()) {
      error(ex_node->source(), "wrong-type", "expect must be an array of tables: write [[expect]] entries");
      return;
    }
    for (auto& item : *list) expectation(*item.as_table());
  }

  PolicyLoad finish() {
    PolicyLoad out;
    bool has_error = false;
    for (const auto& d : diagnostics_)
      if (d.severity == Severity::error) has_error = true;
    if (!has_error) out.policy = std::move(policy_);
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
    });
    out.diagnostics = std::move(diagnostics_);
    return out;
  }

  SourceLocation at(const toml::source_region& r, std::size_t extra_columns = 0) const {
    return SourceLocation{file_, r.begin.line, r.begin.column ? r.begin.column + extra_columns : 0};
  }
  // A problem of the whole file (a missing key): no line or column.
  void file_error(std::string code, std::string message) {
    diagnostics_.push_back(Diagnostic{SourceLocation{file_, 0, 0}, Severity::error, std::move(code),
                                      std::move(message), {}, {}});
  }
  void error(const toml::source_region& r, std::string code, std::string message,
             std::size_t extra_columns = 0) {
    diagnostics_.push_back(Diagnostic{at(r, extra_columns), Severity::error, std::move(code),
                                      std::move(message), {}, {}});
  }

  // An error at byte `offset` of a string value's text, placed on that character in the file
  // (at the value when there is no offset or the source does not show the string).
  void error_in_string(const toml::node& n, std::string code, std::string message,
                       std::optional<std::size_t> offset) {
    const auto& begin = n.source().begin;
    std::optional<std::pair<std::size_t, std::size_t>> where;
    if (offset) where = string_offset_position(source_, begin.line, begin.column, *offset);
    SourceLocation loc = where ? SourceLocation{file_, where->first, where->second} : at(n.source());
    diagnostics_.push_back(
        Diagnostic{std::move(loc), Severity::error, std::move(code), std::move(message), {}, {}});
  }

  void check_keys(const toml::table& t, const std::vector<std::string_view>& allowed,
                  std::string_view where) {
    for (auto&& [key, value] : t) {
      bool known = false;
      for (auto a : allowed)
        if (a == key.str()) known = true;
      if (known) continue;
      error(key.source(), "unknown-key",
            fmt::format("unknown key '{}' in {}{}; expected one of: {}", key.str(), where,
                        detail::did_you_mean(key.str(), allowed), detail::join(allowed)));
    }
  }

  std::optional<std::string> string_of(const toml::node& n, std::string_view key) {
    if (auto s = n.value<std::string>(); s && n.is_string()) return s;
    error(n.source(), "wrong-type", fmt::format("{} must be a string", key));
    return std::nullopt;
  }
  std::optional<bool> bool_of(const toml::node& n, std::string_view key) {
    if (n.is_boolean()) return n.value<bool>();
    error(n.source(), "wrong-type", fmt::format("{} must be true or false", key));
    return std::nullopt;
  }
  const toml::table* table_of(const toml::node& n, std::string_view key) {
    if (auto* t = n.as_table()) return t;
    error(n.source(), "wrong-type", fmt::format("{} must be a table: write [{}]", key, key));
    return nullptr;
  }
  // A string, or an array of strings: calls `f(node, word)` for each.
  template <class F>
  void for_each_word(const toml::node& n, std::string_view key, F&& f) {
    if (n.is_string()) {
      f(n, *n.value<std::string>());
      return;
    }
    if (auto* arr = n.as_array()) {
      for (auto& el : *arr) {
        if (el.is_string())
          f(el, *el.value<std::string>());
        else
          error(el.source(), "wrong-type", fmt::format("{} items must be strings", key));
      }
      return;
    }
    error(n.source(), "wrong-type", fmt::format("{} must be a string or an array of strings", key));
  }

  // A [label] level: a word (low, medium, ...), S-1-16-N, or an integrity alias (LW, ME, MP, HI,
  // SI) as the token SPEC's integrity= takes. An alias of another SID (LU, typed for LW) is
  // refused: a label whose SID is not an integrity level means nothing to the access check.
  static Result<Sid> label_level(std::string_view text) {
    auto sid = parse_integrity_level(text);
    if (sid || text.size() != 2) return sid;
    auto alias = resolve_sid_alias(text);
    if (!alias) return sid;
    if (!is_integrity_sid(*alias))
      return make_error(ErrorCode::invalid_argument, 0,
                        fmt::format("'{}' is {} ({}), not an integrity level: use untrusted, "
                                    "low, medium, medium-plus, high, system, an integrity alias "
                                    "(LW, ME, MP, HI, SI) or S-1-16-N",
                                    text, alias->to_string(), describe_sid(*alias)));
    return alias;
  }

  std::optional<Sid> principal(const toml::node& n, std::string_view text) {
    // The one resolver of names (principal_names.hpp): aliases, SIDs, account names and the
    // derived forms NT SERVICE\\, IIS APPPOOL\\, package:, capability:, capability-group:.
    auto sid = resolve_principal(text, policy_.context);
    if (sid) {
      remember_principal_name(policy_.names, *sid, text);
      return *sid;
    }
    std::string message = sid.error().message;
    if (sid.error().code == ErrorCode::domain_required)
      message += " (set `domain-sid` in the policy or pass --domain-sid)";
    error(n.source(), sid.error().code == ErrorCode::domain_required ? "domain-required" : "unknown-principal",
          message);
    return std::nullopt;
  }

  // Rights as a string or an array of strings; the error column points at the bad word when the
  // value is a plain one-line string.
  std::optional<AccessMask> rights_of(const toml::node& n, std::string_view key, std::string* text_out) {
    AccessMask mask = 0;
    bool ok = true, any = false;
    for_each_word(n, key, [&](const toml::node& el, std::string_view words) {
      any = true;
      if (text_out) {
        if (!text_out->empty()) *text_out += ", ";
        *text_out += words;
      }
      auto m = parse_rights(words, policy_.object_type);
      if (m) {
        mask |= *m;
      } else {
        ok = false;
        error_in_string(el, "unknown-right", m.error().message,
                        m.error().has_offset() ? std::optional(m.error().offset) : std::nullopt);
      }
    });
    if (!any && ok && n.is_array()) {
      error(n.source(), "invalid-value", fmt::format("{} is empty: name at least one right", key));
      return std::nullopt;
    }
    if (!ok) return std::nullopt;
    return mask;
  }

  bool entry(const toml::table& t, bool allow, DescriptorBuilder& builder) {
    const char* kind = allow ? "allow" : "deny";
    check_keys(t, kEntryKeys, fmt::format("[[dacl.{}]]", kind));
    std::optional<Sid> sid;
    if (auto* p = t.get("principal")) {
      if (auto s = string_of(*p, "principal")) sid = principal(*p, *s);
    } else {
      error(t.source(), "missing-key", fmt::format("[[dacl.{}]] needs `principal`", kind));
    }
    std::optional<AccessMask> mask;
    if (auto* r = t.get("rights"))
      mask = rights_of(*r, "rights", nullptr);
    else
      error(t.source(), "missing-key", fmt::format("[[dacl.{}]] needs `rights`", kind));
    std::optional<ConditionalExpression> condition;
    bool condition_ok = true;
    if (auto* c = t.get("condition")) {
      condition_ok = false;
      if (auto text = string_of(*c, "condition")) {
        condition = condition_of(*c, *text);
        condition_ok = condition.has_value();
      }
    }
    std::uint8_t flags = 0;
    if (auto* inh = t.get("inherit")) {
      const auto& info = object_type_info(policy_.object_type);
      if (!info.container) {
        error(inh->source(), "inherit-on-non-container",
              fmt::format("`inherit` means nothing on a {}: only directories and registry keys "
                          "have children that inherit ACEs",
                          info.name));
      } else {
        for_each_word(*inh, "inherit", [&](const toml::node& n, std::string_view w) {
          for (const auto& iw : kInheritWords)
            if (detail::iequals(iw.word, w)) {
              flags |= iw.flag;
              return;
            }
          std::vector<std::string_view> words;
          for (const auto& iw : kInheritWords) words.push_back(iw.word);
          error(n.source(), "invalid-value",
                fmt::format("unknown inherit flag '{}'{}: expected object, container, "
                            "no-propagate or inherit-only",
                            w, detail::did_you_mean(w, words)));
        });
      }
    }
    if (!sid || !mask || !condition_ok) return false;
    for (const auto& seen : seen_entries_) {
      if (seen.allow == allow && seen.sid == *sid && seen.flags == flags &&
          seen.condition == condition) {
        error(t.source(), "duplicate-entry",
              fmt::format("duplicate {} entry for {} (first at line {}): merge the rights into "
                          "one entry",
                          kind, sid->to_string(), seen.line));
        return false;
      }
    }
    seen_entries_.push_back(SeenEntry{allow, *sid, flags, condition, t.source().begin.line});
    // The builder writes every deny before every allow (conditional ones included), each in the
    // order written; the loader reads the deny entries first for the same reason, so this list
    // follows the DACL.
    policy_.dacl_entries.push_back(at(t.source()));
    if (condition) {
      if (allow) builder.allow_if(*sid, *mask, std::move(*condition), flags);
      else builder.deny_if(*sid, *mask, std::move(*condition), flags);
    } else {
      if (allow) builder.allow(*sid, *mask, flags); else builder.deny(*sid, *mask, flags);
    }
    return true;
  }

  // A condition in SDDL form (MS-DTYP 2.5.1.1); the outer parentheses may be left out. An error
  // is placed on the character inside the TOML string that the parser stopped at.
  std::optional<ConditionalExpression> condition_of(const toml::node& n, const std::string& text) {
    const std::size_t first = text.find_first_not_of(" \t");
    const bool bare = first == std::string::npos || text[first] != '(';
    auto parsed = parse_conditional_expression(bare ? "(" + text + ")" : text, policy_.context);
    if (!parsed && !bare) {
      // "(a) && (b)": parenthesised terms without parentheses around the whole.
      auto wrapped = parse_conditional_expression("(" + text + ")", policy_.context);
      if (wrapped) parsed = std::move(wrapped);
    }
    if (parsed) {
      if (lone_surrogate_name(n, text, *parsed)) return std::nullopt;
      return std::move(*parsed);
    }
    const Error& e = parsed.error();
    std::size_t offset = e.has_offset() ? e.offset : 0;
    if (bare) offset = offset == 0 ? 0 : std::min(offset - 1, text.size());
    std::string message = fmt::format("condition: {}", e.message);
    if (e.code == ErrorCode::domain_required)
      message += " (set `domain-sid` in the policy or pass --domain-sid)";
    error_in_string(n, e.code == ErrorCode::limit_exceeded ? "limit-exceeded" : "invalid-condition",
                    std::move(message), offset);
    return std::nullopt;
  }

  // An attribute name escaped to a lone UTF-16 surrogate (`@User.%d800`): SDDL can say it, but
  // no text of the name exists (JSON, explanations and the compiled header's comments are UTF-8),
  // and no claim is named so; refused at the escape.
  bool lone_surrogate_name(const toml::node& n, const std::string& text,
                           const ConditionalExpression& expr) {
    for (const CondToken& t : expr.tokens) {
      if (t.kind() != CondTokenKind::attribute) continue;
      const std::size_t k = detail::find_unpaired_surrogate(t.text);
      if (k == std::u16string_view::npos) continue;
      const std::string escape = fmt::format("%{:04x}", static_cast<unsigned>(t.text[k]));
      std::string lower = text;
      for (char& c : lower) c = detail::ascii_lower(c);
      const std::size_t at = lower.find(escape);
      error_in_string(n, "invalid-condition",
                      fmt::format("condition: the attribute name holds {}, an unpaired UTF-16 "
                                  "surrogate (U+{:04X}): no claim has such a name and no UTF-8 "
                                  "output can write it",
                                  escape, static_cast<unsigned>(t.text[k])),
                      at == std::string::npos ? 0 : at);
      return true;
    }
    return false;
  }

  // [[resource-attribute]]: name, type and values of an RA ACE (MS-DTYP 2.4.4.15, 2.4.10.1).
  bool resource_attribute(const toml::table& t, DescriptorBuilder& builder) {
    check_keys(t, kResourceKeys, "[[resource-attribute]]");
    Claim claim;
    bool ok = true;
    if (auto* n = t.get("name")) {
      if (auto s = string_of(*n, "resource-attribute name")) {
        if (s->empty() || s->find('\0') != std::string::npos) {
          error(n->source(), "invalid-value", "a resource attribute needs a name without NUL");
          ok = false;
        } else {
          claim.name = utf16_of(*s);
        }
      } else {
        ok = false;
      }
    } else {
      error(t.source(), "missing-key", "[[resource-attribute]] needs `name`");
      ok = false;
    }
    std::optional<ClaimType> type;
    if (auto* n = t.get("type")) {
      if (auto s = string_of(*n, "resource-attribute type")) {
        if (auto info = find_claim_type_by_name(*s)) {
          type = info->type;
        } else {
          std::vector<std::string_view> names;
          for (const auto& row : claim_type_table()) names.push_back(row.name);
          error(n->source(), "invalid-value",
                fmt::format("unknown resource attribute type '{}'{}: expected one of {}", *s,
                            detail::did_you_mean(*s, names), detail::join(names)));
        }
      }
    } else {
      error(t.source(), "missing-key",
            "[[resource-attribute]] needs `type` (int64, uint64, string, sid, boolean or "
            "octet-string)");
    }
    if (!type) return false;
    claim.type = *type;
    if (auto* cs = t.get("case-sensitive")) {
      if (auto b = bool_of(*cs, "resource-attribute case-sensitive")) {
        if (*b) claim.flags |= claim_flags::value_case_sensitive;
      } else {
        ok = false;
      }
    }
    const toml::node* values = t.get("values");
    if (!values) {
      error(t.source(), "missing-key", "[[resource-attribute]] needs `values` (an array)");
      return false;
    }
    const toml::array* list = values->as_array();
    if (!list || list->empty()) {
      error(values->source(), list ? "invalid-value" : "wrong-type",
            "resource-attribute values must be a non-empty array, e.g. values = [3]");
      return false;
    }
    for (const auto& v : *list)
      if (!claim_value(v, claim)) ok = false;
    if (!ok) return false;
    const std::string name = claim.name_utf8();
    for (const auto& seen : seen_attributes_)
      if (detail::iequals(seen.first, name)) {
        error(t.source(), "duplicate-entry",
              fmt::format("resource attribute '{}' is given twice (first at line {}; names compare "
                          "case-insensitively)",
                          name, seen.second));
        return false;
      }
    seen_attributes_.emplace_back(name, t.source().begin.line);
    policy_.resource_attribute_entries.push_back(at(t.source()));
    builder.resource_attribute(std::move(claim));
    return true;
  }

  // One value of a resource attribute, of the claim's type.
  bool claim_value(const toml::node& v, Claim& claim) {
    const std::string_view type_name = find_claim_type(claim.type)->name;
    auto wrong = [&](std::string_view want) {
      error(v.source(), "wrong-type",
            fmt::format("a {} resource attribute takes {} values", type_name, want));
      return false;
    };
    switch (claim.type) {
      case ClaimType::int64:
        if (!v.is_integer()) return wrong("integer");
        claim.integers.push_back(static_cast<std::uint64_t>(*v.value<std::int64_t>()));
        return true;
      case ClaimType::uint64:
        if (!v.is_integer() || *v.value<std::int64_t>() < 0) return wrong("non-negative integer");
        claim.integers.push_back(static_cast<std::uint64_t>(*v.value<std::int64_t>()));
        return true;
      case ClaimType::boolean:
        if (!v.is_boolean()) return wrong("true or false");
        claim.integers.push_back(*v.value<bool>() ? 1u : 0u);
        return true;
      case ClaimType::string: {
        if (!v.is_string()) return wrong("string");
        const std::string s = *v.value<std::string>();
        if (s.find('\0') != std::string::npos) return wrong("string (without NUL)");
        claim.strings.push_back(utf16_of(s));
        return true;
      }
      case ClaimType::sid: {
        if (!v.is_string()) return wrong("principal (string)");
        auto sid = principal(v, *v.value<std::string>());
        if (!sid) return false;
        claim.sids.push_back(*sid);
        return true;
      }
      case ClaimType::octet_string: {
        if (!v.is_string()) return wrong("hex string");
        const std::string s = *v.value<std::string>();
        std::vector<std::byte> bytes;
        bool hex = s.size() % 2 == 0;
        for (std::size_t i = 0; hex && i < s.size(); i += 2) {
          const int hi = detail::hex_value(s[i]), lo = detail::hex_value(s[i + 1]);
          if (hi < 0 || lo < 0) hex = false;
          else bytes.push_back(static_cast<std::byte>(hi * 16 + lo));
        }
        if (!hex) return wrong("hex string (an even number of hex digits, e.g. \"0a1b\")");
        claim.octets.push_back(std::move(bytes));
        return true;
      }
    }
    return wrong("known");
  }

  void expectation(const toml::table& t) {
    check_keys(t, kExpectKeys, "[[expect]]");
    Expectation e;
    e.where = at(t.source());
    if (auto* d = t.get("description"))
      if (auto s = string_of(*d, "description")) e.description = *s;
    bool ok = true;
    if (auto* tok = t.get("token")) {
      if (tok->is_string()) {
        std::string s = *tok->value<std::string>();
        e.token_spec = s.find('=') == std::string::npos ? "preset=" + s : s;
      } else if (auto* tt = tok->as_table()) {
        // The keys are the token SPEC's (token.cpp has the one list); parse_token_spec below
        // rejects an unknown one with a did-you-mean.
        for (auto&& [key, value] : *tt) {
          std::string v;
          if (value.is_string()) {
            v = *value.value<std::string>();
          } else if (value.is_boolean()) {
            v = *value.value<bool>() ? "true" : "false";
          } else if (auto* arr = value.as_array()) {
            for (auto& el : *arr) {
              if (!el.is_string()) {
                error(el.source(), "wrong-type", fmt::format("token.{} items must be strings", key.str()));
                ok = false;
                continue;
              }
              if (!v.empty()) v += ',';
              v += *el.value<std::string>();
            }
          } else {
            error(value.source(), "wrong-type",
                  fmt::format("token.{} must be a string, a boolean or an array of strings", key.str()));
            ok = false;
          }
          if (!e.token_spec.empty()) e.token_spec += ';';
          e.token_spec += fmt::format("{}={}", key.str(), v);
        }
      } else {
        error(tok->source(), "wrong-type",
              "token must be a preset name (\"low-integrity-user\") or a table (token = { preset = "
              "\"interactive-user\", integrity = \"low\" })");
        ok = false;
      }
    } else {
      error(t.source(), "missing-key", "[[expect]] needs `token`");
      ok = false;
    }
    if (auto* r = t.get("rights")) {
      auto m = rights_of(*r, "rights", &e.rights_text);
      if (m) e.desired = *m; else ok = false;
    } else {
      error(t.source(), "missing-key", "[[expect]] needs `rights`");
      ok = false;
    }
    if (auto* res = t.get("result")) {
      if (auto s = string_of(*res, "result")) {
        if (*s == "granted" || *s == "allowed") e.expect_granted = true;
        else if (*s == "denied") e.expect_granted = false;
        else {
          error(res->source(), "invalid-value",
                fmt::format("result must be \"granted\" or \"denied\", not '{}'", *s));
          ok = false;
        }
      } else {
        ok = false;
      }
    } else {
      error(t.source(), "missing-key", "[[expect]] needs `result = \"granted\"` or `\"denied\"`");
      ok = false;
    }
    if (ok && !e.token_spec.empty()) {
      auto token = parse_token_spec(e.token_spec, policy_.context);
      if (!token) {
        error(t.get("token")->source(), "invalid-token",
              fmt::format("token '{}': {}", e.token_spec, token.error().message));
        ok = false;
      }
    }
    if (ok) policy_.expectations.push_back(std::move(e));
  }

  // TOML text is UTF-8 (toml++ checks it), so the conversion does not fail.
  static std::u16string utf16_of(std::string_view utf8) {
    return detail::utf8_to_utf16(utf8).value_or(std::u16string{});
  }

  std::string default_name() const {
    std::string stem = std::filesystem::path(file_).stem().string();
    std::string out;
    for (char c : stem) out += (detail::is_alpha(c) || detail::is_digit(c)) ? c : '_';
    if (out.empty() || detail::is_digit(out[0])) out = "policy_" + out;
    return out;
  }
  static bool is_identifier(std::string_view s) {
    if (s.empty() || detail::is_digit(s[0])) return false;
    for (char c : s)
      if (!detail::is_alpha(c) && !detail::is_digit(c) && c != '_') return false;
    return true;
  }

  struct SeenEntry {
    bool allow;
    Sid sid;
    std::uint8_t flags;
    std::optional<ConditionalExpression> condition;
    std::size_t line;
  };
  std::string file_;
  std::string_view source_;
  std::vector<std::pair<std::string, std::size_t>> seen_attributes_;
  const PolicyOptions& options_;
  Policy policy_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<SeenEntry> seen_entries_;
};

}  // namespace

PolicyLoad load_policy(std::string_view toml_text, std::string_view file, const PolicyOptions& options) {
  if (toml_text.size() > max_policy_size) {
    PolicyLoad out;
    out.diagnostics.push_back(Diagnostic{SourceLocation{std::string(file), 0, 0}, Severity::error,
                                         "limit-exceeded",
                                         fmt::format("policy of {} bytes is over the {}-byte limit",
                                                     toml_text.size(), max_policy_size),
                                         {}, {}});
    return out;
  }
  return Loader(file, options).run(toml_text);
}

PolicyLoad load_policy_file(const std::filesystem::path& path, const PolicyOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    PolicyLoad out;
    // The OS's reason ("No such file or directory"), not just that it failed.
    out.diagnostics.push_back(Diagnostic{SourceLocation{path.string(), 0, 0}, Severity::error,
                                         "io",
                                         "cannot read the file: " +
                                             std::generic_category().message(errno),
                                         {}, {}});
    return out;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return load_policy(buf.str(), path.string(), options);
}

bool looks_like_policy(std::string_view toml_text) {
  if (toml_text.size() > max_policy_size) return true;  // the loader reports the limit
  try {
    const toml::table root = toml::parse(toml_text);
    return root.contains("object") || root.contains("dacl");
  } catch (const toml::parse_error&) {
    return true;
  }
}

std::vector<std::string_view> policy_top_level_keys() { return kTopKeys; }

}  // namespace secdesc
