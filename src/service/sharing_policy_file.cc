#include "service/sharing_policy_file.h"

#include <filesystem>

#include "service/policy_file.h"

namespace confide::service {
namespace fs = std::filesystem;

std::string SharingPolicyFileInForce(const DataDirConfig& cfg) {
  return PolicyFileInForce(cfg.sharing_policy_path, cfg.data_dir, kSharingPolicyFileName);
}

Result<sharing::SharingPolicy> LoadSharingPolicy(const DataDirConfig& cfg) {
  const std::string path = SharingPolicyFileInForce(cfg);
  if (path.empty()) return sharing::SharingPolicy::Default();
  std::error_code ec;
  // A configured file that has gone must not quietly become the default: the organisation chose it.
  if (!fs::exists(path, ec)) return Status::FailedPrecondition("the sharing policy file " + path + " is missing");
  auto policy = sharing::SharingPolicy::LoadFile(path);
  if (!policy.ok()) {
    // The parser names the file and line of each problem; say what it stops.
    if (policy.status().code() == StatusCode::kInvalidArgument) {
      return Status::InvalidArgument("the sharing policy does not validate, so Confide will not use it: " +
                                     std::string(policy.status().message()));
    }
    return policy.status();
  }
  return policy;
}

Status WriteDefaultSharingPolicy(const std::string& data_dir) {
  return WriteDefaultPolicyFile(data_dir, kSharingPolicyFileName, sharing::DefaultSharingPolicyToml(), "sharing policy");
}

}  // namespace confide::service
