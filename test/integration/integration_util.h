// Helpers for the integration suites: running the real `confide` binary, poking at the SQLite file
// directly (as an attacker with file access would), and scanning files for plaintext.
#pragma once

#include <sqlite3.h>

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "testing/test_util.h"

namespace confide::integration {

// ---- the confide binary ----

struct CliRun {
  int exit_code = -1;  // -1 if it could not be run or did not exit normally
  std::string out;
  std::string err;
};

using EnvVars = std::vector<std::pair<std::string, std::string>>;

// Runs CONFIDE_BINARY with `args` (argv[1..]). The child gets this process's environment without
// CONFIDE_DATA and CONFIDE_ACTOR, plus `env`. Output is captured through files in a private
// temporary directory (never in a data directory under test). Standard input is `stdin_path`.
CliRun RunConfide(const std::vector<std::string>& args, const EnvVars& env = {}, const std::string& stdin_path = "/dev/null");

// A confide process left running (`serve`): started in the constructor, killed in the destructor if
// still running. Output goes to files in a private temporary directory.
class ConfideProcess {
 public:
  explicit ConfideProcess(const std::vector<std::string>& args);
  ~ConfideProcess();
  ConfideProcess(const ConfideProcess&) = delete;
  ConfideProcess& operator=(const ConfideProcess&) = delete;

  // Stdout once it contains `needle`; "" if the process exits or the time runs out first.
  std::string WaitForOutput(const std::string& needle, std::chrono::milliseconds timeout);
  // Sends `signal` and waits for the exit code (-1, with a test failure, if it does not exit in time).
  int Stop(int signal, std::chrono::milliseconds timeout);
  // Waits for the process to exit by itself.
  int WaitExit(std::chrono::milliseconds timeout);
  bool exited();
  std::string out() const;
  std::string err() const;

 private:
  testing::TempDir dir_;
  std::string out_path_, err_path_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

// "exit N; stdout: ...; stderr: ..." for assertion messages.
std::string Describe(const CliRun& run);

// The UTC date `days_ago` days before now, "YYYY-MM-DD": a training completion recent enough to
// be in date (training lapses after its refresher interval: a year for confidentiality).
std::string DaysAgo(int days_ago);

// `confide init` of a new organisation in `data_dir`, with staff 2 a designated safeguarding lead
// (who sees every child) and staff 3 the data protection officer, all three with current training:
// the set-up of the governance suites. The failed command, if any ("" when all succeeded).
std::string InitWithGovernanceStaff(const std::string& data_dir, const std::string& organisation);

// ---- direct SQLite access ----

struct SqlValue {
  bool is_null = false;
  int64_t i = 0;
  std::string bytes;  // blob or text
};
using SqlRow = std::vector<SqlValue>;
struct SqlText {
  std::string value;
};
using SqlParam = std::variant<int64_t, std::string, SqlText>;  // a std::string is bound as a blob

// A raw sqlite3 connection. Every failure is reported with ADD_FAILURE and returned as false /
// empty, so a tampering step that silently did nothing cannot make a detection test pass.
class RawDb {
 public:
  static std::unique_ptr<RawDb> Open(const std::string& path, bool read_only = false);
  ~RawDb();
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  bool Exec(const std::string& sql);
  // Runs one statement with bound parameters; returns its rows (empty on error, with a failure).
  std::vector<SqlRow> Query(const std::string& sql, const std::vector<SqlParam>& params = {});
  // Runs a write; returns the number of rows changed (0 on error, with a failure).
  int Change(const std::string& sql, const std::vector<SqlParam>& params = {});
  int64_t Int(const std::string& sql, const std::vector<SqlParam>& params = {});
  std::string Blob(const std::string& sql, const std::vector<SqlParam>& params = {});

  // Drops every append-only trigger: anyone who can write the file can do this.
  bool DropAppendOnlyTriggers();

  sqlite3* handle() { return db_; }

 private:
  explicit RawDb(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

// ---- plaintext scanning ----

// Finds which of many needles (each at least 6 bytes) occur in haystacks, in one pass per haystack.
class MultiNeedleScanner {
 public:
  struct Hit {
    size_t needle;
    size_t offset;
  };
  // Needles shorter than 6 bytes are rejected with a test failure (they match ciphertext by chance).
  explicit MultiNeedleScanner(std::vector<std::string> needles, bool ignore_case);
  std::vector<Hit> Scan(std::string_view haystack) const;
  const std::vector<std::string>& needles() const { return needles_; }

 private:
  static uint64_t Key(const char* p);
  std::vector<std::string> needles_;  // lower-cased when ignoring case
  bool ignore_case_;
  std::vector<uint64_t> filter_;                             // bitset over a hash of the 6-byte prefix
  std::vector<std::pair<uint64_t, size_t>> prefix_index_;  // (prefix key, needle), sorted
};

std::string AsciiLower(std::string_view s);

// Every regular file under `dir`, recursively, with its content.
std::vector<std::pair<std::filesystem::path, std::string>> ReadAllFiles(const std::filesystem::path& dir);

// ---- misc ----

// A valid NHS number in the never-issued 999 range, derived from `seed`.
std::string TestNhsNumber(int seed);

std::string FileOrEmpty(const std::filesystem::path& p);  // "" if missing

}  // namespace confide::integration
