// The sharing policy in force for a data directory (docs/configuration.md, docs/sharing.md):
// [sharing] policy_file in confide.toml; without it DATA/sharing-policy.toml if it exists; else the
// shipped default compiled into Confide. The vault loads it once when it opens and holds it; the
// CLI's policy commands read the same file without opening the vault.
//
// Thread-safety: free functions over the file system; no shared state.
#pragma once

#include <string>

#include "confide/result.h"
#include "service/data_dir.h"
#include "sharing/sharing_policy.h"

namespace confide::service {

inline constexpr const char* kSharingPolicyFileName = "sharing-policy.toml";

// The file the policy in force comes from; empty when it is the shipped default.
std::string SharingPolicyFileInForce(const DataDirConfig& cfg);

// Loads the policy in force. A policy that does not validate is refused rather than half-used:
// kInvalidArgument naming the file and the line of every problem; kFailedPrecondition if the
// configured file is missing.
Result<sharing::SharingPolicy> LoadSharingPolicy(const DataDirConfig& cfg);

// Writes a copy of the shipped default into the data directory for the organisation to adapt
// (never overwrites an existing file).
Status WriteDefaultSharingPolicy(const std::string& data_dir);

}  // namespace confide::service
