// SQLite repository for Freedom of Information requests (schema v8).
#include "store/sqlite/sqlite_repositories.h"
#include "store/sqlite/sqlite_write_helpers.h"

namespace confide::store::sqlite {
namespace {

#define REQUEST_COLUMNS "id, subject_id, received_on, recorded_by, recorded_at, sealed"
#define EVENT_COLUMNS "id, request_id, kind, on_date, recorded_by, recorded_at, sealed"

FoiRequestRow ReadRequest(const Stmt& s) { return FoiRequestRow{s.Int(0), s.Int(1), s.Text(2), s.Int(3), s.Int(4), s.Blob(5)}; }
FoiEventRow ReadEvent(const Stmt& s) {
  return FoiEventRow{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Int(4), s.Int(5), s.Blob(6)};
}

}  // namespace

Result<int64_t> SqliteFoiRepository::InsertRequest(const FoiRequestRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO foi_requests(subject_id, received_on, recorded_by, recorded_at, sealed) VALUES (?, ?, ?, ?, ?)"));
  s->Bind(1, r.subject_id).Bind(2, std::string_view(r.received_on)).Bind(3, r.recorded_by).Bind(4, r.recorded_at);
  s->Bind(5, ByteView(r.sealed));
  return InsertReturningId(c_, *s);
}

Result<std::optional<FoiRequestRow>> SqliteFoiRepository::GetRequest(int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " REQUEST_COLUMNS " FROM foi_requests WHERE id = ?"));
  s->Bind(1, id);
  return One(*s, ReadRequest);
}

Result<std::vector<FoiRequestRow>> SqliteFoiRepository::ListRequests() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " REQUEST_COLUMNS " FROM foi_requests ORDER BY id"));
  return Collect(*s, ReadRequest);
}

Result<int64_t> SqliteFoiRepository::InsertEvent(const FoiEventRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO foi_events(request_id, kind, on_date, recorded_by, recorded_at, sealed) VALUES (?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.request_id).Bind(2, std::string_view(r.kind)).Bind(3, std::string_view(r.on_date)).Bind(4, r.recorded_by);
  s->Bind(5, r.recorded_at).Bind(6, ByteView(r.sealed));
  return InsertReturningId(c_, *s);
}

Result<std::vector<FoiEventRow>> SqliteFoiRepository::ListEvents(int64_t request_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " EVENT_COLUMNS " FROM foi_events WHERE request_id = ? ORDER BY id"));
  s->Bind(1, request_id);
  return Collect(*s, ReadEvent);
}

Result<std::vector<FoiEventRow>> SqliteFoiRepository::ListAllEvents() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " EVENT_COLUMNS " FROM foi_events ORDER BY request_id, id"));
  return Collect(*s, ReadEvent);
}

}  // namespace confide::store::sqlite
