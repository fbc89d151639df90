// object_type.hpp: the object types, their generic mappings and named rights.
#include <gtest/gtest.h>

#include "secdesc/object_type.hpp"

namespace secdesc {
namespace {

TEST(ObjectType, NamesRoundTrip) {
  ASSERT_FALSE(object_types().empty());
  for (const auto& info : object_types()) {
    EXPECT_EQ(to_string(info.type), info.name);
    EXPECT_EQ(parse_object_type(info.name), info.type) << info.name;
    EXPECT_EQ(&object_type_info(info.type), &info);
    EXPECT_NE(object_type_names().find(info.name), std::string::npos);
  }
  EXPECT_EQ(parse_object_type("FILE"), ObjectType::file);  // case-insensitive
  EXPECT_EQ(parse_object_type("mapping"), ObjectType::section);
  EXPECT_EQ(parse_object_type("pipe"), ObjectType::named_pipe);
  EXPECT_EQ(parse_object_type("mutant"), ObjectType::mutex);
  EXPECT_FALSE(parse_object_type("widget"));
  EXPECT_EQ(object_type_names().substr(0, 9), "section, ");
}

TEST(ObjectType, MapGeneric) {
  const GenericMapping& file = object_type_info(ObjectType::file).mapping;
  EXPECT_EQ(map_generic(rights::generic_read, file), file.read);
  EXPECT_EQ(map_generic(rights::generic_all | rights::synchronize, file),
            file.all | rights::synchronize);
  EXPECT_EQ(map_generic(0x1, file), 0x1u);  // specific rights pass through
  EXPECT_EQ(map_generic(rights::generic_any, file) & rights::generic_any, 0u);
}

TEST(ObjectType, FindRight) {
  auto r = find_right(ObjectType::section, "map-read");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->mask, 0x4u);
  EXPECT_EQ(r->constant, "SECTION_MAP_READ");
  EXPECT_EQ(find_right(ObjectType::file, "READ")->mask, rights::generic_read);  // a generic word
  EXPECT_EQ(find_right(ObjectType::file, "synchronize")->mask, rights::synchronize);
  EXPECT_FALSE(find_right(ObjectType::section, "synchronize"));  // sections cannot wait
  EXPECT_FALSE(find_right(ObjectType::file, "map-read"));
  EXPECT_FALSE(standard_rights().empty());
  EXPECT_FALSE(generic_rights().empty());
}

TEST(ObjectType, DefinedRights) {
  const AccessMask file = defined_rights(ObjectType::file);
  EXPECT_EQ(file & rights::generic_any, rights::generic_any);
  EXPECT_TRUE(file & rights::synchronize);
  for (const auto& r : object_type_info(ObjectType::file).specific_rights)
    EXPECT_EQ(file & r.mask, r.mask) << r.word;
  EXPECT_FALSE(defined_rights(ObjectType::section) & rights::synchronize);
}

TEST(ObjectType, DescribeRights) {
  EXPECT_EQ(describe_rights(0, ObjectType::section), "none");
  EXPECT_EQ(describe_rights(rights::generic_read, ObjectType::section), "read");
  EXPECT_EQ(describe_rights(0x4, ObjectType::section), "map-read");
  // Bits with no word are written as a number at the end.
  EXPECT_EQ(describe_rights(0x4 | 0x00400000, ObjectType::section), "map-read|0x400000");
}

}  // namespace
}  // namespace secdesc
