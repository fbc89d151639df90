// Evaluating conditional expressions: a stack machine over the postfix tokens (MS-DTYP
// 2.5.3.1.5 EvaluateAceCondition) with three-valued logic. Rules beyond the specification's
// text come from the Windows KDC vectors of access_check.tsv (docs/conditional-aces.md):
//  - strings compare case-insensitively by upper-casing each UTF-16 code unit (unless a claim
//    has CLAIM_SECURITY_ATTRIBUTE_VALUE_CASE_SENSITIVE), then by code unit;
//  - == and != compare multi-valued operands as collections: same number of values, each found in
//    the other ({"apple", "banana", "apple"} is not == ["apple", "banana"]);
//  - Contains {} is FALSE and Not_Contains {} TRUE, even when the attribute has no value;
//  - Any_of and Not_Any_of with a single literal (not a composite) on the right are UNKNOWN;
//  - Exists on a claim present without values is UNKNOWN;
//  - values of different types (a string claim and an integer literal, a boolean and an integer)
//    make the whole expression UNKNOWN, as every processing error does (MS-DTYP 2.4.4.17.6).
#include "secdesc/condition_eval.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/internal/conditional_sddl.hpp"
#include "core/internal/unicode_case.hpp"
#include "core/internal/utf.hpp"

namespace secdesc {
namespace {

using T = CondTokenType;
using K = CondTokenKind;

enum class ValueType : std::uint8_t { integer, string, sid, octets, boolean };

std::string_view type_name(ValueType t) {
  switch (t) {
    case ValueType::integer: return "an integer";
    case ValueType::string: return "a string";
    case ValueType::sid: return "a SID";
    case ValueType::octets: return "an octet string";
    case ValueType::boolean: return "a boolean";
  }
  return "a value";
}

struct Value {
  ValueType type = ValueType::integer;
  bool negative = false;        // integer: sign and magnitude, so int64 and uint64 compare
  std::uint64_t magnitude = 0;
  std::u16string text;
  Sid sid;
  std::vector<std::byte> octets;
  bool flag = false;            // boolean
};

struct Operand {
  enum class Kind : std::uint8_t { result, literal, attribute };
  Kind kind = Kind::result;
  Truth truth = Truth::unknown;
  bool composite = false;       // a {...} literal
  bool missing = false;         // an attribute the context does not have
  bool null = false;            // an attribute without values (missing, or present but empty)
  bool case_sensitive = false;  // a claim with CLAIM_SECURITY_ATTRIBUTE_VALUE_CASE_SENSITIVE
  std::vector<Value> values;
  std::string label;            // "@USER.Title", "\"PM\"", "{1, 2}"
};

Value integer_value(bool negative, std::uint64_t magnitude) {
  Value v;
  v.type = ValueType::integer;
  v.negative = negative && magnitude != 0;
  v.magnitude = magnitude;
  return v;
}

Value literal_value(const CondToken& t) {
  Value v;
  if (t.is_integer()) {
    const auto raw = static_cast<std::uint64_t>(t.integer);
    return t.integer < 0 ? integer_value(true, 0 - raw) : integer_value(false, raw);
  }
  switch (t.type) {
    case T::unicode_string:
      v.type = ValueType::string;
      v.text = t.text;
      break;
    case T::octet_string:
      v.type = ValueType::octets;
      v.octets = t.octets;
      break;
    case T::sid:
      v.type = ValueType::sid;
      v.sid = t.sid;
      break;
    default:
      break;
  }
  return v;
}

// Claim values as evaluator values; booleans other than 0 and 1 have no meaning.
std::optional<std::string> claim_values(const Claim& claim, std::vector<Value>& out) {
  const std::size_t n = claim.value_count();
  out.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    switch (claim.type) {
      case ClaimType::int64: {
        const auto v = static_cast<std::int64_t>(claim.integers[k]);
        out.push_back(v < 0 ? integer_value(true, 0 - claim.integers[k])
                            : integer_value(false, claim.integers[k]));
        break;
      }
      case ClaimType::uint64:
        out.push_back(integer_value(false, claim.integers[k]));
        break;
      case ClaimType::boolean: {
        if (claim.integers[k] > 1)
          return fmt::format("boolean value {} is neither 0 nor 1", claim.integers[k]);
        Value v;
        v.type = ValueType::boolean;
        v.flag = claim.integers[k] != 0;
        out.push_back(std::move(v));
        break;
      }
      case ClaimType::string: {
        Value v;
        v.type = ValueType::string;
        v.text = claim.strings[k];
        out.push_back(std::move(v));
        break;
      }
      case ClaimType::sid: {
        Value v;
        v.type = ValueType::sid;
        v.sid = claim.sids[k];
        out.push_back(std::move(v));
        break;
      }
      case ClaimType::octet_string: {
        Value v;
        v.type = ValueType::octets;
        v.octets = claim.octets[k];
        out.push_back(std::move(v));
        break;
      }
    }
  }
  return std::nullopt;
}

bool truthy(const Value& v) {
  switch (v.type) {
    case ValueType::integer: return v.magnitude != 0;
    case ValueType::string: return !v.text.empty();
    case ValueType::octets: return !v.octets.empty();
    case ValueType::boolean: return v.flag;
    case ValueType::sid: return true;
  }
  return false;
}

Truth truth_of(bool b) { return b ? Truth::true_value : Truth::false_value; }
Truth negate(Truth t) {
  if (t == Truth::unknown) return t;
  return t == Truth::true_value ? Truth::false_value : Truth::true_value;
}

// Equality: nullopt when the types cannot be compared.
std::optional<bool> equal(const Value& a, const Value& b, bool case_sensitive) {
  if (a.type != b.type) return std::nullopt;
  switch (a.type) {
    case ValueType::integer: return a.negative == b.negative && a.magnitude == b.magnitude;
    case ValueType::string: return detail::compare_utf16(a.text, b.text, case_sensitive) == 0;
    case ValueType::sid: return a.sid == b.sid;
    case ValueType::octets: return a.octets == b.octets;
    case ValueType::boolean: return a.flag == b.flag;
  }
  return std::nullopt;
}

// Ordering: integers and strings only.
std::optional<int> order(const Value& a, const Value& b, bool case_sensitive) {
  if (a.type != b.type) return std::nullopt;
  if (a.type == ValueType::string) return detail::compare_utf16(a.text, b.text, case_sensitive);
  if (a.type != ValueType::integer) return std::nullopt;
  if (a.negative != b.negative) return a.negative ? -1 : 1;
  if (a.magnitude == b.magnitude) return 0;
  const bool less = a.negative ? a.magnitude > b.magnitude : a.magnitude < b.magnitude;
  return less ? -1 : 1;
}

class Evaluator {
 public:
  Evaluator(const ConditionalExpression& e, const ConditionContext& c) : expr_(e), context_(c) {}

