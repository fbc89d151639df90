// secdesc: the output rule of every text form (SDDL, JSON, messages): it is UTF-8, always.
//
// The binary form stores text as UTF-16 (a condition's string literals and attribute names, a
// resource attribute's name and string values; MS-DTYP 2.4.4.17.5, 2.4.10.1), and UTF-16 can
// hold what UTF-8 cannot: a surrogate without its partner (U+D800 to U+DFFF alone). SDDL writes
// attribute and claim names as %xxxx escapes, which hold any code unit, but an SDDL string has no
// escape, and JSON's resource attribute "name" and condition_tree attribute "name" are the name
// itself. Such a descriptor is not
// written with a substitute character (it would read back as different bytes): writers ask
// find_unwritable_text first and report the error instead (docs/sddl.md, "Output rule").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "secdesc/error.hpp"
#include "secdesc/security_descriptor.hpp"

namespace secdesc {

enum class TextOutput : std::uint8_t { sddl, json };

// nullopt when `sd` can be written as `form` in valid UTF-8; otherwise an invalid_argument Error
// (no offset) naming the first unpaired surrogate and where it is, e.g. "cannot be written as
// SDDL: ACE 2 of the DACL holds an unpaired UTF-16 surrogate U+D800 in a string (SDDL strings
// have no escape; the self-relative form keeps it)".
std::optional<Error> find_unwritable_text(const SecurityDescriptor& sd, TextOutput form);

// Offset of the first byte of `text` that does not start a valid UTF-8 sequence (RFC 3629:
// no overlong forms, no encoded surrogates, nothing over U+10FFFF), or nullopt when it is all
// UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view text) noexcept;

// `text` with each byte that is not part of valid UTF-8 written as "\xNN": for messages that
// quote untrusted input (an SDDL snippet, a file name), so the message itself stays UTF-8.
std::string escape_invalid_utf8(std::string_view text);

// The offset the tools print for byte `byte_offset` of `text`: how many characters (Unicode
// code points) come before it, 0-based, the unit sddl-lint's columns count too (docs/sddl.md,
// "Offsets"). A byte that is not part of valid UTF-8 counts as one character; an offset past the
// end counts the bytes beyond it.
std::size_t code_point_offset(std::string_view text, std::size_t byte_offset) noexcept;

}  // namespace secdesc
