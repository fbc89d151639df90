// SDDL text of conditional expressions and resource attributes (MS-DTYP 2.5.1.1), as Windows
// reads and writes it. Where Windows differs from the grammar, the vectors decide
// (docs/conditional-aces.md lists each rule with its evidence):
//  - an attribute name on the left of an operator is an attribute even when it is all digits
//    ("77777777777777777 < -06246777766777767" in Windows' own output);
//  - a local (unprefixed) attribute is refused on the right of an operator ("(a == a)");
//  - '!' must be followed by a parenthesised condition ("!(x)"; "! x" and "!!!" are refused);
//  - Member_of and friends take their operand with or without parentheses around it
//    ("member_of((sid(s-1-1-0)))") and accept any literal, not only SIDs ("Member_of {1, 2}");
//  - white space between tokens is MS-DTYP's wspace (TAB, LF, VT, FF, CR and space), while the
//    rest of an ACE admits spaces only;
//  - keywords, prefixes and SID( are case-insensitive; '#' means '0' in octet strings, and an odd
//    number of digits gets a leading 0 ("#1#2#3##" -> #01020300);
//  - integers are 64-bit: 0x hex, leading-0 octal or decimal, with a sign; their magnitude must
//    fit in 64 bits ("0xffffffffffffffff" is accepted, "0x10000000000000000" refused).
// Windows writes every operator in parentheses, "(a op b)", "(Member_of x)", "(!(x))", a bare
// attribute joined by && or || as "(x)", the prefixes upper case, integers in their base with
// their sign, SIDs as SID(alias) where an alias exists, composites as "{a, b}".
#include "core/internal/conditional_sddl.hpp"

#include <fmt/format.h>

#include "core/internal/conditional_tree.hpp"
#include "core/internal/sid_text.hpp"
#include "core/internal/text.hpp"
#include "core/internal/utf.hpp"

namespace secdesc {
namespace detail {
namespace {

using T = CondTokenType;
using K = CondTokenKind;

// attr-char1 of MS-DTYP 2.5.1.1: what a local attribute name is made of.
constexpr bool is_attr_char1(char c) noexcept {
  return is_alpha(c) || is_digit(c) || c == ':' || c == '.' || c == '/' || c == '_';
}
// attr-char2: attr-char1 and the ASCII lit-char, what a prefixed attribute name is made of.
constexpr bool is_attr_char2(char c) noexcept {
  if (is_attr_char1(c)) return true;
  constexpr std::string_view lit = "#$'*+-;?@[\\]^`{}~";
  return lit.find(c) != std::string_view::npos;
}

std::string sid_text(const Sid& sid, const SidContext& context) {
  if (auto alias = sid_alias(sid, context)) return std::string(*alias);
  return sid.to_string();
}

std::string snippet(std::string_view s, std::size_t at) {
  if (at >= s.size()) return "the end of the string";
  std::string_view rest = s.substr(at);
  if (rest.size() > 16) return fmt::format("'{}...'", utf8_prefix(rest, 16));
  return fmt::format("'{}'", rest);
}

bool iequals_at(std::string_view s, std::size_t at, std::string_view word) {
  return at <= s.size() && s.size() - at >= word.size() && iequals(s.substr(at, word.size()), word);
}

// The shared lexer: names, numbers, SIDs, strings and octet strings.
class Lexer {
 public:
  Lexer(std::string_view s, std::size_t pos, const SidContext& context)
      : s_(s), i_(pos), context_(context) {}

 protected:
  Error fail(std::size_t at, std::string message, ErrorCode code = ErrorCode::syntax) const {
    return make_error(code, at, std::move(message));
  }
  // wspace of MS-DTYP 2.5.1.1: 0x09-0x0D and the space (Samba's `Member_of\nSID(...)` row).
  void skip() {
    while (i_ < s_.size() && (s_[i_] == ' ' || (s_[i_] >= '\t' && s_[i_] <= '\r'))) ++i_;
  }
  bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }
  std::optional<Error> expect(char c, std::string_view what) {
    skip();
    if (!at(c)) return fail(i_, fmt::format("expected '{}' {}, found {}", c, what, snippet(s_, i_)));
    ++i_;
    return std::nullopt;
  }

