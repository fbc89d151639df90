// SDDL parser and emitter (MS-DTYP 2.5.1), with Windows' observed leniencies.
//
// What Windows tolerates was read off the vectors in shared/vectors (windows_sddl_roundtrip.tsv
// rows marked WINDOWS-OBSERVED, windows_sddl_accepted.tsv, windows_sddl_invalid.tsv); the rules
// are listed in docs/sddl.md. In short: spaces (never TABs) may precede each section, each ACL
// flag, each ACE and each ACE field except the GUIDs; spaces may separate rights tokens but not
// end them; a SID alias may be followed by spaces, a numeric SID may not; ACE types, flags,
// rights and aliases are case-insensitive, section letters and ACL flags are not.
#include "secdesc/sddl.hpp"

#include <array>
#include <cstring>

#include <fmt/format.h>

#include "core/internal/code_rows.hpp"
#include "core/internal/conditional_sddl.hpp"
#include "core/internal/lookalike.hpp"
#include "core/internal/sddl_internal.hpp"
#include "core/internal/sid_text.hpp"
#include "core/internal/text.hpp"
#include "core/internal/utf.hpp"

namespace secdesc {

// The parser reads ACEs straight into the descriptor's ACL objects. parse_sddl_into reuses the
// ones the descriptor already holds: a warm loop then allocates nothing and moves or destroys no
// ACE vector (each destroyed vector, even an empty one, costs an out-of-line call where GCC does
// not inline ~vector<Ace>). While parsing, an ACL object may be held while its state is not yet
// present; mark_present, set_null_dacl/sacl and drop_unused restore "an ACL is held exactly when
// its state is present" (on an error the descriptor is discarded or reset).
class detail::DescriptorReuse {
 public:
  // Everything as in a default descriptor, except the ACL objects, which are kept.
  static void clear_keeping_acls(SecurityDescriptor& sd) noexcept {
    sd.owner_.reset();
    sd.group_.reset();
    sd.flags_ = 0;
    sd.dacl_state_ = AclState::absent;
    sd.sacl_state_ = AclState::absent;
  }
  // The kept DACL or SACL object, emptied to a default ACL (its vector keeps its capacity), or
  // a new one.
  static Acl& storage(SecurityDescriptor& sd, bool dacl) {
    std::optional<Acl>& slot = dacl ? sd.dacl_ : sd.sacl_;
    if (!slot) return slot.emplace();
    slot->aces.clear();
    slot->revision = Acl::revision_default;
    return *slot;
  }
  static void mark_present(SecurityDescriptor& sd, bool dacl) noexcept {
    (dacl ? sd.dacl_state_ : sd.sacl_state_) = AclState::present;
  }
  // Drops the kept ACLs that the text did not set.
  static void drop_unused(SecurityDescriptor& sd) noexcept {
    if (sd.dacl_state_ != AclState::present) sd.dacl_.reset();
    if (sd.sacl_state_ != AclState::present) sd.sacl_.reset();
  }
};
namespace {

using detail::ascii_upper;
using detail::is_sddl_space;

// The characters that end or nest an ACE field, for the scans that skip everything else.
constexpr std::array<bool, 256> kAceStructure = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {'(', ')', ';', ':'}) t[c] = true;
  return t;
}();
constexpr bool is_ace_structure(char c) noexcept {
  return kAceStructure[static_cast<unsigned char>(c)];
}

constexpr bool is_section_tag(std::string_view s, std::size_t i) noexcept {
  return i + 1 < s.size() && s[i + 1] == ':' &&
         (s[i] == 'O' || s[i] == 'G' || s[i] == 'D' || s[i] == 'S');
}

std::string quoted(std::string_view s, std::size_t max = 24) {
  if (s.size() > max) return fmt::format("'{}...'", detail::utf8_prefix(s, max));
  return fmt::format("'{}'", s);
}

// The shortest ACE text, "(A;;;;;WD)": an ACL of n characters holds at most n / 10 ACEs.
constexpr std::size_t kShortestAce = 10;
// The canonical path checks bounds once per ACE when this many characters remain (see there).
constexpr std::ptrdiff_t kCanonicalReach = 96;
// Up to this many ACEs, an ACL's vector is reserved from that bound instead of a count.
constexpr std::size_t kSmallAcl = 8;

class Parser {
 public:
  // The descriptor is built in `descriptor`, in place (parse_sddl's result). `spans`: where to
  // record the position of each ACE (parse_sddl_detailed); parse_sddl does not need them and
  // passes null, which skips their allocations. `fast`: try the canonical-ACE path first (off
  // only in the test that compares both paths).
  Parser(std::string_view text, const SddlParseOptions& options, SecurityDescriptor& descriptor,
         std::vector<SddlNote>& notes, SddlParse* spans, bool fast = true)
      : s_(text), opt_(options), sd_(descriptor), notes_(notes), spans_(spans), fast_(fast) {}

