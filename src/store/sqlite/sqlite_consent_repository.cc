// SQLite repository for consent records (schema v3).
#include "store/sqlite/sqlite_repositories.h"
#include "store/sqlite/sqlite_write_helpers.h"

namespace confide::store::sqlite {
namespace {

#define CONSENT_COLUMNS "id, person_id, sealed, given_at, expires_at, withdrawn_at, recorded_by, recorded_at, withdrawal_recorded_by"

ConsentRow ReadConsent(const Stmt& s) {
  return ConsentRow{s.Int(0), s.Int(1), s.Blob(2), s.Int(3), OptionalInt(s, 4), OptionalInt(s, 5), s.Int(6), s.Int(7), s.Int(8)};
}

}  // namespace

Result<int64_t> SqliteConsentRepository::Insert(const ConsentRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO consents(person_id, sealed, given_at, expires_at, withdrawn_at, recorded_by, recorded_at, "
      "withdrawal_recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.person_id).Bind(2, ByteView(r.sealed)).Bind(3, r.given_at).Bind(4, r.expires_at).Bind(5, r.withdrawn_at)
      .Bind(6, r.recorded_by).Bind(7, r.recorded_at).Bind(8, r.withdrawal_recorded_by);
  return InsertReturningId(c_, *s);
}

Status SqliteConsentRepository::UpdateSealed(int64_t id, ByteView sealed) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("UPDATE consents SET sealed = ? WHERE id = ?"));
  s->Bind(1, sealed).Bind(2, id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChange(c_, "consent record");
}

Status SqliteConsentRepository::Withdraw(int64_t id, UnixMicros at, int64_t recorded_by) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "UPDATE consents SET withdrawn_at = ?, withdrawal_recorded_by = ? WHERE id = ? AND withdrawn_at IS NULL"));
  s->Bind(1, at).Bind(2, recorded_by).Bind(3, id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChangeOrConflict(c_, "SELECT 1 FROM consents WHERE id = ?", id, "consent record", "has already been withdrawn");
}

Result<std::optional<ConsentRow>> SqliteConsentRepository::Get(int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " CONSENT_COLUMNS " FROM consents WHERE id = ?"));
  s->Bind(1, id);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<ConsentRow>();
  return std::optional<ConsentRow>(ReadConsent(*s));
}

Result<std::vector<ConsentRow>> SqliteConsentRepository::ListOfPerson(int64_t person_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT " CONSENT_COLUMNS " FROM consents WHERE person_id = ? ORDER BY id"));
  s->Bind(1, person_id);
  std::vector<ConsentRow> out;
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back(ReadConsent(*s));
  }
  return out;
}

#undef CONSENT_COLUMNS

}  // namespace confide::store::sqlite
