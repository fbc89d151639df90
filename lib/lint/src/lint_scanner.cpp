// The SDDL literal scanner: one small lexer per language family, a shared decoder for escapes
// that remembers where each decoded byte came from, and the heuristic that keeps SDDL strings.
//
// The lexers know only what they need to find strings reliably: comments (so that quotes in
// them do not start strings), character literals and numbers (C++ digit separators), raw and
// verbatim strings, and which literals a language joins when they are adjacent.
#include "secdesc/lint_scanner.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "core/internal/suggest.hpp"
#include "core/internal/text.hpp"

namespace secdesc {
namespace {

using detail::hex_value;
using detail::is_alpha;
using detail::is_digit;

constexpr bool is_ident_start(char c) noexcept { return is_alpha(c) || c == '_'; }
constexpr bool is_ident_char(char c) noexcept { return is_ident_start(c) || is_digit(c); }
constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r'; }
constexpr bool is_space(char c) noexcept { return is_blank(c) || c == '\n' || c == '\f' || c == '\v'; }

// --- extensions ---------------------------------------------------------------------------

struct ExtensionLanguage {
  std::string_view extension;  // lower case, with the dot
  SourceLanguage language;
};

using L = SourceLanguage;
constexpr std::array kExtensions{
    ExtensionLanguage{".c", L::cpp},      ExtensionLanguage{".h", L::cpp},
    ExtensionLanguage{".cc", L::cpp},     ExtensionLanguage{".cpp", L::cpp},
    ExtensionLanguage{".cxx", L::cpp},    ExtensionLanguage{".c++", L::cpp},
    ExtensionLanguage{".hh", L::cpp},     ExtensionLanguage{".hpp", L::cpp},
    ExtensionLanguage{".hxx", L::cpp},    ExtensionLanguage{".h++", L::cpp},
    ExtensionLanguage{".inl", L::cpp},    ExtensionLanguage{".ipp", L::cpp},
    ExtensionLanguage{".ixx", L::cpp},    ExtensionLanguage{".cppm", L::cpp},
    ExtensionLanguage{".rc", L::cpp},     ExtensionLanguage{".idl", L::cpp},
    ExtensionLanguage{".cs", L::csharp},  ExtensionLanguage{".go", L::go},
    ExtensionLanguage{".py", L::python},  ExtensionLanguage{".pyw", L::python},
    ExtensionLanguage{".pyi", L::python}, ExtensionLanguage{".ps1", L::powershell},
    ExtensionLanguage{".psm1", L::powershell}, ExtensionLanguage{".psd1", L::powershell},
    ExtensionLanguage{".json", L::json},  ExtensionLanguage{".jsonc", L::json},
    ExtensionLanguage{".yml", L::yaml},   ExtensionLanguage{".yaml", L::yaml},
    ExtensionLanguage{".inf", L::inf},    ExtensionLanguage{".inx", L::inf},
    ExtensionLanguage{".reg", L::reg},
};

// --- object type inference ------------------------------------------------------------------

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
};
constexpr std::array<std::string_view, 11> kApiSuffixes{
    "", "A", "W", "Ex", "ExA", "ExW", "2", "FromApp", "Numa", "NumaA", "NumaW"};
// How many lines above the literal the inference and the directive search look.
constexpr std::size_t kInferenceLines = 3;

std::optional<ObjectType> api_object_type(std::string_view identifier) noexcept {
  for (const auto& row : kApiObjectTypes) {
    if (!identifier.starts_with(row.api)) continue;
    const std::string_view rest = identifier.substr(row.api.size());
    for (auto suffix : kApiSuffixes)
      if (rest == suffix) return row.type;
  }
  return std::nullopt;
}

// --- lines and positions ------------------------------------------------------------------

class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    const char* base = text.data();
    const char* p = base;
    const char* end = base + text.size();
    while (p < end) {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
      if (!nl) break;
      p = static_cast<const char*>(nl) + 1;
      starts_.push_back(static_cast<std::size_t>(p - base));
    }
  }

  std::size_t count() const noexcept { return starts_.size(); }
  std::size_t line_of(std::size_t offset) const noexcept {
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    return static_cast<std::size_t>(it - starts_.begin()) - 1;
  }
  std::size_t start(std::size_t line) const noexcept { return starts_[line]; }
  // The line's text without its '\n' (and without a '\r' before it).
  std::string_view line(std::size_t index) const noexcept {
    std::size_t b = starts_[index];
    std::size_t e = index + 1 < starts_.size() ? starts_[index + 1] - 1 : text_.size();
    if (e > b && text_[e - 1] == '\r') --e;
    return text_.substr(b, e - b);
  }
  std::size_t end(std::size_t index) const noexcept { return start(index) + line(index).size(); }

  SourcePosition position(std::size_t offset) const noexcept {
    const std::size_t line = line_of(offset);
    return SourcePosition{line + 1, 1 + code_points(start(line), offset)};
  }

  // Characters (UTF-8 code points) in [from, to).
  std::size_t code_points(std::size_t from, std::size_t to) const noexcept {
    std::size_t n = 0;
    for (std::size_t i = from; i < to && i < text_.size(); ++i)
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++n;
    return n;
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

// --- decoding -------------------------------------------------------------------------------

enum class Escapes : std::uint8_t {
  none,        // raw strings, plain scalars, text
  c,           // C and C++
  csharp,
  go,
  python,
  json,
  yaml,        // YAML double-quoted: JSON's escapes and more, line folding
  doubled,     // the quote written twice stands for one: C# @"", PowerShell '', YAML '', INF ""
  powershell,  // PowerShell "...": backtick escapes and ""
  reg,         // .reg values: \\ and \" only
};

// A literal (or several adjacent ones) decoded, with the file offset each decoded byte came from.
struct Piece {
  std::size_t begin = 0;  // first byte of the literal in the file (prefix or quote)
  std::size_t end = 0;    // one past its last byte
  std::string text;
  std::vector<std::uint32_t> offsets;  // one per byte of text, then the end of the content
};

class Decoder {
 public:
  Decoder(std::string_view s, Piece& out) : s_(s), out_(out) {}

  void run(std::size_t b, std::size_t e, Escapes escapes, char quote) {
    std::size_t i = b;
    while (i < e) {
      const char c = s_[i];
      if (escapes == Escapes::doubled || escapes == Escapes::powershell) {
        if (c == quote && i + 1 < e && s_[i + 1] == quote) {
          put(c, i);
          i += 2;
          continue;
        }
      }
      if (escapes == Escapes::powershell && c == '`' && i + 1 < e) {
        i = powershell_escape(i, e);
        continue;
      }
      if (escapes == Escapes::yaml && c == '\n') {
        i = fold_line(i, e);
        continue;
      }
      const bool backslash_escapes = escapes == Escapes::c || escapes == Escapes::csharp ||
                                     escapes == Escapes::go || escapes == Escapes::python ||
                                     escapes == Escapes::json || escapes == Escapes::yaml ||
                                     escapes == Escapes::reg;
      if (backslash_escapes && c == '\\' && i + 1 < e) {
        i = backslash_escape(i, e, escapes);
        continue;
      }
      put(c, i);
      ++i;
    }
    out_.offsets.push_back(static_cast<std::uint32_t>(e));
  }

 private:
  void put(char c, std::size_t at) {
    out_.text.push_back(c);
    out_.offsets.push_back(static_cast<std::uint32_t>(at));
  }
  void put_code_point(std::uint32_t cp, std::size_t at) {
    if (cp < 0x80) {
      put(static_cast<char>(cp), at);
    } else if (cp < 0x800) {
      put(static_cast<char>(0xC0 | (cp >> 6)), at);
      put(static_cast<char>(0x80 | (cp & 0x3F)), at);
    } else if (cp < 0x10000) {
      put(static_cast<char>(0xE0 | (cp >> 12)), at);
      put(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), at);
      put(static_cast<char>(0x80 | (cp & 0x3F)), at);
    } else {
      cp = std::min<std::uint32_t>(cp, 0x10FFFF);
      put(static_cast<char>(0xF0 | (cp >> 18)), at);
      put(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)), at);
      put(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), at);
      put(static_cast<char>(0x80 | (cp & 0x3F)), at);
    }
  }
  // A byte value from \x or octal: a byte in narrow strings, a character above 0xFF.
  void put_value(std::uint32_t v, std::size_t at) {
    if (v < 0x100)
      put(static_cast<char>(v), at);
    else
      put_code_point(v, at);
  }

  // Reads up to `max` digits of `base` at i; returns the count.
  std::size_t digits(std::size_t i, std::size_t e, int base, std::size_t max, std::uint32_t& v) {
    std::size_t n = 0;
    v = 0;
    while (i + n < e && n < max) {
      int d = hex_value(s_[i + n]);
      if (d < 0 || d >= base) break;
      v = v * static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(d);
      ++n;
    }
    return n;
  }

  std::size_t backslash_escape(std::size_t i, std::size_t e, Escapes escapes) {
    const char d = s_[i + 1];
    const std::size_t at = i;
    auto simple = [&](char c) {
      put(c, at);
      return i + 2;
    };
    if (escapes == Escapes::reg) {
      if (d == '\\' || d == '"') return simple(d);
      put('\\', at);
      return i + 1;
    }
    // Line splices: C, C++, Python and YAML continue the literal on the next line.
    if (d == '\n' || d == '\r') {
      std::size_t k = i + 1;
      if (s_[k] == '\r') ++k;
      if (k < e && s_[k] == '\n') ++k;
      if (escapes == Escapes::yaml)
        while (k < e && is_blank(s_[k])) ++k;
      return k;
    }
    switch (d) {
      case 'n': return simple('\n');
      case 't': return simple('\t');
      case 'r': return simple('\r');
      case 'b': return simple('\b');
      case 'f': return simple('\f');
      case '\\': return simple('\\');
      case '"': return simple('"');
      case '/':
        if (escapes == Escapes::json || escapes == Escapes::yaml) return simple('/');
        break;
      case '\'':
        if (escapes != Escapes::json) return simple('\'');
        break;
      case 'a':
        if (escapes != Escapes::json) return simple('\a');
        break;
      case 'v':
        if (escapes != Escapes::json) return simple('\v');
        break;
      case 'e':
        if (escapes == Escapes::csharp || escapes == Escapes::yaml) return simple('\x1B');
        break;
      case '?':
        if (escapes == Escapes::c) return simple('?');
        break;
      case ' ':
        if (escapes == Escapes::yaml) return simple(' ');
        break;
      case 'x': {
        std::size_t max = escapes == Escapes::c ? 8 : escapes == Escapes::csharp ? 4 : 2;
        std::uint32_t v = 0;
        std::size_t n = digits(i + 2, e, 16, max, v);
        if (n == 0 || (max == 2 && n != 2)) break;
        put_value(v, at);
        return i + 2 + n;
      }
      case 'u':
      case 'U': {
        if (escapes == Escapes::json && d == 'U') break;
        std::size_t want = d == 'u' ? 4 : 8;
        std::uint32_t v = 0;
        std::size_t n = digits(i + 2, e, 16, want, v);
        if (n != want) break;
        std::size_t next = i + 2 + n;
        // A JSON surrogate pair: \uD83D\uDE00.
        if (d == 'u' && v >= 0xD800 && v < 0xDC00 && next + 6 <= e && s_[next] == '\\' &&
            s_[next + 1] == 'u') {
          std::uint32_t low = 0;
          if (digits(next + 2, e, 16, 4, low) == 4 && low >= 0xDC00 && low < 0xE000) {
            v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
            next += 6;
          }
        }
        put_code_point(v, at);
        return next;
      }
      default:
        break;
    }
    if (d >= '0' && d <= '7' && escapes != Escapes::json && escapes != Escapes::yaml) {
      if (escapes == Escapes::csharp && d == '0') return simple('\0');
      std::size_t max = 3;
      std::uint32_t v = 0;
      std::size_t n = digits(i + 1, e, 8, max, v);
      if (escapes != Escapes::go || n == 3) {
        put_value(v, at);
        return i + 1 + n;
      }
    }
    if (escapes == Escapes::yaml && d == '0') return simple('\0');
    // Unknown escapes: C, C# and Go keep the character; Python keeps the backslash too.
    if (escapes == Escapes::python || escapes == Escapes::json || escapes == Escapes::yaml) {
      put('\\', at);
      return i + 1;
    }
    return simple(d);
  }

  std::size_t powershell_escape(std::size_t i, std::size_t e) {
    const char d = s_[i + 1];
    const std::size_t at = i;
    switch (d) {
      case '0': put('\0', at); return i + 2;
      case 'a': put('\a', at); return i + 2;
      case 'b': put('\b', at); return i + 2;
      case 'e': put('\x1B', at); return i + 2;
      case 'f': put('\f', at); return i + 2;
      case 'n': put('\n', at); return i + 2;
      case 'r': put('\r', at); return i + 2;
      case 't': put('\t', at); return i + 2;
      case 'v': put('\v', at); return i + 2;
      case 'u':
        if (i + 2 < e && s_[i + 2] == '{') {
          std::uint32_t v = 0;
          std::size_t n = digits(i + 3, e, 16, 6, v);
          if (n > 0 && i + 3 + n < e && s_[i + 3 + n] == '}') {
            put_code_point(v, at);
            return i + 4 + n;
          }
        }
        break;
      default:
        break;
    }
    put(d, at);
    return i + 2;
  }

  // YAML folds a line break in a quoted scalar, and the blanks around it, into one space.
  std::size_t fold_line(std::size_t i, std::size_t e) {
    while (!out_.text.empty() && (out_.text.back() == ' ' || out_.text.back() == '\t' ||
                                  out_.text.back() == '\r')) {
      out_.text.pop_back();
      out_.offsets.pop_back();
    }
    std::size_t k = i + 1;
    while (k < e && is_blank(s_[k])) ++k;
    put(' ', i);
    return k;
  }

  std::string_view s_;
  Piece& out_;
};