  ConditionResult run() {
    std::vector<Operand> stack;
    for (const CondToken& t : expr_.tokens) {
      if (error_) break;
      switch (t.kind()) {
        case K::literal:
          stack.push_back(literal(t));
          break;
        case K::attribute:
          stack.push_back(attribute(t));
          break;
        case K::logical_not: {
          if (stack.empty()) return broken();
          Operand a = pop(stack);
          stack.push_back(result(negate(logical(a)), "!(" + a.label + ")"));
          break;
        }
        case K::logical: {
          if (stack.size() < 2) return broken();
          Operand b = pop(stack);
          Operand a = pop(stack);
          const Truth x = logical(a), y = logical(b);
          Truth r;
          if (t.type == T::logical_and)
            r = (x == Truth::false_value || y == Truth::false_value) ? Truth::false_value
                : (x == Truth::true_value && y == Truth::true_value) ? Truth::true_value
                                                                     : Truth::unknown;
          else
            r = (x == Truth::true_value || y == Truth::true_value) ? Truth::true_value
                : (x == Truth::false_value && y == Truth::false_value) ? Truth::false_value
                                                                       : Truth::unknown;
          stack.push_back(result(r, "(" + a.label + (t.type == T::logical_and ? " && " : " || ") +
                                        b.label + ")"));
          break;
        }
        case K::unary: {
          if (stack.empty()) return broken();
          Operand a = pop(stack);
          stack.push_back(unary(t.type, a));
          break;
        }
        case K::relational: {
          if (stack.size() < 2) return broken();
          Operand b = pop(stack);
          Operand a = pop(stack);
          stack.push_back(relational(t.type, a, b));
          break;
        }
      }
    }
    if (error_) return {Truth::unknown, reason_};
    if (stack.size() != 1) return broken();
    const Truth value = logical(stack.back());
    if (error_) return {Truth::unknown, reason_};
    return {value, reason_};
  }

