// Per-type rights and generic mappings: shared/notes/windows-object-facts.md sections 2, 3, 5, 6.
// Where sources disagree (⚠ there), the Wine value is used and the row's source says so.
#include "secdesc/object_type.hpp"

#include <array>

#include <fmt/format.h>

#include "core/internal/text.hpp"

namespace secdesc {
namespace {

constexpr std::array kStandard{
    NamedRight{"delete", 0x00010000, "DELETE"},
    NamedRight{"read-control", 0x00020000, "READ_CONTROL"},
    NamedRight{"write-dac", 0x00040000, "WRITE_DAC"},
    NamedRight{"write-owner", 0x00080000, "WRITE_OWNER"},
    NamedRight{"synchronize", 0x00100000, "SYNCHRONIZE"},
    NamedRight{"access-system-security", 0x01000000, "ACCESS_SYSTEM_SECURITY"},
    NamedRight{"maximum-allowed", 0x02000000, "MAXIMUM_ALLOWED"},
};

constexpr std::array kGeneric{
    NamedRight{"read", 0x80000000, "GENERIC_READ"},
    NamedRight{"write", 0x40000000, "GENERIC_WRITE"},
    NamedRight{"execute", 0x20000000, "GENERIC_EXECUTE"},
    NamedRight{"all", 0x10000000, "GENERIC_ALL"},
};

constexpr std::array kSection{
    NamedRight{"query", 0x1, "SECTION_QUERY"},
    NamedRight{"map-write", 0x2, "SECTION_MAP_WRITE"},
    NamedRight{"map-read", 0x4, "SECTION_MAP_READ"},
    NamedRight{"map-execute", 0x8, "SECTION_MAP_EXECUTE"},
    NamedRight{"extend-size", 0x10, "SECTION_EXTEND_SIZE"},
    NamedRight{"map-execute-explicit", 0x20, "SECTION_MAP_EXECUTE_EXPLICIT"},
};
constexpr std::array kFile{
    NamedRight{"read-data", 0x1, "FILE_READ_DATA"},
    NamedRight{"write-data", 0x2, "FILE_WRITE_DATA"},
    NamedRight{"append-data", 0x4, "FILE_APPEND_DATA"},
    NamedRight{"read-ea", 0x8, "FILE_READ_EA"},
    NamedRight{"write-ea", 0x10, "FILE_WRITE_EA"},
    NamedRight{"execute-file", 0x20, "FILE_EXECUTE"},
    NamedRight{"read-attributes", 0x80, "FILE_READ_ATTRIBUTES"},
    NamedRight{"write-attributes", 0x100, "FILE_WRITE_ATTRIBUTES"},
};
constexpr std::array kDirectory{
    NamedRight{"list-directory", 0x1, "FILE_LIST_DIRECTORY"},
    NamedRight{"add-file", 0x2, "FILE_ADD_FILE"},
    NamedRight{"add-subdirectory", 0x4, "FILE_ADD_SUBDIRECTORY"},
    NamedRight{"read-ea", 0x8, "FILE_READ_EA"},
    NamedRight{"write-ea", 0x10, "FILE_WRITE_EA"},
    NamedRight{"traverse", 0x20, "FILE_TRAVERSE"},
    NamedRight{"delete-child", 0x40, "FILE_DELETE_CHILD"},
    NamedRight{"read-attributes", 0x80, "FILE_READ_ATTRIBUTES"},
    NamedRight{"write-attributes", 0x100, "FILE_WRITE_ATTRIBUTES"},
};
constexpr std::array kPipe{
    NamedRight{"read-data", 0x1, "FILE_READ_DATA"},
    NamedRight{"write-data", 0x2, "FILE_WRITE_DATA"},
    NamedRight{"create-pipe-instance", 0x4, "FILE_CREATE_PIPE_INSTANCE"},
    NamedRight{"read-ea", 0x8, "FILE_READ_EA"},
    NamedRight{"write-ea", 0x10, "FILE_WRITE_EA"},
    NamedRight{"read-attributes", 0x80, "FILE_READ_ATTRIBUTES"},
    NamedRight{"write-attributes", 0x100, "FILE_WRITE_ATTRIBUTES"},
};
constexpr std::array kEvent{
    NamedRight{"query-state", 0x1, "EVENT_QUERY_STATE"},
    NamedRight{"modify-state", 0x2, "EVENT_MODIFY_STATE"},
};
constexpr std::array kMutex{
    NamedRight{"query-state", 0x1, "MUTANT_QUERY_STATE"},
};
constexpr std::array kSemaphore{
    NamedRight{"query-state", 0x1, "SEMAPHORE_QUERY_STATE"},
    NamedRight{"modify-state", 0x2, "SEMAPHORE_MODIFY_STATE"},
};
constexpr std::array kTimer{
    NamedRight{"query-state", 0x1, "TIMER_QUERY_STATE"},
    NamedRight{"modify-state", 0x2, "TIMER_MODIFY_STATE"},
};
constexpr std::array kKey{
    NamedRight{"query-value", 0x1, "KEY_QUERY_VALUE"},
    NamedRight{"set-value", 0x2, "KEY_SET_VALUE"},
    NamedRight{"create-sub-key", 0x4, "KEY_CREATE_SUB_KEY"},
    NamedRight{"enumerate-sub-keys", 0x8, "KEY_ENUMERATE_SUB_KEYS"},
    NamedRight{"notify", 0x10, "KEY_NOTIFY"},
    NamedRight{"create-link", 0x20, "KEY_CREATE_LINK"},
};
constexpr std::array kProcess{
    NamedRight{"terminate", 0x1, "PROCESS_TERMINATE"},
    NamedRight{"create-thread", 0x2, "PROCESS_CREATE_THREAD"},
    NamedRight{"set-sessionid", 0x4, "PROCESS_SET_SESSIONID"},
    NamedRight{"vm-operation", 0x8, "PROCESS_VM_OPERATION"},
    NamedRight{"vm-read", 0x10, "PROCESS_VM_READ"},
    NamedRight{"vm-write", 0x20, "PROCESS_VM_WRITE"},
    NamedRight{"dup-handle", 0x40, "PROCESS_DUP_HANDLE"},
    NamedRight{"create-process", 0x80, "PROCESS_CREATE_PROCESS"},
    NamedRight{"set-quota", 0x100, "PROCESS_SET_QUOTA"},
    NamedRight{"set-information", 0x200, "PROCESS_SET_INFORMATION"},
    NamedRight{"query-information", 0x400, "PROCESS_QUERY_INFORMATION"},
    NamedRight{"suspend-resume", 0x800, "PROCESS_SUSPEND_RESUME"},
    NamedRight{"query-limited-information", 0x1000, "PROCESS_QUERY_LIMITED_INFORMATION"},
    NamedRight{"set-limited-information", 0x2000, "PROCESS_SET_LIMITED_INFORMATION"},
};
constexpr std::array kThread{
    NamedRight{"terminate", 0x1, "THREAD_TERMINATE"},
    NamedRight{"suspend-resume", 0x2, "THREAD_SUSPEND_RESUME"},
    NamedRight{"alert", 0x4, "THREAD_ALERT"},
    NamedRight{"get-context", 0x8, "THREAD_GET_CONTEXT"},
    NamedRight{"set-context", 0x10, "THREAD_SET_CONTEXT"},
    NamedRight{"set-information", 0x20, "THREAD_SET_INFORMATION"},
    NamedRight{"query-information", 0x40, "THREAD_QUERY_INFORMATION"},
    NamedRight{"set-thread-token", 0x80, "THREAD_SET_THREAD_TOKEN"},
    NamedRight{"impersonate", 0x100, "THREAD_IMPERSONATE"},
    NamedRight{"direct-impersonation", 0x200, "THREAD_DIRECT_IMPERSONATION"},
    NamedRight{"set-limited-information", 0x400, "THREAD_SET_LIMITED_INFORMATION"},
    NamedRight{"query-limited-information", 0x800, "THREAD_QUERY_LIMITED_INFORMATION"},
    NamedRight{"resume", 0x1000, "THREAD_RESUME"},
};
constexpr std::array kJob{
    NamedRight{"assign-process", 0x1, "JOB_OBJECT_ASSIGN_PROCESS"},
    NamedRight{"set-attributes", 0x2, "JOB_OBJECT_SET_ATTRIBUTES"},
    NamedRight{"query", 0x4, "JOB_OBJECT_QUERY"},
    NamedRight{"terminate", 0x8, "JOB_OBJECT_TERMINATE"},
    NamedRight{"set-security-attributes", 0x10, "JOB_OBJECT_SET_SECURITY_ATTRIBUTES"},
    NamedRight{"impersonate", 0x20, "JOB_OBJECT_IMPERSONATE"},
};
constexpr std::array kService{
    NamedRight{"query-config", 0x1, "SERVICE_QUERY_CONFIG"},
    NamedRight{"change-config", 0x2, "SERVICE_CHANGE_CONFIG"},
    NamedRight{"query-status", 0x4, "SERVICE_QUERY_STATUS"},
    NamedRight{"enumerate-dependents", 0x8, "SERVICE_ENUMERATE_DEPENDENTS"},
    NamedRight{"start", 0x10, "SERVICE_START"},
    NamedRight{"stop", 0x20, "SERVICE_STOP"},
    NamedRight{"pause-continue", 0x40, "SERVICE_PAUSE_CONTINUE"},
    NamedRight{"interrogate", 0x80, "SERVICE_INTERROGATE"},
    NamedRight{"user-defined-control", 0x100, "SERVICE_USER_DEFINED_CONTROL"},
};

constexpr AccessMask NW = rights::label_no_write_up;
constexpr AccessMask NR = rights::label_no_read_up;

using O = ObjectType;
constexpr std::array kTypes{
    ObjectTypeInfo{O::section, "section", "file mapping (section)",
                   {0x20005, 0x20002, 0x20008, 0xF001F}, false, false, NW, kSection,
                   "Wine and ReactOS agree; MS Learn file-mapping rights"},
    ObjectTypeInfo{O::file, "file", "file",
                   {0x120089, 0x120116, 0x1200A0, 0x1F01FF}, false, true, NW, kFile,
                   "MS Learn file security (R/W/X), Wine, ReactOS"},
    ObjectTypeInfo{O::directory, "directory", "file-system directory",
                   {0x120089, 0x120116, 0x1200A0, 0x1F01FF}, true, true, NW, kDirectory,
                   "MS Learn file security (R/W/X), Wine, ReactOS"},
    ObjectTypeInfo{O::named_pipe, "named-pipe", "named pipe",
                   {0x120089, 0x120116, 0x1200A0, 0x1F01FF}, false, true, NW, kPipe,
                   "MS Learn named pipe security; kernel type File"},
    ObjectTypeInfo{O::event, "event", "event",
                   {0x20001, 0x20002, 0x120000, 0x1F0003}, false, true, NW, kEvent,
                   "Wine (ReactOS differs: 0x120001/0x120002/0x120001)"},
    ObjectTypeInfo{O::mutex, "mutex", "mutex (mutant)",
                   {0x20001, 0x20000, 0x120000, 0x1F0001}, false, true, NW, kMutex,
                   "Wine (ReactOS differs: 0x120001/0x120000/0x120001)"},
    ObjectTypeInfo{O::semaphore, "semaphore", "semaphore",
                   {0x20001, 0x20002, 0x120000, 0x1F0003}, false, true, NW, kSemaphore,
                   "Wine and current ReactOS agree"},
    ObjectTypeInfo{O::timer, "timer", "waitable timer",
                   {0x20001, 0x20002, 0x120000, 0x1F0003}, false, true, NW, kTimer,
                   "Wine and ReactOS agree"},
    ObjectTypeInfo{O::key, "key", "registry key",
                   {0x20019, 0x20006, 0x20039, 0xF003F}, true, false, NW, kKey,
                   "Wine (ReactOS uses KEY_EXECUTE 0x20019 for GX)"},
    ObjectTypeInfo{O::process, "process", "process",
                   {0x20410, 0x20BEA, 0x121001, 0x1FFFFF}, false, true, NW | NR, kProcess,
                   "Wine; default label NW|NR from NtObjectManager"},
    ObjectTypeInfo{O::thread, "thread", "thread",
                   {0x20048, 0x20437, 0x121800, 0x1FFFFF}, false, true, NW | NR, kThread,
                   "Wine; default label NW|NR from NtObjectManager"},
    ObjectTypeInfo{O::job, "job", "job object",
                   {0x20004, 0x2000B, 0x120000, 0x1F003F}, false, true, NW, kJob,
                   "Wine and ReactOS agree on R/W/X; GA is JOB_OBJECT_ALL_ACCESS (SDK 10.0.28000)"},
    ObjectTypeInfo{O::service, "service", "service (SCM object)",
                   {0x2008D, 0x20002, 0x20170, 0xF01FF}, false, false, NW, kService,
                   "MS Learn service security (R/W/X); GA from NtObjectManager"},
};

}  // namespace

std::span<const ObjectTypeInfo> object_types() noexcept { return kTypes; }

const ObjectTypeInfo& object_type_info(ObjectType type) noexcept {
  for (const auto& t : kTypes)
    if (t.type == type) return t;
  return kTypes[0];
}

std::optional<ObjectType> parse_object_type(std::string_view name) noexcept {
  for (const auto& t : kTypes)
    if (detail::iequals(t.name, name)) return t.type;
  if (detail::iequals(name, "file-mapping") || detail::iequals(name, "mapping")) return O::section;
  if (detail::iequals(name, "pipe")) return O::named_pipe;
  if (detail::iequals(name, "mutant")) return O::mutex;
  return std::nullopt;
}

std::string_view to_string(ObjectType type) noexcept { return object_type_info(type).name; }

std::string object_type_names() {
  std::string out;
  for (const auto& t : kTypes) {
    if (!out.empty()) out += ", ";
    out += t.name;
  }
  return out;
}

std::span<const NamedRight> standard_rights() noexcept { return kStandard; }
std::span<const NamedRight> generic_rights() noexcept { return kGeneric; }

std::optional<NamedRight> find_right(ObjectType type, std::string_view word) noexcept {
  const auto& info = object_type_info(type);
  for (const auto& r : info.specific_rights)
    if (detail::iequals(r.word, word)) return r;
  for (const auto& r : kGeneric)
    if (detail::iequals(r.word, word)) return r;
  for (const auto& r : kStandard) {
    if (r.mask == rights::synchronize && !info.supports_synchronize) continue;
    if (detail::iequals(r.word, word)) return r;
  }
  return std::nullopt;
}

AccessMask defined_rights(ObjectType type) noexcept {
  const auto& info = object_type_info(type);
  AccessMask m = rights::generic_any | rights::access_system_security | rights::maximum_allowed |
                 rights::standard_rights_required;
  if (info.supports_synchronize) m |= rights::synchronize;
  for (const auto& r : info.specific_rights) m |= r.mask;
  return m;
}

std::string describe_rights(AccessMask mask, ObjectType type) {
  const auto& info = object_type_info(type);
  std::string out;
  auto add = [&](std::string_view word) {
    if (!out.empty()) out += '|';
    out += word;
  };
  AccessMask left = mask;
  for (const auto& r : kGeneric)
    if ((left & r.mask) == r.mask) add(r.word), left &= ~r.mask;
  for (const auto& r : info.specific_rights)
    if ((left & r.mask) == r.mask) add(r.word), left &= ~r.mask;
  for (const auto& r : kStandard)
    if ((left & r.mask) == r.mask) add(r.word), left &= ~r.mask;
  if (left) add(fmt::format("0x{:x}", left));
  if (out.empty()) out = "none";
  return out;
}

}  // namespace secdesc