  // A name: attr-char2 (prefixed) or attr-char1 and '@' (local), %xxxx escapes, and for prefixed
  // names any non-ASCII character. Stops at the first other character.
  Result<std::u16string> name(bool local) {
    std::u16string out;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '%') {
        int v = 0;
        for (std::size_t k = 1; k <= 4; ++k) {
          const int h = i_ + k < s_.size() ? hex_value(s_[i_ + k]) : -1;
          if (h < 0)
            return fail(i_, "expected 4 hex digits after '%' in an attribute name (%xxxx is one "
                            "UTF-16 character)");
          v = v * 16 + h;
        }
        out += static_cast<char16_t>(v);
        i_ += 5;
      } else if (local ? (is_attr_char1(c) || (c == '@' && !out.empty())) : is_attr_char2(c)) {
        out += static_cast<char16_t>(c);
        ++i_;
      } else if (!local && static_cast<unsigned char>(c) >= 0x80) {
        std::size_t j = i_;
        auto cp = next_utf8(s_, j);
        if (!cp) return fail(i_, "attribute name is not valid UTF-8");
        append_utf16(out, *cp);
        i_ = j;
      } else {
        break;
      }
    }
    return out;
  }

  // An integer: [+|-] then 0x-hex, 0-octal or decimal; the magnitude must fit in 64 bits.
  Result<CondToken> integer() {
    const std::size_t start = i_;
    IntegerSign sign = IntegerSign::none;
    if (at('+') || at('-')) {
      sign = s_[i_] == '-' ? IntegerSign::minus : IntegerSign::plus;
      ++i_;
    }
    if (i_ >= s_.size() || !is_digit(s_[i_]))
      return fail(i_, fmt::format("expected digits after the sign, found {}", snippet(s_, i_)));
    IntegerBase base = IntegerBase::decimal;
    unsigned radix = 10;
    if (s_[i_] == '0' && i_ + 2 < s_.size() && (s_[i_ + 1] == 'x' || s_[i_ + 1] == 'X') &&
        hex_value(s_[i_ + 2]) >= 0) {
      base = IntegerBase::hexadecimal;
      radix = 16;
      i_ += 2;
    } else if (s_[i_] == '0' && i_ + 1 < s_.size() && is_digit(s_[i_ + 1])) {
      base = IntegerBase::octal;
      radix = 8;
    }
    std::uint64_t magnitude = 0;
    while (i_ < s_.size()) {
      const int d = hex_value(s_[i_]);
      if (d < 0 || static_cast<unsigned>(d) >= radix) break;
      if (magnitude > (UINT64_MAX - static_cast<unsigned>(d)) / radix)
        return fail(start, fmt::format("integer {} does not fit in 64 bits", snippet(s_, start)),
                    ErrorCode::limit_exceeded);
      magnitude = magnitude * radix + static_cast<unsigned>(d);
      ++i_;
    }
    if (i_ < s_.size() && std::string_view(" ),}&|").find(s_[i_]) == std::string_view::npos)
      return fail(i_, fmt::format("unexpected {} after the number", snippet(s_, i_)));
    const auto value = static_cast<std::int64_t>(sign == IntegerSign::minus ? 0 - magnitude : magnitude);
    return make_integer_token(value, sign, base);
  }

