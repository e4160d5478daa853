// Shared test helpers: status assertions, paths to shared material, temporary directories.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "confide/result.h"

#define ASSERT_OK(expr)                                     \
  do {                                                      \
    auto confide_s_ = ::confide::testing::ToStatus(expr);   \
    ASSERT_TRUE(confide_s_.ok()) << confide_s_.ToString();  \
  } while (false)
#define EXPECT_OK(expr)                                     \
  do {                                                      \
    auto confide_s_ = ::confide::testing::ToStatus(expr);   \
    EXPECT_TRUE(confide_s_.ok()) << confide_s_.ToString();  \
  } while (false)

// Assigns the value of a Result or fails the test.
#define ASSERT_OK_AND_ASSIGN(lhs, rexpr)                                   \
  ASSERT_OK_AND_ASSIGN_IMPL_(CONFIDE_CONCAT_(confide_r_, __LINE__), lhs, rexpr)
#define ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, rexpr)       \
  auto tmp = (rexpr);                                     \
  ASSERT_TRUE(tmp.ok()) << tmp.status().ToString();       \
  lhs = std::move(tmp).value()

namespace confide::testing {

inline Status ToStatus(const Status& s) { return s; }
template <typename T>
Status ToStatus(const Result<T>& r) { return r.status(); }

// ../shared (from CONFIDE_SHARED_DIR, set by CTest; falls back to the source tree's sibling).
std::filesystem::path SharedDir();
// The project's source root (CONFIDE_SOURCE_DIR).
std::filesystem::path SourceDir();

// A fresh directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string Str(const std::string& child = "") const { return (path_ / child).string(); }

 private:
  std::filesystem::path path_;
};

// Reads a whole file (binary). Empty string if it cannot be read.
std::string ReadFileForTest(const std::filesystem::path& p);

}  // namespace confide::testing
