#include "service/governance_policy_file.h"

#include "service/policy_file.h"

namespace confide::service {

std::string GovernancePolicyFileInForce(const DataDirConfig& cfg) {
  return PolicyFileInForce(cfg.governance_policy_path, cfg.data_dir, kGovernancePolicyFileName);
}

Result<governance::GovernancePolicy> LoadGovernancePolicy(const DataDirConfig& cfg) {
  const std::string path = GovernancePolicyFileInForce(cfg);
  if (path.empty()) return governance::DefaultGovernancePolicy();
  CONFIDE_ASSIGN_OR_RETURN(std::string text, ReadPolicyFile(path, "governance policy"));
  auto policy = governance::ParseGovernancePolicy(text, path);
  if (!policy.ok() && policy.status().code() == StatusCode::kInvalidArgument) {
    return Status::InvalidArgument("the governance policy does not validate, so Confide will not use it: " +
                                   std::string(policy.status().message()));
  }
  return policy;
}

Status WriteDefaultGovernancePolicy(const std::string& data_dir) {
  return WriteDefaultPolicyFile(data_dir, kGovernancePolicyFileName, governance::DefaultGovernancePolicyToml(),
                                "governance policy");
}

}  // namespace confide::service
