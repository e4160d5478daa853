// SQLite repository for the need-to-know facts: training records, restrictions, break-glass
// grants, and the access epoch the triggers of schema v2 move on whenever any of those facts (or
// staff, allocations, relationships) change.
#include <string>

#include "store/sqlite/sqlite_repositories.h"
#include "store/sqlite/sqlite_write_helpers.h"

namespace confide::store::sqlite {
namespace {

TrainingRow ReadTraining(const Stmt& s) {
  return TrainingRow{s.Int(0), s.Int(1), s.Text(2), s.Int(3), OptionalInt(s, 4), s.Int(5), s.Int(6)};
}

PolicyAcknowledgementRow ReadAcknowledgement(const Stmt& s) {
  return PolicyAcknowledgementRow{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Int(4)};
}

RestrictionRow ReadRestriction(const Stmt& s) {
  return RestrictionRow{s.Int(0), s.Int(1), s.Int(2), s.Blob(3), s.Int(4), s.Int(5), OptionalInt(s, 6), s.Int(7)};
}

BreakGlassRow ReadBreakGlass(const Stmt& s) {
  return BreakGlassRow{s.Int(0), s.Int(1), s.Int(2), s.Blob(3), s.Int(4), s.Int(5), OptionalInt(s, 6)};
}

template <typename Row, typename Read>
Result<std::vector<Row>> ReadAll(Stmt& s, Read read) {
  std::vector<Row> out;
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(read(s));
  }
  return out;
}

template <typename Row, typename Read>
Status VisitAll(Stmt& s, Read read, const std::function<Status(const Row&)>& visit) {
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Status::Ok();
    CONFIDE_RETURN_IF_ERROR(visit(read(s)));
  }
}

}  // namespace

// ---- training ---------------------------------------------------------------------------------

Result<int64_t> SqliteAccessRepository::InsertTraining(const TrainingRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO training_records(staff_id, course, completed_at, expires_at, recorded_by, recorded_at) "
      "VALUES (?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.staff_id).Bind(2, std::string_view(r.course)).Bind(3, r.completed_at).Bind(4, r.expires_at)
      .Bind(5, r.recorded_by).Bind(6, r.recorded_at);
  return InsertReturningId(c_, *s);
}

Result<std::vector<TrainingRow>> SqliteAccessRepository::ListTraining(int64_t staff_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, staff_id, course, completed_at, expires_at, recorded_by, recorded_at FROM training_records "
      "WHERE staff_id = ? ORDER BY completed_at, id"));
  s->Bind(1, staff_id);
  return ReadAll<TrainingRow>(*s, ReadTraining);
}

Status SqliteAccessRepository::ScanTraining(const std::function<Status(const TrainingRow&)>& visit) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, staff_id, course, completed_at, expires_at, recorded_by, recorded_at FROM training_records ORDER BY id"));
  return VisitAll<TrainingRow>(*s, ReadTraining, visit);
}

// ---- acknowledgements of the confidentiality policy -------------------------------------------

Result<int64_t> SqliteAccessRepository::InsertAcknowledgement(const PolicyAcknowledgementRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO policy_acknowledgements(staff_id, policy_version, text_digest, acknowledged_at) VALUES (?, ?, ?, ?)"));
  s->Bind(1, r.staff_id).Bind(2, std::string_view(r.policy_version)).Bind(3, std::string_view(r.text_digest))
      .Bind(4, r.acknowledged_at);
  return InsertReturningId(c_, *s);
}

Result<std::vector<PolicyAcknowledgementRow>> SqliteAccessRepository::ListAcknowledgements(int64_t staff_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, staff_id, policy_version, text_digest, acknowledged_at FROM policy_acknowledgements "
      "WHERE staff_id = ? ORDER BY acknowledged_at, id"));
  s->Bind(1, staff_id);
  return ReadAll<PolicyAcknowledgementRow>(*s, ReadAcknowledgement);
}

Status SqliteAccessRepository::ScanAcknowledgements(const std::function<Status(const PolicyAcknowledgementRow&)>& visit) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, staff_id, policy_version, text_digest, acknowledged_at FROM policy_acknowledgements ORDER BY id"));
  return VisitAll<PolicyAcknowledgementRow>(*s, ReadAcknowledgement, visit);
}

// ---- restrictions -----------------------------------------------------------------------------

Result<int64_t> SqliteAccessRepository::InsertRestriction(const RestrictionRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO person_restrictions(person_id, staff_id, sealed_reason, created_by, created_at, removed_at, removed_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.person_id).Bind(2, r.staff_id).Bind(3, ByteView(r.sealed_reason)).Bind(4, r.created_by)
      .Bind(5, r.created_at).Bind(6, r.removed_at).Bind(7, r.removed_by);
  return InsertReturningId(c_, *s);
}

