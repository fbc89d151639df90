// Static analysis of conditional expressions: the outcomes (TRUE, FALSE, UNKNOWN) a condition can
// have over every caller, by abstract evaluation of the expression tree with the rules of
// MS-DTYP 2.4.4.17.6 (relational operators) and 2.4.4.17.7 (logical operators), as
// condition_eval.cpp applies them. Each caller attribute is taken as absent (its tests are
// UNKNOWN) or present (TRUE or FALSE); with up to kMaxEnumerated attributes every combination
// is tried, so tests of the same attribute stay correlated ((Exists a) && (a < 3) is never
// UNKNOWN). A conjunction is also checked for tests of one attribute that no value passes
// together (a == 1 && a == 2, a > 5 && a < 3, Exists a && Not_Exists a).
#include "secdesc/condition_analysis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>

#include "core/internal/conditional_sddl.hpp"
#include "core/internal/conditional_tree.hpp"
#include "secdesc/condition_eval.hpp"
#include "core/internal/unicode_case.hpp"
#include "core/internal/utf.hpp"

namespace secdesc {
namespace {

using T = CondTokenType;
using K = CondTokenKind;
using detail::CondNode;

using Outcomes = std::uint8_t;
constexpr Outcomes kTrue = 1, kFalse = 2, kUnknown = 4;
constexpr Outcomes kKnown = kTrue | kFalse;
constexpr Outcomes kAny = kTrue | kFalse | kUnknown;

// With more caller attributes than this, or a tree so large that trying every combination would
// take more than kMaxEvaluations node visits, each attribute is taken as "present or absent" on
// its own: the answer only gets less precise (never wrong: it can only say more is possible).
constexpr std::size_t kMaxEnumerated = 10;
constexpr std::size_t kMaxEvaluations = std::size_t{1} << 20;

Outcomes bit(Truth t) {
  switch (t) {
    case Truth::true_value:
      return kTrue;
    case Truth::false_value:
      return kFalse;
    case Truth::unknown:
      return kUnknown;
  }
  return kUnknown;
}

// The three-valued operators of MS-DTYP 2.4.4.17.7, lifted to sets of outcomes.
Outcomes and_of(Outcomes a, Outcomes b) {
  Outcomes out = 0;
  if ((a & kFalse) || (b & kFalse)) out |= kFalse;
  if ((a & kTrue) && (b & kTrue)) out |= kTrue;
  if (((a & kUnknown) && (b & (kTrue | kUnknown))) || ((b & kUnknown) && (a & (kTrue | kUnknown))))
    out |= kUnknown;
  return out;
}
Outcomes or_of(Outcomes a, Outcomes b) {
  Outcomes out = 0;
  if ((a & kTrue) || (b & kTrue)) out |= kTrue;
  if ((a & kFalse) && (b & kFalse)) out |= kFalse;
  if (((a & kUnknown) && (b & (kFalse | kUnknown))) ||
      ((b & kUnknown) && (a & (kFalse | kUnknown))))
    out |= kUnknown;
  return out;
}
Outcomes not_of(Outcomes a) {
  Outcomes out = a & kUnknown;
  if (a & kTrue) out |= kFalse;
  if (a & kFalse) out |= kTrue;
  return out;
}

bool is_ordering(T op) {
  return op == T::less_than || op == T::less_than_or_equal || op == T::greater_than ||
         op == T::greater_than_or_equal;
}
bool is_membership(T op) {
  return op == T::member_of || op == T::device_member_of || op == T::member_of_any ||
         op == T::device_member_of_any || op == T::not_member_of || op == T::not_device_member_of ||
         op == T::not_member_of_any || op == T::not_device_member_of_any;
}
// Operators that negate a test: a caller without the attribute gets UNKNOWN, not TRUE.
bool is_negated_test(T op) {
  return op == T::not_equals || op == T::not_contains || op == T::not_any_of ||
         op == T::not_member_of || op == T::not_device_member_of || op == T::not_member_of_any ||
         op == T::not_device_member_of_any;
}

enum class Presence : std::uint8_t { absent, present, either };

// A literal value, for deciding whether two tests of one attribute can both hold.
struct Lit {
  enum class Kind : std::uint8_t { integer, string, sid, octets } kind = Kind::integer;
  std::int64_t integer = 0;
  std::u16string text;
  Sid sid;
  std::vector<std::byte> octets;
};

std::optional<Lit> lit_of(const CondToken& t) {
  Lit l;
  if (t.is_integer()) {
    l.integer = t.integer;
  } else if (t.type == T::unicode_string) {
    l.kind = Lit::Kind::string;
    l.text = t.text;
  } else if (t.type == T::sid) {
    l.kind = Lit::Kind::sid;
    l.sid = t.sid;
  } else if (t.type == T::octet_string) {
    l.kind = Lit::Kind::octets;
    l.octets = t.octets;
  } else {
    return std::nullopt;
  }
  return l;
}

// A literal operand as a set of values: a composite's elements, or the one literal.
std::optional<std::vector<Lit>> lits_of(const CondToken& t) {
  std::vector<Lit> out;
  if (t.type == T::composite) {
    for (const auto& e : t.elements) {
      auto l = lit_of(e);
      if (!l) return std::nullopt;
      out.push_back(std::move(*l));
    }
  } else {
    auto l = lit_of(t);
    if (!l) return std::nullopt;
    out.push_back(std::move(*l));
  }
  return out;
}

bool same_value(const Lit& a, const Lit& b, bool case_insensitive) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Lit::Kind::integer:
      return a.integer == b.integer;
    case Lit::Kind::string:
      return detail::compare_utf16(a.text, b.text, !case_insensitive) == 0;
    case Lit::Kind::sid:
      return a.sid == b.sid;
    case Lit::Kind::octets:
      return a.octets == b.octets;
  }
  return false;
}

