// Conditional expressions: the token table and the binary form (MS-DTYP 2.4.4.17).
#include "secdesc/conditional.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/internal/conditional_tree.hpp"
#include "core/internal/utf.hpp"

namespace secdesc {
namespace {

using T = CondTokenType;
using K = CondTokenKind;

// MS-DTYP 2.4.4.17.5-2.4.4.17.8 (byte codes); the SDDL spellings are the ones Windows writes
// (windows_sddl_binary.tsv: "Member_of_any", "@USER.", ...), MS-DTYP 2.5.1.1 for the rest.
constexpr std::array kTokens{
    CondTokenInfo{T::int8, K::literal, ""},
    CondTokenInfo{T::int16, K::literal, ""},
    CondTokenInfo{T::int32, K::literal, ""},
    CondTokenInfo{T::int64, K::literal, ""},
    CondTokenInfo{T::unicode_string, K::literal, ""},
    CondTokenInfo{T::octet_string, K::literal, ""},
    CondTokenInfo{T::composite, K::literal, ""},
    CondTokenInfo{T::sid, K::literal, ""},
    CondTokenInfo{T::equals, K::relational, "=="},
    CondTokenInfo{T::not_equals, K::relational, "!="},
    CondTokenInfo{T::less_than_or_equal, K::relational, "<="},
    CondTokenInfo{T::less_than, K::relational, "<"},
    CondTokenInfo{T::greater_than_or_equal, K::relational, ">="},
    CondTokenInfo{T::greater_than, K::relational, ">"},
    CondTokenInfo{T::contains, K::relational, "Contains"},
    CondTokenInfo{T::any_of, K::relational, "Any_of"},
    CondTokenInfo{T::not_contains, K::relational, "Not_Contains"},
    CondTokenInfo{T::not_any_of, K::relational, "Not_Any_of"},
    CondTokenInfo{T::exists, K::unary, "Exists"},
    CondTokenInfo{T::not_exists, K::unary, "Not_Exists"},
    CondTokenInfo{T::member_of, K::unary, "Member_of"},
    CondTokenInfo{T::device_member_of, K::unary, "Device_Member_of"},
    CondTokenInfo{T::member_of_any, K::unary, "Member_of_any"},
    CondTokenInfo{T::device_member_of_any, K::unary, "Device_Member_of_any"},
    CondTokenInfo{T::not_member_of, K::unary, "Not_Member_of"},
    CondTokenInfo{T::not_device_member_of, K::unary, "Not_Device_Member_of"},
    CondTokenInfo{T::not_member_of_any, K::unary, "Not_Member_of_any"},
    CondTokenInfo{T::not_device_member_of_any, K::unary, "Not_Device_Member_of_any"},
    CondTokenInfo{T::logical_and, K::logical, "&&"},
    CondTokenInfo{T::logical_or, K::logical, "||"},
    CondTokenInfo{T::logical_not, K::logical_not, "!"},
    CondTokenInfo{T::local_attribute, K::attribute, ""},
    CondTokenInfo{T::user_attribute, K::attribute, "@USER."},
    CondTokenInfo{T::resource_attribute, K::attribute, "@RESOURCE."},
    CondTokenInfo{T::device_attribute, K::attribute, "@DEVICE."},
};

void push32(std::vector<std::byte>& out, std::uint32_t v) {
  for (int s = 0; s < 32; s += 8) out.push_back(static_cast<std::byte>((v >> s) & 0xFF));
}

void put32(std::vector<std::byte>& out, std::size_t at, std::uint32_t v) {
  for (std::size_t k = 0; k < 4; ++k) out[at + k] = static_cast<std::byte>((v >> (8 * k)) & 0xFF);
}

void encode_token(std::vector<std::byte>& out, const CondToken& t) {
  out.push_back(static_cast<std::byte>(t.type));
  if (t.is_integer()) {
    auto v = static_cast<std::uint64_t>(t.integer);
    for (int s = 0; s < 64; s += 8) out.push_back(static_cast<std::byte>((v >> s) & 0xFF));
    out.push_back(static_cast<std::byte>(t.sign));
    out.push_back(static_cast<std::byte>(t.base));
    return;
  }
  switch (t.kind()) {
    case K::attribute:
      push32(out, static_cast<std::uint32_t>(2 * t.text.size()));
      for (char16_t c : t.text) {
        out.push_back(static_cast<std::byte>(c & 0xFF));
        out.push_back(static_cast<std::byte>(c >> 8));
      }
      return;
    default:
      break;
  }
  switch (t.type) {
    case T::unicode_string:
      push32(out, static_cast<std::uint32_t>(2 * t.text.size()));
      for (char16_t c : t.text) {
        out.push_back(static_cast<std::byte>(c & 0xFF));
        out.push_back(static_cast<std::byte>(c >> 8));
      }
      return;
    case T::octet_string:
      push32(out, static_cast<std::uint32_t>(t.octets.size()));
      out.insert(out.end(), t.octets.begin(), t.octets.end());
      return;
    case T::sid:
      push32(out, static_cast<std::uint32_t>(t.sid.binary_size()));
      t.sid.encode_to(out);
      return;
    case T::composite: {
      const std::size_t at = out.size();
      push32(out, 0);
      for (const auto& e : t.elements) encode_token(out, e);
      put32(out, at, static_cast<std::uint32_t>(out.size() - at - 4));
      return;
    }
    default:
      return;  // operators are one byte
  }
}

std::size_t token_size(const CondToken& t) {
  if (t.is_integer()) return 11;
  switch (t.type) {
    case T::unicode_string:
    case T::local_attribute:
    case T::user_attribute:
    case T::resource_attribute:
    case T::device_attribute:
      return 5 + 2 * t.text.size();
    case T::octet_string:
      return 5 + t.octets.size();
    case T::sid:
      return 5 + t.sid.binary_size();
    case T::composite: {
      std::size_t n = 5;
      for (const auto& e : t.elements) n += token_size(e);
      return n;
    }
    default:
      return 1;
  }
}

class TokenReader {
 public:
  TokenReader(std::span<const std::byte> bytes, std::size_t base) : b_(bytes), base_(base) {}

