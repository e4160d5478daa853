// Versioned schema migrations for the SQLite store. Each migration runs once, in its own
// transaction, and is recorded in schema_migrations. A database from a newer Confide is refused
// rather than guessed at. Migrations are append-only: never edit one that has shipped; add the next.
#pragma once

#include <span>

#include "confide/status.h"
#include "store/sqlite/sqlite_db.h"

namespace confide::store::sqlite {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

std::span<const Migration> AllMigrations();

// Applies every migration above the database's version. kFailedPrecondition if the database is at
// a version this build does not know.
Status Migrate(Connection& conn, std::span<const Migration> migrations = AllMigrations());

// The highest applied migration (0 for a fresh database).
Result<int> CurrentSchemaVersion(Connection& conn);

}  // namespace confide::store::sqlite
