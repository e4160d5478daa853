#include "integration/integration_util.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <csignal>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <chrono>

#include "domain/civil_date.h"
#include "domain/nhs_number.h"

extern char** environ;

namespace confide::integration {
namespace fs = std::filesystem;

namespace {

// Starts CONFIDE_BINARY with `args`, stdin from `stdin_path`, stdout and stderr into the files.
// The child gets this process's environment without CONFIDE_DATA and CONFIDE_ACTOR, plus `env`.
pid_t SpawnConfide(const std::vector<std::string>& args, const EnvVars& env, const std::string& stdin_path,
                   const std::string& out_path, const std::string& err_path) {
  std::vector<std::string> argv_store{CONFIDE_BINARY};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);

  std::vector<std::string> env_store;
  for (char** e = environ; *e; ++e) {
    const std::string_view v(*e);
    if (v.starts_with("CONFIDE_DATA=") || v.starts_with("CONFIDE_ACTOR=")) continue;
    env_store.emplace_back(v);
  }
  for (const auto& [k, v] : env) env_store.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    ADD_FAILURE() << "cannot run " << CONFIDE_BINARY << ": " << std::strerror(rc);
    return -1;
  }
  return pid;
}

// The exit code of `pid` once it ends, or -1 if it did not exit normally.
int WaitForExit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      ADD_FAILURE() << "waitpid failed";
      return -1;
    }
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

CliRun RunConfide(const std::vector<std::string>& args, const EnvVars& env, const std::string& stdin_path) {
  CliRun run;
  static testing::TempDir out_dir;  // removed when the test binary exits
  static int counter = 0;
  const std::string base = out_dir.Str("run" + std::to_string(++counter));
  const std::string out_path = base + ".out", err_path = base + ".err";
  const pid_t pid = SpawnConfide(args, env, stdin_path, out_path, err_path);
  if (pid < 0) return run;
  run.exit_code = WaitForExit(pid);
  run.out = testing::ReadFileForTest(out_path);
  run.err = testing::ReadFileForTest(err_path);
  std::error_code ec;
  fs::remove(out_path, ec);
  fs::remove(err_path, ec);
  return run;
}

ConfideProcess::ConfideProcess(const std::vector<std::string>& args) {
  out_path_ = dir_.Str("out");
  err_path_ = dir_.Str("err");
  pid_ = SpawnConfide(args, {}, "/dev/null", out_path_, err_path_);
}

ConfideProcess::~ConfideProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    (void)WaitForExit(pid_);
  }
}

std::string ConfideProcess::WaitForOutput(const std::string& needle, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::string text = out();
    if (text.find(needle) != std::string::npos) return text;
    if (exited() || std::chrono::steady_clock::now() > deadline) return "";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

bool ConfideProcess::exited() {
  if (pid_ <= 0) return true;
  int status = 0;
  const pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    pid_ = -1;
    return true;
  }
  return false;
}

int ConfideProcess::Stop(int signal, std::chrono::milliseconds timeout) {
  if (pid_ > 0) ::kill(pid_, signal);
  return WaitExit(timeout);
}

int ConfideProcess::WaitExit(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!exited()) {
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "confide did not exit within " << timeout.count() << " ms; stderr: " << err();
      ::kill(pid_, SIGKILL);
      (void)WaitForExit(pid_);
      pid_ = -1;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return exit_code_;
}

std::string ConfideProcess::out() const { return testing::ReadFileForTest(out_path_); }
std::string ConfideProcess::err() const { return testing::ReadFileForTest(err_path_); }

std::string Describe(const CliRun& run) {
  return "exit " + std::to_string(run.exit_code) + "; stdout: " + run.out.substr(0, 2000) +
         "; stderr: " + run.err.substr(0, 2000);
}

std::string DaysAgo(int days_ago) {
  const auto now = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch());
  return domain::CivilDate::FromUnixMicros(now.count() - int64_t{days_ago} * 86400 * 1000000).ToIso();
}

