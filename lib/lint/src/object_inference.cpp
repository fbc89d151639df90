// Object type inference: the API calls and .NET classes that create objects from a descriptor.
#include "lint/internal/object_inference.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "core/internal/text.hpp"
#include "lint/internal/source_lines.hpp"

namespace secdesc::lint_detail {
namespace {

// Calls and .NET classes that take the descriptor of a new object. Matched as whole identifiers,
// optionally followed by one of kApiSuffixes (CreateEventW, CreateFileMapping2, ...).
struct ApiObjectType {
  std::string_view api;
  ObjectType type;
};
using O = ObjectType;
constexpr std::array kApiObjectTypes{
    ApiObjectType{"CreateFileMapping", O::section},
    ApiObjectType{"NtCreateSection", O::section},
    ApiObjectType{"ZwCreateSection", O::section},
    ApiObjectType{"MemoryMappedFile", O::section},
    ApiObjectType{"MemoryMappedFileSecurity", O::section},
    ApiObjectType{"CreateEvent", O::event},
    ApiObjectType{"NtCreateEvent", O::event},
    ApiObjectType{"EventWaitHandle", O::event},
    ApiObjectType{"EventWaitHandleSecurity", O::event},
    ApiObjectType{"CreateMutex", O::mutex},
    ApiObjectType{"NtCreateMutant", O::mutex},
    ApiObjectType{"MutexSecurity", O::mutex},
    ApiObjectType{"CreateSemaphore", O::semaphore},
    ApiObjectType{"NtCreateSemaphore", O::semaphore},
    ApiObjectType{"SemaphoreSecurity", O::semaphore},
    ApiObjectType{"CreateWaitableTimer", O::timer},
    ApiObjectType{"NtCreateTimer", O::timer},
    ApiObjectType{"CreateNamedPipe", O::named_pipe},
    ApiObjectType{"NamedPipeServerStream", O::named_pipe},
    ApiObjectType{"PipeSecurity", O::named_pipe},
    ApiObjectType{"CreateFile", O::file},
    ApiObjectType{"FileSecurity", O::file},
    ApiObjectType{"CreateDirectory", O::directory},
    ApiObjectType{"DirectorySecurity", O::directory},
    ApiObjectType{"RegCreateKey", O::key},
    ApiObjectType{"RegSetKeySecurity", O::key},
    ApiObjectType{"RegistrySecurity", O::key},
    ApiObjectType{"CreateService", O::service},
    ApiObjectType{"SetServiceObjectSecurity", O::service},
    ApiObjectType{"sdset", O::service},  // sc.exe sdset NAME SDDL
    ApiObjectType{"CreateJobObject", O::job},
    ApiObjectType{"CreateProcess", O::process},
    ApiObjectType{"CreateProcessAsUser", O::process},
    ApiObjectType{"CreateThread", O::thread},
    ApiObjectType{"CreateRemoteThread", O::thread},
    // Issue #16: the other object types real code secures with SDDL.
    ApiObjectType{"CreateWindowStation", O::window_station},
    ApiObjectType{"CreateDesktop", O::desktop},
    ApiObjectType{"NtAlpcCreatePort", O::alpc_port},
    ApiObjectType{"NtCreateSymbolicLinkObject", O::symbolic_link},
    ApiObjectType{"NtCreateDirectoryObject", O::object_directory},
    ApiObjectType{"NtCreateToken", O::token},
    // Device objects: the SDDL string (wdmsec.h SDDL_DEVOBJ_*) of IoCreateDeviceSecure and of
    // the KMDF device-init calls (MS Learn "SDDL for Device Objects").
    ApiObjectType{"IoCreateDeviceSecure", O::device},
    ApiObjectType{"WdfDeviceInitAssignSDDLString", O::device},
    ApiObjectType{"WdfControlDeviceInitAllocate", O::device},
    // COM: the process-wide access permission (MS Learn CoInitializeSecurity, pSecDesc).
    ApiObjectType{"CoInitializeSecurity", O::com},
    // Go (microsoft/go-winio): ListenPipe(path, &PipeConfig{SecurityDescriptor: "D:..."})
    // creates a named pipe server with the SDDL of its PipeConfig.
    ApiObjectType{"ListenPipe", O::named_pipe},
    ApiObjectType{"PipeConfig", O::named_pipe},
    // The attached virtual disk's descriptor (MS Learn AttachVirtualDisk, SecurityDescriptor:
    // "to apply to the attached virtual disk"): a disk device, opened as a file.
    ApiObjectType{"AttachVirtualDisk", O::device},
};

// A word in the code that names one object type (a function, a markup attribute, a registry
// value name, an SE_OBJECT_TYPE).
struct NamedType {
  std::string_view name;
  ObjectType type;
};

// Functions whose returned SDDL is one type's: WIL-style COM server security policies, a
// struct whose static GetSDDLText() gives the process's COM access and launch permissions
// (passed to CoInitializeSecurity by the server template).
constexpr std::array kReturningFunctions{NamedType{"GetSDDLText", O::com}};

// Markup attributes that hold one type's SDDL: an MSIX manifest's COM server
// (com:ExeServer, com3:ServiceServer) LaunchAndActivationPermission (MS Learn, the
// package manifest schema). The Sddl of a <Security> element is in_winrm_security_element.
constexpr std::array kMarkupAttributes{NamedType{"LaunchAndActivationPermission", O::com}};

// PowerShell cmdlets whose parameter takes SDDL for one object type (MS Learn: the
// -SecurityDescriptorSddl of Register-, Set- and Enable-PSSessionConfiguration is the session
// configuration's; of New-Service and Set-Service the service's; the WSMan provider's New-Item
// -SDDL is a WinRM resource's security). Matched case-insensitively, as PowerShell does.
struct CmdletParameter {
  std::string_view cmdlet;
  std::string_view parameter;
  ObjectType type;
};
constexpr std::array kCmdletParameters{
    CmdletParameter{"Register-PSSessionConfiguration", "SecurityDescriptorSddl", O::winrm_session},
    CmdletParameter{"Set-PSSessionConfiguration", "SecurityDescriptorSddl", O::winrm_session},
    CmdletParameter{"Enable-PSSessionConfiguration", "SecurityDescriptorSddl", O::winrm_session},
    CmdletParameter{"New-Service", "SecurityDescriptorSddl", O::service},
    CmdletParameter{"Set-Service", "SecurityDescriptorSddl", O::service},
    CmdletParameter{"New-Item", "SDDL", O::winrm_session},
};

// Words that only WinRM configuration code writes: the session configuration cmdlets and their
// .NET classes, the WSMan: drive, a plug-in configuration's root element, the service's
// RootSDDL and `winrm configSDDL`. A file that holds one configures WinRM endpoints (the
// fallback of infer_object_type_from_file).
constexpr std::array<std::string_view, 5> kWinrmFileMarkers{
    "PSSessionConfiguration", "WSMan:\\", "<PlugInConfiguration", "RootSDDL", "configSDDL"};
constexpr std::array<std::string_view, 11> kApiSuffixes{
    "", "A", "W", "Ex", "ExA", "ExW", "2", "FromApp", "Numa", "NumaA", "NumaW"};


// Calls that consume a descriptor (or SECURITY_ATTRIBUTES) without creating one of the types
// above; `type` is nullopt when the call takes objects of several types. The Set*SecurityInfo
// calls say the type in their SE_OBJECT_TYPE argument (kSeObjectTypes). Matched with
// kApiSuffixes, like kApiObjectTypes, which are consumers too.
struct FlowConsumer {
  std::string_view api;
  std::optional<ObjectType> type;
  bool by_se_object_type = false;
  bool by_value_name = false;  // kValueNameTypes, for registry writes
};
constexpr std::array kFlowConsumers{
    FlowConsumer{"SetNamedSecurityInfo", std::nullopt, true},
    FlowConsumer{"SetSecurityInfo", std::nullopt, true},
    FlowConsumer{"SetFileSecurity", O::file, false},
    FlowConsumer{"SetKernelObjectSecurity", std::nullopt, false},
    FlowConsumer{"NtSetSecurityObject", std::nullopt, false},
    FlowConsumer{"SetUserObjectSecurity", std::nullopt, false},  // window stations, desktops
    FlowConsumer{"SetPrivateObjectSecurity", std::nullopt, false},
    // WMI __SystemSecurity.SetSD: a namespace's descriptor (MS Learn "SetSD method of the
    // __SystemSecurity class").
    FlowConsumer{"SetSD", O::wmi_namespace, false},
    // Registry writes: the value name says what the descriptor is (kValueNameTypes).
    FlowConsumer{"RegSetValue", std::nullopt, false, true},
    FlowConsumer{"RegSetKeyValue", std::nullopt, false, true},
    FlowConsumer{"SetValue", std::nullopt, false, true},  // .NET RegistryKey.SetValue
};

// Registry value names that hold a descriptor of one type: an AppID's COM launch and access
// permissions (MS Learn "LaunchPermission", "AccessPermission", DefaultLaunchPermission,
// DefaultAccessPermission under HKLM\Software\Microsoft\Ole).
constexpr std::array kValueNameTypes{
    NamedType{"LaunchPermission", O::com},
    NamedType{"AccessPermission", O::com},
    NamedType{"DefaultLaunchPermission", O::com},
    NamedType{"DefaultAccessPermission", O::com},
    NamedType{"MachineLaunchRestriction", O::com},
    NamedType{"MachineAccessRestriction", O::com},
};

// SE_OBJECT_TYPE (accctrl.h; learn.microsoft.com/windows/win32/api/accctrl/ne-accctrl-se_object_type):
// the values that name one of our types. SE_KERNEL_OBJECT, SE_WINDOW_OBJECT, SE_DS_OBJECT, ...
// cover several types or none of ours.
constexpr std::array kSeObjectTypes{
    NamedType{"SE_FILE_OBJECT", O::file},
    NamedType{"SE_SERVICE", O::service},
    NamedType{"SE_REGISTRY_KEY", O::key},
    NamedType{"SE_REGISTRY_WOW64_32KEY", O::key},
    NamedType{"SE_REGISTRY_WOW64_64KEY", O::key},
    NamedType{"SE_WMIGUID_OBJECT", O::etw_guid},
};

// Calls that store a descriptor string in a counted string, the output being their first
// argument: `RtlInitUnicodeString(&name, L"D:P...")`, `DECLARE_CONST_UNICODE_STRING(name,
// L"D:P...")` (wdm.h; how drivers spell the SDDL for IoCreateDeviceSecure).
constexpr std::array<std::string_view, 3> kStringInitCalls{
    "RtlInitUnicodeString", "DECLARE_CONST_UNICODE_STRING", "RtlUnicodeStringInit"};

// Calls that turn SDDL into another form whose result is assigned: `$b =
// $helper.SDDLToBinarySD($sddl).BinarySD` (WMI Win32_SecurityDescriptorHelper).
constexpr std::array<std::string_view, 1> kAssignedConverters{"SDDLToBinarySD"};

// An INF AddReg line that sets a device's (or a device class's) descriptor:
// `HKR,,Security,,"D:P..."` (MS Learn "INF AddReg Directive": Security value; "SDDL for
// Device Objects").
constexpr std::string_view kInfSecurityValue = "HKR,,SECURITY,,";

// The macro that puts a descriptor into OBJECT_ATTRIBUTES for the Nt/Zw create calls.
constexpr std::string_view kObjectAttributesInit = "InitializeObjectAttributes";

// The calls that turn SDDL into a descriptor; the output is the &name argument after the SDDL.
constexpr std::string_view kConvertApi = "ConvertStringSecurityDescriptorToSecurityDescriptor";

bool has_api_suffix(std::string_view identifier, std::string_view api) noexcept {
  if (!identifier.starts_with(api)) return false;
  const std::string_view rest = identifier.substr(api.size());
  return std::find(kApiSuffixes.begin(), kApiSuffixes.end(), rest) != kApiSuffixes.end();
}

// Words that take parentheses but are not calls.
bool is_keyword(std::string_view w) noexcept {
  constexpr std::array<std::string_view, 12> kKeywords{
      "if", "while", "for", "switch", "return", "sizeof", "catch", "foreach", "elseif",
      "using", "decltype", "alignof"};
  return std::find(kKeywords.begin(), kKeywords.end(), w) != kKeywords.end();
}

std::string_view trim_right(std::string_view t) noexcept {
  while (!t.empty() && is_space(t.back())) t.remove_suffix(1);
  return t;
}

// The identifier that ends `t` (after trailing blanks), or "".
std::string_view trailing_identifier(std::string_view t) noexcept {
  t = trim_right(t);
  std::size_t b = t.size();
  while (b > 0 && is_ident_char(t[b - 1])) --b;
  if (b == t.size() || !is_ident_start(t[b])) return {};
  return t.substr(b);
}

std::string_view identifier_at(std::string_view s, std::size_t i) noexcept {
  std::size_t j = i;
  while (j < s.size() && is_ident_char(s[j])) ++j;
  return s.substr(i, j - i);
}

// A name the flow follows, with the chain of evidence that led to it.
struct FlowName {
  std::string name;
  std::size_t defined_at = 0;  // file offset of the defining occurrence
  std::string chain;
};

// The name the literal at [begin, end) initialises: `X = L"..."`, `X[] = "..."`,
// `#define X L"..."`, `$X = "..."`, `X := "..."`, TEXT("...") around it, or the function that
// returns it (`return L"...";`). Empty when the literal is used in place.
std::pair<std::string, std::string> literal_holder(std::string_view content,
                                                   const LineIndex& lines, std::size_t begin) {
  const std::size_t line = lines.line_of(begin);
  std::string_view before = content.substr(lines.start(line), begin - lines.start(line));
  before = trim_right(before);
  // RtlInitUnicodeString(&name, L"...") and DECLARE_CONST_UNICODE_STRING(name, L"..."): the
  // first argument holds the string.
  if (before.ends_with(",")) {
    const std::size_t paren = before.rfind('(');
    if (paren != std::string_view::npos) {
      const std::string_view call = trailing_identifier(before.substr(0, paren));
      if (std::find(kStringInitCalls.begin(), kStringInitCalls.end(), call) !=
          kStringInitCalls.end()) {
        std::string_view arg = before.substr(paren + 1, before.size() - 1 - (paren + 1));
        while (!arg.empty() && (is_blank(arg.front()) || arg.front() == '&')) arg.remove_prefix(1);
        const std::string_view name = identifier_at(trim_right(arg), 0);
        if (!name.empty() && name.size() == trim_right(arg).size())
          return {std::string(name), std::string(call) + "(" + std::string(name) + ")"};
      }
    }
  }
  for (std::string_view wrap : {"TEXT(", "_T(", "__TEXT(", "_TEXT(", "("}) {
    if (before.ends_with(wrap) &&
        (wrap != "(" || trailing_identifier(before.substr(0, before.size() - 1)).empty())) {
      before = trim_right(before.substr(0, before.size() - wrap.size()));
      break;
    }
  }
  // `X =\n  "..."`, comment lines between (`X =\n  // Owner: System\n  L"O:SY"`).
  for (std::size_t up = 1; before.empty() && up <= 4 && up <= line; ++up) {
    std::string_view above = trim_right(lines.line(line - up));
    while (!above.empty() && is_blank(above.front())) above.remove_prefix(1);
    if (above.starts_with("//")) continue;
    before = trim_right(lines.line(line - up));
    break;
  }
  std::string_view head = before;
  while (!head.empty() && is_blank(head.front())) head.remove_prefix(1);
  if (head.starts_with("#")) {
    head.remove_prefix(1);
    while (!head.empty() && is_blank(head.front())) head.remove_prefix(1);
    if (head.starts_with("define")) {
      head.remove_prefix(6);
      while (!head.empty() && is_blank(head.front())) head.remove_prefix(1);
      const std::string_view name = identifier_at(head, 0);
      if (!name.empty()) return {std::string(name), "#define " + std::string(name)};
    }
    return {};
  }
  // std::wstring name{L"..."}: brace initialisation holds the string as `=` does (WSL's
  // WslCoreVm.cpp builds a descriptor so, then appends a SID with +=).
  if (before.ends_with("{")) {
    const std::string_view name = trailing_identifier(trim_right(before.substr(0, before.size() - 1)));
    if (!name.empty() && !is_keyword(name)) return {std::string(name), std::string(name)};
    return {};
  }
  if (before.ends_with("=") && !before.ends_with("==") && !before.ends_with("!=") &&
      !before.ends_with("<=") && !before.ends_with(">=")) {
    before.remove_suffix(before.ends_with(":=") ? 2 : 1);
    before = trim_right(before);
    if (before.ends_with("]")) {  // wchar_t kSddl[] = ...
      const std::size_t open = before.rfind('[');
      if (open == std::string_view::npos) return {};
      before = before.substr(0, open);
    }
    const std::string_view name = trailing_identifier(before);
    if (name.empty()) return {};
    const bool ps = before.size() > name.size() && trim_right(before)[trim_right(before).size() - name.size() - 1] == '$';
    return {std::string(name), (ps ? "$" : "") + std::string(name)};
  }
  if (trailing_identifier(before) == "return") {
    // The enclosing function: the nearest line above with `Name(` that does not end a statement.
    for (std::size_t d = 1; d <= 30 && d <= line; ++d) {
      const std::string_view text = trim_right(lines.line(line - d));
      if (text.empty() || text.ends_with(";")) continue;
      const std::size_t paren = text.find('(');
      if (paren == std::string_view::npos) continue;
      const std::string_view name = trailing_identifier(text.substr(0, paren));
      if (name.empty() || is_keyword(name)) continue;
      return {std::string(name), std::string(name) + "() returns it"};
    }
  }
  return {};
}

// The call whose argument list holds `offset`, innermost first, within the statement: each
// entry is the call's name and the offset of its '('.
std::vector<std::pair<std::string_view, std::size_t>> enclosing_calls(std::string_view s,
                                                                       std::size_t offset) {
  std::vector<std::pair<std::string_view, std::size_t>> out;
  constexpr std::size_t kMaxBack = 4000;
  int depth = 0;
  for (std::size_t i = offset; i > 0 && offset - i < kMaxBack && out.size() < 4;) {
    --i;
    const char c = s[i];
    if (c == ')') {
      ++depth;
    } else if (c == '(') {
      if (depth > 0) {
        --depth;
        continue;
      }
      std::size_t e = i;
      while (e > 0 && is_blank(s[e - 1])) --e;
      std::size_t b = e;
      while (b > 0 && is_ident_char(s[b - 1])) --b;
      const std::string_view name = s.substr(b, e - b);
      if (!name.empty() && !is_keyword(name)) out.emplace_back(name, i);
    } else if (depth == 0 && (c == ';' || c == '{' || c == '}')) {
      break;
    }
  }
  return out;
}

// The offset one past the ')' that closes the '(' at `open`, or the end of the text.
std::size_t call_end(std::string_view s, std::size_t open) noexcept {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && --depth == 0) return i + 1;
  }
  return s.size();
}

