// SqliteStore: the embedded store, one database file in WAL mode with durable commits.
//
// One connection, used by one unit of work at a time (Begin() blocks while another unit of work on
// the same SqliteStore is open). Other processes may open the same file: SQLite's locks serialise
// writers (BEGIN IMMEDIATE, with a busy timeout) and WAL lets readers proceed.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/sqlite/sqlite_db.h"
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

  // TEST ONLY: direct access for fault injection and tampering.
  Connection& ConnectionForTest() { return *conn_; }

 private:
  explicit SqliteStore(std::unique_ptr<Connection> conn) : conn_(std::move(conn)) {}

  std::mutex mu_;
  std::unique_ptr<Connection> conn_;  // GUARDED_BY(mu_) while a unit of work is open
};

}  // namespace confide::store::sqlite
