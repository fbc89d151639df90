// secdesc: the one error type of the library, and Result<T>.
//
// Every function that reads untrusted input (SDDL text, binary descriptors, policies) returns a
// Result instead of throwing, so a tool can turn any failure into a positioned diagnostic.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace secdesc {

enum class ErrorCode : std::uint8_t {
  syntax,              // the text does not follow the grammar
  unknown_alias,       // a two-letter SID alias that does not exist
  domain_required,     // a domain-relative alias was used without a domain SID
  invalid_sid,         // a SID string or binary SID that is malformed
  unsupported,         // valid Windows input that secdesc does not handle yet
  limit_exceeded,      // a size or count limit (ACL 65,535 bytes, 15 sub-authorities, ...)
  malformed_binary,    // a self-relative descriptor whose bytes are inconsistent
  invalid_argument,    // a value that is well-formed but not allowed here
};

// A short stable name for the code ("syntax", "limit-exceeded", ...).
std::string_view to_string(ErrorCode code) noexcept;

struct Error {
  static constexpr std::size_t no_offset = static_cast<std::size_t>(-1);

  ErrorCode code = ErrorCode::syntax;
  // 0-based offset into the input string (characters) or buffer (bytes); no_offset if none.
  std::size_t offset = no_offset;
  std::string message;

  bool has_offset() const noexcept { return offset != no_offset; }
};

// A value or an Error. Small and explicit on purpose: C++20 has no std::expected.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT
  // A value constructed in place from `args`.
  template <class... Args>
  explicit Result(std::in_place_t, Args&&... args)
      : state_(std::in_place_index<0>, std::forward<Args>(args)...) {}

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const Error& error() const& { return std::get<1>(state_); }
  Error&& error() && { return std::get<1>(std::move(state_)); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> state_;
};

// SECDESC_TRY(declaration, expression): the one way errors propagate. `expression` is a
// Result<T>; on an Error the enclosing function returns it (its return type must be constructible
// from Error: a Result<U>, an Error, std::optional<Error>); otherwise `declaration` (e.g.
// `auto sid` or `sd.owner`) takes the value:
//   SECDESC_TRY(auto sid, parse_sid(text));   // then use `sid`, a Sid
// A declaration `T&& name` binds the value where it is (in the hidden Result, which lives to the
// end of the scope) instead of moving it out: for values that are moved on at once anyway.
#define SECDESC_TRY(declaration, expression)                                     \
  SECDESC_TRY_IMPL_(SECDESC_TRY_NAME_(secdesc_try_, __LINE__), declaration, expression)
#define SECDESC_TRY_NAME_(prefix, line) SECDESC_TRY_CONCAT_(prefix, line)
#define SECDESC_TRY_CONCAT_(a, b) a##b
#define SECDESC_TRY_IMPL_(tmp, declaration, expression) \
  auto tmp = (expression);                             \
  if (!tmp) return std::move(tmp).error();             \
  declaration = std::move(tmp).value()

inline Error make_error(ErrorCode code, std::size_t offset, std::string message) {
  return Error{code, offset, std::move(message)};
}

}  // namespace secdesc
