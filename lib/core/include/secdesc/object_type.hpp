// secdesc: securable object types: their specific rights, generic mapping, container semantics
// and default mandatory-label policy. One table (lib/core/src/object_type.cpp), as data.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "secdesc/access_mask.hpp"

namespace secdesc {

enum class ObjectType : std::uint8_t {
  section,
  file,
  directory,
  named_pipe,
  event,
  mutex,
  semaphore,
  timer,
  key,
  process,
  thread,
  job,
  service,
  // Issue #16: the object types real code secures with SDDL beyond the 13 above.
  service_manager,
  token,
  window_station,
  desktop,
  alpc_port,
  symbolic_link,
  object_directory,
  device,
  com,
  wmi_namespace,
  etw_guid,
  winrm_session,
};

// GENERIC_MAPPING: what GR, GW, GX and GA mean for a type.
struct GenericMapping {
  AccessMask read = 0;
  AccessMask write = 0;
  AccessMask execute = 0;
  AccessMask all = 0;
  friend bool operator==(const GenericMapping&, const GenericMapping&) = default;
};

// A right by name: the word policies use, and the Windows constant it stands for.
struct NamedRight {
  std::string_view word;      // "map-read"
  AccessMask mask;            // 0x4
  std::string_view constant;  // "SECTION_MAP_READ"
};

struct ObjectTypeInfo {
  ObjectType type;
  std::string_view name;         // "section", as policies and --object spell it
  std::string_view description;  // "file mapping (section)"
  GenericMapping mapping;
  bool container;                // inheritance flags (OI CI NP IO) mean something
  bool supports_synchronize;
  AccessMask default_label_policy;  // what an unlabelled object counts as: NW, or NW|NR
  std::span<const NamedRight> specific_rights;
  std::string_view mapping_source;  // where the generic mapping comes from
};

// The table, in one place.
std::span<const ObjectTypeInfo> object_types() noexcept;
const ObjectTypeInfo& object_type_info(ObjectType type) noexcept;
std::optional<ObjectType> parse_object_type(std::string_view name) noexcept;
std::string_view to_string(ObjectType type) noexcept;
// "section, file, directory, ..." for messages and help.
std::string object_type_names();

// The standard rights words every type shares (delete, read-control, write-dac, write-owner,
// synchronize, access-system-security) and the generic words (read, write, execute, all).
std::span<const NamedRight> standard_rights() noexcept;
std::span<const NamedRight> generic_rights() noexcept;

// Finds a right word for a type (specific, standard or generic); nullopt if the type lacks it.
std::optional<NamedRight> find_right(ObjectType type, std::string_view word) noexcept;

// Every bit the type defines: its specific rights, the standard rights it supports,
// ACCESS_SYSTEM_SECURITY, MAXIMUM_ALLOWED and the generic bits.
AccessMask defined_rights(ObjectType type) noexcept;

// Replaces the generic bits of `mask` by what they mean for the type (MapGenericMask).
constexpr AccessMask map_generic(AccessMask mask, const GenericMapping& m) noexcept {
  AccessMask out = mask & ~rights::generic_any;
  if (mask & rights::generic_read) out |= m.read;
  if (mask & rights::generic_write) out |= m.write;
  if (mask & rights::generic_execute) out |= m.execute;
  if (mask & rights::generic_all) out |= m.all;
  return out;
}

// Rights as text (words, SDDL letters, hex) are read by parse_rights in rights_text.hpp.

// Names the bits of a mask with the type's words, e.g. "map-read|map-write|query"; bits without
// a word are shown in hex.
std::string describe_rights(AccessMask mask, ObjectType type);

}  // namespace secdesc