// `==` on sets as the evaluator has it: the same number of values, each found in the other.
bool same_set(const std::vector<Lit>& a, const std::vector<Lit>& b, bool case_insensitive) {
  if (a.size() != b.size()) return false;
  auto within = [&](const std::vector<Lit>& x, const std::vector<Lit>& y) {
    return std::all_of(x.begin(), x.end(), [&](const Lit& v) {
      return std::any_of(y.begin(), y.end(),
                         [&](const Lit& w) { return same_value(v, w, case_insensitive); });
    });
  };
  return within(a, b) && within(b, a);
}

std::string strip_parentheses(std::string text) {
  if (text.size() >= 2 && text.front() == '(' && text.back() == ')')
    text = text.substr(1, text.size() - 2);
  return text;
}

class Analyzer {
 public:
  Analyzer(const ConditionalExpression& e, const std::vector<CondNode>& nodes,
           const std::optional<std::vector<Claim>>& resources)
      : e_(e), nodes_(nodes), resources_(resources) {
    var_of_.assign(nodes_.size(), -1);
    constant_.assign(nodes_.size(), false);
    for (std::size_t n = 0; n < nodes_.size(); ++n) classify(n);
    contradiction_.assign(nodes_.size(), std::nullopt);
    seen_.assign(nodes_.size(), 0);
    constant_value_.assign(nodes_.size(), std::nullopt);
    mark_negated(nodes_.size() - 1, false);
  }

  ConditionAnalysis run() {
    ConditionAnalysis out;
    const std::size_t root = nodes_.size() - 1;
    Outcomes possible = 0;
    if (vars_.size() <= kMaxEnumerated && (nodes_.size() << vars_.size()) <= kMaxEvaluations) {
      for (std::size_t mask = 0; mask < (std::size_t{1} << vars_.size()); ++mask) {
        for (std::size_t v = 0; v < vars_.size(); ++v)
          presence_[v] = (mask >> v) & 1 ? Presence::present : Presence::absent;
        possible |= eval(root);
      }
    } else {
      std::fill(presence_.begin(), presence_.end(), Presence::either);
      possible = eval(root);
    }
    out.can_be_true = (possible & kTrue) != 0;
    out.can_be_false = (possible & kFalse) != 0;
    out.can_be_unknown = (possible & kUnknown) != 0;
    if (!out.can_be_true) {
      out.never_true_reason = reason_for(root).value_or(
          fmt::format("{} is FALSE or UNKNOWN for every caller", text(root)));
    }

    for (std::size_t v = 0; v < vars_.size(); ++v) {
      std::fill(presence_.begin(), presence_.end(), Presence::present);
      presence_[v] = Presence::absent;
      if (eval(root) & kUnknown) out.unknown_without.push_back(vars_[v].display);
      const Var& var = vars_[v];
      if (var.negated_tests == 0 || var.plain_tests != 0 || var.presence_tests != 0) continue;
      std::fill(presence_.begin(), presence_.end(), Presence::either);
      presence_[v] = Presence::absent;
      if (out.can_be_true && !(eval(root) & kTrue)) out.negated_needs.push_back(vars_[v].display);
    }
    return out;
  }

