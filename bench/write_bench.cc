// Target 1: records written per second with encryption and audit, against raw durable SQLite
// commits of rows of the same size. Target: vault >= 50% of raw.
//
//   bench_write                                   all of the below
//   bench_write --benchmark_filter=WriteRatio     only the interleaved comparison (the figure to quote)
//
// What each benchmark measures (all wall-clock, one thread, the same disk):
//   BM_RawCommit          one row per transaction: BEGIN IMMEDIATE; INSERT one blob; COMMIT, through
//                         Confide's own Connection (WAL, synchronous=FULL, same pragmas as the vault).
//                         The blob is as large as what the vault stores per record: the sealed
//                         record version + its signature + the audit entry + its leaf hash.
//   BM_RawCommitBatch/N   N such rows per transaction (context only: what SQLite itself gains).
//   BM_VaultAddRecord     Vault::AddRecord: one record per transaction, with actor check, sealing
//                         (XChaCha20-Poly1305 per field), Ed25519 signature on the version, audit
//                         entry, signed tree head, durable commit.
//   BM_VaultBatch/N       N records in one Vault::Batch (one audit entry per record, one signed
//                         head and one commit per batch).
//   BM_WriteRatio         the figure to quote: rounds of 100 raw commits, 100 AddRecord calls, one
//                         batch of 100 and one batch of 1000, interleaved (order rotating each round)
//                         so that the shared machine's noise hits all of them alike; reports each
//                         rate and vault/raw ratios from the same run.
#include <benchmark/benchmark.h>

#include <time.h>

#include <array>
#include <cstdio>
#include <functional>
#include <random>

#include "bench_util.h"
#include "store/sqlite/sqlite_db.h"

namespace confide::bench {
namespace {

constexpr size_t kChildren = 100;

struct WriteEnv {
  TempDir dir{"write"};  // declared first: removed last, after the databases are closed
  TestVault tv;
  std::unique_ptr<store::sqlite::Connection> raw;
  Bytes payload;
  RecordFootprint footprint;
  uint64_t next_record = 0;
  UnixMicros now = 0;

  WriteEnv() {
    tv = MakeVault(dir.path() + "/vault", kChildren);
    now = SystemClock::Default().NowMicros();
    // Warm up (statement cache, page cache), then measure what one record costs on disk.
    for (int i = 0; i < 50; ++i) AddOne();
    footprint = MeasureFootprint(tv.vault->config().database_path);
    raw = Unwrap(store::sqlite::Connection::Open(dir.path() + "/raw.db", true), "opening the raw database");
    Check(raw->Exec("CREATE TABLE raw_rows (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)"), "raw schema");
    payload.resize(footprint.total());
    std::mt19937_64 rng(42);
    for (auto& b : payload) b = static_cast<uint8_t>(rng());
    for (int i = 0; i < 50; ++i) RawCommit(1);
  }

  service::RecordDraft NextDraft() {
    const uint64_t i = next_record++;
    return RecordFor(tv.children[i % tv.children.size()], i, now);
  }

  void AddOne() { Unwrap(tv.vault->AddRecord(tv.author, NextDraft()), "Vault::AddRecord"); }

  void AddBatch(int n) {
    Check(tv.vault->Batch(tv.author,
                          [&](service::BatchWriter& w) -> Status {
                            for (int i = 0; i < n; ++i) CONFIDE_RETURN_IF_ERROR(w.AddRecord(NextDraft()).status());
                            return Status::Ok();
                          }),
          "Vault::Batch");
  }

  void RawCommit(int rows) {
    Check(raw->Exec("BEGIN IMMEDIATE"), "raw begin");
    for (int i = 0; i < rows; ++i) {
      auto s = Unwrap(raw->Prepare("INSERT INTO raw_rows(payload) VALUES (?)"), "raw prepare");
      s->Bind(1, ByteView(payload));
      Check(s->Run(), "raw insert");
    }
    Check(raw->Exec("COMMIT"), "raw commit");
  }
};

WriteEnv& Env() {
  static WriteEnv env;
  return env;
}

void BM_RawCommit(benchmark::State& state) {
  WriteEnv& e = Env();
  for (auto _ : state) e.RawCommit(1);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RawCommit)->UseRealTime()->MinTime(2.0)->Unit(benchmark::kMicrosecond);

void BM_RawCommitBatch(benchmark::State& state) {
  WriteEnv& e = Env();
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) e.RawCommit(n);
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_RawCommitBatch)->Arg(100)->UseRealTime()->MinTime(1.0)->Unit(benchmark::kMillisecond);

void BM_VaultAddRecord(benchmark::State& state) {
  WriteEnv& e = Env();
  for (auto _ : state) e.AddOne();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VaultAddRecord)->UseRealTime()->MinTime(2.0)->Unit(benchmark::kMicrosecond);

void BM_VaultBatch(benchmark::State& state) {
  WriteEnv& e = Env();
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) e.AddBatch(n);
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_VaultBatch)->Arg(100)->Arg(1000)->UseRealTime()->MinTime(2.0)->Unit(benchmark::kMillisecond);

