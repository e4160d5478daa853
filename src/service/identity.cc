#include "service/identity.h"

#include <algorithm>
#include <cctype>

#include "auth/base32.h"
#include "auth/lockout.h"
#include "auth/otpauth_uri.h"
#include "auth/qr_svg.h"
#include "auth/recovery_codes.h"
#include "auth/session_token.h"
#include "service/default_password_blocklist.h"
#include "service/field_codec.h"
#include "service/vault_tx.h"

namespace confide::service {
namespace {

constexpr const char* kWrongCredentials = "The email address or password is not right";
constexpr const char* kLocked = "Too many attempts to sign in: wait 15 minutes, then try again";
constexpr const char* kNotSignedIn = "You are not signed in, or your session has ended: sign in again";
constexpr const char* kWrongCode = "The code is not right: enter the 6-digit code your authenticator app shows now";

// Emails are case-insensitive in practice; spaces around them are typing slips.
std::string NormaliseEmail(std::string_view email) {
  size_t b = 0, e = email.size();
  while (b < e && std::isspace(static_cast<unsigned char>(email[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(email[e - 1]))) --e;
  std::string out(email.substr(b, e - b));
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Bytes ToBytes(const crypto::Hash32& h) { return Bytes(h.begin(), h.end()); }

VersionHeader TotpHeader(int64_t staff_id, int64_t subject_id) {
  VersionHeader h;
  h.entity = "totp";
  h.id = staff_id;
  h.version = 1;
  h.subject_id = subject_id;
  return h;
}

int64_t UnixSeconds(UnixMicros t) { return t / 1000000; }

// A sign-in step's outcome. Failures are values, not errors, so the failure count and the audit
// event commit while the caller is still refused.
template <typename T>
struct Attempt {
  Status status;
  T value{};
};

template <typename T>
Result<T> Unwrap(Result<Attempt<T>> r) {
  if (!r.ok()) return r.status();
  if (!r->status.ok()) return r->status;
  return std::move(r->value);
}

auth::LockoutPolicy Lockout() { return auth::LockoutPolicy{}; }

// Whether the account is locked now: every step that checks a secret honours the lock, so a
// stolen session cannot guess the password through a password change or re-authentication.
Result<bool> Locked(Vault::Tx& tx, const store::CredentialRow& cred) {
  const auth::LockoutPolicy lockout = Lockout();
  CONFIDE_ASSIGN_OR_RETURN(std::vector<UnixMicros> failures,
                           tx.uow().identity().ListSignInFailures(cred.staff_id, tx.now() - lockout.window_micros));
  return auth::IsLocked(auth::LockoutState{failures, cred.locked_until}, tx.now(), lockout) ||
         static_cast<int>(failures.size()) >= lockout.max_failures;
}

}  // namespace

std::string_view ToString(SignInNext n) {
  switch (n) {
    case SignInNext::kTotp: return "totp";
    case SignInNext::kEnrolTotp: return "enrol_totp";
    case SignInNext::kChangePassword: return "change_password";
    case SignInNext::kDone: return "done";
  }
  return "unknown";
}

Identity::Identity(Vault& vault, IdentityOptions options, std::optional<auth::PasswordBlocklist> blocklist)
    : vault_(vault), options_(std::move(options)) {
  blocklist_ = blocklist ? std::make_shared<const auth::PasswordBlocklist>(std::move(*blocklist))
                         : DefaultPasswordBlocklist();
  // Computed now, not at the first unknown email, so that one is not slower than the rest.
  (void)auth::DummyPasswordHash(options_.hash_params);
}

Result<Bytes> Identity::LoginTerm(const std::string& email) const {
  const std::string normalised = NormaliseEmail(email);
  if (normalised.empty() || normalised.size() > 320) return Status::InvalidArgument("enter your email address");
  return vault_.keys_->blind_indexer().Compute("login/1", normalised);
}

// ---- accounts ----------------------------------------------------------------------------------

Status Identity::SetPassword(domain::StaffId actor, domain::StaffId staff, const std::string& password, bool must_change) {
  return vault_.Transact<bool>(actor, {"auth.password_set"}, [&](Vault::Tx& tx) -> Result<bool> {
           if (staff != tx.actor()) CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kStaffManage).status());
           CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> row, tx.uow().staff().Get(staff));
           if (!row) return Status::NotFound("no staff member with id " + std::to_string(staff));
           CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(row->subject_id));
           CONFIDE_ASSIGN_OR_RETURN(FieldMap f, OpenFields(*key, StaffHeader(row->id, row->subject_id), row->sealed));
           const domain::StaffDetails details = StaffFromFields(f);
           if (details.email.empty()) return Status::FailedPrecondition("staff member " + std::to_string(staff) + " has no email to sign in with");
           CONFIDE_ASSIGN_OR_RETURN(domain::Organisation org, vault_.GetOrganisationIn(tx));
           CONFIDE_RETURN_IF_ERROR(auth::CheckNewPassword(password, *blocklist_, auth::PasswordContextWords(org.name, details.email)));
           CONFIDE_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(password, options_.hash_params));
           CONFIDE_ASSIGN_OR_RETURN(Bytes term, LoginTerm(details.email));
           CONFIDE_ASSIGN_OR_RETURN(std::optional<store::CredentialRow> existing, tx.uow().identity().GetCredential(staff));
           store::CredentialRow cred = existing.value_or(store::CredentialRow{});
           cred.staff_id = staff;
           cred.login_term = term;
           cred.password_hash = std::move(hash);
           cred.password_set_at = tx.now();
           cred.must_change_password = must_change;
           cred.locked_until.reset();
           CONFIDE_RETURN_IF_ERROR(tx.uow().identity().PutCredential(cred));
           CONFIDE_RETURN_IF_ERROR(tx.uow().identity().ClearSignInFailures(staff));
           CONFIDE_ASSIGN_OR_RETURN(int ended, tx.uow().identity().EndSessionsOfStaff(staff, tx.now(), "password_changed"));
           CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.password_set", 0, 0, 0,
                                            "staff " + std::to_string(staff) + (must_change ? ", must change" : "") +
                                                ", sessions ended " + std::to_string(ended)));
           return true;
         })
      .status();
}

