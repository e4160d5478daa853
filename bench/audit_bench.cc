// Targets 4 and 5: audit verification rate and Merkle proofs at 10^7 entries.
//
//   bench_audit                                    all (builds the cached databases on first run)
//   bench_audit --benchmark_filter=Verify          target 4 only
//   bench_audit --benchmark_filter=Proof           target 5 only
//
// The databases are built once, straight through the audit store port (AuditLog::Begin /
// Appender::Append in large transactions, a signed head at the end of each, a checkpoint every
// 10,000 entries) and cached in $CONFIDE_BENCH_DATA (default <build>/bench-data):
//   audit-1m.db   1,000,000 entries (~0.2 GB, ~10 s to build)
//   audit-10m.db 10,000,000 entries (~1.5 GB, a few minutes to build)
// Delete them to rebuild. Entries are a working day's mix of reads and writes (ids, action, detail),
// the same encoding the vault writes.
//
//   BM_AuditVerify           VerifyAuditLog over audit-1m.db: every entry decoded, re-hashed and
//                            compared, the tree rebuilt, every checkpoint's root and signature and
//                            every stored node checked. items_per_second = entries verified per s.
//   BM_InclusionProof        StoredInclusionProof(seq, 10^7) for random seq, each in its own read
//                            transaction (as Vault::AuditInclusionProof does). Target <= 1 ms.
//   BM_ConsistencyProof      StoredConsistencyProof(size1, 10^7) for random size1.
// Before timing, a sample of proofs is checked against the root to make sure the benchmark
// measures correct proofs.
#include <benchmark/benchmark.h>

#include <random>

#include "audit/audit_log.h"
#include "audit/merkle.h"
#include "audit/verifier.h"
#include "bench_util.h"
#include "store/sqlite/sqlite_store.h"

namespace confide::bench {
namespace {

constexpr uint64_t kVerifyEntries = 1'000'000;
constexpr uint64_t kProofEntries = 10'000'000;

std::string VerifyDbPath() { return BenchDataDir() + "/audit-1m.db"; }
std::string ProofDbPath() { return BenchDataDir() + "/audit-10m.db"; }

void BM_AuditVerify(benchmark::State& state) {
  EnsureAuditDatabase(VerifyDbPath(), kVerifyEntries, 10'000);
  const Bytes pk = AuditDatabasePublicKey(VerifyDbPath());
  auto store = Unwrap(store::sqlite::SqliteStore::Open(VerifyDbPath(), false), "open");
  uint64_t entries = 0;
  for (auto _ : state) {
    auto uow = Unwrap(store->Begin(store::TransactionMode::kRead), "begin");
    audit::VerifyReport report = Unwrap(audit::VerifyAuditLog(uow->audit(), pk), "VerifyAuditLog");
    if (!report.ok()) {
      state.SkipWithError(("the audit log does not verify: " + report.problems.front()).c_str());
      break;
    }
    entries = report.entries;
    state.counters["checkpoints"] = static_cast<double>(report.checkpoints);
    state.counters["nodes"] = static_cast<double>(report.nodes);
  }
  state.counters["entries"] = static_cast<double>(entries);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(entries));
}
BENCHMARK(BM_AuditVerify)->UseRealTime()->MinTime(5.0)->Unit(benchmark::kMillisecond);

struct ProofEnv {
  std::unique_ptr<store::sqlite::SqliteStore> store;
  audit::Hash32 root{};

  ProofEnv() {
    EnsureAuditDatabase(ProofDbPath(), kProofEntries, 1'000'000);
    store = Unwrap(store::sqlite::SqliteStore::Open(ProofDbPath(), false), "open");
    auto uow = Unwrap(store->Begin(store::TransactionMode::kRead), "begin");
    const uint64_t n = Unwrap(uow->audit().EntryCount(), "EntryCount");
    if (n != kProofEntries) Check(Status::Corruption("unexpected entry count " + std::to_string(n)), ProofDbPath().c_str());
    audit::StoredSubtreeSource source(uow->audit());
    root = Unwrap(audit::RootAt(kProofEntries, source), "RootAt");
    auto head = Unwrap(uow->audit().LatestTreeHead(), "LatestTreeHead");
    if (!head || head->root != root) Check(Status::Corruption("stored root does not match the signed head"), "sanity");
    // Sanity: proofs verify.
    std::mt19937_64 rng(7);
    for (int i = 0; i < 20; ++i) {
      const uint64_t seq = rng() % kProofEntries;
      auto proof = Unwrap(audit::StoredInclusionProof(uow->audit(), seq, kProofEntries), "inclusion");
      const Bytes entry = Unwrap(uow->audit().GetEntry(seq), "GetEntry");
      const audit::Hash32 leaf = audit::HashLeaf(entry);
      std::vector<Bytes> p;
      for (const auto& h : proof) p.emplace_back(h.begin(), h.end());
      Check(audit::VerifyInclusion(seq, kProofEntries, leaf, p, root), "inclusion proof verifies");
      const uint64_t size1 = 1 + rng() % (kProofEntries - 1);
      auto cproof = Unwrap(audit::StoredConsistencyProof(uow->audit(), size1, kProofEntries), "consistency");
      const audit::Hash32 root1 = Unwrap(audit::RootAt(size1, source), "RootAt");
      p.clear();
      for (const auto& h : cproof) p.emplace_back(h.begin(), h.end());
      Check(audit::VerifyConsistency(size1, kProofEntries, root1, root, p), "consistency proof verifies");
    }
  }
};

ProofEnv& Proofs() {
  static ProofEnv env;
  return env;
}

void BM_InclusionProof(benchmark::State& state) {
  ProofEnv& e = Proofs();
  std::mt19937_64 rng(11);
  size_t elements = 0;
  for (auto _ : state) {
    const uint64_t seq = rng() % kProofEntries;
    auto uow = Unwrap(e.store->Begin(store::TransactionMode::kRead), "begin");
    auto proof = Unwrap(audit::StoredInclusionProof(uow->audit(), seq, kProofEntries), "inclusion");
    elements = proof.size();
    benchmark::DoNotOptimize(proof.data());
  }
  state.counters["proof_hashes"] = static_cast<double>(elements);
}
BENCHMARK(BM_InclusionProof)->UseRealTime()->MinTime(2.0)->Unit(benchmark::kMicrosecond);

void BM_ConsistencyProof(benchmark::State& state) {
  ProofEnv& e = Proofs();
  std::mt19937_64 rng(13);
  size_t elements = 0;
  for (auto _ : state) {
    const uint64_t size1 = 1 + rng() % (kProofEntries - 1);
    auto uow = Unwrap(e.store->Begin(store::TransactionMode::kRead), "begin");
    auto proof = Unwrap(audit::StoredConsistencyProof(uow->audit(), size1, kProofEntries), "consistency");
    elements = proof.size();
    benchmark::DoNotOptimize(proof.data());
  }
  state.counters["proof_hashes"] = static_cast<double>(elements);
}
BENCHMARK(BM_ConsistencyProof)->UseRealTime()->MinTime(2.0)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace confide::bench

BENCHMARK_MAIN();
