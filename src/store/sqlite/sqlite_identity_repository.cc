// SQLite repository for sign-in: credentials, sign-in failures, recovery codes and sessions.
#include <string>

#include "store/sqlite/sqlite_repositories.h"
#include "store/sqlite/sqlite_write_helpers.h"

namespace confide::store::sqlite {
namespace {

CredentialRow ReadCredential(const Stmt& s) {
  return CredentialRow{s.Int(0), s.Blob(1), s.Text(2), s.Int(3), s.Int(4) != 0, s.Blob(5), OptionalInt(s, 6),
                       s.Int(7), OptionalInt(s, 8)};
}

SessionRow ReadSession(const Stmt& s) {
  return SessionRow{s.Blob(0), s.Int(1), s.Int(2), s.Int(3), OptionalInt(s, 4), OptionalInt(s, 5),
                    OptionalInt(s, 6), s.Text(7), s.Blob(8)};
}

}  // namespace

// ---- credentials ------------------------------------------------------------------------------

Status SqliteIdentityRepository::PutCredential(const CredentialRow& r) {
  // An upsert on staff_id, not INSERT OR REPLACE: REPLACE would silently delete another staff
  // member's row holding the same login_term; here that is a UNIQUE violation (kConflict).
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO credentials(staff_id, login_term, password_hash, password_set_at, must_change_password, "
      "totp_sealed, totp_confirmed_at, totp_last_step, locked_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(staff_id) DO UPDATE SET login_term = excluded.login_term, password_hash = excluded.password_hash, "
      "password_set_at = excluded.password_set_at, must_change_password = excluded.must_change_password, "
      "totp_sealed = excluded.totp_sealed, totp_confirmed_at = excluded.totp_confirmed_at, "
      "totp_last_step = excluded.totp_last_step, locked_until = excluded.locked_until"));
  s->Bind(1, r.staff_id).Bind(2, ByteView(r.login_term)).Bind(3, std::string_view(r.password_hash))
      .Bind(4, r.password_set_at).Bind(5, int64_t{r.must_change_password ? 1 : 0});
  BindBlobOrNull(*s, 6, r.totp_sealed);
  s->Bind(7, r.totp_confirmed_at).Bind(8, r.totp_last_step).Bind(9, r.locked_until);
  return RunWrite(c_, *s);
}

Result<std::optional<CredentialRow>> SqliteIdentityRepository::GetCredential(int64_t staff_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT staff_id, login_term, password_hash, password_set_at, must_change_password, totp_sealed, "
      "totp_confirmed_at, totp_last_step, locked_until FROM credentials WHERE staff_id = ?"));
  s->Bind(1, staff_id);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<CredentialRow>();
  return std::optional<CredentialRow>(ReadCredential(*s));
}

Result<std::optional<CredentialRow>> SqliteIdentityRepository::FindCredentialByLogin(ByteView login_term) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT staff_id, login_term, password_hash, password_set_at, must_change_password, totp_sealed, "
      "totp_confirmed_at, totp_last_step, locked_until FROM credentials WHERE login_term = ?"));
  s->Bind(1, login_term);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<CredentialRow>();
  return std::optional<CredentialRow>(ReadCredential(*s));
}

// ---- sign-in failures -------------------------------------------------------------------------

Status SqliteIdentityRepository::RecordSignInFailure(int64_t staff_id, UnixMicros at) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("INSERT INTO sign_in_failures(staff_id, at) VALUES (?, ?)"));
  s->Bind(1, staff_id).Bind(2, at);
  return RunWrite(c_, *s);
}

Result<std::vector<UnixMicros>> SqliteIdentityRepository::ListSignInFailures(int64_t staff_id, UnixMicros since) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT at FROM sign_in_failures WHERE staff_id = ? AND at >= ? ORDER BY at, rowid"));
  s->Bind(1, staff_id).Bind(2, since);
  std::vector<UnixMicros> out;
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back(s->Int(0));
  }
  return out;
}

Status SqliteIdentityRepository::ClearSignInFailures(int64_t staff_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("DELETE FROM sign_in_failures WHERE staff_id = ?"));
  s->Bind(1, staff_id);
  return RunWrite(c_, *s);
}

// ---- recovery codes ---------------------------------------------------------------------------

Status SqliteIdentityRepository::ReplaceRecoveryCodes(int64_t staff_id, const std::vector<Bytes>& code_hashes) {
  {
    CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("DELETE FROM recovery_codes WHERE staff_id = ?"));
    s->Bind(1, staff_id);
    CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  }
  for (const Bytes& hash : code_hashes) {
    CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("INSERT INTO recovery_codes(staff_id, code_hash) VALUES (?, ?)"));
    s->Bind(1, staff_id).Bind(2, ByteView(hash));
    CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  }
  return Status::Ok();
}