  // "SID(" sid-string ")"; i_ is at the 'S'.
  Result<Sid> sid_literal() {
    i_ += 4;
    const std::size_t begin = i_;
    const std::size_t close = s_.find(')', begin);
    if (close == std::string_view::npos)
      return fail(begin - 4, "SID( is not closed: expected ')'");
    std::string_view text = s_.substr(begin, close - begin);
    i_ = close + 1;
    if (text.size() >= 2 && ascii_upper(text[0]) == 'S' && text[1] == '-')
      return parse_numeric_sid(text, begin, nullptr);
    if (text.size() == 2 && is_alpha(text[0]) && is_alpha(text[1])) {
      auto sid = resolve_sid_alias(text, context_);
      if (!sid) {
        Error e = std::move(sid).error();
        e.offset = begin;
        return e;
      }
      return sid;
    }
    return fail(begin, fmt::format("expected a SID (S-1-...) or a two-letter alias inside SID(), "
                                   "found '{}'",
                                   text),
                ErrorCode::invalid_sid);
  }

  // "..." as UTF-16; i_ is at the opening quote.
  Result<std::u16string> quoted_string() {
    const std::size_t open = i_;
    const std::size_t close = s_.find('"', open + 1);
    if (close == std::string_view::npos)
      return fail(open, "string is not closed: expected '\"'");
    std::size_t bad = 0;
    auto text = utf8_to_utf16(s_.substr(open + 1, close - open - 1), &bad);
    if (!text) return fail(open + 1 + bad, "string is not valid UTF-8");
    i_ = close + 1;
    return std::move(*text);
  }

  // Hex digits, '#' meaning 0 (MS Learn, "SDDL for conditional ACEs"); an odd count gets a
  // leading 0. i_ is at the first digit.
  std::vector<std::byte> octet_digits() {
    std::string digits;
    while (i_ < s_.size() && (hex_value(s_[i_]) >= 0 || s_[i_] == '#')) {
      digits += s_[i_] == '#' ? '0' : s_[i_];
      ++i_;
    }
    if (digits.size() % 2 != 0) digits.insert(digits.begin(), '0');
    std::vector<std::byte> out;
    for (std::size_t k = 0; k < digits.size(); k += 2)
      out.push_back(static_cast<std::byte>(hex_value(digits[k]) * 16 + hex_value(digits[k + 1])));
    return out;
  }

  std::string_view s_;
  std::size_t i_;
  const SidContext& context_;
};

class ConditionParser : Lexer {
 public:
  using Lexer::Lexer;

  Result<ConditionalExpression> run(std::size_t& pos) {
    skip();
    if (!at('('))
      return fail(i_, fmt::format("expected '(' to start the condition, found {}", snippet(s_, i_)));
    if (auto e = parenthesised(1)) return std::move(*e);
    ConditionalExpression expr;
    expr.tokens = std::move(out_);
    auto tree = build_condition_tree(expr);
    if (!tree) {
      Error e = std::move(tree).error();
      e.offset = e.offset < where_.size() ? where_[e.offset] : pos;
      return e;
    }
    pos = i_;
    return expr;
  }

 private:
  void push(CondToken t, std::size_t at) {
    out_.push_back(std::move(t));
    where_.push_back(at);
  }
  // Parentheses may nest two levels deeper than operators: Windows' writer puts one pair around
  // every operator and one around an attribute joined by && or ||, and what it writes must read
  // back. The operator depth itself is checked on the finished expression.
  std::optional<Error> too_deep(std::size_t depth) const {
    if (depth <= max_condition_depth + 2) return std::nullopt;
    return fail(i_, fmt::format("condition nested deeper than {} levels", max_condition_depth),
                ErrorCode::limit_exceeded);
  }

  // '(' or-expression ')'; i_ is at '('.
  std::optional<Error> parenthesised(std::size_t depth) {
    if (auto e = too_deep(depth)) return e;
    ++i_;
    if (auto e = or_expression(depth)) return e;
    skip();
    if (!at(')'))
      return fail(i_, fmt::format("expected '&&', '||' or ')', found {}", snippet(s_, i_)));
    ++i_;
    return std::nullopt;
  }

  // && binds tighter than ||; both associate to the left (Windows writes "A && B || C" as
  // "((A && B) || C)").
  std::optional<Error> or_expression(std::size_t depth) {
    if (auto e = and_expression(depth)) return e;
    for (;;) {
      skip();
      if (!iequals_at(s_, i_, "||")) return std::nullopt;
      const std::size_t op = i_;
      i_ += 2;
      if (auto e = and_expression(depth)) return e;
      push(make_operator_token(T::logical_or), op);
    }
  }