 private:
  struct Var {
    CondTokenType scope;
    std::u16string name;  // as written; compared case-insensitively
    std::string display;  // "@USER.Clearance"
    std::size_t negated_tests = 0, plain_tests = 0, presence_tests = 0;
  };

  const CondToken& token(std::size_t n) const { return e_.tokens[nodes_[n].token]; }

  std::size_t start(std::size_t n) const {
    while (nodes_[n].first != CondNode::none) n = nodes_[n].first;
    return n;
  }
  ConditionalExpression slice(std::size_t n) const {
    ConditionalExpression out;
    out.tokens.assign(e_.tokens.begin() + static_cast<std::ptrdiff_t>(start(n)),
                      e_.tokens.begin() + static_cast<std::ptrdiff_t>(n) + 1);
    return out;
  }
  std::string text(std::size_t n) const { return to_sddl(slice(n)); }

  bool known_resource(const CondToken& t) const {
    return t.type == T::resource_attribute && resources_.has_value();
  }
  const Claim* resource(const CondToken& t) const {
    for (const auto& c : *resources_)
      if (detail::compare_utf16(c.name, t.text, false) == 0) return &c;
    return nullptr;
  }

  // Caller attributes become variables; a node is constant when nothing under it depends on the
  // caller (literals, known resource attributes, and operators over them but Member_of's family).
  void classify(std::size_t n) {
    const CondToken& t = token(n);
    const auto& node = nodes_[n];
    switch (t.kind()) {
      case K::literal:
        constant_[n] = true;
        return;
      case K::attribute: {
        if (known_resource(t)) {
          constant_[n] = true;
          return;
        }
        for (std::size_t v = 0; v < vars_.size(); ++v)
          if (vars_[v].scope == t.type &&
              detail::compare_utf16(vars_[v].name, t.text, false) == 0) {
            var_of_[n] = static_cast<int>(v);
            return;
          }
        var_of_[n] = static_cast<int>(vars_.size());
        vars_.push_back(Var{t.type, t.text, strip_parentheses(text(n))});
        presence_.push_back(Presence::either);
        return;
      }
      default:
        break;
    }
    if (is_membership(t.type)) return;
    bool all = true;
    if (node.first != CondNode::none) all = all && constant_[node.first];
    if (node.second != CondNode::none) all = all && constant_[node.second];
    constant_[n] = all;
  }

  // A caller attribute is "negated" when every test of it is under a negation and none is an
  // Exists / Not_Exists (which shows the author thought about callers without it).
  void mark_negated(std::size_t n, bool negated) {
    const CondToken& t = token(n);
    const auto& node = nodes_[n];
    if (var_of_[n] >= 0) {
      auto& v = vars_[static_cast<std::size_t>(var_of_[n])];
      (negated ? v.negated_tests : v.plain_tests)++;
    }
    if ((t.type == T::exists || t.type == T::not_exists) && var_of_[node.first] >= 0)
      vars_[static_cast<std::size_t>(var_of_[node.first])].presence_tests++;
    const bool below = negated != (t.kind() == K::logical_not || is_negated_test(t.type));
    if (node.first != CondNode::none) mark_negated(node.first, below);
    if (node.second != CondNode::none) mark_negated(node.second, below);
  }

  // Records why node n is never TRUE, once (the text is built only the first time).
  template <class MakeReason>
  void note(std::size_t n, MakeReason&& make) {
    if (!reasons_.contains(n)) reasons_.emplace(n, make());
  }

  Presence presence_of(std::size_t n) {
    const CondToken& t = token(n);
    if (var_of_[n] >= 0) return presence_[static_cast<std::size_t>(var_of_[n])];
    if (known_resource(t)) {
      if (resource(t)) return Presence::present;
      note(n, [&] {
        return fmt::format("the descriptor has no resource attribute '{}' (RA ACE) for {} to read",
                           detail::attribute_name_text(t.text, false),
                           strip_parentheses(text(n)));
      });
      return Presence::absent;
    }
    return Presence::present;  // a literal
  }

