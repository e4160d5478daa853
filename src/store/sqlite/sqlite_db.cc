#include "store/sqlite/sqlite_db.h"

#include <mutex>

namespace confide::store::sqlite {
namespace {

Status FromCode(int rc, sqlite3* db, std::string_view context) {
  std::string msg(context);
  msg += ": ";
  msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: return Status::Conflict(msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Status::Corruption(msg);
    case SQLITE_CANTOPEN: return Status::NotFound(msg);
    default: return Status::IOError(msg);
  }
}

}  // namespace

Result<bool> Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return FromCode(rc, db_, "database statement failed");
}

Status Stmt::Run() {
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool create) {
  // Memory statistics take a process-wide mutex on every allocation, which connections used from
  // several threads then queue on. Confide does not read them. Must precede SQLite's
  // initialisation (the first open); later calls are refused by SQLite and change nothing.
  static std::once_flag configured;
  std::call_once(configured, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<Connection> conn(new Connection(raw));
  if (rc != SQLITE_OK) {
    if ((rc & 0xff) == SQLITE_CANTOPEN && !create) {
      return Status::NotFound("no Confide database at the data directory (run `confide init` first)");
    }
    return FromCode(rc, raw, "cannot open the database");
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 10000);
  // WAL for concurrent readers; synchronous=FULL so a commit survives power loss, not just a crash;
  // secure_delete so a shredded key's bytes do not linger in free pages.
  CONFIDE_RETURN_IF_ERROR(conn->Exec("PRAGMA journal_mode=WAL"));
  CONFIDE_RETURN_IF_ERROR(conn->Exec("PRAGMA synchronous=FULL"));
  CONFIDE_RETURN_IF_ERROR(conn->Exec("PRAGMA foreign_keys=ON"));
  CONFIDE_RETURN_IF_ERROR(conn->Exec("PRAGMA secure_delete=ON"));
  return conn;
}

Status Connection::Exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT) {
      return Status::Corruption("database file is not a valid Confide database: " + msg);
    }
    return (rc & 0xff) == SQLITE_CONSTRAINT ? Status::Conflict(msg) : Status::IOError("database: " + msg);
  }
  return Status::Ok();
}

Status Connection::Run(const char* sql) {
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<Stmt> stmt, Prepare(sql));
  return stmt->Run();
}

Result<std::unique_ptr<Stmt>> Connection::Prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return FromCode(rc, db_.get(), "cannot prepare statement");
    it = cache_.emplace(sql, std::unique_ptr<sqlite3_stmt, StatementFinalizer>(stmt)).first;
  }
  return std::make_unique<Stmt>(it->second.get(), db_.get());
}

Status Connection::LastError(std::string_view context) const {
  return FromCode(sqlite3_errcode(db_.get()), db_.get(), context);
}

Status Connection::MaybeInjectFault() {
  if (fail_countdown_ > 0 && --fail_countdown_ == 0) return Status::IOError("injected fault");
  return Status::Ok();
}

}  // namespace confide::store::sqlite
