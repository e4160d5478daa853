#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "audit/verifier.h"
#include "store/sqlite/migrations.h"
#include "testing/test_util.h"

namespace confide::store::sqlite {
namespace {

using confide::testing::TempDir;

Result<int64_t> QueryInt(Connection& c, const char* sql) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c.Prepare(sql));
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::NotFound("no row");
  return s->Int(0);
}

Result<std::string> QueryText(Connection& c, const char* sql) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c.Prepare(sql));
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::NotFound("no row");
  return s->Text(0);
}

TEST(SqliteStoreTest, MissingDatabaseIsNotFoundUnlessCreating) {
  TempDir dir;
  auto missing = SqliteStore::Open(dir.Str("none.db"), false);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  ASSERT_OK(SqliteStore::Open(dir.Str("new.db"), true));
}

TEST(SqliteStoreTest, MigrationsApplyOnceAndRecordTheirVersion) {
  TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(auto store, SqliteStore::Open(dir.Str("c.db"), true));
    ASSERT_OK_AND_ASSIGN(int v, store->SchemaVersion());
    EXPECT_EQ(v, AllMigrations().back().version);
  }
  ASSERT_OK_AND_ASSIGN(auto store, SqliteStore::Open(dir.Str("c.db"), false));
  ASSERT_OK_AND_ASSIGN(int64_t rows, QueryInt(store->ConnectionForTest(), "SELECT COUNT(*) FROM schema_migrations"));
  EXPECT_EQ(rows, static_cast<int64_t>(AllMigrations().size()));
}

TEST(SqliteStoreTest, DatabaseFromANewerConfideIsRefused) {
  TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(auto store, SqliteStore::Open(dir.Str("c.db"), true));
    ASSERT_OK(store->ConnectionForTest().Exec("INSERT INTO schema_migrations VALUES (999, 'future', 0)"));
  }
  auto reopened = SqliteStore::Open(dir.Str("c.db"), false);
  EXPECT_EQ(reopened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(reopened.status().message().find("upgrade Confide"), std::string::npos);
}

TEST(SqliteStoreTest, AFailingMigrationLeavesTheDatabaseAtItsPreviousVersion) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto conn, Connection::Open(dir.Str("m.db"), true));
  const Migration good{1, "one", "CREATE TABLE a (x INTEGER);"};
  const Migration bad{2, "two", "CREATE TABLE b (y INTEGER); THIS IS NOT SQL;"};
  const Migration both[] = {good, bad};
  EXPECT_FALSE(Migrate(*conn, both).ok());
  ASSERT_OK_AND_ASSIGN(int v, CurrentSchemaVersion(*conn));
  EXPECT_EQ(v, 1);
  // Table b from the failed migration must not exist: the migration rolled back as a whole.
  auto b = QueryInt(*conn, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'");
  ASSERT_OK(b);
  EXPECT_EQ(*b, 0);
}

TEST(SqliteStoreTest, DurabilitySettingsAreWalWithFullSyncAndForeignKeys) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, SqliteStore::Open(dir.Str("c.db"), true));
  Connection& c = store->ConnectionForTest();
  ASSERT_OK_AND_ASSIGN(std::string mode, QueryText(c, "PRAGMA journal_mode"));
  EXPECT_EQ(mode, "wal");
  ASSERT_OK_AND_ASSIGN(int64_t sync, QueryInt(c, "PRAGMA synchronous"));
  EXPECT_EQ(sync, 2);  // FULL
  ASSERT_OK_AND_ASSIGN(int64_t fk, QueryInt(c, "PRAGMA foreign_keys"));
  EXPECT_EQ(fk, 1);
  ASSERT_OK_AND_ASSIGN(int64_t secure_delete, QueryInt(c, "PRAGMA secure_delete"));
  EXPECT_EQ(secure_delete, 1);
}

