// The scanner's other internal pieces: lines and positions (source_lines.hpp), the collector
// (literal_collector.hpp), the sddl-lint directives (directives.hpp) and object type inference
// (object_inference.hpp).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/internal/directives.hpp"
#include "lint/internal/literal_collector.hpp"
#include "lint/internal/object_inference.hpp"
#include "lint/internal/source_lines.hpp"

namespace secdesc::lint_detail {
namespace {

TEST(LineIndex, LinesPositionsAndCharacters) {
  const std::string_view text = "ab\r\n\xC3\xA9x\nlast";
  const LineIndex lines(text);
  ASSERT_EQ(lines.count(), 3u);
  EXPECT_EQ(lines.line(0), "ab");  // without "\r\n"
  EXPECT_EQ(lines.line(1), "\xC3\xA9x");
  EXPECT_EQ(lines.line(2), "last");
  EXPECT_EQ(lines.line_of(3), 0u);  // the '\n' belongs to its line
  EXPECT_EQ(lines.line_of(4), 1u);
  // Columns count characters: x follows the two bytes of one character.
  EXPECT_EQ(lines.position(6), (SourcePosition{2, 2}));
  EXPECT_EQ(lines.position(8), (SourcePosition{3, 1}));

  // The cursor gives the same positions, forwards, backwards and across lines.
  PositionCursor cursor(lines);
  for (std::size_t offset : {0u, 1u, 6u, 8u, 4u, 10u, 2u})
    EXPECT_EQ(cursor.at(offset), lines.position(offset)) << offset;
}

std::vector<std::string> collect(std::string_view s, SourceLanguage language,
                                 const std::vector<std::pair<std::size_t, std::size_t>>& quoted) {
  Collector c(s, language);
  for (auto [b, e] : quoted) c.literal(b, e, b + 1, e - 1, Escapes::c, '"');
  std::vector<std::string> out;
  for (auto& p : c.take()) out.push_back(p.text);
  return out;
}

TEST(Collector, JoinsAdjacentLiteralsWhereTheLanguageDoes) {
  const std::string_view s = "\"D:(A;;GA;;;SY)\" /* x */ \"(A;;GR;;;BU)\"";
  const std::vector<std::pair<std::size_t, std::size_t>> both{{0, 16}, {25, 39}};
  EXPECT_EQ(collect(s, SourceLanguage::cpp, both),
            (std::vector<std::string>{"D:(A;;GA;;;SY)(A;;GR;;;BU)"}));
  // Go does not join: the second literal alone does not start like SDDL.
  EXPECT_EQ(collect(s, SourceLanguage::go, both), (std::vector<std::string>{"D:(A;;GA;;;SY)"}));
}

TEST(Collector, DropsPiecesOfConcatenationsAndNonSddl) {
  const std::string_view plus = "\"D:(A;;GA;;;SY)\" + sid";
  EXPECT_TRUE(collect(plus, SourceLanguage::csharp, {{0, 16}}).empty());
  // Text files have no '+' concatenation: the same string is kept.
  EXPECT_EQ(collect(plus, SourceLanguage::text, {{0, 16}}).size(), 1u);
  EXPECT_TRUE(collect("\"D:data\"", SourceLanguage::cpp, {{0, 8}}).empty());
}

TEST(Directives, CommentLeaderMustStandAlone) {
  EXPECT_TRUE(is_comment_leader_alone("  // "));
  EXPECT_TRUE(is_comment_leader_alone("rem "));  // case-insensitive REM
  EXPECT_FALSE(is_comment_leader_alone("x = 1; // "));
  EXPECT_FALSE(is_comment_leader_alone(""));
}

TEST(Directives, DisableAndObjectApplyToTheNextLine) {
  const std::string_view s =
      "// sddl-lint: disable=null-dacl,world-writable -- reviewed\n"
      "x\n"
      "# sddl-lint: object=event\n"
      "y\n"
      "// sddl-lint: reviews SDDL\n";  // prose, not a directive
  const LineIndex lines(s);
  std::vector<ScanProblem> problems;
  const auto found = find_directives(s, lines, problems);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].target_line, 1u);
  EXPECT_EQ(found[0].directive.kind, LintDirective::Kind::disable);
  EXPECT_EQ(found[0].directive.values, (std::vector<std::string>{"null-dacl", "world-writable"}));
  EXPECT_EQ(found[0].directive.position, (SourcePosition{1, 15}));
  EXPECT_EQ(found[1].target_line, 3u);
  EXPECT_EQ(found[1].directive.kind, LintDirective::Kind::object);
  EXPECT_EQ(found[1].directive.values, (std::vector<std::string>{"event"}));
}

