// A retention run over 100,000 people (docs/performance.md, "Retention run over 100,000
// subjects"): the dry run the data protection officer starts from, the reviews that approve
// destruction, and the applied run that crypto-shreds the approved people and signs the
// destruction certificate. One long run, side by side in one process: not a Google Benchmark and
// not part of the test suite.
//
//   bench_retention [--people N] [--reviewed N] [--no-verify] [--sample-maps]
//
// The vault (by default 100,000 people) is built once through Vault::Batch and cached in
// $CONFIDE_BENCH_DATA/retention-<N>/ (default <build>/bench-data); each run copies it to a scratch
// directory (removed afterwards), because an applied run destroys people. Delete the cache to
// rebuild it (after a change to the schema or the benchmark's mix); a cache the vault cannot open
// is rebuilt by itself.
//
// The mix: 60% children, dates of birth spread evenly over 1940-2024; 10% of them looked after,
// 5% on a child protection plan, a third children in need; one case record for every tenth child
// (the run aggregates records per person), allocated to its author. 40% adults: 95% of them
// linked to a child as mother or father (a fifth of those to a second child as well), the rest
// linked to nobody. Staff: the administrator (from Init), one social worker (author of the people
// and records) and the data protection officer, both with current training.
//
// Measured, in order:
//   1. the store's scans alone (the one-statement subject scan with records aggregated, the
//      relationship links), in a read transaction: what any run reads before decrypting anyone;
//   2. the dry run, Retention::Run(dpo, today, false), as the first full run after opening the
//      vault (as `confide retention run` does): wall and CPU time, people/s, listed, due; then a
//      second dry run in the same process (figures, or the failure and a diagnosis);
//   3. about --reviewed destroy reviews (default 1,000), Retention::Review one by one: children
//      the dry run lists as due (spread evenly over the list) and the family members linked only
//      to children reviewed (a family member is destroyed only with the last of their children);
//      time per review;
//   4. the applied run, Retention::Run(dpo, today, true), in a fresh process (this executable
//      again, on the same scratch vault) so that it too is the first full run after opening:
//      wall and CPU time, destroyed/s, the certificate (read back, signature checked); then a dry
//      run afterwards and a full audit verification (skipped with --no-verify).
// A run keeps every person's data key (guarded memory) until its transaction ends, so its memory
// and memory mappings grow with the number of people: peak RSS is given per phase (VmHWM after
// resetting it through /proc/self/clear_refs) and per process, and a failed run is
// retried once while sampling the process's memory mappings against vm.max_map_count.
// --sample-maps samples them during every run (this perturbs the timings: diagnostics only).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "bench_util.h"
#include "service/retention.h"
#include "store/store.h"

using namespace confide;
using namespace confide::bench;
namespace fs = std::filesystem;

namespace {

struct Options {
  uint64_t people = 100'000;
  uint64_t reviewed = 1'000;
  bool verify = true;
  bool sample_maps = false;
  // Internal: the applied run, in a process of its own (see main).
  std::string apply_in;
  domain::StaffId dpo = 0;
  uint64_t expect = 0;
};

[[noreturn]] void Usage() {
  std::fprintf(stderr, "usage: bench_retention [--people N] [--reviewed N] [--no-verify] [--sample-maps]\n");
  std::exit(64);
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    auto number = [&]() -> uint64_t {
      if (i + 1 >= argc) Usage();
      return std::strtoull(argv[++i], nullptr, 10);
    };
    if (!std::strcmp(argv[i], "--people")) o.people = number();
    else if (!std::strcmp(argv[i], "--reviewed")) o.reviewed = number();
    else if (!std::strcmp(argv[i], "--no-verify")) o.verify = false;
    else if (!std::strcmp(argv[i], "--sample-maps")) o.sample_maps = true;
    else if (!std::strcmp(argv[i], "--apply-in") && i + 1 < argc) o.apply_in = argv[++i];
    else if (!std::strcmp(argv[i], "--dpo")) o.dpo = static_cast<domain::StaffId>(number());
    else if (!std::strcmp(argv[i], "--expect")) o.expect = number();
    else Usage();
  }
  if (o.people < 10) Usage();
  return o;
}

// ---- measuring --------------------------------------------------------------------------------

double CpuSeconds(bool system) {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  const timeval& t = system ? u.ru_stime : u.ru_utime;
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
}

