#include "store/sqlite/migrations.h"

#include <array>
#include <string>

namespace confide::store::sqlite {
namespace {

// Version 1: the vault, key material and the audit log (docs/formats/database.md).
constexpr const char* kV1 = R"sql(
CREATE TABLE organisation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  signing_public_key BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE org_secrets (
  name TEXT PRIMARY KEY,
  kek_id TEXT NOT NULL,
  wrapped BLOB NOT NULL
);
CREATE TABLE subjects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('person', 'staff')),
  created_at INTEGER NOT NULL,
  shredded_at INTEGER
);
CREATE TABLE subject_keys (
  subject_id INTEGER PRIMARY KEY REFERENCES subjects(id),
  kek_id TEXT NOT NULL,
  wrapped_key BLOB NOT NULL
);
CREATE TABLE staff (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_id INTEGER NOT NULL UNIQUE REFERENCES subjects(id),
  role TEXT NOT NULL,
  team TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
CREATE TABLE persons (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_id INTEGER NOT NULL UNIQUE REFERENCES subjects(id),
  kind TEXT NOT NULL CHECK (kind IN ('child', 'adult')),
  current_version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE person_versions (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  recorded_at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL,
  sealed BLOB NOT NULL,
  signature BLOB NOT NULL,
  PRIMARY KEY (person_id, version)
) WITHOUT ROWID;
CREATE TABLE person_index (
  term BLOB NOT NULL,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  PRIMARY KEY (term, person_id)
) WITHOUT ROWID;
CREATE TABLE relationships (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  child_id INTEGER NOT NULL REFERENCES persons(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  created_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
CREATE INDEX relationships_by_child ON relationships(child_id);
CREATE INDEX person_index_by_person ON person_index(person_id);
CREATE TABLE allocations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  child_id INTEGER NOT NULL REFERENCES persons(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  role TEXT NOT NULL,
  team TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER,
  created_by INTEGER NOT NULL
);
CREATE INDEX allocations_by_child ON allocations(child_id);
CREATE INDEX allocations_by_staff ON allocations(staff_id);
CREATE TABLE records (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL,
  current_version INTEGER NOT NULL,
  tier TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX records_chronology ON records(person_id, occurred_at, id);
CREATE TABLE record_versions (
  record_id INTEGER NOT NULL REFERENCES records(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  tier TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  author_id INTEGER NOT NULL,
  source_kind TEXT NOT NULL,
  sealed BLOB NOT NULL,
  signature BLOB NOT NULL,
  PRIMARY KEY (record_id, version)
) WITHOUT ROWID;
CREATE TABLE audit_entries (
  seq INTEGER PRIMARY KEY,
  entry BLOB NOT NULL,
  leaf_hash BLOB NOT NULL
);
CREATE TABLE audit_nodes (
  level INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TABLE audit_checkpoints (
  tree_size INTEGER PRIMARY KEY,
  root BLOB NOT NULL,
  signed_at INTEGER NOT NULL,
  signature BLOB NOT NULL
);
CREATE TABLE audit_latest_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  tree_size INTEGER NOT NULL,
  root BLOB NOT NULL,
  signed_at INTEGER NOT NULL,
  signature BLOB NOT NULL
);

-- Append-only by construction: versions and the audit log can be added to, never changed.
-- (Defence in depth against bugs; deliberate tampering is caught by signatures and audit verify.)
CREATE TRIGGER person_versions_no_update BEFORE UPDATE ON person_versions
  BEGIN SELECT RAISE(ABORT, 'person versions are append-only'); END;
CREATE TRIGGER person_versions_no_delete BEFORE DELETE ON person_versions
  BEGIN SELECT RAISE(ABORT, 'person versions are append-only'); END;
CREATE TRIGGER record_versions_no_update BEFORE UPDATE ON record_versions
  BEGIN SELECT RAISE(ABORT, 'record versions are append-only'); END;
CREATE TRIGGER record_versions_no_delete BEFORE DELETE ON record_versions
  BEGIN SELECT RAISE(ABORT, 'record versions are append-only'); END;
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_nodes_no_update BEFORE UPDATE ON audit_nodes
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
  BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
  BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
)sql";

constexpr std::array<Migration, 1> kMigrations{{
    {1, "vault, keys and audit log", kV1},
}};

}  // namespace

std::span<const Migration> AllMigrations() { return kMigrations; }

Result<int> CurrentSchemaVersion(Connection& conn) {
  CONFIDE_RETURN_IF_ERROR(conn.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at INTEGER NOT NULL)"));
  CONFIDE_ASSIGN_OR_RETURN(auto stmt, conn.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  CONFIDE_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return Status::Internal("schema version query returned no row");
  return static_cast<int>(stmt->Int(0));
}

Status Migrate(Connection& conn, std::span<const Migration> migrations) {
  CONFIDE_ASSIGN_OR_RETURN(int current, CurrentSchemaVersion(conn));
  int latest = migrations.empty() ? 0 : migrations.back().version;
  if (current > latest) {
    return Status::FailedPrecondition("the database is at schema version " + std::to_string(current) +
                                      " but this Confide knows only up to " + std::to_string(latest) +
                                      ": upgrade Confide");
  }
  for (const Migration& m : migrations) {
    if (m.version <= current) continue;
    CONFIDE_RETURN_IF_ERROR(conn.Exec("BEGIN IMMEDIATE"));
    Status s = conn.Exec(m.sql);
    if (s.ok()) {
      auto stmt = conn.Prepare(
          "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, CAST(strftime('%s','now') AS INTEGER))");
      s = stmt.ok() ? stmt.value()->Bind(1, int64_t{m.version}).Bind(2, std::string_view(m.name)).Run() : stmt.status();
    }
    if (s.ok()) s = conn.Exec("COMMIT");
    if (!s.ok()) {
      (void)conn.Exec("ROLLBACK");
      return s.WithContext("migration " + std::to_string(m.version));
    }
  }
  return Status::Ok();
}

}  // namespace confide::store::sqlite