Status SqliteAccessRepository::UpdateRestrictionSealed(int64_t id, ByteView sealed) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("UPDATE person_restrictions SET sealed_reason = ? WHERE id = ?"));
  s->Bind(1, sealed).Bind(2, id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChange(c_, "restriction");
}

Status SqliteAccessRepository::RemoveRestriction(int64_t id, int64_t removed_by, UnixMicros at) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "UPDATE person_restrictions SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL"));
  s->Bind(1, at).Bind(2, removed_by).Bind(3, id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChangeOrConflict(c_, "SELECT 1 FROM person_restrictions WHERE id = ?", id, "restriction",
                                   "has already been removed");
}

Result<std::optional<RestrictionRow>> SqliteAccessRepository::GetRestriction(int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, person_id, staff_id, sealed_reason, created_by, created_at, removed_at, removed_by "
      "FROM person_restrictions WHERE id = ?"));
  s->Bind(1, id);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<RestrictionRow>();
  return std::optional<RestrictionRow>(ReadRestriction(*s));
}

Result<std::vector<RestrictionRow>> SqliteAccessRepository::ListRestrictionsOfPerson(int64_t person_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, person_id, staff_id, sealed_reason, created_by, created_at, removed_at, removed_by "
      "FROM person_restrictions WHERE person_id = ? ORDER BY id"));
  s->Bind(1, person_id);
  return ReadAll<RestrictionRow>(*s, ReadRestriction);
}

Status SqliteAccessRepository::ScanActiveRestrictions(const std::function<Status(const RestrictionRow&)>& visit) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, person_id, staff_id, sealed_reason, created_by, created_at, removed_at, removed_by "
      "FROM person_restrictions WHERE removed_at IS NULL ORDER BY id"));
  return VisitAll<RestrictionRow>(*s, ReadRestriction, visit);
}

// ---- break glass ------------------------------------------------------------------------------

Result<int64_t> SqliteAccessRepository::InsertBreakGlass(const BreakGlassRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO break_glass(staff_id, person_id, sealed_reason, started_at, expires_at, ended_at) VALUES (?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.staff_id).Bind(2, r.person_id).Bind(3, ByteView(r.sealed_reason)).Bind(4, r.started_at)
      .Bind(5, r.expires_at).Bind(6, r.ended_at);
  return InsertReturningId(c_, *s);
}

Status SqliteAccessRepository::UpdateBreakGlassSealed(int64_t id, ByteView sealed) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("UPDATE break_glass SET sealed_reason = ? WHERE id = ?"));
  s->Bind(1, sealed).Bind(2, id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChange(c_, "break-glass grant");
}

Status SqliteAccessRepository::EndBreakGlass(int64_t id, UnixMicros at) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("UPDATE break_glass SET ended_at = ? WHERE id = ? AND ended_at IS NULL"));
  s->Bind(1, at).Bind(2, id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChangeOrConflict(c_, "SELECT 1 FROM break_glass WHERE id = ?", id, "break-glass grant",
                                   "has already ended");
}

Result<std::optional<BreakGlassRow>> SqliteAccessRepository::GetBreakGlass(int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, staff_id, person_id, sealed_reason, started_at, expires_at, ended_at FROM break_glass WHERE id = ?"));
  s->Bind(1, id);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<BreakGlassRow>();
  return std::optional<BreakGlassRow>(ReadBreakGlass(*s));
}

Result<std::vector<BreakGlassRow>> SqliteAccessRepository::ListBreakGlassSince(UnixMicros since) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, staff_id, person_id, sealed_reason, started_at, expires_at, ended_at FROM break_glass "
      "WHERE started_at >= ? ORDER BY started_at DESC, id DESC"));
  s->Bind(1, since);
  return ReadAll<BreakGlassRow>(*s, ReadBreakGlass);
}

Status SqliteAccessRepository::ScanActiveBreakGlass(UnixMicros now, const std::function<Status(const BreakGlassRow&)>& visit) {
  // A grant is over at its expiry instant: active means expires_at is still ahead of `now`.
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, staff_id, person_id, sealed_reason, started_at, expires_at, ended_at FROM break_glass "
      "WHERE ended_at IS NULL AND expires_at > ? ORDER BY id"));
  s->Bind(1, now);
  return VisitAll<BreakGlassRow>(*s, ReadBreakGlass, visit);
}

// ---- access epoch -----------------------------------------------------------------------------

Result<int64_t> SqliteAccessRepository::AccessEpoch() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT epoch FROM access_epoch WHERE id = 1"));
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  // The migration inserts the one row and nothing deletes it: without it changes go unnoticed.
  if (!row) return Status::Corruption("the access epoch row is missing");
  return s->Int(0);
}

}  // namespace confide::store::sqlite
