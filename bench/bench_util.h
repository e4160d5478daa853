// Shared set-up for Confide's benchmarks: scratch directories on the same disk as the build,
// realistic synthetic children and records, vaults ready to write to, and cached audit databases.
//
// Everything here is synthetic (NHS numbers in the never-issued 999 range, "XX" postcodes).
// Benchmarks abort on any error: a benchmark that silently measures a failure path is worse than
// none.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "confide/result.h"
#include "crypto/signing.h"
#include "service/vault.h"

namespace confide::bench {

// Aborts the benchmark with `what` and the status if `s` is not OK.
void Check(const Status& s, const char* what);
template <typename T>
T Unwrap(Result<T> r, const char* what) {
  Check(r.status(), what);
  return std::move(r).value();
}

// Where benchmark data lives: $CONFIDE_BENCH_DATA, else <build dir>/bench-data. Created if needed.
std::string BenchDataDir();

// A scratch directory under BenchDataDir(), removed (with everything in it) on destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Size in bytes of a SQLite database with its -wal file (0 for missing files).
uint64_t DatabaseBytes(const std::string& db_path);
std::string HumanBytes(uint64_t bytes);

double SecondsSince(std::chrono::steady_clock::time_point start);

// How many 4 KiB append + fsync pairs the disk under BenchDataDir() does per second right now,
// measured for `seconds`. A durable commit costs at least one: on a shared machine this shows
// whether a run was slowed by other I/O.
double FsyncProbe(double seconds = 1.0);

// A child's details: names, date of birth, address, NHS number and local-authority id, so every
// blind-index family is populated as for a real child.
domain::PersonDetails ChildDetails(uint64_t i, domain::CivilDate today);

// A typical record: a ~70-byte summary and a ~480-byte body (a short case note or chronology
// entry), staff observation, general tier, happened `i` hours before `now`.
service::RecordDraft RecordFor(domain::PersonId child, uint64_t i, UnixMicros now);

// A freshly initialised vault in `dir` with one social worker (the author of everything the
// benchmarks write) and `children` children.
struct TestVault {
  std::unique_ptr<service::Vault> vault;
  domain::StaffId author = 0;
  std::vector<domain::PersonId> children;
};
TestVault MakeVault(const std::string& dir, size_t children);

// Bytes stored per record by the vault: the last record version's sealed fields + signature, and
// the last audit entry + its leaf hash. The raw-SQLite baseline writes one blob of this size.
struct RecordFootprint {
  size_t version_bytes = 0;
  size_t audit_bytes = 0;
  size_t total() const { return version_bytes + audit_bytes; }
};
RecordFootprint MeasureFootprint(const std::string& database_path);

// An audit-only database of `entries` entries, written straight through the audit store port
// (AuditLog::Begin / Appender::Append) in transactions of `per_transaction` entries, each ending
// with a signed head (a checkpoint every 10,000 entries, as the default policy). The organisation
// row holds the signing public key so the verifier can be run on it. Built once and cached at
// `path` (built beside it, then renamed, so an interrupted build leaves no cache behind).
void EnsureAuditDatabase(const std::string& path, uint64_t entries, uint64_t per_transaction);

// The public key stored in an audit database built by EnsureAuditDatabase.
Bytes AuditDatabasePublicKey(const std::string& path);

}  // namespace confide::bench
