// The `confide` command line. RunCli parses arguments, runs one command against the vault in the
// data directory, prints a table (or JSON with --json) and returns a documented exit code
// (cli/output.h, docs/cli.md). Thread-compatible: one call at a time per process.
#pragma once

#include <ostream>

namespace confide::cli {

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace confide::cli
