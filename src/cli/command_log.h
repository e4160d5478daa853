// The operations log: one JSON line per CLI command in DATA/logs/confide.log, for operators.
// It holds the command name, the acting staff id, the outcome code and the duration: never
// arguments, never messages, so never personal data. (The audit log is the record of access; this
// is for running the service.)
#pragma once

#include <string>

#include "confide/status.h"

namespace confide::cli {

// Appends a line; failures to log never fail the command (they are reported on stderr once).
void LogCommand(const std::string& log_path, const std::string& command, int64_t actor, int exit_code, double millis);

}  // namespace confide::cli