Status Identity::ResetTotp(domain::StaffId actor, domain::StaffId staff) {
  return vault_.Transact<bool>(actor, {"auth.totp_reset"}, [&](Vault::Tx& tx) -> Result<bool> {
           CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kStaffManage).status());
           CONFIDE_ASSIGN_OR_RETURN(std::optional<store::CredentialRow> cred, tx.uow().identity().GetCredential(staff));
           if (!cred) return Status::NotFound("staff member " + std::to_string(staff) + " has no sign-in");
           cred->totp_sealed.clear();
           cred->totp_confirmed_at.reset();
           CONFIDE_RETURN_IF_ERROR(tx.uow().identity().PutCredential(*cred));
           CONFIDE_RETURN_IF_ERROR(tx.uow().identity().ReplaceRecoveryCodes(staff, {}));
           CONFIDE_ASSIGN_OR_RETURN(int ended, tx.uow().identity().EndSessionsOfStaff(staff, tx.now(), "mfa_reset"));
           CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.totp_reset", 0, 0, 0,
                                            "staff " + std::to_string(staff) + ", sessions ended " + std::to_string(ended)));
           return true;
         })
      .status();
}

// ---- sign-in ------------------------------------------------------------------------------------

Result<SignInResult> Identity::SignIn(const std::string& email, const std::string& password) {
  CONFIDE_ASSIGN_OR_RETURN(Bytes term, LoginTerm(email));
  if (password.empty() || password.size() > 4096) return Status::PermissionDenied(kWrongCredentials);
  const auth::LockoutPolicy lockout = Lockout();
  auto attempt = vault_.Transact<Attempt<SignInResult>>(
      domain::kSystemActor, {"auth.sign_in", 0, 0, true}, [&](Vault::Tx& tx) -> Result<Attempt<SignInResult>> {
        const UnixMicros now = tx.now();
        CONFIDE_ASSIGN_OR_RETURN(std::optional<store::CredentialRow> cred, tx.uow().identity().FindCredentialByLogin(term));
        std::optional<store::StaffRow> staff;
        if (cred) {
          auto found = tx.uow().staff().Get(cred->staff_id);
          if (!found.ok()) return found.status();
          staff = std::move(found).value();
        }
        if (!cred || !staff) {
          // Unknown email: the same work, the same throttle, the same words.
          (void)auth::VerifyPassword(auth::DummyPasswordHash(options_.hash_params), password);
          std::lock_guard<std::mutex> lock(unknown_mu_);
          // The lock is kept with the failures: RecordFailure clears the failures when it locks.
          auth::LockoutState st = unknown_failures_[term];
          if (auth::IsLocked(st, now, lockout)) {
            CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.sign_in", 0, 0, 0, "unknown account, locked", "locked"));
            return Attempt<SignInResult>{Status::FailedPrecondition(kLocked)};
          }
          st = auth::RecordFailure(st, now, lockout);
          unknown_failures_[term] = st;
          if (unknown_failures_.size() > 100000) unknown_failures_.erase(unknown_failures_.begin());  // bounded memory
          CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.sign_in", 0, 0, 0, "unknown account", "failed"));
          return Attempt<SignInResult>{Status::PermissionDenied(kWrongCredentials)};
        }
        tx.set_actor(staff->id);
        CONFIDE_ASSIGN_OR_RETURN(std::vector<UnixMicros> failures,
                                 tx.uow().identity().ListSignInFailures(staff->id, now - lockout.window_micros));
        auth::LockoutState st{failures, cred->locked_until};
        if (auth::IsLocked(st, now, lockout)) {
          (void)auth::VerifyPassword(auth::DummyPasswordHash(options_.hash_params), password);
          CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.sign_in", 0, 0, 0, "locked", "locked"));
          return Attempt<SignInResult>{Status::FailedPrecondition(kLocked)};
        }
        const bool password_ok = auth::VerifyPassword(cred->password_hash, password);
        if (!password_ok || !staff->active) {
          CONFIDE_RETURN_IF_ERROR(tx.uow().identity().RecordSignInFailure(staff->id, now));
          st = auth::RecordFailure(st, now, lockout);
          if (st.locked_until && st.locked_until != cred->locked_until) {
            cred->locked_until = st.locked_until;
            CONFIDE_RETURN_IF_ERROR(tx.uow().identity().PutCredential(*cred));
            CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.lockout", 0, 0, 0, "failures " + std::to_string(st.recent_failures.size())));
          }
          CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.sign_in", 0, 0, 0, password_ok ? "account disabled" : "wrong password", "failed"));
          return Attempt<SignInResult>{Status::PermissionDenied(kWrongCredentials)};
        }
        // Parameters rise over time: the password is in hand now, so upgrade its hash.
        if (auth::NeedsRehash(cred->password_hash, options_.hash_params)) {
          CONFIDE_ASSIGN_OR_RETURN(cred->password_hash, auth::HashPassword(password, options_.hash_params));
          CONFIDE_RETURN_IF_ERROR(tx.uow().identity().PutCredential(*cred));
        }
        SignInResult out;
        out.staff_id = staff->id;
        out.session_token = auth::NewSessionToken();
        out.csrf_token = auth::NewCsrfToken();
        out.next = cred->totp_confirmed_at ? SignInNext::kTotp : SignInNext::kEnrolTotp;
        store::SessionRow session;
        session.token_hash = ToBytes(auth::HashSessionToken(out.session_token));
        session.staff_id = staff->id;
        session.created_at = now;
        session.last_seen_at = now;
        session.csrf_hash = ToBytes(auth::HashSessionToken(out.csrf_token));
        CONFIDE_RETURN_IF_ERROR(tx.uow().identity().InsertSession(session));
        CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.sign_in", 0, 0, 0, "password accepted, next " + std::string(ToString(out.next))));
        return Attempt<SignInResult>{Status::Ok(), std::move(out)};
      });
  return Unwrap(std::move(attempt));
}

