// SQLite repository for retention and destruction (schema v6).
#include "store/sqlite/sqlite_repositories.h"
#include "store/sqlite/sqlite_write_helpers.h"

namespace confide::store::sqlite {
namespace {

#define ASSIGNMENT_COLUMNS "id, person_id, assigned_by, assigned_at, sealed"
#define HOLD_COLUMNS "id, person_id, class_id, reason, sealed, placed_by, placed_at, lifted_at, lifted_by"
#define REVIEW_COLUMNS "id, person_id, decision, reviewed_by, reviewed_at, sealed"
#define CERTIFICATE_COLUMNS "id, issued_by, issued_at, body, signature"

RetentionAssignmentRow ReadAssignment(const Stmt& s) {
  return RetentionAssignmentRow{s.Int(0), s.Int(1), s.Int(2), s.Int(3), s.Blob(4)};
}
LegalHoldRow ReadHold(const Stmt& s) {
  return LegalHoldRow{s.Int(0),           OptionalInt(s, 1), s.Text(2),         s.Text(3), s.IsNull(4) ? Bytes{} : s.Blob(4),
                      s.Int(5),           s.Int(6),          OptionalInt(s, 7), s.Int(8)};
}
RetentionReviewRow ReadReview(const Stmt& s) {
  return RetentionReviewRow{s.Int(0), s.Int(1), s.Text(2), s.Int(3), s.Int(4), s.Blob(5)};
}
DestructionCertificateRow ReadCertificate(const Stmt& s) {
  return DestructionCertificateRow{s.Text(0), s.Int(1), s.Int(2), s.Text(3), s.Blob(4)};
}

}  // namespace

Result<int64_t> SqliteRetentionRepository::InsertAssignment(const RetentionAssignmentRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO retention_assignments(person_id, assigned_by, assigned_at, sealed) VALUES (?, ?, ?, ?)"));
  s->Bind(1, r.person_id).Bind(2, r.assigned_by).Bind(3, r.assigned_at).Bind(4, ByteView(r.sealed));
  return InsertReturningId(c_, *s);
}

Result<std::vector<RetentionAssignmentRow>> SqliteRetentionRepository::ListAssignments() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " ASSIGNMENT_COLUMNS " FROM retention_assignments ORDER BY id"));
  return Collect(*s, ReadAssignment);
}

Result<std::vector<RetentionAssignmentRow>> SqliteRetentionRepository::ListAssignmentsOfPerson(int64_t person_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT " ASSIGNMENT_COLUMNS " FROM retention_assignments WHERE person_id = ? ORDER BY id"));
  s->Bind(1, person_id);
  return Collect(*s, ReadAssignment);
}

Result<int64_t> SqliteRetentionRepository::InsertHold(const LegalHoldRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO legal_holds(person_id, class_id, reason, sealed, placed_by, placed_at) VALUES (?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.person_id).Bind(2, std::string_view(r.class_id)).Bind(3, std::string_view(r.reason));
  BindBlobOrNull(*s, 4, r.sealed);
  s->Bind(5, r.placed_by).Bind(6, r.placed_at);
  return InsertReturningId(c_, *s);
}

Status SqliteRetentionRepository::LiftHold(int64_t id, UnixMicros at, int64_t by) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "UPDATE legal_holds SET lifted_at = ?, lifted_by = ? WHERE id = ? AND lifted_at IS NULL"));
  s->Bind(1, at).Bind(2, by).Bind(3, id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChangeOrConflict(c_, "SELECT 1 FROM legal_holds WHERE id = ?", id, "legal hold", "has already been lifted");
}

Result<std::optional<LegalHoldRow>> SqliteRetentionRepository::GetHold(int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " HOLD_COLUMNS " FROM legal_holds WHERE id = ?"));
  s->Bind(1, id);
  return One(*s, ReadHold);
}

