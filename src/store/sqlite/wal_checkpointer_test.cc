// WalCheckpointer on real database files: checkpoints happen on its thread once the WAL passes the
// threshold, and the store's commits leave them to it.
#include "store/sqlite/wal_checkpointer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "store/sqlite/sqlite_test_fixture.h"

namespace confide::store::sqlite {
namespace {

// Polls `done` for up to 10 s.
template <typename F>
bool Eventually(F done) {
  for (int i = 0; i < 1000 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return done();
}

// Frames in the WAL and how many of them are in the database file, as a PASSIVE checkpoint of
// nothing new reports them.
std::pair<int, int> WalState(Connection& c) {
  int log = -1, copied = -1;
  EXPECT_EQ(sqlite3_wal_checkpoint_v2(c.raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied), SQLITE_OK);
  return {log, copied};
}

class WalCheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = Connection::Open(dir_.Str("db"), /*create=*/true);
    ASSERT_OK(c);
    writer_ = std::move(c).value();
    sqlite3_wal_autocheckpoint(writer_->raw(), 0);  // as the store's writer: never checkpoints itself
    ASSERT_OK(writer_->Exec("CREATE TABLE filler(x BLOB)"));
  }
  // About 25 pages per call.
  void Fill(int times) {
    for (int i = 0; i < times; ++i) ASSERT_OK(writer_->Exec("INSERT INTO filler VALUES (zeroblob(100000))"));
  }
  confide::testing::TempDir dir_;
  std::unique_ptr<Connection> writer_;
};

TEST_F(WalCheckpointerTest, CheckpointsOnlyPastTheThreshold) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<WalCheckpointer> cp, WalCheckpointer::Start(dir_.Str("db"), 200));
  Fill(10);
  cp->NoteWalPages(199);  // below: nothing to do
  Fill(10);
  cp->NoteWalPages(200);
  ASSERT_TRUE(Eventually([&] { return cp->stats().checkpoints == 1; }));
  EXPECT_EQ(cp->stats().failures, 0u);
  EXPECT_GE(cp->stats().frames, 400u);
  // Everything the WAL held is in the database file now.
  auto [log, copied] = WalState(*writer_);
  EXPECT_EQ(log, copied);
  EXPECT_EQ(cp->stats().checkpoints, 1u);  // the below-threshold note asked for nothing
}

TEST_F(WalCheckpointerTest, RefusesANonsenseThreshold) {
  EXPECT_EQ(WalCheckpointer::Start(dir_.Str("db"), 0).status().code(), StatusCode::kInvalidArgument);
}

class StoreCheckpointTest : public SqliteStoreFixture {};

// The store's writer reports to the checkpointer; its commits do not checkpoint. Past 1,000 pages
// the checkpointer has copied the WAL into the database.
TEST_F(StoreCheckpointTest, CommitsLeaveCheckpointsToTheCheckpointer) {
  ASSERT_OK(conn().Exec("CREATE TABLE filler(x BLOB)"));
  EXPECT_EQ(store_->CheckpointStats().checkpoints, 0u);
  for (int i = 0; i < 50; ++i) {  // about 1,250 pages, a commit each
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK(conn().Exec("INSERT INTO filler VALUES (zeroblob(100000))"));
    ASSERT_OK(uow->Commit());
  }
  ASSERT_TRUE(Eventually([&] { return store_->CheckpointStats().checkpoints >= 1; }));
  EXPECT_GE(store_->CheckpointStats().frames, 1000u);
  ASSERT_OK_AND_ASSIGN(int64_t n, QueryInt(conn(), "SELECT COUNT(*) FROM filler"));
  EXPECT_EQ(n, 50);
}

}  // namespace
}  // namespace confide::store::sqlite
