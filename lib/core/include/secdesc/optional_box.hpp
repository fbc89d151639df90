// secdesc: OptionalBox<T>, an optional value kept on the heap.
//
// For members that are large and rarely set: an Ace's condition and resource attribute. An empty
// box is one null pointer, so the common ACE stays small (cheaper to create, copy and destroy in
// the parser and the encoder), while the member keeps std::optional's interface and value
// semantics: copies are deep, comparison compares the values.
#pragma once

#include <memory>
#include <optional>
#include <utility>

namespace secdesc {

template <class T>
class OptionalBox {
 public:
  using value_type = T;

  constexpr OptionalBox() noexcept = default;
  constexpr OptionalBox(std::nullopt_t) noexcept {}  // NOLINT: like std::optional
  OptionalBox(T value) : value_(make(std::move(value))) {}  // NOLINT
  OptionalBox(std::optional<T> value)  // NOLINT: like std::optional
      : value_(value ? make(std::move(*value)) : nullptr) {}
  OptionalBox(const OptionalBox& other)
      : value_(other.value_ ? make(*other.value_) : nullptr) {}
  OptionalBox(OptionalBox&&) noexcept = default;
  ~OptionalBox() = default;

  OptionalBox& operator=(const OptionalBox& other) {
    if (this != &other) value_ = other.value_ ? make(*other.value_) : nullptr;
    return *this;
  }
  OptionalBox& operator=(OptionalBox&&) noexcept = default;
  OptionalBox& operator=(std::nullopt_t) noexcept {
    value_.reset();
    return *this;
  }
  OptionalBox& operator=(T value) {
    if (value_)
      *value_ = std::move(value);
    else
      value_ = make(std::move(value));
    return *this;
  }

  bool has_value() const noexcept { return value_ != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }

  T& operator*() & noexcept { return *value_; }
  const T& operator*() const& noexcept { return *value_; }
  T* operator->() noexcept { return value_.get(); }
  const T* operator->() const noexcept { return value_.get(); }
  T& value() & {
    if (!value_) throw std::bad_optional_access();
    return *value_;
  }
  const T& value() const& {
    if (!value_) throw std::bad_optional_access();
    return *value_;
  }

  template <class... Args>
  T& emplace(Args&&... args) {
    value_ = make(std::forward<Args>(args)...);
    return *value_;
  }
  void reset() noexcept { value_.reset(); }

  // As std::optional: equal when both are empty, or both hold equal values.
  friend bool operator==(const OptionalBox& a, const OptionalBox& b) {
    if (!a.value_ || !b.value_) return !a.value_ && !b.value_;
    return *a.value_ == *b.value_;
  }
  friend bool operator==(const OptionalBox& a, std::nullopt_t) noexcept { return !a.value_; }

 private:
  // Destroying an empty box is one test; the value's destructor stays out of line, so that a
  // container of mostly empty boxes (the ACEs of an ACL) keeps a destructor small enough to
  // inline.
#if __has_cpp_attribute(gnu::cold) && __has_cpp_attribute(gnu::noinline)
  struct Delete {
    [[gnu::cold, gnu::noinline]] void operator()(T* value) const noexcept { delete value; }
  };
#else  // MSVC: the same, without the hint (it would warn about the unknown attributes)
  struct Delete {
    void operator()(T* value) const noexcept { delete value; }
  };
#endif
  static std::unique_ptr<T, Delete> make(auto&&... args) {
    return std::unique_ptr<T, Delete>(new T(std::forward<decltype(args)>(args)...));
  }

  std::unique_ptr<T, Delete> value_;
};

}  // namespace secdesc
