// Target 2: bulk import of 100,000 children with 1,000,000 records, encrypted, indexed and
// audited, through Vault::Batch / BatchWriter in batches of ~10,000 records. Target: <= 60 s.
// Not a Google Benchmark (one long run) and not part of the test suite.
//
//   bulk_import [--children N] [--records-per-child N] [--batch-records N] [--dir PATH] [--no-verify]
//
// Defaults: 100,000 children x 10 records, 10,000 records per batch (1,000 children and their
// records per transaction), in a scratch directory under $CONFIDE_BENCH_DATA (default
// <build>/bench-data) that is removed afterwards; with --dir PATH the vault is made there and kept. Each child is a full person
// (sealed details, signed version, data key, blind-index terms for names, date of birth, NHS
// number and local-authority id, audit entry); each record is as in the write benchmark (~70-byte
// summary, ~480-byte body), signed, sealed and audited. 20 social workers author the records.
//
// Prints the import time, the rate, the database size, and then on the imported vault: a
// chronology read and a full audit verification (the log has ~1.1 million entries: one per child
// and per record), which are extra data points for targets 3 and 4.
#include <sys/resource.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <optional>

#include "bench_util.h"

using namespace confide;
using namespace confide::bench;

namespace {

struct Options {
  uint64_t children = 100'000;
  uint64_t records_per_child = 10;
  uint64_t batch_records = 10'000;
  std::string dir;
  bool verify = true;
};

double CpuSeconds(bool system) {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  const timeval& t = system ? u.ru_stime : u.ru_utime;
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
}

[[noreturn]] void Usage() {
  std::fprintf(stderr,
               "usage: bulk_import [--children N] [--records-per-child N] [--batch-records N] [--dir PATH] "
               "[--no-verify]\n");
  std::exit(64);
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    auto number = [&]() -> uint64_t {
      if (i + 1 >= argc) Usage();
      return std::strtoull(argv[++i], nullptr, 10);
    };
    if (!std::strcmp(argv[i], "--children")) o.children = number();
    else if (!std::strcmp(argv[i], "--records-per-child")) o.records_per_child = number();
    else if (!std::strcmp(argv[i], "--batch-records")) o.batch_records = number();
    else if (!std::strcmp(argv[i], "--dir") && i + 1 < argc) o.dir = argv[++i];
    else if (!std::strcmp(argv[i], "--no-verify")) o.verify = false;
    else Usage();
  }
  if (o.children == 0 || o.batch_records == 0) Usage();
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = Parse(argc, argv);
  std::optional<TempDir> scratch;
  std::string dir = opt.dir;
  if (dir.empty()) {
    scratch.emplace("bulk");
    dir = scratch->path() + "/vault";
  }

  service::InitOptions init;
  init.organisation_name = "Northbridge Children's Services (bulk import benchmark)";
  init.administrator.full_name = "Bench Administrator";
  init.administrator.email = "admin@example.org";
  auto vault = Unwrap(service::Vault::Init(dir, init), "Vault::Init");
  const std::string db = vault->config().database_path;

  std::vector<domain::StaffId> staff;
  Check(vault->Batch(domain::kSystemActor,
                     [&](service::BatchWriter& w) -> Status {
                       for (int i = 0; i < 20; ++i) {
                         CONFIDE_ASSIGN_OR_RETURN(domain::StaffId id,
                                                  w.AddStaff(domain::StaffRole::kSocialWorker, "Team " + std::to_string(i % 4),
                                                             {"Worker " + std::to_string(i), "worker" + std::to_string(i) + "@example.org"}));
                         staff.push_back(id);
                       }
                       return Status::Ok();
                     }),
        "adding staff");

  const uint64_t children_per_batch = std::max<uint64_t>(1, opt.batch_records / std::max<uint64_t>(1, opt.records_per_child));
  const uint64_t total_records = opt.children * opt.records_per_child;
  const UnixMicros now = SystemClock::Default().NowMicros();
  const domain::CivilDate today = domain::CivilDate::FromUnixMicros(now);
  std::printf("bulk import: %llu children x %llu records = %llu records, %llu children (%llu records) per batch\n",
              static_cast<unsigned long long>(opt.children), static_cast<unsigned long long>(opt.records_per_child),
              static_cast<unsigned long long>(total_records), static_cast<unsigned long long>(children_per_batch),
              static_cast<unsigned long long>(children_per_batch * opt.records_per_child));
  std::fflush(stdout);

