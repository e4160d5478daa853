// `--input FILE|-`: a command's personal data read from a JSON file or standard input instead of
// command-line options, which `ps`, shell history and process accounting would keep. The file
// holds the same JSON as the API's request body for the same action (codec/request_bodies.h).
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "confide/result.h"

namespace confide::cli {

// Adds --input to `cmd`, storing the path in `path`; `body` names the API body it takes.
CLI::Option* AddJsonInputOption(CLI::App* cmd, std::string& path, const std::string& body);

// Without --input, `names` are required: a usage error (exit 2) like any missing required option.
// Call from the subcommand's parse callback.
void RequireUnlessInput(const CLI::App& cmd, const std::string& input, const std::vector<std::string>& names);

// With --input, the options that carry content must not be given too: one source, no merging
// rules to guess at. `keep` lists the options that still apply (ids, --person).
Status CheckInputAlone(const CLI::App& cmd, const std::vector<std::string>& keep);

// Reads and parses the file ("-" is standard input). At most 12 MiB (an attachment's base64 fits);
// the result is a JSON object. Errors name the file, never quote its contents.
Result<nlohmann::json> ReadJsonInput(const std::string& path);

}  // namespace confide::cli