TEST(Directives, MalformedOnesAreProblems) {
  const std::string_view s = "// sddl-lint: disabel=x\n// sddl-lint: disable=\n// sddl-lint:\n";
  const LineIndex lines(s);
  std::vector<ScanProblem> problems;
  EXPECT_TRUE(find_directives(s, lines, problems).empty());
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].position, (SourcePosition{1, 15}));
  EXPECT_NE(problems[0].message.find("(did you mean 'disable'?)"), std::string::npos)
      << problems[0].message;
  EXPECT_EQ(problems[1].message, "'disable=' names no rule");
  EXPECT_EQ(problems[2].message.rfind("empty sddl-lint comment", 0), 0u) << problems[2].message;
}

TEST(ObjectInference, ApiNamesWithTheirSuffixes) {
  EXPECT_EQ(api_object_type("CreateEventW"), ObjectType::event);
  EXPECT_EQ(api_object_type("CreateFileMapping2"), ObjectType::section);
  EXPECT_EQ(api_object_type("CreateMutexExA"), ObjectType::mutex);
  EXPECT_EQ(api_object_type("CreateEventual"), std::nullopt);  // not a suffix
  EXPECT_EQ(api_object_type("MyCreateEvent"), std::nullopt);   // not at the start
}

TEST(ObjectInference, NearestCallAboveAndTheObjectsName) {
  const std::string_view s =
      "CreateMutexW(a,\n"                 // 0
      "  CreateEventW(\n"                 // 1: nearest to the literal
      "    L\"Global\\\\Ready\",\n"       // 2
      "    \"D:(A;;GA;;;SY)\");\n"        // 3: the literal
      "\n\n\n\n"                          // 4-7
      "CreateFileW(\"D:(A;;GA;;;SY)\");\n";  // 8
  const LineIndex lines(s);
  auto hint = infer_object_type(lines, 3);
  ASSERT_TRUE(hint);
  EXPECT_EQ(hint->type, ObjectType::event);
  EXPECT_EQ(hint->api, "CreateEventW");
  EXPECT_EQ(hint->line, 2u);  // 1-based
  auto name = find_object_name(lines, hint->line - 1, 3);
  ASSERT_TRUE(name);
  EXPECT_EQ(name->name, "Global\\Ready");  // the escaped backslash read as one
  EXPECT_EQ(name->position, (SourcePosition{3, 7}));
  // Four lines up is too far.
  EXPECT_EQ(infer_object_type(lines, 7), std::nullopt);
  EXPECT_EQ(infer_object_type(lines, 8)->type, ObjectType::file);
}

// The flow tests find the literal by its text and infer from there.
FlowInference flow_of(std::string_view s, std::string_view literal) {
  const LineIndex lines(s);
  const std::size_t at = s.find(literal);
  EXPECT_NE(at, std::string_view::npos) << literal;
  return infer_object_type_by_flow(s, lines, at, at + literal.size());
}