  domain::PersonId sample_child = 0;
  uint64_t child = 0, record = 0, batches = 0;
  const double user0 = CpuSeconds(false), sys0 = CpuSeconds(true);
  const auto start = std::chrono::steady_clock::now();
  while (child < opt.children) {
    const uint64_t end = std::min(opt.children, child + children_per_batch);
    Check(vault->Batch(staff[0],
                       [&](service::BatchWriter& w) -> Status {
                         for (; child < end; ++child) {
                           CONFIDE_RETURN_IF_ERROR(w.ActAs(staff[child % staff.size()]));
                           CONFIDE_ASSIGN_OR_RETURN(domain::PersonId id,
                                                    w.AddPerson(domain::PersonKind::kChild, ChildDetails(child, today)));
                           if (sample_child == 0) sample_child = id;
                           for (uint64_t r = 0; r < opt.records_per_child; ++r, ++record) {
                             CONFIDE_RETURN_IF_ERROR(w.AddRecord(RecordFor(id, record, now)).status());
                           }
                         }
                         return Status::Ok();
                       }),
          "import batch");
    ++batches;
    if (batches % 10 == 0 || child == opt.children) {
      const double s = SecondsSince(start);
      std::printf("  %7llu children, %8llu records, %6.1f s, %7.0f records/s, db %s\n",
                  static_cast<unsigned long long>(child), static_cast<unsigned long long>(record), s, record / s,
                  HumanBytes(DatabaseBytes(db)).c_str());
      std::fflush(stdout);
    }
  }
  const double import_s = SecondsSince(start);
  const double user_s = CpuSeconds(false) - user0, sys_s = CpuSeconds(true) - sys0;
  const uint64_t bytes_with_wal = DatabaseBytes(db);
  Check(vault->StoreForTest().PurgeFreedData(), "checkpoint");  // fold the WAL into the database
  const uint64_t bytes = DatabaseBytes(db);

  std::printf("\nRESULT import_seconds=%.1f records=%llu children=%llu records_per_s=%.0f batches=%llu\n", import_s,
              static_cast<unsigned long long>(record), static_cast<unsigned long long>(child), record / import_s,
              static_cast<unsigned long long>(batches));
  std::printf("RESULT cpu_user_seconds=%.1f cpu_system_seconds=%.1f (wall - cpu = %.1f s waiting: disk, or other processes)\n",
              user_s, sys_s, import_s - user_s - sys_s);
  std::printf("RESULT database_bytes=%llu (%s after checkpoint; %s with WAL at the end of the import) bytes_per_record=%.0f\n",
              static_cast<unsigned long long>(bytes), HumanBytes(bytes).c_str(), HumanBytes(bytes_with_wal).c_str(),
              static_cast<double>(bytes) / static_cast<double>(std::max<uint64_t>(1, record)));

  {
    std::vector<double> ms;
    size_t n = 0;
    for (int i = 0; i < 11; ++i) {
      const auto t = std::chrono::steady_clock::now();
      n = Unwrap(vault->Chronology(staff[0], sample_child, {}), "Chronology").size();
      ms.push_back(SecondsSince(t) * 1000);
    }
    std::sort(ms.begin() + 1, ms.end());
    std::printf("RESULT chronology_ms=%.2f first_call_ms=%.2f records=%zu (median of 10 calls after the first)\n",
                (ms[5] + ms[6]) / 2, ms[0], n);
  }
  if (opt.verify) {
    const auto t = std::chrono::steady_clock::now();
    audit::VerifyReport report = Unwrap(vault->VerifyAudit(), "VerifyAudit");
    const double s = SecondsSince(t);
    std::printf("RESULT verify_seconds=%.2f entries=%llu entries_per_s=%.0f ok=%s checkpoints=%llu\n", s,
                static_cast<unsigned long long>(report.entries), report.entries / s, report.ok() ? "yes" : "NO",
                static_cast<unsigned long long>(report.checkpoints));
  }
  vault.reset();
  return 0;
}