  std::optional<Error> and_expression(std::size_t depth) {
    if (auto e = term(depth)) return e;
    for (;;) {
      skip();
      if (!iequals_at(s_, i_, "&&")) return std::nullopt;
      const std::size_t op = i_;
      i_ += 2;
      if (auto e = term(depth)) return e;
      push(make_operator_token(T::logical_and), op);
    }
  }

  // A keyword of `kind` at i_, followed by a character that cannot continue a name.
  std::optional<CondTokenInfo> keyword(CondTokenKind kind) const {
    for (const auto& row : conditional_token_table()) {
      if (row.kind != kind || row.sddl.empty() || !is_alpha(row.sddl[0])) continue;
      if (!iequals_at(s_, i_, row.sddl)) continue;
      const std::size_t after = i_ + row.sddl.size();
      if (after < s_.size() && (is_attr_char1(s_[after]) || s_[after] == '%' || s_[after] == '@'))
        continue;
      return row;
    }
    return std::nullopt;
  }

  std::optional<CondTokenInfo> relational_symbol() const {
    for (const auto& row : conditional_token_table())  // "<=" is listed before "<"
      if (row.kind == K::relational && !is_alpha(row.sddl[0]) && iequals_at(s_, i_, row.sddl))
        return row;
    return keyword(K::relational);
  }

  std::optional<Error> term(std::size_t depth) {
    skip();
    const std::size_t start = i_;
    if (at('!') && !(i_ + 1 < s_.size() && s_[i_ + 1] == '=')) {
      ++i_;
      skip();
      if (!at('('))
        return fail(i_, fmt::format("expected '(' after '!' (a negated condition is written "
                                    "!(condition)), found {}",
                                    snippet(s_, i_)));
      if (auto e = parenthesised(depth + 1)) return e;
      push(make_operator_token(T::logical_not), start);
      return std::nullopt;
    }
    if (at('(')) return parenthesised(depth + 1);
    if (auto op = keyword(K::unary)) {
      i_ += op->sddl.size();
      if (op->type == T::exists || op->type == T::not_exists) {
        skip();
        if (!at_attribute())
          return fail(i_, fmt::format("expected an attribute after '{}', found {}", op->sddl,
                                      snippet(s_, i_)));
        SECDESC_TRY(CondToken&& token, attribute());
        push(std::move(token), i_);
      } else if (auto e = membership_operand(depth + 1, op->sddl)) {
        return e;
      }
      push(make_operator_token(op->type), start);
      return std::nullopt;
    }
    if (!at_attribute())
      return fail(i_, fmt::format("expected a condition: an attribute, Member_of..., Exists, "
                                  "'!(' or '(', found {}",
                                  snippet(s_, i_)));
    SECDESC_TRY(CondToken&& lhs, attribute());
    push(std::move(lhs), start);
    skip();
    auto op = relational_symbol();
    if (!op) return std::nullopt;  // a bare attribute: true when non-zero
    const std::size_t op_at = i_;
    i_ += op->sddl.size();
    skip();
    const std::size_t rhs = i_;
    if (at('@')) {
      SECDESC_TRY(CondToken&& token, attribute());
      push(std::move(token), rhs);
    } else if (i_ < s_.size() && (is_alpha(s_[i_]) || s_[i_] == '_' || s_[i_] == ':' ||
                                  s_[i_] == '.' || s_[i_] == '/') &&
               !iequals_at(s_, i_, "SID(")) {
      return fail(i_, fmt::format("a local attribute cannot be on the right of '{}': expected a "
                                  "value or an @USER., @DEVICE. or @RESOURCE. attribute, found {}",
                                  op->sddl, snippet(s_, i_)));
    } else if (auto e = value(depth + 1, out_, where_)) {
      return e;
    }
    push(make_operator_token(op->type), op_at);
    return std::nullopt;
  }

