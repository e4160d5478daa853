// SQLite repository for the sharing register (schema v4; disclosure packages, v5).
#include "store/sqlite/sqlite_repositories.h"
#include "store/sqlite/sqlite_write_helpers.h"

namespace confide::store::sqlite {
namespace {

#define RECIPIENT_COLUMNS "id, subject_id, kind, person_id, public_key, sealed, verified_at, verified_by, created_by, created_at"
#define AGREEMENT_COLUMNS "id, document, review_at, recorded_by, recorded_at"
#define REQUEST_COLUMNS "id, person_id, direction, recipient_id, purpose, urgency, sealed, received_at, recorded_by, recorded_at"
#define DECISION_COLUMNS "id, request_id, outcome, basis, approvals_missing, sealed, decided_by, decided_at"
#define APPROVAL_COLUMNS "id, request_id, approval, approved_by, approved_at, recorded_at, sealed"
#define DISCLOSURE_COLUMNS "id, request_id, decision_id, recipient_id, package_id, sealed, sent_by, sent_at"
#define INVESTIGATION_COLUMNS "id, request_id, disclosure_id, reason, opened_at, closed_at, closed_by"

Bytes OptionalBlob(const Stmt& s, int col) { return s.IsNull(col) ? Bytes{} : s.Blob(col); }

RecipientRow ReadRecipient(const Stmt& s) {
  return RecipientRow{s.Int(0), s.Int(1), s.Text(2), OptionalInt(s, 3), OptionalBlob(s, 4),
                      s.Blob(5), OptionalInt(s, 6), s.Int(7), s.Int(8), s.Int(9)};
}
AgreementRow ReadAgreement(const Stmt& s) { return AgreementRow{s.Int(0), s.Text(1), s.Int(2), s.Int(3), s.Int(4)}; }
SharingRequestRow ReadRequest(const Stmt& s) {
  return SharingRequestRow{s.Int(0), s.Int(1), s.Text(2), s.Text(4), s.Text(5), OptionalInt(s, 3), s.Blob(6), s.Int(7), s.Int(8), s.Int(9)};
}
SharingDecisionRow ReadDecision(const Stmt& s) {
  return SharingDecisionRow{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Int(4), s.Blob(5), s.Int(6), s.Int(7)};
}
SharingApprovalRow ReadApproval(const Stmt& s) {
  return SharingApprovalRow{s.Int(0), s.Int(1), s.Text(2), s.Int(3), s.Int(4), s.Int(5), s.Blob(6)};
}
DisclosureRow ReadDisclosure(const Stmt& s) {
  return DisclosureRow{s.Int(0), s.Int(1), s.Int(2), OptionalInt(s, 3), OptionalBlob(s, 4), s.Blob(5), s.Int(6), s.Int(7)};
}
InvestigationRow ReadInvestigation(const Stmt& s) {
  return InvestigationRow{s.Int(0), s.Int(1), OptionalInt(s, 2), s.Text(3), s.Int(4), OptionalInt(s, 5), s.Int(6)};
}

}  // namespace

Status SqliteSharingRepository::UpdateSealed(Table table, int64_t id, ByteView sealed) {
  const char* sql = nullptr;
  const char* what = nullptr;
  switch (table) {
    case Table::kRecipients: sql = "UPDATE recipients SET sealed = ? WHERE id = ?"; what = "recipient"; break;
    case Table::kRequests: sql = "UPDATE sharing_requests SET sealed = ? WHERE id = ?"; what = "sharing request"; break;
    case Table::kDecisions: sql = "UPDATE sharing_decisions SET sealed = ? WHERE id = ?"; what = "sharing decision"; break;
    case Table::kApprovals: sql = "UPDATE sharing_approvals SET sealed = ? WHERE id = ?"; what = "approval"; break;
    case Table::kDisclosures: sql = "UPDATE disclosures SET sealed = ? WHERE id = ?"; what = "disclosure"; break;
  }
  if (sql == nullptr) return Status::InvalidArgument("unknown sharing register table");
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(sql));
  s->Bind(1, sealed).Bind(2, id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChange(c_, what);
}

Result<int64_t> SqliteSharingRepository::InsertRecipient(const RecipientRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO recipients(subject_id, kind, person_id, public_key, sealed, verified_at, verified_by, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.subject_id).Bind(2, std::string_view(r.kind)).Bind(3, r.person_id);
  BindBlobOrNull(*s, 4, r.public_key);
  s->Bind(5, ByteView(r.sealed)).Bind(6, r.verified_at).Bind(7, r.verified_by).Bind(8, r.created_by).Bind(9, r.created_at);
  return InsertReturningId(c_, *s);
}

Status SqliteSharingRepository::SetRecipientVerified(int64_t id, UnixMicros at, int64_t by) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("UPDATE recipients SET verified_at = ?, verified_by = ? WHERE id = ?"));
  s->Bind(1, at).Bind(2, by).Bind(3, id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChange(c_, "recipient");
}