// Whole-identifier occurrences of `name` (a PowerShell $ before it is allowed).
std::vector<std::size_t> occurrences(std::string_view s, std::string_view name) {
  std::vector<std::size_t> out;
  for (std::size_t i = s.find(name); i != std::string_view::npos; i = s.find(name, i + 1)) {
    if (i > 0 && is_ident_char(s[i - 1])) continue;
    if (i + name.size() < s.size() && is_ident_char(s[i + name.size()])) continue;
    out.push_back(i);
  }
  return out;
}

std::size_t find_ci(std::string_view s, std::string_view word, std::size_t from = 0) noexcept {
  for (std::size_t i = from; i + word.size() <= s.size(); ++i)
    if (detail::iequals(s.substr(i, word.size()), word)) return i;
  return std::string_view::npos;
}

bool ends_with_ci(std::string_view s, std::string_view word) noexcept {
  return s.size() >= word.size() && detail::iequals(s.substr(s.size() - word.size()), word);
}

// The text before a use (a literal's quote, a PowerShell $name) without the quote or sigil
// and the blanks: `... -SecurityDescriptorSddl $sddl` gives `... -SecurityDescriptorSddl`.
std::string_view text_before_use(std::string_view before) noexcept {
  before = trim_right(before);
  while (!before.empty() && (before.back() == '$' || before.back() == '"' ||
                             before.back() == '\'' || before.back() == '@'))
    before = trim_right(before.substr(0, before.size() - 1));
  return before;
}

