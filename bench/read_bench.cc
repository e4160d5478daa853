// Target 3: reading the chronology of a child with 1,000 records. Target: <= 20 ms.
//
//   bench_read
//
// The vault holds 10 children with 1,000 records each, written interleaved (round-robin over the
// children, in batches of 1,000) so one child's rows are spread over the file as they would be
// after years of use, not packed together.
//   BM_Chronology        Vault::Chronology(actor, child, {}): the whole call as the CLI makes it:
//                        a write transaction (the read is audited), the index scan, the subject key
//                        unwrapped, every summary decrypted and authenticated against its clear
//                        header, the audit entry, the signed tree head and a durable commit.
//   BM_ChronologyLimit50 the same with limit 50 (a first screen).
//   BM_ListForPerson     only the store query (RecordRepository::ListForPerson in a read
//                        transaction), no decryption, no audit: the SQLite part of the above.
#include <benchmark/benchmark.h>

#include "bench_util.h"

namespace confide::bench {
namespace {

constexpr size_t kChildren = 10;
constexpr size_t kRecordsPerChild = 1000;

struct ReadEnv {
  TempDir dir{"read"};
  TestVault tv;

  ReadEnv() {
    tv = MakeVault(dir.path() + "/vault", kChildren);
    const UnixMicros now = SystemClock::Default().NowMicros();
    const uint64_t total = kChildren * kRecordsPerChild;
    for (uint64_t done = 0; done < total;) {
      Check(tv.vault->Batch(tv.author,
                            [&](service::BatchWriter& w) -> Status {
                              for (uint64_t end = done + 1000; done < end; ++done) {
                                CONFIDE_RETURN_IF_ERROR(w.AddRecord(RecordFor(tv.children[done % kChildren], done, now)).status());
                              }
                              return Status::Ok();
                            }),
            "loading records");
    }
  }
};

ReadEnv& Env() {
  static ReadEnv env;
  return env;
}

void BM_Chronology(benchmark::State& state) {
  ReadEnv& e = Env();
  service::ChronologyQuery q;
  q.limit = static_cast<size_t>(state.range(0));
  size_t n = 0;
  for (auto _ : state) {
    auto items = Unwrap(e.tv.vault->Chronology(e.tv.author, e.tv.children[3], q), "Vault::Chronology");
    n = items.size();
    benchmark::DoNotOptimize(items.data());
  }
  state.counters["records"] = static_cast<double>(n);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
}
BENCHMARK(BM_Chronology)->Name("BM_Chronology")->Arg(0)->UseRealTime()->MinTime(2.0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Chronology)->Name("BM_ChronologyLimit50")->Arg(50)->UseRealTime()->MinTime(1.0)->Unit(benchmark::kMillisecond);

// One record, as GET /api/records/{id} reads it minus HTTP: a read transaction (snapshot), the
// access decision, the subject key, decryption and signature check, and the audit event committed
// (grouped with the other threads' events) before the call returns.
void BM_RecordRead(benchmark::State& state) {
  ReadEnv& e = Env();
  service::ChronologyQuery q;
  q.limit = 50;
  const auto items = Unwrap(e.tv.vault->Chronology(e.tv.author, e.tv.children[state.thread_index() % kChildren], q), "Chronology");
  const domain::RecordId id = items.at(static_cast<size_t>(state.thread_index()) % items.size()).record_id;
  for (auto _ : state) {
    auto view = Unwrap(e.tv.vault->GetRecord(e.tv.author, id), "Vault::GetRecord");
    benchmark::DoNotOptimize(view.current_version);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecordRead)->ThreadRange(1, 16)->UseRealTime()->MinTime(1.0)->Unit(benchmark::kMicrosecond);

void BM_ListForPerson(benchmark::State& state) {
  ReadEnv& e = Env();
  size_t n = 0;
  for (auto _ : state) {
    auto uow = Unwrap(e.tv.vault->StoreForTest().Begin(store::TransactionMode::kRead), "begin");
    auto rows = Unwrap(uow->records().ListForPerson(e.tv.children[3]), "ListForPerson");
    n = rows.size();
    benchmark::DoNotOptimize(rows.data());
  }
  state.counters["records"] = static_cast<double>(n);
}
BENCHMARK(BM_ListForPerson)->UseRealTime()->MinTime(1.0)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace confide::bench

BENCHMARK_MAIN();