Result<std::vector<LegalHoldRow>> SqliteRetentionRepository::ListHolds(bool include_lifted) {
  if (include_lifted) {
    CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " HOLD_COLUMNS " FROM legal_holds ORDER BY id"));
    return Collect(*s, ReadHold);
  }
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " HOLD_COLUMNS " FROM legal_holds WHERE lifted_at IS NULL ORDER BY id"));
  return Collect(*s, ReadHold);
}

Result<int64_t> SqliteRetentionRepository::InsertReview(const RetentionReviewRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO retention_reviews(person_id, decision, reviewed_by, reviewed_at, sealed) VALUES (?, ?, ?, ?, ?)"));
  s->Bind(1, r.person_id).Bind(2, std::string_view(r.decision)).Bind(3, r.reviewed_by).Bind(4, r.reviewed_at)
      .Bind(5, ByteView(r.sealed));
  return InsertReturningId(c_, *s);
}

Result<std::vector<RetentionReviewRow>> SqliteRetentionRepository::ListReviews() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " REVIEW_COLUMNS " FROM retention_reviews ORDER BY id"));
  return Collect(*s, ReadReview);
}

Result<std::vector<RetentionReviewRow>> SqliteRetentionRepository::ListReviewsOfPerson(int64_t person_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " REVIEW_COLUMNS " FROM retention_reviews WHERE person_id = ? ORDER BY id"));
  s->Bind(1, person_id);
  return Collect(*s, ReadReview);
}

Status SqliteRetentionRepository::InsertCertificate(const DestructionCertificateRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO destruction_certificates(id, issued_by, issued_at, body, signature) VALUES (?, ?, ?, ?, ?)"));
  s->Bind(1, std::string_view(r.id)).Bind(2, r.issued_by).Bind(3, r.issued_at).Bind(4, std::string_view(r.body))
      .Bind(5, ByteView(r.signature));
  Status st = RunWrite(c_, *s);
  if (!st.ok() && st.message().find("written once") != std::string::npos) {
    return Status::Conflict("destruction certificate " + r.id + " exists");
  }
  return st;
}

Result<std::optional<DestructionCertificateRow>> SqliteRetentionRepository::GetCertificate(std::string_view id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " CERTIFICATE_COLUMNS " FROM destruction_certificates WHERE id = ?"));
  s->Bind(1, id);
  return One(*s, ReadCertificate);
}

Result<std::vector<DestructionCertificateRow>> SqliteRetentionRepository::ListCertificates() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT " CERTIFICATE_COLUMNS " FROM destruction_certificates ORDER BY issued_at DESC, id DESC"));
  return Collect(*s, ReadCertificate);
}

Status SqliteRetentionRepository::ScanSubjects(const std::function<Status(const RetentionSubjectRow&)>& visit) {
  // One pass: the records' clear kind and dates are aggregated per person by the index on
  // (person_id, occurred_at, id), so a run over 100,000 people is one statement, not 100,000.
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT p.id, p.subject_id, p.kind, p.current_version, p.created_at, p.updated_at, s.shredded_at, "
      "       r.last_at, COALESCE(r.concern, 0) "
      "FROM persons p JOIN subjects s ON s.id = p.subject_id "
      "LEFT JOIN (SELECT person_id, MAX(MAX(occurred_at), MAX(created_at)) AS last_at, "
      "                  MAX(kind = 'safeguarding_concern') AS concern "
      "           FROM records GROUP BY person_id) r ON r.person_id = p.id "
      "ORDER BY p.id"));
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::Ok();
    RetentionSubjectRow r;
    r.person = PersonRow{s->Int(0), s->Int(1), s->Text(2), static_cast<int32_t>(s->Int(3)), s->Int(4), s->Int(5)};
    r.shredded_at = OptionalInt(*s, 6);
    r.last_record_at = OptionalInt(*s, 7);
    r.safeguarding_concern = s->Int(8) != 0;
    CONFIDE_RETURN_IF_ERROR(visit(r));
  }
}

}  // namespace confide::store::sqlite
