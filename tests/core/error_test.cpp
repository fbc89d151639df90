// error.hpp: error codes' names, make_error and SECDESC_TRY.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "secdesc/error.hpp"

namespace secdesc {
namespace {

TEST(Error, CodeNames) {
  EXPECT_EQ(to_string(ErrorCode::syntax), "syntax");
  EXPECT_EQ(to_string(ErrorCode::unknown_alias), "unknown-alias");
  EXPECT_EQ(to_string(ErrorCode::domain_required), "domain-required");
  EXPECT_EQ(to_string(ErrorCode::invalid_sid), "invalid-sid");
  EXPECT_EQ(to_string(ErrorCode::unsupported), "unsupported");
  EXPECT_EQ(to_string(ErrorCode::limit_exceeded), "limit-exceeded");
  EXPECT_EQ(to_string(ErrorCode::malformed_binary), "malformed-binary");
  EXPECT_EQ(to_string(ErrorCode::invalid_argument), "invalid-argument");
}

TEST(Error, MakeError) {
  Error e = make_error(ErrorCode::invalid_sid, 7, "bad SID");
  EXPECT_EQ(e.code, ErrorCode::invalid_sid);
  EXPECT_EQ(e.offset, 7u);
  EXPECT_EQ(e.message, "bad SID");
  EXPECT_TRUE(e.has_offset());
  EXPECT_FALSE(make_error(ErrorCode::syntax, Error::no_offset, "x").has_offset());
  EXPECT_FALSE(Error{}.has_offset());
}

Result<int> half(int n) {
  if (n % 2 != 0) return make_error(ErrorCode::invalid_argument, 3, "odd");
  return n / 2;
}

// Two SECDESC_TRY in one function: each declares its own hidden Result.
Result<int> quarter(int n, int* steps) {
  SECDESC_TRY(const int h, half(n));
  ++*steps;
  SECDESC_TRY(int q, half(h));
  ++*steps;
  return q;
}

std::optional<Error> check_half(int n, int& out) {
  SECDESC_TRY(out, half(n));  // assigns an existing variable
  return std::nullopt;
}

TEST(Error, TryPassesTheValueOn) {
  int steps = 0;
  auto q = quarter(12, &steps);
  ASSERT_TRUE(q);
  EXPECT_EQ(*q, 3);
  EXPECT_EQ(steps, 2);
  int out = 0;
  EXPECT_FALSE(check_half(8, out));
  EXPECT_EQ(out, 4);
}

TEST(Error, TryReturnsTheErrorUnchangedAndStops) {
  int steps = 0;
  auto first = quarter(5, &steps);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(first.error().offset, 3u);
  EXPECT_EQ(first.error().message, "odd");
  EXPECT_EQ(steps, 0);
  auto second = quarter(6, &steps);  // 6 / 2 = 3 is odd: the second step fails
  ASSERT_FALSE(second);
  EXPECT_EQ(steps, 1);
  int out = -1;
  auto e = check_half(1, out);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->message, "odd");
  EXPECT_EQ(out, -1);  // not assigned on an error
}

Result<std::unique_ptr<int>> boxed(int n) {
  if (n < 0) return make_error(ErrorCode::syntax, 0, "negative");
  return std::make_unique<int>(n);
}
Result<int> unbox(int n) {
  SECDESC_TRY(std::unique_ptr<int> p, boxed(n));  // a move-only value is moved out
  return *p + 1;
}
Result<int> unbox_in_place(int n) {
  SECDESC_TRY(std::unique_ptr<int>&& p, boxed(n));  // bound where it is
  return *p + 2;
}

TEST(Error, TryWithMoveOnlyValues) {
  EXPECT_EQ(unbox(4).value(), 5);
  EXPECT_EQ(unbox_in_place(4).value(), 6);
  EXPECT_EQ(unbox(-1).error().message, "negative");
  EXPECT_EQ(unbox_in_place(-1).error().message, "negative");
}

}  // namespace
}  // namespace secdesc
