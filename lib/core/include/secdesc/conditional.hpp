// secdesc: conditional expressions, the application data of conditional ACEs (XA XD XU ZA).
//
// MS-DTYP 2.4.4.17: a callback ACE whose application data starts with "artx" holds a conditional
// expression as a sequence of tokens in postfix order (operands before their operator). secdesc
// keeps exactly that sequence, so what Windows wrote re-encodes byte for byte (the integer
// literals keep their width, sign and base bytes), and builds a tree only to write SDDL
// (MS-DTYP 2.5.1.1) or to evaluate it (MS-DTYP 2.5.3.4, access_check).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/error.hpp"
#include "secdesc/sid.hpp"

namespace secdesc {

// Token byte codes: literals (MS-DTYP 2.4.4.17.5), relational operators (2.4.4.17.6), logical
// operators (2.4.4.17.7) and attributes (2.4.4.17.8).
enum class CondTokenType : std::uint8_t {
  padding = 0x00,
  int8 = 0x01,
  int16 = 0x02,
  int32 = 0x03,
  int64 = 0x04,
  unicode_string = 0x10,
  octet_string = 0x18,
  composite = 0x50,
  sid = 0x51,
  equals = 0x80,
  not_equals = 0x81,
  less_than = 0x82,
  less_than_or_equal = 0x83,
  greater_than = 0x84,
  greater_than_or_equal = 0x85,
  contains = 0x86,
  exists = 0x87,
  any_of = 0x88,
  member_of = 0x89,
  device_member_of = 0x8A,
  member_of_any = 0x8B,
  device_member_of_any = 0x8C,
  not_exists = 0x8D,
  not_contains = 0x8E,
  not_any_of = 0x8F,
  not_member_of = 0x90,
  not_device_member_of = 0x91,
  not_member_of_any = 0x92,
  not_device_member_of_any = 0x93,
  logical_and = 0xA0,
  logical_or = 0xA1,
  logical_not = 0xA2,
  local_attribute = 0xF8,
  user_attribute = 0xF9,
  resource_attribute = 0xFA,
  device_attribute = 0xFB,
};

// What a token is, for parsing, writing and evaluating.
enum class CondTokenKind : std::uint8_t {
  literal,       // integers, strings, octet strings, SIDs, composites
  attribute,     // local, @USER., @RESOURCE., @DEVICE.
  relational,    // attribute OP value: == != < <= > >= Contains Any_of and the Not_ forms
  unary,         // OP operand: Member_of and its family, Exists, Not_Exists
  logical,       // && ||
  logical_not,   // !
};

struct CondTokenInfo {
  CondTokenType type;
  CondTokenKind kind;
  // The SDDL spelling Windows writes ("==", "Member_of_any", "@USER."); empty for literals and
  // local attributes. The parser matches operator words case-insensitively.
  std::string_view sddl;
};

// The token table, in one place.
std::span<const CondTokenInfo> conditional_token_table() noexcept;
std::optional<CondTokenInfo> find_conditional_token(CondTokenType type) noexcept;

// Sign and base bytes of integer literals (MS-DTYP 2.4.4.17.5).
enum class IntegerSign : std::uint8_t { plus = 0x01, minus = 0x02, none = 0x03 };
enum class IntegerBase : std::uint8_t { octal = 0x01, decimal = 0x02, hexadecimal = 0x03 };

// One token. Which fields matter depends on `type`; the others stay empty.
struct CondToken {
  CondTokenType type = CondTokenType::padding;
  std::int64_t integer = 0;  // int8..int64: the QWORD value, 2's complement
  IntegerSign sign = IntegerSign::none;
  IntegerBase base = IntegerBase::decimal;
  std::u16string text;               // unicode string, attribute name (UTF-16 as stored)
  std::vector<std::byte> octets;     // octet string
  Sid sid;                           // SID literal
  std::vector<CondToken> elements;   // composite: its literals, in order

  friend bool operator==(const CondToken&, const CondToken&) = default;

  bool is_integer() const noexcept {
    return type == CondTokenType::int8 || type == CondTokenType::int16 ||
           type == CondTokenType::int32 || type == CondTokenType::int64;
  }
  CondTokenKind kind() const noexcept;
};

// Factories for the tokens the SDDL parser and the tests build.
CondToken make_integer_token(std::int64_t value, IntegerSign sign = IntegerSign::none,
                             IntegerBase base = IntegerBase::decimal);
CondToken make_string_token(std::u16string text);
CondToken make_attribute_token(CondTokenType scope, std::u16string name);
CondToken make_sid_token(const Sid& sid);
CondToken make_operator_token(CondTokenType op);

// Deepest nesting of operators a conditional expression may have (in SDDL: parentheses, '!' and
// '&&'/'||' chains; in binary: the postfix stack). Deeper input is refused with limit_exceeded
// before anything recursive runs on it; Windows' own deepest vector is far below it.
inline constexpr std::size_t max_condition_depth = 256;

// The application-data signature of a conditional ACE: "artx" (MS-DTYP 2.4.4.17).
inline constexpr std::byte conditional_signature[4] = {std::byte{0x61}, std::byte{0x72},
                                                       std::byte{0x74}, std::byte{0x78}};

struct ConditionalExpression {
  std::vector<CondToken> tokens;  // postfix order, padding excluded

  friend bool operator==(const ConditionalExpression&, const ConditionalExpression&) = default;

  // "artx" and the tokens, without the padding that aligns the ACE.
  std::size_t binary_size() const noexcept;
  void encode_to(std::vector<std::byte>& out) const;
  // Decodes application data that starts with "artx"; trailing zero bytes are padding. `base`
  // is added to error offsets. Fails on truncated tokens, unknown byte codes, an operator
  // without its operands, more than one expression, or nesting over max_condition_depth.
  static Result<ConditionalExpression> decode(std::span<const std::byte> bytes,
                                              std::size_t base = 0);
  // Checks that the tokens form exactly one expression within max_condition_depth; the offset
  // in the error is the token index.
  std::optional<Error> validate() const;
  // True when to_sddl() writes text that parses back to these very tokens. The binary form can
  // say more than SDDL: int8/16/32 literals, a literal where a condition or an attribute belongs,
  // a local attribute on the right of an operator, an attribute with an empty name, a string
  // holding '"' or an unpaired UTF-16 surrogate (no UTF-8 form; secdesc/text_output.hpp).
  bool has_sddl_form() const;
};

// True when application data starts with "artx".
bool is_conditional_application_data(std::span<const std::byte> bytes) noexcept;

// Parses one conditional expression in SDDL form, "(...)" (MS-DTYP 2.5.1.1), as the 7th field of
// an XA/XD/XU/ZA ACE; error offsets are into `text`.
Result<ConditionalExpression> parse_conditional_expression(std::string_view text,
                                                           const SidContext& context = {});
// Writes it as ConvertSecurityDescriptorToStringSecurityDescriptorW does, e.g.
// "((@USER.Title == \"PM\") && (Member_of {SID(BA)}))".
std::string to_sddl(const ConditionalExpression& expression, const SidContext& context = {});

}  // namespace secdesc