  // Member_of and friends: a value or an attribute, in any number of parentheses.
  std::optional<Error> membership_operand(std::size_t depth, std::string_view op) {
    if (auto e = too_deep(depth)) return e;
    skip();
    if (at('(')) {
      ++i_;
      if (auto e = membership_operand(depth + 1, op)) return e;
      return expect(')', fmt::format("to close the operand of {}", op));
    }
    if (at('@')) {
      const std::size_t start = i_;
      SECDESC_TRY(CondToken&& token, attribute());
      push(std::move(token), start);
      return std::nullopt;
    }
    if (i_ >= s_.size() || s_[i_] == ')')
      return fail(i_, fmt::format("expected the operand of {}: SID(...), {{SID(...), ...}} or "
                                  "another value",
                                  op));
    return value(depth, out_, where_);
  }

  // Whether an attribute starts at i_: '@' (attribute() then reads it or says why it cannot) or
  // a local attribute's first character.
  bool at_attribute() const {
    return at('@') || (i_ < s_.size() && (is_attr_char1(s_[i_]) || s_[i_] == '%'));
  }

  // The attribute at i_ (at_attribute() must hold).
  Result<CondToken> attribute() {
    const std::size_t start = i_;
    if (at('@')) {
      for (const auto& row : conditional_token_table()) {
        if (row.kind != K::attribute || row.sddl.empty() || !iequals_at(s_, i_, row.sddl)) continue;
        i_ += row.sddl.size();
        SECDESC_TRY(std::u16string&& text, name(false));
        if (text.empty())
          return fail(i_, fmt::format("expected an attribute name after '{}'", row.sddl));
        return make_attribute_token(row.type, std::move(text));
      }
      return fail(start, "expected @USER., @DEVICE. or @RESOURCE. (any case)");
    }
    SECDESC_TRY(std::u16string&& text, name(true));
    return make_attribute_token(T::local_attribute, std::move(text));
  }

  // A literal or a composite of literals.
  std::optional<Error> value(std::size_t depth, std::vector<CondToken>& into,
                             std::vector<std::size_t>& where) {
    skip();
    const std::size_t start = i_;
    auto add = [&](CondToken t) {
      into.push_back(std::move(t));
      where.push_back(start);
    };
    if (at('"')) {
      SECDESC_TRY(std::u16string&& text, quoted_string());
      add(make_string_token(std::move(text)));
      return std::nullopt;
    }
    if (at('#')) {
      ++i_;
      CondToken t;
      t.type = T::octet_string;
      t.octets = octet_digits();
      add(std::move(t));
      return std::nullopt;
    }
    if (at('{')) {
      if (&into != &out_)
        return fail(i_, "a composite cannot hold another composite: expected a number, "
                        "\"string\", #octets or SID(...)");
      ++i_;
      CondToken t;
      t.type = T::composite;
      std::vector<std::size_t> ignored;
      skip();
      if (at('}')) {
        ++i_;
      } else {
        for (;;) {
          if (auto e = value(depth + 1, t.elements, ignored)) return e;
          skip();
          if (at(',')) {
            ++i_;
            continue;
          }
          if (at('}')) {
            ++i_;
            break;
          }
          return fail(i_, fmt::format("expected ',' or '}}' in a composite, found {}",
                                      snippet(s_, i_)));
        }
      }
      add(std::move(t));
      return std::nullopt;
    }
    if (iequals_at(s_, i_, "SID(")) {
      SECDESC_TRY(const Sid sid, sid_literal());
      add(make_sid_token(sid));
      return std::nullopt;
    }
    if (at('+') || at('-') || (i_ < s_.size() && is_digit(s_[i_]))) {
      SECDESC_TRY(CondToken&& n, integer());
      add(std::move(n));
      return std::nullopt;
    }
    return fail(i_, fmt::format("expected a value: a number, \"string\", #octets, SID(...) or "
                                "{{...}}, found {}",
                                snippet(s_, i_)));
  }