Result<SessionInfo> Identity::Authenticate(Vault::Tx& tx, const std::string& token, bool touch, bool* write_needed) {
  if (!auth::LooksLikeSessionToken(token)) return Status::PermissionDenied(kNotSignedIn);
  const Bytes hash = ToBytes(auth::HashSessionToken(token));
  // One query for the session and its staff member's standing: this runs on every request.
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SessionStanding> standing,
                           tx.uow().identity().GetSessionStanding(hash));
  if (!standing || standing->session.ended_at) return Status::PermissionDenied(kNotSignedIn);
  store::SessionRow* s = &standing->session;
  const SignInConfig& cfg = config();
  const UnixMicros now = tx.now();
  const char* expired = nullptr;
  if (now >= s->created_at + cfg.absolute_timeout_micros) expired = "expired";
  if (now >= s->last_seen_at + cfg.idle_timeout_micros) expired = "idle";
  if (!standing->staff_active) expired = "disabled";
  if (expired) {
    if (tx.read_only()) {
      *write_needed = true;
      return Status::PermissionDenied(kNotSignedIn);
    }
    s->ended_at = now;
    s->end_reason = expired;
    CONFIDE_RETURN_IF_ERROR(tx.uow().identity().UpdateSession(*s));
    return Status::PermissionDenied(kNotSignedIn);
  }
  if (!standing->has_credential) return Status::PermissionDenied(kNotSignedIn);
  if (touch && now - s->last_seen_at >= options_.touch_interval_micros) {
    if (tx.read_only()) {
      *write_needed = true;
    } else {
      s->last_seen_at = now;
      CONFIDE_RETURN_IF_ERROR(tx.uow().identity().UpdateSession(*s));
    }
  }
  SessionInfo info;
  info.staff_id = s->staff_id;
  info.fully_signed_in = s->mfa_at.has_value() && !standing->must_change_password;
  info.second_factor_passed = s->mfa_at.has_value();
  info.must_change_password = standing->must_change_password;
  info.totp_enrolled = standing->totp_enrolled;
  info.created_at = s->created_at;
  info.last_seen_at = s->last_seen_at;
  info.idle_expires_at = s->last_seen_at + cfg.idle_timeout_micros;
  info.absolute_expires_at = s->created_at + cfg.absolute_timeout_micros;
  info.reauth_at = s->reauth_at;
  info.csrf_hash = s->csrf_hash;
  info.token_hash = hash;
  tx.set_actor(s->staff_id);
  return info;
}