  // Reads the whole text into the descriptor and the notes.
  // The parse, and on an error that a pasted look-alike character may explain, its name.
  std::optional<Error> run() {
    auto e = parse();
    if (!e || !e->has_offset()) return e;
    // Looked for up to a little past the error: the token it names may hold the character.
    constexpr std::size_t kReach = 24;
    if (auto l = detail::find_lookalike(s_.substr(0, std::min(s_.size(), e->offset + kReach))))
      e->message += fmt::format(" (the text holds U+{:04X} {}, which looks like '{}' but is not "
                                "it; pasted from a web page or word processor? type '{}')",
                                static_cast<unsigned>(l->what->code_point), l->what->name,
                                l->what->ascii, l->what->ascii);
    return e;
  }

 private:
  std::optional<Error> parse() {
    bool seen_owner = false, seen_group = false, seen_dacl = false, seen_sacl = false;
    for (;;) {
      skip_spaces();
      if (i_ >= s_.size()) break;
      if (!is_section_tag(s_, i_)) {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == ':' &&
            (s_[i_] == 'o' || s_[i_] == 'g' || s_[i_] == 'd' || s_[i_] == 's'))
          return fail(ErrorCode::syntax, i_,
                      fmt::format("section letter '{}' must be upper case ('{}:')", s_[i_],
                                  ascii_upper(s_[i_])));
        return fail(ErrorCode::syntax, i_,
                    fmt::format("expected a section 'O:', 'G:', 'D:' or 'S:', found {}",
                                quoted(s_.substr(i_), 12)));
      }
      const char tag = s_[i_];
      bool& seen = tag == 'O' ? seen_owner : tag == 'G' ? seen_group : tag == 'D' ? seen_dacl : seen_sacl;
      if (seen)
        return fail(ErrorCode::syntax, i_, fmt::format("duplicate '{}:' section", tag));
      seen = true;
      i_ += 2;
      if (tag == 'O' || tag == 'G') {
        SECDESC_TRY(Sid sid, owner_or_group(tag));
        if (tag == 'O')
          sd_.set_owner(std::move(sid));
        else
          sd_.set_group(std::move(sid));
      } else {
        if (auto e = acl(tag == 'D' ? AclKind::dacl : AclKind::sacl)) return std::move(*e);
      }
    }
    if (opt_.strict && !notes_.empty()) {
      const auto& n = notes_.front();
      return make_error(ErrorCode::syntax, n.offset, fmt::format("strict mode: {}", n.message));
    }
    return std::nullopt;
  }

 private:
  Error fail(ErrorCode code, std::size_t at, std::string message) {
    return make_error(code, at, std::move(message));
  }
  void note(SddlNote::Kind kind, std::size_t at, std::string message) {
    notes_.push_back(SddlNote{kind, at, std::move(message)});
  }
  // A form only strict mode refuses; the non-strict notes (the linter's) stay as they were.
  void strict_note(SddlNote::Kind kind, std::size_t at, std::string message) {
    if (opt_.strict) note(kind, at, std::move(message));
  }
  // How many ACEs the ACL starting at i_ holds, by counting the '(' at nesting depth 0 up to the
  // next section: a capacity hint only (a ')' inside a condition's string literal can skew it),
  // so that the ACE vector is allocated once.
  std::size_t count_aces_ahead() const {
    std::size_t count = 0;
    int depth = 0;
    for (std::size_t k = i_; k < s_.size(); ++k) {
      const char c = s_[k];
      if (!is_ace_structure(c)) continue;
      if (c == '(') {
        if (depth++ == 0) ++count;
      } else if (c == ')') {
        if (depth > 0) --depth;
      } else if (c == ':' && depth == 0) {
        break;  // the next section's tag ("S:"): outside ACEs a ':' appears nowhere else
      }
    }
    return count;
  }
  void skip_spaces() {
    if (i_ >= s_.size() || !is_sddl_space(s_[i_])) return;  // the usual case
    std::size_t start = i_;
    while (i_ < s_.size() && is_sddl_space(s_[i_])) ++i_;
    if (i_ > start) note(SddlNote::Kind::whitespace, start, "white space in SDDL");
  }

  // O: and G: end where the next section tag starts (the letter before the next ':'), so
  // "O:S-1-2-0x200D:" reads the owner S-1-2-0x200, as Windows does.
  Result<Sid> owner_or_group(char tag) {
    std::size_t end = s_.find(':', i_);
    end = end == std::string_view::npos ? s_.size() : end - 1;
    if (end < i_) end = i_;
    std::size_t begin = i_;
    i_ = end;
    return sid_field(begin, end, tag == 'O' ? "owner" : "group");
  }

  // A SID field: leading spaces, then an alias (spaces may follow) or a numeric SID (exact).
  Result<Sid> sid_field(std::size_t begin, std::size_t end, std::string_view what) {
    std::size_t j = begin;
    while (j < end && is_sddl_space(s_[j])) ++j;
    if (j > begin) note(SddlNote::Kind::whitespace, begin, "white space before a SID");
    if (j >= end) return fail(ErrorCode::syntax, j, fmt::format("expected the {} SID", what));
    std::string_view field = s_.substr(j, end - j);
    if (field.size() >= 2 && ascii_upper(field[0]) == 'S' && field[1] == '-')
      return detail::parse_numeric_sid(field, j, &notes_);
    std::size_t k = 0;
    while (k < field.size() && !is_sddl_space(field[k])) ++k;
    std::string_view alias = field.substr(0, k);
    // Not an alias: the whole field is named ("Nonexistent account" is one unknown SID, not an
    // alias followed by "account"). SDDL names no account by name.
    if (alias.size() != 2 || !detail::is_alpha(alias[0]) || !detail::is_alpha(alias[1])) {
      std::size_t last = field.size();
      while (last > 0 && is_sddl_space(field[last - 1])) --last;
      return fail(ErrorCode::unknown_alias, j,
                  fmt::format("unknown SID {}: expected a two-letter alias or S-1-...",
                              quoted(field.substr(0, last))));
    }
    for (std::size_t t = k; t < field.size(); ++t)
      if (!is_sddl_space(field[t]))
        return fail(ErrorCode::syntax, j + t,
                    fmt::format("unexpected {} after the SID alias", quoted(field.substr(t), 12)));
    if (k < field.size()) note(SddlNote::Kind::whitespace, j + k, "white space after a SID alias");
    if (detail::has_lower(alias))
      note(SddlNote::Kind::lower_case, j, fmt::format("lower-case SID alias '{}'", alias));
    // Most aliases name the same SID everywhere: take it straight from the table's row.
    if (const WellKnownSid* row = detail::find_sid_alias_row(alias);
        row && row->scope == SidScope::fixed)
      return row->sid;
    auto sid = resolve_sid_alias(alias, opt_.context);
    if (!sid) {
      Error e = std::move(sid).error();
      e.offset = j;
      return e;
    }
    return sid;
  }

  std::optional<Error> acl(AclKind kind) {
    const char tag = kind == AclKind::dacl ? 'D' : 'S';
    std::uint16_t flags = 0;
    bool null_acl = false;
    const std::uint16_t p = kind == AclKind::dacl ? control::dacl_protected : control::sacl_protected;
    const std::uint16_t ar =
        kind == AclKind::dacl ? control::dacl_auto_inherit_req : control::sacl_auto_inherit_req;
    const std::uint16_t ai =
        kind == AclKind::dacl ? control::dacl_auto_inherited : control::sacl_auto_inherited;
    for (;;) {
      skip_spaces();
      if (i_ >= s_.size() || s_[i_] == '(' || is_section_tag(s_, i_)) break;
      std::string_view rest = s_.substr(i_);
      std::uint16_t bit = 0;
      std::size_t len = 0;
      if (rest.starts_with("NO_ACCESS_CONTROL")) {
        if (null_acl) note(SddlNote::Kind::repeated_flag, i_, "repeated NO_ACCESS_CONTROL");
        null_acl = true;
        i_ += 17;
        continue;
      }
      if (rest.starts_with("AR")) bit = ar, len = 2;
      else if (rest.starts_with("AI")) bit = ai, len = 2;
      else if (rest.starts_with("P")) bit = p, len = 1;
      else
        return fail(ErrorCode::syntax, i_,
                    fmt::format("expected an ACL flag (P, AI, AR, NO_ACCESS_CONTROL) or '(' "
                                "after '{}:', found {}",
                                tag, quoted(rest, 12)));
      if (flags & bit)
        note(SddlNote::Kind::repeated_flag, i_,
             fmt::format("repeated ACL flag '{}'", rest.substr(0, len)));
      flags |= bit;
      i_ += len;
    }
    // The ACEs are read straight into the descriptor's ACL object: a new one, or (after
    // parse_sddl_into's clear_keeping_acls) the one it already held, emptied, so that its
    // vector's storage is reused. No ACL is moved or destroyed on the way.
    Acl& list = detail::DescriptorReuse::storage(sd_, kind == AclKind::dacl);
    std::vector<Ace>& aces = list.aces;
    // One allocation per ACL: room for as many ACEs as the text can hold. No ACE is shorter
    // than "(A;;;;;WD)", so for short texts that bound is cheap and close enough; longer ones
    // are counted.
    const std::size_t at_most = (s_.size() - i_) / kShortestAce;
    aces.reserve(at_most <= kSmallAcl ? at_most : count_aces_ahead());
    std::vector<SddlSpan>* spans =
        !spans_ ? nullptr : kind == AclKind::dacl ? &spans_->dacl_aces : &spans_->sacl_aces;
    if (spans) spans->reserve(aces.capacity());
    std::size_t first_begin = 0, last_begin = 0;
    // The ACL's size as the canonical ACEs are read (they are plain ACEs: header, mask, SID);
    // any other ACE leaves the size to Acl::checked_binary_size.
    std::size_t canonical_size = Acl::header_size;
    const auto& plain_types = detail::plain_ace_type_by_key[static_cast<std::size_t>(kind)];
    bool all_canonical = true;
    for (;;) {
      skip_spaces();
      if (i_ >= s_.size() || s_[i_] != '(') break;
      std::size_t begin = i_;
      if (aces.empty()) first_begin = begin;
      last_begin = begin;
      Ace& ace = aces.emplace_back();
      if (fast_ && canonical_ace(plain_types, ace)) {
        canonical_size += 8 + ace.sid.binary_size();
      } else {
        all_canonical = false;
        if (auto e = parse_ace(kind, ace)) return std::move(*e);
      }
      // Windows' documentation requires a label SID of SECURITY_MANDATORY_LABEL_AUTHORITY
      // (MS-DTYP 2.4.4.13); lenient mode keeps the descriptor as written (the linter reports it,
      // the access check refuses to judge it), strict mode refuses it at the SID.
      if (opt_.strict && ace.type == AceType::system_mandatory_label && !is_integrity_sid(ace.sid))
        return fail(ErrorCode::syntax, s_.rfind(';', i_ - 1) + 1,
                    fmt::format("strict mode: the mandatory label's SID {} is not an integrity "
                                "level (S-1-16-N; LW, ME, MP, HI or SI)",
                                ace.sid.to_string()));
      if (spans) spans->push_back(SddlSpan{begin, i_});
    }
    if (null_acl && !aces.empty())
      return fail(ErrorCode::syntax, first_begin,
                  fmt::format("'{}:NO_ACCESS_CONTROL' is a null ACL and cannot hold ACEs", tag));
    if (i_ < s_.size() && !is_section_tag(s_, i_))
      return fail(ErrorCode::syntax, i_,
                  fmt::format("expected '(' to start an ACE or the next section, found {}",
                              quoted(s_.substr(i_), 12)));
    // Canonical ACEs are never object ACEs: the default revision holds unless another ACE is.
    if (!all_canonical) list.revision = Acl::required_revision(aces);
    if (!all_canonical || canonical_size > Acl::max_size) {
      if (auto size = list.checked_binary_size(); !size) {
        Error e = std::move(size).error();
        e.offset = list.aces.empty() ? i_ : last_begin;
        return e;
      }
    }
    auto& sd = sd_;
    if (null_acl) {
      if (kind == AclKind::dacl) sd.set_null_dacl(); else sd.set_null_sacl();
    } else {
      detail::DescriptorReuse::mark_present(sd, kind == AclKind::dacl);
    }
    sd.add_control_flags(flags);
    return std::nullopt;
  }

  // (type;flags;rights;object_guid;inherit_object_guid;sid)
  // The fast path for an ACE in the form Windows writes: "(T;FLAGS;RIGHTS;;;XX)" with upper-case
  // letter codes only, no spaces, no numbers, no GUIDs, no condition, a fixed-scope SID alias and
  // no repeated flag. Such an ACE has exactly one reading and no notes, so the result equals
  // parse_ace's (a test compares both paths over every vector string). Anything else returns
  // false with `ace` and i_ untouched, and parse_ace reads it.
  // `plain_types`: detail::plain_ace_type_by_key for the ACL being read.
  bool canonical_ace(const std::array<std::uint8_t, detail::kCodeKeys>& plain_types, Ace& ace) {
    const char* p = s_.data() + i_ + 1;
    const char* const end = s_.data() + s_.size();
    // No read below goes past `end`. With kCanonicalReach characters left, the type and the flags
    // (each flag at most once) end within 20 of them and the rights loop stops at `limit`, so
    // that the final ";;;XX)" is still within reach. Closer to the end, a ')' must follow (the
    // text's last character, usually, or found by a scan): every character read follows one
    // that was checked to be neither ')' nor past it.
    const char* limit = end;
    if (end - p >= kCanonicalReach)
      limit = p + (kCanonicalReach - 6);
    else if (end[-1] != ')' && std::memchr(p, ')', static_cast<std::size_t>(end - p)) == nullptr)
      return false;
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    // The type: one or two upper-case letters, then ';'.
    const char t0 = p[0];
    if (!upper(t0)) return false;
    const char t1 = p[1];
    int type_key;
    if (t1 == ';') {
      type_key = detail::upper_code_key(t0);
      p += 2;
    } else if (upper(t1) && p[2] == ';') {
      type_key = detail::upper_code_key(t0, t1);
      p += 3;
    } else {
      return false;
    }
    const std::uint8_t type = plain_types[static_cast<std::size_t>(type_key)];
    if (type == 0xFF) return false;
    // Flags and rights: pairs of upper-case letters, each field ended by ';'.
    std::uint8_t flags = 0;
    for (char c; (c = p[0]) != ';'; p += 2) {
      if (!upper(c)) return false;
      const char d = p[1];
      if (!upper(d)) return false;
      std::uint8_t bit = 0;
      for (const auto& t : ace_flag_tokens())
        if (t.letters[0] == c && t.letters[1] == d) bit = t.flag;
      if (bit == 0 || (flags & bit)) return false;
      flags |= bit;
    }
    ++p;
    AccessMask mask = 0;
    for (char c; p < limit && (c = p[0]) != ';'; p += 2) {
      if (!upper(c)) return false;
      const char d = p[1];
      if (!upper(d)) return false;
      const AccessMask bits =
          detail::rights_mask_by_key[static_cast<std::size_t>(detail::upper_code_key(c, d))];
      if (bits == 0) return false;
      mask |= bits;
    }
    if (p >= limit) return false;
    // ";;;" closes the rights and the two empty GUID fields; then a two-letter alias and ')'.
    if (p[1] != ';' || p[2] != ';' || !upper(p[3]) || !upper(p[4]) || p[5] != ')') return false;
    const char a0 = p[3], a1 = p[4];
    const Sid* sid =
        detail::fixed_alias_sid_by_key[static_cast<std::size_t>(detail::upper_code_key(a0, a1))];
    if (!sid) return false;
    ace.type = static_cast<AceType>(type);
    ace.flags = flags;
    ace.mask = mask;
    ace.sid = *sid;
    i_ = static_cast<std::size_t>(p + 6 - s_.data());
    return true;
  }

  // Parses the ACE at i_ into `ace` (a fresh Ace) and moves i_ past it. The steps below read
  // the fields in order; each reports the first error it finds, so the order of the checks (and
  // hence which error a malformed ACE gets) is the order of these calls.
  std::optional<Error> parse_ace(AclKind kind, Ace& ace) {
    const std::size_t open = i_;
    ++i_;
    // Field 1: the type decides whether the ACE can be parsed at all.
    AceTypeField type;
    if (auto e = ace_type_field(kind, type)) return std::move(*e);
    const AceTypeInfo& info = type.info;
    AceFields fields;
    if (auto e = split_ace_fields(open, info, fields)) return std::move(*e);
    if (type.end != fields.end(0))
      return fail(ErrorCode::syntax, type.end, "expected ';' after the ACE type");

    ace.type = info.type;
    if (auto e = ace_flags_field(fields.begin[1], fields.end(1), ace.flags)) return std::move(*e);
    if (auto e = rights_field(fields.begin[2], fields.end(2), ace.mask)) return std::move(*e);
    if (auto e = guid_fields(info, fields, ace)) return std::move(*e);
    // MS Learn "ACE Strings": an object ACE with neither GUID is converted to the plain type
    // (OA -> A, ...). The Windows vectors agree: none of the 11,483 object ACEs in the Windows
    // bytes of windows_sddl_binary.tsv lacks both GUIDs.
    if (info.object && !ace.object_type && !ace.inherited_object_type)
      ace.type = plain_type_of(ace.type);
    SECDESC_TRY(ace.sid, sid_field(fields.begin[5], fields.sid_end, "trustee"));
    std::size_t close = fields.close;
    if (fields.data != npos) {
      if (auto e = ace_data_field(info, fields.data, ace, close)) return std::move(*e);
    }
    i_ = close + 1;
    return std::nullopt;
  }

  static constexpr std::size_t npos = std::string_view::npos;

  // The type field of the ACE at i_ (just past its '('): the row of the type table, and where
  // the field's text ends.
  struct AceTypeField {
    AceTypeInfo info{};
    std::size_t end = 0;  // the ';' or ')' after the type's text
  };

  // Reads the type at i_ (leading spaces allowed) and checks that secdesc supports it and that
  // it belongs in this ACL.
  std::optional<Error> ace_type_field(AclKind kind, AceTypeField& out) {
    std::size_t j = i_;
    while (j < s_.size() && is_sddl_space(s_[j])) ++j;
    if (j > i_) note(SddlNote::Kind::whitespace, i_, "white space before the ACE type");
    std::size_t type_end = j;
    while (type_end < s_.size() && s_[type_end] != ';' && s_[type_end] != ')') ++type_end;
    std::string_view type_text = s_.substr(j, type_end - j);
    auto info = find_ace_type(type_text);
    if (!info || info->sddl.empty()) {
      if (!type_text.empty() && type_text.back() == ' ' &&
          find_ace_type(type_text.substr(0, type_text.find(' '))))
        return fail(ErrorCode::syntax, j + type_text.find(' '),
                    "unexpected space after the ACE type: expected ';'");
      return fail(ErrorCode::syntax, j,
                  fmt::format("unknown ACE type {}: expected A, D, OA, OD, AU, AL, OU, OL, ML, SP, XA, XD, XU, "
                              "ZA, RA, TL or FL",
                              quoted(type_text, 12)));
    }
    if (!info->supported)
      return fail(ErrorCode::unsupported, j,
                  fmt::format("{} ACEs are not supported", detail::upper(type_text)));
    if (detail::has_lower(type_text))
      note(SddlNote::Kind::lower_case, j, fmt::format("lower-case ACE type '{}'", type_text));
    if (info->acl != kind)
      return fail(ErrorCode::syntax, j,
                  fmt::format("ACE type '{}' is not allowed in a {}", info->sddl,
                              kind == AclKind::dacl ? "DACL (D:)" : "SACL (S:)"));
    out.info = *info;
    out.end = type_end;
    return std::nullopt;
  }

  // Where the fields of one ACE are in s_.
  struct AceFields {
    std::size_t begin[6] = {};  // the first character of fields 1-6
    std::size_t sid_end = 0;    // one past the SID field (field 6)
    std::size_t close = npos;   // the ')' after field 6, or npos when a 7th field follows
    std::size_t data = npos;    // the first character of the 7th field, or npos
    // One past field f (0-based): the ';' that ends it, or sid_end for the SID.
    std::size_t end(std::size_t f) const { return f == 5 ? sid_end : begin[f + 1] - 1; }
  };

  // Finds the fields of the ACE whose '(' is at `open`. Fields 1-6 hold no parentheses and end
  // at the first ')' or, for a callback ACE (XA XD XU ZA), an access filter ACE (FL, whose
  // condition Windows writes like XA's) or a resource attribute ACE (RA), at
  // the ';' before the 7th field, "(...)", which may hold parentheses and ';' (MS-DTYP 2.5.1.1):
  // the ACE then ends after it (ace_data_field finds where).
  std::optional<Error> split_ace_fields(std::size_t open, const AceTypeInfo& info,
                                        AceFields& out) {
    const bool takes_data = info.callback || info.type == AceType::system_resource_attribute;
    out.begin[0] = open + 1;
    std::size_t fields = 1;
    std::size_t close = npos;
    std::size_t data = npos;
    for (std::size_t k = open + 1; k < s_.size() && close == npos && data == npos; ++k) {
      if (!is_ace_structure(s_[k])) continue;
      if (s_[k] == ')') {
        close = k;
      } else if (s_[k] == ';') {
        if (fields < 6)
          out.begin[fields++] = k + 1;
        else if (takes_data)
          data = k + 1;
        else
          return fail(ErrorCode::syntax, k, "too many fields in ACE: expected 6 separated by ';'");
      } else if (s_[k] == '(') {
        return fail(ErrorCode::syntax, k, "unexpected '(' inside an ACE");
      }
    }
    if (close == npos && data == npos)
      return fail(ErrorCode::syntax, open, "ACE is not closed: expected ')'");
    const std::size_t sid_end = data != npos ? data - 1 : close;
    if (fields != 6)
      return fail(ErrorCode::syntax, sid_end,
                  fmt::format("ACE has {} fields, expected 6 (type;flags;rights;object "
                              "guid;inherited object guid;sid): expected ';'",
                              fields));
    if (takes_data && data == npos)
      return fail(ErrorCode::syntax, close,
                  fmt::format("a {} ACE needs a 7th field after the SID: expected ';(' and {}",
                              info.sddl,
                              info.callback ? "a condition" : "the attribute (\"name\",TYPE,flags,values)"));
    out.sid_end = sid_end;
    out.close = close;
    out.data = data;
    return std::nullopt;
  }

  // Fields 4 and 5: the object type and inherited object type GUIDs, each empty or a GUID
  // (object ACE types only).
  std::optional<Error> guid_fields(const AceTypeInfo& info, const AceFields& fields, Ace& ace) {
    for (std::size_t g = 0; g < 2; ++g) {
      std::size_t b = fields.begin[3 + g], e = fields.end(3 + g);
      if (b == e) continue;
      std::string_view text = s_.substr(b, e - b);
      if (text.find_first_not_of(' ') == std::string_view::npos) {
        // Windows reads a GUID field of spaces only as empty, but no space around a GUID.
        note(SddlNote::Kind::whitespace, b, "white space in an empty GUID field");
        continue;
      }
      auto guid = Guid::parse(text);
      if (!guid)
        return fail(ErrorCode::syntax, b,
                    fmt::format("invalid {}GUID {}: expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx "
                                "with no spaces or braces",
                                g == 0 ? "object type " : "inherited object type ",
                                quoted(text, 40)));
      if (!info.object)
        return fail(ErrorCode::syntax, b,
                    fmt::format("ACE type '{}' takes no GUIDs; use an object ACE type (OA, OD, "
                                "OU, OL)",
                                info.sddl));
      (g == 0 ? ace.object_type : ace.inherited_object_type) = *guid;
    }
    return std::nullopt;
  }

  // The plain ACE type an object ACE type stands for (OA -> A, ...); other types unchanged.
  static AceType plain_type_of(AceType type) noexcept {
    switch (type) {
      case AceType::access_allowed_object: return AceType::access_allowed;
      case AceType::access_denied_object: return AceType::access_denied;
      case AceType::system_audit_object: return AceType::system_audit;
      case AceType::system_alarm_object: return AceType::system_alarm;
      default: return type;
    }
  }

  // The 7th field at `data`: a callback ACE's condition or a resource attribute ACE's
  // attribute, then the ')' that closes the ACE (its position goes to `close`).
  std::optional<Error> ace_data_field(const AceTypeInfo& info, std::size_t data, Ace& ace,
                                      std::size_t& close) {
    std::size_t pos = data;
    if (info.callback) {
      SECDESC_TRY(ace.condition, detail::parse_sddl_condition(s_, pos, opt_.context));
    } else {
      SECDESC_TRY(ace.resource_attribute,
                  detail::parse_sddl_resource_attribute(s_, pos, opt_.context));
    }
    if (pos >= s_.size() || s_[pos] != ')')
      return fail(ErrorCode::syntax, pos,
                  fmt::format("expected ')' to close the ACE after its {}, found {}",
                              info.callback ? "condition" : "attribute",
                              pos < s_.size() ? quoted(s_.substr(pos), 12) : "the end"));
    close = pos;
    return std::nullopt;
  }

  std::optional<Error> ace_flags_field(std::size_t b, std::size_t e, std::uint8_t& flags) {
    std::size_t j = b;
    while (j < e && is_sddl_space(s_[j])) ++j;
    if (j > b) note(SddlNote::Kind::whitespace, b, "white space in ACE flags");
    for (; j < e; j += 2) {
      std::string_view tok = s_.substr(j, std::min<std::size_t>(2, e - j));
      const AceFlagToken* found = nullptr;
      for (const auto& t : ace_flag_tokens())
        if (tok.size() == 2 && detail::iequals(t.letters, tok)) found = &t;
      if (!found)
        return fail(ErrorCode::syntax, j,
                    fmt::format("unknown ACE flag {}: expected OI, CI, NP, IO, ID, CR, SA, FA or "
                                "TP, then ';'",
                                quoted(tok)));
      if (detail::has_lower(tok))
        note(SddlNote::Kind::lower_case, j, fmt::format("lower-case ACE flag '{}'", tok));
      if (flags & found->flag)
        note(SddlNote::Kind::repeated_flag, j, fmt::format("repeated ACE flag '{}'", tok));
      flags |= found->flag;
    }
    return std::nullopt;
  }

  std::optional<Error> rights_field(std::size_t b, std::size_t e, AccessMask& mask) {
    std::size_t j = b;
    std::size_t first_letters = std::string_view::npos;  // where the first letter code is
    std::size_t first_number = std::string_view::npos;   // and the first number
    bool mixed_noted = false;
    auto mixed = [&] {
      if (mixed_noted || first_letters == std::string_view::npos ||
          first_number == std::string_view::npos)
        return;
      mixed_noted = true;
      strict_note(SddlNote::Kind::mixed_rights, std::max(first_letters, first_number),
                  "letters and a number in one rights field: write one or the other (the mask "
                  "is their union)");
    };
    while (j < e && is_sddl_space(s_[j])) ++j;
    if (j > b) note(SddlNote::Kind::whitespace, b, "white space in rights");
    while (j < e) {
      if (is_sddl_space(s_[j])) {
        std::size_t start = j;
        while (j < e && is_sddl_space(s_[j])) ++j;
        if (j == e) return fail(ErrorCode::syntax, start, "unexpected space after the rights: expected ';'");
        note(SddlNote::Kind::whitespace, start, "white space between rights");
        continue;
      }
      const char c = s_[j];
      if (detail::is_digit(c) || c == '-' || c == '+') {
        auto n = detail::parse_number(s_.substr(0, e), j, 0, 0xFFFFFFFFULL, true);
        if (n.length == 0)
          return fail(ErrorCode::syntax, j, "expected a number after the sign");
        auto v = static_cast<std::uint32_t>(n.value);
        if (n.negative) {
          v = static_cast<std::uint32_t>(0u - v);
          note(SddlNote::Kind::negative_number, j,
               fmt::format("negative access mask (Windows reads it as 0x{:x})", v));
        }
        if (n.overflow)
          note(SddlNote::Kind::overflowing_number, j,
               "access mask over 32 bits (Windows saturates it to 0xffffffff)");
        if (n.base == 8 && n.length > 1)
          note(SddlNote::Kind::octal_number, j,
               fmt::format("octal access mask (leading 0): it means 0x{:x}", v));
        const std::size_t digits = j + (n.negative || s_[j] == '+' ? 1 : 0);
        if (n.base == 10 && n.length > (digits - j) + 1)  // a single digit reads the same in hex
          strict_note(SddlNote::Kind::decimal_number, j,
                      fmt::format("decimal access mask '{}' reads like hex: write 0x{:x}",
                                  s_.substr(j, n.length), v));
        if (n.base == 16 && s_[digits + 1] == 'X')
          strict_note(SddlNote::Kind::upper_case_hex_prefix, digits + 1,
                      "upper-case '0X' prefix: write '0x'");
        if (first_number == std::string_view::npos) first_number = j;
        mask |= v;
        j += n.length;
        mixed();
        continue;
      }
      std::string_view tok = s_.substr(j, std::min<std::size_t>(2, e - j));
      auto token = tok.size() == 2 ? find_rights_token(tok) : std::nullopt;
      if (!token)
        return fail(ErrorCode::syntax, j,
                    fmt::format("unknown access right {}: expected two-letter rights (GA, GR, "
                                "FA, KR, ...) or a number",
                                quoted(tok)));
      if (detail::has_lower(tok))
        note(SddlNote::Kind::lower_case, j, fmt::format("lower-case access right '{}'", tok));
      if (first_letters == std::string_view::npos) first_letters = j;
      mask |= token->mask;
      j += 2;
      mixed();
    }
    return std::nullopt;
  }

  std::string_view s_;
  const SddlParseOptions& opt_;
  SecurityDescriptor& sd_;
  std::vector<SddlNote>& notes_;
  SddlParse* spans_;
  const bool fast_;
  std::size_t i_ = 0;
};

