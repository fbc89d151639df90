// sddlc compile: TOML policies -> SDDL, hex, binary, a C++ header or JSON.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "../common/json_output.hpp"
#include "../common/output_file.hpp"
#include "commands.hpp"
#include "secdesc/secdesc.hpp"

namespace sddlc {
namespace {

struct CompileOptions {
  std::vector<std::string> policies;
  std::string emit = "sddl";
  std::string output;
  std::string domain_sid;
  std::string ns{secdesc::default_codegen_namespace};
};

}  // namespace

std::function<int()> add_compile(CLI::App& app) {
  auto o = std::make_shared<CompileOptions>();
  auto* cmd = app.add_subcommand(
      "compile",
      "Compile TOML policies (docs/policy-format.md) into SDDL, self-relative bytes or a C++ "
      "header.\n"
      "Every problem is reported as file:line:column: error: message, all of them, on standard "
      "error; each [[expect]] entry is checked with the access-check emulation, and one that does "
      "not hold is an error that shows the trace. Output files are written whole or not at "
      "all.\n"
      "--emit sddl and hex write one line per policy (prefixed 'FILE: ' when there are several);\n"
      "binary writes the raw descriptor of exactly one policy; cpp writes one header for all;\n"
      "json writes an array with one object per policy.\n"
      "Exit status: 0 success, 1 policy errors or failed expectations, 2 usage or I/O errors.");
  cmd->add_option("POLICY", o->policies, "Policy files (.toml)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--emit", o->emit, "Output form")
      ->check(CLI::IsMember({"sddl", "hex", "binary", "cpp", "json"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", o->output, "Output file (default: standard output)");
  cmd->add_option("--domain-sid", o->domain_sid,
                  "Domain SID (S-1-5-21-x-y-z) for DA, DU, LA, ...; overrides the policies' "
                  "domain-sid");
  cmd->add_option("--namespace", o->ns, "C++ namespace for --emit cpp")->capture_default_str();
  return [o]() -> int {
    secdesc::PolicyOptions options;
    if (!o->domain_sid.empty()) {
      auto d = secdesc::parse_domain_sid(o->domain_sid);
      if (!d) {
        fmt::print(stderr, "sddlc compile: --domain-sid: {}\n", d.error().message);
        return exit_usage;
      }
      options.domain_sid = *d;
    }
    if (o->emit == "binary" && o->policies.size() != 1) {
      fmt::print(stderr, "sddlc compile: --emit binary takes exactly one policy\n");
      return exit_usage;
    }
    std::vector<secdesc::Policy> policies;
    bool failed = false;
    for (const auto& path : o->policies) {
      auto load = secdesc::load_policy_file(path, options);
      for (const auto& d : load.diagnostics) fmt::print(stderr, "{}\n", secdesc::format_diagnostic(d));
      if (!load.ok()) {
        failed = true;
        continue;
      }
      // The policy's own [[expect]] entries, through the access-check emulation.
      auto failures = secdesc::expectation_failures(*load.policy);
      for (const auto& d : failures) fmt::print(stderr, "{}\n", secdesc::format_diagnostic(d));
      if (!failures.empty()) {
        failed = true;
        continue;
      }
      policies.push_back(std::move(*load.policy));
    }
    if (failed) return exit_failed;

    std::string out;
    const bool several = policies.size() > 1;
    if (o->emit == "cpp") {
      auto header = secdesc::generate_cpp_header(policies, o->ns);
      if (!header) {
        fmt::print(stderr, "sddlc compile: {}\n", header.error().message);
        return header.error().code == secdesc::ErrorCode::invalid_argument ? exit_usage : exit_failed;
      }
      out = std::move(*header);
    } else if (o->emit == "json") {
      out = "[";
      for (std::size_t i = 0; i < policies.size(); ++i)
        out += (i ? "," : "") +
               secdesc_tools::stamp_json_object(secdesc::policy_to_json(policies[i]),
                                                secdesc_tools::compile_schema_version);
      out += "]\n";
    } else {
      for (const auto& p : policies) {
        auto bytes = secdesc::encode_self_relative(p.descriptor);
        if (!bytes) {
          fmt::print(stderr, "{}: error: {}\n", p.file, bytes.error().message);
          return exit_failed;
        }
        if (o->emit == "binary") {
          out.assign(reinterpret_cast<const char*>(bytes->data()), bytes->size());
          break;
        }
        std::string text = o->emit == "hex" ? secdesc::to_hex(*bytes)
                                            : secdesc::to_sddl(p.descriptor, secdesc::SddlFormatOptions{p.context});
        out += several ? fmt::format("{}: {}\n", p.file, text) : text + "\n";
      }
    }
    if (o->output.empty() || o->output == "-") {
      std::fwrite(out.data(), 1, out.size(), stdout);
      return std::fflush(stdout) == 0 ? exit_ok : exit_usage;
    }
    if (auto err = secdesc_tools::write_file_atomically(o->output, out); !err.empty()) {
      fmt::print(stderr, "sddlc compile: {}\n", err);
      return exit_usage;
    }
    return exit_ok;
  };
}

}  // namespace sddlc
