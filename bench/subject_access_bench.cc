// Issue 6's subject access target: the time to assemble a subject access bundle for a child with
// 1,000 records (docs/performance.md, "Subject access bundle for a child with 1,000 records").
//
//   bench_subject_access
//
// The vault holds 10 children with 1,000 records each (~550 bytes: a summary and a case-note body),
// written interleaved as in bench_read, so one child's rows are spread over the file; a tenth of
// the measured child's records are amended once (1,100 versions in all) and a twentieth of them
// are restricted. The data protection officer (current training) has one open request about the
// child with three redactions: a phrase everywhere ("*"), a field of one record, and one whole
// record version.
//   BM_SarSearch    SubjectAccess::Search: every version of the child's details, relationships,
//                   every version of every record (decrypted, signature checked), consents and the
//                   sharing register, and the audit event: what the DPO reads to redact.
//   BM_SarPreview   SubjectAccess::Preview: the same gathering, the request's steps and redactions
//                   opened, the redactions applied, the content digest, the JSON bundle and the
//                   readable document rendered.
//   BM_SarRelease   SubjectAccess::Release of an approved request (the bundle assembled again,
//                   checked against the approval, sealed and kept, the release step and audit
//                   event, a durable commit). Each iteration releases a new request; opening and
//                   approving it are not timed.
#include <benchmark/benchmark.h>

#include "bench_util.h"
#include "service/subject_access.h"

namespace confide::bench {
namespace {

constexpr size_t kChildren = 10;
constexpr size_t kRecordsPerChild = 1000;
constexpr size_t kChild = 3;  // the one measured

struct SarEnv {
  TempDir dir{"sar"};
  TestVault tv;
  domain::StaffId dpo = 0;
  std::unique_ptr<service::SubjectAccess> sar;
  int64_t request = 0;
  size_t versions = 0;

  SarEnv() {
    tv = MakeVault(dir.path() + "/vault", kChildren);
    const UnixMicros now = SystemClock::Default().NowMicros();
    const uint64_t total = kChildren * kRecordsPerChild;
    std::vector<domain::RecordId> mine;
    for (uint64_t done = 0; done < total;) {
      Check(tv.vault->Batch(tv.author,
                            [&](service::BatchWriter& w) -> Status {
                              for (uint64_t end = done + 1000; done < end; ++done) {
                                service::RecordDraft d = RecordFor(tv.children[done % kChildren], done, now);
                                if (done % kChildren == kChild && (done / kChildren) % 20 == 0) {
                                  d.tier = domain::SensitivityTier::kRestricted;
                                }
                                CONFIDE_ASSIGN_OR_RETURN(domain::RecordId id, w.AddRecord(d));
                                if (done % kChildren == kChild) mine.push_back(id);
                              }
                              return Status::Ok();
                            }),
            "loading records");
    }
    Check(tv.vault->Batch(tv.author,
                          [&](service::BatchWriter& w) -> Status {
                            for (size_t i = 0; i < mine.size(); i += 10) {
                              service::RecordAmendment a;
                              a.record_id = mine[i];
                              a.edit = [](domain::RecordContent& c) {
                                c.text += " Amended after the review meeting.";
                                return Status::Ok();
                              };
                              a.reason = "added what the review meeting decided";
                              CONFIDE_RETURN_IF_ERROR(w.AmendRecord(a).status());
                            }
                            return Status::Ok();
                          }),
          "amending records");
    versions = mine.size() + (mine.size() + 9) / 10;
    dpo = Unwrap(tv.vault->AddStaff(1, domain::StaffRole::kDataProtectionOfficer, "Governance", {"Dana Officer", ""}), "AddStaff");
    const UnixMicros day = int64_t{86400} * 1'000'000;
    Check(tv.vault->RecordTraining(1, {0, dpo, "confidentiality", now - 30 * day, std::nullopt, 0, 0}).status(), "training");
    sar = Unwrap(service::SubjectAccess::Create(*tv.vault), "SubjectAccess::Create");
    request = Open();
    const std::string one = "record/" + std::to_string(mine[5]);
    Check(sar->Redact(dpo, request, {0, "*", "", "the child", governance::RedactionGround::kThirdParty, "bench"}).status(), "redact");
    Check(sar->Redact(dpo, request, {0, one, "text", "", governance::RedactionGround::kSeriousHarm, "bench"}).status(), "redact");
    Check(sar->Redact(dpo, request, {0, "record/" + std::to_string(mine[7]) + "/v1", "", "", governance::RedactionGround::kThirdParty,
                                     "bench"}).status(),
          "redact");
  }

  int64_t Open() {
    service::SubjectAccessIntake in;
    in.person_id = tv.children[kChild];
    in.received_on = domain::CivilDate::FromUnixMicros(SystemClock::Default().NowMicros());
    in.requester = service::SarRequester::kSubject;
    in.requester_name = "The child";
    in.request_text = "Everything you hold about me";
    in.identity_confirmed = true;
    in.identity_method = "Known to the service";
    return Unwrap(sar->Open(dpo, in), "SubjectAccess::Open");
  }
};

SarEnv& Env() {
  static SarEnv env;
  return env;
}

void BM_SarSearch(benchmark::State& state) {
  SarEnv& e = Env();
  size_t items = 0;
  for (auto _ : state) {
    auto found = Unwrap(e.sar->Search(e.dpo, e.request), "SubjectAccess::Search");
    items = found.size();
    benchmark::DoNotOptimize(found.data());
  }
  state.counters["items"] = static_cast<double>(items);
  state.counters["record_versions"] = static_cast<double>(e.versions);
}
BENCHMARK(BM_SarSearch)->UseRealTime()->MinTime(2.0)->Unit(benchmark::kMillisecond);

void BM_SarPreview(benchmark::State& state) {
  SarEnv& e = Env();
  size_t bytes = 0, redacted = 0;
  for (auto _ : state) {
    auto b = Unwrap(e.sar->Preview(e.dpo, e.request), "SubjectAccess::Preview");
    bytes = b.json.size() + b.document.size();
    redacted = b.fields_redacted;
    benchmark::DoNotOptimize(b.json.data());
  }
  state.counters["bundle_bytes"] = static_cast<double>(bytes);
  state.counters["fields_redacted"] = static_cast<double>(redacted);
}
BENCHMARK(BM_SarPreview)->UseRealTime()->MinTime(2.0)->Unit(benchmark::kMillisecond);

void BM_SarRelease(benchmark::State& state) {
  SarEnv& e = Env();
  for (auto _ : state) {
    state.PauseTiming();
    const int64_t id = e.Open();
    const auto preview = Unwrap(e.sar->Preview(e.dpo, id), "SubjectAccess::Preview");
    Check(e.sar->Approve(e.dpo, id, preview.header.content_sha256, "checked").status(), "SubjectAccess::Approve");
    state.ResumeTiming();
    auto b = Unwrap(e.sar->Release(e.dpo, id, "secure email"), "SubjectAccess::Release");
    benchmark::DoNotOptimize(b.json.data());
  }
}
BENCHMARK(BM_SarRelease)->UseRealTime()->Iterations(10)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace confide::bench

BENCHMARK_MAIN();
