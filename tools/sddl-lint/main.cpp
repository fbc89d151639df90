// sddl-lint: review SDDL strings in source files, policies, or on the command line.
// Thin by design: arguments -> LintRequest -> run_lint (request.hpp) -> print.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "secdesc/lint_format.hpp"
#include "secdesc/object_type.hpp"
#include "secdesc/text_output.hpp"
#include "secdesc/version.hpp"

#include "request.hpp"

namespace {

constexpr const char* kDescription =
    "sddl-lint: review SDDL security descriptor strings.\n"
    "Finds SDDL literals in source and text files (C, C++, C#, Go, Python, PowerShell, JSON,\n"
    "YAML, INF, .reg, anything else as text), lints policy files (.toml), --sddl strings, or\n"
    "standard input (-, one SDDL per line), and reports file:line:column: severity: message\n"
    "[rule]. The rules, their fixes and the configuration are in docs/lint-rules.md.";

constexpr const char* kFooter =
    "Configuration: the nearest .sddl-lint.toml in the current directory or above (or --config)\n"
    "sets disable, enable, [severity], object, domain-sid and exclude; the command line wins.\n"
    "A comment on the line before a literal, '// sddl-lint: disable=RULE,RULE' (also with #, --,\n"
    "; or disable-next-line), silences rules for it; 'sddl-lint: object=TYPE' sets its type.\n"
    "Object types: {}.\n"
    "Exit status: 0 nothing at error level (nor warning with --werror), 1 something was,\n"
    "2 usage or I/O error.";

}  // namespace

int main(int argc, char** argv) {
  secdesc::lint_cli::LintRequest request;
  std::string format = "text";
  std::string help_uri;
  // The build's informationUri (tools/CMakeLists.txt: the installed README, or the address the
  // build was configured with); --sarif-information-uri replaces it, '' leaves it out.
  std::string information_uri = SECDESC_INFORMATION_URI;
  bool list_rules = false;
  bool explain_type = false;

  CLI::App app{kDescription, "sddl-lint"};
  // The type list comes from the one table (object_type.cpp), so help cannot fall behind it.
  app.footer(fmt::format(kFooter, secdesc::object_type_names()));
  app.set_version_flag("--version", fmt::format("sddl-lint {}", secdesc::version),
                       "Print the version (sddl-lint MAJOR.MINOR.PATCH) and exit");
  app.add_option("INPUT", request.inputs,
                 "Files and directories to lint (directories recursively, honouring "
                 ".gitignore), or - for standard input");
  app.add_option("--sddl", request.sddl, "Lint this SDDL string (repeatable)")
      ->type_name("STRING")
      ->allow_extra_args(false);
  app.add_option("--object", request.object,
                 "Object type of strings that do not say theirs (see below)")
      ->type_name("TYPE");
  app.add_option("--domain-sid", request.domain_sid,
                 "Domain SID (S-1-5-21-x-y-z) for DA, DU, LA, ...; silences domain-alias")
      ->type_name("SID");
  app.add_option("--disable", request.disable, "Do not run RULE (repeatable, or RULE,RULE)")
      ->type_name("RULE")
      ->allow_extra_args(false);
  app.add_option("--enable", request.enable, "Run RULE even if the config disables it")
      ->type_name("RULE")
      ->allow_extra_args(false);
  app.add_option("--severity", request.severity,
                 "Set RULE's level: error, warning, note or off (repeatable)")
      ->type_name("RULE=LEVEL")
      ->allow_extra_args(false);
  app.add_flag("--werror", request.werror, "Warnings fail the run too (exit status 1)");
  app.add_option("--format", format, "Output: text, json (with the object type each finding read the rights as, and why), sarif (GitHub code scanning), github")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
      ->type_name("FORMAT")
      ->capture_default_str();
  app.add_option("--config", request.config, "Read this config instead of .sddl-lint.toml")
      ->type_name("FILE");
  app.add_flag("--no-config", request.no_config, "Read no config file");
  app.add_option("--sarif-help-uri", help_uri,
                 "SARIF: each rule's helpUri is URI#rule (absolute; default none)")
      ->type_name("URI");
  app.add_option("--sarif-information-uri", information_uri,
                 "SARIF: the tool's informationUri (absolute; default: the installed README; '' for none)")
      ->type_name("URI");
  app.add_flag("--list-rules", list_rules, "Print the rules and their default levels, then exit");
  app.add_flag("--explain-type", explain_type,
               "Print each literal's inferred object type and the code that says it (or why "
               "none), then exit");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return secdesc::lint_cli::lint_exit_usage;
  }

  // SARIF takes only absolute URIs there; a relative one would make the log invalid.
  for (const auto& [option, uri] : {std::pair{"--sarif-help-uri", &help_uri},
                                    std::pair{"--sarif-information-uri", &information_uri}}) {
    if (!uri->empty() && !secdesc::is_absolute_uri(*uri)) {
      fmt::print(stderr, "sddl-lint: {} '{}': expected an absolute URI such as https://host/path\n",
                 option, *uri);
      return secdesc::lint_cli::lint_exit_usage;
    }
  }

  try {
    if (list_rules) {
      fmt::print("{}", secdesc::format_rule_list());
      return secdesc::lint_cli::lint_exit_clean;
    }
    if (explain_type) return secdesc::lint_cli::explain_types(request);
    secdesc::lint_cli::LintReport report = secdesc::lint_cli::run_lint(request, std::cin);
    for (const auto& p : report.problems)
      fmt::print(stderr, "sddl-lint: {}\n", secdesc::escape_invalid_utf8(p));
    if (report.usage_error && report.findings.empty()) return report.exit_code();
    secdesc::SarifOptions sarif;
    sarif.help_uri_base = help_uri;
    sarif.information_uri = information_uri;
    const auto output_format = secdesc::parse_output_format(format);
    std::fputs(secdesc::format_findings(report.findings,
                                        output_format.value_or(secdesc::OutputFormat::text), sarif)
                   .c_str(),
               stdout);
    return report.exit_code();
  } catch (const std::exception& e) {
    fmt::print(stderr, "sddl-lint: internal error: {}\n", e.what());
    return secdesc::lint_cli::lint_exit_usage;
  }
}