// A field of /proc/self/status in KiB ("VmHWM", "VmRSS"); 0 if absent.
uint64_t StatusKib(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(field) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return std::strtoull(line.c_str() + prefix.size(), nullptr, 10);
  }
  return 0;
}

// The process's peak RSS so far in KiB. Resetting VmHWM (below) also resets getrusage's ru_maxrss,
// so the peak before each reset is kept here.
uint64_t g_peak_kib = 0;
uint64_t NotePeakKib() {
  g_peak_kib = std::max(g_peak_kib, StatusKib("VmHWM"));
  return g_peak_kib;
}

// Resets the peak RSS (VmHWM) to the current RSS, so each phase's peak can be read on its own.
void ResetPeakRss() {
  NotePeakKib();
  std::ofstream("/proc/self/clear_refs") << "5";
}

struct Phase {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  double user0 = CpuSeconds(false), sys0 = CpuSeconds(true);
  Phase() { ResetPeakRss(); }
  double wall() const { return SecondsSince(start); }
  double user() const { return CpuSeconds(false) - user0; }
  double sys() const { return CpuSeconds(true) - sys0; }
  double peak_mib() const { return static_cast<double>(StatusKib("VmHWM")) / 1024; }
};

// ---- the synthetic organisation -----------------------------------------------------------------

uint64_t Mix(uint64_t x) {  // splitmix64: spreads dates and links without correlating them with ids
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

const int64_t kFirstBirth = domain::CivilDate::Parse("1940-01-01").value().DaysSinceEpoch();
const int64_t kLastBirth = domain::CivilDate::Parse("2024-12-31").value().DaysSinceEpoch();

domain::PersonDetails ChildOf(uint64_t i, domain::CivilDate today) {
  domain::PersonDetails d = ChildDetails(i, today);  // names, address, NHS number, LA id; a third in need
  d.date_of_birth = domain::CivilDate::FromDaysSinceEpoch(
      kFirstBirth + static_cast<int64_t>(Mix(i) % static_cast<uint64_t>(kLastBirth - kFirstBirth + 1)));
  if (i % 10 == 3) {
    d.status.looked_after = true;
    d.status.looked_after_by = "Northbridge Council";
  }
  d.status.child_protection_plan = (i % 20 == 7);
  return d;
}

domain::PersonDetails AdultOf(uint64_t j, domain::CivilDate child_birth) {
  const domain::PersonDetails c = ChildDetails(j * 7 + 1, child_birth);
  domain::PersonDetails d;
  d.given_names = c.given_names;
  d.family_name = c.family_name;
  d.date_of_birth = domain::CivilDate::FromDaysSinceEpoch(child_birth.DaysSinceEpoch() - 365 * 20 -
                                                          static_cast<int64_t>(Mix(j ^ 0x5eed) % (365 * 20)));
  d.gender = (j % 2) ? "Female" : "Male";
  d.address = c.address;
  d.postcode = c.postcode;
  d.phone = "07700 9" + std::to_string(10000 + j % 90000);
  return d;
}

struct Manifest {
  domain::StaffId dpo = 0;
  uint64_t children = 0, adults = 0, relationships = 0, records = 0, looked_after = 0;
  double build_seconds = 0;
};

bool ReadManifest(const std::string& path, Manifest& m) {
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (!f) return false;
  unsigned long long dpo = 0, children = 0, adults = 0, rels = 0, records = 0, la = 0;
  const int n = std::fscanf(f, "dpo=%llu children=%llu adults=%llu relationships=%llu records=%llu looked_after=%llu "
                               "build_seconds=%lf", &dpo, &children, &adults, &rels, &records, &la, &m.build_seconds);
  std::fclose(f);
  m.dpo = static_cast<domain::StaffId>(dpo);
  m.children = children, m.adults = adults, m.relationships = rels, m.records = records, m.looked_after = la;
  return n == 7;
}

void WriteManifest(const std::string& path, const Manifest& m) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) Check(Status::IOError("cannot write " + path), "manifest");
  std::fprintf(f, "dpo=%llu children=%llu adults=%llu relationships=%llu records=%llu looked_after=%llu build_seconds=%.1f\n",
               static_cast<unsigned long long>(m.dpo), static_cast<unsigned long long>(m.children),
               static_cast<unsigned long long>(m.adults), static_cast<unsigned long long>(m.relationships),
               static_cast<unsigned long long>(m.records), static_cast<unsigned long long>(m.looked_after), m.build_seconds);
  std::fclose(f);
}

