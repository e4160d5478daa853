#include "service/audit_committer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <map>
#include <thread>

#include "audit/verifier.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/test_util.h"

namespace confide::service {
namespace {

using confide::testing::TempDir;

class AuditCommitterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::sqlite::SqliteStore::Open(dir_.Str("a.db"), true);
    ASSERT_OK(store);
    store_ = std::move(store).value();
  }

  static audit::AuditEvent Event(int64_t actor, int64_t record) {
    return {1'790'000'000'000'000, actor, "record.read", 1, record, 1, "ok", ""};
  }

  // Every entry in order: (actor, record).
  std::vector<std::pair<int64_t, int64_t>> Entries() {
    std::vector<std::pair<int64_t, int64_t>> out;
    auto uow = store_->Begin(store::TransactionMode::kRead);
    EXPECT_OK(uow);
    EXPECT_OK((*uow)->audit().ScanEntries(0, [&](uint64_t, ByteView entry, ByteView) -> Status {
      CONFIDE_ASSIGN_OR_RETURN(audit::AuditEntry e, audit::DecodeAuditEntry(entry));
      out.emplace_back(e.event.actor, e.event.record_id);
      return Status::Ok();
    }));
    return out;
  }

  audit::VerifyReport Verify() {
    auto uow = store_->Begin(store::TransactionMode::kRead);
    EXPECT_OK(uow);
    auto report = audit::VerifyAuditLog((*uow)->audit(), key_.public_key());
    EXPECT_OK(report);
    return *report;
  }

  TempDir dir_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  FakeClock clock_{1'790'000'000'000'000};
  crypto::SigningKey key_ = crypto::SigningKey::Generate();
  audit::AuditLog log_{key_, clock_};
};

TEST_F(AuditCommitterTest, ManyCallersEventsAllLandInOrderAndTheLogVerifies) {
  AuditCommitter committer(*store_, log_);
  constexpr int kThreads = 8, kCalls = 60;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 1; t <= kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        // Two events per call: they must land next to each other.
        if (!committer.Append({Event(t, 2 * i), Event(t, 2 * i + 1)}).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  const auto entries = Entries();
  ASSERT_EQ(entries.size(), size_t{kThreads * kCalls * 2});
  std::map<int64_t, int64_t> next;  // per caller, the record it appends next
  for (size_t i = 0; i < entries.size(); i += 2) {
    const auto [actor, record] = entries[i];
    EXPECT_EQ(record % 2, 0) << "a call's first event at " << i;
    EXPECT_EQ(entries[i + 1], std::make_pair(actor, record + 1)) << "a call's events were split at " << i;
    EXPECT_EQ(record, next[actor]) << "caller " << actor << "'s calls out of order";
    next[actor] = record + 2;
  }
  const audit::VerifyReport report = Verify();
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
  EXPECT_EQ(report.entries, entries.size());
  EXPECT_EQ(committer.stats().events, entries.size());
}

TEST_F(AuditCommitterTest, CallersThatArriveWhileABatchCommitsShareTheNextCommit) {
  AuditCommitter committer(*store_, log_);
  // Hold the writer, as a long write transaction would: the first batch waits for it, and the
  // callers who come meanwhile queue behind.
  auto blocker = store_->Begin(store::TransactionMode::kWrite);
  ASSERT_OK(blocker);
  auto wait_for = [&](size_t taken, size_t queued) {
    for (int i = 0; i < 5000 && (committer.stats().taken != taken || committer.queued() != queued); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_EQ(committer.stats().taken, taken);
    ASSERT_EQ(committer.queued(), queued);
  };
  constexpr int kCallers = 6;
  std::vector<std::thread> threads;
  threads.emplace_back([&] { EXPECT_OK(committer.Append({Event(1, 1)})); });
  wait_for(1, 0);  // the committer has taken the first and waits for the writer
  for (int t = 2; t <= kCallers; ++t) {
    threads.emplace_back([&, t] { EXPECT_OK(committer.Append({Event(t, 1)})); });
  }
  wait_for(1, kCallers - 1);
  blocker->reset();
  for (auto& th : threads) th.join();
  // The first caller's batch, then one batch for everyone who queued meanwhile.
  EXPECT_EQ(committer.stats().batches, 2u);
  EXPECT_EQ(committer.stats().events, size_t{kCallers});
  EXPECT_EQ(Entries().size(), size_t{kCallers});
  EXPECT_TRUE(Verify().ok());
}

TEST_F(AuditCommitterTest, AFailedBatchReportsTheErrorAndLeavesNoEntryBehind) {
  AuditCommitter committer(*store_, log_);
  ASSERT_OK(committer.Append({Event(1, 1)}));
  store_->ConnectionForTest().FailNthWriteForTest(2);  // the second write of the next batch
  const Status failed = committer.Append({Event(2, 1), Event(2, 2), Event(2, 3)});
  EXPECT_EQ(failed.code(), StatusCode::kIOError);
  EXPECT_EQ(Entries().size(), 1u);
  // The next batch is not disturbed by the failed one.
  ASSERT_OK(committer.Append({Event(3, 1)}));
  EXPECT_EQ(Entries(), (std::vector<std::pair<int64_t, int64_t>>{{1, 1}, {3, 1}}));
  EXPECT_TRUE(Verify().ok());
}

TEST_F(AuditCommitterTest, NothingToAppendCommitsNothing) {
  AuditCommitter committer(*store_, log_);
  ASSERT_OK(committer.Append({}));
  bool called = false;
  committer.AppendAsync({}, [&](Status s) {
    EXPECT_OK(s);
    called = true;
  });
  EXPECT_TRUE(called);
  EXPECT_EQ(committer.stats().batches, 0u);
  EXPECT_TRUE(Entries().empty());
}

TEST_F(AuditCommitterTest, AsynchronousCallersAreToldOnceTheirEventsAreDurable) {
  std::mutex mu;
  int told = 0;
  {
    AuditCommitter committer(*store_, log_);
    for (int i = 0; i < 20; ++i) {
      committer.AppendAsync({Event(9, i)}, [&, i](Status s) {
        EXPECT_OK(s);
        // Told only after the commit: the event is already in the log.
        auto uow = store_->Begin(store::TransactionMode::kRead);
        EXPECT_OK(uow);
        auto count = (*uow)->audit().EntryCount();
        EXPECT_OK(count);
        EXPECT_GT(*count, static_cast<uint64_t>(i));
        std::lock_guard<std::mutex> lock(mu);
        ++told;
      });
    }
  }  // the committer commits what is queued before it stops
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(told, 20);
  EXPECT_EQ(Entries().size(), 20u);
  EXPECT_TRUE(Verify().ok());
}

}  // namespace
}  // namespace confide::service