  // Reads one token at p (advancing it) within [p, end).
  Result<CondToken> token(std::size_t& p, std::size_t end, std::size_t depth) {
    const std::size_t at = p;
    const auto code = u8(p++);
    const auto type = static_cast<T>(code);
    auto info = find_conditional_token(type);
    if (!info || type == T::padding)
      return bad(at, fmt::format("unknown conditional-expression token 0x{:02x}", code));
    CondToken t;
    t.type = type;
    if (t.is_integer()) {
      if (end - p < 10) return bad(at, "integer literal runs past the end of the ACE");
      std::uint64_t v = 0;
      for (std::size_t k = 0; k < 8; ++k) v |= static_cast<std::uint64_t>(u8(p + k)) << (8 * k);
      t.integer = static_cast<std::int64_t>(v);
      const auto sign = u8(p + 8), base = u8(p + 9);
      if (sign < 1 || sign > 3)
        return bad(p + 8, fmt::format("integer sign byte 0x{:02x} is not 1 (+), 2 (-) or 3 (none)", sign));
      if (base < 1 || base > 3)
        return bad(p + 9, fmt::format("integer base byte 0x{:02x} is not 1 (octal), 2 (decimal) "
                                      "or 3 (hexadecimal)", base));
      t.sign = static_cast<IntegerSign>(sign);
      t.base = static_cast<IntegerBase>(base);
      p += 10;
      return t;
    }
    if (info->kind != K::literal && info->kind != K::attribute) return t;  // an operator
    if (end - p < 4) return bad(at, "token length runs past the end of the ACE");
    const std::size_t len = u32(p);
    p += 4;
    if (len > end - p)
      return bad(p - 4, fmt::format("token length {} runs past the end of the ACE ({} bytes left)",
                                    len, end - p));
    const std::size_t data = p;
    p += len;
    switch (type) {
      case T::unicode_string:
      case T::local_attribute:
      case T::user_attribute:
      case T::resource_attribute:
      case T::device_attribute:
        if (len % 2 != 0) return bad(data - 4, fmt::format("UTF-16 length {} is odd", len));
        for (std::size_t k = data; k < data + len; k += 2)
          t.text += static_cast<char16_t>(u8(k) | (u8(k + 1) << 8));
        return t;
      case T::octet_string:
        t.octets.assign(b_.begin() + static_cast<std::ptrdiff_t>(data),
                        b_.begin() + static_cast<std::ptrdiff_t>(data + len));
        return t;
      case T::sid: {
        SECDESC_TRY(t.sid, Sid::decode(b_.subspan(data, len), base_ + data));
        if (t.sid.binary_size() != len)
          return bad(data - 4, fmt::format("SID token length {} but the SID takes {} bytes", len,
                                           t.sid.binary_size()));
        return t;
      }
      case T::composite: {
        // Elements are literals; secdesc, like the SDDL grammar, has no composite in a composite.
        if (depth > 0) return bad(at, "a composite inside a composite");
        for (std::size_t q = data; q < data + len;) {
          const std::size_t element = q;
          auto e = token(q, data + len, depth + 1);
          if (!e) return e;
          if (e->kind() != K::literal)
            return bad(element, "a composite holds an operator or an attribute, not a literal");
          t.elements.push_back(std::move(*e));
        }
        return t;
      }
      default:
        return t;
    }
  }