// --- the heuristic ------------------------------------------------------------------------

constexpr bool is_tag(char c) noexcept { return c == 'O' || c == 'G' || c == 'D' || c == 'S'; }

// The index just past the parenthesised group that starts at t[open] ('('), with quoted
// strings skipped; npos when it is not closed.
std::size_t past_group(std::string_view t, std::size_t open) noexcept {
  std::size_t depth = 0;
  bool quoted = false;
  for (std::size_t i = open; i < t.size(); ++i) {
    if (t[i] == '"') quoted = !quoted;
    if (quoted) continue;
    if (t[i] == '(') ++depth;
    if (t[i] == ')' && --depth == 0) return i + 1;
  }
  return std::string_view::npos;
}

// "(X;.." with X one or two letters, then at least one more ';' before the closing ')'; or a
// conditional or resource-attribute ACE, whose 7th field is a parenthesised group:
// "(XA;;FR;;;WD;(...))".
bool has_closed_ace(std::string_view t) noexcept {
  for (std::size_t open = t.find('('); open != std::string_view::npos;
       open = t.find('(', open + 1)) {
    std::size_t i = open + 1;
    while (i < t.size() && t[i] == ' ') ++i;
    std::size_t letters = 0;
    while (i < t.size() && is_alpha(t[i]) && letters < 3) ++i, ++letters;
    while (i < t.size() && t[i] == ' ') ++i;
    if (letters == 0 || letters > 2 || i >= t.size() || t[i] != ';') continue;
    std::size_t semicolons = 1;
    for (++i; i < t.size() && t[i] != ')' && t[i] != '('; ++i)
      if (t[i] == ';') ++semicolons;
    if (semicolons >= 2 && i < t.size() && t[i] == ')') return true;
    if (semicolons == 6 && i < t.size() && t[i] == '(') {
      std::size_t k = past_group(t, i);
      while (k < t.size() && t[k] == ' ') ++k;
      if (k < t.size() && t[k] == ')') return true;
    }
  }
  return false;
}