Result<SessionInfo> Identity::Authenticate(const std::string& token) {
  // Not audited: every use the session is put to is. Most checks change nothing, so they run in a
  // read transaction beside other requests; only ending an expired session or touching
  // last_seen_at (at most once per touch interval) takes a write transaction, which checks again.
  auto check = [&](Vault::Tx& tx, bool* write_needed) -> Result<Attempt<SessionInfo>> {
    auto info = Authenticate(tx, token, /*touch=*/true, write_needed);
    if (!info.ok()) {
      if (info.status().code() != StatusCode::kPermissionDenied) return info.status();
      return Attempt<SessionInfo>{info.status()};
    }
    return Attempt<SessionInfo>{Status::Ok(), std::move(info).value()};
  };
  bool write_needed = false;
  auto r = vault_.Read<Attempt<SessionInfo>>(domain::kSystemActor, {"auth.session", 0, 0, true},
                                             [&](Vault::Tx& tx) { return check(tx, &write_needed); });
  if (r.ok() && write_needed) {
    r = vault_.Transact<Attempt<SessionInfo>>(domain::kSystemActor, {"auth.session", 0, 0, true},
                                              [&](Vault::Tx& tx) { return check(tx, nullptr); });
  }
  return Unwrap(std::move(r));
}

Result<SignInNext> Identity::VerifySecondFactor(const std::string& token, const std::string& code) {
  const auth::LockoutPolicy lockout = Lockout();
  auto r = vault_.Transact<Attempt<SignInNext>>(
      domain::kSystemActor, {"auth.mfa", 0, 0, true}, [&](Vault::Tx& tx) -> Result<Attempt<SignInNext>> {
        auto info = Authenticate(tx, token, false);
        if (!info.ok()) return Attempt<SignInNext>{info.status()};
        CONFIDE_ASSIGN_OR_RETURN(std::optional<store::CredentialRow> cred, tx.uow().identity().GetCredential(info->staff_id));
        if (!cred || !cred->totp_confirmed_at) return Attempt<SignInNext>{Status::FailedPrecondition("set up your authenticator app first")};
        CONFIDE_ASSIGN_OR_RETURN(std::vector<UnixMicros> failures,
                                 tx.uow().identity().ListSignInFailures(info->staff_id, tx.now() - lockout.window_micros));
        auth::LockoutState st{failures, cred->locked_until};
        if (auth::IsLocked(st, tx.now(), lockout)) {
          CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.mfa", 0, 0, 0, "locked", "locked"));
          return Attempt<SignInNext>{Status::FailedPrecondition(kLocked)};
        }
        bool ok = false;
        std::string how = "totp";
        if (auth::LooksLikeRecoveryCode(code)) {
          how = "recovery code";
          CONFIDE_ASSIGN_OR_RETURN(ok, tx.uow().identity().UseRecoveryCode(info->staff_id, ToBytes(auth::HashRecoveryCode(code)), tx.now()));
        } else {
          CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> staff, tx.uow().staff().Get(info->staff_id));
          if (!staff) return Status::PermissionDenied(kNotSignedIn);
          CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(staff->subject_id));
          CONFIDE_ASSIGN_OR_RETURN(FieldMap f, OpenFields(*key, TotpHeader(staff->id, staff->subject_id), cred->totp_sealed));
          const std::string& secret = f["secret"];
          CONFIDE_ASSIGN_OR_RETURN(std::optional<int64_t> step,
                                   auth::MatchTotp(ByteView(reinterpret_cast<const uint8_t*>(secret.data()), secret.size()), code,
                                                   UnixSeconds(tx.now()), options_.totp, cred->totp_last_step));
          if (step) {
            ok = true;
            cred->totp_last_step = *step;  // this code, and every earlier one, will not work again
            CONFIDE_RETURN_IF_ERROR(tx.uow().identity().PutCredential(*cred));
          }
        }
        if (!ok) {
          CONFIDE_RETURN_IF_ERROR(tx.uow().identity().RecordSignInFailure(info->staff_id, tx.now()));
          st = auth::RecordFailure(st, tx.now(), lockout);
          if (st.locked_until && st.locked_until != cred->locked_until) {
            cred->locked_until = st.locked_until;
            CONFIDE_RETURN_IF_ERROR(tx.uow().identity().PutCredential(*cred));
            CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.lockout", 0, 0, 0, "failures " + std::to_string(st.recent_failures.size())));
          }
          CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.mfa", 0, 0, 0, "wrong " + how, "failed"));
          return Attempt<SignInNext>{Status::PermissionDenied(kWrongCode)};
        }
        CONFIDE_RETURN_IF_ERROR(tx.uow().identity().ClearSignInFailures(info->staff_id));
        CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SessionRow> s, tx.uow().identity().GetSession(info->token_hash));
        s->mfa_at = tx.now();
        s->last_seen_at = tx.now();
        CONFIDE_RETURN_IF_ERROR(tx.uow().identity().UpdateSession(*s));
        CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.mfa", 0, 0, 0, how + " accepted"));
        return Attempt<SignInNext>{Status::Ok(), cred->must_change_password ? SignInNext::kChangePassword : SignInNext::kDone};
      });
  return Unwrap(std::move(r));
}

