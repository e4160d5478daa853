// SQLite repository for subject access requests (schema v7).
#include "store/sqlite/sqlite_repositories.h"
#include "store/sqlite/sqlite_write_helpers.h"

namespace confide::store::sqlite {
namespace {

#define REQUEST_COLUMNS "id, person_id, received_on, recorded_by, recorded_at, sealed"
#define EVENT_COLUMNS "id, request_id, kind, on_date, recorded_by, recorded_at, sealed"
#define RELEASE_COLUMNS "request_id, bundle_id, sha256, released_by, released_at, sealed"

SubjectAccessRequestRow ReadRequest(const Stmt& s) {
  return SubjectAccessRequestRow{s.Int(0), s.Int(1), s.Text(2), s.Int(3), s.Int(4), s.Blob(5)};
}
SubjectAccessEventRow ReadEvent(const Stmt& s) {
  return SubjectAccessEventRow{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Int(4), s.Int(5), s.Blob(6)};
}
SubjectAccessReleaseRow ReadRelease(const Stmt& s) {
  return SubjectAccessReleaseRow{s.Int(0), s.Text(1), s.Text(2), s.Int(3), s.Int(4), s.Blob(5)};
}

}  // namespace

Result<int64_t> SqliteSubjectAccessRepository::InsertRequest(const SubjectAccessRequestRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO subject_access_requests(person_id, received_on, recorded_by, recorded_at, sealed) VALUES (?, ?, ?, ?, ?)"));
  s->Bind(1, r.person_id).Bind(2, std::string_view(r.received_on)).Bind(3, r.recorded_by).Bind(4, r.recorded_at);
  s->Bind(5, ByteView(r.sealed));
  return InsertReturningId(c_, *s);
}

Result<std::optional<SubjectAccessRequestRow>> SqliteSubjectAccessRepository::GetRequest(int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " REQUEST_COLUMNS " FROM subject_access_requests WHERE id = ?"));
  s->Bind(1, id);
  return One(*s, ReadRequest);
}

Result<std::vector<SubjectAccessRequestRow>> SqliteSubjectAccessRepository::ListRequests() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " REQUEST_COLUMNS " FROM subject_access_requests ORDER BY id"));
  return Collect(*s, ReadRequest);
}

Result<int64_t> SqliteSubjectAccessRepository::InsertEvent(const SubjectAccessEventRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO subject_access_events(request_id, kind, on_date, recorded_by, recorded_at, sealed) VALUES (?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.request_id).Bind(2, std::string_view(r.kind)).Bind(3, std::string_view(r.on_date)).Bind(4, r.recorded_by);
  s->Bind(5, r.recorded_at).Bind(6, ByteView(r.sealed));
  return InsertReturningId(c_, *s);
}

Result<std::vector<SubjectAccessEventRow>> SqliteSubjectAccessRepository::ListEvents(int64_t request_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT " EVENT_COLUMNS " FROM subject_access_events WHERE request_id = ? ORDER BY id"));
  s->Bind(1, request_id);
  return Collect(*s, ReadEvent);
}

Status SqliteSubjectAccessRepository::InsertRelease(const SubjectAccessReleaseRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto exists, c_.Prepare("SELECT 1 FROM subject_access_releases WHERE request_id = ?"));
  exists->Bind(1, r.request_id);
  CONFIDE_ASSIGN_OR_RETURN(bool found, exists->Step());
  if (found) return Status::Conflict("subject access request " + std::to_string(r.request_id) + " has already been released");
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO subject_access_releases(request_id, bundle_id, sha256, released_by, released_at, sealed) "
      "VALUES (?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.request_id).Bind(2, std::string_view(r.bundle_id)).Bind(3, std::string_view(r.sha256));
  s->Bind(4, r.released_by).Bind(5, r.released_at).Bind(6, ByteView(r.sealed));
  return RunWrite(c_, *s);
}

Result<std::optional<SubjectAccessReleaseRow>> SqliteSubjectAccessRepository::GetRelease(int64_t request_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " RELEASE_COLUMNS " FROM subject_access_releases WHERE request_id = ?"));
  s->Bind(1, request_id);
  return One(*s, ReadRelease);
}

Result<std::vector<std::pair<int64_t, int64_t>>> SqliteSubjectAccessRepository::ListOpen() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT r.id, r.person_id FROM subject_access_requests r WHERE NOT EXISTS (SELECT 1 FROM subject_access_events e "
      "WHERE e.request_id = r.id AND e.kind IN ('released', 'closed')) ORDER BY r.id"));
  std::vector<std::pair<int64_t, int64_t>> out;
  while (true) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.emplace_back(s->Int(0), s->Int(1));
  }
  return out;
}

}  // namespace confide::store::sqlite
