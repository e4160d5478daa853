#include "testing/test_util.h"

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace confide::testing {

std::filesystem::path SharedDir() {
  if (const char* env = std::getenv("CONFIDE_SHARED_DIR"); env && *env) return env;
  return CONFIDE_SHARED_DIR_DEFAULT;
}

std::filesystem::path SourceDir() {
  if (const char* env = std::getenv("CONFIDE_SOURCE_DIR"); env && *env) return env;
  return CONFIDE_SOURCE_DIR_DEFAULT;
}

TempDir::TempDir() {
  std::random_device rd;
  std::filesystem::path base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::filesystem::path candidate = base / ("confide-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::error_code ec;
    if (std::filesystem::create_directory(candidate, ec)) {
      path_ = candidate;
      return;
    }
  }
  ADD_FAILURE() << "could not create a temporary directory";
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

std::string ReadFileForTest(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace confide::testing