TEST(SqliteStoreTest, VersionsAndAuditEntriesAreAppendOnly) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, SqliteStore::Open(dir.Str("c.db"), true));
  Connection& c = store->ConnectionForTest();
  ASSERT_OK(c.Exec("INSERT INTO subjects(kind, created_at) VALUES ('person', 1)"));
  ASSERT_OK(c.Exec("INSERT INTO persons(subject_id, kind, current_version, created_at, updated_at) VALUES (1, 'child', 1, 1, 1)"));
  ASSERT_OK(c.Exec("INSERT INTO records(person_id, kind, current_version, tier, occurred_at, created_at) VALUES (1, 'case_note', 1, 'general', 1, 1)"));
  ASSERT_OK(c.Exec("INSERT INTO record_versions VALUES (1, 1, 'general', 1, 1, 1, 'staff_observation', x'00', x'00')"));
  ASSERT_OK(c.Exec("INSERT INTO audit_entries VALUES (0, x'01', x'02')"));
  EXPECT_FALSE(c.Exec("UPDATE record_versions SET tier = 'restricted'").ok());
  EXPECT_FALSE(c.Exec("DELETE FROM record_versions").ok());
  EXPECT_FALSE(c.Exec("UPDATE audit_entries SET entry = x'00'").ok());
  EXPECT_FALSE(c.Exec("DELETE FROM audit_entries").ok());
}

TEST(SqliteStoreTest, UncommittedUnitOfWorkRollsBack) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, SqliteStore::Open(dir.Str("c.db"), true));
  {
    ASSERT_OK_AND_ASSIGN(auto uow, store->Begin(TransactionMode::kWrite));
    ASSERT_OK(uow->keys().CreateSubject("person", 1));
  }  // destroyed without Commit
  ASSERT_OK_AND_ASSIGN(int64_t n, QueryInt(store->ConnectionForTest(), "SELECT COUNT(*) FROM subjects"));
  EXPECT_EQ(n, 0);
  {
    ASSERT_OK_AND_ASSIGN(auto uow, store->Begin(TransactionMode::kWrite));
    ASSERT_OK(uow->keys().CreateSubject("person", 1));
    ASSERT_OK(uow->Commit());
  }
  ASSERT_OK_AND_ASSIGN(n, QueryInt(store->ConnectionForTest(), "SELECT COUNT(*) FROM subjects"));
  EXPECT_EQ(n, 1);
}

TEST(SqliteStoreTest, InjectedWriteFaultFailsTheStatementAndCommitRollsNothingIn) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, SqliteStore::Open(dir.Str("c.db"), true));
  store->ConnectionForTest().FailNthWriteForTest(2);
  {
    ASSERT_OK_AND_ASSIGN(auto uow, store->Begin(TransactionMode::kWrite));
    ASSERT_OK(uow->keys().CreateSubject("person", 1));
    auto second = uow->keys().CreateSubject("person", 1);
    EXPECT_EQ(second.status().code(), StatusCode::kIOError);
  }
  ASSERT_OK_AND_ASSIGN(int64_t n, QueryInt(store->ConnectionForTest(), "SELECT COUNT(*) FROM subjects"));
  EXPECT_EQ(n, 0);
}

TEST(SqliteStoreTest, ShreddedKeyIsGoneAndSubjectMarked) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, SqliteStore::Open(dir.Str("c.db"), true));
  ASSERT_OK_AND_ASSIGN(auto uow, store->Begin(TransactionMode::kWrite));
  ASSERT_OK_AND_ASSIGN(int64_t id, uow->keys().CreateSubject("person", 1));
  ASSERT_OK(uow->keys().InsertSubjectKey({id, "kek", Bytes(72, 0xAB)}));
  ASSERT_OK(uow->keys().DestroySubjectKey(id, 5));
  ASSERT_OK_AND_ASSIGN(auto key, uow->keys().GetSubjectKey(id));
  EXPECT_FALSE(key.has_value());
  ASSERT_OK_AND_ASSIGN(auto subject, uow->keys().GetSubject(id));
  ASSERT_TRUE(subject.has_value());
  EXPECT_EQ(subject->shredded_at, 5);
  EXPECT_EQ(uow->keys().DestroySubjectKey(id, 6).code(), StatusCode::kNotFound);
}

// ---- the audit log over the SQLite store ----

class AuditOverSqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteStore::Open(dir_.Str("a.db"), true);
    ASSERT_OK(store);
    store_ = std::move(store).value();
  }

  // Appends `n` events in transactions of `per_tx`.
  void Append(audit::AuditLog& log, int n, int per_tx) {
    for (int done = 0; done < n;) {
      auto uow = store_->Begin(TransactionMode::kWrite);
      ASSERT_OK(uow);
      auto appender = log.Begin((*uow)->audit());
      ASSERT_OK(appender);
      for (int i = 0; i < per_tx && done < n; ++i, ++done) {
        ASSERT_OK(appender->Append({0, 7, "record.read", 1, done + 1, 1, "ok", ""}));
      }
      ASSERT_OK(appender->SignHead());
      ASSERT_OK((*uow)->Commit());
      log.Committed(*appender);
      clock_.Advance(1000 * 1000);
    }
  }

  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
  FakeClock clock_{1'790'000'000'000'000};
  crypto::SigningKey key_ = crypto::SigningKey::Generate();
};

