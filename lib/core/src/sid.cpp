#include "secdesc/sid.hpp"

#include <array>
#include <bit>
#include <cstring>

#include <fmt/format.h>

#include "core/internal/sid_text.hpp"
#include "core/internal/text.hpp"

namespace secdesc {

Result<Sid> Sid::from_parts(std::uint64_t authority, std::span<const std::uint32_t> subs) {
  if (authority > max_authority)
    return make_error(ErrorCode::invalid_sid, Error::no_offset,
                      fmt::format("SID authority {} does not fit in 48 bits", authority));
  if (subs.size() > max_sub_authorities)
    return make_error(ErrorCode::limit_exceeded, Error::no_offset,
                      fmt::format("a SID has at most 15 sub-authorities, not {}", subs.size()));
  Sid sid;
  sid.set_authority(authority);
  sid.head_[1] = static_cast<std::uint8_t>(subs.size());
  for (std::size_t i = 0; i < subs.size(); ++i) sid.subs_[i] = subs[i];
  return sid;
}

Result<Sid> Sid::with_rid(std::uint32_t rid) const {
  if (head_[1] >= max_sub_authorities)
    return make_error(ErrorCode::limit_exceeded, Error::no_offset,
                      "a SID has at most 15 sub-authorities");
  Sid out = *this;
  out.subs_[out.head_[1]++] = rid;
  return out;
}

bool Sid::is_prefix_plus_one(const Sid& prefix) const noexcept {
  const std::size_t count = head_[1];
  if (count != prefix.sub_authority_count() + 1 || authority() != prefix.authority()) return false;
  for (std::size_t i = 0; i + 1 < count; ++i)
    if (subs_[i] != prefix.subs_[i]) return false;
  return true;
}

std::string Sid::to_string() const {
  std::string out = "S-1-";
  const std::uint64_t authority = this->authority();
  if (authority >= (1ULL << 32))
    out += fmt::format("0x{:X}", authority);  // Windows' form: upper-case hex
  else
    out += fmt::format("{}", authority);
  for (std::uint32_t sub : sub_authorities()) out += fmt::format("-{}", sub);
  return out;
}

void Sid::encode_to(std::vector<std::byte>& out) const {
  const std::size_t at = out.size();
  out.resize(at + binary_size());
  write_to(std::span(out).subspan(at));
}

Result<Sid> Sid::decode(std::span<const std::byte> bytes, std::size_t base) {
  if (bytes.size() < 8)
    return make_error(ErrorCode::malformed_binary, base,
                      fmt::format("SID needs at least 8 bytes, {} left", bytes.size()));
  auto u8 = [&](std::size_t i) { return std::to_integer<std::uint8_t>(bytes[i]); };
  if (u8(0) != 1)
    return make_error(ErrorCode::malformed_binary, base,
                      fmt::format("SID revision is {}, expected 1", u8(0)));
  std::size_t count = u8(1);
  if (count > max_sub_authorities)
    return make_error(ErrorCode::malformed_binary, base + 1,
                      fmt::format("SID has {} sub-authorities, at most 15 allowed", count));
  if (bytes.size() < 8 + 4 * count)
    return make_error(ErrorCode::malformed_binary, base,
                      fmt::format("SID with {} sub-authorities needs {} bytes, {} left", count,
                                  8 + 4 * count, bytes.size()));
  Sid sid;
  for (std::size_t i = 2; i < 8; ++i) sid.head_[i] = u8(i);
  sid.head_[1] = static_cast<std::uint8_t>(count);
  for (std::size_t k = 0; k < count; ++k) {
    std::size_t p = 8 + 4 * k;
    sid.subs_[k] = static_cast<std::uint32_t>(u8(p)) | (static_cast<std::uint32_t>(u8(p + 1)) << 8) |
                   (static_cast<std::uint32_t>(u8(p + 2)) << 16) |
                   (static_cast<std::uint32_t>(u8(p + 3)) << 24);
  }
  return sid;
}

Result<Sid> resolve_sid_alias(std::string_view alias, const SidContext& context) {
  const WellKnownSid* row = detail::find_sid_alias_row(alias);
  if (!row)
    return make_error(ErrorCode::unknown_alias, 0, fmt::format("unknown SID alias '{}'", alias));
  if (row->scope == SidScope::fixed) return row->sid;
  if (!context.domain)
    return make_error(ErrorCode::domain_required, 0,
                      fmt::format("SID alias '{}' ({}) is relative to a domain: supply a domain "
                                  "SID (S-1-5-21-x-y-z), e.g. with --domain-sid",
                                  detail::upper(alias), row->name));
  return context.domain->with_rid(*row->sid.rid());
}

std::optional<std::string_view> sid_alias(const Sid& sid, const SidContext& context) noexcept {
  for (const auto& row : well_known_sids()) {
    if (row.alias.empty()) continue;
    if (row.scope == SidScope::fixed) {
      if (row.sid == sid) return row.alias;
    } else if (context.domain && sid.is_prefix_plus_one(*context.domain) &&
               sid.rid() == row.sid.rid()) {
      return row.alias;
    }
  }
  return std::nullopt;
}

std::optional<std::string> sid_display_name(const Sid& sid, const SidContext& context) {
  for (const auto& row : well_known_sids()) {
    if (row.scope == SidScope::fixed) {
      if (row.sid == sid) return std::string(row.name);
    } else if (context.domain && sid.is_prefix_plus_one(*context.domain) &&
               sid.rid() == row.sid.rid()) {
      return std::string(row.name);
    }
  }
  return std::nullopt;
}

Result<Sid> parse_domain_sid(std::string_view text) {
  SECDESC_TRY(Sid sid, detail::parse_numeric_sid(text, 0, nullptr));
  auto subs = sid.sub_authorities();
  if (sid.authority() != sid_authority::nt || subs.size() != 4 || subs[0] != sid_rid::nt_non_unique)
    return make_error(ErrorCode::invalid_argument, 0,
                      fmt::format("'{}' is not a domain SID: expected S-1-5-21-x-y-z", text));
  return sid;
}

Result<Sid> parse_sid(std::string_view text, const SidContext& context) {
  if (text.size() == 2 && detail::is_alpha(text[0]) && detail::is_alpha(text[1]))
    return resolve_sid_alias(text, context);
  if (text.size() >= 2 && detail::ascii_upper(text[0]) == 'S' && text[1] == '-')
    return detail::parse_numeric_sid(text, 0, nullptr);
  return make_error(ErrorCode::invalid_sid, 0,
                    fmt::format("'{}' is neither a SID (S-1-...) nor a two-letter SID alias", text));
}

Result<Sid> parse_principal(std::string_view text, const SidContext& context) {
  const bool sid_like = (text.size() == 2 && detail::is_alpha(text[0]) && detail::is_alpha(text[1])) ||
                        (text.size() >= 2 && detail::ascii_upper(text[0]) == 'S' && text[1] == '-');
  if (sid_like) return parse_sid(text, context);
  for (const auto& n : principal_names())
    if (detail::iequals(n.words, text)) return parse_sid(n.sid, context);
  for (const auto& row : well_known_sids()) {
    if (row.scope != SidScope::fixed) continue;
    std::string_view name = row.name;
    std::string_view short_name = name.substr(name.find('\\') == std::string_view::npos ? 0 : name.find('\\') + 1);
    if (detail::iequals(name, text) || detail::iequals(short_name, text)) return row.sid;
  }
  return make_error(ErrorCode::unknown_alias, 0,
                    fmt::format("unknown principal '{}': use an SDDL alias (SY, BA, IU, ...), a SID "
                                "(S-1-5-...) or a well-known name such as 'Interactive users'",
                                text));
}

Result<Sid> parse_integrity_level(std::string_view text) {
  for (const auto& level : integrity_level_names())
    if (detail::iequals(level.name, text)) return level.sid;
  if (text.size() >= 2 && detail::ascii_upper(text[0]) == 'S' && text[1] == '-') {
    auto sid = parse_sid(text);
    if (!sid) return sid;
    if (!is_integrity_sid(*sid))
      return make_error(ErrorCode::invalid_argument, 0,
                        fmt::format("'{}' is not an integrity level SID (S-1-16-N)", text));
    return sid;
  }
  return make_error(ErrorCode::invalid_argument, 0,
                    fmt::format("unknown integrity level '{}': expected untrusted, low, medium, "
                                "medium-plus, high, system or S-1-16-N",
                                text));
}

std::string integrity_level_name(const Sid& level) {
  for (const auto& l : integrity_level_names())
    if (l.sid == level) return std::string(l.name);
  return level.to_string();
}

namespace detail {

namespace {
void note(std::vector<TextNote>* notes, TextNote::Kind kind, std::size_t offset, std::string msg) {
  if (notes) notes->push_back(TextNote{kind, offset, std::move(msg)});
}
}  // namespace

Result<Sid> parse_numeric_sid(std::string_view text, std::size_t base, std::vector<TextNote>* notes) {
  auto fail = [&](std::size_t at, std::string msg) {
    return make_error(ErrorCode::invalid_sid, base + at, std::move(msg));
  };
  if (text.size() < 2 || ascii_upper(text[0]) != 'S' || text[1] != '-')
    return fail(0, "expected a SID starting with 'S-'");
  if (text[0] == 's') note(notes, TextNote::Kind::lower_case, base, "lower-case 's' in SID");
  std::size_t i = 2;
  // Each part: optional spaces (Windows skips them after '-'), then a number.
  auto read_part = [&](int part_base, std::uint64_t limit, const char* what) -> Result<ParsedNumber> {
    std::size_t start = i;
    while (i < text.size() && is_sddl_space(text[i])) ++i;
    if (i > start) note(notes, TextNote::Kind::whitespace, base + start, "space inside a SID");
    const bool hex_prefix = i + 1 < text.size() && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X');
    ParsedNumber n = parse_number(text, i, hex_prefix ? 16 : part_base, limit, false);
    if (n.length == 0)
      return make_error(ErrorCode::invalid_sid, base + i,
                        fmt::format("expected the SID {} (a number) here", what));
    // Windows writes authorities of 2^32 and above in hex; any other hex part is unusual.
    const bool canonical_hex = std::string_view(what) == "authority" && n.value >= (1ULL << 32);
    if (n.base == 16 && !canonical_hex)
      note(notes, TextNote::Kind::hex_sid_part, base + i, "hexadecimal part in a SID");
    i += n.length;
    return n;
  };
  SECDESC_TRY(const ParsedNumber rev, read_part(10, 0xFFFFFFFFULL, "revision"));
  if (rev.value != 1 || rev.overflow) return fail(2, "SID revision must be 1");
  // Windows quirk: after a hex revision ("S-0x1-"), every later part is read as hex.
  const int part_base = rev.base == 16 ? 16 : 10;
  if (i >= text.size() || text[i] != '-') return fail(i, "expected '-' and the SID authority");
  ++i;
  std::size_t auth_at = i;
  SECDESC_TRY(const ParsedNumber auth, read_part(part_base, ~0ULL, "authority"));
  if (auth.overflow || auth.value > Sid::max_authority)
    return fail(auth_at, "SID authority does not fit in 48 bits");
  std::uint32_t subs[Sid::max_sub_authorities];
  std::size_t count = 0;
  while (i < text.size()) {
    if (text[i] != '-') return fail(i, fmt::format("unexpected '{}' in SID", text[i]));
    ++i;
    if (count == Sid::max_sub_authorities)
      return make_error(ErrorCode::limit_exceeded, base + i,
                        "a SID has at most 15 sub-authorities");
    std::size_t at = i;
    SECDESC_TRY(const ParsedNumber sub, read_part(part_base, 0xFFFFFFFFULL, "sub-authority"));
    if (sub.overflow)
      note(notes, TextNote::Kind::overflowing_number, base + at,
           "SID sub-authority over 4294967295 (Windows saturates it)");
    subs[count++] = static_cast<std::uint32_t>(sub.value);
  }
  if (count == 0) return fail(text.size(), "a SID needs at least one sub-authority");
  return Sid::from_parts(auth.value, std::span<const std::uint32_t>(subs, count));
}

}  // namespace detail
}  // namespace secdesc
