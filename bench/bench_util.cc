#include "bench_util.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <random>
#include <string_view>

#include "audit/audit_log.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

#ifndef CONFIDE_BENCH_DATA_DIR
#define CONFIDE_BENCH_DATA_DIR "bench-data"
#endif

namespace confide::bench {
namespace fs = std::filesystem;

void Check(const Status& s, const char* what) {
  if (s.ok()) return;
  std::fprintf(stderr, "benchmark set-up failed: %s: %s\n", what, s.ToString().c_str());
  std::exit(2);
}

std::string BenchDataDir() {
  const char* env = std::getenv("CONFIDE_BENCH_DATA");
  std::string dir = (env != nullptr && *env != '\0') ? env : CONFIDE_BENCH_DATA_DIR;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
    std::exit(2);
  }
  return dir;
}

TempDir::TempDir(const std::string& prefix) {
  std::string tmpl = BenchDataDir() + "/" + prefix + "-XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr) {
    std::fprintf(stderr, "cannot create a scratch directory under %s\n", BenchDataDir().c_str());
    std::exit(2);
  }
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

uint64_t DatabaseBytes(const std::string& db_path) {
  uint64_t total = 0;
  for (const std::string& p : {db_path, db_path + "-wal"}) {
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    if (!ec) total += n;
  }
  return total;
}