std::string InitWithGovernanceStaff(const std::string& data_dir, const std::string& organisation) {
  const std::vector<std::vector<std::string>> steps{
      {"init", "--org-name", organisation, "--admin-name", "Ada Admin", "--admin-email", "ada@example.org"},
      {"--as", "1", "training", "add", "--staff", "1", "--course", "confidentiality", "--completed", DaysAgo(30)},
      {"--as", "1", "staff", "add", "--role", "designated_safeguarding_lead", "--team", "Safeguarding", "--name", "Dee Lead"},
      {"--as", "1", "training", "add", "--staff", "2", "--course", "confidentiality", "--completed", DaysAgo(30)},
      {"--as", "1", "staff", "add", "--role", "data_protection_officer", "--team", "Governance", "--name", "Dara Officer"},
      {"--as", "1", "training", "add", "--staff", "3", "--course", "confidentiality", "--completed", DaysAgo(30)}};
  for (std::vector<std::string> args : steps) {
    args.insert(args.begin(), {"--data", data_dir});
    CliRun run = RunConfide(args);
    if (run.exit_code != 0) return Describe(run);
  }
  return "";
}

// ---- RawDb ----

std::unique_ptr<RawDb> RawDb::Open(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  const int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path << ": " << (db ? sqlite3_errmsg(db) : "?");
    sqlite3_close(db);
    return nullptr;
  }
  sqlite3_busy_timeout(db, 10000);
  return std::unique_ptr<RawDb>(new RawDb(db));
}

RawDb::~RawDb() { sqlite3_close(db_); }

bool RawDb::Exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    ADD_FAILURE() << "SQL failed: " << sql << ": " << (err ? err : "?");
    sqlite3_free(err);
    return false;
  }
  return true;
}

namespace {

sqlite3_stmt* PrepareAndBind(sqlite3* db, const std::string& sql, const std::vector<SqlParam>& params) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot prepare " << sql << ": " << sqlite3_errmsg(db);
    return nullptr;
  }
  for (size_t i = 0; i < params.size(); ++i) {
    const int idx = static_cast<int>(i + 1);
    if (const auto* n = std::get_if<int64_t>(&params[i])) {
      sqlite3_bind_int64(stmt, idx, *n);
    } else if (const auto* t = std::get_if<SqlText>(&params[i])) {
      sqlite3_bind_text(stmt, idx, t->value.data(), static_cast<int>(t->value.size()), SQLITE_TRANSIENT);
    } else {
      const auto& b = std::get<std::string>(params[i]);
      sqlite3_bind_blob(stmt, idx, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
    }
  }
  return stmt;
}

}  // namespace

std::vector<SqlRow> RawDb::Query(const std::string& sql, const std::vector<SqlParam>& params) {
  std::vector<SqlRow> rows;
  sqlite3_stmt* stmt = PrepareAndBind(db_, sql, params);
  if (!stmt) return rows;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    SqlRow row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      SqlValue v;
      v.is_null = sqlite3_column_type(stmt, c) == SQLITE_NULL;
      v.i = sqlite3_column_int64(stmt, c);
      const void* p = sqlite3_column_blob(stmt, c);
      v.bytes.assign(static_cast<const char*>(p ? p : ""), static_cast<size_t>(sqlite3_column_bytes(stmt, c)));
      row.push_back(std::move(v));
    }
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) {
    ADD_FAILURE() << "query failed: " << sql << ": " << sqlite3_errmsg(db_);
    rows.clear();
  }
  sqlite3_finalize(stmt);
  return rows;
}

int RawDb::Change(const std::string& sql, const std::vector<SqlParam>& params) {
  sqlite3_stmt* stmt = PrepareAndBind(db_, sql, params);
  if (!stmt) return 0;
  const int rc = sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) {
    ADD_FAILURE() << "write failed: " << sql << ": " << sqlite3_errmsg(db_);
    return 0;
  }
  return sqlite3_changes(db_);
}

int64_t RawDb::Int(const std::string& sql, const std::vector<SqlParam>& params) {
  auto rows = Query(sql, params);
  if (rows.size() != 1 || rows[0].empty()) {
    ADD_FAILURE() << "expected one value from " << sql << ", got " << rows.size() << " rows";
    return -1;
  }
  return rows[0][0].i;
}

