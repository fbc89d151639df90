// sddlc: compile, convert and check Windows security descriptors.
#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include "commands.hpp"
#include "secdesc/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"sddlc: compile policies, convert SDDL and self-relative security descriptors, and\n"
               "check access as Windows would, name SIDs, diff descriptors by access, and explain them. Exit status:\n"
               "see each command's --help."};
  app.set_version_flag("--version", fmt::format("sddlc {}", secdesc::version),
                       "Print the version (sddlc MAJOR.MINOR.PATCH) and exit");
  app.require_subcommand(1);
  auto convert = sddlc::add_convert(app);
  auto compile = sddlc::add_compile(app);
  auto check = sddlc::add_check(app);
  auto sid = sddlc::add_sid(app);
  auto diff = sddlc::add_diff(app);
  auto explain = sddlc::add_explain(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return sddlc::exit_usage;
  }
  try {
    if (app.got_subcommand("convert")) return convert();
    if (app.got_subcommand("compile")) return compile();
    if (app.got_subcommand("check")) return check();
    if (app.got_subcommand("sid")) return sid();
    if (app.got_subcommand("diff")) return diff();
    if (app.got_subcommand("explain")) return explain();
  } catch (const std::exception& e) {
    fmt::print(stderr, "sddlc: internal error: {}\n", e.what());
    return sddlc::exit_usage;
  }
  return sddlc::exit_usage;
}