// { } % $ mark templates (format strings, interpolation), except inside the condition of a
// conditional ACE or the attribute of an RA ACE (parentheses two deep), where composites {...}
// and %xxxx escapes are SDDL.
bool has_template_mark(std::string_view t) noexcept {
  std::size_t depth = 0;
  bool quoted = false;
  for (char c : t) {
    if (c == '"' && depth >= 2) quoted = !quoted;
    if (quoted) continue;
    if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
    else if ((c == '{' || c == '}' || c == '%' || c == '$') && depth < 2) return true;
  }
  return false;
}

// Only sections, e.g. "O:BAG:SY", "D:P", "O:SYD:PAI": see looks_like_sddl.
bool is_bare_sections(std::string_view t) noexcept {
  std::size_t i = 0;
  bool any_body = false;
  while (i < t.size()) {
    if (t[i] == ' ') {
      ++i;
      continue;
    }
    if (i + 1 >= t.size() || !is_tag(t[i]) || t[i + 1] != ':') return false;
    const char tag = t[i];
    i += 2;
    const std::size_t body = i;
    if (tag == 'O' || tag == 'G') {
      if (t.substr(i).starts_with("S-1-")) {
        i += 4;
        while (i < t.size() && (is_digit(t[i]) || t[i] == '-')) ++i;
      } else if (i + 1 < t.size() && detail::ascii_upper(t[i]) == t[i] && is_alpha(t[i]) &&
                 detail::ascii_upper(t[i + 1]) == t[i + 1] && is_alpha(t[i + 1]) &&
                 find_sid_alias(t.substr(i, 2))) {
        i += 2;
      } else {
        return false;
      }
    } else {
      for (;;) {
        std::string_view rest = t.substr(i);
        if (rest.starts_with("NO_ACCESS_CONTROL")) i += 17;
        else if (rest.starts_with("AI") || rest.starts_with("AR")) i += 2;
        else if (rest.starts_with("P")) i += 1;
        else break;
      }
    }
    if (i > body) any_body = true;
    if (i < t.size() && t[i] != ' ' && !(i + 1 < t.size() && is_tag(t[i]) && t[i + 1] == ':'))
      return false;
  }
  return any_body;
}

// --- directives -----------------------------------------------------------------------------

constexpr std::array<std::string_view, 9> kCommentLeaders{"//", "/*", "#", "--", ";", "<!--",
                                                          "<#", "::", "REM"};
constexpr std::string_view kDirectiveMarker = "sddl-lint:";

// --- the collector: literals in, accepted SDDL strings out -----------------------------------

class Collector {
 public:
  Collector(std::string_view s, SourceLanguage language)
      : s_(s), language_(language),
        joins_(language == L::cpp || language == L::python),
        fragments_(language == L::cpp || language == L::csharp || language == L::go ||
                   language == L::python || language == L::powershell) {}

