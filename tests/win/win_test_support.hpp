// Helpers for the Windows-layer tests (run under Wine): Win32 oracles and the current token.
#pragma once

#include <windows.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/secdesc.hpp"

namespace secdesc::wintest {

// True under Wine (ntdll exports wine_get_version). The Wine-specific expectations (its owner
// rule, its known SDDL differences, its token) apply only then; run natively on Windows the
// same tests expect Windows' behaviour.
bool running_under_wine();

std::wstring widen(std::string_view utf8);
// For messages about ASCII names: anything else becomes '?'.
std::string narrow_ascii(std::wstring_view text);

// ConvertStringSecurityDescriptorToSecurityDescriptorW's self-relative bytes, or the Win32
// error code when it rejects the string.
struct NativeSddlResult {
  std::vector<std::byte> bytes;
  DWORD error = ERROR_SUCCESS;
};
NativeSddlResult native_sddl_to_bytes(std::wstring_view sddl);

// parse_sddl that fails the calling test (ADD_FAILURE) and returns an empty descriptor on error.
SecurityDescriptor parse_or_fail(std::string_view sddl);

// A section name no other test or run uses: Local\secdesc-test-<stem>-<pid>-<n>.
std::wstring unique_section_name(std::wstring_view stem);

// The SIDs of this process's token, as an access check sees them.
struct TokenSids {
  Sid user;
  std::vector<Sid> enabled_groups;    // match allow and deny ACEs
  std::vector<Sid> deny_only_groups;  // match deny ACEs only
  std::optional<Sid> integrity;       // the token's mandatory label SID
  bool has(const Sid& sid) const;     // user or enabled group
  bool has_for_deny(const Sid& sid) const;
};
TokenSids current_token_sids();

// Whose owner rule expected_dacl_only_access applies.
enum class OwnerRule : std::uint8_t {
  // MS-DTYP 2.5.3.2: the owner gets READ_CONTROL | WRITE_DAC, unless the DACL has an OWNER RIGHTS
  // (S-1-3-4) ACE, which then says what the owner gets.
  windows,
  // Wine 8 (observed here; Wine's server/token.c agrees): the owner gets DELETE, READ_CONTROL,
  // WRITE_DAC, WRITE_OWNER and SYNCHRONIZE, and OWNER RIGHTS ACEs mean nothing special.
  wine,
};

// The rights a DACL grants `token` on an object whose stored security is `stored`, without
// privileges, integrity or conditional ACEs: no DACL or a NULL DACL grants everything; the owner
// rule above; ACEs in order, inherit-only ones skipped, generic bits mapped with the type's
// mapping, each right decided by the first ACE that names it.
// The section tests compare it with secdesc::access_check (Windows' rule): two independent
// computations; OwnerRule::wine is the one documented adjustment for Wine.
AccessMask expected_dacl_only_access(const SecurityDescriptor& stored, const TokenSids& token,
                                     ObjectType type, OwnerRule rule);

}  // namespace secdesc::wintest