Status SqliteSharingRepository::SetRecipientPublicKey(int64_t id, ByteView public_key) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("UPDATE recipients SET public_key = ? WHERE id = ?"));
  BindBlobOrNull(*s, 1, public_key);
  s->Bind(2, id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChange(c_, "recipient");
}

Result<std::optional<RecipientRow>> SqliteSharingRepository::GetRecipient(int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " RECIPIENT_COLUMNS " FROM recipients WHERE id = ?"));
  s->Bind(1, id);
  return One(*s, ReadRecipient);
}

Result<std::vector<RecipientRow>> SqliteSharingRepository::ListRecipients() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " RECIPIENT_COLUMNS " FROM recipients ORDER BY id"));
  return Collect(*s, ReadRecipient);
}

Result<int64_t> SqliteSharingRepository::InsertAgreement(const AgreementRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO sharing_agreements(document, review_at, recorded_by, recorded_at) VALUES (?, ?, ?, ?)"));
  s->Bind(1, std::string_view(r.document)).Bind(2, r.review_at).Bind(3, r.recorded_by).Bind(4, r.recorded_at);
  return InsertReturningId(c_, *s);
}

Result<std::optional<AgreementRow>> SqliteSharingRepository::GetAgreement(int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " AGREEMENT_COLUMNS " FROM sharing_agreements WHERE id = ?"));
  s->Bind(1, id);
  return One(*s, ReadAgreement);
}

Result<std::vector<AgreementRow>> SqliteSharingRepository::ListAgreements() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " AGREEMENT_COLUMNS " FROM sharing_agreements ORDER BY id"));
  return Collect(*s, ReadAgreement);
}

Result<int64_t> SqliteSharingRepository::InsertRequest(const SharingRequestRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO sharing_requests(person_id, direction, recipient_id, purpose, urgency, sealed, received_at, recorded_by, "
      "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.person_id).Bind(2, std::string_view(r.direction)).Bind(3, r.recipient_id).Bind(4, std::string_view(r.purpose))
      .Bind(5, std::string_view(r.urgency)).Bind(6, ByteView(r.sealed)).Bind(7, r.received_at).Bind(8, r.recorded_by)
      .Bind(9, r.recorded_at);
  return InsertReturningId(c_, *s);
}

Result<std::optional<SharingRequestRow>> SqliteSharingRepository::GetRequest(int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " REQUEST_COLUMNS " FROM sharing_requests WHERE id = ?"));
  s->Bind(1, id);
  return One(*s, ReadRequest);
}

Result<std::vector<SharingRequestRow>> SqliteSharingRepository::ListRequestsOfPerson(int64_t person_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " REQUEST_COLUMNS " FROM sharing_requests WHERE person_id = ? ORDER BY id DESC"));
  s->Bind(1, person_id);
  return Collect(*s, ReadRequest);
}

Result<std::vector<AwaitingApprovalRow>> SqliteSharingRepository::ListAwaitingApproval() {
  // The latest decision of each request (decisions are never changed, so the highest id is the
  // current one); escalate, share and share_in_part are the outcomes that can wait for a backing.
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT r.id, r.person_id, r.direction, r.recipient_id, r.purpose, r.urgency, r.sealed, r.received_at, r.recorded_by, "
      "r.recorded_at, d.id, d.outcome, d.approvals_missing, d.decided_at, "
      "EXISTS (SELECT 1 FROM disclosures x WHERE x.request_id = r.id) "
      "FROM sharing_requests r JOIN sharing_decisions d "
      "ON d.id = (SELECT max(id) FROM sharing_decisions WHERE request_id = r.id) "
      "WHERE d.approvals_missing != 0 AND d.outcome IN ('escalate', 'share', 'share_in_part') "
      "ORDER BY CASE r.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, r.received_at, r.id"));
  return Collect(*s, +[](const Stmt& st) {
    return AwaitingApprovalRow{ReadRequest(st), st.Int(10), st.Text(11), st.Int(12), st.Int(13), st.Int(14) != 0};
  });
}