std::string HumanBytes(uint64_t bytes) {
  char buf[64];
  if (bytes >= (uint64_t{1} << 30)) {
    std::snprintf(buf, sizeof buf, "%.2f GiB", static_cast<double>(bytes) / (1 << 30));
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
  }
  return buf;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double FsyncProbe(double seconds) {
  const std::string path = BenchDataDir() + "/fsync-probe-" + std::to_string(::getpid());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return 0;
  const std::vector<uint8_t> block(4096, 0x5a);
  uint64_t n = 0;
  const auto start = std::chrono::steady_clock::now();
  while (SecondsSince(start) < seconds) {
    if (::write(fd, block.data(), block.size()) != static_cast<ssize_t>(block.size()) || ::fsync(fd) != 0) break;
    ++n;
  }
  const double rate = static_cast<double>(n) / SecondsSince(start);
  ::close(fd);
  ::unlink(path.c_str());
  return rate;
}

namespace {

constexpr std::array<std::string_view, 16> kGiven = {"Amelia", "Oliver", "Isla",   "Noah",  "Ava",   "Leo",
                                                     "Freya",  "Arthur", "Maya",   "Oscar", "Ivy",   "Theo",
                                                     "Rosie",  "Jacob",  "Poppy",  "Kai"};
constexpr std::array<std::string_view, 16> kFamily = {"Smith", "Jones",  "Taylor", "Brown",  "Williams", "Wilson",
                                                      "Evans", "Thomas", "Khan",   "Begum",  "Roberts",  "Walker",
                                                      "Patel", "Wright", "Hughes", "Okafor"};
constexpr std::array<std::string_view, 8> kSummaries = {
    "Home visit: discussed school attendance and contact arrangements with mother",
    "Telephone call from school: child arrived late and without breakfast again",
    "Strategy discussion with police and health following disclosure at school",
    "Review of child in need plan: actions agreed with family and partner agencies",
    "Contact session observed at family centre; warm interaction, ended on time",
    "GP letter received: missed immunisation appointment, follow-up booked",
    "Child seen alone at school; expressed worries about noise at home at night",
    "Core group meeting: progress on housing and nursery place reviewed",
};
constexpr std::string_view kBody =
    "Visited the family home by appointment. Mother answered the door and was welcoming; the "
    "flat was warm, tidy and there was food in the fridge. The child was playing in the living "
    "room and came to show me a drawing from school. We talked about how school has been this "
    "week: the child said maths is hard but the new teacher is kind. Mother reported that the "
    "morning routine is better since the alarm was set earlier, and attendance has improved. "
    "Discussed the referral to the family support worker; mother agreed. Next visit in two weeks.";

}  // namespace

domain::PersonDetails ChildDetails(uint64_t i, domain::CivilDate today) {
  domain::PersonDetails d;
  d.given_names = std::string(kGiven[i % kGiven.size()]);
  d.family_name = std::string(kFamily[(i / kGiven.size()) % kFamily.size()]);
  d.date_of_birth = domain::CivilDate::FromDaysSinceEpoch(today.DaysSinceEpoch() - 200 - static_cast<int64_t>(i % 6000));
  d.gender = (i % 2) ? "Female" : "Male";
  d.address = std::to_string(1 + i % 180) + " Acacia Avenue, Northbridge";
  d.postcode = "XX" + std::to_string(1 + i % 9) + " " + std::to_string(i % 10) + "AB";
  auto nhs = domain::NhsNumber::Parse(domain::GenerateTestNhsNumber(i % 900000));
  if (nhs.ok()) d.nhs_number = *nhs;
  d.la_child_id = "KB" + std::to_string(400000 + i);
  d.status.child_in_need = (i % 3) == 0;
  return d;
}

service::RecordDraft RecordFor(domain::PersonId child, uint64_t i, UnixMicros now) {
  service::RecordDraft r;
  r.person_id = child;
  r.kind = (i % 3 == 0) ? domain::RecordKind::kChronologyEntry : domain::RecordKind::kCaseNote;
  r.tier = domain::SensitivityTier::kGeneral;
  r.occurred_at = now - static_cast<int64_t>(1 + i % 20000) * 3600LL * 1000 * 1000;
  r.content.source.kind = domain::SourceKind::kStaffObservation;
  r.content.summary = std::string(kSummaries[i % kSummaries.size()]) + " (" + std::to_string(i) + ")";
  r.content.text = std::string(kBody);
  return r;
}

TestVault MakeVault(const std::string& dir, size_t children) {
  TestVault t;
  service::InitOptions init;
  init.organisation_name = "Northbridge Children's Services (benchmark)";
  init.administrator.full_name = "Bench Administrator";
  init.administrator.email = "admin@example.org";
  t.vault = Unwrap(service::Vault::Init(dir, init), "Vault::Init");
  const domain::CivilDate today = domain::CivilDate::FromUnixMicros(SystemClock::Default().NowMicros());
  Check(t.vault->Batch(domain::kSystemActor,
                       [&](service::BatchWriter& w) -> Status {
                         CONFIDE_ASSIGN_OR_RETURN(t.author, w.AddStaff(domain::StaffRole::kSocialWorker, "Assessment Team 1",
                                                                       {"Sam Social-Worker", "sam@example.org"}));
                         // The access policy applies: the author is trained and allocated to every child.
                         const UnixMicros now = SystemClock::Default().NowMicros() - 60'000'000;
                         CONFIDE_RETURN_IF_ERROR(w.RecordTraining({0, t.author, "confidentiality", now - 1, std::nullopt, 0, 0}).status());
                         for (size_t i = 0; i < children; ++i) {
                           CONFIDE_ASSIGN_OR_RETURN(domain::PersonId id, w.AddPerson(domain::PersonKind::kChild,
                                                                                     ChildDetails(i, today)));
                           t.children.push_back(id);
                           domain::Allocation a;
                           a.child_id = id;
                           a.staff_id = t.author;
                           a.team = "Assessment Team 1";
                           a.starts_at = now - 1;
                           CONFIDE_RETURN_IF_ERROR(w.Allocate(a).status());
                         }
                         return Status::Ok();
                       }),
        "creating staff and children");
  return t;
}

RecordFootprint MeasureFootprint(const std::string& database_path) {
  auto conn = Unwrap(store::sqlite::Connection::Open(database_path, false), "opening the vault database");
  RecordFootprint f;
  {
    auto s = Unwrap(conn->Prepare("SELECT length(sealed) + length(signature) FROM record_versions "
                                  "ORDER BY record_id DESC, version DESC LIMIT 1"),
                    "footprint query");
    if (Unwrap(s->Step(), "footprint query")) f.version_bytes = static_cast<size_t>(s->Int(0));
  }
  {
    auto s = Unwrap(conn->Prepare("SELECT length(entry) + length(leaf_hash) FROM audit_entries ORDER BY seq DESC LIMIT 1"),
                    "footprint query");
    if (Unwrap(s->Step(), "footprint query")) f.audit_bytes = static_cast<size_t>(s->Int(0));
  }
  return f;
}

namespace {

// A mix like a working day's: mostly reads of chronologies and records, some writes.
audit::AuditEvent SyntheticEvent(uint64_t seq, UnixMicros start) {
  static constexpr std::array<const char*, 6> kActions = {"chronology.read", "record.read", "record.create",
                                                          "record.read",     "person.read", "record.amend"};
  audit::AuditEvent e;
  e.time = start + static_cast<int64_t>(seq) * 1000;  // one event a millisecond
  e.actor = 2 + static_cast<int64_t>(seq % 97);
  e.action = kActions[seq % kActions.size()];
  e.person_id = 1 + static_cast<int64_t>((seq * 2654435761u) % 100000);
  if (e.action != std::string_view("chronology.read") && e.action != std::string_view("person.read")) {
    e.record_id = 1 + static_cast<int64_t>((seq * 40503u) % 1000000);
    e.record_version = 1;
  }
  if (e.action == std::string_view("chronology.read")) e.detail = "records " + std::to_string(seq % 300);
  return e;
}

}  // namespace

void EnsureAuditDatabase(const std::string& path, uint64_t entries, uint64_t per_transaction) {
  std::error_code ec;
  if (fs::exists(path, ec)) return;
  const std::string building = path + ".building";
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(building + suffix, ec);
  std::fprintf(stderr, "building %s (%llu audit entries; cached for later runs)...\n", path.c_str(),
               static_cast<unsigned long long>(entries));
  const auto start = std::chrono::steady_clock::now();
  {
    auto store = Unwrap(store::sqlite::SqliteStore::Open(building, true), "creating the audit database");
    const crypto::SigningKey key = crypto::SigningKey::Generate();
    FakeClock clock(1'790'000'000'000'000);  // late 2026
    // Checkpoints every 10,000 entries as by default; no age limit (the fake clock barely moves).
    audit::AuditLog log(key, clock, audit::CheckpointPolicy{INT64_MAX, 10'000});
    {
      auto uow = Unwrap(store->Begin(store::TransactionMode::kWrite), "begin");
      const crypto::PublicKey& pk = key.public_key();
      Check(uow->organisation().Put({1, "audit benchmark", "local_authority", Bytes(pk.begin(), pk.end()), clock.NowMicros()}),
            "organisation row");
      Check(uow->Commit(), "commit");
    }
    const UnixMicros t0 = clock.NowMicros();
    for (uint64_t done = 0; done < entries;) {
      auto uow = Unwrap(store->Begin(store::TransactionMode::kWrite), "begin");
      auto appender = Unwrap(log.Begin(uow->audit()), "AuditLog::Begin");
      const uint64_t end = std::min(entries, done + per_transaction);
      for (; done < end; ++done) Unwrap(appender.Append(SyntheticEvent(done, t0)), "Append");
      clock.Set(t0 + static_cast<int64_t>(done) * 1000);
      Unwrap(appender.SignHead(), "SignHead");
      Check(uow->Commit(), "commit");
      log.Committed(appender);
      if (entries >= 2'000'000 && done % 1'000'000 == 0) {
        std::fprintf(stderr, "  %llu entries, %.0f s\n", static_cast<unsigned long long>(done), SecondsSince(start));
      }
    }
    Check(store->CheckpointAndTruncateWal(), "checkpoint");
  }  // closing the last connection removes the -wal and -shm files
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(building + suffix, ec);
  fs::rename(building, path, ec);
  if (ec) Check(Status::IOError("cannot rename " + building + ": " + ec.message()), "caching the audit database");
  std::fprintf(stderr, "built %s in %.1f s (%s)\n", path.c_str(), SecondsSince(start), HumanBytes(DatabaseBytes(path)).c_str());
}

Bytes AuditDatabasePublicKey(const std::string& path) {
  auto store = Unwrap(store::sqlite::SqliteStore::Open(path, false), "opening the audit database");
  auto uow = Unwrap(store->Begin(store::TransactionMode::kRead), "begin");
  auto org = Unwrap(uow->organisation().Get(), "organisation row");
  if (!org) Check(Status::Corruption("no organisation row"), path.c_str());
  return org->signing_public_key;
}

}  // namespace confide::bench
