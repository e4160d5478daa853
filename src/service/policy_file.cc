#include "service/policy_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace confide::service {
namespace fs = std::filesystem;

std::string PolicyFileInForce(const std::string& configured, const std::string& data_dir, const char* file_name) {
  if (!configured.empty()) return configured;
  const std::string in_dir = (fs::path(data_dir) / file_name).string();
  std::error_code ec;
  return fs::exists(in_dir, ec) ? in_dir : std::string();
}

Result<std::string> ReadPolicyFile(const std::string& path, std::string_view what) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::FailedPrecondition("the " + std::string(what) + " file " + path + " is missing");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return Status::IOError("cannot read the " + std::string(what) + " file " + path);
  return text.str();
}

Status WriteDefaultPolicyFile(const std::string& data_dir, const char* file_name, std::string_view text,
                              std::string_view what) {
  const fs::path file = fs::path(data_dir) / file_name;
  std::error_code ec;
  if (fs::exists(file, ec)) return Status::Ok();
  std::ofstream out(file, std::ios::binary);
  out << text;
  out.close();
  if (!out) return Status::IOError("cannot write the " + std::string(what) + " in the data directory");
  return Status::Ok();
}

}  // namespace confide::service