std::string RawDb::Blob(const std::string& sql, const std::vector<SqlParam>& params) {
  auto rows = Query(sql, params);
  if (rows.size() != 1 || rows[0].empty()) {
    ADD_FAILURE() << "expected one value from " << sql << ", got " << rows.size() << " rows";
    return "";
  }
  return rows[0][0].bytes;
}

bool RawDb::DropAppendOnlyTriggers() {
  auto rows = Query("SELECT name FROM sqlite_master WHERE type = 'trigger'");
  for (const auto& r : rows) {
    if (!Exec("DROP TRIGGER \"" + r[0].bytes + "\"")) return false;
  }
  return Int("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'") == 0;
}

// ---- MultiNeedleScanner ----

namespace {
constexpr size_t kMinNeedle = 6;
constexpr size_t kFilterBits = size_t{1} << 24;

uint64_t Mix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  return k;
}
}  // namespace

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

uint64_t MultiNeedleScanner::Key(const char* p) {
  uint64_t k = 0;
  std::memcpy(&k, p, kMinNeedle);
  return k;
}

MultiNeedleScanner::MultiNeedleScanner(std::vector<std::string> needles, bool ignore_case)
    : needles_(std::move(needles)), ignore_case_(ignore_case), filter_(kFilterBits / 64) {
  for (size_t i = 0; i < needles_.size(); ++i) {
    if (ignore_case_) needles_[i] = AsciiLower(needles_[i]);
    if (needles_[i].size() < kMinNeedle) {
      ADD_FAILURE() << "needle too short to scan for: '" << needles_[i] << "'";
      continue;
    }
    const uint64_t k = Key(needles_[i].data());
    const uint64_t h = Mix(k) % kFilterBits;
    filter_[h / 64] |= uint64_t{1} << (h % 64);
    prefix_index_.emplace_back(k, i);
  }
  std::sort(prefix_index_.begin(), prefix_index_.end());
}

std::vector<MultiNeedleScanner::Hit> MultiNeedleScanner::Scan(std::string_view haystack_in) const {
  std::vector<Hit> hits;
  std::string lowered;
  std::string_view haystack = haystack_in;
  if (ignore_case_) {
    lowered = AsciiLower(haystack_in);
    haystack = lowered;
  }
  if (haystack.size() < kMinNeedle) return hits;
  for (size_t pos = 0; pos + kMinNeedle <= haystack.size(); ++pos) {
    const uint64_t k = Key(haystack.data() + pos);
    const uint64_t h = Mix(k) % kFilterBits;
    if ((filter_[h / 64] & (uint64_t{1} << (h % 64))) == 0) continue;
    auto it = std::lower_bound(prefix_index_.begin(), prefix_index_.end(), std::make_pair(k, size_t{0}));
    for (; it != prefix_index_.end() && it->first == k; ++it) {
      const std::string& n = needles_[it->second];
      if (haystack.substr(pos, n.size()) == n) hits.push_back({it->second, pos});
    }
  }
  return hits;
}

std::vector<std::pair<fs::path, std::string>> ReadAllFiles(const fs::path& dir) {
  std::vector<std::pair<fs::path, std::string>> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) out.emplace_back(it->path(), testing::ReadFileForTest(it->path()));
  }
  if (ec) ADD_FAILURE() << "cannot list " << dir << ": " << ec.message();
  std::sort(out.begin(), out.end());
  return out;
}

std::string TestNhsNumber(int seed) {
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const int middle = (seed * 7919 + attempt * 104729) % 1000000;
    std::ostringstream s;
    s << "999";
    s.width(6);
    s.fill('0');
    s << middle;
    for (int check = 0; check <= 9; ++check) {
      const std::string candidate = s.str() + std::to_string(check);
      if (domain::NhsNumber::Parse(candidate).ok()) return candidate;
    }
  }
  ADD_FAILURE() << "no valid test NHS number found";
  return "";
}

std::string FileOrEmpty(const fs::path& p) {
  std::error_code ec;
  return fs::exists(p, ec) ? testing::ReadFileForTest(p) : std::string();
}

}  // namespace confide::integration