  std::uint8_t u8(std::size_t at) const { return std::to_integer<std::uint8_t>(b_[at]); }
  std::uint32_t u32(std::size_t at) const {
    return static_cast<std::uint32_t>(u8(at)) | (static_cast<std::uint32_t>(u8(at + 1)) << 8) |
           (static_cast<std::uint32_t>(u8(at + 2)) << 16) |
           (static_cast<std::uint32_t>(u8(at + 3)) << 24);
  }
  Error bad(std::size_t at, std::string message) const {
    return make_error(ErrorCode::malformed_binary, base_ + at, std::move(message));
  }

 private:
  std::span<const std::byte> b_;
  std::size_t base_;
};

}  // namespace

std::span<const CondTokenInfo> conditional_token_table() noexcept { return kTokens; }

std::optional<CondTokenInfo> find_conditional_token(CondTokenType type) noexcept {
  for (const auto& row : kTokens)
    if (row.type == type) return row;
  return std::nullopt;
}

CondTokenKind CondToken::kind() const noexcept {
  auto info = find_conditional_token(type);
  return info ? info->kind : K::literal;
}

CondToken make_integer_token(std::int64_t value, IntegerSign sign, IntegerBase base) {
  CondToken t;
  t.type = T::int64;
  t.integer = value;
  t.sign = sign;
  t.base = base;
  return t;
}

CondToken make_string_token(std::u16string text) {
  CondToken t;
  t.type = T::unicode_string;
  t.text = std::move(text);
  return t;
}

CondToken make_attribute_token(CondTokenType scope, std::u16string name) {
  CondToken t;
  t.type = scope;
  t.text = std::move(name);
  return t;
}

CondToken make_sid_token(const Sid& sid) {
  CondToken t;
  t.type = T::sid;
  t.sid = sid;
  return t;
}

CondToken make_operator_token(CondTokenType op) {
  CondToken t;
  t.type = op;
  return t;
}

bool is_conditional_application_data(std::span<const std::byte> bytes) noexcept {
  return bytes.size() >= 4 && std::equal(bytes.begin(), bytes.begin() + 4,
                                         std::begin(conditional_signature));
}

std::size_t ConditionalExpression::binary_size() const noexcept {
  std::size_t n = 4;
  for (const auto& t : tokens) n += token_size(t);
  return n;
}

void ConditionalExpression::encode_to(std::vector<std::byte>& out) const {
  out.insert(out.end(), std::begin(conditional_signature), std::end(conditional_signature));
  for (const auto& t : tokens) encode_token(out, t);
}

std::optional<Error> ConditionalExpression::validate() const {
  // Whether the tree builds is the check; the tree itself is not needed here.
  SECDESC_TRY([[maybe_unused]] const auto tree, detail::build_condition_tree(*this));
  return std::nullopt;
}

namespace {

bool literal_has_sddl_form(const CondToken& t) {
  if (t.is_integer()) return t.type == T::int64;
  // SDDL strings have no escape: a '"' would end the string, an unpaired surrogate has no UTF-8.
  if (t.type == T::unicode_string)
    return t.text.find(u'"') == std::u16string::npos &&
           detail::find_unpaired_surrogate(t.text) == std::u16string_view::npos;
  if (t.type == T::composite) {
    for (const auto& e : t.elements)
      if (e.type == T::composite || !literal_has_sddl_form(e)) return false;
  }
  return true;
}

class SddlFormCheck {
 public:
  SddlFormCheck(const ConditionalExpression& e, const std::vector<detail::CondNode>& n)
      : expr_(e), nodes_(n) {}

  // Where a condition belongs (the top, && || ! operands): an attribute or an operator.
  bool condition(std::size_t n) const {
    const auto& node = nodes_[n];
    const CondToken& t = expr_.tokens[node.token];
    switch (t.kind()) {
      case K::attribute:
        return attribute(n, true);
      case K::literal:
        return false;
      case K::relational:
        return attribute(node.first, true) && value(node.second);
      case K::unary:
        if (t.type == T::exists || t.type == T::not_exists) return attribute(node.first, true);
        return value(node.first);
      case K::logical:
        return condition(node.first) && condition(node.second);
      case K::logical_not:
        return condition(node.first);
    }
    return false;
  }