  Outcomes by_presence(Presence p, Outcomes when_present, Outcomes when_absent) const {
    switch (p) {
      case Presence::present:
        return when_present;
      case Presence::absent:
        return when_absent;
      case Presence::either:
        return when_present | when_absent;
    }
    return kAny;
  }

  // The outcomes of node n in a condition position, for the current presence_ assignment; seen_
  // collects them over every assignment.
  Outcomes eval(std::size_t n) {
    const Outcomes r = eval_node(n);
    seen_[n] |= r;
    return r;
  }
  Outcomes eval_node(std::size_t n) {
    const CondToken& t = token(n);
    const auto& node = nodes_[n];
    if (constant_[n] && t.kind() != K::literal) {
      if (constant_value_[n]) return *constant_value_[n];
      ConditionContext context;
      if (resources_) context.resource_attributes = *resources_;
      const ConditionResult r = evaluate_condition(slice(n), context);
      if (r.value != Truth::true_value)
        note(n, [&] {
          return fmt::format("{} is always {}{}", text(n), to_string(r.value),
                             r.reason.empty() ? "" : " (" + r.reason + ")");
        });
      constant_value_[n] = bit(r.value);
      return bit(r.value);
    }
    switch (t.kind()) {
      case K::literal:
        note(n, [&] {
          return fmt::format(
              "the literal {} stands where a condition belongs, which makes the "
              "whole condition UNKNOWN",
              strip_parentheses(text(n)));
        });
        return kUnknown;
      case K::attribute:
        return by_presence(presence_of(n), kKnown, kUnknown);
      case K::relational:
        return relational(n);
      case K::unary:
        return unary(n);
      case K::logical: {
        const Outcomes a = eval(node.first), b = eval(node.second);
        if (t.type == T::logical_or) return or_of(a, b);
        Outcomes r = and_of(a, b);
        if (contradiction(n)) r &= static_cast<Outcomes>(~kTrue);
        return r;
      }
      case K::logical_not:
        return not_of(eval(node.first));
    }
    return kAny;
  }

  Outcomes relational(std::size_t n) {
    const CondToken& t = token(n);
    const std::size_t left = nodes_[n].first, right = nodes_[n].second;
    const CondToken& r = token(right);
    // Contains {} is FALSE and Not_Contains {} TRUE, even without the attribute (the KDC rows).
    if ((t.type == T::contains || t.type == T::not_contains) && r.type == T::composite &&
        r.elements.empty()) {
      if (t.type == T::not_contains) return kTrue;
      note(n, [&] {
        return fmt::format("{} is always FALSE: nothing contains the empty list", text(n));
      });
      return kFalse;
    }
    if (is_ordering(t.type)) {
      if (r.type == T::composite && r.elements.size() != 1) {
        note(n, [&] {
          return fmt::format(
              "{}: an ordering operator on a multi-valued side is always UNKNOWN "
              "(MS-DTYP 2.4.4.17.6)",
              text(n));
        });
        return kUnknown;
      }
      if (r.type == T::sid || r.type == T::octet_string) {
        note(n, [&] {
          return fmt::format(
              "{}: only integers and strings have an order, so it is always "
              "UNKNOWN",
              text(n));
        });
        return kUnknown;
      }
      for (std::size_t side : {left, right}) {
        const CondToken& s = token(side);
        if (known_resource(s))
          if (const Claim* c = resource(s); c && c->value_count() > 1) {
            note(n, [&] {
              return fmt::format(
                  "{}: the resource attribute has {} values, and an ordering "
                  "operator on a multi-valued side is always UNKNOWN",
                  text(n), c->value_count());
            });
            return kUnknown;
          }
      }
    }
    if ((t.type == T::any_of || t.type == T::not_any_of) && r.kind() == K::literal &&
        r.type != T::composite) {
      note(n, [&] {
        return fmt::format(
            "{}: Any_of with one value rather than a {{...}} list is UNKNOWN (the "
            "Windows KDC answers so; docs/conditional-aces.md)",
            text(n));
      });
      return kUnknown;
    }
    const Presence a = presence_of(left), b = presence_of(right);
    if (a == Presence::absent || b == Presence::absent) return kUnknown;
    if (a == Presence::either || b == Presence::either) return kAny;
    return kKnown;
  }

