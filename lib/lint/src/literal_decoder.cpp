// The literal decoder: escapes of each language family, each decoded byte mapped to its source.
#include "lint/internal/literal_decoder.hpp"

#include <algorithm>

#include "core/internal/text.hpp"
#include "core/internal/utf.hpp"
#include "lint/internal/source_lines.hpp"

namespace secdesc::lint_detail {
namespace {

using detail::hex_value;

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
  // Every byte of the code point's UTF-8 comes from the escape at `at`. Values past Unicode's
  // last code point are clamped to it, so that a bad escape still gives 4 bytes of UTF-8.
  void put_code_point(std::uint32_t cp, std::size_t at) {
    std::string utf8;
    detail::append_utf8(utf8, std::min<char32_t>(cp, 0x10FFFF));
    for (char byte : utf8) put(byte, at);
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
        if (const std::size_t next = unicode_escape(i, e); next != 0) return next;
        break;
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

  // \uXXXX or \UXXXXXXXX at s_[i] (a JSON surrogate pair \uD83D\uDE00 read as one character);
  // the index after it, or 0 when the digits are not all there.
  std::size_t unicode_escape(std::size_t i, std::size_t e) {
    const char d = s_[i + 1];
    const std::size_t want = d == 'u' ? 4 : 8;
    std::uint32_t v = 0;
    const std::size_t n = digits(i + 2, e, 16, want, v);
    if (n != want) return 0;
    std::size_t next = i + 2 + n;
    if (d == 'u' && v >= 0xD800 && v < 0xDC00 && next + 6 <= e && s_[next] == '\\' &&
        s_[next + 1] == 'u') {
      std::uint32_t low = 0;
      if (digits(next + 2, e, 16, 4, low) == 4 && low >= 0xDC00 && low < 0xE000) {
        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
        next += 6;
      }
    }
    put_code_point(v, i);
    return next;
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

}  // namespace

void decode_literal(std::string_view s, std::size_t b, std::size_t e, Escapes escapes, char quote,
                    Piece& out) {
  Decoder(s, out).run(b, e, escapes, quote);
}

}  // namespace secdesc::lint_detail