// `Cmdlet ... -Parameter <use>` on one line (`-Parameter:<use>` too): the object type of the
// kCmdletParameters row, and the cmdlet as written.
std::optional<std::pair<ObjectType, std::string_view>> cmdlet_parameter_type(
    std::string_view line_before) noexcept {
  std::string_view t = text_before_use(line_before);
  if (t.ends_with(":")) t = trim_right(t.substr(0, t.size() - 1));
  for (const auto& row : kCmdletParameters) {
    if (!ends_with_ci(t, row.parameter) || t.size() == row.parameter.size() ||
        t[t.size() - row.parameter.size() - 1] != '-')
      continue;
    const std::size_t cmdlet = find_ci(t, row.cmdlet);
    if (cmdlet == std::string_view::npos) continue;
    if (cmdlet > 0 && (is_ident_char(t[cmdlet - 1]) || t[cmdlet - 1] == '-')) continue;
    return std::pair{row.type, t.substr(cmdlet, row.cmdlet.size())};
  }
  return std::nullopt;
}

// The markup attribute whose value a use is (`Name="..."`, `Name = '...'`): its name, or "".
// `before` is the text before the use.
std::string_view attribute_before(std::string_view before) noexcept {
  before = text_before_use(before);
  if (!before.ends_with("=")) return {};
  return trailing_identifier(before.substr(0, before.size() - 1));
}

