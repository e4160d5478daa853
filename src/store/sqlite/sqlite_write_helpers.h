// Helpers the SQLite repositories share: writes go through the fault-injection point, updates of
// one row check that exactly one row changed, nullable columns map to std::optional.
// Internal to src/store/sqlite/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/sqlite_db.h"

namespace confide::store::sqlite {

// Runs an INSERT and returns the new row id.
inline Result<int64_t> InsertReturningId(Connection& c, Stmt& stmt) {
  CONFIDE_RETURN_IF_ERROR(c.MaybeInjectFault());
  CONFIDE_RETURN_IF_ERROR(stmt.Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(c.raw()));
}

inline Status RunWrite(Connection& c, Stmt& stmt) {
  CONFIDE_RETURN_IF_ERROR(c.MaybeInjectFault());
  return stmt.Run();
}

// Fails unless the last statement changed exactly one row (an update of a missing row is a bug or
// a concurrent change, never silently ignored). Rows changed by triggers do not count.
inline Status ExpectOneChange(Connection& c, std::string_view what) {
  if (sqlite3_changes(c.raw()) != 1) return Status::NotFound(std::string(what) + " not found");
  return Status::Ok();
}

// After an UPDATE ... WHERE id = ? AND <still open> that may have matched nothing: Ok if it changed
// the row, kConflict if the row exists (so it was already closed), kNotFound if it does not.
// `exists_sql` selects one row by id (a literal, for the statement cache).
inline Status ExpectOneChangeOrConflict(Connection& c, const char* exists_sql, int64_t id, std::string_view what,
                                        std::string_view conflict) {
  if (sqlite3_changes(c.raw()) == 1) return Status::Ok();
  CONFIDE_ASSIGN_OR_RETURN(auto s, c.Prepare(exists_sql));
  s->Bind(1, id);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::NotFound(std::string(what) + " not found");
  return Status::Conflict(std::string(what) + " " + std::string(conflict));
}

inline std::optional<int64_t> OptionalInt(const Stmt& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return s.Int(col);
}

// Binds an empty byte string as NULL (a nullable BLOB column: "not set"), anything else as a blob.
inline Stmt& BindBlobOrNull(Stmt& s, int index, ByteView v) {
  if (v.empty()) return s.Bind(index, std::optional<int64_t>());
  return s.Bind(index, v);
}

// Every row the statement yields (bound already), read by `read`.
template <typename Row>
Result<std::vector<Row>> Collect(Stmt& s, Row (*read)(const Stmt&)) {
  std::vector<Row> out;
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(read(s));
  }
  return out;
}

template <typename Row>
Result<std::optional<Row>> One(Stmt& s, Row (*read)(const Stmt&)) {
  CONFIDE_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<Row>();
  return std::optional<Row>(read(s));
}

}  // namespace confide::store::sqlite
