// crash_writer: a test-only program that writes records to a vault for ever, so that
// crash_test.cc can kill it with SIGKILL at random points and check what survived.
//
//   crash_writer DATA_DIR SEED MODE ACTOR CHILD
//
// MODE is "mixed" (single adds, amendments of this run's records, and small batches), "add" (single
// adds only) or "batch" (batches only, some with an amendment inside).
//
// Protocol on stdout, one line per write(2) call so no line is ever torn or buffered:
//   READY                                   the vault is open; writes follow
//   BEGIN add <n>                           about to add the record with summary S(n)
//   BEGIN amend <n> <record id>             about to amend a record to summary S(n)
//   BEGIN batch <n> <count>                 about to commit `count` writes with summaries B(n, i)
//   ACK record <id> v<version> <summary>    that version is committed (after the call returned OK)
// where S(n) = "crash-trial <seed>-<n>" and B(n, i) = "crash-batch <seed>-<n>-<i>", i = 0..count-1.
// A batch's ACK lines are written together in one write(2) after Vault::Batch returned OK.
// Every summary is unique per (seed, n, i), so the parent can check content, not just presence.
//
// Exit status: killed by the parent (the normal end); 2 for bad arguments; 3 if a write failed.
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "service/vault.h"

namespace {

using confide::Status;
using confide::service::Vault;
namespace domain = confide::domain;

// Writes all of `line` to fd 1, unbuffered. Exits if the parent has gone away.
void Emit(const std::string& line) {
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(STDOUT_FILENO, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) std::_Exit(0);  // nobody is listening any more
    done += static_cast<size_t>(n);
  }
}

[[noreturn]] void Fail(std::string_view what, const Status& s) {
  std::fprintf(stderr, "crash_writer: %.*s failed: %s\n", static_cast<int>(what.size()), what.data(), s.ToString().c_str());
  std::exit(3);
}

struct OwnRecord {
  domain::RecordId id = 0;
  domain::VersionNumber version = 0;
};

class Writer {
 public:
  Writer(Vault& vault, uint64_t seed, domain::StaffId actor, domain::PersonId child)
      : vault_(vault), seed_(seed), rng_(seed), actor_(actor), child_(child) {}

  void RunMixed() {
    for (;;) {
      const uint64_t pick = rng_() % 10;
      if (pick < 5 || records_.empty()) {
        Add();
      } else if (pick < 8) {
        Amend();
      } else {
        Batch();
      }
    }
  }
  void RunAdds() {
    for (;;) Add();
  }
  void RunBatches() {
    for (;;) Batch();
  }

 private:
  std::string Summary(uint64_t n) const { return "crash-trial " + std::to_string(seed_) + "-" + std::to_string(n); }
  std::string BatchSummary(uint64_t n, size_t i) const {
    return "crash-batch " + std::to_string(seed_) + "-" + std::to_string(n) + "-" + std::to_string(i);
  }
  static std::string Ack(domain::RecordId id, domain::VersionNumber v, const std::string& summary) {
    return "ACK record " + std::to_string(id) + " v" + std::to_string(v) + " " + summary + "\n";
  }

  // Bodies of varied length, some spanning several database pages, so a kill can land in the
  // middle of a multi-page commit.
  std::string Body(const std::string& summary) {
    const uint64_t len = (rng_() % 8 == 0) ? 4096 + rng_() % 20000 : rng_() % 1500;
    std::string text = "Observation for " + summary + ". ";
    while (text.size() < len) text += static_cast<char>('a' + rng_() % 26);
    return text;
  }

  confide::service::RecordDraft Draft(const std::string& summary) {
    confide::service::RecordDraft d;
    d.person_id = child_;
    d.kind = (rng_() % 2 == 0) ? domain::RecordKind::kCaseNote : domain::RecordKind::kChronologyEntry;
    d.tier = static_cast<domain::SensitivityTier>(rng_() % 3);
    d.occurred_at = confide::SystemClock::Default().NowMicros() - 3600LL * 1000 * 1000;
    d.content.summary = summary;
    d.content.text = Body(summary);
    return d;
  }

