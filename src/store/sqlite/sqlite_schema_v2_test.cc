// Schema version 2 as a whole: upgrading a version-1 database, and transactions that fail or roll
// back leaving none of the new rows behind.
#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_repositories.h"
#include "store/sqlite/sqlite_test_fixture.h"

namespace confide::store::sqlite {
namespace {

using confide::testing::TempDir;

// Every table schema version 2 added, with its row count.
Result<int64_t> RowsInNewTables(Connection& c) {
  int64_t total = 0;
  for (const char* sql : {"SELECT COUNT(*) FROM credentials", "SELECT COUNT(*) FROM sign_in_failures",
                          "SELECT COUNT(*) FROM recovery_codes", "SELECT COUNT(*) FROM sessions",
                          "SELECT COUNT(*) FROM training_records", "SELECT COUNT(*) FROM person_restrictions",
                          "SELECT COUNT(*) FROM break_glass", "SELECT COUNT(*) FROM audit_index"}) {
    CONFIDE_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, sql));
    total += n;
  }
  return total;
}

TEST(SqliteSchemaV2Test, AVersionOneDatabaseIsUpgradedWithItsDataIntact) {
  TempDir dir;
  const std::string path = dir.Str("v1.db");
  int64_t staff = 0, child = 0, allocation = 0, record = 0;
  Bytes entry;
  {
    // A database as Confide 1 left it: schema version 1 only, with data in it.
    ASSERT_OK_AND_ASSIGN(auto conn, Connection::Open(path, true));
    ASSERT_OK(Migrate(*conn, AllMigrations().first(1)));
    ASSERT_OK_AND_ASSIGN(int v1, CurrentSchemaVersion(*conn));
    ASSERT_EQ(v1, 1);
    ASSERT_OK_AND_ASSIGN(int64_t no_v2_tables, QueryInt(*conn, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'credentials'"));
    ASSERT_EQ(no_v2_tables, 0);
    ASSERT_OK(conn->Exec("BEGIN IMMEDIATE"));
    SqliteKeyRepository keys(*conn);
    SqliteStaffRepository staff_repo(*conn);
    SqlitePersonRepository persons(*conn);
    SqliteCareRepository care(*conn);
    SqliteRecordRepository records(*conn);
    SqliteAuditStore audit_store(*conn);
    ASSERT_OK_AND_ASSIGN(int64_t staff_subject, keys.CreateSubject("staff", 1));
    ASSERT_OK_AND_ASSIGN(staff, staff_repo.Insert({0, staff_subject, "social_worker", "north", true, 1, Bytes(8, 1)}));
    ASSERT_OK_AND_ASSIGN(int64_t child_subject, keys.CreateSubject("person", 1));
    ASSERT_OK(keys.InsertSubjectKey({child_subject, "kek-1", Bytes(72, 0xAB)}));
    ASSERT_OK_AND_ASSIGN(child, persons.Insert({0, child_subject, "child", 1, 1, 1}));
    ASSERT_OK_AND_ASSIGN(allocation, care.InsertAllocation({0, child, staff, "social_worker", "north", 10, std::nullopt, staff}));
    ASSERT_OK_AND_ASSIGN(record, records.Insert({0, child, "case_note", 1, "general", 20, 20}));
    ASSERT_OK(records.InsertVersion({record, 1, "general", 20, 20, staff, "staff_observation", Bytes(16, 2), Bytes(64, 3)}));
    // Version 1's audit store wrote entries only: write one the way it did.
    entry = audit::EncodeAuditEntry(0, {5, staff, "record.create", child, record, 1, "ok", ""});
    const audit::Hash32 leaf = audit::HashLeaf(entry);
    ASSERT_OK_AND_ASSIGN(auto insert, conn->Prepare("INSERT INTO audit_entries(seq, entry, leaf_hash) VALUES (0, ?, ?)"));
    insert->Bind(1, ByteView(entry)).Bind(2, ByteView(leaf));
    ASSERT_OK(insert->Run());
    insert.reset();
    ASSERT_OK(conn->Exec("COMMIT"));
  }

  ASSERT_OK_AND_ASSIGN(auto store, SqliteStore::Open(path, false));
  ASSERT_OK_AND_ASSIGN(int version, store->SchemaVersion());
  EXPECT_EQ(version, AllMigrations().back().version);  // v2 and everything after it
  Connection& c = store->ConnectionForTest();
  ASSERT_OK_AND_ASSIGN(int64_t migrations, QueryInt(c, "SELECT COUNT(*) FROM schema_migrations WHERE version IN (1, 2)"));
  EXPECT_EQ(migrations, 2);
  ASSERT_OK_AND_ASSIGN(int64_t latest, QueryInt(c, "SELECT MAX(version) FROM schema_migrations"));
  EXPECT_EQ(latest, AllMigrations().back().version);
  ASSERT_OK_AND_ASSIGN(int64_t integrity_ok, QueryInt(c, "SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"));
  EXPECT_EQ(integrity_ok, 1);
  ASSERT_OK_AND_ASSIGN(int64_t fk_problems, QueryInt(c, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
  EXPECT_EQ(fk_problems, 0);

  {
    ASSERT_OK_AND_ASSIGN(auto uow, store->Begin(TransactionMode::kRead));
    ASSERT_OK_AND_ASSIGN(auto s, uow->staff().Get(staff));
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->role, "social_worker");
    EXPECT_EQ(s->sealed, Bytes(8, 1));
    ASSERT_OK_AND_ASSIGN(auto p, uow->persons().Get(child));
    ASSERT_TRUE(p.has_value());
    ASSERT_OK_AND_ASSIGN(auto key, uow->keys().GetSubjectKey(p->subject_id));
    ASSERT_TRUE(key.has_value());
    EXPECT_EQ(key->wrapped_key, Bytes(72, 0xAB));
    ASSERT_OK_AND_ASSIGN(auto a, uow->care().GetAllocation(allocation));
    ASSERT_TRUE(a.has_value());
    EXPECT_FALSE(a->ends_at.has_value());
    ASSERT_OK_AND_ASSIGN(auto chronology, uow->records().ListForPerson(child));
    ASSERT_EQ(chronology.size(), 1u);
    ASSERT_TRUE(chronology[0].current.has_value());
    EXPECT_EQ(chronology[0].current->sealed, Bytes(16, 2));
    ASSERT_OK_AND_ASSIGN(uint64_t entries, uow->audit().EntryCount());
    EXPECT_EQ(entries, 1u);
    ASSERT_OK_AND_ASSIGN(Bytes stored, uow->audit().GetEntry(0));
    EXPECT_EQ(stored, entry);
    // The migration cannot decode entries, so older ones start unindexed: IndexedCount says where
    // the rebuild must begin (before anything new is appended).
    ASSERT_OK_AND_ASSIGN(uint64_t indexed, uow->audit_index().IndexedCount());
    EXPECT_EQ(indexed, 0u);
    // Rows already there did not move the epoch: the triggers came after them.
    ASSERT_OK_AND_ASSIGN(int64_t epoch, uow->access().AccessEpoch());
    EXPECT_EQ(epoch, 0);
  }
  {
    // The new tables and triggers work on the old rows.
    ASSERT_OK_AND_ASSIGN(auto uow, store->Begin(TransactionMode::kWrite));
    ASSERT_OK(uow->identity().PutCredential({staff, Bytes(16, 9), "$argon2id$x", 1, true, {}, std::nullopt, 0, std::nullopt}));
    ASSERT_OK(uow->care().EndAllocation(allocation, 100));
    ASSERT_OK_AND_ASSIGN(int64_t epoch, uow->access().AccessEpoch());
    EXPECT_EQ(epoch, 1);
    ASSERT_OK(uow->Commit());
  }
  // Opening again applies nothing more.
  store.reset();
  ASSERT_OK_AND_ASSIGN(store, SqliteStore::Open(path, false));
  ASSERT_OK_AND_ASSIGN(int64_t rows, QueryInt(store->ConnectionForTest(), "SELECT COUNT(*) FROM schema_migrations"));
  EXPECT_EQ(rows, static_cast<int64_t>(AllMigrations().size()));
}

class SqliteSchemaV2RollbackTest : public SqliteStoreFixture {
 protected:
  void SetUp() override {
    SqliteStoreFixture::SetUp();
    auto uow = Write();
    ASSERT_OK(uow);
    auto staff = AddStaff(**uow);
    ASSERT_OK(staff);
    auto child = AddPerson(**uow);
    ASSERT_OK(child);
    staff_ = *staff;
    child_ = *child;
    auto allocation = (*uow)->care().InsertAllocation({0, child_, staff_, "social_worker", "north", 10, std::nullopt, staff_});
    ASSERT_OK(allocation);
    allocation_ = *allocation;
    ASSERT_OK((*uow)->Commit());
  }

  // One of every schema-version-2 write; the comments count the writes each makes.
  Status WriteEverything(UnitOfWork& uow) {
    CONFIDE_RETURN_IF_ERROR(uow.identity().PutCredential(
        {staff_, Bytes(16, 1), "$argon2id$x", 1, false, Bytes(8, 2), 2, 3, std::nullopt}));         // 1
    CONFIDE_RETURN_IF_ERROR(uow.identity().RecordSignInFailure(staff_, 5));                        // 2
    CONFIDE_RETURN_IF_ERROR(uow.identity().ClearSignInFailures(staff_));                           // 3
    CONFIDE_RETURN_IF_ERROR(uow.identity().RecordSignInFailure(staff_, 6));                        // 4
    CONFIDE_RETURN_IF_ERROR(uow.identity().ReplaceRecoveryCodes(staff_, {Bytes(32, 1), Bytes(32, 2)}));  // 5-7
    CONFIDE_ASSIGN_OR_RETURN(bool used, uow.identity().UseRecoveryCode(staff_, Bytes(32, 1), 7));  // 8
    if (!used) return Status::Internal("recovery code not used");
    SessionRow session{Bytes(32, 9), staff_, 1, 1, std::nullopt, std::nullopt, std::nullopt, "", Bytes(32, 8)};
    CONFIDE_RETURN_IF_ERROR(uow.identity().InsertSession(session));                                // 9
    session.mfa_at = 2;
    CONFIDE_RETURN_IF_ERROR(uow.identity().UpdateSession(session));                                // 10
    CONFIDE_RETURN_IF_ERROR(uow.identity().EndSessionsOfStaff(staff_, 3, "disabled").status());    // 11
    CONFIDE_RETURN_IF_ERROR(uow.access().InsertTraining({0, staff_, "induction", 1, std::nullopt, staff_, 1}).status());  // 12
    CONFIDE_ASSIGN_OR_RETURN(int64_t r, uow.access().InsertRestriction({0, child_, staff_, {}, staff_, 1, std::nullopt, 0}));  // 13
    CONFIDE_RETURN_IF_ERROR(uow.access().UpdateRestrictionSealed(r, Bytes(8, 1)));                 // 14
    CONFIDE_RETURN_IF_ERROR(uow.access().RemoveRestriction(r, staff_, 2));                         // 15
    CONFIDE_ASSIGN_OR_RETURN(int64_t g, uow.access().InsertBreakGlass({0, staff_, child_, {}, 1, 100, std::nullopt}));  // 16
    CONFIDE_RETURN_IF_ERROR(uow.access().UpdateBreakGlassSealed(g, Bytes(8, 1)));                  // 17
    CONFIDE_RETURN_IF_ERROR(uow.access().EndBreakGlass(g, 50));                                    // 18
    CONFIDE_RETURN_IF_ERROR(uow.staff().UpdateRole(staff_, "team_manager", "south", true));        // 19
    CONFIDE_RETURN_IF_ERROR(uow.care().EndAllocation(allocation_, 500));                           // 20
    CONFIDE_RETURN_IF_ERROR(uow.audit_index().Insert({1000, 1, staff_, child_, "record.read", "ok"}));  // 21
    return Status::Ok();
  }
  static constexpr int kWrites = 21;

  // Nothing of WriteEverything is in the database.
  void ExpectNothingWritten() {
    ASSERT_OK_AND_ASSIGN(int64_t rows, RowsInNewTables(conn()));
    EXPECT_EQ(rows, 0);
    ASSERT_OK_AND_ASSIGN(auto uow, Read());
    ASSERT_OK_AND_ASSIGN(int64_t epoch, uow->access().AccessEpoch());
    EXPECT_EQ(epoch, epoch_before_);
    ASSERT_OK_AND_ASSIGN(auto staff, uow->staff().Get(staff_));
    EXPECT_EQ(staff->role, "social_worker");
    ASSERT_OK_AND_ASSIGN(auto allocation, uow->care().GetAllocation(allocation_));
    EXPECT_FALSE(allocation->ends_at.has_value());
  }

  int64_t staff_ = 0, child_ = 0, allocation_ = 0;
  int64_t epoch_before_ = 0;
};

TEST_F(SqliteSchemaV2RollbackTest, ARolledBackTransactionLeavesNoneOfTheNewRows) {
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Read());
    ASSERT_OK_AND_ASSIGN(epoch_before_, uow->access().AccessEpoch());
  }
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK(WriteEverything(*uow));
    ASSERT_OK_AND_ASSIGN(int64_t rows, RowsInNewTables(conn()));
    EXPECT_GT(rows, 0);  // they were there inside the transaction
    // Appending through the audit log adds its entry and index row to the same transaction.
    FakeClock clock(1);
    crypto::SigningKey key = crypto::SigningKey::Generate();
    audit::AuditLog log(key, clock);
    ASSERT_OK_AND_ASSIGN(auto appender, log.Begin(uow->audit()));
    ASSERT_OK(appender.Append({0, staff_, "record.read", child_, 0, 0, "ok", ""}));
  }  // destroyed without Commit
  ExpectNothingWritten();
  ASSERT_OK_AND_ASSIGN(int64_t entries, Count("SELECT COUNT(*) FROM audit_entries"));
  EXPECT_EQ(entries, 0);
}

// Every new write goes through the fault-injection point: failing the n-th write, for every n,
// leaves nothing behind; the call succeeds once n passes the last write and the commit.
TEST_F(SqliteSchemaV2RollbackTest, FailingAnyWriteLeavesNothingBehind) {
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Read());
    ASSERT_OK_AND_ASSIGN(epoch_before_, uow->access().AccessEpoch());
  }
  for (int n = 1;; ++n) {
    conn().FailNthWriteForTest(n);
    Status s;
    {
      auto uow = Write();
      ASSERT_OK(uow);
      s = WriteEverything(**uow);
      if (s.ok()) s = (*uow)->Commit();
    }
    conn().FailNthWriteForTest(0);
    if (s.ok()) {
      EXPECT_EQ(n, kWrites + 2) << "every write and the commit are fault points";
      break;
    }
    ASSERT_EQ(s.code(), StatusCode::kIOError) << "n=" << n << ": " << s.ToString();
    ExpectNothingWritten();
    ASSERT_LE(n, kWrites + 1);
  }
  ASSERT_OK_AND_ASSIGN(int64_t rows, RowsInNewTables(conn()));
  EXPECT_GT(rows, 0);
}

}  // namespace
}  // namespace confide::store::sqlite