std::string sid_to_sddl(const Sid& sid, const SidContext& context) {
  if (auto alias = sid_alias(sid, context)) return std::string(*alias);
  return sid.to_string();
}

void append_acl(std::string& out, char tag, AclState state, const std::optional<Acl>& acl,
                std::uint16_t flags, bool is_dacl, const SddlFormatOptions& options) {
  const std::uint16_t p = is_dacl ? control::dacl_protected : control::sacl_protected;
  const std::uint16_t ar = is_dacl ? control::dacl_auto_inherit_req : control::sacl_auto_inherit_req;
  const std::uint16_t ai = is_dacl ? control::dacl_auto_inherited : control::sacl_auto_inherited;
  // No D:/S: for an ACL that is not present, whatever its control flags say: the flags of an
  // absent ACL mean nothing, and "D:P" would read back as a present, empty DACL.
  if (state == AclState::absent) return;
  out += tag;
  out += ':';
  if (flags & p) out += 'P';
  if (flags & ar) out += "AR";
  if (flags & ai) out += "AI";
  if (state == AclState::null) out += "NO_ACCESS_CONTROL";
  if (acl)
    for (const auto& ace : acl->aces) out += ace_to_sddl(ace, options);
}

Error length_error(std::string_view text) {
  return make_error(ErrorCode::limit_exceeded, max_sddl_length,
                    fmt::format("SDDL string of {} characters is over the {}-character limit",
                                text.size(), max_sddl_length));
}

}  // namespace

