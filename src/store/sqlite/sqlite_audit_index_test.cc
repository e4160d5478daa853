// The audit log's lookup index over a real SQLite file: written with every entry by the audit
// store, queried by person, actor and time.
#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "audit/verifier.h"
#include "store/sqlite/sqlite_test_fixture.h"

namespace confide::store::sqlite {
namespace {

constexpr UnixMicros kT0 = 1'790'000'000'000'000;

class SqliteAuditIndexTest : public SqliteStoreFixture {
 protected:
  // Appends the events in one transaction through the audit log, as services do.
  void Append(const std::vector<audit::AuditEvent>& events) {
    auto uow = Write();
    ASSERT_OK(uow);
    auto appender = log_.Begin((*uow)->audit());
    ASSERT_OK(appender);
    for (const audit::AuditEvent& e : events) ASSERT_OK(appender->Append(e));
    ASSERT_OK(appender->SignHead());
    ASSERT_OK((*uow)->Commit());
    log_.Committed(*appender);
  }

  static audit::AuditEvent Event(UnixMicros time, int64_t actor, std::string action, int64_t person,
                                 std::string outcome = "ok") {
    return audit::AuditEvent{time, actor, std::move(action), person, 0, 0, std::move(outcome), "detail"};
  }

  static std::vector<uint64_t> Seqs(const std::vector<AuditIndexRow>& rows) {
    std::vector<uint64_t> out;
    for (const AuditIndexRow& r : rows) out.push_back(r.seq);
    return out;
  }

  FakeClock clock_{kT0};
  crypto::SigningKey key_ = crypto::SigningKey::Generate();
  audit::AuditLog log_{key_, clock_};
};

TEST_F(SqliteAuditIndexTest, EveryAppendedEntryGetsItsIndexRow) {
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Read());
    ASSERT_OK_AND_ASSIGN(uint64_t none, uow->audit_index().IndexedCount());
    EXPECT_EQ(none, 0u);
  }
  Append({Event(kT0 + 10, 7, "record.read", 42), Event(0, 8, "person.search", 0, "denied")});  // time 0: the clock's
  Append({Event(kT0 + 30, 0, "audit.verify", 0)});
  ASSERT_OK_AND_ASSIGN(auto uow, Read());
  ASSERT_OK_AND_ASSIGN(uint64_t indexed, uow->audit_index().IndexedCount());
  ASSERT_OK_AND_ASSIGN(uint64_t entries, uow->audit().EntryCount());
  EXPECT_EQ(indexed, 3u);
  EXPECT_EQ(indexed, entries);

  std::vector<AuditIndexRow> rows;
  ASSERT_OK(uow->audit_index().ScanTimeRange(0, INT64_MAX, [&](const AuditIndexRow& r) {
    rows.push_back(r);
    return Status::Ok();
  }));
  ASSERT_EQ(rows.size(), 3u);
  // Each row says what its entry says.
  for (const AuditIndexRow& r : rows) {
    ASSERT_OK_AND_ASSIGN(Bytes bytes, uow->audit().GetEntry(r.seq));
    ASSERT_OK_AND_ASSIGN(audit::AuditEntry entry, audit::DecodeAuditEntry(bytes));
    EXPECT_EQ(entry.seq, r.seq);
    EXPECT_EQ(entry.event.time, r.time);
    EXPECT_EQ(entry.event.actor, r.actor);
    EXPECT_EQ(entry.event.person_id, r.person_id);
    EXPECT_EQ(entry.event.action, r.action);
    EXPECT_EQ(entry.event.outcome, r.outcome);
  }
  EXPECT_EQ(rows[0].time, kT0);  // the event without a time got the clock's, in the index too
  EXPECT_EQ(rows[0].seq, 1u);
  EXPECT_EQ(rows[0].outcome, "denied");
  EXPECT_EQ(rows[1].seq, 0u);
  EXPECT_EQ(rows[1].person_id, 42);
  EXPECT_EQ(rows[2].action, "audit.verify");
  // The log itself still verifies: the index is beside it, not in it.
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, audit::VerifyAuditLog(uow->audit(), key_.public_key()));
  EXPECT_TRUE(report.ok());
}

