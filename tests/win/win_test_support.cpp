#include "win_test_support.hpp"

#include <sddl.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>

#include <fmt/format.h>
#include <fmt/xchar.h>

namespace secdesc::wintest {
namespace {

Sid sid_from_native(PSID native) {
  const DWORD length = GetLengthSid(native);
  auto sid = Sid::decode({static_cast<const std::byte*>(native), length});
  if (!sid) throw std::runtime_error("the token holds a SID secdesc cannot decode: " + sid.error().message);
  return *sid;
}

// GetTokenInformation's buffer: the structures point into it, so it stays alive with them. Kept
// in 8-byte units because the structures hold pointers.
std::vector<std::uint64_t> token_information(HANDLE token, TOKEN_INFORMATION_CLASS what) {
  DWORD needed = 0;
  GetTokenInformation(token, what, nullptr, 0, &needed);
  std::vector<std::uint64_t> buffer((needed + 7) / 8 + 1);
  if (!GetTokenInformation(token, what, buffer.data(), static_cast<DWORD>(buffer.size() * 8), &needed))
    throw std::runtime_error(fmt::format("GetTokenInformation({}) failed: {}", static_cast<int>(what), GetLastError()));
  return buffer;
}

}  // namespace

bool running_under_wine() {
  const HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
  return ntdll != nullptr && GetProcAddress(ntdll, "wine_get_version") != nullptr;
}

std::wstring widen(std::string_view utf8) {
  if (utf8.empty()) return {};
  const int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
  std::wstring out(static_cast<std::size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), n);
  return out;
}

NativeSddlResult native_sddl_to_bytes(std::wstring_view sddl) {
  const std::wstring text(sddl);
  PSECURITY_DESCRIPTOR raw = nullptr;
  ULONG size = 0;
  NativeSddlResult result;
  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(text.c_str(), SDDL_REVISION_1, &raw,
                                                            &size)) {
    result.error = GetLastError();
    return result;
  }
  result.bytes.resize(size);
  std::memcpy(result.bytes.data(), raw, size);
  LocalFree(raw);
  return result;
}

std::string narrow_ascii(std::wstring_view text) {
  std::string out;
  for (wchar_t c : text) out += (c >= 0x20 && c < 0x7F) ? static_cast<char>(c) : '?';
  return out;
}

SecurityDescriptor parse_or_fail(std::string_view sddl) {
  auto sd = parse_sddl(sddl);
  if (!sd) {
    ADD_FAILURE() << "parse_sddl(" << sddl << "): " << sd.error().message;
    return {};
  }
  return *sd;
}

std::wstring unique_section_name(std::wstring_view stem) {
  static std::atomic<unsigned> counter{0};
  return fmt::format(L"Local\\secdesc-test-{}-{}-{}", stem, GetCurrentProcessId(), ++counter);
}

bool TokenSids::has(const Sid& sid) const {
  return sid == user || std::find(enabled_groups.begin(), enabled_groups.end(), sid) != enabled_groups.end();
}

bool TokenSids::has_for_deny(const Sid& sid) const {
  return has(sid) || std::find(deny_only_groups.begin(), deny_only_groups.end(), sid) != deny_only_groups.end();
}

TokenSids current_token_sids() {
  HANDLE raw = nullptr;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &raw))
    throw std::runtime_error(fmt::format("OpenProcessToken failed: {}", GetLastError()));
  std::unique_ptr<void, decltype(&CloseHandle)> token(raw, &CloseHandle);
  TokenSids sids;
  const auto user = token_information(raw, TokenUser);
  sids.user = sid_from_native(reinterpret_cast<const TOKEN_USER*>(user.data())->User.Sid);

  const auto groups_buffer = token_information(raw, TokenGroups);
  const auto* groups = reinterpret_cast<const TOKEN_GROUPS*>(groups_buffer.data());
  for (DWORD k = 0; k < groups->GroupCount; ++k) {
    // Groups is declared as a one-element array; the token fills GroupCount of them.
    const SID_AND_ATTRIBUTES& group = (&groups->Groups[0])[k];
    Sid sid = sid_from_native(group.Sid);
    if (group.Attributes & SE_GROUP_INTEGRITY) continue;
    if (group.Attributes & SE_GROUP_USE_FOR_DENY_ONLY)
      sids.deny_only_groups.push_back(sid);
    else if (group.Attributes & SE_GROUP_ENABLED)
      sids.enabled_groups.push_back(sid);
  }

  const auto label = token_information(raw, TokenIntegrityLevel);
  if (PSID level = reinterpret_cast<const TOKEN_MANDATORY_LABEL*>(label.data())->Label.Sid)
    sids.integrity = sid_from_native(level);
  return sids;
}

AccessMask expected_dacl_only_access(const SecurityDescriptor& stored, const TokenSids& token,
                                     ObjectType type, OwnerRule rule) {
  const GenericMapping& mapping = object_type_info(type).mapping;
  // No DACL or a NULL DACL: every standard and specific right (ACCESS_SYSTEM_SECURITY is a
  // privilege matter, never granted by a DACL).
  if (stored.dacl_state() != AclState::present)
    return rights::standard_rights_all | rights::specific_rights_all;
  const bool is_owner = stored.owner() && token.has(*stored.owner());
  const auto& aces = stored.dacl()->aces;
  const bool windows_owner_rights =
      rule == OwnerRule::windows && std::any_of(aces.begin(), aces.end(), [](const Ace& a) {
        return !a.inherit_only() && a.sid == sids::owner_rights;
      });
  AccessMask granted = 0, denied = 0;
  if (is_owner && rule == OwnerRule::windows && !windows_owner_rights)
    granted |= rights::read_control | rights::write_dac;
  if (is_owner && rule == OwnerRule::wine)
    granted |= rights::standard_rights_required | rights::synchronize;
  for (const Ace& ace : aces) {
    if (ace.inherit_only()) continue;
    bool applies = ace.is_deny() ? token.has_for_deny(ace.sid) : token.has(ace.sid);
    if (rule == OwnerRule::windows && ace.sid == sids::owner_rights) applies = is_owner;
    if (!applies) continue;
    const AccessMask mask = map_generic(ace.mask, mapping);
    if (ace.type == AceType::access_allowed) granted |= mask & ~denied;
    if (ace.type == AceType::access_denied) denied |= mask & ~granted;
  }
  return granted;
}

}  // namespace secdesc::wintest