namespace {
Result<SddlParse> parse_detailed(std::string_view text, const SddlParseOptions& options, bool fast) {
  Result<SddlParse> out(std::in_place);
  if (text.size() > max_sddl_length)
    out = length_error(text);
  else if (auto e = Parser(text, options, out->descriptor, out->notes, &*out, fast).run())
    out = std::move(*e);
  return out;
}
}  // namespace

std::optional<Error> parse_sddl_into(std::string_view text, SecurityDescriptor& out,
                                     const SddlParseOptions& options) {
  detail::DescriptorReuse::clear_keeping_acls(out);
  std::optional<Error> error;
  std::vector<SddlNote> notes;  // only strict mode reads them
  if (text.size() > max_sddl_length)
    error = length_error(text);
  else
    error = Parser(text, options, out, notes, nullptr, true).run();
  if (error)
    out = SecurityDescriptor{};
  else
    detail::DescriptorReuse::drop_unused(out);
  return error;
}

Result<SddlParse> parse_sddl_detailed(std::string_view text, const SddlParseOptions& options) {
  return parse_detailed(text, options, true);
}

Result<SddlParse> detail::parse_sddl_without_fast_path(std::string_view text,
                                                       const SddlParseOptions& options) {
  return parse_detailed(text, options, false);
}