  Outcomes unary(std::size_t n) {
    const CondToken& t = token(n);
    const std::size_t operand = nodes_[n].first;
    const CondToken& o = token(operand);
    if (t.type == T::exists || t.type == T::not_exists) {
      const bool exists = t.type == T::exists;
      return by_presence(presence_of(operand), exists ? kTrue : kFalse, exists ? kFalse : kTrue);
    }
    // Member_of and its family test SIDs only; anything else is an error (UNKNOWN).
    if (o.kind() == K::literal) {
      const auto values = lits_of(o);
      const bool sids = values && std::all_of(values->begin(), values->end(), [](const Lit& l) {
                          return l.kind == Lit::Kind::sid;
                        });
      if (!sids) {
        note(n, [&] {
          return fmt::format(
              "{}: {} takes SIDs only; any other value makes the whole condition "
              "UNKNOWN",
              text(n), find_conditional_token(t.type)->sddl);
        });
        return kUnknown;
      }
      return kKnown;
    }
    if (known_resource(o)) {
      const Claim* c = resource(o);
      if (c && c->type != ClaimType::sid) {
        note(n, [&] {
          return fmt::format("{}: the resource attribute holds no SIDs, and {} takes SIDs only",
                             text(n), find_conditional_token(t.type)->sddl);
        });
        return kUnknown;
      }
    }
    return by_presence(presence_of(operand), kKnown, kUnknown);
  }

  // --- conjunctions whose tests of one attribute cannot all be TRUE ----------------------------

  struct Atom {
    std::size_t node;
    CondTokenType op;
    std::vector<Lit> values;  // the right side (empty for Exists / Not_Exists)
  };

  void conjuncts(std::size_t n, std::vector<std::size_t>& out) const {
    if (token(n).type == T::logical_and) {
      conjuncts(nodes_[n].first, out);
      conjuncts(nodes_[n].second, out);
    } else {
      out.push_back(n);
    }
  }

  bool contradiction(std::size_t n) {
    if (contradiction_[n]) return *contradiction_[n];
    std::vector<std::size_t> parts;
    conjuncts(n, parts);
    std::map<int, std::vector<Atom>> by_var;
    for (std::size_t p : parts) {
      const CondToken& t = token(p);
      const std::size_t left = nodes_[p].first;
      if (left == CondNode::none || var_of_[left] < 0) continue;
      if (t.type == T::exists || t.type == T::not_exists) {
        by_var[var_of_[left]].push_back(Atom{p, t.type, {}});
        continue;
      }
      const bool comparison = t.type == T::equals || t.type == T::not_equals || is_ordering(t.type);
      if (!comparison) continue;
      const CondToken& r = token(nodes_[p].second);
      if (r.kind() != K::literal) continue;
      auto values = lits_of(r);
      if (!values) continue;
      by_var[var_of_[left]].push_back(Atom{p, t.type, std::move(*values)});
    }
    bool found = false;
    for (const auto& [var, atoms] : by_var) {
      if (auto pair = conflicting(atoms)) {
        const auto& v = vars_[static_cast<std::size_t>(var)];
        note(n, [&] {
          return fmt::format("no value of {} makes both {} and {} TRUE", v.display,
                             text(pair->first), text(pair->second));
        });
        found = true;
        break;
      }
    }
    contradiction_[n] = found;
    return found;
  }

  // Two tests of one attribute that no value passes together, if there are any.
  static std::optional<std::pair<std::size_t, std::size_t>> conflicting(
      const std::vector<Atom>& atoms) {
    for (std::size_t i = 0; i < atoms.size(); ++i)
      for (std::size_t j = i + 1; j < atoms.size(); ++j)
        if (conflict(atoms[i], atoms[j])) return std::pair(atoms[i].node, atoms[j].node);
    // Pairs are enough for an empty integer interval (some lower bound above some upper one);
    // what needs three tests (>= 1, <= 1, != 1) is not found.
    return std::nullopt;
  }