// A markup attribute `Sddl="..."` of a <Security> element: a WinRM plug-in configuration's
// resource security (the WSMan PlugInConfiguration schema: <Security Uri="..." Sddl="..."/>).
bool in_winrm_security_element(std::string_view before) noexcept {
  if (!detail::iequals(attribute_before(before), "Sddl")) return false;
  // The tag that holds the attribute: the nearest '<' before it, no '>' in between.
  constexpr std::size_t kMaxTag = 2000;
  for (std::size_t i = before.size(); i > 0 && before.size() - i < kMaxTag; --i) {
    if (before[i - 1] == '>') return false;
    if (before[i - 1] == '<') return detail::iequals(identifier_at(before, i), "Security");
  }
  return false;
}

}  // namespace

std::optional<ObjectType> api_object_type(std::string_view identifier) noexcept {
  for (const auto& row : kApiObjectTypes) {
    if (!identifier.starts_with(row.api)) continue;
    const std::string_view rest = identifier.substr(row.api.size());
    for (auto suffix : kApiSuffixes)
      if (rest == suffix) return row.type;
  }
  return std::nullopt;
}

std::optional<ObjectTypeHint> infer_object_type(const LineIndex& lines, std::size_t line) {
  for (std::size_t d = 0; d <= kInferenceLines && d <= line; ++d) {
    const std::string_view text = lines.line(line - d);
    for (std::size_t i = 0; i < text.size();) {
      if (!is_ident_start(text[i]) || (i > 0 && is_ident_char(text[i - 1]))) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < text.size() && is_ident_char(text[j])) ++j;
      const std::string_view word = text.substr(i, j - i);
      if (auto type = api_object_type(word))
        return ObjectTypeHint{*type, std::string(word), line - d + 1,
                              std::string(to_string(*type)) + ": " + std::string(word) +
                                  " near the literal, at line " + std::to_string(line - d + 1)};
      i = j;
    }
  }
  return std::nullopt;
}