Result<SecurityDescriptor> parse_sddl(std::string_view text, const SddlParseOptions& options) {
  // Built in place in the result: every path returns `out`, so it is not moved again.
  Result<SecurityDescriptor> out(std::in_place);
  std::vector<SddlNote> notes;  // only strict mode reads them
  if (text.size() > max_sddl_length)
    out = length_error(text);
  else if (auto e = Parser(text, options, *out, notes, nullptr).run())
    out = std::move(*e);
  return out;
}

std::string ace_to_sddl(const Ace& ace, const SddlFormatOptions& options) {
  std::string out = "(";
  auto info = find_ace_type(ace.type);
  if (info && !info->sddl.empty())
    out += info->sddl;
  else
    out += fmt::format("0x{:x}", static_cast<unsigned>(ace.type));
  out += ';';
  for (const auto& t : ace_flag_tokens())
    if ((ace.flags & t.flag) && writes_flag_token(t, ace.type)) out += t.letters;
  out += ';';
  out += format_sddl_rights(ace.mask, ace.type == AceType::system_mandatory_label);
  out += ';';
  if (ace.object_type) out += ace.object_type->to_string();
  out += ';';
  if (ace.inherited_object_type) out += ace.inherited_object_type->to_string();
  out += ';';
  out += sid_to_sddl(ace.sid, options.context);
  if (ace.condition) {
    out += ';';
    out += to_sddl(*ace.condition, options.context);
  } else if (ace.resource_attribute) {
    out += ';';
    out += to_sddl(*ace.resource_attribute, options.context);
  }
  out += ')';
  return out;
}

std::string to_sddl(const SecurityDescriptor& sd, const SddlFormatOptions& options) {
  std::string out;
  const unsigned parts = options.parts;
  if (sd.owner() && (parts & sddl_parts::owner))
    out += "O:" + sid_to_sddl(*sd.owner(), options.context);
  if (sd.group() && (parts & sddl_parts::group))
    out += "G:" + sid_to_sddl(*sd.group(), options.context);
  if (parts & sddl_parts::dacl)
    append_acl(out, 'D', sd.dacl_state(), sd.dacl(), sd.control(), true, options);
  if (parts & sddl_parts::sacl)
    append_acl(out, 'S', sd.sacl_state(), sd.sacl(), sd.control(), false, options);
  return out;
}

}  // namespace secdesc