  // A quoted literal: [begin, end) in the file with its quotes and prefix, content [cb, ce).
  void literal(std::size_t begin, std::size_t end, std::size_t cb, std::size_t ce,
               Escapes escapes, char quote) {
    if (joins_ && has_last_ && blank_between(last_end_, begin)) {
      last_end_ = end;
      if (pending_) {
        pending_->offsets.pop_back();  // the joined string has one end: the last literal's
        Decoder(s_, *pending_).run(cb, ce, escapes, quote);
        pending_->end = end;
      }
      return;
    }
    flush();
    has_last_ = true;
    last_end_ = end;
    if (!starts_like_sddl(cb, ce)) return;
    pending_.emplace();
    pending_->begin = begin;
    pending_->end = end;
    Decoder(s_, *pending_).run(cb, ce, escapes, quote);
    if (!joins_) flush();
  }

  // An unquoted candidate (plain scalars, INF values, words in text): never joined.
  void bare(std::size_t b, std::size_t e) {
    flush();
    has_last_ = false;
    if (!starts_like_sddl(b, e)) return;
    Piece p;
    p.begin = b;
    p.end = e;
    Decoder(s_, p).run(b, e, Escapes::none, '\0');
    accept(std::move(p), false);
  }

  void flush() {
    if (!pending_) return;
    Piece p = std::move(*pending_);
    pending_.reset();
    accept(std::move(p), fragments_);
  }

  std::vector<Piece> take() {
    flush();
    return std::move(accepted_);
  }

 private:
  bool starts_like_sddl(std::size_t b, std::size_t e) const noexcept {
    while (b < e && s_[b] == ' ') ++b;
    if (b + 1 >= e || s_[b + 1] != ':') return false;
    const char c = detail::ascii_upper(s_[b]);
    return is_tag(c);
  }

  // Only white space and comments between two literals (they are one string then).
  bool blank_between(std::size_t from, std::size_t to) const noexcept {
    std::size_t i = from;
    while (i < to) {
      const char c = s_[i];
      if (is_space(c)) {
        ++i;
      } else if (language_ == L::cpp && c == '/' && i + 1 < to && s_[i + 1] == '/') {
        while (i < to && s_[i] != '\n') ++i;
      } else if (language_ == L::cpp && c == '/' && i + 1 < to && s_[i + 1] == '*') {
        std::size_t e = s_.find("*/", i + 2);
        if (e == std::string_view::npos || e + 2 > to) return false;
        i = e + 2;
      } else if (language_ == L::python && c == '#') {
        while (i < to && s_[i] != '\n') ++i;
      } else if (language_ == L::python && c == '\\' && i + 1 < to && is_space(s_[i + 1])) {
        ++i;
      } else {
        return false;
      }
    }
    return true;
  }

  // A piece of a string built with '+' ("D:(A;;GA;;;" + sid + ")") is not SDDL on its own.
  bool is_fragment(const Piece& p) const noexcept {
    std::size_t i = p.begin;
    while (i > 0 && is_space(s_[i - 1])) --i;
    if (i > 0 && s_[i - 1] == '+') return true;
    std::size_t j = p.end;
    while (j < s_.size() && is_space(s_[j])) ++j;
    return j < s_.size() && s_[j] == '+';
  }

  void accept(Piece p, bool check_fragment) {
    if (check_fragment && is_fragment(p)) return;
    if (!looks_like_sddl(p.text)) return;
    accepted_.push_back(std::move(p));
  }

  std::string_view s_;
  SourceLanguage language_;
  bool joins_;
  bool fragments_;
  bool has_last_ = false;
  std::size_t last_end_ = 0;
  std::optional<Piece> pending_;
  std::vector<Piece> accepted_;
};


// --- the lexers -----------------------------------------------------------------------------

class Lexer {
 public:
  Lexer(std::string_view s, SourceLanguage language, const LineIndex& lines)
      : s_(s), n_(s.size()), language_(language), lines_(lines), out_(s, language) {}

  std::vector<Piece> run() {
    switch (language_) {
      case L::cpp:
      case L::csharp:
      case L::go: c_family(); break;
      case L::python: python(); break;
      case L::powershell: powershell(); break;
      case L::json: json(); break;
      case L::yaml: yaml(); break;
      case L::inf: inf(); break;
      case L::reg: reg(); break;
      case L::text: text(); break;
    }
    return out_.take();
  }

 private:
  std::size_t end_of_line(std::size_t i) const noexcept {
    std::size_t e = s_.find('\n', i);
    return e == std::string_view::npos ? n_ : e;
  }
  bool at(std::size_t i, std::string_view what) const noexcept {
    return s_.substr(std::min(i, n_)).starts_with(what);
  }
  std::size_t skip_block_comment(std::size_t i, std::string_view close) const noexcept {
    std::size_t e = s_.find(close, i);
    return e == std::string_view::npos ? n_ : e + close.size();
  }

  // C, C++, C# and Go.
  void c_family() {
    const bool cpp = language_ == L::cpp, cs = language_ == L::csharp, go = language_ == L::go;
    const Escapes escapes = cs ? Escapes::csharp : go ? Escapes::go : Escapes::c;
    std::size_t i = 0;
    while (i < n_) {
      const char c = s_[i];
      if (c == '/' && at(i, "//")) {
        i = end_of_line(i);
      } else if (c == '/' && at(i, "/*")) {
        i = skip_block_comment(i + 2, "*/");
      } else if (is_ident_start(c)) {
        std::size_t j = i;
        while (j < n_ && is_ident_char(s_[j])) ++j;
        const std::string_view w = s_.substr(i, j - i);
        const bool prefix = w == "L" || w == "u" || w == "U" || w == "u8";
        if (cpp && j < n_ && s_[j] == '"' &&
            (w == "R" || w == "LR" || w == "uR" || w == "UR" || w == "u8R")) {
          i = cpp_raw_string(i, j);
        } else if (cpp && j < n_ && s_[j] == '"' && prefix) {
          i = escaped_string(i, j, escapes);
        } else if (cpp && j < n_ && s_[j] == '\'' && prefix) {
          i = skip_char_literal(j);
        } else {
          i = j;
        }
      } else if (is_digit(c)) {
        i = skip_number(i);
      } else if (c == '"') {
        i = cs && at(i, "\"\"\"") ? csharp_raw_string(i, i) : escaped_string(i, i, escapes);
      } else if (c == '\'') {
        i = skip_char_literal(i);
      } else if (go && c == '`') {
        std::size_t e = s_.find('`', i + 1);
        if (e == std::string_view::npos) return;
        out_.literal(i, e + 1, i + 1, e, Escapes::none, '`');
        i = e + 1;
      } else if (cs && (c == '@' || c == '$')) {
        std::size_t j = i;
        bool verbatim = false;
        while (j < n_ && (s_[j] == '@' || s_[j] == '$')) verbatim |= s_[j++] == '@';
        if (j < n_ && s_[j] == '"')
          i = at(j, "\"\"\"") ? csharp_raw_string(i, j)
              : verbatim      ? doubled_quote_string(i, j, '"', true)
                              : escaped_string(i, j, escapes);
        else
          i = j;
      } else {
        ++i;
      }
    }
  }