  std::vector<CondToken> out_;
  std::vector<std::size_t> where_;  // text offset of each token of out_
};

class AttributeParser : Lexer {
 public:
  using Lexer::Lexer;

  // The binary form ends names and string values at a NUL (MS-DTYP 2.4.10.1): one inside
  // cannot be stored.
  std::optional<Error> no_nul(const std::u16string& text, std::size_t at, std::string_view what) const {
    if (text.find(u'\0') == std::u16string::npos) return std::nullopt;
    return fail(at, fmt::format("a resource attribute {} cannot hold NUL (U+0000): the binary "
                                "form ends it there",
                                what));
  }

  Result<Claim> run(std::size_t& pos) {
    skip();
    if (!at('('))
      return fail(i_, fmt::format("expected '(' to start the resource attribute, found {}",
                                  snippet(s_, i_)));
    ++i_;
    skip();
    if (!at('"'))
      return fail(i_, fmt::format("expected the attribute name in double quotes, found {}",
                                  snippet(s_, i_)));
    ++i_;
    Claim claim;
    const std::size_t name_at = i_;
    SECDESC_TRY(std::u16string&& text, name(false));
    if (auto e = no_nul(text, name_at, "name")) return std::move(*e);
    if (!at('"'))
      return fail(i_, fmt::format("expected '\"' to end the attribute name, found {}",
                                  snippet(s_, i_)));
    ++i_;
    claim.name = std::move(text);
    if (auto e = expect(',', "after the attribute name")) return std::move(*e);
    skip();
    const std::size_t type_at = i_;
    auto type = i_ + 2 <= s_.size() ? find_claim_type_by_sddl(s_.substr(i_, 2)) : std::nullopt;
    if (!type)
      return fail(type_at, fmt::format("expected the value type TI, TU, TS, TD, TX or TB, found {}",
                                        snippet(s_, type_at)));
    claim.type = type->type;
    i_ += 2;
    if (auto e = expect(',', "after the value type")) return std::move(*e);
    skip();
    auto flags = parse_number(s_, i_, 0, 0xFFFFFFFFULL, false);
    if (flags.length == 0 || flags.overflow)
      return fail(i_, fmt::format("expected the attribute flags (a 32-bit number such as 0x0), "
                                  "found {}",
                                  snippet(s_, i_)));
    claim.flags = static_cast<std::uint32_t>(flags.value);
    i_ += flags.length;
    for (;;) {
      skip();
      if (at(')')) {
        ++i_;
        pos = i_;
        return claim;
      }
      if (auto e = expect(',', "or ')' after a value")) return std::move(*e);
      skip();
      if (auto e = value(claim, *type)) return std::move(*e);
    }
  }

 private:
  std::optional<Error> value(Claim& claim, const ClaimTypeInfo& type) {
    const std::size_t start = i_;
    switch (claim.type) {
      case ClaimType::string: {
        if (!at('"'))
          return fail(i_, fmt::format("expected a \"string\" value (TS), found {}", snippet(s_, i_)));
        SECDESC_TRY(std::u16string&& text, quoted_string());
        if (auto e = no_nul(text, start, "string value")) return e;
        claim.strings.push_back(std::move(text));
        return std::nullopt;
      }
      case ClaimType::sid: {
        SECDESC_TRY(Sid&& sid, iequals_at(s_, i_, "SID(") ? sid_literal() : bare_sid());
        claim.sids.push_back(std::move(sid));
        return std::nullopt;
      }
      case ClaimType::octet_string: {
        claim.octets.push_back(octet_digits());
        return std::nullopt;
      }
      default: {
        if (!(at('+') || at('-') || (i_ < s_.size() && is_digit(s_[i_]))))
          return fail(i_, fmt::format("expected a number ({}), found {}", type.sddl,
                                      snippet(s_, i_)));
        SECDESC_TRY(const CondToken& n, integer());
        if (claim.type != ClaimType::int64 && n.sign == IntegerSign::minus)
          return fail(start, fmt::format("a {} value cannot be negative", type.sddl));
        claim.integers.push_back(static_cast<std::uint64_t>(n.integer));
        return std::nullopt;
      }
    }
  }