Result<TotpEnrolment> Identity::BeginTotpEnrolment(const std::string& token, bool reuse_pending) {
  return vault_.Transact<TotpEnrolment>(domain::kSystemActor, {"auth.totp_enrol", 0, 0, true}, [&](Vault::Tx& tx) -> Result<TotpEnrolment> {
    CONFIDE_ASSIGN_OR_RETURN(SessionInfo info, Authenticate(tx, token, false));
    // The first enrolment follows the password; changing an enrolled factor needs the old one and
    // a fresh re-authentication.
    if (info.totp_enrolled && !(info.fully_signed_in && info.RecentlyReauthenticated(tx.now(), config().reauth_window_micros))) {
      return Status::FailedPrecondition("confirm your password and a current code before changing your authenticator app");
    }
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> staff, tx.uow().staff().Get(info.staff_id));
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::CredentialRow> cred, tx.uow().identity().GetCredential(info.staff_id));
    if (!staff || !cred) return Status::PermissionDenied(kNotSignedIn);
    CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(staff->subject_id));
    CONFIDE_ASSIGN_OR_RETURN(FieldMap details, OpenFields(*key, StaffHeader(staff->id, staff->subject_id), staff->sealed));
    // A pending secret is kept beside the confirmed one: the old factor works until the new one is
    // proved.
    FieldMap fields;
    if (!cred->totp_sealed.empty()) {
      CONFIDE_ASSIGN_OR_RETURN(fields, OpenFields(*key, TotpHeader(staff->id, staff->subject_id), cred->totp_sealed));
    }
    if (!cred->totp_confirmed_at) fields.erase("secret");
    // Showing the same QR code again (a page reloaded, a code mistyped) must not replace the secret
    // the person may already have scanned.
    const bool reuse = reuse_pending && fields.count("pending") > 0;
    if (!reuse) {
      const Bytes fresh = auth::NewTotpSecret();
      fields["pending"] = std::string(fresh.begin(), fresh.end());
      CONFIDE_ASSIGN_OR_RETURN(cred->totp_sealed, SealFields(*key, TotpHeader(staff->id, staff->subject_id), fields));
      CONFIDE_RETURN_IF_ERROR(tx.uow().identity().PutCredential(*cred));
    }
    const Bytes secret(fields["pending"].begin(), fields["pending"].end());
    TotpEnrolment out;
    out.secret_base32 = auth::Base32(secret);
    out.otpauth_uri = auth::OtpauthUri(config().issuer, StaffFromFields(details).email, secret, options_.totp);
    CONFIDE_ASSIGN_OR_RETURN(out.qr_svg, auth::QrCodeSvg(out.otpauth_uri, "QR code to scan with your authenticator app"));
    CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.totp_enrol", 0, 0, 0, reuse ? "shown again" : "started"));
    return out;
  });
}