  // Integer bounds: `value OP x` as an interval [lo, hi] over int64, uint64 above it.
  struct Bound {
    bool lower;  // x >= lo (else x <= hi)
    std::int64_t at;
    bool beyond_int64;  // lower bound past INT64_MAX: only uint64 values pass
    bool empty;         // x < INT64_MIN
  };
  static Bound bound_of(CondTokenType op, std::int64_t v) {
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    switch (op) {
      case T::greater_than:
        return v == max ? Bound{true, v, true, false} : Bound{true, v + 1, false, false};
      case T::greater_than_or_equal:
        return Bound{true, v, false, false};
      case T::less_than:
        return v == min ? Bound{false, v, false, true} : Bound{false, v - 1, false, false};
      default:
        return Bound{false, v, false, false};  // <=
    }
  }
  static bool admits(const Bound& b, std::int64_t x) {
    if (b.empty) return false;
    if (b.lower) return !b.beyond_int64 && x >= b.at;
    return x <= b.at;
  }

  static bool conflict(const Atom& a, const Atom& b) {
    const bool a_exists = a.op == T::exists || a.op == T::not_exists;
    const bool b_exists = b.op == T::exists || b.op == T::not_exists;
    // Every test but Not_Exists needs the attribute to be there.
    if (a.op == T::not_exists || b.op == T::not_exists) return !(a.op == b.op);
    if (a_exists || b_exists) return false;
    const bool a_order = is_ordering(a.op), b_order = is_ordering(b.op);
    if (a.op == T::equals && b.op == T::equals) return !same_set(a.values, b.values, true);
    if ((a.op == T::equals && b.op == T::not_equals) ||
        (a.op == T::not_equals && b.op == T::equals))
      return same_set(a.values, b.values, false);
    if (a.op == T::not_equals && b.op == T::not_equals) return false;
    // An ordering needs exactly one value (MS-DTYP 2.4.4.17.6), integers or strings.
    if (a_order && b_order) {
      if (a.values.size() != 1 || b.values.size() != 1) return false;  // UNKNOWN, noted elsewhere
      const Lit& x = a.values[0];
      const Lit& y = b.values[0];
      if (x.kind != y.kind) return true;  // one of them compares different types
      if (x.kind != Lit::Kind::integer) return false;
      const Bound p = bound_of(a.op, x.integer), q = bound_of(b.op, y.integer);
      if (p.empty || q.empty) return true;
      if (p.lower == q.lower) return false;
      const Bound& lo = p.lower ? p : q;
      const Bound& hi = p.lower ? q : p;
      return lo.beyond_int64 || lo.at > hi.at;
    }
    const Atom& eq = a_order ? b : a;
    const Atom& order = a_order ? a : b;
    if (eq.op != T::equals || order.values.size() != 1) return false;
    if (eq.values.size() != 1) return true;  // == several values, but an ordering needs one
    const Lit& v = eq.values[0];
    const Lit& w = order.values[0];
    if (v.kind != w.kind) return true;
    if (v.kind != Lit::Kind::integer) return false;
    return !admits(bound_of(order.op, w.integer), v.integer);
  }

  // Why node n is never TRUE: its own noted reason, else that of an operand that makes it so
  // (an && operand that is never TRUE, both operands of an ||).
  std::optional<std::string> reason_for(std::size_t n) const {
    if (seen_[n] & kTrue) return std::nullopt;
    if (auto it = reasons_.find(n); it != reasons_.end()) return it->second;
    const CondToken& t = token(n);
    // An && or || operand that is never TRUE, or an operand of a test (an attribute the
    // descriptor does not have); not the operand of '!', whose never-TRUE is the parent's FALSE.
    if (t.kind() != K::logical_not) {
      for (std::size_t child : {nodes_[n].first, nodes_[n].second})
        if (child != CondNode::none)
          if (auto r = reason_for(child)) return r;
    }
    return std::nullopt;
  }

  const ConditionalExpression& e_;
  const std::vector<CondNode>& nodes_;
  const std::optional<std::vector<Claim>>& resources_;
  std::vector<int> var_of_;
  std::vector<bool> constant_;
  std::vector<Var> vars_;
  std::vector<Presence> presence_;
  std::vector<std::optional<bool>> contradiction_;
  std::map<std::size_t, std::string> reasons_;
  std::vector<Outcomes> seen_;
  std::vector<std::optional<Outcomes>> constant_value_;  // evaluated once: no caller changes them
};

}  // namespace

ConditionAnalysis analyze_condition(const ConditionalExpression& expression,
                                    const std::optional<std::vector<Claim>>& resource_attributes) {
  auto nodes = detail::build_condition_tree(expression);
  if (!nodes || nodes->empty()) return ConditionAnalysis{};
  return Analyzer(expression, *nodes, resource_attributes).run();
}

}  // namespace secdesc