std::optional<ObjectName> find_object_name(const LineIndex& lines, std::size_t first,
                                           std::size_t line) {
  auto starts_ci = [](std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
      if (detail::ascii_lower(text[i]) != prefix[i]) return false;
    return true;
  };
  const std::size_t last = std::min(line + kInferenceLines, lines.count() - 1);
  for (std::size_t step = 0; step <= 2 * kInferenceLines; ++step) {
    const std::size_t distance = (step + 1) / 2;
    const bool above = step % 2 == 1;
    if (above && (distance > line || line - distance < first)) continue;
    const std::size_t l = above ? line - distance : line + distance;
    if (l > last) continue;
    const std::string_view text = lines.line(l);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (i > 0 && is_ident_char(text[i - 1])) continue;
      const std::string_view rest = text.substr(i);
      if (!starts_ci(rest, "global\\") && !starts_ci(rest, "local\\")) continue;
      std::size_t e = i;
      while (e < text.size() && !is_blank(text[e]) &&
             std::strchr("\"'`,);", text[e]) == nullptr)
        ++e;
      std::string name;
      for (std::size_t k = i; k < e; ++k) {
        name += text[k];
        if (text[k] == '\\' && k + 1 < e && text[k + 1] == '\\') ++k;
      }
      return ObjectName{std::move(name), lines.position(lines.start(l) + i)};
    }
  }
  return std::nullopt;
}

}  // namespace secdesc::lint_detail