  // "..." with backslash escapes, on one line (a backslash-newline continues it).
  std::size_t escaped_string(std::size_t begin, std::size_t q, Escapes escapes) {
    std::size_t k = q + 1;
    while (k < n_ && s_[k] != '"') {
      if (s_[k] == '\\') {
        k += 2;
        continue;
      }
      if (s_[k] == '\n') return k;  // unterminated: not a literal
      ++k;
    }
    if (k >= n_) return n_;
    out_.literal(begin, k + 1, q + 1, k, escapes, '"');
    return k + 1;
  }

  // R"delim( ... )delim"
  std::size_t cpp_raw_string(std::size_t begin, std::size_t q) {
    std::size_t open = q + 1;
    while (open < n_ && open - q <= 17 && s_[open] != '(' && s_[open] != ')' &&
           s_[open] != '\\' && !is_space(s_[open]) && s_[open] != '"')
      ++open;
    if (open >= n_ || s_[open] != '(') return q + 1;
    std::string close = ")";
    close.append(s_.substr(q + 1, open - q - 1));
    close += '"';
    std::size_t e = s_.find(close, open + 1);
    if (e == std::string_view::npos) return n_;
    out_.literal(begin, e + close.size(), open + 1, e, Escapes::none, '"');
    return e + close.size();
  }

  // C# 11 raw strings: three or more quotes, closed by as many.
  std::size_t csharp_raw_string(std::size_t begin, std::size_t q) {
    std::size_t m = 0;
    while (q + m < n_ && s_[q + m] == '"') ++m;
    const std::string close(m, '"');
    std::size_t e = s_.find(close, q + m);
    if (e == std::string_view::npos) return n_;
    std::size_t cb = q + m, ce = e;
    // A multi-line raw string starts after its first line break and ends before its last.
    if (s_.substr(cb, ce - cb).find('\n') != std::string_view::npos) {
      std::size_t first = s_.find('\n', cb);
      if (s_.substr(cb, first - cb).find_first_not_of(" \t\r") == std::string_view::npos)
        cb = first + 1;
      std::size_t last = s_.rfind('\n', ce);
      if (last != std::string_view::npos && last >= cb &&
          s_.substr(last, ce - last).find_first_not_of(" \t\r\n") == std::string_view::npos) {
        ce = last;
        if (ce > cb && s_[ce - 1] == '\r') --ce;
        while (cb < ce && is_blank(s_[cb])) ++cb;
      }
    }
    out_.literal(begin, e + m, cb, ce, Escapes::none, '"');
    return e + m;
  }

  // A quote doubled stands for itself: C# @"..", PowerShell '..', YAML '..', INF "..".
  std::size_t doubled_quote_string(std::size_t begin, std::size_t q, char quote, bool multiline) {
    std::size_t k = q + 1;
    while (k < n_) {
      if (s_[k] == quote) {
        if (k + 1 < n_ && s_[k + 1] == quote) {
          k += 2;
          continue;
        }
        break;
      }
      if (!multiline && s_[k] == '\n') return k;
      ++k;
    }
    if (k >= n_) return n_;
    out_.literal(begin, k + 1, q + 1, k, Escapes::doubled, quote);
    return k + 1;
  }

  std::size_t skip_char_literal(std::size_t q) const noexcept {
    std::size_t k = q + 1;
    if (k < n_ && s_[k] == '\\') k += 2;
    for (std::size_t limit = k + 10; k < n_ && k < limit && s_[k] != '\n'; ++k)
      if (s_[k] == '\'') return k + 1;
    return q + 1;
  }

  // A preprocessing number, with C++14 digit separators (1'000) and exponent signs.
  std::size_t skip_number(std::size_t i) const noexcept {
    std::size_t k = i + 1;
    while (k < n_) {
      const char c = s_[k];
      if (is_ident_char(c) || c == '.') {
        ++k;
      } else if (c == '\'' && k + 1 < n_ && is_ident_char(s_[k + 1])) {
        ++k;
      } else if ((c == '+' || c == '-') &&
                 (s_[k - 1] == 'e' || s_[k - 1] == 'E' || s_[k - 1] == 'p' || s_[k - 1] == 'P')) {
        ++k;
      } else {
        break;
      }
    }
    return k;
  }

  void python() {
    std::size_t i = 0;
    while (i < n_) {
      const char c = s_[i];
      if (c == '#') {
        i = end_of_line(i);
      } else if (is_ident_start(c)) {
        std::size_t j = i;
        while (j < n_ && is_ident_char(s_[j])) ++j;
        std::string w(s_.substr(i, j - i));
        for (char& ch : w) ch = detail::ascii_lower(ch);
        const bool prefix = w == "r" || w == "u" || w == "b" || w == "f" || w == "rb" ||
                            w == "br" || w == "fr" || w == "rf";
        if (prefix && j < n_ && (s_[j] == '"' || s_[j] == '\''))
          i = python_string(i, j, w.find('r') != std::string::npos);
        else
          i = j;
      } else if (c == '"' || c == '\'') {
        i = python_string(i, i, false);
      } else {
        ++i;
      }
    }
  }

  std::size_t python_string(std::size_t begin, std::size_t q, bool raw) {
    const char quote = s_[q];
    const std::string triple(3, quote);
    const bool is_triple = at(q, triple);
    const std::size_t open = is_triple ? 3 : 1;
    std::size_t k = q + open;
    while (k < n_) {
      if (s_[k] == '\\') {
        k += 2;
        continue;
      }
      if (is_triple ? at(k, triple) : s_[k] == quote) break;
      if (!is_triple && s_[k] == '\n') return k;
      ++k;
    }
    if (k >= n_) return n_;
    out_.literal(begin, k + open, q + open, k, raw ? Escapes::none : Escapes::python, quote);
    return k + open;
  }