Result<std::vector<std::string>> Identity::ConfirmTotpEnrolment(const std::string& token, const std::string& code) {
  using Codes = std::vector<std::string>;
  auto r = vault_.Transact<Attempt<Codes>>(
      domain::kSystemActor, {"auth.totp_enrol", 0, 0, true}, [&](Vault::Tx& tx) -> Result<Attempt<Codes>> {
        CONFIDE_ASSIGN_OR_RETURN(SessionInfo info, Authenticate(tx, token, false));
        CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> staff, tx.uow().staff().Get(info.staff_id));
        CONFIDE_ASSIGN_OR_RETURN(std::optional<store::CredentialRow> cred, tx.uow().identity().GetCredential(info.staff_id));
        if (!staff || !cred || cred->totp_sealed.empty()) return Status::FailedPrecondition("start setting up your authenticator app first");
        CONFIDE_ASSIGN_OR_RETURN(bool locked, Locked(tx, *cred));
        if (locked) return Attempt<Codes>{Status::FailedPrecondition(kLocked)};
        CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(staff->subject_id));
        CONFIDE_ASSIGN_OR_RETURN(FieldMap fields, OpenFields(*key, TotpHeader(staff->id, staff->subject_id), cred->totp_sealed));
        if (!fields.count("pending")) return Status::FailedPrecondition("start setting up your authenticator app first");
        const std::string pending = fields["pending"];
        CONFIDE_ASSIGN_OR_RETURN(std::optional<int64_t> step,
                                 auth::MatchTotp(ByteView(reinterpret_cast<const uint8_t*>(pending.data()), pending.size()), code,
                                                 UnixSeconds(tx.now()), options_.totp, 0));
        if (!step) {
          CONFIDE_RETURN_IF_ERROR(tx.uow().identity().RecordSignInFailure(staff->id, tx.now()));
          CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.totp_enrol", 0, 0, 0, "wrong code", "failed"));
          return Attempt<Codes>{Status::PermissionDenied(kWrongCode)};
        }
        FieldMap confirmed{{"secret", pending}};
        CONFIDE_ASSIGN_OR_RETURN(cred->totp_sealed, SealFields(*key, TotpHeader(staff->id, staff->subject_id), confirmed));
        cred->totp_confirmed_at = tx.now();
        cred->totp_last_step = *step;
        CONFIDE_RETURN_IF_ERROR(tx.uow().identity().PutCredential(*cred));
        Codes codes = auth::NewRecoveryCodes();
        std::vector<Bytes> hashes;
        for (const auto& c : codes) hashes.push_back(ToBytes(auth::HashRecoveryCode(c)));
        CONFIDE_RETURN_IF_ERROR(tx.uow().identity().ReplaceRecoveryCodes(staff->id, hashes));
        // Proving the new factor completes this sign-in.
        CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SessionRow> s, tx.uow().identity().GetSession(info.token_hash));
        s->mfa_at = tx.now();
        CONFIDE_RETURN_IF_ERROR(tx.uow().identity().UpdateSession(*s));
        CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.totp_enrol", 0, 0, 0, "confirmed, recovery codes " + std::to_string(codes.size())));
        return Attempt<Codes>{Status::Ok(), std::move(codes)};
      });
  return Unwrap(std::move(r));
}

