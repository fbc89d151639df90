// Result<T>: a value or the library's one Error type.
#include "secdesc/error.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace secdesc {
namespace {

TEST(Result, HoldsAValueOrAnError) {
  Result<std::string> ok = std::string("value");
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, "value");
  EXPECT_EQ(ok->size(), 5u);
  Result<std::string> failed = make_error(ErrorCode::syntax, 7, "expected ';'");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::syntax);
  EXPECT_EQ(failed.error().offset, 7u);
  EXPECT_EQ(failed.error().message, "expected ';'");
  EXPECT_EQ(to_string(ErrorCode::limit_exceeded), "limit-exceeded");
}

// The in-place constructor builds the value inside the Result (parse_sddl builds its descriptor
// there); assigning an Error replaces it.
TEST(Result, InPlaceConstructionAndReplacementByAnError) {
  Result<std::vector<int>> r(std::in_place, 3, 9);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (std::vector<int>{9, 9, 9}));
  r->push_back(1);
  EXPECT_EQ(r->size(), 4u);
  r = make_error(ErrorCode::limit_exceeded, Error::no_offset, "too many");
  ASSERT_FALSE(r);
  EXPECT_FALSE(r.error().has_offset());
  std::vector<int> moved = Result<std::vector<int>>(std::in_place, 2, 5).value();
  EXPECT_EQ(moved, (std::vector<int>{5, 5}));
}

}  // namespace
}  // namespace secdesc