TEST(ObjectFlow, ConstantThroughConvertAndSecurityAttributesToTheConsumer) {
  // The CreateEventW three lines above the literal does not win over the pipe that consumes it.
  const std::string_view s =
      "HANDLE e = CreateEventW(nullptr, TRUE, FALSE, nullptr);\n"   // 1
      "\n"                                                          // 2
      "\n"                                                          // 3
      "const wchar_t* kPipeSddl = L\"D:(A;;GA;;;SY)\";\n"           // 4
      "PSECURITY_DESCRIPTOR sd = nullptr;\n"                        // 5
      "ConvertStringSecurityDescriptorToSecurityDescriptorW(kPipeSddl, SDDL_REVISION_1, &sd,\n"
      "                                                     nullptr);\n"  // 7
      "SECURITY_ATTRIBUTES sa{};\n"                                 // 8
      "sa.lpSecurityDescriptor = sd;\n"                             // 9
      "HANDLE p = CreateNamedPipeW(L\"\\\\\\\\.\\\\pipe\\\\x\", 3, 0, 1, 0, 0, 0, &sa);\n";  // 10
  FlowInference f = flow_of(s, "L\"D:(A;;GA;;;SY)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::named_pipe);
  EXPECT_EQ(f.hint->api, "CreateNamedPipeW");
  EXPECT_EQ(f.hint->line, 10u);
  EXPECT_EQ(f.hint->evidence,
            "named-pipe: kPipeSddl -> ConvertStringSecurityDescriptorToSecurityDescriptorW(&sd) "
            "-> sa.lpSecurityDescriptor -> CreateNamedPipeW at line 10");
}

TEST(ObjectFlow, DefineUsedInAConvertCallInsideIfThenAFileMapping) {
  const std::string_view s =
      "#define SDDL_SHARED L\"D:(A;;GA;;;BA)\"\n"
      "void f() {\n"
      "  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(SDDL_SHARED, 1, &psd, 0))\n"
      "    return;\n"
      "  SECURITY_ATTRIBUTES attrs = {sizeof(attrs), nullptr, FALSE};\n"
      "  attrs.lpSecurityDescriptor = psd;\n"
      "  CreateFileMappingW(INVALID_HANDLE_VALUE, &attrs, PAGE_READWRITE, 0, 1, nullptr);\n"
      "}\n";
  FlowInference f = flow_of(s, "L\"D:(A;;GA;;;BA)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::section);
  EXPECT_EQ(f.hint->line, 7u);
  EXPECT_EQ(f.hint->evidence.rfind("section: #define SDDL_SHARED -> Convert", 0), 0u)
      << f.hint->evidence;
}

TEST(ObjectFlow, FunctionReturnAndSetCallWithItsSeObjectType) {
  const std::string_view s =
      "LPCWSTR KeySddl()\n"
      "{\n"
      "  return L\"D:(A;;KA;;;SY)\";\n"
      "}\n"
      "void g(HKEY k) {\n"
      "  ConvertStringSecurityDescriptorToSecurityDescriptorW(KeySddl(), 1, &sd, nullptr);\n"
      "  GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted);\n"
      "  SetNamedSecurityInfoW(name, SE_REGISTRY_KEY, DACL_SECURITY_INFORMATION, 0, 0, sd, 0);\n"
      "}\n";
  FlowInference f = flow_of(s, "L\"D:(A;;KA;;;SY)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::key);
  EXPECT_EQ(f.hint->api, "SetNamedSecurityInfoW");
  EXPECT_NE(f.hint->evidence.find("KeySddl() returns it"), std::string::npos) << f.hint->evidence;
  EXPECT_NE(f.hint->evidence.find("(SE_REGISTRY_KEY)"), std::string::npos) << f.hint->evidence;
}

TEST(ObjectFlow, ConsumerAfterTheLiteralAndInPlace) {
  // In place: the literal is an argument of a helper inside the create call.
  const std::string_view s =
      "return CreateFileMappingW(INVALID_HANDLE_VALUE, Sa(L\"D:(A;;GA;;;SY)\"),\n"
      "                          PAGE_READWRITE, 0, 4096, nullptr);\n";
  FlowInference f = flow_of(s, "L\"D:(A;;GA;;;SY)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::section);
  EXPECT_EQ(f.hint->evidence, "section: literal at line 1 -> CreateFileMappingW at line 1");
}

TEST(ObjectFlow, PowerShellVariable) {
  const std::string_view s =
      "$sddl = \"D:(A;;GA;;;SY)\"\n"
      "\n\n\n\n\n"
      "$sd = ConvertStringSecurityDescriptorToSecurityDescriptor($sddl)\n"
      "sc.exe sdset MySvc $sddl\n";
  FlowInference f = flow_of(s, "\"D:(A;;GA;;;SY)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::service);
  EXPECT_EQ(f.hint->evidence.rfind("service: $sddl -> sdset", 0), 0u) << f.hint->evidence;
}

TEST(ObjectFlow, NoTypeSaysWhy) {
  const std::string_view set_kernel =
      "const wchar_t kSd[] = L\"D:(A;;GA;;;SY)\";\n"
      "ConvertStringSecurityDescriptorToSecurityDescriptorW(kSd, 1, &sd, 0);\n"
      "SetKernelObjectSecurity(h, DACL_SECURITY_INFORMATION, sd);\n";
  FlowInference f = flow_of(set_kernel, "L\"D:(A;;GA;;;SY)\"");
  EXPECT_FALSE(f.hint);
  EXPECT_NE(f.reason.find("SetKernelObjectSecurity at line 3 (a call for objects of several"),
            std::string::npos)
      << f.reason;
  FlowInference none = flow_of("Print(L\"D:(A;;GA;;;SY)\");\n", "L\"D:(A;;GA;;;SY)\"");
  EXPECT_FALSE(none.hint);
  EXPECT_EQ(none.reason, "the literal reaches no create or set call");
}


// Issue #16: the object types real code secures with SDDL.
TEST(ObjectFlow, DeviceSddlInACountedString) {
  const std::string_view init =
      "UNICODE_STRING sddl;\n"
      "RtlInitUnicodeString(&sddl, L\"D:P(A;;GA;;;SY)\");\n"
      "status = IoCreateDeviceSecure(driver, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &sddl,\n"
      "                              NULL, &device);\n";
  FlowInference f = flow_of(init, "L\"D:P(A;;GA;;;SY)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::device);
  EXPECT_EQ(f.hint->evidence, "device: RtlInitUnicodeString(sddl) -> IoCreateDeviceSecure at line 3");
  const std::string_view declare =
      "DECLARE_CONST_UNICODE_STRING(kSddl, L\"D:P(A;;GA;;;SY)\");\n"
      "WdfDeviceInitAssignSDDLString(init, &kSddl);\n";
  f = flow_of(declare, "L\"D:P(A;;GA;;;SY)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::device);
  EXPECT_EQ(f.hint->api, "WdfDeviceInitAssignSDDLString");
  // Another call with the literal second is no counted-string initialiser.
  FlowInference other = flow_of("Log(&x, L\"D:P(A;;GA;;;SY)\");\nIoCreateDeviceSecure(&x);\n",
                                "L\"D:P(A;;GA;;;SY)\"");
  EXPECT_FALSE(other.hint);
}

TEST(ObjectFlow, InfSecurityLineIsADevice) {
  const std::string_view inf =
      "[Dev.AddReg]\n"
      "HKR, , Security, , \"D:P(A;;GA;;;SY)\"\n"
      "HKR,,DeviceCharacteristics,0x10001,0x100\n";
  FlowInference f = flow_of(inf, "\"D:P(A;;GA;;;SY)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::device);
  EXPECT_EQ(f.hint->evidence, "device: INF AddReg HKR,,Security at line 2");
  FlowInference other = flow_of("HKR,,FriendlyName,,\"D:P(A;;GA;;;SY)\"\n", "\"D:P(A;;GA;;;SY)\"");
  EXPECT_FALSE(other.hint);
}

TEST(ObjectFlow, ComPermissionsAndRegistryValueNames) {
  const std::string_view process_wide =
      "ConvertStringSecurityDescriptorToSecurityDescriptorW(L\"D:(A;;0x3;;;IU)\", 1, &sd, 0);\n"
      "CoInitializeSecurity(sd, -1, nullptr, nullptr, 0, 0, nullptr, 0, nullptr);\n";
  FlowInference f = flow_of(process_wide, "L\"D:(A;;0x3;;;IU)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::com);
  const std::string_view appid =
      "const wchar_t kSd[] = L\"D:(A;;0x3;;;IU)\";\n"
      "ConvertStringSecurityDescriptorToSecurityDescriptorW(kSd, 1, &sd, &size);\n"
      "RegSetValueExW(key, L\"LaunchPermission\", 0, REG_BINARY, (BYTE*)sd, size);\n";
  f = flow_of(appid, "L\"D:(A;;0x3;;;IU)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::com);
  EXPECT_NE(f.hint->evidence.find("RegSetValueExW(LaunchPermission) at line 3"), std::string::npos)
      << f.hint->evidence;
  // Another value name: a registry write of something else is no consumer of a known type.
  const std::string_view other =
      "const wchar_t kSd[] = L\"D:(A;;0x3;;;IU)\";\n"
      "ConvertStringSecurityDescriptorToSecurityDescriptorW(kSd, 1, &sd, &size);\n"
      "RegSetValueExW(key, L\"Security\", 0, REG_BINARY, (BYTE*)sd, size);\n";
  EXPECT_FALSE(flow_of(other, "L\"D:(A;;0x3;;;IU)\"").hint);
}

TEST(ObjectFlow, WmiNamespaceThroughSddlToBinarySd) {
  const std::string_view ps =
      "$sddl = \"D:(A;CI;CCDC;;;AU)\"\n"
      "$binary = $helper.SDDLToBinarySD($sddl).BinarySD\n"
      "$security.SetSD($binary)\n";
  FlowInference f = flow_of(ps, "\"D:(A;CI;CCDC;;;AU)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::wmi_namespace);
  EXPECT_EQ(f.hint->evidence, "wmi-namespace: $sddl -> SDDLToBinarySD -> $binary -> SetSD at line 3");
}

TEST(ObjectFlow, SessionObjectsAndEtw) {
  auto type_of = [](std::string_view call) {
    const std::string s = "ConvertStringSecurityDescriptorToSecurityDescriptorW(L\"D:(A;;GA;;;SY)\", 1, "
                          "&sa.lpSecurityDescriptor, 0);\n" +
                          std::string(call) + "\n";
    FlowInference f = flow_of(s, "L\"D:(A;;GA;;;SY)\"");
    return f.hint ? std::optional<ObjectType>(f.hint->type) : std::nullopt;
  };
  EXPECT_EQ(type_of("CreateWindowStationW(L\"w\", 0, WINSTA_ALL_ACCESS, &sa);"),
            ObjectType::window_station);
  EXPECT_EQ(type_of("CreateDesktopW(L\"d\", 0, 0, 0, GENERIC_ALL, &sa);"), ObjectType::desktop);
  EXPECT_EQ(type_of("NtAlpcCreatePort(&port, &sa, nullptr);"), ObjectType::alpc_port);
  EXPECT_EQ(type_of("NtCreateDirectoryObjectEx(&dir, 0, &sa, 0, 0);"), ObjectType::object_directory);
  EXPECT_EQ(type_of("NtCreateSymbolicLinkObject(&link, 0, &sa, &target);"),
            ObjectType::symbolic_link);
  EXPECT_EQ(type_of("SetNamedSecurityInfoW(guid, SE_WMIGUID_OBJECT, DACL_SECURITY_INFORMATION, "
                    "0, 0, sa, 0);"),
            ObjectType::etw_guid);
  // SetUserObjectSecurity takes window stations and desktops alike: no single type.
  EXPECT_EQ(type_of("SetUserObjectSecurity(h, &info, sa);"), std::nullopt);
}

TEST(ObjectFlow, PowerShellCmdletParameters) {
  const std::string_view ps =
      "$sddl = \"O:NSG:BAD:P(A;;GA;;;BA)\"\n"
      "Register-PSSessionConfiguration -Name Ops -SecurityDescriptorSddl $sddl -Force\n"
      "$svc = 'D:(A;;CCLC;;;IU)'\n"
      "set-service -Name Ops -securitydescriptorsddl:$svc\n"
      "$other = 'D:(A;;GA;;;SY)'\n"
      "Get-Thing -SecurityDescriptorSddl $other\n";
  FlowInference f = flow_of(ps, "\"O:NSG:BAD:P(A;;GA;;;BA)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::winrm_session);
  EXPECT_EQ(f.hint->evidence, "winrm-session: $sddl -> Register-PSSessionConfiguration at line 2");
  // Case-insensitive, -Name:value form.
  f = flow_of(ps, "'D:(A;;CCLC;;;IU)'");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::service);
  EXPECT_EQ(f.hint->api, "set-service");
  // The parameter of a cmdlet no row names says nothing.
  EXPECT_FALSE(flow_of(ps, "'D:(A;;GA;;;SY)'").hint);
}

TEST(ObjectFlow, WinrmSettingsInMarkupAndOnTheLine) {
  const std::string_view xml =
      "<Resource ResourceUri=\"http://schemas.microsoft.com/powershell/Ops\">\n"
      "  <Security Uri=\"http://x\"\n"
      "     Sddl=\"O:NSG:BAD:P(A;;GA;;;BA)\" ExactMatch=\"true\"/>\n"
      "  <Other Sddl=\"D:(A;;GA;;;SY)\"/>\n"
      "</Resource>\n"
      "winrm set winrm/config/service @{RootSDDL=\"O:NSG:BAD:P(A;;GA;;;BA)(A;;GR;;;IU)\"}\n";
  FlowInference f = flow_of(xml, "\"O:NSG:BAD:P(A;;GA;;;BA)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::winrm_session);
  EXPECT_EQ(f.hint->evidence,
            "winrm-session: literal at line 3 -> the Sddl of a WinRM <Security> element at line 3");
  // An Sddl attribute of another element is no WinRM resource's.
  EXPECT_FALSE(flow_of(xml, "\"D:(A;;GA;;;SY)\"").hint);
  f = flow_of(xml, "\"O:NSG:BAD:P(A;;GA;;;BA)(A;;GR;;;IU)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::winrm_session);
  EXPECT_EQ(f.hint->api, "RootSDDL");
}

TEST(ObjectFlow, ComPoliciesPipeConfigsAndVirtualDisks) {
  const std::string_view cpp =
      "struct Policy {\n"
      "  static LPCWSTR GetSDDLText()\n"
      "  {\n"
      "    return L\"O:BAG:BAD:(A;;0xB;;;AU)\";\n"
      "  }\n"
      "};\n"
      "static constexpr PCWSTR c_Sddl =\n"
      "    // System only\n"
      "    L\"D:(A;;GA;;;SY)\";\n"
      "ConvertStringSecurityDescriptorToSecurityDescriptorW(c_Sddl, 1, &sd, nullptr);\n"
      "AttachVirtualDisk(handle, sd, flags, 0, nullptr, nullptr);\n";
  FlowInference f = flow_of(cpp, "L\"O:BAG:BAD:(A;;0xB;;;AU)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::com);
  EXPECT_EQ(f.hint->evidence, "com: GetSDDLText() returns it (a COM server's security policy)");
  // The holder across a comment line, then the flow to the virtual disk.
  f = flow_of(cpp, "L\"D:(A;;GA;;;SY)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::device);
  EXPECT_EQ(f.hint->api, "AttachVirtualDisk");

  const std::string_view go =
      "c := winio.PipeConfig{\n"
      "\tSecurityDescriptor: \"D:P(A;;GA;;;SY)\",\n"
      "}\n";
  f = flow_of(go, "\"D:P(A;;GA;;;SY)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::named_pipe);
  EXPECT_EQ(f.hint->evidence, "named-pipe: literal at line 2 -> PipeConfig{SecurityDescriptor} at line 1");

  const std::string_view manifest =
      "<com3:ServiceServer ServiceName=\"S\"\n"
      "  LaunchAndActivationPermission=\"O:BAG:BAD:(A;;11;;;AU)\">\n";
  f = flow_of(manifest, "\"O:BAG:BAD:(A;;11;;;AU)\"");
  ASSERT_TRUE(f.hint) << f.reason;
  EXPECT_EQ(f.hint->type, ObjectType::com);
}

TEST(ObjectFlow, WhetherACallIsReached) {
  // Reaching a call of no single type is reaching a call; a name used nowhere is not.
  const std::string_view cpp =
      "ConvertStringSecurityDescriptorToSecurityDescriptorW(L\"O:BA\", 1, &sd, 0);\n"
      "SetKernelObjectSecurity(h, OWNER_SECURITY_INFORMATION, sd);\n"
      "PCWSTR owner = L\"O:SY\";\n";
  FlowInference f = flow_of(cpp, "L\"O:BA\"");
  EXPECT_FALSE(f.hint);
  EXPECT_TRUE(f.reaches_call);
  f = flow_of(cpp, "L\"O:SY\"");
  EXPECT_FALSE(f.hint);
  EXPECT_FALSE(f.reaches_call);
  const std::string_view typed = "CreateMutexW(Attributes(L\"D:(A;;GA;;;SY)\"), FALSE, nullptr);\n";
  EXPECT_TRUE(flow_of(typed, "L\"D:(A;;GA;;;SY)\"").reaches_call);
}

TEST(ObjectInference, TheFileOfAWinrmEndpoint) {
  const std::string_view cs =
      "[Cmdlet(VerbsLifecycle.Register, \"PSSessionConfiguration\")]\n"
      "class C { const string s = \"O:NSG:BAD:P(A;;GA;;;BA)\"; }\n";
  const LineIndex lines(cs);
  auto hint = infer_object_type_from_file(cs, lines);
  ASSERT_TRUE(hint);
  EXPECT_EQ(hint->type, ObjectType::winrm_session);
  EXPECT_EQ(hint->evidence,
            "winrm-session: the file configures WinRM endpoints (PSSessionConfiguration at line "
            "1) and the literal reaches no create or set call");
  const std::string_view other = "const string s = \"D:(A;;GA;;;SY)\"; // WSMan\n";
  EXPECT_FALSE(infer_object_type_from_file(other, LineIndex(other)));
}

TEST(ObjectInference, NamesThatSayTheStringIsMeantToBeInvalid) {
  EXPECT_EQ(meant_invalid_name("WrongSecurityDescriptorSddl"), "WrongSecurityDescriptorSddl");
  EXPECT_EQ(meant_invalid_name("kInvalidSddl"), "kInvalidSddl");
  EXPECT_EQ(meant_invalid_name("BAD_SDDL"), "BAD_SDDL");
  EXPECT_EQ(meant_invalid_name("malformed-sddl"), "malformed-sddl");
  EXPECT_EQ(meant_invalid_name("sddlCorrupt2"), "sddlCorrupt2");
  // A word that only contains one: badge, invalidate, broker.
  EXPECT_EQ(meant_invalid_name("BadgeSddl"), "");
  EXPECT_EQ(meant_invalid_name("invalidateSddl"), "");
  EXPECT_EQ(meant_invalid_name("brokerSddl"), "");
  EXPECT_EQ(meant_invalid_name("kSddl"), "");
  EXPECT_EQ(meant_invalid_name(""), "");
}

}  // namespace
}  // namespace secdesc::lint_detail
