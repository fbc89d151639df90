// parse_rights: words of the type, SDDL letters, hex, mixed; positioned errors.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "secdesc/rights_text.hpp"

namespace secdesc {
namespace {

struct Good {
  std::string_view text;
  ObjectType type;
  AccessMask mask;
  std::string_view why;
};

const Good kGood[] = {
    {"map-read", ObjectType::section, 0x4, "a specific right word (SECTION_MAP_READ)"},
    {"read,write", ObjectType::section, rights::generic_read | rights::generic_write,
     "generic words stay generic; access_check maps them"},
    {"read|write", ObjectType::section, rights::generic_read | rights::generic_write,
     "'|' separates too"},
    {" query , map-write ", ObjectType::section, 0x3, "spaces around words"},
    {"GRGW", ObjectType::section, rights::generic_read | rights::generic_write, "SDDL letters"},
    {"FA", ObjectType::file, 0x1F01FF, "a composite SDDL token"},
    {"RC", ObjectType::section, rights::read_control, "two letters that are not a word"},
    {"0x20006", ObjectType::section, 0x20006, "hex"},
    {"0X1", ObjectType::key, 0x1, "upper-case 0X"},
    {"read-control|0x10", ObjectType::section, 0x20010, "mixed"},
    {"synchronize", ObjectType::event, rights::synchronize, "events support SYNCHRONIZE"},
    {"maximum-allowed", ObjectType::section, rights::maximum_allowed, "MAXIMUM_ALLOWED"},
    {"MAP-READ", ObjectType::section, 0x4, "words are case-insensitive"},
};

void PrintTo(const Good& c, std::ostream* os) { *os << '"' << c.text << '"'; }

class RightsGood : public ::testing::TestWithParam<Good> {};
TEST_P(RightsGood, Parses) {
  const Good& c = GetParam();
  auto m = parse_rights(c.text, c.type);
  ASSERT_TRUE(m) << c.text << ": " << m.error().message;
  EXPECT_EQ(*m, c.mask) << c.text << " (" << c.why << ")";
}
INSTANTIATE_TEST_SUITE_P(Rights, RightsGood, ::testing::ValuesIn(kGood));

struct Bad {
  std::string_view text;
  ObjectType type;
  std::size_t offset;
  std::string_view message_contains;
};

const Bad kBad[] = {
    {"", ObjectType::section, 0, "no rights given"},
    {"   ", ObjectType::section, 0, "no rights given"},
    {"red", ObjectType::section, 0, "did you mean 'read'?"},
    {"read,map-raed", ObjectType::section, 5, "did you mean 'map-read'?"},
    {"read,,write", ObjectType::section, 5, "empty right"},
    {"0x", ObjectType::section, 0, "not a hex mask"},
    {"0x123456789", ObjectType::section, 0, "not a hex mask"},
    {"0xZZ", ObjectType::section, 0, "not a hex mask"},
    {"synchronize", ObjectType::section, 0, "unknown right 'synchronize' for section"},
    {"NW", ObjectType::section, 0, "unknown right"},  // label letters are not rights
    {"GRG", ObjectType::section, 0, "unknown right"},
};

void PrintTo(const Bad& c, std::ostream* os) { *os << '"' << c.text << '"'; }

class RightsBad : public ::testing::TestWithParam<Bad> {};
TEST_P(RightsBad, PositionedError) {
  const Bad& c = GetParam();
  auto m = parse_rights(c.text, c.type);
  ASSERT_FALSE(m) << "'" << c.text << "' parsed as 0x" << std::hex << *m;
  EXPECT_EQ(m.error().offset, c.offset) << m.error().message;
  EXPECT_NE(m.error().message.find(c.message_contains), std::string::npos) << m.error().message;
}
INSTANTIATE_TEST_SUITE_P(Rights, RightsBad, ::testing::ValuesIn(kBad));

}  // namespace
}  // namespace secdesc