// Builds the vault of `people` people in `dir` (a data directory that must not exist yet).
Manifest BuildVault(const std::string& dir, uint64_t people) {
  Manifest m;
  m.children = people * 6 / 10;
  m.adults = people - m.children;
  service::InitOptions init;
  init.organisation_name = "Northbridge Children's Services (retention benchmark)";
  init.administrator.full_name = "Bench Administrator";
  init.administrator.email = "admin@example.org";
  auto vault = Unwrap(service::Vault::Init(dir, init), "Vault::Init");
  const UnixMicros now = SystemClock::Default().NowMicros();
  const domain::CivilDate today = domain::CivilDate::FromUnixMicros(now);
  const UnixMicros trained_at = now - 60'000'000;

  domain::StaffId author = 0;
  Check(vault->Batch(domain::kSystemActor,
                     [&](service::BatchWriter& w) -> Status {
                       CONFIDE_ASSIGN_OR_RETURN(author, w.AddStaff(domain::StaffRole::kSocialWorker, "Assessment Team 1",
                                                                   {"Sam Social-Worker", "sam@example.org"}));
                       CONFIDE_ASSIGN_OR_RETURN(m.dpo, w.AddStaff(domain::StaffRole::kDataProtectionOfficer, "Information Governance",
                                                                  {"Dana Protection-Officer", "dpo@example.org"}));
                       for (domain::StaffId s : {author, m.dpo}) {
                         CONFIDE_RETURN_IF_ERROR(w.RecordTraining({0, s, "confidentiality", trained_at, std::nullopt, 0, 0}).status());
                       }
                       return Status::Ok();
                     }),
        "adding staff");

  std::vector<domain::PersonId> children;
  std::vector<domain::CivilDate> births;
  children.reserve(m.children);
  const auto start = std::chrono::steady_clock::now();
  constexpr uint64_t kPerBatch = 1000;
  for (uint64_t i = 0; i < m.children;) {
    const uint64_t end = std::min(m.children, i + kPerBatch);
    Check(vault->Batch(author,
                       [&](service::BatchWriter& w) -> Status {
                         for (; i < end; ++i) {
                           const domain::PersonDetails d = ChildOf(i, today);
                           if (d.status.looked_after) ++m.looked_after;
                           CONFIDE_ASSIGN_OR_RETURN(domain::PersonId id, w.AddPerson(domain::PersonKind::kChild, d));
                           children.push_back(id);
                           births.push_back(*d.date_of_birth);
                           if (i % 10 == 0) {  // a case record, by its allocated author
                             domain::Allocation a;
                             a.child_id = id;
                             a.staff_id = author;
                             a.team = "Assessment Team 1";
                             a.starts_at = trained_at;
                             CONFIDE_RETURN_IF_ERROR(w.Allocate(a).status());
                             CONFIDE_RETURN_IF_ERROR(w.AddRecord(RecordFor(id, i, now)).status());
                             ++m.records;
                           }
                         }
                         return Status::Ok();
                       }),
          "adding children");
    if (i % 20'000 == 0 || i == m.children) {
      std::printf("  built %7llu children, %5.1f s\n", static_cast<unsigned long long>(i), SecondsSince(start));
      std::fflush(stdout);
    }
  }
  const uint64_t linked = m.adults * 95 / 100;
  for (uint64_t j = 0; j < m.adults;) {
    const uint64_t end = std::min(m.adults, j + kPerBatch);
    Check(vault->Batch(author,
                       [&](service::BatchWriter& w) -> Status {
                         for (; j < end; ++j) {
                           const size_t c = Mix(j ^ 0xad017) % children.size();
                           CONFIDE_ASSIGN_OR_RETURN(domain::PersonId id, w.AddPerson(domain::PersonKind::kAdult, AdultOf(j, births[c])));
                           if (j >= linked) continue;  // an adult linked to no child
                           domain::RelationshipDetails rel;
                           rel.kind = (j % 2) ? domain::RelationshipKind::kMother : domain::RelationshipKind::kFather;
                           rel.parental_responsibility = true;
                           rel.lives_with = (j % 3) != 0;
                           CONFIDE_RETURN_IF_ERROR(w.AddRelationship(children[c], id, rel).status());
                           ++m.relationships;
                           if (j % 5 == 0) {  // and a second child: a sibling's parent too
                             CONFIDE_RETURN_IF_ERROR(w.AddRelationship(children[(c + 1) % children.size()], id, rel).status());
                             ++m.relationships;
                           }
                         }
                         return Status::Ok();
                       }),
          "adding adults");
    if (j % 20'000 == 0 || j == m.adults) {
      std::printf("  built %7llu adults, %5.1f s\n", static_cast<unsigned long long>(j), SecondsSince(start));
      std::fflush(stdout);
    }
  }
  m.build_seconds = SecondsSince(start);
  // Fold the WAL into the database (retried: the vault's own checkpointer may hold it a moment);
  // closing the vault does it anyway.
  for (int attempt = 0; attempt < 5 && !vault->StoreForTest().PurgeFreedData().ok(); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  vault.reset();
  return m;
}

// The cached vault for `people`: built on first use (beside it, then renamed).
std::string EnsureTemplate(uint64_t people, bool rebuild) {
  const std::string path = BenchDataDir() + "/retention-" + std::to_string(people);
  std::error_code ec;
  if (rebuild) fs::remove_all(path, ec);
  Manifest m;
  if (fs::exists(path + "/vault", ec) && ReadManifest(path + "/manifest", m)) return path;
  const std::string building = path + ".building";
  fs::remove_all(building, ec);
  fs::remove_all(path, ec);
  fs::create_directories(building, ec);
  std::printf("building %s (%llu people; cached for later runs)...\n", path.c_str(), static_cast<unsigned long long>(people));
  std::fflush(stdout);
  m = BuildVault(building + "/vault", people);
  WriteManifest(building + "/manifest", m);
  fs::rename(building, path, ec);
  if (ec) Check(Status::IOError("cannot rename " + building + ": " + ec.message()), "caching the vault");
  std::printf("built %s in %.1f s (%.0f people/s; %s)\n", path.c_str(), m.build_seconds, people / m.build_seconds,
              HumanBytes(DatabaseBytes(path + "/vault/confide.db")).c_str());
  return path;
}

// How many memory mappings the process has now (lines of /proc/self/maps), and the kernel's limit.
size_t MapCount() {
  std::ifstream in("/proc/self/maps");
  size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}
size_t MaxMapCount() {
  std::ifstream in("/proc/sys/vm/max_map_count");
  size_t n = 0;
  in >> n;
  return n;
}

// Samples the process's memory mappings every 50 ms while it lives (reading /proc/self/maps takes
// the kernel's mmap lock, so this perturbs a timed run: diagnostics only).
class MapSampler {
 public:
  MapSampler()
      : thread_([this] {
          while (!done_.load()) {
            peak_ = std::max(peak_.load(), MapCount());
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
          }
        }) {}
  ~MapSampler() { Stop(); }
  size_t Stop() {
    done_ = true;
    if (thread_.joinable()) thread_.join();
    return peak_;
  }

 private:
  std::atomic<bool> done_{false};
  std::atomic<size_t> peak_{0};
  std::thread thread_;
};

// A run that failed: the dry run again while sampling the memory mappings, to say whether it ran
// out of them (each data key lives in guarded memory: an mmap with guard pages, several mappings
// per key, and a run keeps every person's key until its transaction ends).
void DiagnoseFailedRun(service::Retention& retention, domain::StaffId dpo, domain::CivilDate today, const char* what,
                       const Status& failure) {
  std::printf("RESULT %s_failed status=\"%s\"\n", what, failure.ToString().c_str());
  const size_t before = MapCount();
  MapSampler sampler;
  const auto again = retention.Run(dpo, today, false);
  const size_t peak = sampler.Stop();
  std::printf("RESULT diagnosis: a dry run again %s; memory mappings %zu before it, peak %zu during it; vm.max_map_count %zu\n",
              again.ok() ? "succeeded" : again.status().ToString().c_str(), before, peak, MaxMapCount());
  std::fflush(stdout);
}

struct Counts {
  size_t listed = 0, awaiting = 0, due = 0, destroyed = 0, unknown = 0, other = 0;
};
Counts Count(const service::RetentionReport& r) {
  Counts c;
  c.listed = r.items.size();
  for (const auto& item : r.items) {
    switch (item.state) {
      case service::RetentionState::kAwaitingReview: ++c.awaiting; break;
      case service::RetentionState::kDue: ++c.due; break;
      case service::RetentionState::kDestroyed: ++c.destroyed; break;
      case service::RetentionState::kUnknownDate: ++c.unknown; break;
      default: ++c.other; break;
    }
  }
  return c;
}


// A dry run, timed; prints its figures (or the failure and a diagnosis) and returns the report.
std::optional<service::RetentionReport> DryRun(service::Retention& retention, domain::StaffId dpo, domain::CivilDate today,
                                               const char* label, bool sample_maps) {
  std::optional<MapSampler> sampler;
  if (sample_maps) sampler.emplace();
  Phase p;
  auto dry = retention.Run(dpo, today, false);
  const double s = p.wall();
  const size_t maps = sampler ? sampler->Stop() : 0;
  if (!dry.ok()) {
    std::printf("RESULT %s_failed_after_seconds=%.2f cpu_user=%.2f cpu_system=%.2f peak_rss_mib=%.0f\n", label, s, p.user(), p.sys(),
                p.peak_mib());
    DiagnoseFailedRun(retention, dpo, today, label, dry.status());
    return std::nullopt;
  }
  const Counts c = Count(*dry);
  std::printf("RESULT %s_seconds=%.2f people=%zu people_per_s=%.0f listed=%zu awaiting_review=%zu due=%zu unknown_date=%zu "
              "not_due=%zu destroyed_before=%zu cpu_user=%.2f cpu_system=%.2f peak_rss_mib=%.0f",
              label, s, dry->people, dry->people / s, c.listed, c.awaiting, c.due, c.unknown, dry->not_due, dry->destroyed_before,
              p.user(), p.sys(), p.peak_mib());
  if (sampler) std::printf(" peak_memory_maps=%zu (vm.max_map_count %zu)", maps, MaxMapCount());
  std::printf("\n");
  std::fflush(stdout);
  return std::move(dry).value();
}

double ProcessPeakRssMib() { return static_cast<double>(NotePeakKib()) / 1024; }

// The applied run, in a process of its own that opens the vault fresh (as `confide retention run
// --apply` does): then the apply, the certificate, a dry run afterwards and the audit check.
int ApplyPhase(const Options& opt, domain::CivilDate today) {
  const auto t = std::chrono::steady_clock::now();
  auto vault = Unwrap(service::Vault::Open(opt.apply_in), "Vault::Open (apply)");
  std::printf("RESULT apply_process_open_seconds=%.2f\n", SecondsSince(t));
  auto retention = Unwrap(service::Retention::Create(*vault), "Retention::Create");
  const std::string db = vault->config().database_path;
  const uint64_t bytes_before = DatabaseBytes(db);
  std::optional<MapSampler> sampler;
  if (opt.sample_maps) sampler.emplace();
  Phase p;
  auto result = retention->Run(opt.dpo, today, true);
  const double s = p.wall();
  const size_t maps = sampler ? sampler->Stop() : 0;
  if (!result.ok()) {
    std::printf("RESULT apply_failed_after_seconds=%.2f cpu_user=%.2f cpu_system=%.2f peak_rss_mib=%.0f\n", s, p.user(), p.sys(),
                p.peak_mib());
    DiagnoseFailedRun(*retention, opt.dpo, today, "apply", result.status());
    return 1;
  }
  const service::RetentionReport& applied = *result;
  const Counts c = Count(applied);
  std::printf("RESULT apply_seconds=%.2f people=%zu destroyed=%zu destroyed_per_s=%.0f per_destroyed_ms=%.2f listed=%zu "
              "cpu_user=%.2f cpu_system=%.2f peak_rss_mib=%.0f certificate=%s",
              s, applied.people, c.destroyed, c.destroyed / s, c.destroyed ? s * 1000 / c.destroyed : 0.0, c.listed, p.user(),
              p.sys(), p.peak_mib(), applied.certificate_id.c_str());
  if (sampler) std::printf(" peak_memory_maps=%zu (vm.max_map_count %zu)", maps, MaxMapCount());
  std::printf("\n");
  if (c.destroyed != opt.expect) {
    std::printf("RESULT expected %llu destroyed, got %zu\n", static_cast<unsigned long long>(opt.expect), c.destroyed);
    for (const auto& item : applied.items) {
      if (!item.review_id || item.state == service::RetentionState::kDestroyed) continue;
      std::printf("  reviewed but not destroyed: person %lld (%s), %s, class %s, due %s\n", static_cast<long long>(item.person_id),
                  std::string(domain::ToString(item.kind)).c_str(), std::string(service::ToString(item.state)).c_str(),
                  item.outcome.class_id.c_str(), item.outcome.destroy_on ? item.outcome.destroy_on->ToIso().c_str() : "-");
    }
    return 1;
  }
  if (!applied.certificate_id.empty()) {
    const auto cert = Unwrap(retention->GetCertificate(opt.dpo, applied.certificate_id), "GetCertificate");
    std::printf("RESULT certificate_bytes=%zu signature_valid=%s; database %s before the run, %s after\n", cert.body.size(),
                cert.signature_valid ? "yes" : "NO", HumanBytes(bytes_before).c_str(), HumanBytes(DatabaseBytes(db)).c_str());
    if (!cert.signature_valid) return 1;
  }
  std::fflush(stdout);
  // A second full run in this process (its figures, or the failure: not fatal).
  DryRun(*retention, opt.dpo, today, "dry_run_after_apply", opt.sample_maps);
  if (opt.verify) {
    const auto v0 = std::chrono::steady_clock::now();
    const audit::VerifyReport v = Unwrap(vault->VerifyAudit(), "VerifyAudit");
    std::printf("RESULT verify_seconds=%.2f entries=%llu ok=%s\n", SecondsSince(v0), static_cast<unsigned long long>(v.entries),
                v.ok() ? "yes" : "NO");
    if (!v.ok()) return 1;
  }
  retention.reset();
  vault.reset();
  std::printf("RESULT apply_process_peak_rss_mib=%.0f\n", ProcessPeakRssMib());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = Parse(argc, argv);
  const domain::CivilDate today = domain::CivilDate::FromUnixMicros(SystemClock::Default().NowMicros());
  if (!opt.apply_in.empty()) return ApplyPhase(opt, today);

  // The cached vault, copied to a scratch directory and opened (rebuilt once if it will not open).
  TempDir scratch("retention");
  const std::string dir = scratch.path() + "/vault";
  Manifest m;
  std::unique_ptr<service::Vault> vault;
  double open_s = 0;
  for (int attempt = 0; attempt < 2 && !vault; ++attempt) {
    const std::string cache = EnsureTemplate(opt.people, attempt > 0);
    if (!ReadManifest(cache + "/manifest", m)) Check(Status::Corruption("unreadable manifest"), cache.c_str());
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::copy(cache + "/vault", dir, fs::copy_options::recursive, ec);
    if (ec) Check(Status::IOError("copying " + cache + ": " + ec.message()), "copying the cached vault");
    const auto t = std::chrono::steady_clock::now();
    auto opened = service::Vault::Open(dir);
    open_s = SecondsSince(t);
    if (opened.ok()) {
      vault = std::move(opened).value();
    } else {
      std::printf("the cached vault %s does not open (%s): rebuilding it\n", cache.c_str(), opened.status().ToString().c_str());
    }
  }
  if (!vault) Check(Status::Internal("the rebuilt vault does not open"), "Vault::Open");
  std::printf("retention run: %llu people (%llu children, %llu looked after; %llu adults, %llu relationships; %llu records), "
              "today %s, database %s\n",
              static_cast<unsigned long long>(opt.people), static_cast<unsigned long long>(m.children),
              static_cast<unsigned long long>(m.looked_after), static_cast<unsigned long long>(m.adults),
              static_cast<unsigned long long>(m.relationships), static_cast<unsigned long long>(m.records),
              today.ToIso().c_str(), HumanBytes(DatabaseBytes(vault->config().database_path)).c_str());
  std::printf("RESULT open_seconds=%.2f (Vault::Open of the copied vault) cached_build_seconds=%.1f\n", open_s, m.build_seconds);
  std::fflush(stdout);
  auto retention = Unwrap(service::Retention::Create(*vault), "Retention::Create");

  // 1. The store's scans alone: what any run reads before decrypting anyone. The links also pick
  // whom to review below.
  std::unordered_map<domain::PersonId, std::vector<domain::PersonId>> adults_of, children_of;
  {
    Phase p;
    auto uow = Unwrap(vault->StoreForTest().Begin(store::TransactionMode::kRead), "begin");
    size_t subjects = 0, links = 0;
    Check(uow->retention().ScanSubjects([&](const store::RetentionSubjectRow&) -> Status {
      ++subjects;
      return Status::Ok();
    }),
          "ScanSubjects");
    const double scan_s = p.wall();
    Check(uow->care().ScanRelationshipLinks([&](const store::RelationshipLink& link) -> Status {
      ++links;
      adults_of[link.child_id].push_back(link.person_id);
      children_of[link.person_id].push_back(link.child_id);
      return Status::Ok();
    }),
          "ScanRelationshipLinks");
    std::printf("RESULT store_scan_subjects_ms=%.0f subjects=%zu store_scan_links_ms=%.0f links=%zu\n", scan_s * 1000, subjects,
                (p.wall() - scan_s) * 1000, links);
  }

  // 2. The dry run, the first full run after opening (as `confide retention run` does); then a
  // second one in the same process (its figures, or the failure: not fatal).
  std::optional<service::RetentionReport> first = DryRun(*retention, m.dpo, today, "dry_run_1", opt.sample_maps);
  if (!first) return 1;
  const service::RetentionReport& report = *first;
  DryRun(*retention, m.dpo, today, "dry_run_2", opt.sample_maps);

  // 3. Destroy reviews, as a DPO works through the list: children the dry run lists as awaiting
  // review whose destruction date has passed (spread evenly over the list), each with the family
  // members linked to them once every child those adults are linked to is approved (a family
  // member is destroyed only with the last of their children). Everyone reviewed is destroyed.
  std::unordered_map<domain::PersonId, const service::RetentionItem*> listed;
  std::vector<const service::RetentionItem*> due_children;
  for (const auto& item : report.items) {
    if (item.state != service::RetentionState::kAwaitingReview) continue;
    listed[item.person_id] = &item;
    if (item.kind == domain::PersonKind::kChild && item.outcome.destroy_on && *item.outcome.destroy_on <= today) {
      due_children.push_back(&item);
    }
  }
  std::vector<domain::PersonId> to_review;
  std::unordered_set<domain::PersonId> chosen;
  size_t reviewed_children = 0;
  const size_t picks = std::min<size_t>(due_children.size(), opt.reviewed);
  for (size_t k = 0; k < picks && to_review.size() < opt.reviewed; ++k) {
    const domain::PersonId child = due_children[k * due_children.size() / picks]->person_id;
    if (!chosen.insert(child).second) continue;
    to_review.push_back(child);
    ++reviewed_children;
    for (domain::PersonId adult : adults_of[child]) {
      const auto& theirs = children_of[adult];
      if (listed.count(adult) && !chosen.count(adult) &&
          std::all_of(theirs.begin(), theirs.end(), [&](domain::PersonId c) { return chosen.count(c) > 0; })) {
        chosen.insert(adult);
        to_review.push_back(adult);
      }
    }
  }
  const size_t reviews = to_review.size();
  {
    Phase p;
    std::vector<double> ms;
    ms.reserve(reviews);
    for (domain::PersonId person : to_review) {
      const auto t = std::chrono::steady_clock::now();
      Unwrap(retention->Review(m.dpo, person, service::ReviewDecision::kDestroy, std::nullopt,
                               "Retention period ended; no open matters, no hold", today),
             "Review");
      ms.push_back(SecondsSince(t) * 1000);
    }
    const double s = p.wall();
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) { return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))]; };
    std::printf("RESULT reviews=%zu (%zu children, %zu adults) review_seconds=%.2f per_review_ms=%.2f median_ms=%.2f p99_ms=%.2f "
                "cpu_user=%.2f cpu_system=%.2f\n",
                reviews, reviewed_children, reviews - reviewed_children, s, reviews ? s * 1000 / reviews : 0.0, at(0.5), at(0.99),
                p.user(), p.sys());
    std::fflush(stdout);
  }

  // 4. The applied run, in a fresh process (the vault closed here first).
  retention.reset();
  vault.reset();
  std::printf("RESULT main_process_peak_rss_mib=%.0f\n", ProcessPeakRssMib());
  std::fflush(stdout);
  std::vector<std::string> args = {"bench_retention", "--apply-in", dir, "--dpo", std::to_string(m.dpo), "--expect",
                                   std::to_string(reviews)};
  if (!opt.verify) args.push_back("--no-verify");
  if (opt.sample_maps) args.push_back("--sample-maps");
  std::vector<char*> argv_child;
  for (std::string& a : args) argv_child.push_back(a.data());
  argv_child.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) Check(Status::IOError("fork failed"), "starting the applied run");
  if (pid == 0) {
    ::execv("/proc/self/exe", argv_child.data());
    std::_Exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
