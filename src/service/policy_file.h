// What the policy files in a data directory share (the access, sharing and governance policies):
// which file is in force, and writing the shipped default for an organisation to adapt.
// Thread-safety: free functions over the file system; no shared state.
#pragma once

#include <string>
#include <string_view>

#include "confide/result.h"

namespace confide::service {

// `configured` if set; else DATA/`file_name` if it exists; else empty (the shipped default).
std::string PolicyFileInForce(const std::string& configured, const std::string& data_dir, const char* file_name);

// Reads a configured policy file. A file the organisation chose that has gone must not quietly
// become the default: kFailedPrecondition naming `what` and the path.
Result<std::string> ReadPolicyFile(const std::string& path, std::string_view what);

// Writes `text` as DATA/`file_name`, never overwriting an existing file.
Status WriteDefaultPolicyFile(const std::string& data_dir, const char* file_name, std::string_view text,
                              std::string_view what);

}  // namespace confide::service
