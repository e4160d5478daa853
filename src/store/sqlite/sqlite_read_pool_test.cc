// Read units of work: snapshots on a pool of read-only connections, beside the writer.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/sqlite/sqlite_test_fixture.h"

namespace confide::store::sqlite {
namespace {

using ReadPoolTest = SqliteStoreFixture;

TEST_F(ReadPoolTest, AReadRunsWhileAWriteIsOpenAndSeesOnlyWhatWasCommitted) {
  {
    ASSERT_OK_AND_ASSIGN(auto setup, Write());
    ASSERT_OK(AddStaff(*setup));
    ASSERT_OK(setup->Commit());
  }

  ASSERT_OK_AND_ASSIGN(auto writer, Write());
  ASSERT_OK(AddStaff(*writer));
  // The writer's lock is held: a read on the same store does not wait for it (before read units
  // of work had their own connections, this Begin would block for ever).
  {
    ASSERT_OK_AND_ASSIGN(auto reader, Read());
    ASSERT_OK_AND_ASSIGN(auto staff, reader->staff().List());
    EXPECT_EQ(staff.size(), 1u);
  }
  ASSERT_OK(writer->Commit());
  writer.reset();
  ASSERT_OK_AND_ASSIGN(auto reader, Read());
  ASSERT_OK_AND_ASSIGN(auto staff, reader->staff().List());
  EXPECT_EQ(staff.size(), 2u);
}

TEST_F(ReadPoolTest, AReadKeepsItsSnapshotWhileOthersCommit) {
  ASSERT_OK_AND_ASSIGN(auto reader, Read());
  ASSERT_OK_AND_ASSIGN(auto before, reader->staff().List());  // the snapshot starts here
  {
    ASSERT_OK_AND_ASSIGN(auto writer, Write());
    ASSERT_OK(AddStaff(*writer));
    ASSERT_OK(writer->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto after, reader->staff().List());
  EXPECT_EQ(after.size(), before.size());
}

TEST_F(ReadPoolTest, AReadCannotWrite) {
  ASSERT_OK_AND_ASSIGN(auto reader, Read());
  auto added = AddStaff(*reader);
  EXPECT_FALSE(added.ok());
  reader.reset();
  ASSERT_OK_AND_ASSIGN(int64_t n, Count("SELECT COUNT(*) FROM staff"));
  EXPECT_EQ(n, 0);
}

TEST_F(ReadPoolTest, ReadsBeyondThePoolWaitForOneToEnd) {
  std::vector<std::unique_ptr<UnitOfWork>> held;
  for (size_t i = 0; i < SqliteStore::kMaxReaders; ++i) {
    ASSERT_OK_AND_ASSIGN(auto r, Read());
    held.push_back(std::move(r));
  }
  std::atomic<bool> got{false};
  std::thread extra([&] {
    auto r = Read();
    EXPECT_OK(r);
    got = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(got.load());  // all connections are in use
  held.pop_back();           // one read ends: its connection serves the waiting one
  extra.join();
  EXPECT_TRUE(got.load());
}

TEST_F(ReadPoolTest, ManyThreadsReadWhileOneWrites) {
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0}, reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 8; ++t) {
    readers.emplace_back([&] {
      while (!stop) {
        auto r = Read();
        if (!r.ok() || !(*r)->staff().List().ok()) ++failures;
        ++reads;
      }
    });
  }
  for (int i = 0; i < 50; ++i) {
    ASSERT_OK_AND_ASSIGN(auto w, Write());
    ASSERT_OK(AddStaff(*w));
    ASSERT_OK(w->Commit());
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(reads.load(), 0);
  ASSERT_OK_AND_ASSIGN(int64_t n, Count("SELECT COUNT(*) FROM staff"));
  EXPECT_EQ(n, 50);
}

}  // namespace
}  // namespace confide::store::sqlite