  // A SID string without SID(...), up to ',' or ')'.
  Result<Sid> bare_sid() {
    const std::size_t begin = i_;
    while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != ')') ++i_;
    std::string_view text = s_.substr(begin, i_ - begin);
    if (text.size() >= 2 && ascii_upper(text[0]) == 'S' && text[1] == '-')
      return parse_numeric_sid(text, begin, nullptr);
    auto sid = resolve_sid_alias(text, context_);
    if (!sid) {
      Error e = std::move(sid).error();
      e.offset = begin;
      return e;
    }
    return sid;
  }
};

std::string integer_text(const CondToken& t) {
  // The magnitude, written in the token's base after its sign: what the parser reads back to the
  // same value, sign and base bytes ("-06244777767" in Windows' output is octal with a minus).
  const auto raw = static_cast<std::uint64_t>(t.integer);
  const std::uint64_t magnitude = t.sign == IntegerSign::minus ? 0 - raw : raw;
  const char* sign = t.sign == IntegerSign::minus ? "-" : t.sign == IntegerSign::plus ? "+" : "";
  switch (t.base) {
    case IntegerBase::octal:
      return fmt::format("{}0{:o}", sign, magnitude);  // zero is "00": "0" alone reads as decimal
    case IntegerBase::hexadecimal:
      return fmt::format("{}0x{:x}", sign, magnitude);
    case IntegerBase::decimal:
      break;
  }
  return fmt::format("{}{}", sign, magnitude);
}

std::string hex_bytes(const std::vector<std::byte>& bytes) {
  std::string out;
  for (auto b : bytes) out += fmt::format("{:02x}", std::to_integer<unsigned>(b));
  return out;
}

std::string literal_text(const CondToken& t, const SidContext& context) {
  if (t.is_integer()) return integer_text(t);
  switch (t.type) {
    case T::unicode_string:
      return "\"" + utf16_to_utf8(t.text) + "\"";
    case T::octet_string:
      return "#" + hex_bytes(t.octets);
    case T::sid:
      return "SID(" + sid_text(t.sid, context) + ")";
    case T::composite: {
      std::string out = "{";
      for (std::size_t k = 0; k < t.elements.size(); ++k) {
        if (k) out += ", ";
        out += literal_text(t.elements[k], context);
      }
      return out + "}";
    }
    default: {
      auto info = find_conditional_token(t.type);
      return std::string(info ? info->sddl : "") +
             escape_attribute_name(t.text, t.type == T::local_attribute);
    }
  }
}

class Writer {
 public:
  Writer(const ConditionalExpression& e, const std::vector<CondNode>& nodes, const SidContext& c)
      : expr_(e), nodes_(nodes), context_(c) {}

  // An operand of a relational or membership operator: written bare.
  std::string operand(std::size_t n) const {
    const CondToken& t = expr_.tokens[nodes_[n].token];
    if (t.kind() == K::literal || t.kind() == K::attribute) return literal_text(t, context_);
    return condition(n);
  }

  // A condition: always in parentheses.
  std::string condition(std::size_t n) const {
    const CondNode& node = nodes_[n];
    const CondToken& t = expr_.tokens[node.token];
    auto info = find_conditional_token(t.type);
    const std::string_view op = info ? info->sddl : "";
    switch (t.kind()) {
      case K::literal:
      case K::attribute:
        return "(" + literal_text(t, context_) + ")";
      case K::relational:
        return fmt::format("({} {} {})", operand(node.first), op, operand(node.second));
      case K::unary:
        return fmt::format("({} {})", op, operand(node.first));
      case K::logical:
        return fmt::format("({} {} {})", condition(node.first), op, condition(node.second));
      case K::logical_not:
        return fmt::format("(!{})", condition(node.first));
    }
    return "()";
  }

