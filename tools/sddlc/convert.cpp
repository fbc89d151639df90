// sddlc convert: SDDL <-> self-relative hex <-> JSON, one input or one per line from stdin.
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "../common/error_text.hpp"
#include "../common/json_output.hpp"
#include "commands.hpp"
#include "line_reader.hpp"
#include "secdesc/secdesc.hpp"

namespace sddlc {
namespace {

struct ConvertOptions {
  std::string from = "sddl";
  std::string to = "hex";
  std::string domain_sid;
  bool strict = false;
  std::string input;
};

// Converts one input at a time; returns the output line or the Error. The descriptor and the
// bytes are kept between calls, so that `convert -` reuses their storage line after line
// (parse_sddl_into, encode_self_relative_into).
class Converter {
 public:
  Converter(const ConvertOptions& o, const secdesc::SidContext& context)
      : o_(o), context_(context) {}

  secdesc::Result<std::string> convert(std::string_view input) {
    using namespace secdesc;
    if (o_.from == "hex") {
      SECDESC_TRY(sd_, decode_self_relative_hex(input));
    } else if (auto e = parse_sddl_into(input, sd_, SddlParseOptions{context_, o_.strict})) {
      return std::move(*e);
    }
    // SDDL and JSON are UTF-8: a descriptor they cannot hold fails its line
    // (secdesc/text_output.hpp).
    if (o_.to != "hex") {
      if (auto e = find_unwritable_text(sd_, o_.to == "sddl" ? TextOutput::sddl : TextOutput::json))
        return std::move(*e);
    }
    SddlFormatOptions format{context_};
    if (o_.to == "sddl") return to_sddl(sd_, format);
    if (o_.to == "json")
      return secdesc_tools::stamp_json_object(to_json(sd_, format),
                                              secdesc_tools::convert_schema_version);
    if (auto e = encode_self_relative_into(sd_, bytes_)) return std::move(*e);
    return to_hex(bytes_);
  }

 private:
  const ConvertOptions& o_;
  const secdesc::SidContext& context_;
  secdesc::SecurityDescriptor sd_;
  std::vector<std::byte> bytes_;
};

// "error: <offset>: <message>": the offset in characters of `input`, the message UTF-8 even
// where it quotes input that is not (tools/common/error_text.hpp).
std::string describe(std::string_view input, const secdesc::Error& e) {
  return "error: " + secdesc_tools::offset_and_message(input, e);
}

// One input's conversion; no exception leaves it, so one bad line never ends a batch (a line
// that would throw, e.g. from the JSON writer, fails alone as "error: internal error: ...").
secdesc::Result<std::string> convert_guarded(Converter& converter, std::string_view input) {
  try {
    return converter.convert(input);
  } catch (const std::exception& e) {
    return secdesc::make_error(secdesc::ErrorCode::unsupported, secdesc::Error::no_offset,
                               fmt::format("internal error: {}", e.what()));
  }
}

}  // namespace

std::function<int()> add_convert(CLI::App& app) {
  auto o = std::make_shared<ConvertOptions>();
  auto* cmd = app.add_subcommand(
      "convert",
      "Convert a security descriptor between SDDL, self-relative hex and JSON.\n"
      "INPUT is one descriptor, or '-' to read one per line from standard input and write\n"
      "exactly one line per input line; a line that fails writes 'error: <offset>: <message>'\n"
      "(0-based offset in characters into that line) and the run goes on. A UTF-8 byte-order\n"
      "mark at the start of the input is skipped. Output is always UTF-8: a descriptor whose\n"
      "strings hold an unpaired UTF-16 surrogate fails as SDDL or JSON ('cannot be written')\n"
      "and converts to hex unchanged (docs/sddl.md, Output rule).\n"
      "Exit status: 0 every input converted, 1 some input failed, 2 usage error.");
  cmd->add_option("--from", o->from, "Input form")->check(CLI::IsMember({"sddl", "hex"}))
      ->capture_default_str();
  cmd->add_option("--to", o->to, "Output form")->check(CLI::IsMember({"sddl", "hex", "json"}))
      ->capture_default_str();
  cmd->add_option("--domain-sid", o->domain_sid,
                  "Domain SID (S-1-5-21-x-y-z) for domain-relative aliases such as DA, DU, LA");
  cmd->add_flag("--strict", o->strict,
                "Reject what Windows tolerates but a reviewer should not (spaces, lower case, "
                "octal or negative numbers, decimal masks such as 11, a 0X prefix, letters and a "
                "number in one rights field, ..., a label SID that is not an integrity level)");
  cmd->add_option("INPUT", o->input, "SDDL string or hex bytes, or '-' for standard input")
      ->required();
  return [o]() -> int {
    secdesc::SidContext context;
    if (!o->domain_sid.empty()) {
      auto d = secdesc::parse_domain_sid(o->domain_sid);
      if (!d) {
        fmt::print(stderr, "sddlc convert: --domain-sid: {}\n", d.error().message);
        return exit_usage;
      }
      context.domain = *d;
    }
    Converter converter(*o, context);
    if (o->input != "-") {
      auto out = convert_guarded(converter, o->input);
      if (!out) {
        fmt::print(stderr, "sddlc convert: {}\n", describe(o->input, out.error()));
        return exit_failed;
      }
      fmt::print("{}\n", *out);
      return exit_ok;
    }
    // One line in, one line out. Input is read and output written in large blocks: per-line
    // stream calls would cost more than converting the line (bench/compare_samba.py).
    int status = exit_ok;
    std::string out;
    auto flush = [&] {
      if (!out.empty()) std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    };
    auto convert_line = [&](std::string_view line, std::size_t length) {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (length > secdesc::max_sddl_length) {
        out += fmt::format("error: {}: line of {} characters is over the {}-character limit\n",
                           secdesc::max_sddl_length, length, secdesc::max_sddl_length);
        status = exit_failed;
        return;
      }
      auto converted = convert_guarded(converter, line);
      if (converted) {
        out += *converted;
      } else {
        out += describe(line, converted.error());
        status = exit_failed;
      }
      out += '\n';
      if (out.size() >= 1 << 16) flush();
    };
    read_lines(stdin, convert_line, secdesc::max_sddl_length + 1);
    flush();
    std::fflush(stdout);
    return status;
  };
}

}  // namespace sddlc