Result<int64_t> SqliteSharingRepository::InsertDecision(const SharingDecisionRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO sharing_decisions(request_id, outcome, basis, approvals_missing, sealed, decided_by, decided_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.request_id).Bind(2, std::string_view(r.outcome)).Bind(3, std::string_view(r.basis)).Bind(4, r.approvals_missing)
      .Bind(5, ByteView(r.sealed)).Bind(6, r.decided_by).Bind(7, r.decided_at);
  return InsertReturningId(c_, *s);
}

Result<std::vector<SharingDecisionRow>> SqliteSharingRepository::ListDecisions(int64_t request_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " DECISION_COLUMNS " FROM sharing_decisions WHERE request_id = ? ORDER BY id"));
  s->Bind(1, request_id);
  return Collect(*s, ReadDecision);
}

Result<int64_t> SqliteSharingRepository::InsertApproval(const SharingApprovalRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO sharing_approvals(request_id, approval, approved_by, approved_at, recorded_at, sealed) VALUES (?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.request_id).Bind(2, std::string_view(r.approval)).Bind(3, r.approved_by).Bind(4, r.approved_at)
      .Bind(5, r.recorded_at).Bind(6, ByteView(r.sealed));
  return InsertReturningId(c_, *s);
}

Result<std::vector<SharingApprovalRow>> SqliteSharingRepository::ListApprovals(int64_t request_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " APPROVAL_COLUMNS " FROM sharing_approvals WHERE request_id = ? ORDER BY id"));
  s->Bind(1, request_id);
  return Collect(*s, ReadApproval);
}

Result<int64_t> SqliteSharingRepository::InsertDisclosure(const DisclosureRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO disclosures(request_id, decision_id, recipient_id, package_id, sealed, sent_by, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.request_id).Bind(2, r.decision_id).Bind(3, r.recipient_id);
  BindBlobOrNull(*s, 4, r.package_id);
  s->Bind(5, ByteView(r.sealed)).Bind(6, r.sent_by).Bind(7, r.sent_at);
  return InsertReturningId(c_, *s);
}

Result<std::vector<DisclosureRow>> SqliteSharingRepository::ListDisclosures(int64_t request_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " DISCLOSURE_COLUMNS " FROM disclosures WHERE request_id = ? ORDER BY id"));
  s->Bind(1, request_id);
  return Collect(*s, ReadDisclosure);
}

Status SqliteSharingRepository::InsertDisclosurePackage(int64_t disclosure_id, ByteView sealed) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("INSERT INTO disclosure_packages(disclosure_id, sealed) VALUES (?, ?)"));
  s->Bind(1, disclosure_id).Bind(2, sealed);
  return RunWrite(c_, *s);
}

Result<std::optional<Bytes>> SqliteSharingRepository::GetDisclosurePackage(int64_t disclosure_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT sealed FROM disclosure_packages WHERE disclosure_id = ?"));
  s->Bind(1, disclosure_id);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<Bytes>();
  return std::optional<Bytes>(s->Blob(0));
}

Result<int64_t> SqliteSharingRepository::InsertInvestigation(const InvestigationRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO sharing_investigations(request_id, disclosure_id, reason, opened_at, closed_at, closed_by) VALUES (?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.request_id).Bind(2, r.disclosure_id).Bind(3, std::string_view(r.reason)).Bind(4, r.opened_at).Bind(5, r.closed_at)
      .Bind(6, r.closed_by);
  return InsertReturningId(c_, *s);
}

Result<std::vector<InvestigationRow>> SqliteSharingRepository::ListOpenInvestigations() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT " INVESTIGATION_COLUMNS " FROM sharing_investigations WHERE closed_at IS NULL ORDER BY id"));
  return Collect(*s, ReadInvestigation);
}

Result<std::vector<InvestigationRow>> SqliteSharingRepository::ListInvestigations(int64_t request_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT " INVESTIGATION_COLUMNS " FROM sharing_investigations WHERE request_id = ? ORDER BY id"));
  s->Bind(1, request_id);
  return Collect(*s, ReadInvestigation);
}

#undef RECIPIENT_COLUMNS
#undef AGREEMENT_COLUMNS
#undef REQUEST_COLUMNS
#undef DECISION_COLUMNS
#undef APPROVAL_COLUMNS
#undef DISCLOSURE_COLUMNS
#undef INVESTIGATION_COLUMNS

}  // namespace confide::store::sqlite