 private:
  // An attribute SDDL can name: not empty (the parser wants a name after the prefix).
  bool attribute(std::size_t n, bool local_allowed) const {
    const CondToken& t = expr_.tokens[nodes_[n].token];
    return t.kind() == K::attribute && !t.text.empty() &&
           (local_allowed || t.type != T::local_attribute);
  }
  // The right of a relational operator, the operand of Member_of: a literal or a prefixed
  // attribute.
  bool value(std::size_t n) const {
    const CondToken& t = expr_.tokens[nodes_[n].token];
    if (t.kind() == K::literal) return literal_has_sddl_form(t);
    return attribute(n, false);
  }

  const ConditionalExpression& expr_;
  const std::vector<detail::CondNode>& nodes_;
};

}  // namespace

bool ConditionalExpression::has_sddl_form() const {
  auto nodes = detail::build_condition_tree(*this);
  if (!nodes) return false;
  return SddlFormCheck(*this, *nodes).condition(nodes->size() - 1);
}

Result<ConditionalExpression> ConditionalExpression::decode(std::span<const std::byte> bytes,
                                                            std::size_t base) {
  if (!is_conditional_application_data(bytes))
    return make_error(ErrorCode::malformed_binary, base,
                      "conditional ACE application data does not start with \"artx\"");
  TokenReader reader(bytes, base);
  ConditionalExpression expr;
  std::vector<std::size_t> offsets;  // byte offset of each token, for errors
  std::size_t p = 4;
  while (p < bytes.size()) {
    if (reader.u8(p) == 0) {
      // Padding: only zero bytes may follow (they align the ACE to 4 bytes).
      for (std::size_t q = p; q < bytes.size(); ++q)
        if (reader.u8(q) != 0)
          return reader.bad(q, fmt::format("token 0x{:02x} after the padding that ends the "
                                           "conditional expression", reader.u8(q)));
      break;
    }
    offsets.push_back(p);
    SECDESC_TRY(auto token, reader.token(p, bytes.size(), 0));
    expr.tokens.push_back(std::move(token));
  }
  if (auto e = expr.validate()) {
    // validate() reports token indexes; turn them into byte offsets.
    Error out = std::move(*e);
    out.offset = base + (out.offset < offsets.size() ? offsets[out.offset] : bytes.size());
    return out;
  }
  return expr;
}

namespace detail {

Result<std::vector<CondNode>> build_condition_tree(const ConditionalExpression& expr) {
  std::vector<CondNode> nodes;
  nodes.reserve(expr.tokens.size());
  std::vector<std::size_t> stack;
  auto fail = [](ErrorCode code, std::size_t index, std::string message) {
    return make_error(code, index, std::move(message));
  };
  for (std::size_t i = 0; i < expr.tokens.size(); ++i) {
    const CondToken& t = expr.tokens[i];
    CondNode node;
    node.token = i;
    std::size_t operands = 0;
    switch (t.kind()) {
      case K::literal:
      case K::attribute:
        break;
      case K::unary:
      case K::logical_not:
        operands = 1;
        break;
      case K::relational:
      case K::logical:
        operands = 2;
        break;
    }
    if (t.type == T::padding)
      return fail(ErrorCode::malformed_binary, i, "a padding token inside the expression");
    if (stack.size() < operands) {
      auto info = find_conditional_token(t.type);
      return fail(ErrorCode::malformed_binary, i,
                  fmt::format("operator '{}' needs {} operand(s) and has {}",
                              info ? info->sddl : "?", operands, stack.size()));
    }
    std::size_t depth = 0;
    if (operands == 2) {
      node.second = stack.back();
      stack.pop_back();
    }
    if (operands >= 1) {
      node.first = stack.back();
      stack.pop_back();
      depth = nodes[node.first].depth;
      if (operands == 2) depth = std::max(depth, nodes[node.second].depth);
    }
    node.depth = depth + 1;
    if (node.depth > max_condition_depth)
      return fail(ErrorCode::limit_exceeded, i,
                  fmt::format("conditional expression nested deeper than {} operators",
                              max_condition_depth));
    stack.push_back(nodes.size());
    nodes.push_back(node);
  }
  if (stack.empty()) return fail(ErrorCode::malformed_binary, 0, "empty conditional expression");
  if (stack.size() != 1)
    return fail(ErrorCode::malformed_binary, expr.tokens.size(),
                fmt::format("{} expressions left without an operator joining them", stack.size()));
  return nodes;
}

}  // namespace detail
}  // namespace secdesc