TEST_F(SqliteAuditIndexTest, ForPersonAndForActorAreNewestFirstLimitedAndHalfOpenInTime) {
  // seq: 0..7
  Append({Event(kT0 + 100, 7, "record.read", 42), Event(kT0 + 200, 8, "record.read", 42),
          Event(kT0 + 300, 7, "person.read", 43), Event(kT0 + 400, 7, "record.create", 42),
          Event(kT0 + 400, 9, "chronology.read", 42), Event(kT0 + 500, 7, "person.search", 0),
          Event(kT0 + 600, 8, "record.read", 42, "denied")});
  Append({Event(kT0 + 50, 7, "record.read", 42)});  // a late writer's clock: older time, higher seq
  ASSERT_OK_AND_ASSIGN(auto uow, Read());
  AuditIndexRepository& index = uow->audit_index();

  ASSERT_OK_AND_ASSIGN(auto all42, index.ForPerson(42, 0, INT64_MAX, 100));
  EXPECT_EQ(Seqs(all42), (std::vector<uint64_t>{6, 4, 3, 1, 0, 7}));  // ties on time: higher seq first
  ASSERT_OK_AND_ASSIGN(auto two, index.ForPerson(42, 0, INT64_MAX, 2));
  EXPECT_EQ(Seqs(two), (std::vector<uint64_t>{6, 4}));
  // [from, to): 200 is in, 600 is out.
  ASSERT_OK_AND_ASSIGN(auto window, index.ForPerson(42, kT0 + 200, kT0 + 600, 100));
  EXPECT_EQ(Seqs(window), (std::vector<uint64_t>{4, 3, 1}));
  ASSERT_OK_AND_ASSIGN(auto empty_window, index.ForPerson(42, kT0 + 201, kT0 + 300, 100));
  EXPECT_TRUE(empty_window.empty());
  ASSERT_OK_AND_ASSIGN(auto other, index.ForPerson(43, 0, INT64_MAX, 100));
  EXPECT_EQ(Seqs(other), (std::vector<uint64_t>{2}));
  // Person 0 is "about nobody": nothing to find.
  ASSERT_OK_AND_ASSIGN(auto nobody, index.ForPerson(0, 0, INT64_MAX, 100));
  EXPECT_TRUE(nobody.empty());
  ASSERT_OK_AND_ASSIGN(auto none, index.ForPerson(42, 0, INT64_MAX, 0));
  EXPECT_TRUE(none.empty());
  ASSERT_OK_AND_ASSIGN(auto unlimited, index.ForPerson(42, 0, INT64_MAX, SIZE_MAX));
  EXPECT_EQ(unlimited.size(), 6u);

  ASSERT_OK_AND_ASSIGN(auto by7, index.ForActor(7, 0, INT64_MAX, 100));
  EXPECT_EQ(Seqs(by7), (std::vector<uint64_t>{5, 3, 2, 0, 7}));  // includes entries about nobody
  ASSERT_OK_AND_ASSIGN(auto by7_window, index.ForActor(7, kT0 + 100, kT0 + 500, 2));
  EXPECT_EQ(Seqs(by7_window), (std::vector<uint64_t>{3, 2}));
  ASSERT_OK_AND_ASSIGN(auto by8, index.ForActor(8, 0, INT64_MAX, 100));
  ASSERT_EQ(by8.size(), 2u);
  EXPECT_EQ(by8[0].seq, 6u);
  EXPECT_EQ(by8[0].outcome, "denied");
  EXPECT_EQ(by8[0].action, "record.read");
  EXPECT_EQ(by8[0].person_id, 42);
  EXPECT_EQ(by8[0].time, kT0 + 600);
  ASSERT_OK_AND_ASSIGN(auto by_nobody, index.ForActor(1234, 0, INT64_MAX, 100));
  EXPECT_TRUE(by_nobody.empty());
}

