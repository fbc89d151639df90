// secdesc: SDDL text <-> SecurityDescriptor (MS-DTYP 2.5.1).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secdesc/error.hpp"
#include "secdesc/security_descriptor.hpp"
#include "secdesc/sid.hpp"
#include "secdesc/text_note.hpp"

namespace secdesc {

// The longest SDDL string the parser reads (1 MiB). The largest descriptor Windows can hold (two
// 65,535-byte ACLs) is far shorter in canonical form; longer input is refused up front with
// limit_exceeded rather than parsed.
inline constexpr std::size_t max_sddl_length = 1u << 20;

struct SddlParseOptions {
  SidContext context;  // domain SID for DA, DU, LA, ...
  // Strict mode rejects what Windows tolerates but a reviewer should not: white space, lower case,
  // octal, negative or overflowing numbers, repeated control flags, hex in SIDs.
  bool strict = false;
};

// Something Windows accepts but that is unclear; strict mode turns the first one into an error.
using SddlNote = TextNote;

// Where an ACE sits in the text (its '(' to its ')').
struct SddlSpan {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past ')'
};

struct SddlParse {
  SecurityDescriptor descriptor;
  std::vector<SddlNote> notes;
  std::vector<SddlSpan> dacl_aces;  // one per DACL ACE, in order
  std::vector<SddlSpan> sacl_aces;
};

// Parses SDDL as ConvertStringSecurityDescriptorToSecurityDescriptorW does, leniencies included.
Result<SecurityDescriptor> parse_sddl(std::string_view text, const SddlParseOptions& options = {});
// The same into `out`, replacing what it held. The ACE vectors `out` already has are reused
// (emptied, their capacity kept), so a loop that parses many descriptors into one object stops
// allocating once its vectors are large enough (`sddlc convert -` does this). On error `out` is
// left empty (a default SecurityDescriptor) and the error is returned.
std::optional<Error> parse_sddl_into(std::string_view text, SecurityDescriptor& out,
                                     const SddlParseOptions& options = {});
// The same, with the notes and ACE positions the linter needs.
Result<SddlParse> parse_sddl_detailed(std::string_view text, const SddlParseOptions& options = {});

// Which parts to_sddl writes; the values are Windows' SECURITY_INFORMATION bits.
namespace sddl_parts {
inline constexpr unsigned owner = 0x1;
inline constexpr unsigned group = 0x2;
inline constexpr unsigned dacl = 0x4;
inline constexpr unsigned sacl = 0x8;
inline constexpr unsigned all = 0xF;
}  // namespace sddl_parts

struct SddlFormatOptions {
  SidContext context;  // domain SIDs in the context are written as their aliases (DU, LA, ...)
  unsigned parts = sddl_parts::all;
};

// Writes the string ConvertSecurityDescriptorToStringSecurityDescriptorW writes: O:, G:, D:, S:
// in that order, flags P AR AI, aliases where Windows uses them, rights letters or hex.
std::string to_sddl(const SecurityDescriptor& sd, const SddlFormatOptions& options = {});
std::string ace_to_sddl(const Ace& ace, const SddlFormatOptions& options = {});

}  // namespace secdesc