Status Identity::ChangePassword(const std::string& token, const std::string& current_password, const std::string& new_password) {
  auto r = vault_.Transact<Attempt<bool>>(
      domain::kSystemActor, {"auth.password_change", 0, 0, true}, [&](Vault::Tx& tx) -> Result<Attempt<bool>> {
        CONFIDE_ASSIGN_OR_RETURN(SessionInfo info, Authenticate(tx, token, false));
        // A half-signed-in session may change the password only once the second factor passed.
        CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SessionRow> s, tx.uow().identity().GetSession(info.token_hash));
        if (!s->mfa_at) return Status::FailedPrecondition("enter a code from your authenticator app first");
        CONFIDE_ASSIGN_OR_RETURN(std::optional<store::CredentialRow> cred, tx.uow().identity().GetCredential(info.staff_id));
        if (!cred) return Status::PermissionDenied(kNotSignedIn);
        CONFIDE_ASSIGN_OR_RETURN(bool locked, Locked(tx, *cred));
        if (locked) return Attempt<bool>{Status::FailedPrecondition(kLocked)};
        if (!auth::VerifyPassword(cred->password_hash, current_password)) {
          CONFIDE_RETURN_IF_ERROR(tx.uow().identity().RecordSignInFailure(info.staff_id, tx.now()));
          CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.password_change", 0, 0, 0, "wrong current password", "failed"));
          return Attempt<bool>{Status::PermissionDenied("Your current password is not right")};
        }
        CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> staff, tx.uow().staff().Get(info.staff_id));
        if (!staff) return Status::PermissionDenied(kNotSignedIn);
        CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(staff->subject_id));
        CONFIDE_ASSIGN_OR_RETURN(FieldMap f, OpenFields(*key, StaffHeader(staff->id, staff->subject_id), staff->sealed));
        CONFIDE_ASSIGN_OR_RETURN(domain::Organisation org, vault_.GetOrganisationIn(tx));
        CONFIDE_RETURN_IF_ERROR(auth::CheckNewPassword(new_password, *blocklist_, auth::PasswordContextWords(org.name, StaffFromFields(f).email)));
        if (auth::VerifyPassword(cred->password_hash, new_password)) {
          return Status::InvalidArgument("choose a password you have not used here before");
        }
        CONFIDE_ASSIGN_OR_RETURN(cred->password_hash, auth::HashPassword(new_password, options_.hash_params));
        cred->password_set_at = tx.now();
        cred->must_change_password = false;
        CONFIDE_RETURN_IF_ERROR(tx.uow().identity().PutCredential(*cred));
        // Every other session ends: whoever knew the old password is out.
        CONFIDE_ASSIGN_OR_RETURN(std::vector<store::SessionRow> sessions, tx.uow().identity().ListSessionsOfStaff(info.staff_id));
        int ended = 0;
        for (auto& other : sessions) {
          if (other.ended_at || other.token_hash == info.token_hash) continue;
          other.ended_at = tx.now();
          other.end_reason = "password_changed";
          CONFIDE_RETURN_IF_ERROR(tx.uow().identity().UpdateSession(other));
          ++ended;
        }
        CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.password_change", 0, 0, 0, "other sessions ended " + std::to_string(ended)));
        return Attempt<bool>{Status::Ok(), true};
      });
  return Unwrap(std::move(r)).status();
}

