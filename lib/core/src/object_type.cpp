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

// SC_MANAGER_*: MS Learn "Service Security and Access Rights"; windows-object-facts.md 2.9.
constexpr std::array kServiceManager{
    NamedRight{"connect", 0x1, "SC_MANAGER_CONNECT"},
    NamedRight{"create-service", 0x2, "SC_MANAGER_CREATE_SERVICE"},
    NamedRight{"enumerate-service", 0x4, "SC_MANAGER_ENUMERATE_SERVICE"},
    NamedRight{"lock", 0x8, "SC_MANAGER_LOCK"},
    NamedRight{"query-lock-status", 0x10, "SC_MANAGER_QUERY_LOCK_STATUS"},
    NamedRight{"modify-boot-config", 0x20, "SC_MANAGER_MODIFY_BOOT_CONFIG"},
};
// TOKEN_*: MS Learn "Access Rights for Access-Token Objects"; windows-object-facts.md 2.8.
constexpr std::array kToken{
    NamedRight{"assign-primary", 0x1, "TOKEN_ASSIGN_PRIMARY"},
    NamedRight{"duplicate", 0x2, "TOKEN_DUPLICATE"},
    NamedRight{"impersonate", 0x4, "TOKEN_IMPERSONATE"},
    NamedRight{"query", 0x8, "TOKEN_QUERY"},
    NamedRight{"query-source", 0x10, "TOKEN_QUERY_SOURCE"},
    NamedRight{"adjust-privileges", 0x20, "TOKEN_ADJUST_PRIVILEGES"},
    NamedRight{"adjust-groups", 0x40, "TOKEN_ADJUST_GROUPS"},
    NamedRight{"adjust-default", 0x80, "TOKEN_ADJUST_DEFAULT"},
    NamedRight{"adjust-sessionid", 0x100, "TOKEN_ADJUST_SESSIONID"},
};
// WINSTA_*: MS Learn "Window Station Security and Access Rights"; windows-object-facts.md 2.10.
constexpr std::array kWindowStation{
    NamedRight{"enum-desktops", 0x1, "WINSTA_ENUMDESKTOPS"},
    NamedRight{"read-attributes", 0x2, "WINSTA_READATTRIBUTES"},
    NamedRight{"access-clipboard", 0x4, "WINSTA_ACCESSCLIPBOARD"},
    NamedRight{"create-desktop", 0x8, "WINSTA_CREATEDESKTOP"},
    NamedRight{"write-attributes", 0x10, "WINSTA_WRITEATTRIBUTES"},
    NamedRight{"access-global-atoms", 0x20, "WINSTA_ACCESSGLOBALATOMS"},
    NamedRight{"exit-windows", 0x40, "WINSTA_EXITWINDOWS"},
    NamedRight{"enumerate", 0x100, "WINSTA_ENUMERATE"},
    NamedRight{"read-screen", 0x200, "WINSTA_READSCREEN"},
};
// DESKTOP_*: MS Learn "Desktop Security and Access Rights"; windows-object-facts.md 2.10.
constexpr std::array kDesktop{
    NamedRight{"read-objects", 0x1, "DESKTOP_READOBJECTS"},
    NamedRight{"create-window", 0x2, "DESKTOP_CREATEWINDOW"},
    NamedRight{"create-menu", 0x4, "DESKTOP_CREATEMENU"},
    NamedRight{"hook-control", 0x8, "DESKTOP_HOOKCONTROL"},
    NamedRight{"journal-record", 0x10, "DESKTOP_JOURNALRECORD"},
    NamedRight{"journal-playback", 0x20, "DESKTOP_JOURNALPLAYBACK"},
    NamedRight{"enumerate", 0x40, "DESKTOP_ENUMERATE"},
    NamedRight{"write-objects", 0x80, "DESKTOP_WRITEOBJECTS"},
    NamedRight{"switch-desktop", 0x100, "DESKTOP_SWITCHDESKTOP"},
};
// windows-object-facts.md 2.11 (phnt, NtObjectManager; wdm.h for the symbolic-link and
// directory rights).
constexpr std::array kAlpcPort{
    NamedRight{"connect", 0x1, "PORT_CONNECT"},
};
constexpr std::array kSymbolicLink{
    NamedRight{"query", 0x1, "SYMBOLIC_LINK_QUERY"},
    NamedRight{"set", 0x2, "SYMBOLIC_LINK_SET"},
};
constexpr std::array kObjectDirectory{
    NamedRight{"query", 0x1, "DIRECTORY_QUERY"},
    NamedRight{"traverse", 0x2, "DIRECTORY_TRAVERSE"},
    NamedRight{"create-object", 0x4, "DIRECTORY_CREATE_OBJECT"},
    NamedRight{"create-subdirectory", 0x8, "DIRECTORY_CREATE_SUBDIRECTORY"},
};
// COM_RIGHTS_*: MS Learn "Access Control Lists for COM"; [MS-COMA] 2.2.2.21.1.1 (meanings);
// combaseapi.h. COM_RIGHTS_EXECUTE alone (the pre-XP SP2 format) means all four others; its
// word is com-execute so that it does not hide the generic word "execute".
constexpr std::array kCom{
    NamedRight{"com-execute", 0x1, "COM_RIGHTS_EXECUTE"},
    NamedRight{"execute-local", 0x2, "COM_RIGHTS_EXECUTE_LOCAL"},
    NamedRight{"execute-remote", 0x4, "COM_RIGHTS_EXECUTE_REMOTE"},
    NamedRight{"activate-local", 0x8, "COM_RIGHTS_ACTIVATE_LOCAL"},
    NamedRight{"activate-remote", 0x10, "COM_RIGHTS_ACTIVATE_REMOTE"},
};
// WBEM_SECURITY_FLAGS: MS Learn "Namespace Access Rights Constants" (0x1-0x20) and the
// WBEM_SECURITY_FLAGS enumeration in wbemcli.h (WBEM_RIGHT_SUBSCRIBE, WBEM_RIGHT_PUBLISH).
constexpr std::array kWmiNamespace{
    NamedRight{"enable", 0x1, "WBEM_ENABLE"},
    NamedRight{"method-execute", 0x2, "WBEM_METHOD_EXECUTE"},
    NamedRight{"full-write", 0x4, "WBEM_FULL_WRITE_REP"},
    NamedRight{"partial-write", 0x8, "WBEM_PARTIAL_WRITE_REP"},
    NamedRight{"write-provider", 0x10, "WBEM_WRITE_PROVIDER"},
    NamedRight{"remote-access", 0x20, "WBEM_REMOTE_ACCESS"},
    NamedRight{"subscribe", 0x40, "WBEM_RIGHT_SUBSCRIBE"},
    NamedRight{"publish", 0x80, "WBEM_RIGHT_PUBLISH"},
};
// WMIGUID_* / TRACELOG_*: MS Learn "EventAccessControl function" (meanings), wmistr.h (values;
// TRACELOG_LOG_EVENT is TRACELOG_CREATE_INPROC's bit).
constexpr std::array kEtwGuid{
    NamedRight{"query", 0x1, "WMIGUID_QUERY"},
    NamedRight{"set", 0x2, "WMIGUID_SET"},
    NamedRight{"notification", 0x4, "WMIGUID_NOTIFICATION"},
    NamedRight{"read-description", 0x8, "WMIGUID_READ_DESCRIPTION"},
    NamedRight{"execute-method", 0x10, "WMIGUID_EXECUTE"},
    NamedRight{"create-realtime", 0x20, "TRACELOG_CREATE_REALTIME"},
    NamedRight{"create-ondisk", 0x40, "TRACELOG_CREATE_ONDISK"},
    NamedRight{"guid-enable", 0x80, "TRACELOG_GUID_ENABLE"},
    NamedRight{"access-kernel-logger", 0x100, "TRACELOG_ACCESS_KERNEL_LOGGER"},
    NamedRight{"log-event", 0x200, "TRACELOG_LOG_EVENT"},
    NamedRight{"access-realtime", 0x400, "TRACELOG_ACCESS_REALTIME"},
    NamedRight{"register-guids", 0x800, "TRACELOG_REGISTER_GUIDS"},
    NamedRight{"join-group", 0x1000, "TRACELOG_JOIN_GROUP"},
};
// WinRM (WS-Management) resources and PowerShell session configurations (endpoints): WinRM
// checks the generic bits themselves. `winrm configSDDL`'s permission dialog names them Read
// (Get, Enumerate, Subscribe), Write (Put, Delete, Create), Execute (Invoke) and Full Control
// (All Operations); to use a session configuration a user needs at least Execute(Invoke) (MS
// Learn Register-PSSessionConfiguration, -SecurityDescriptorSddl). The words are those
// operations; each stands for its generic bit, so a policy compiles to the GR/GW/GX WinRM reads.
constexpr std::array kWinrmSession{
    NamedRight{"get-enumerate-subscribe", 0x80000000, "GENERIC_READ"},
    NamedRight{"put-delete-create", 0x40000000, "GENERIC_WRITE"},
    NamedRight{"invoke", 0x20000000, "GENERIC_EXECUTE"},
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
    ObjectTypeInfo{O::service_manager, "service-manager", "service control manager (SCM)",
                   {0x20014, 0x20022, 0x20009, 0xF003F}, false, false, NW, kServiceManager,
                   "MS Learn service security (SC_MANAGER_* and its generic mapping); "
                   "NtObjectManager agrees"},
    ObjectTypeInfo{O::token, "token", "access token",
                   {0x2001A, 0x201E0, 0x20005, 0xF01FF}, false, false, NW, kToken,
                   "Wine (ReactOS uses TOKEN_READ/WRITE/EXECUTE: 0x20008/0x200E0/0x20000); "
                   "MS Learn access-token rights: no SYNCHRONIZE"},
    ObjectTypeInfo{O::window_station, "window-station", "window station",
                   {0x20303, 0x2001C, 0x20060, 0xF037F}, false, false, NW, kWindowStation,
                   "MS Learn window station security (interactive station), Wine, ReactOS"},
    ObjectTypeInfo{O::desktop, "desktop", "desktop",
                   {0x20041, 0x200BE, 0x20100, 0xF01FF}, false, false, NW, kDesktop,
                   "MS Learn desktop security, Wine"},
    ObjectTypeInfo{O::alpc_port, "alpc-port", "ALPC port",
                   {0x20001, 0x10001, 0x0, 0x1F0001}, false, true, NW, kAlpcPort,
                   "ReactOS port.c (single source); PORT_ALL_ACCESS 0x1F0001 from phnt"},
    ObjectTypeInfo{O::symbolic_link, "symbolic-link", "object-manager symbolic link",
                   {0x20001, 0x20000, 0x20001, 0xF0001}, false, false, NW, kSymbolicLink,
                   "Wine and ReactOS agree; SYMBOLIC_LINK_ALL_ACCESS from wdm.h"},
    ObjectTypeInfo{O::object_directory, "object-directory", "object-manager directory",
                   {0x20003, 0x2000C, 0x20003, 0xF000F}, true, false, NW, kObjectDirectory,
                   "Wine and ReactOS agree; DIRECTORY_ALL_ACCESS from wdm.h"},
    // A device object is of kernel type Device but is opened as a file: the I/O manager checks
    // FILE_* rights against the File type's mapping (MS Learn "SDDL for Device Objects": GA,
    // GR, GW, GX are the file generic rights; FILE_READ_ACCESS/FILE_WRITE_ACCESS in CTL_CODE
    // are FILE_READ_DATA/FILE_WRITE_DATA).
    ObjectTypeInfo{O::device, "device", "device object",
                   {0x120089, 0x120116, 0x1200A0, 0x1F01FF}, false, true, NW, kFile,
                   "MS Learn SDDL for Device Objects and file security (R/W/X); kernel checks "
                   "FILE_* rights"},
    // COM checks its own bits (launch, activation and access permissions) with the caller
    // impersonated; Microsoft publishes no GENERIC_MAPPING for it, so each generic bit counts
    // as every COM right: the widest reading, which never understates a grant.
    ObjectTypeInfo{O::com, "com", "COM launch/activation/access permission",
                   {0x1F, 0x1F, 0x1F, 0x1F}, false, false, NW, kCom,
                   "MS Learn Access Control Lists for COM, [MS-COMA] 2.2.2.21.1.1 (bits only; no "
                   "generic mapping published: each generic bit is taken as all five)"},
    // Microsoft publishes no GENERIC_MAPPING for WMI namespaces either; R/W/X follow MS Learn's
    // own words for each right: enable "grants read"; full and partial write change the
    // repository (Administrators only by default); method execution and provider write are
    // "a default access right for all users" that hand the request to a provider, which "can
    // perform additional access checks" -- so they are execute, not write. Namespace security
    // applies to the namespace and its subnamespaces (container).
    ObjectTypeInfo{O::wmi_namespace, "wmi-namespace", "WMI namespace",
                   {0x20001, 0x2000C, 0x20012, 0xF00FF}, true, false, NW, kWmiNamespace,
                   "MS Learn Namespace Access Rights Constants (bits); R/W/X derived from their "
                   "descriptions, no generic mapping published"},
    ObjectTypeInfo{O::etw_guid, "etw-guid", "ETW provider or session GUID (WmiGuid)",
                   {0x2040D, 0x21AE2, 0x20010, 0x121FFF}, false, true, NW, kEtwGuid,
                   "MS Learn EventAccessControl (rights); GA is WMIGUID_ALL_ACCESS (wmistr.h); "
                   "R/W/X derived from the rights' descriptions"},
    // No GENERIC_MAPPING is published and WinRM keeps the generic bits: each maps to itself and
    // GA (Full Control, all operations) to the three.
    ObjectTypeInfo{O::winrm_session, "winrm-session",
                   "WinRM resource or PowerShell session configuration (endpoint)",
                   {0x80000000, 0x40000000, 0x20000000, 0xE0000000}, false, false, NW,
                   kWinrmSession,
                   "winrm configSDDL permission names; MS Learn Register-PSSessionConfiguration "
                   "(Execute(Invoke) to use a configuration); no generic mapping published: "
                   "WinRM checks the generic bits"},
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
  if (detail::iequals(name, "winsta")) return O::window_station;
  if (detail::iequals(name, "scm")) return O::service_manager;
  if (detail::iequals(name, "winrm") || detail::iequals(name, "session-configuration"))
    return O::winrm_session;
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
