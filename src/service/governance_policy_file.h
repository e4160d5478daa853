// The governance policy in force for a data directory (docs/governance.md): [governance]
// policy_file in confide.toml; without it DATA/governance-policy.toml if it exists; else the
// shipped default compiled into Confide. It holds the retention schedule and the bank holidays the
// organisation adds to the England and Wales calendar.
//
// Thread-safety: free functions over the file system; no shared state.
#pragma once

#include <string>

#include "confide/result.h"
#include "governance/governance_policy.h"
#include "service/data_dir.h"

namespace confide::service {

inline constexpr const char* kGovernancePolicyFileName = "governance-policy.toml";

// The file the policy in force comes from; empty when it is the shipped default.
std::string GovernancePolicyFileInForce(const DataDirConfig& cfg);

// Loads the policy in force; one that does not validate is refused, never half-used
// (kInvalidArgument naming the file and the line of each problem; kFailedPrecondition if the
// configured file is missing).
Result<governance::GovernancePolicy> LoadGovernancePolicy(const DataDirConfig& cfg);

// Writes a copy of the shipped default into the data directory (never overwrites).
Status WriteDefaultGovernancePolicy(const std::string& data_dir);

}  // namespace confide::service
