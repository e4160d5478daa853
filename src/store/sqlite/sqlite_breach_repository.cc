// SQLite repository for the personal data breach register (schema v9).
#include "store/sqlite/sqlite_repositories.h"
#include "store/sqlite/sqlite_write_helpers.h"

namespace confide::store::sqlite {
namespace {

#define BREACH_COLUMNS "id, subject_id, kind, became_aware_at, source, recorded_by, recorded_at, sealed"
#define EVENT_COLUMNS "id, breach_id, kind, at, recorded_by, recorded_at, sealed"
#define DISMISSAL_COLUMNS "id, source, subject_id, dismissed_by, dismissed_at, sealed"

BreachRow ReadBreach(const Stmt& s) {
  return BreachRow{s.Int(0), s.Int(1), s.Text(2), s.Int(3), s.Text(4), s.Int(5), s.Int(6), s.Blob(7)};
}
BreachEventRow ReadEvent(const Stmt& s) {
  return BreachEventRow{s.Int(0), s.Int(1), s.Text(2), s.Int(3), s.Int(4), s.Int(5), s.Blob(6)};
}
BreachDismissalRow ReadDismissal(const Stmt& s) {
  return BreachDismissalRow{s.Int(0), s.Text(1), s.Int(2), s.Int(3), s.Int(4), s.Blob(5)};
}

}  // namespace

Result<int64_t> SqliteBreachRepository::InsertBreach(const BreachRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO breaches(subject_id, kind, became_aware_at, source, recorded_by, recorded_at, sealed) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.subject_id).Bind(2, std::string_view(r.kind)).Bind(3, r.became_aware_at).Bind(4, std::string_view(r.source));
  s->Bind(5, r.recorded_by).Bind(6, r.recorded_at).Bind(7, ByteView(r.sealed));
  return InsertReturningId(c_, *s);
}

Result<std::optional<BreachRow>> SqliteBreachRepository::GetBreach(int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " BREACH_COLUMNS " FROM breaches WHERE id = ?"));
  s->Bind(1, id);
  return One(*s, ReadBreach);
}

Result<std::vector<BreachRow>> SqliteBreachRepository::ListBreaches() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " BREACH_COLUMNS " FROM breaches ORDER BY id"));
  return Collect(*s, ReadBreach);
}

Result<int64_t> SqliteBreachRepository::InsertEvent(const BreachEventRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO breach_events(breach_id, kind, at, recorded_by, recorded_at, sealed) VALUES (?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.breach_id).Bind(2, std::string_view(r.kind)).Bind(3, r.at).Bind(4, r.recorded_by);
  s->Bind(5, r.recorded_at).Bind(6, ByteView(r.sealed));
  return InsertReturningId(c_, *s);
}

Result<std::vector<BreachEventRow>> SqliteBreachRepository::ListEvents(int64_t breach_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " EVENT_COLUMNS " FROM breach_events WHERE breach_id = ? ORDER BY id"));
  s->Bind(1, breach_id);
  return Collect(*s, ReadEvent);
}

Result<std::vector<BreachEventRow>> SqliteBreachRepository::ListAllEvents() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " EVENT_COLUMNS " FROM breach_events ORDER BY breach_id, id"));
  return Collect(*s, ReadEvent);
}

Result<int64_t> SqliteBreachRepository::InsertDismissal(const BreachDismissalRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO breach_dismissals(source, subject_id, dismissed_by, dismissed_at, sealed) VALUES (?, ?, ?, ?, ?)"));
  s->Bind(1, std::string_view(r.source)).Bind(2, r.subject_id).Bind(3, r.dismissed_by).Bind(4, r.dismissed_at);
  s->Bind(5, ByteView(r.sealed));
  return InsertReturningId(c_, *s);
}

Result<std::vector<BreachDismissalRow>> SqliteBreachRepository::ListDismissals() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " DISMISSAL_COLUMNS " FROM breach_dismissals ORDER BY id"));
  return Collect(*s, ReadDismissal);
}

}  // namespace confide::store::sqlite