 private:
  static Operand pop(std::vector<Operand>& stack) {
    Operand o = std::move(stack.back());
    stack.pop_back();
    return o;
  }
  ConditionResult broken() {
    return {Truth::unknown, "the tokens are not one expression"};
  }
  // A processing error: the whole expression is UNKNOWN (MS-DTYP 2.4.4.17.6, 2.4.4.17.7).
  void fail(std::string why) {
    if (!error_) reason_ = std::move(why);
    error_ = true;
  }
  // A comparison that is UNKNOWN by itself; the first one is reported.
  Truth unknown(std::string why) {
    if (reason_.empty()) reason_ = std::move(why);
    return Truth::unknown;
  }
  static Operand result(Truth t, std::string label) {
    Operand o;
    o.kind = Operand::Kind::result;
    o.truth = t;
    o.label = std::move(label);
    return o;
  }

  Operand literal(const CondToken& t) {
    Operand o;
    o.kind = Operand::Kind::literal;
    o.label = to_sddl(ConditionalExpression{{t}});
    if (o.label.size() >= 2) o.label = o.label.substr(1, o.label.size() - 2);  // no parentheses
    if (t.type == T::composite) {
      o.composite = true;
      for (const auto& e : t.elements) o.values.push_back(literal_value(e));
    } else {
      o.values.push_back(literal_value(t));
    }
    return o;
  }

  Operand attribute(const CondToken& t) {
    Operand o;
    o.kind = Operand::Kind::attribute;
    auto info = find_conditional_token(t.type);
    // Written as SDDL writes it (%xxxx for what a name cannot hold, such as an unpaired
    // surrogate), so the trace stays UTF-8 (docs/sddl.md, "Output rule").
    o.label = std::string(info ? info->sddl : "") +
              detail::escape_attribute_name(t.text, t.type == T::local_attribute);
    const std::vector<Claim>* claims = &context_.local_claims;
    if (t.type == T::user_attribute) claims = &context_.user_claims;
    if (t.type == T::device_attribute) claims = &context_.device_claims;
    if (t.type == T::resource_attribute) claims = &context_.resource_attributes;
    auto found = std::find_if(claims->begin(), claims->end(), [&](const Claim& c) {
      return detail::compare_utf16(c.name, t.text, false) == 0;
    });
    if (found == claims->end()) {
      o.missing = o.null = true;
      return o;
    }
    if (auto e = validate_claim(*found)) {
      fail(fmt::format("{}: {}", o.label, e->message));
      return o;
    }
    if (auto why = claim_values(*found, o.values)) fail(fmt::format("{}: {}", o.label, *why));
    o.null = o.values.empty();
    o.case_sensitive = (found->flags & claim_flags::value_case_sensitive) != 0;
    return o;
  }

  // The logical value of an operand (MS-DTYP 2.4.4.17.7).
  Truth logical(const Operand& o) {
    switch (o.kind) {
      case Operand::Kind::result:
        return o.truth;
      case Operand::Kind::literal:
        fail(fmt::format("the literal {} stands where a condition belongs", o.label));
        return Truth::unknown;
      case Operand::Kind::attribute:
        if (o.null) return unknown(fmt::format("{} has no value", o.label));
        return truth_of(std::any_of(o.values.begin(), o.values.end(), truthy));
    }
    return Truth::unknown;
  }