Result<bool> SqliteIdentityRepository::UseRecoveryCode(int64_t staff_id, ByteView code_hash, UnixMicros now) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "UPDATE recovery_codes SET used_at = ? WHERE staff_id = ? AND code_hash = ? AND used_at IS NULL"));
  s->Bind(1, now).Bind(2, staff_id).Bind(3, code_hash);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return sqlite3_changes(c_.raw()) == 1;
}

Result<int> SqliteIdentityRepository::CountUnusedRecoveryCodes(int64_t staff_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT COUNT(*) FROM recovery_codes WHERE staff_id = ? AND used_at IS NULL"));
  s->Bind(1, staff_id);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? static_cast<int>(s->Int(0)) : 0;
}

// ---- sessions ---------------------------------------------------------------------------------

Status SqliteIdentityRepository::InsertSession(const SessionRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO sessions(token_hash, staff_id, created_at, last_seen_at, mfa_at, reauth_at, ended_at, end_reason, "
      "csrf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s->Bind(1, ByteView(r.token_hash)).Bind(2, r.staff_id).Bind(3, r.created_at).Bind(4, r.last_seen_at)
      .Bind(5, r.mfa_at).Bind(6, r.reauth_at).Bind(7, r.ended_at).Bind(8, std::string_view(r.end_reason));
  BindBlobOrNull(*s, 9, r.csrf_hash);
  return RunWrite(c_, *s);
}

Result<std::optional<SessionStanding>> SqliteIdentityRepository::GetSessionStanding(ByteView token_hash) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT s.token_hash, s.staff_id, s.created_at, s.last_seen_at, s.mfa_at, s.reauth_at, s.ended_at, "
      "s.end_reason, s.csrf_hash, coalesce(st.active, 0), c.staff_id IS NOT NULL, "
      "coalesce(c.must_change_password, 0), c.totp_confirmed_at IS NOT NULL "
      "FROM sessions s LEFT JOIN staff st ON st.id = s.staff_id LEFT JOIN credentials c ON c.staff_id = s.staff_id "
      "WHERE s.token_hash = ?"));
  s->Bind(1, token_hash);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<SessionStanding>();
  return std::optional<SessionStanding>(
      SessionStanding{ReadSession(*s), s->Int(9) != 0, s->Int(10) != 0, s->Int(11) != 0, s->Int(12) != 0});
}

Result<std::optional<SessionRow>> SqliteIdentityRepository::GetSession(ByteView token_hash) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT token_hash, staff_id, created_at, last_seen_at, mfa_at, reauth_at, ended_at, end_reason, csrf_hash "
      "FROM sessions WHERE token_hash = ?"));
  s->Bind(1, token_hash);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<SessionRow>();
  return std::optional<SessionRow>(ReadSession(*s));
}

Status SqliteIdentityRepository::UpdateSession(const SessionRow& r) {
  // The token hash, staff member and creation time never change.
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "UPDATE sessions SET last_seen_at = ?, mfa_at = ?, reauth_at = ?, ended_at = ?, end_reason = ?, csrf_hash = ? "
      "WHERE token_hash = ?"));
  s->Bind(1, r.last_seen_at).Bind(2, r.mfa_at).Bind(3, r.reauth_at).Bind(4, r.ended_at)
      .Bind(5, std::string_view(r.end_reason));
  BindBlobOrNull(*s, 6, r.csrf_hash);
  s->Bind(7, ByteView(r.token_hash));
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChange(c_, "session");
}

Result<int> SqliteIdentityRepository::EndSessionsOfStaff(int64_t staff_id, UnixMicros now, std::string_view reason) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "UPDATE sessions SET ended_at = ?, end_reason = ? WHERE staff_id = ? AND ended_at IS NULL"));
  s->Bind(1, now).Bind(2, reason).Bind(3, staff_id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return sqlite3_changes(c_.raw());
}

Result<std::vector<SessionRow>> SqliteIdentityRepository::ListSessionsOfStaff(int64_t staff_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT token_hash, staff_id, created_at, last_seen_at, mfa_at, reauth_at, ended_at, end_reason, csrf_hash "
      "FROM sessions WHERE staff_id = ? ORDER BY created_at, token_hash"));
  s->Bind(1, staff_id);
  std::vector<SessionRow> out;
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back(ReadSession(*s));
  }
  return out;
}

}  // namespace confide::store::sqlite