 private:
  const ConditionalExpression& expr_;
  const std::vector<CondNode>& nodes_;
  const SidContext& context_;
};

}  // namespace

std::string attribute_name_text(std::u16string_view name, bool local) {
  if (find_unpaired_surrogate(name) != std::u16string_view::npos)
    return escape_attribute_name(name, local);
  return utf16_to_utf8(name);
}

std::string escape_attribute_name(std::u16string_view name, bool local) {
  // A local attribute named like an operator word ("Exists", "Member_of") would read back as the
  // operator: its first character is escaped.
  bool keyword = false;
  if (local) {
    const std::string ascii = utf16_to_utf8(name);
    for (const auto& row : conditional_token_table())
      if (!row.sddl.empty() && is_alpha(row.sddl[0]) && iequals(row.sddl, ascii)) keyword = true;
  }
  std::string out;
  for (std::size_t k = 0; k < name.size(); ++k) {
    const char16_t c = name[k];
    const bool plain = !(keyword && k == 0) && c < 0x80 &&
                       (local ? (is_attr_char1(static_cast<char>(c)) || (c == '@' && k > 0))
                              : is_attr_char2(static_cast<char>(c)));
    if (plain)
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:04x}", static_cast<unsigned>(c));
  }
  return out;
}

Result<ConditionalExpression> parse_sddl_condition(std::string_view text, std::size_t& pos,
                                                   const SidContext& context) {
  return ConditionParser(text, pos, context).run(pos);
}

Result<Claim> parse_sddl_resource_attribute(std::string_view text, std::size_t& pos,
                                            const SidContext& context) {
  return AttributeParser(text, pos, context).run(pos);
}

}  // namespace detail

Result<ConditionalExpression> parse_conditional_expression(std::string_view text,
                                                           const SidContext& context) {
  std::size_t pos = 0;
  auto expr = detail::parse_sddl_condition(text, pos, context);
  if (!expr) return expr;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  if (pos != text.size())
    return make_error(ErrorCode::syntax, pos,
                      fmt::format("unexpected {} after the condition", detail::snippet(text, pos)));
  return expr;
}

std::string to_sddl(const ConditionalExpression& expression, const SidContext& context) {
  auto nodes = detail::build_condition_tree(expression);
  if (!nodes) return "()";  // not one expression: validate() says why
  return detail::Writer(expression, *nodes, context).condition(nodes->size() - 1);
}

Result<Claim> parse_resource_attribute(std::string_view text, const SidContext& context) {
  std::size_t pos = 0;
  auto claim = detail::parse_sddl_resource_attribute(text, pos, context);
  if (!claim) return claim;
  if (pos != text.size())
    return make_error(ErrorCode::syntax, pos,
                      fmt::format("unexpected {} after the resource attribute",
                                  detail::snippet(text, pos)));
  return claim;
}

std::string to_sddl(const Claim& claim, const SidContext& context) {
  auto type = find_claim_type(claim.type);
  std::string out = fmt::format("(\"{}\",{},0x{:x}", detail::escape_attribute_name(claim.name, false),
                                type ? type->sddl : "T?", claim.flags);
  for (std::size_t k = 0; k < claim.value_count(); ++k) {
    out += ',';
    switch (claim.type) {
      case ClaimType::int64:
        out += fmt::format("{}", static_cast<std::int64_t>(claim.integers[k]));
        break;
      case ClaimType::string:
        out += "\"" + detail::utf16_to_utf8(claim.strings[k]) + "\"";
        break;
      case ClaimType::sid:
        out += "SID(" + detail::sid_text(claim.sids[k], context) + ")";
        break;
      case ClaimType::octet_string:
        out += detail::hex_bytes(claim.octets[k]);
        break;
      default:
        out += fmt::format("{}", claim.integers[k]);
        break;
    }
  }
  return out + ")";
}

}  // namespace secdesc