TEST_F(AuditOverSqliteTest, AppendedLogVerifiesAndProofsCheckAgainstTheSignedHead) {
  audit::AuditLog log(key_, clock_);
  Append(log, 700, 37);  // crosses two stored-node boundaries (256, 512)
  ASSERT_OK_AND_ASSIGN(auto uow, store_->Begin(TransactionMode::kRead));
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, audit::VerifyAuditLog(uow->audit(), key_.public_key()));
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
  EXPECT_EQ(report.entries, 700u);
  EXPECT_EQ(report.nodes, 2u + 1u);  // level-8 nodes 0 and 1, level-9 node 0
  ASSERT_OK_AND_ASSIGN(auto head, uow->audit().LatestTreeHead());
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->tree_size, 700u);
  for (uint64_t seq : {0ull, 255ull, 256ull, 511ull, 699ull}) {
    ASSERT_OK_AND_ASSIGN(auto proof, audit::StoredInclusionProof(uow->audit(), seq, 700));
    ASSERT_OK_AND_ASSIGN(Bytes entry, uow->audit().GetEntry(seq));
    std::vector<Bytes> p;
    for (const auto& h : proof) p.emplace_back(h.begin(), h.end());
    EXPECT_OK(audit::VerifyInclusion(seq, 700, audit::HashLeaf(entry), p, head->root));
  }
  ASSERT_OK_AND_ASSIGN(auto checkpoint, uow->audit().CheckpointAtSize(37));
  ASSERT_TRUE(checkpoint.has_value());
  ASSERT_OK_AND_ASSIGN(auto consistency, audit::StoredConsistencyProof(uow->audit(), 37, 700));
  std::vector<Bytes> p;
  for (const auto& h : consistency) p.emplace_back(h.begin(), h.end());
  EXPECT_OK(audit::VerifyConsistency(37, 700, checkpoint->root, head->root, p));
}

TEST_F(AuditOverSqliteTest, CheckpointsFollowThePolicyWhileTheLatestHeadCoversEverything) {
  audit::AuditLog log(key_, clock_, audit::CheckpointPolicy{5'000'000, 1'000'000});
  Append(log, 20, 1);  // one entry per transaction, one second apart
  ASSERT_OK_AND_ASSIGN(auto uow, store_->Begin(TransactionMode::kRead));
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, audit::VerifyAuditLog(uow->audit(), key_.public_key()));
  EXPECT_TRUE(report.ok());
  // The first commit checkpoints; then one every 5 s of the fake clock: sizes 1, 6, 11, 16.
  EXPECT_EQ(report.checkpoints, 4u);
  ASSERT_TRUE(report.latest_head.has_value());
  EXPECT_EQ(report.latest_head->tree_size, 20u);
}

TEST_F(AuditOverSqliteTest, ASecondWriterInvalidatesTheCachedEdge) {
  audit::AuditLog first(key_, clock_);
  audit::AuditLog second(key_, clock_);  // another process, in effect
  Append(first, 10, 10);
  Append(second, 5, 5);  // second loads the edge from the store
  Append(first, 3, 3);   // first's cache is stale: it must reload, not fork the tree
  ASSERT_OK_AND_ASSIGN(auto uow, store_->Begin(TransactionMode::kRead));
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, audit::VerifyAuditLog(uow->audit(), key_.public_key()));
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
  EXPECT_EQ(report.entries, 18u);
}

TEST_F(AuditOverSqliteTest, HeadsSignedByAnotherKeyAreRejected) {
  audit::AuditLog log(key_, clock_);
  Append(log, 5, 5);
  crypto::SigningKey other = crypto::SigningKey::Generate();
  ASSERT_OK_AND_ASSIGN(auto uow, store_->Begin(TransactionMode::kRead));
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, audit::VerifyAuditLog(uow->audit(), other.public_key()));
  EXPECT_FALSE(report.ok());
}

}  // namespace
}  // namespace confide::store::sqlite