  void powershell() {
    std::size_t i = 0;
    while (i < n_) {
      const char c = s_[i];
      if (c == '#') {
        i = end_of_line(i);
      } else if (c == '<' && at(i, "<#")) {
        i = skip_block_comment(i + 2, "#>");
      } else if (c == '@' && i + 1 < n_ && (s_[i + 1] == '"' || s_[i + 1] == '\'')) {
        i = here_string(i);
      } else if (c == '\'') {
        i = doubled_quote_string(i, i, '\'', true);
      } else if (c == '"') {
        std::size_t k = i + 1;
        while (k < n_) {
          if (s_[k] == '`') {
            k += 2;
          } else if (s_[k] == '"') {
            if (k + 1 < n_ && s_[k + 1] == '"') k += 2;
            else break;
          } else {
            ++k;
          }
        }
        if (k >= n_) return;
        out_.literal(i, k + 1, i + 1, k, Escapes::powershell, '"');
        i = k + 1;
      } else {
        ++i;
      }
    }
  }

  // @' ... '@ and @" ... "@: the text is the lines between the opening and closing lines.
  std::size_t here_string(std::size_t i) {
    const char quote = s_[i + 1];
    const std::size_t eol = end_of_line(i);
    if (s_.substr(i + 2, eol - i - 2).find_first_not_of(" \t\r") != std::string_view::npos)
      return i + 2;
    if (eol >= n_) return n_;
    const std::size_t cb = eol + 1;
    std::size_t search = cb;
    for (;;) {
      std::size_t e = s_.find(std::string{quote, '@'}, search);
      if (e == std::string_view::npos) return n_;
      if (e == cb || s_[e - 1] == '\n') {
        std::size_t ce = e == cb ? cb : e - 1;
        if (ce > cb && s_[ce - 1] == '\r') --ce;
        out_.literal(i, e + 2, cb, ce, quote == '"' ? Escapes::powershell : Escapes::none, quote);
        return e + 2;
      }
      search = e + 1;
    }
  }

  void json() {
    std::size_t i = 0;
    while (i < n_) {
      const char c = s_[i];
      if (c == '/' && at(i, "//")) {
        i = end_of_line(i);
      } else if (c == '/' && at(i, "/*")) {
        i = skip_block_comment(i + 2, "*/");
      } else if (c == '"') {
        std::size_t k = i + 1;
        while (k < n_ && s_[k] != '"' && s_[k] != '\n') k += s_[k] == '\\' ? 2 : 1;
        if (k >= n_ || s_[k] != '"') {
          i = k;
          continue;
        }
        std::size_t after = k + 1;
        while (after < n_ && is_space(s_[after])) ++after;
        if (after >= n_ || s_[after] != ':')  // keys are not values
          out_.literal(i, k + 1, i + 1, k, Escapes::json, '"');
        i = k + 1;
      } else {
        ++i;
      }
    }
  }

  // The end of a YAML quoted scalar starting at q (the closing quote), or npos.
  std::size_t yaml_quoted_end(std::size_t q) const noexcept {
    const char quote = s_[q];
    std::size_t k = q + 1;
    while (k < n_) {
      if (quote == '"' && s_[k] == '\\') {
        k += 2;
      } else if (s_[k] == quote) {
        if (quote == '\'' && k + 1 < n_ && s_[k + 1] == '\'') k += 2;
        else return k;
      } else {
        ++k;
      }
    }
    return std::string_view::npos;
  }

  void yaml() {
    std::size_t line = 0;
    std::optional<std::size_t> block_indent;  // inside a | or > block scalar deeper than this
    while (line < lines_.count()) {
      const std::size_t a = lines_.start(line), e = lines_.end(line);
      std::size_t p = a;
      while (p < e && s_[p] == ' ') ++p;
      const std::size_t indent = p - a;
      ++line;
      if (block_indent) {
        if (p >= e) continue;
        if (indent > *block_indent) {
          bare_trimmed(p, e);
          continue;
        }
        block_indent.reset();
      }
      if (p >= e || s_[p] == '#' || at(p, "---") || at(p, "...")) continue;
      bool sequence = false;
      while (p < e && s_[p] == '-' && (p + 1 == e || s_[p + 1] == ' ')) {
        sequence = true;
        p += 1;
        while (p < e && s_[p] == ' ') ++p;
      }
      if (p >= e) continue;
      std::size_t v = p;
      if (s_[p] == '"' || s_[p] == '\'') {
        const std::size_t q_end = yaml_quoted_end(p);
        if (q_end == std::string_view::npos) return;
        std::size_t after = q_end + 1;
        while (after < e && s_[after] == ' ') ++after;
        if (q_end < e && after < e && s_[after] == ':') {
          v = after + 1;  // a quoted key; the value follows
        } else {
          yaml_quoted(p, q_end);
          line = lines_.line_of(q_end) + 1;
          continue;
        }
      } else {
        std::size_t colon = plain_key_colon(p, e);
        if (colon != std::string_view::npos)
          v = colon + 1;
        else if (!sequence)
          continue;  // a continuation line of a multi-line plain scalar: not scanned
      }
      while (v < e && s_[v] == ' ') ++v;
      // Tags and anchors before the value: !!str, &anchor.
      while (v < e && (s_[v] == '!' || s_[v] == '&')) {
        while (v < e && s_[v] != ' ') ++v;
        while (v < e && s_[v] == ' ') ++v;
      }
      if (v >= e || s_[v] == '#') continue;
      const char c = s_[v];
      if (c == '"' || c == '\'') {
        const std::size_t q_end = yaml_quoted_end(v);
        if (q_end == std::string_view::npos) return;
        yaml_quoted(v, q_end);
        line = lines_.line_of(q_end) + 1;
      } else if (c == '|' || c == '>') {
        block_indent = indent;
      } else if (c != '[' && c != '{' && c != '*') {
        std::size_t ve = v;
        while (ve < e && !(s_[ve] == '#' && s_[ve - 1] == ' ')) ++ve;
        bare_trimmed(v, ve);
      }
    }
  }

  void yaml_quoted(std::size_t q, std::size_t q_end) {
    const char quote = s_[q];
    out_.literal(q, q_end + 1, q + 1, q_end, quote == '"' ? Escapes::yaml : Escapes::doubled,
                 quote);
  }

  // A "key: value" separator: ':' followed by a space or the end of the line.
  std::size_t plain_key_colon(std::size_t p, std::size_t e) const noexcept {
    for (std::size_t k = p; k < e; ++k) {
      if (s_[k] == '#' && k > p && s_[k - 1] == ' ') break;
      if (s_[k] == ':' && (k + 1 == e || s_[k + 1] == ' ')) return k;
    }
    return std::string_view::npos;
  }

