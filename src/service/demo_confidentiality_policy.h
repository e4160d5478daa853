// The demo organisation's confidentiality policy: a model policy (synthetic, written for Confide's
// demo) added to the demo data directory's governance policy, so the demo shows staff
// acknowledging it, the training report and the access gate using it. A real organisation writes
// its own ([confidentiality_policy] in governance-policy.toml, docs/governance.md).
#pragma once

#include <string>

#include "confide/result.h"
#include "domain/civil_date.h"
#include "service/data_dir.h"

namespace confide::service {

// The [confidentiality_policy] table, version "DEMO-1", in force from `in_force_from`.
std::string DemoConfidentialityPolicyToml(domain::CivilDate in_force_from);

// Appends it to the data directory's own governance policy file (DATA/governance-policy.toml, the
// one Vault::Init writes) if the policy in force has no confidentiality policy yet; a vault opened
// afterwards uses it. kFailedPrecondition if the policy in force is another file (left alone).
Status AddDemoConfidentialityPolicy(const DataDirConfig& cfg, domain::CivilDate in_force_from);

}  // namespace confide::service
