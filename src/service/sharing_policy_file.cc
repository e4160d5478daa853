#include "service/sharing_policy_file.h"

#include <filesystem>
#include <fstream>

namespace confide::service {
namespace fs = std::filesystem;

std::string SharingPolicyFileInForce(const DataDirConfig& cfg) {
  if (!cfg.sharing_policy_path.empty()) return cfg.sharing_policy_path;
  const std::string in_dir = (fs::path(cfg.data_dir) / kSharingPolicyFileName).string();
  std::error_code ec;
  return fs::exists(in_dir, ec) ? in_dir : std::string();
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
  const fs::path file = fs::path(data_dir) / kSharingPolicyFileName;
  std::error_code ec;
  if (fs::exists(file, ec)) return Status::Ok();
  std::ofstream out(file, std::ios::binary);
  out << sharing::DefaultSharingPolicyToml();
  out.close();
  if (!out) return Status::IOError("cannot write the sharing policy in the data directory");
  return Status::Ok();
}

}  // namespace confide::service