TEST_F(SqliteAuditIndexTest, TimeRangeScansAreOldestFirstAndStopOnTheVisitorsError) {
  Append({Event(kT0 + 300, 7, "a", 1), Event(kT0 + 100, 7, "b", 1), Event(kT0 + 200, 8, "c", 0),
          Event(kT0 + 200, 9, "d", 2)});
  ASSERT_OK_AND_ASSIGN(auto uow, Read());
  std::vector<uint64_t> seen;
  auto collect = [&](const AuditIndexRow& r) {
    seen.push_back(r.seq);
    return Status::Ok();
  };
  ASSERT_OK(uow->audit_index().ScanTimeRange(0, INT64_MAX, collect));
  EXPECT_EQ(seen, (std::vector<uint64_t>{1, 2, 3, 0}));
  seen.clear();
  ASSERT_OK(uow->audit_index().ScanTimeRange(kT0 + 200, kT0 + 300, collect));  // [from, to)
  EXPECT_EQ(seen, (std::vector<uint64_t>{2, 3}));
  seen.clear();
  ASSERT_OK(uow->audit_index().ScanTimeRange(kT0 + 400, kT0 + 500, collect));
  EXPECT_TRUE(seen.empty());
  int visits = 0;
  Status stopped = uow->audit_index().ScanTimeRange(0, INT64_MAX, [&](const AuditIndexRow&) {
    ++visits;
    return Status::Internal("stop");
  });
  EXPECT_EQ(stopped.code(), StatusCode::kInternal);
  EXPECT_EQ(visits, 1);
}

TEST_F(SqliteAuditIndexTest, RebuildingInsertsRowsDirectlyAndRefusesADuplicateSeq) {
  // An index that lost its rows (or a database from before it existed) is refilled from the
  // entries, starting at IndexedCount.
  Append({Event(kT0 + 1, 7, "a", 1), Event(kT0 + 2, 7, "b", 1), Event(kT0 + 3, 7, "c", 1)});
  ASSERT_OK(conn().Exec("DELETE FROM audit_index WHERE seq >= 1"));
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  ASSERT_OK_AND_ASSIGN(uint64_t from, uow->audit_index().IndexedCount());
  EXPECT_EQ(from, 1u);
  ASSERT_OK(uow->audit().ScanEntries(from, [&](uint64_t seq, ByteView bytes, ByteView) -> Status {
    CONFIDE_ASSIGN_OR_RETURN(audit::AuditEntry e, audit::DecodeAuditEntry(bytes));
    return uow->audit_index().Insert({seq, e.event.time, e.event.actor, e.event.person_id, e.event.action, e.event.outcome});
  }));
  ASSERT_OK_AND_ASSIGN(uint64_t indexed, uow->audit_index().IndexedCount());
  EXPECT_EQ(indexed, 3u);
  EXPECT_EQ(uow->audit_index().Insert({2, kT0, 7, 1, "x", "ok"}).code(), StatusCode::kConflict);
  ASSERT_OK_AND_ASSIGN(auto rows, uow->audit_index().ForPerson(1, 0, INT64_MAX, 10));
  EXPECT_EQ(Seqs(rows), (std::vector<uint64_t>{2, 1, 0}));
  ASSERT_OK(uow->Commit());
}

TEST_F(SqliteAuditIndexTest, AFailedIndexWriteTakesTheEntryWithIt) {
  Append({Event(kT0 + 1, 7, "a", 1)});
  // AppendEntry's two writes: the entry, then its index row. Fail the second.
  conn().FailNthWriteForTest(2);
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK_AND_ASSIGN(auto appender, log_.Begin(uow->audit()));
    EXPECT_EQ(appender.Append(Event(kT0 + 2, 7, "b", 1)).status().code(), StatusCode::kIOError);
  }  // rolled back
  conn().FailNthWriteForTest(0);
  log_.Invalidate();
  ASSERT_OK_AND_ASSIGN(int64_t entries, Count("SELECT COUNT(*) FROM audit_entries"));
  ASSERT_OK_AND_ASSIGN(int64_t indexed, Count("SELECT COUNT(*) FROM audit_index"));
  EXPECT_EQ(entries, 1);
  EXPECT_EQ(indexed, 1);
  Append({Event(kT0 + 3, 7, "c", 1)});  // the log carries on where it was
  ASSERT_OK_AND_ASSIGN(auto uow, Read());
  ASSERT_OK_AND_ASSIGN(uint64_t count, uow->audit_index().IndexedCount());
  EXPECT_EQ(count, 2u);
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, audit::VerifyAuditLog(uow->audit(), key_.public_key()));
  EXPECT_TRUE(report.ok());
}

}  // namespace
}  // namespace confide::store::sqlite