namespace secdesc::lint_detail {

namespace {
FlowInference follow_flow(std::string_view content, const LineIndex& lines, std::size_t begin,
                          std::size_t end) {
  FlowInference out;
  std::vector<FlowName> names;
  std::vector<std::string> seen;
  auto add_name = [&](std::string_view name, std::size_t at, std::string chain) {
    if (name.empty() || std::find(seen.begin(), seen.end(), name) != seen.end()) return;
    seen.emplace_back(name);
    names.push_back(FlowName{std::string(name), at, std::move(chain)});
  };
  std::string dead_end;  // the first consumer of no known type, for the reason
  // Looks at one use (the literal itself, or a name at `at`): true when a consumer was found.
  auto visit_use = [&](std::size_t at, std::size_t use_end, const std::string& chain) -> bool {
    const std::size_t line = lines.line_of(at);
    // `X.lpSecurityDescriptor = name;` or `X = name;`
    std::string_view before = trim_right(content.substr(lines.start(line), at - lines.start(line)));
    if (before.ends_with("=") && !before.ends_with("==") && !before.ends_with("!=")) {
      before = trim_right(before.substr(0, before.size() - 1));
      const std::string_view member = trailing_identifier(before);
      std::string_view rest = before.substr(0, before.size() - member.size());
      if (member == "lpSecurityDescriptor" || member == "SecurityDescriptor") {
        rest = trim_right(rest);
        if (rest.ends_with(".")) rest.remove_suffix(1);
        else if (rest.ends_with("->")) rest.remove_suffix(2);
        const std::string_view holder = trailing_identifier(rest);
        if (!holder.empty())
          add_name(holder, at, chain + " -> " + std::string(holder) + "." + std::string(member));
      } else if (!member.empty()) {
        std::string_view after = content.substr(use_end, std::min<std::size_t>(
                                                             content.size() - use_end, 40));
        while (!after.empty() && is_blank(after.front())) after.remove_prefix(1);
        if (after.starts_with(";")) add_name(member, at, chain + " -> " + std::string(member));
      }
    }
    // The use is typed by a setting at `type_line` (0-based), written `what` in the evidence.
    auto typed_by = [&](ObjectType type, std::string_view api, std::size_t type_line,
                        std::string_view what) {
      out.hint = ObjectTypeHint{type, std::string(api), type_line + 1,
                                std::string(to_string(type)) + ": " + chain + " -> " +
                                    std::string(what) + " at line " +
                                    std::to_string(type_line + 1)};
      return true;
    };
    if (auto cmdlet = cmdlet_parameter_type(content.substr(lines.start(line), at - lines.start(line))))
      return typed_by(cmdlet->first, cmdlet->second, line, cmdlet->second);
    const std::string_view attribute = attribute_before(content.substr(0, at));
    for (const auto& row : kMarkupAttributes)
      if (attribute == row.name)
        return typed_by(row.type, row.name, line, "the " + std::string(row.name) + " attribute");
    if (in_winrm_security_element(content.substr(0, at)))
      return typed_by(O::winrm_session, "<Security Sddl>", line,
                      "the Sddl of a WinRM <Security> element");
    {
      // WinRM's own settings on the line: `Set-Item WSMan:\localhost\Service\RootSDDL "..."`,
      // `winrm set winrm/config/service @{RootSDDL="..."}`.
      const std::string_view text = content.substr(lines.start(line), at - lines.start(line));
      for (std::string_view word : {"RootSDDL", "WSMan:\\"})
        if (find_ci(text, word) != std::string_view::npos)
          return typed_by(O::winrm_session, word, line, word);
    }
    {
      // A composite literal's field: Go's `PipeConfig{SecurityDescriptor: "D:..."}` (the type
      // creates the object), or `c := PipeConfig{...}` whose c the flow follows.
      const std::string_view field = text_before_use(content.substr(0, at));
      if (field.ends_with(":") &&
          trailing_identifier(field.substr(0, field.size() - 1)) == "SecurityDescriptor") {
        int depth = 0;
        constexpr std::size_t kMaxBack = 2000;
        for (std::size_t i = field.size(); i > 0 && field.size() - i < kMaxBack; --i) {
          const char c = field[i - 1];
          if (c == '}') ++depth;
          if (c != '{') continue;
          if (depth-- > 0) continue;
          const std::string_view head = field.substr(0, i - 1);
          const std::string_view type_name = trailing_identifier(head);
          const std::size_t type_line = lines.line_of(i - 1);
          if (auto type = api_object_type(type_name))
            return typed_by(*type, type_name, type_line,
                            std::string(type_name) + "{SecurityDescriptor}");
          break;
        }
      }
    }
    {
      // An INF AddReg line: HKR,,Security,,"D:P..." (blanks and the quote ignored).
      std::string key;
      for (char c : content.substr(lines.start(line), at - lines.start(line)))
        if (!is_blank(c) && c != '"') key += detail::ascii_upper(c);
      if (key == kInfSecurityValue) {
        out.hint = ObjectTypeHint{O::device, "HKR,,Security", line + 1,
                                  std::string(to_string(O::device)) +
                                      ": INF AddReg HKR,,Security at line " +
                                      std::to_string(line + 1)};
        return true;
      }
    }
    std::vector<std::pair<std::string_view, std::size_t>> calls = enclosing_calls(content, at);
    if (calls.empty()) {
      // A command line (sc.exe sdset NAME $sddl): an API word before the use on its line.
      const std::string_view text = content.substr(lines.start(line), at - lines.start(line));
      for (std::size_t i = 0; i < text.size(); ++i) {
        if (!is_ident_start(text[i]) || (i > 0 && is_ident_char(text[i - 1]))) continue;
        const std::string_view word = identifier_at(text, i);
        if (api_object_type(word)) calls.emplace_back(word, lines.start(line) + i);
        i += word.size();
      }
    }
    for (const auto& [call, open] : calls) {
      const std::size_t close = call_end(content, open);
      if (call.starts_with("Set") && call.find("Security") != std::string_view::npos) {
        const std::string_view args = content.substr(open, close - open);
        out.sets_owner_or_group_only |=
            (!occurrences(args, "OWNER_SECURITY_INFORMATION").empty() ||
             !occurrences(args, "GROUP_SECURITY_INFORMATION").empty()) &&
            occurrences(args, "DACL_SECURITY_INFORMATION").empty();
      }
      const std::string at_line = " at line " + std::to_string(lines.line_of(open) + 1);
      if (call.starts_with(kConvertApi)) {
        // The output: the first &name after the SDDL argument.
        const std::string_view args = content.substr(use_end, close > use_end ? close - use_end : 0);
        const std::size_t amp = args.find('&');
        if (amp != std::string_view::npos) {
          std::size_t i = amp + 1;
          while (i < args.size() && is_blank(args[i])) ++i;
          const std::string_view output = identifier_at(args, i);
          if (!output.empty())
            add_name(output, use_end + i,
                     chain + " -> " + std::string(call) + "(&" + std::string(output) + ")");
        }
        return false;
      }
      if (call == kObjectAttributesInit) {
        // InitializeObjectAttributes(&oa, name, flags, root, sd): oa carries the descriptor
        // to the native create call (wdm.h / ntdef.h macro).
        std::string_view first = content.substr(open + 1, close > open + 1 ? close - open - 1 : 0);
        first = first.substr(0, first.find(','));
        while (!first.empty() && (is_space(first.front()) || first.front() == '&'))
          first.remove_prefix(1);
        const std::string_view oa = identifier_at(first, 0);
        if (!oa.empty())
          add_name(oa, open, chain + " -> " + std::string(call) + "(&" + std::string(oa) + ")");
        return false;
      }
      if (std::find(kAssignedConverters.begin(), kAssignedConverters.end(), call) !=
          kAssignedConverters.end()) {
        // `$b = $helper.SDDLToBinarySD($sddl).BinarySD`: follow the assigned name.
        const std::size_t call_line = lines.line_of(open);
        const std::string_view head = content.substr(lines.start(call_line),
                                                     open - lines.start(call_line));
        const std::size_t eq = head.find('=');
        if (eq != std::string_view::npos && eq + 1 < head.size() && head[eq + 1] != '=') {
          const std::string_view lhs = trim_right(head.substr(0, eq));
          const std::string_view target = trailing_identifier(lhs);
          const bool ps = lhs.size() > target.size() && lhs[lhs.size() - target.size() - 1] == '$';
          if (!target.empty())
            add_name(target, open,
                     chain + " -> " + std::string(call) + " -> " + (ps ? "$" : "") +
                         std::string(target));
        }
        return false;
      }
      if (auto type = api_object_type(call)) {
        out.hint = ObjectTypeHint{*type, std::string(call), lines.line_of(open) + 1,
                                  std::string(to_string(*type)) + ": " + chain + " -> " +
                                      std::string(call) + at_line};
        return true;
      }
      for (const auto& row : kFlowConsumers) {
        if (!has_api_suffix(call, row.api)) continue;
        std::optional<ObjectType> type = row.type;
        std::string which;
        if (row.by_se_object_type) {
          const std::string_view args = content.substr(open, close - open);
          for (const auto& se : kSeObjectTypes)
            if (!occurrences(args, se.name).empty()) {
              type = se.type;
              which = "(" + std::string(se.name) + ")";
            }
        }
        if (row.by_value_name) {
          const std::string_view args = content.substr(open, close - open);
          for (const auto& v : kValueNameTypes)
            if (!occurrences(args, v.name).empty()) {
              type = v.type;
              which = "(" + std::string(v.name) + ")";
            }
          if (!type) continue;  // another value: not a descriptor of a type we know
        }
        if (type) {
          out.hint = ObjectTypeHint{*type, std::string(call), lines.line_of(open) + 1,
                                    std::string(to_string(*type)) + ": " + chain + " -> " +
                                        std::string(call) + which + at_line};
          return true;
        }
        out.reaches_call = true;
        if (dead_end.empty())
          dead_end = chain + " -> " + std::string(call) + at_line +
                     " (a call for objects of several types; say 'sddl-lint: object=TYPE')";
      }
    }
    return false;
  };
  const std::string literal_chain = "literal at line " + std::to_string(lines.line_of(begin) + 1);
  auto [holder, holder_chain] = literal_holder(content, lines, begin);
  // The holder first, so that the literal's own `X = "..."` does not add X with a longer chain.
  if (!holder.empty()) add_name(holder, begin, holder_chain);
  if (visit_use(begin, end, literal_chain)) return out;
  for (std::size_t k = 0; k < names.size() && k < 16; ++k) {
    const FlowName current = names[k];  // names grows while we visit
    for (const auto& [function, type] : kReturningFunctions)
      if (current.name == function && current.chain.ends_with("() returns it")) {
        out.hint = ObjectTypeHint{type, current.name, lines.line_of(current.defined_at) + 1,
                                  std::string(to_string(type)) + ": " + current.chain +
                                      " (a COM server's security policy)"};
        return out;
      }
    std::vector<std::size_t> uses = occurrences(content, current.name);
    std::stable_sort(uses.begin(), uses.end(), [&](std::size_t a, std::size_t b) {
      auto dist = [&](std::size_t x) {
        return x > current.defined_at ? x - current.defined_at : current.defined_at - x;
      };
      return dist(a) < dist(b);
    });
    for (std::size_t use : uses) {
      if (lines.line_of(use) == lines.line_of(current.defined_at)) continue;  // the definition
      if (visit_use(use, use + current.name.size(), current.chain)) return out;
    }
  }
  out.reason = !dead_end.empty() ? dead_end
               : names.empty()   ? "the literal reaches no create or set call"
                                 : names.front().chain + " reaches no create or set call";
  return out;
}
}  // namespace

FlowInference infer_object_type_by_flow(std::string_view content, const LineIndex& lines,
                                        std::size_t begin, std::size_t end) {
  FlowInference out = follow_flow(content, lines, begin, end);
  out.reaches_call |= out.hint.has_value();
  return out;
}

std::optional<ObjectTypeHint> infer_object_type_from_file(std::string_view content,
                                                          const LineIndex& lines) {
  for (std::string_view marker : kWinrmFileMarkers) {
    const std::size_t at = find_ci(content, marker);
    if (at == std::string_view::npos) continue;
    const std::size_t line = lines.line_of(at) + 1;
    return ObjectTypeHint{O::winrm_session, std::string(marker), line,
                          std::string(to_string(O::winrm_session)) +
                              ": the file configures WinRM endpoints (" + std::string(marker) +
                              " at line " + std::to_string(line) +
                              ") and the literal reaches no create or set call"};
  }
  return std::nullopt;
}

}  // namespace secdesc::lint_detail