  void bare_trimmed(std::size_t b, std::size_t e) {
    while (e > b && is_blank(s_[e - 1])) --e;
    while (b < e && is_blank(s_[b])) ++b;
    if (b < e) out_.bare(b, e);
  }

  void inf() {
    for (std::size_t line = 0; line < lines_.count(); ++line) {
      const std::size_t a = lines_.start(line), e = lines_.end(line);
      std::size_t equals = std::string_view::npos;
      bool in_quotes = false;
      std::size_t end = e;
      for (std::size_t k = a; k < e; ++k) {
        if (s_[k] == '"') in_quotes = !in_quotes;
        else if (!in_quotes && s_[k] == ';') { end = k; break; }
        else if (!in_quotes && s_[k] == '=' && equals == std::string_view::npos) equals = k;
      }
      for (std::size_t k = a; k < end; ++k) {
        if (s_[k] != '"') continue;
        std::size_t next = doubled_quote_string(k, k, '"', false);
        k = next > k ? next - 1 : k;
      }
      if (equals != std::string_view::npos) {
        std::size_t v = equals + 1;
        while (v < end && is_blank(s_[v])) ++v;
        if (v < end && s_[v] != '"') {
          std::size_t ve = v;
          while (ve < end && s_[ve] != ',') ++ve;
          bare_trimmed(v, ve);
        }
      }
    }
  }

  void reg() {
    for (std::size_t line = 0; line < lines_.count(); ++line) {
      const std::size_t a = lines_.start(line), e = lines_.end(line);
      std::size_t p = a;
      while (p < e && is_blank(s_[p])) ++p;
      if (p >= e || s_[p] == ';' || s_[p] == '[') continue;
      if (s_[p] == '@') {
        ++p;
      } else if (s_[p] == '"') {
        ++p;
        while (p < e && s_[p] != '"') p += s_[p] == '\\' ? 2 : 1;
        if (p >= e) continue;
        ++p;
      } else {
        continue;
      }
      while (p < e && is_blank(s_[p])) ++p;
      if (p >= e || s_[p] != '=') continue;
      ++p;
      while (p < e && is_blank(s_[p])) ++p;
      if (p >= e || s_[p] != '"') continue;
      std::size_t k = p + 1;
      while (k < e && s_[k] != '"') k += s_[k] == '\\' ? 2 : 1;
      if (k >= e) continue;
      out_.literal(p, k + 1, p + 1, k, Escapes::reg, '"');
    }
  }

  // Any other file: quoted runs on one line, and bare words that start with a section tag.
  void text() {
    for (std::size_t line = 0; line < lines_.count(); ++line) {
      const std::size_t a = lines_.start(line), e = lines_.end(line);
      std::size_t k = a;
      while (k < e) {
        const char c = s_[k];
        const bool opens = c == '"' || c == '`' ||
                           (c == '\'' && (k == a || !detail::is_alpha(s_[k - 1])));
        if (opens) {
          std::size_t close = s_.substr(k + 1, e - k - 1).find(c);
          if (close != std::string_view::npos) {
            close += k + 1;
            out_.literal(k, close + 1, k + 1, close, Escapes::none, c);
            k = close + 1;
            continue;
          }
        }
        const char before = k == a ? ' ' : s_[k - 1];
        if (is_tag(c) && k + 1 < e && s_[k + 1] == ':' &&
            (is_blank(before) || before == '=' || before == '>' || before == '(' ||
             before == '[' || before == ',' || before == '|')) {
          const std::size_t start = k;
          std::size_t end = k;
          while (end < e && !is_blank(s_[end]) && s_[end] != '"' && s_[end] != '\'' &&
                 s_[end] != '`' && s_[end] != '<')
            ++end;
          k = end;
          // Sentence punctuation and an unbalanced ')' after the string are not part of it.
          while (end > start) {
            const char last = s_[end - 1];
            if (last != '\0' && std::strchr(".,;:!?", last) != nullptr) {
              --end;
              continue;
            }
            if (last == ')') {
              const std::string_view run = s_.substr(start, end - start);
              if (std::count(run.begin(), run.end(), ')') > std::count(run.begin(), run.end(), '(')) {
                --end;
                continue;
              }
            }
            break;
          }
          out_.bare(start, end);
          continue;
        }
        ++k;
      }
    }
  }


  std::string_view s_;
  std::size_t n_;
  SourceLanguage language_;
  const LineIndex& lines_;
  Collector out_;
};

// --- directives, inference, names -----------------------------------------------------------

// The text before "sddl-lint:" on its line: only blanks and one comment leader, so that the
// comment is alone on its line (not a trailing comment, not text inside a string).
bool is_comment_leader_alone(std::string_view before) noexcept {
  while (!before.empty() && is_blank(before.back())) before.remove_suffix(1);
  while (!before.empty() && is_blank(before.front())) before.remove_prefix(1);
  for (auto leader : kCommentLeaders) {
    if (before.size() != leader.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < leader.size(); ++i)
      same &= detail::ascii_upper(before[i]) == leader[i];
    if (same) return true;
  }
  return false;
}

struct TargetedDirective {
  std::size_t target_line = 0;  // 0-based line of the literal it applies to
  LintDirective directive;
};