// The interleaved comparison. Each iteration is one round.
struct RatioResult {
  bool ran = false;
  double raw = 0, single = 0, batch100 = 0, batch1000 = 0;
  std::array<double, 4> wall_us{}, cpu_us{};  // per row or record: raw, single, batch100, batch1000
};

// User + system CPU time of this process (the benchmark is single-threaded).
double ProcessCpuSeconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
RatioResult g_ratio;

void BM_WriteRatio(benchmark::State& state) {
  WriteEnv& e = Env();
  constexpr int kRaw = 100, kSingle = 100;
  using Clock = std::chrono::steady_clock;
  std::array<double, 4> seconds{}, cpu_seconds{};
  std::array<uint64_t, 4> items{};
  const std::array<std::function<void()>, 4> parts = {
      [&] { for (int i = 0; i < kRaw; ++i) e.RawCommit(1); },
      [&] { for (int i = 0; i < kSingle; ++i) e.AddOne(); },
      [&] { e.AddBatch(100); },
      [&] { e.AddBatch(1000); },
  };
  const std::array<uint64_t, 4> per_round = {kRaw, kSingle, 100, 1000};
  uint64_t round = 0;
  for (auto _ : state) {
    for (size_t k = 0; k < parts.size(); ++k) {
      const size_t p = (k + round) % parts.size();
      const auto t = Clock::now();
      const double c = ProcessCpuSeconds();
      parts[p]();
      seconds[p] += SecondsSince(t);
      cpu_seconds[p] += ProcessCpuSeconds() - c;
      items[p] += per_round[p];
    }
    ++round;
  }
  g_ratio = {true, items[0] / seconds[0], items[1] / seconds[1], items[2] / seconds[2], items[3] / seconds[3]};
  for (size_t p = 0; p < parts.size(); ++p) {
    g_ratio.wall_us[p] = 1e6 * seconds[p] / static_cast<double>(items[p]);
    g_ratio.cpu_us[p] = 1e6 * cpu_seconds[p] / static_cast<double>(items[p]);
  }
  state.counters["raw_cpu_us"] = g_ratio.cpu_us[0];
  state.counters["add_record_cpu_us"] = g_ratio.cpu_us[1];
  state.counters["batch1000_cpu_us"] = g_ratio.cpu_us[3];
  state.counters["raw_commits_per_s"] = g_ratio.raw;
  state.counters["add_record_per_s"] = g_ratio.single;
  state.counters["batch100_per_s"] = g_ratio.batch100;
  state.counters["batch1000_per_s"] = g_ratio.batch1000;
  state.counters["ratio_single"] = g_ratio.single / g_ratio.raw;
  state.counters["ratio_batch100"] = g_ratio.batch100 / g_ratio.raw;
  state.counters["ratio_batch1000"] = g_ratio.batch1000 / g_ratio.raw;
}
BENCHMARK(BM_WriteRatio)->Iterations(30)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace confide::bench

int main(int argc, char** argv) {
  using namespace confide::bench;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  WriteEnv& e = Env();
  const double fsync_before = FsyncProbe();
  benchmark::AddCustomContext("disk_fsync_per_s_before", std::to_string(static_cast<int>(fsync_before)));
  benchmark::AddCustomContext("record_version_bytes", std::to_string(e.footprint.version_bytes));
  benchmark::AddCustomContext("audit_entry_bytes", std::to_string(e.footprint.audit_bytes));
  benchmark::AddCustomContext("raw_row_payload_bytes", std::to_string(e.payload.size()));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  const double fsync_after = FsyncProbe();
  std::printf("\ndisk probe (4 KiB append + fsync): %.0f/s before, %.0f/s after the benchmarks\n", fsync_before, fsync_after);
  if (g_ratio.ran) {
    std::printf("Target 1 (same run, interleaved; raw rows of %zu bytes = sealed version %zu + audit entry %zu):\n",
                e.payload.size(), e.footprint.version_bytes, e.footprint.audit_bytes);
    const auto& w = g_ratio.wall_us;
    const auto& c = g_ratio.cpu_us;
    std::printf("  raw SQLite, 1 row/commit   %8.0f rows/s                          %6.1f us each, %5.1f us CPU\n",
                g_ratio.raw, w[0], c[0]);
    std::printf("  Vault::AddRecord           %8.0f records/s = %6.1f%% of raw     %6.1f us each, %5.1f us CPU  (target >= 50%%)\n",
                g_ratio.single, 100 * g_ratio.single / g_ratio.raw, w[1], c[1]);
    std::printf("  Vault::Batch, 100/batch    %8.0f records/s = %6.1f%% of raw     %6.1f us each, %5.1f us CPU\n",
                g_ratio.batch100, 100 * g_ratio.batch100 / g_ratio.raw, w[2], c[2]);
    std::printf("  Vault::Batch, 1000/batch   %8.0f records/s = %6.1f%% of raw     %6.1f us each, %5.1f us CPU\n",
                g_ratio.batch1000, 100 * g_ratio.batch1000 / g_ratio.raw, w[3], c[3]);
  }
  return 0;
}