  // nullopt (after fail()) when some pair of values cannot be compared.
  std::optional<bool> holds(const Operand& where, const Value& v, bool cs) {
    for (const Value& w : where.values) {
      auto eq = equal(w, v, cs);
      if (!eq) {
        fail(fmt::format("{} holds {}, which cannot be compared with {}", where.label,
                         type_name(w.type), type_name(v.type)));
        return std::nullopt;
      }
      if (*eq) return true;
    }
    return false;
  }

  Operand relational(CondTokenType op, const Operand& a, const Operand& b) {
    auto info = find_conditional_token(op);
    const std::string_view name = info ? info->sddl : "?";
    const std::string label = fmt::format("({} {} {})", a.label, name, b.label);
    auto done = [&](Truth t) { return result(t, label); };
    if (a.kind != Operand::Kind::attribute) {
      fail(fmt::format("the left of '{}' is {}, not an attribute", name, a.label));
      return done(Truth::unknown);
    }
    if (b.kind == Operand::Kind::result) {
      fail(fmt::format("the right of '{}' is a condition, not a value", name));
      return done(Truth::unknown);
    }
    const bool contains = op == T::contains || op == T::not_contains;
    if (contains && b.kind == Operand::Kind::literal && b.composite && b.values.empty())
      return done(truth_of(op == T::contains ? false : true));  // Windows: Contains {} is FALSE
    if (a.null) return done(unknown(fmt::format("{} has no value", a.label)));
    if (b.kind == Operand::Kind::attribute && b.null)
      return done(unknown(fmt::format("{} has no value", b.label)));
    const bool any = op == T::any_of || op == T::not_any_of;
    if (any && b.kind == Operand::Kind::literal && !b.composite)
      return done(unknown(fmt::format("{} takes a composite {{...}} or an attribute on its right, "
                                      "not the single value {}",
                                      name, b.label)));
    const bool cs = a.case_sensitive || b.case_sensitive;
    switch (op) {
      case T::less_than:
      case T::less_than_or_equal:
      case T::greater_than:
      case T::greater_than_or_equal: {
        if (a.values.size() != 1 || b.values.size() != 1)
          return done(unknown(fmt::format("'{}' compares single values; {} has {} and {} has {}",
                                          name, a.label, a.values.size(), b.label,
                                          b.values.size())));
        auto c = order(a.values[0], b.values[0], cs);
        if (!c) {
          fail(fmt::format("'{}' cannot order {} and {}", name, type_name(a.values[0].type),
                           type_name(b.values[0].type)));
          return done(Truth::unknown);
        }
        const bool r = op == T::less_than ? *c < 0
                       : op == T::less_than_or_equal ? *c <= 0
                       : op == T::greater_than ? *c > 0
                                               : *c >= 0;
        return done(truth_of(r));
      }
      case T::equals:
      case T::not_equals: {
        bool same = a.values.size() == b.values.size();
        for (std::size_t k = 0; same && k < b.values.size(); ++k) {
          auto in = holds(a, b.values[k], cs);
          if (!in) return done(Truth::unknown);
          same = *in;
        }
        for (std::size_t k = 0; same && k < a.values.size(); ++k) {
          auto in = holds(b, a.values[k], cs);
          if (!in) return done(Truth::unknown);
          same = *in;
        }
        return done(truth_of(op == T::equals ? same : !same));
      }
      case T::contains:
      case T::not_contains:
      case T::any_of:
      case T::not_any_of: {
        bool all = true, some = false;
        for (const Value& v : b.values) {
          auto in = holds(a, v, cs);
          if (!in) return done(Truth::unknown);
          all = all && *in;
          some = some || *in;
        }
        bool r = contains ? all : some;
        if (op == T::not_contains || op == T::not_any_of) r = !r;
        return done(truth_of(r));
      }
      default:
        fail(fmt::format("'{}' is not a relational operator", name));
        return done(Truth::unknown);
    }
  }

