// Thin RAII wrappers over the SQLite C API: a connection and prepared statements.
// Errors become Status values with SQLite's message (which never contains bound values, so no
// personal data). Not thread-safe: one connection per thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/bytes.h"
#include "confide/result.h"

namespace confide::store::sqlite {

struct ConnectionCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

// A prepared statement, reset and cleared when the Stmt handle goes out of scope so it can be
// reused from the cache.
class Stmt {
 public:
  Stmt(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  Stmt& Bind(int index, int64_t v) { sqlite3_bind_int64(stmt_, index, v); return *this; }
  Stmt& Bind(int index, std::string_view v) {
    sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int index, ByteView v) {
    // A zero-length blob must still be a blob, not NULL.
    static const uint8_t kEmpty = 0;
    sqlite3_bind_blob(stmt_, index, v.empty() ? &kEmpty : v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int index, const std::optional<int64_t>& v) {
    if (v) sqlite3_bind_int64(stmt_, index, *v); else sqlite3_bind_null(stmt_, index);
    return *this;
  }

  // Steps once: true if a row is available, false when done.
  Result<bool> Step();
  // Runs to completion, expecting no rows.
  Status Run();

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, col)) : std::string();
  }
  ByteView BlobView(int col) const {
    const void* p = sqlite3_column_blob(stmt_, col);
    return {static_cast<const uint8_t*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
  }
  Bytes Blob(int col) const {
    ByteView v = BlobView(col);
    return Bytes(v.begin(), v.end());
  }

 private:
  sqlite3_stmt* stmt_;
  sqlite3* db_;
};

class Connection {
 public:
  // Opens (creating if asked) the database at `path` with Confide's settings: WAL, synchronous=FULL,
  // foreign keys on, secure_delete on, a busy timeout.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool create);

  Status Exec(const char* sql);
  // Runs one statement that returns no rows through the statement cache: for the BEGIN, COMMIT
  // and ROLLBACK every transaction runs, which sqlite3_exec would compile each time.
  Status Run(const char* sql);
  // A cached prepared statement for `sql` (which must be a string literal or otherwise outlive the
  // connection: the cache is keyed by its address).
  Result<std::unique_ptr<Stmt>> Prepare(const char* sql);

  sqlite3* raw() const { return db_.get(); }
  Status LastError(std::string_view context) const;

  // TEST ONLY: the n-th write statement from now (n >= 1) fails with an I/O error; 0 disables.
  void FailNthWriteForTest(int n) { fail_countdown_ = n; }
  // Counts down the fault-injection counter; returns kIOError when it reaches zero.
  Status MaybeInjectFault();

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  std::unique_ptr<sqlite3, ConnectionCloser> db_;
  std::unordered_map<const char*, std::unique_ptr<sqlite3_stmt, StatementFinalizer>> cache_;
  int fail_countdown_ = 0;
};

}  // namespace confide::store::sqlite