Status Identity::Reauthenticate(const std::string& token, const std::string& password, const std::string& code) {
  auto r = vault_.Transact<Attempt<bool>>(
      domain::kSystemActor, {"auth.reauth", 0, 0, true}, [&](Vault::Tx& tx) -> Result<Attempt<bool>> {
        CONFIDE_ASSIGN_OR_RETURN(SessionInfo info, Authenticate(tx, token, true));
        if (!info.fully_signed_in) return Status::PermissionDenied(kNotSignedIn);
        CONFIDE_ASSIGN_OR_RETURN(std::optional<store::CredentialRow> cred, tx.uow().identity().GetCredential(info.staff_id));
        CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> staff, tx.uow().staff().Get(info.staff_id));
        if (!cred || !staff) return Status::PermissionDenied(kNotSignedIn);
        CONFIDE_ASSIGN_OR_RETURN(bool locked, Locked(tx, *cred));
        if (locked) return Attempt<bool>{Status::FailedPrecondition(kLocked)};
        bool ok = auth::VerifyPassword(cred->password_hash, password);
        std::optional<int64_t> step;
        if (ok) {
          CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(staff->subject_id));
          CONFIDE_ASSIGN_OR_RETURN(FieldMap f, OpenFields(*key, TotpHeader(staff->id, staff->subject_id), cred->totp_sealed));
          const std::string& secret = f["secret"];
          CONFIDE_ASSIGN_OR_RETURN(step, auth::MatchTotp(ByteView(reinterpret_cast<const uint8_t*>(secret.data()), secret.size()), code,
                                                         UnixSeconds(tx.now()), options_.totp, cred->totp_last_step));
          ok = step.has_value();
        }
        if (!ok) {
          CONFIDE_RETURN_IF_ERROR(tx.uow().identity().RecordSignInFailure(info.staff_id, tx.now()));
          CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.reauth", 0, 0, 0, "", "failed"));
          return Attempt<bool>{Status::PermissionDenied("The password or code is not right")};
        }
        cred->totp_last_step = *step;
        CONFIDE_RETURN_IF_ERROR(tx.uow().identity().PutCredential(*cred));
        CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SessionRow> s, tx.uow().identity().GetSession(info.token_hash));
        s->reauth_at = tx.now();
        CONFIDE_RETURN_IF_ERROR(tx.uow().identity().UpdateSession(*s));
        CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.reauth", 0, 0, 0, ""));
        return Attempt<bool>{Status::Ok(), true};
      });
  return Unwrap(std::move(r)).status();
}

Status Identity::SignOut(const std::string& token) {
  auto r = vault_.Transact<Attempt<bool>>(domain::kSystemActor, {"auth.sign_out", 0, 0, true}, [&](Vault::Tx& tx) -> Result<Attempt<bool>> {
    auto info = Authenticate(tx, token, false);
    if (!info.ok()) return Attempt<bool>{info.status()};
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SessionRow> s, tx.uow().identity().GetSession(info->token_hash));
    s->ended_at = tx.now();
    s->end_reason = "sign_out";
    CONFIDE_RETURN_IF_ERROR(tx.uow().identity().UpdateSession(*s));
    CONFIDE_RETURN_IF_ERROR(tx.Audit("auth.sign_out", 0, 0, 0, ""));
    return Attempt<bool>{Status::Ok(), true};
  });
  return Unwrap(std::move(r)).status();
}

Result<Bytes> Identity::TotpSecretForTest(domain::StaffId staff_id) {
  return vault_.Transact<Bytes>(domain::kSystemActor, {"test.totp", 0, 0, true}, [&](Vault::Tx& tx) -> Result<Bytes> {
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> staff, tx.uow().staff().Get(staff_id));
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::CredentialRow> cred, tx.uow().identity().GetCredential(staff_id));
    if (!staff || !cred || cred->totp_sealed.empty()) return Status::NotFound("no TOTP secret");
    CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(staff->subject_id));
    CONFIDE_ASSIGN_OR_RETURN(FieldMap f, OpenFields(*key, TotpHeader(staff->id, staff->subject_id), cred->totp_sealed));
    const std::string& s = f.count("pending") ? f["pending"] : f["secret"];
    return Bytes(s.begin(), s.end());
  });
}

}  // namespace confide::service
