// OptionalBox<T>: std::optional's interface and value semantics, with the value on the heap.
#include "secdesc/optional_box.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>

#include "secdesc/ace.hpp"

namespace secdesc {
namespace {

TEST(OptionalBox, EmptySetAndReset) {
  OptionalBox<std::string> box;
  EXPECT_FALSE(box);
  EXPECT_FALSE(box.has_value());
  EXPECT_TRUE(box == std::nullopt);
  EXPECT_THROW((void)box.value(), std::bad_optional_access);
  box = std::string("condition");
  ASSERT_TRUE(box);
  EXPECT_EQ(*box, "condition");
  EXPECT_EQ(box->size(), 9u);
  EXPECT_EQ(box.value(), "condition");
  box = std::string("other");  // assigning over a value keeps one box
  EXPECT_EQ(*box, "other");
  box.reset();
  EXPECT_FALSE(box);
  box.emplace(3, 'x');
  EXPECT_EQ(*box, "xxx");
  box = std::nullopt;
  EXPECT_FALSE(box);
}

TEST(OptionalBox, CopiesAreDeepAndMovesTakeTheValue) {
  OptionalBox<std::string> a = std::string("abc");
  OptionalBox<std::string> b = a;
  ASSERT_TRUE(b);
  EXPECT_NE(&*a, &*b);
  *b += "d";
  EXPECT_EQ(*a, "abc");
  EXPECT_EQ(*b, "abcd");
  b = a;
  EXPECT_EQ(*b, "abc");
  const auto& same_box = b;
  b = same_box;  // self-assignment keeps the value
  EXPECT_EQ(*b, "abc");
  OptionalBox<std::string> c = std::move(a);
  EXPECT_EQ(*c, "abc");
  OptionalBox<std::string> empty;
  c = empty;
  EXPECT_FALSE(c);
}

TEST(OptionalBox, ComparesValuesLikeOptional) {
  OptionalBox<int> none, one = 1, other_one = 1, two = 2;
  EXPECT_EQ(one, other_one);
  EXPECT_NE(one, two);
  EXPECT_NE(one, none);
  EXPECT_EQ(none, OptionalBox<int>{});
  EXPECT_EQ(OptionalBox<int>(std::optional<int>(5)), OptionalBox<int>(5));
  EXPECT_FALSE(OptionalBox<int>(std::optional<int>{}));
}

// The reason for the box: an ACE without a condition or a claim stays small, and ACEs that differ
// only in their condition compare unequal.
TEST(OptionalBox, KeepsAcesSmallAndComparable) {
  EXPECT_LE(sizeof(Ace), 160u);
  Ace plain = make_allow(sids::everyone, 0x1);
  Ace conditional = plain;
  conditional.type = AceType::access_allowed_callback;
  Ace same = conditional;
  EXPECT_EQ(conditional, same);
  conditional.condition = ConditionalExpression{};
  EXPECT_NE(conditional, same);
  same.condition = ConditionalExpression{};
  EXPECT_EQ(conditional, same);
}

}  // namespace
}  // namespace secdesc
