// What the targets are made of: the per-record and per-entry building blocks, single-threaded.
// Used to explain where time goes (docs/performance.md), not a target in itself.
//
//   bench_components
//
//   BM_Ed25519Sign / Verify      one signature over a record version's signing message
//   BM_SignVersion               SignVersion: BLAKE2b digest of the fields + Ed25519 signature
//   BM_SealRecordFields          SealFields for a typical record (XChaCha20-Poly1305 per field)
//   BM_OpenSummaryOnly           OpenFields for the summary only (what the chronology does per row)
//   BM_Sha256_64 / HashLeaf      SHA-256 of a Merkle node (65 bytes) and of an audit entry
//   BM_AuditEntryEncode/Decode   the audit entry codec
//   BM_CompactRangeAppend        appending one leaf to the audit tree's right edge
//   BM_SecretKeyGenerate         a new data key in guarded memory (one per new person)
//   BM_BlindIndexTerms           the blind-index terms of one child
#include <benchmark/benchmark.h>

#include "audit/audit_entry.h"
#include "audit/merkle.h"
#include "bench_util.h"
#include "crypto/blind_index.h"
#include "service/field_codec.h"
#include "service/person_index.h"
#include "service/sealed_fields.h"
#include "service/version_signature.h"

namespace confide::bench {
namespace {

struct Fixture {
  crypto::SigningKey signing = crypto::SigningKey::Generate();
  crypto::SecretKey data_key = crypto::SecretKey::Generate();
  service::VersionHeader header;
  service::FieldMap fields;
  Bytes message;
  crypto::Signature signature{};
  Bytes sealed;
  audit::AuditEvent event;
  Bytes entry;

  Fixture() {
    const UnixMicros now = 1'790'000'000'000'000;
    service::RecordDraft d = RecordFor(42, 7, now);
    header = {"record", 1234567, 1, 98765, 4321, "case_note", "general", d.occurred_at, now, 17, "staff_observation", 0};
    fields = service::RecordToFields(d.content, "");
    service::AddSigningSalt(fields);
    message = service::VersionSigningMessage(header, fields);
    signature = signing.Sign(message);
    sealed = Unwrap(service::SealFields(data_key, header, fields), "SealFields");
    event = {now, 17, "record.create", 4321, 1234567, 1, "ok", "case_note"};
    entry = audit::EncodeAuditEntry(9'999'999, event);
  }
};

Fixture& F() {
  static Fixture f;
  return f;
}

void BM_Ed25519Sign(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) benchmark::DoNotOptimize(f.signing.Sign(f.message));
  state.counters["message_bytes"] = static_cast<double>(f.message.size());
}
BENCHMARK(BM_Ed25519Sign)->Unit(benchmark::kMicrosecond);

void BM_Ed25519Verify(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) {
    bool ok = crypto::VerifySignature(f.signing.public_key(), f.message, f.signature);
    benchmark::DoNotOptimize(ok);
  }
}
BENCHMARK(BM_Ed25519Verify)->Unit(benchmark::kMicrosecond);

void BM_SignVersion(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) benchmark::DoNotOptimize(service::SignVersion(f.signing, f.header, f.fields));
}
BENCHMARK(BM_SignVersion)->Unit(benchmark::kMicrosecond);

void BM_SealRecordFields(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) benchmark::DoNotOptimize(service::SealFields(f.data_key, f.header, f.fields));
  state.counters["fields"] = static_cast<double>(f.fields.size());
  state.counters["sealed_bytes"] = static_cast<double>(f.sealed.size());
}
BENCHMARK(BM_SealRecordFields)->Unit(benchmark::kMicrosecond);

void BM_OpenSummaryOnly(benchmark::State& state) {
  Fixture& f = F();
  static const std::set<std::string> kSummary = {"summary"};
  for (auto _ : state) benchmark::DoNotOptimize(service::OpenFields(f.data_key, f.header, f.sealed, &kSummary));
}
BENCHMARK(BM_OpenSummaryOnly)->Unit(benchmark::kMicrosecond);

void BM_Sha256_64(benchmark::State& state) {
  audit::Hash32 a{}, b{};
  b[0] = 1;
  for (auto _ : state) {
    a = audit::HashChildren(a, b);
    benchmark::DoNotOptimize(a);
  }
  state.SetBytesProcessed(state.iterations() * 65);
}
BENCHMARK(BM_Sha256_64)->Unit(benchmark::kNanosecond);

void BM_HashLeaf(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) benchmark::DoNotOptimize(audit::HashLeaf(f.entry));
  state.counters["entry_bytes"] = static_cast<double>(f.entry.size());
}
BENCHMARK(BM_HashLeaf)->Unit(benchmark::kNanosecond);

void BM_AuditEntryEncode(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) benchmark::DoNotOptimize(audit::EncodeAuditEntry(123456, f.event));
}
BENCHMARK(BM_AuditEntryEncode)->Unit(benchmark::kNanosecond);

void BM_AuditEntryDecode(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) benchmark::DoNotOptimize(audit::DecodeAuditEntry(f.entry));
}
BENCHMARK(BM_AuditEntryDecode)->Unit(benchmark::kNanosecond);

void BM_CompactRangeAppend(benchmark::State& state) {
  audit::CompactRange range;
  audit::Hash32 leaf{};
  for (auto _ : state) {
    leaf[0]++;
    range.Append(leaf);
  }
  benchmark::DoNotOptimize(range.size());
}
BENCHMARK(BM_CompactRangeAppend)->Unit(benchmark::kNanosecond);

void BM_SecretKeyGenerate(benchmark::State& state) {
  for (auto _ : state) {
    crypto::SecretKey k = crypto::SecretKey::Generate();
    benchmark::DoNotOptimize(&k);
  }
}
BENCHMARK(BM_SecretKeyGenerate)->Unit(benchmark::kMicrosecond);

void BM_BlindIndexTerms(benchmark::State& state) {
  crypto::BlindIndexer indexer(crypto::SecretKey::Generate());
  const domain::PersonDetails d = ChildDetails(12345, domain::CivilDate{2026, 11, 21});
  size_t n = 0;
  for (auto _ : state) {
    auto terms = service::IndexTermsFor(indexer, d);
    n = terms.size();
    benchmark::DoNotOptimize(terms.data());
  }
  state.counters["terms"] = static_cast<double>(n);
}
BENCHMARK(BM_BlindIndexTerms)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace confide::bench

BENCHMARK_MAIN();