  Operand unary(CondTokenType op, const Operand& a) {
    auto info = find_conditional_token(op);
    const std::string_view name = info ? info->sddl : "?";
    const std::string label = fmt::format("({} {})", name, a.label);
    if (op == T::exists || op == T::not_exists) {
      if (a.kind != Operand::Kind::attribute) {
        fail(fmt::format("{} takes an attribute, not {}", name, a.label));
        return result(Truth::unknown, label);
      }
      Truth t = a.missing ? Truth::false_value
                : a.null  ? unknown(fmt::format("{} is present without values", a.label))
                          : Truth::true_value;
      return result(op == T::exists ? t : negate(t), label);
    }
    if (a.kind != Operand::Kind::literal ||
        std::any_of(a.values.begin(), a.values.end(),
                    [](const Value& v) { return v.type != ValueType::sid; })) {
      fail(fmt::format("{} takes SID(...) or {{SID(...), ...}}, not {}", name, a.label));
      return result(Truth::unknown, label);
    }
    const bool device = op == T::device_member_of || op == T::device_member_of_any ||
                        op == T::not_device_member_of || op == T::not_device_member_of_any;
    const bool any = op == T::member_of_any || op == T::device_member_of_any ||
                     op == T::not_member_of_any || op == T::not_device_member_of_any;
    const bool inverse = op == T::not_member_of || op == T::not_device_member_of ||
                         op == T::not_member_of_any || op == T::not_device_member_of_any;
    const std::vector<Sid>& set = device ? context_.device_sids : context_.sids;
    auto has = [&](const Value& v) { return std::find(set.begin(), set.end(), v.sid) != set.end(); };
    bool r = any ? std::any_of(a.values.begin(), a.values.end(), has)
                 : std::all_of(a.values.begin(), a.values.end(), has);
    if (inverse) r = !r;
    return result(truth_of(r), label);
  }

  const ConditionalExpression& expr_;
  const ConditionContext& context_;
  bool error_ = false;
  std::string reason_;
};

}  // namespace

std::string_view to_string(Truth truth) noexcept {
  switch (truth) {
    case Truth::true_value: return "TRUE";
    case Truth::false_value: return "FALSE";
    case Truth::unknown: return "UNKNOWN";
  }
  return "UNKNOWN";
}

ConditionResult evaluate_condition(const ConditionalExpression& expression,
                                   const ConditionContext& context) {
  if (auto e = expression.validate()) return {Truth::unknown, e->message};
  return Evaluator(expression, context).run();
}

std::vector<Claim> resource_attributes(const SecurityDescriptor& sd) {
  std::vector<Claim> out;
  if (!sd.sacl()) return out;
  for (const Ace& ace : sd.sacl()->aces) {
    if (!ace.resource_attribute || ace.inherit_only()) continue;
    const bool seen = std::any_of(out.begin(), out.end(), [&](const Claim& c) {
      return detail::compare_utf16(c.name, ace.resource_attribute->name, false) == 0;
    });
    if (!seen) out.push_back(*ace.resource_attribute);
  }
  return out;
}

ConditionContext make_condition_context(const Token& token, const SecurityDescriptor& sd,
                                        bool deny_ace) {
  ConditionContext c;
  if (!token.user_deny_only || deny_ace) c.sids.push_back(token.user);
  for (const TokenGroup& g : token.groups)
    if ((g.enabled && !g.deny_only) || (deny_ace && (g.enabled || g.deny_only)))
      c.sids.push_back(g.sid);
  c.device_sids = token.device_groups;
  c.user_claims = token.user_claims;
  c.device_claims = token.device_claims;
  c.local_claims = token.local_claims;
  c.resource_attributes = resource_attributes(sd);
  return c;
}

}  // namespace secdesc
