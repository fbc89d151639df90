// object_type.hpp: the object types, their generic mappings and named rights.
#include <gtest/gtest.h>

#include <set>
#include <string>

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


// Issue #16: every row of the table is well formed, whichever type it is.
TEST(ObjectType, EveryRowIsWellFormed) {
  std::set<std::string_view> names;
  for (const auto& info : object_types()) {
    SCOPED_TRACE(std::string(info.name));
    EXPECT_TRUE(names.insert(info.name).second) << "names are unique";
    EXPECT_FALSE(info.mapping_source.empty());
    EXPECT_FALSE(info.description.empty());
    EXPECT_FALSE(info.specific_rights.empty());
    AccessMask seen = 0;
    std::set<std::string_view> words;
    // WinRM checks the generic bits themselves: its words name them, and its mapping keeps them
    // (object_type.cpp's winrm-session row). Every other type maps to specific bits.
    const bool generic_bits_checked = info.type == ObjectType::winrm_session;
    for (const auto& r : info.specific_rights) {
      const AccessMask own = generic_bits_checked ? rights::generic_any : AccessMask{0xFFFF};
      EXPECT_EQ(r.mask & ~own, 0u) << r.word << ": specific rights are bits 0-15";
      EXPECT_EQ(r.mask & (r.mask - 1), 0u) << r.word << ": one bit per right";
      EXPECT_EQ(seen & r.mask, 0u) << r.word << ": each bit named once";
      seen |= r.mask;
      EXPECT_TRUE(words.insert(r.word).second) << r.word;
      EXPECT_FALSE(r.constant.empty());
      // A specific word must not hide a generic or standard one (find_right looks at it first).
      for (const auto& g : generic_rights()) EXPECT_NE(r.word, g.word);
      for (const auto& st : standard_rights()) EXPECT_NE(r.word, st.word);
      auto found = find_right(info.type, r.word);
      ASSERT_TRUE(found);
      EXPECT_EQ(found->mask, r.mask);
    }
    // The mapping maps to specific and standard bits only (ALL_ACCESS constants may cover
    // specific bits no right names, e.g. PROCESS_ALL_ACCESS 0x1FFFFF).
    const GenericMapping& m = info.mapping;
    constexpr AccessMask kNotMappable =
        rights::generic_any | rights::access_system_security | rights::maximum_allowed;
    for (AccessMask g : {m.read, m.write, m.execute, m.all}) {
      EXPECT_EQ(g & (generic_bits_checked ? kNotMappable & ~rights::generic_any : kNotMappable),
                0u)
          << std::hex << g;
      if (!info.supports_synchronize) {
        EXPECT_EQ(g & rights::synchronize, 0u) << std::hex << g;
      }
    }
    EXPECT_EQ(m.all & (m.read | m.write | m.execute), m.read | m.write | m.execute)
        << "GA covers GR, GW and GX";
    EXPECT_NE(info.default_label_policy, 0u);
    EXPECT_EQ(find_right(info.type, "synchronize").has_value(), info.supports_synchronize);
  }
}

// The rows issue #16 added, spot-checked against their sources.
TEST(ObjectType, NewTypesFromTheirSources) {
  EXPECT_EQ(parse_object_type("com"), ObjectType::com);
  EXPECT_EQ(find_right(ObjectType::com, "execute-local")->mask, 0x2u);
  EXPECT_EQ(find_right(ObjectType::com, "activate-remote")->mask, 0x10u);
  EXPECT_EQ(find_right(ObjectType::com, "execute")->mask, rights::generic_execute);
  EXPECT_EQ(describe_rights(0xB, ObjectType::com), "com-execute|execute-local|activate-local");
  EXPECT_EQ(find_right(ObjectType::wmi_namespace, "remote-access")->mask, 0x20u);
  // WinRM's words are its generic bits; GA maps to the three, each other one to itself.
  EXPECT_EQ(find_right(ObjectType::winrm_session, "invoke")->mask, rights::generic_execute);
  EXPECT_EQ(parse_object_type("WinRM"), ObjectType::winrm_session);
  EXPECT_EQ(map_generic(rights::generic_all, object_type_info(ObjectType::winrm_session).mapping),
            rights::generic_read | rights::generic_write | rights::generic_execute);
  EXPECT_EQ(describe_rights(rights::generic_execute | rights::generic_read,
                            ObjectType::winrm_session),
            "read|execute");
  EXPECT_EQ(find_right(ObjectType::etw_guid, "access-realtime")->mask, 0x400u);
  EXPECT_EQ(find_right(ObjectType::etw_guid, "register-guids")->mask, 0x800u);
  EXPECT_EQ(object_type_info(ObjectType::desktop).mapping.write, 0x200BEu);
  EXPECT_EQ(object_type_info(ObjectType::window_station).mapping.all, 0xF037Fu);
  EXPECT_EQ(object_type_info(ObjectType::service_manager).mapping.read, 0x20014u);
  EXPECT_EQ(object_type_info(ObjectType::token).mapping.read, 0x2001Au);
  // A device is opened as a file: the file mapping and rights.
  EXPECT_EQ(object_type_info(ObjectType::device).mapping,
            object_type_info(ObjectType::file).mapping);
  EXPECT_EQ(find_right(ObjectType::device, "write-data")->mask, 0x2u);
  EXPECT_TRUE(object_type_info(ObjectType::object_directory).container);
  EXPECT_FALSE(find_right(ObjectType::token, "synchronize"));
  EXPECT_TRUE(find_right(ObjectType::alpc_port, "synchronize"));
  EXPECT_EQ(parse_object_type("window-station"), ObjectType::window_station);
  EXPECT_EQ(parse_object_type("winsta"), ObjectType::window_station);
  EXPECT_EQ(parse_object_type("scm"), ObjectType::service_manager);
}

}  // namespace
}  // namespace secdesc
