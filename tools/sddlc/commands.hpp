// sddlc subcommands: each registers its options on the CLI11 app and runs when chosen.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace sddlc {

// Exit codes shared by every subcommand (documented in README and --help).
inline constexpr int exit_ok = 0;
inline constexpr int exit_failed = 1;  // some input did not convert / policy errors / access denied
inline constexpr int exit_usage = 2;   // usage or I/O error

// Registers `convert`; the returned function runs it after parsing.
std::function<int()> add_convert(CLI::App& app);
std::function<int()> add_compile(CLI::App& app);
// Registers `check` (access-check emulation).
std::function<int()> add_check(CLI::App& app);
// Registers `sid` (names to SIDs and back).
std::function<int()> add_sid(CLI::App& app);
// Registers `diff` (who gains and loses which rights between two descriptors).
std::function<int()> add_diff(CLI::App& app);
// Registers `explain` (a descriptor in words, its label, and the effective-access matrix).
std::function<int()> add_explain(CLI::App& app);

}  // namespace sddlc