std::vector<TargetedDirective> find_directives(std::string_view s, const LineIndex& lines,
                                               std::vector<ScanProblem>& problems) {
  std::vector<TargetedDirective> out;
  for (std::size_t pos = s.find(kDirectiveMarker); pos != std::string_view::npos;
       pos = s.find(kDirectiveMarker, pos + 1)) {
    const std::size_t line = lines.line_of(pos);
    const std::size_t a = lines.start(line);
    if (!is_comment_leader_alone(s.substr(a, pos - a))) continue;
    std::size_t e = lines.end(line);
    for (std::string_view close : {"*/", "-->", "#>"}) {
      std::size_t c = s.substr(pos, e - pos).find(close);
      if (c != std::string_view::npos) e = pos + c;
    }
    std::size_t k = pos + kDirectiveMarker.size();
    bool any = false;
    while (k < e) {
      while (k < e && is_blank(s[k])) ++k;
      if (k >= e) break;
      std::size_t t = k;
      while (t < e && !is_blank(s[t])) ++t;
      const std::string_view token = s.substr(k, t - k);
      if (token == "--") break;  // the rest is the reason
      const std::size_t eq = token.find('=');
      // A comment that merely mentions the tool ("// sddl-lint: reviews SDDL") is prose: a
      // directive starts with a directive word or a word=value.
      if (!any && eq == std::string_view::npos && token != "disable" &&
          token != "disable-next-line")
        break;
      const std::string_view name = token.substr(0, eq);
      const std::string_view value = eq == std::string_view::npos ? "" : token.substr(eq + 1);
      LintDirective d;
      d.position = lines.position(k);
      if (name == "disable" || name == "disable-next-line") {
        d.kind = LintDirective::Kind::disable;
        std::size_t from = 0;
        while (from <= value.size() && !value.empty()) {
          std::size_t comma = value.find(',', from);
          std::string_view id = value.substr(from, comma == std::string_view::npos
                                                       ? std::string_view::npos
                                                       : comma - from);
          if (!id.empty()) d.values.emplace_back(id);
          if (comma == std::string_view::npos) break;
          from = comma + 1;
        }
        if (eq != std::string_view::npos && d.values.empty())
          problems.push_back({d.position, fmt::format("'{}=' names no rule", name)});
        else
          out.push_back({line + 1, std::move(d)});
      } else if (name == "object" && !value.empty()) {
        d.kind = LintDirective::Kind::object;
        d.values.emplace_back(value);
        out.push_back({line + 1, std::move(d)});
      } else {
        constexpr std::array<std::string_view, 3> kDirectives{"disable", "disable-next-line",
                                                              "object"};
        problems.push_back(
            {d.position,
             fmt::format("unknown sddl-lint directive '{}'{}: expected disable, "
                         "disable=RULE[,RULE...], disable-next-line[=...] or object=TYPE",
                         token, detail::did_you_mean(name, kDirectives))});
      }
      any = true;
      k = t;
    }
    if (!any && k >= e)
      problems.push_back({lines.position(pos), "empty sddl-lint comment: expected disable, "
                                               "disable=RULE[,RULE...], disable-next-line[=...] "
                                               "or object=TYPE"});
  }
  return out;
}

// The nearest API call on the literal's line or the kInferenceLines lines above it.
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
        return ObjectTypeHint{*type, std::string(word), line - d + 1};
      i = j;
    }
  }
  return std::nullopt;
}

// The name of the object a call creates: a Global\ or Local\ word from the call's line
// (`first`) to kInferenceLines lines after the literal's line (`line`), nearest to the literal
// first; "\\" (an escaped backslash) is read as one.
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

// Positions for many offsets, mostly increasing: counts characters from the last one.
class PositionCursor {
 public:
  explicit PositionCursor(const LineIndex& lines) : lines_(lines) {}
  SourcePosition at(std::size_t offset) {
    if (!valid_ || offset < offset_ ||
        (line_ + 1 < lines_.count() && offset >= lines_.start(line_ + 1))) {
      line_ = lines_.line_of(offset);
      offset_ = lines_.start(line_);
      column_ = 1;
      valid_ = true;
    }
    column_ += lines_.code_points(offset_, offset);
    offset_ = offset;
    return SourcePosition{line_ + 1, column_};
  }

 private:
  const LineIndex& lines_;
  bool valid_ = false;
  std::size_t line_ = 0, offset_ = 0, column_ = 1;
};

}  // namespace

std::string_view to_string(SourceLanguage language) noexcept {
  switch (language) {
    case L::cpp: return "cpp";
    case L::csharp: return "csharp";
    case L::go: return "go";
    case L::python: return "python";
    case L::powershell: return "powershell";
    case L::json: return "json";
    case L::yaml: return "yaml";
    case L::inf: return "inf";
    case L::reg: return "reg";
    case L::text: return "text";
  }
  return "text";
}

SourceLanguage language_for_path(std::string_view path) noexcept {
  const std::size_t slash = path.find_last_of("/\\");
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return L::text;
  const std::string_view ext = name.substr(dot);
  for (const auto& row : kExtensions) {
    if (row.extension.size() != ext.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < ext.size(); ++i)
      same &= detail::ascii_lower(ext[i]) == row.extension[i];
    if (same) return row.language;
  }
  return L::text;
}

bool looks_like_sddl(std::string_view text) noexcept {
  // No SDDL has a backslash ("D:\\data", printf's "\n"), and { } % $ mark templates.
  if (text.find('\\') != std::string_view::npos || has_template_mark(text)) return false;
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  const std::string_view t = text.substr(i);
  if (t.size() < 2 || t[1] != ':') return false;
  if (is_tag(t[0])) return has_closed_ace(t) || is_bare_sections(t);
  if (is_tag(detail::ascii_upper(t[0]))) return has_closed_ace(t);
  return false;
}

ScanResult scan_sddl_literals(std::string_view content, SourceLanguage language) {
  ScanResult result;
  const LineIndex lines(content);
  std::vector<Piece> pieces = Lexer(content, language, lines).run();
  std::vector<TargetedDirective> directives = find_directives(content, lines, result.problems);
  PositionCursor cursor(lines);
  result.literals.reserve(pieces.size());
  for (Piece& p : pieces) {
    SddlLiteral lit;
    lit.positions.reserve(p.offsets.size());
    for (std::uint32_t off : p.offsets) lit.positions.push_back(cursor.at(off));
    lit.text = std::move(p.text);
    const std::size_t line = lines.line_of(p.begin);
    for (const auto& d : directives)
      if (d.target_line == line) lit.directives.push_back(d.directive);
    lit.inferred_type = infer_object_type(lines, line);
    if (lit.inferred_type)
      lit.object_name = find_object_name(lines, lit.inferred_type->line - 1, line);
    result.literals.push_back(std::move(lit));
  }
  return result;
}

std::optional<std::string> decode_source_text(std::string_view bytes) {
  auto has_nul = [](std::string_view b) {
    return b.substr(0, 8192).find('\0') != std::string_view::npos;
  };
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const bool le = bytes.starts_with("\xFF\xFE"), be = bytes.starts_with("\xFE\xFF");
  if (!le && !be) {
    if (has_nul(bytes)) return std::nullopt;
    return std::string(bytes);
  }
  std::string out;
  out.reserve(bytes.size() / 2);
  auto unit = [&](std::size_t i) -> std::uint32_t {
    const auto lo = static_cast<unsigned char>(bytes[le ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(bytes[le ? i + 1 : i]);
    return static_cast<std::uint32_t>(lo | (hi << 8));
  };
  for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
    std::uint32_t cp = unit(i);
    if (cp == 0) return std::nullopt;
    if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < bytes.size()) {
      const std::uint32_t low = unit(i + 2);
      if (low >= 0xDC00 && low < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

}  // namespace secdesc