  confide::service::RecordAmendment Amendment(const OwnRecord& r, const std::string& summary) {
    confide::service::RecordAmendment a;
    a.record_id = r.id;
    a.expected_current = r.version;
    a.content.summary = summary;
    a.content.text = Body(summary);
    a.reason = "crash test amendment";
    return a;
  }

  void Add() {
    const uint64_t n = next_++;
    const std::string summary = Summary(n);
    Emit("BEGIN add " + std::to_string(n) + "\n");
    auto id = vault_.AddRecord(actor_, Draft(summary));
    if (!id.ok()) Fail("AddRecord", id.status());
    records_.push_back({*id, 1});
    Emit(Ack(*id, 1, summary));
  }

  void Amend() {
    const uint64_t n = next_++;
    const std::string summary = Summary(n);
    OwnRecord& r = records_[rng_() % records_.size()];
    Emit("BEGIN amend " + std::to_string(n) + " " + std::to_string(r.id) + "\n");
    auto v = vault_.AmendRecord(actor_, Amendment(r, summary));
    if (!v.ok()) Fail("AmendRecord", v.status());
    r.version = *v;
    Emit(Ack(r.id, r.version, summary));
  }

  // 2..7 writes in one transaction: new records, and now and then an amendment of an earlier one.
  void Batch() {
    const uint64_t n = next_++;
    const size_t count = 2 + rng_() % 6;
    const bool with_amend = !records_.empty() && rng_() % 3 == 0;
    // An index, not a pointer: records_ grows below.
    const size_t amended = with_amend ? rng_() % records_.size() : 0;
    std::vector<confide::service::RecordDraft> drafts;
    for (size_t i = 0; i < count; ++i) drafts.push_back(Draft(BatchSummary(n, i)));
    std::optional<confide::service::RecordAmendment> amendment;
    if (with_amend) {  // the last write of the batch amends instead of adding
      amendment = Amendment(records_[amended], BatchSummary(n, count - 1));
      drafts.pop_back();
    }

    Emit("BEGIN batch " + std::to_string(n) + " " + std::to_string(count) + "\n");
    std::vector<domain::RecordId> ids;
    domain::VersionNumber amended_to = 0;
    Status s = vault_.Batch(actor_, [&](confide::service::BatchWriter& w) -> Status {
      ids.clear();
      for (const auto& d : drafts) {
        CONFIDE_ASSIGN_OR_RETURN(domain::RecordId id, w.AddRecord(d));
        ids.push_back(id);
      }
      if (amendment) {
        CONFIDE_ASSIGN_OR_RETURN(amended_to, w.AmendRecord(*amendment));
      }
      return Status::Ok();
    });
    if (!s.ok()) Fail("Batch", s);

    std::string acks;
    for (size_t i = 0; i < ids.size(); ++i) {
      records_.push_back({ids[i], 1});
      acks += Ack(ids[i], 1, BatchSummary(n, i));
    }
    if (with_amend) {
      records_[amended].version = amended_to;
      acks += Ack(records_[amended].id, amended_to, BatchSummary(n, count - 1));
    }
    Emit(acks);
  }

  Vault& vault_;
  const uint64_t seed_;
  std::mt19937_64 rng_;
  const domain::StaffId actor_;
  const domain::PersonId child_;
  uint64_t next_ = 0;
  std::vector<OwnRecord> records_;  // this run's acknowledged records and their current versions
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: crash_writer DATA_DIR SEED mixed|add|batch ACTOR CHILD\n");
    return 2;
  }
  const std::string data_dir = argv[1];
  const uint64_t seed = std::strtoull(argv[2], nullptr, 10);
  const std::string mode = argv[3];
  const domain::StaffId actor = std::strtoll(argv[4], nullptr, 10);
  const domain::PersonId child = std::strtoll(argv[5], nullptr, 10);
  if (mode != "mixed" && mode != "add" && mode != "batch") {
    std::fprintf(stderr, "crash_writer: unknown mode %s\n", mode.c_str());
    return 2;
  }

  auto vault = Vault::Open(data_dir);
  if (!vault.ok()) Fail("Vault::Open", vault.status());
  Emit("READY\n");

  Writer writer(**vault, seed, actor, child);
  if (mode == "mixed") writer.RunMixed();
  if (mode == "add") writer.RunAdds();
  writer.RunBatches();
}