namespace secdesc::lint_detail {

std::string literal_holder_name(std::string_view content, const LineIndex& lines,
                                std::size_t begin) {
  return literal_holder(content, lines, begin).first;
}

std::string meant_invalid_name(std::string_view name) {
  constexpr std::array<std::string_view, 7> kWords{"wrong",  "invalid", "bad",    "malformed",
                                                   "broken", "bogus",   "corrupt"};
  for (std::size_t b = 0; b < name.size();) {
    // One word: an upper-case letter may start it, lower-case letters continue it; a run of
    // upper-case letters (INVALID_SDDL) is one word.
    std::size_t e = b + 1;
    if (!detail::is_lower(name[b]) && e < name.size() && detail::is_alpha(name[e]) &&
        !detail::is_lower(name[e]))
      while (e < name.size() && detail::is_alpha(name[e]) && !detail::is_lower(name[e])) ++e;
    else
      while (e < name.size() && detail::is_lower(name[e])) ++e;
    std::string word;
    for (std::size_t i = b; i < e; ++i) word += detail::ascii_lower(name[i]);
    if (std::find(kWords.begin(), kWords.end(), word) != kWords.end()) return std::string(name);
    b = e;
    while (b < name.size() && !detail::is_alpha(name[b])) ++b;  // _ - digits between words
  }
  return {};
}

bool completed_at_run_time(const LineIndex& lines, std::size_t begin, std::string_view name) {
  if (name.empty()) return false;
  constexpr std::size_t kLinesAfter = 10;
  const std::size_t first = lines.line_of(begin) + 1;
  for (std::size_t l = first; l < lines.count() && l <= first + kLinesAfter; ++l) {
    const std::string_view text = lines.line(l);
    for (std::size_t at : occurrences(text, name)) {
      std::string_view after = text.substr(at + name.size());
      while (!after.empty() && is_blank(after.front())) after.remove_prefix(1);
      if (after.starts_with("+=") || after.starts_with(".append(") ||
          after.starts_with(".Append(") || after.starts_with("= " + std::string(name) + " +"))
        return true;
      // wcscat_s(s, ...), StringCchCatW(s, ...): the name is the first argument of a cat call.
      std::string_view before = trim_right(text.substr(0, at));
      if (before.ends_with("(")) {
        const std::string_view call = trailing_identifier(before.substr(0, before.size() - 1));
        if (call.find("cat") != std::string_view::npos || call.find("Cat") != std::string_view::npos)
          return true;
      }
    }
  }
  return false;
}

}  // namespace secdesc::lint_detail
