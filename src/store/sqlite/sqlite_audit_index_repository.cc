// SQLite repository for the audit log's lookup index (who, about whom, when). The index is derived
// from the entries; access reviews use it to find entries, then decode the entries themselves.
#include <limits>
#include <string>

#include "store/sqlite/sqlite_repositories.h"
#include "store/sqlite/sqlite_write_helpers.h"

namespace confide::store::sqlite {
namespace {

AuditIndexRow ReadIndexRow(const Stmt& s) {
  return AuditIndexRow{static_cast<uint64_t>(s.Int(0)), s.Int(1), s.Int(2), s.Int(3), s.Text(4), s.Text(5)};
}

// SQLite's LIMIT takes a signed 64-bit integer; anything above "everything" is everything.
int64_t SqlLimit(size_t limit) {
  return limit > static_cast<size_t>(std::numeric_limits<int64_t>::max()) ? std::numeric_limits<int64_t>::max()
                                                                           : static_cast<int64_t>(limit);
}

Result<std::vector<AuditIndexRow>> ReadIndexRows(Stmt& s) {
  std::vector<AuditIndexRow> out;
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadIndexRow(s));
  }
  return out;
}

}  // namespace

Status SqliteAuditIndexRepository::Insert(const AuditIndexRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO audit_index(seq, time, actor, person_id, action, outcome) VALUES (?, ?, ?, ?, ?, ?)"));
  s->Bind(1, static_cast<int64_t>(r.seq)).Bind(2, r.time).Bind(3, r.actor).Bind(4, r.person_id)
      .Bind(5, std::string_view(r.action)).Bind(6, std::string_view(r.outcome));
  return RunWrite(c_, *s);
}

Result<uint64_t> SqliteAuditIndexRepository::IndexedCount() {
  // seq is the rowid: MAX is an O(log n) lookup.
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT COALESCE(MAX(seq) + 1, 0) FROM audit_index"));
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? static_cast<uint64_t>(s->Int(0)) : 0;
}

Result<std::vector<AuditIndexRow>> SqliteAuditIndexRepository::ForPerson(int64_t person_id, UnixMicros from,
                                                                         UnixMicros to, size_t limit) {
  // `person_id != 0` lets the planner use the partial index audit_index_by_person (entries about
  // nobody are not in it); person 0 means "none", so there is never anything to find for it.
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT seq, time, actor, person_id, action, outcome FROM audit_index "
      "WHERE person_id = ? AND person_id != 0 AND time >= ? AND time < ? ORDER BY time DESC, seq DESC LIMIT ?"));
  s->Bind(1, person_id).Bind(2, from).Bind(3, to).Bind(4, SqlLimit(limit));
  return ReadIndexRows(*s);
}

Result<std::vector<AuditIndexRow>> SqliteAuditIndexRepository::ForActor(int64_t actor, UnixMicros from, UnixMicros to,
                                                                        size_t limit) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT seq, time, actor, person_id, action, outcome FROM audit_index "
      "WHERE actor = ? AND time >= ? AND time < ? ORDER BY time DESC, seq DESC LIMIT ?"));
  s->Bind(1, actor).Bind(2, from).Bind(3, to).Bind(4, SqlLimit(limit));
  return ReadIndexRows(*s);
}

Status SqliteAuditIndexRepository::ScanTimeRange(UnixMicros from, UnixMicros to,
                                                 const std::function<Status(const AuditIndexRow&)>& visit) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT seq, time, actor, person_id, action, outcome FROM audit_index WHERE time >= ? AND time < ? "
      "ORDER BY time, seq"));
  s->Bind(1, from).Bind(2, to);
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::Ok();
    CONFIDE_RETURN_IF_ERROR(visit(ReadIndexRow(*s)));
  }
}

}  // namespace confide::store::sqlite
