// SqliteStore: the embedded store, one database file in WAL mode with durable commits.
//
// One writing connection, used by one write unit of work at a time (Begin(kWrite) blocks while
// another is open), and a pool of read-only connections for read units of work, which run side by
// side with each other and with the writer: WAL gives each a snapshot as of its first read, and a
// writer's fsync does not hold them up. Other processes may open the same file: SQLite's locks
// serialise writers (BEGIN IMMEDIATE, with a busy timeout) and WAL lets readers proceed.
// Checkpoints run on a WalCheckpointer's thread, never inside a commit.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/wal_checkpointer.h"
#include "store/store.h"

namespace confide::store::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens the database at `path`, creating it if `create`, and applies pending migrations.
  // kNotFound if it does not exist and !create.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, bool create);

  Result<std::unique_ptr<UnitOfWork>> Begin(TransactionMode mode) override;
  Result<int> SchemaVersion() override;
  Status PurgeFreedData() override { return CheckpointAndTruncateWal(); }

  // Moves every committed page from the WAL into the database and truncates the WAL, so that bytes
  // overwritten by a shredding are gone from the WAL file too.
  Status CheckpointAndTruncateWal();

  // What the background checkpointer has done (for tests and metrics).
  WalCheckpointer::Stats CheckpointStats() const { return checkpointer_->stats(); }

  // TEST ONLY: direct access for fault injection and tampering (the writing connection).
  Connection& ConnectionForTest() { return *conn_; }

  // At most this many read units of work are open at once; more wait for one to end.
  static constexpr size_t kMaxReaders = 16;

 private:
  SqliteStore(std::string path, std::unique_ptr<WalCheckpointer> checkpointer, std::unique_ptr<Connection> conn)
      : path_(std::move(path)), checkpointer_(std::move(checkpointer)), conn_(std::move(conn)) {}

  // A read-only connection from the pool (opened on first need), and its return.
  Result<std::unique_ptr<Connection>> AcquireReader();
  void ReleaseReader(std::unique_ptr<Connection> reader);

  const std::string path_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // before conn_: outlives the writer that reports to it
  std::mutex mu_;
  std::unique_ptr<Connection> conn_;  // GUARDED_BY(mu_) while a write unit of work is open

  std::mutex readers_mu_;
  std::condition_variable reader_returned_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;  // GUARDED_BY(readers_mu_)
  size_t open_readers_ = 0;                                // GUARDED_BY(readers_mu_)
};

}  // namespace confide::store::sqlite
