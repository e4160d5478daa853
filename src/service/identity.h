// Identity: staff sign-in with a password and a TOTP second factor, and the sessions that follow.
//
// - Passwords are argon2id hashes (auth/password_hash.h), rehashed at sign-in when the parameters
//   rise; new passwords are checked against the shipped list of common and breached passwords.
// - The sign-in name is the staff member's email, never stored in clear: its keyed blind index
//   finds the credentials.
// - Every account has a TOTP second factor. After the password a session is half signed in: it can
//   only pass the second factor (or enrol one, the first time). A code works once.
// - 10 failures within 5 minutes lock sign-in for 15 minutes. Unknown emails are throttled and
//   locked exactly like real ones, take the same time (a dummy hash is verified) and get the same
//   message, so neither words nor timing tell whether an account exists.
// - Session tokens are 256-bit random and stored only as hashes. Sessions end when idle (15
//   minutes by default), after an absolute limit, at sign-out, and when the account is disabled or
//   its password changed. MFA changes and exports need a re-authentication within minutes.
// - Every sign-in, failure, lock, enrolment and sign-out is in the audit log.
//
// Thread-safety: may be shared between threads.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/lockout.h"
#include "auth/password_hash.h"
#include "auth/password_policy.h"
#include "auth/totp.h"
#include "common/clock.h"
#include "service/vault.h"

namespace confide::service {

// What the client must do after a step of sign-in.
enum class SignInNext {
  kTotp,          // enter a code from the authenticator app (or a recovery code)
  kEnrolTotp,     // first sign-in: set up the authenticator app
  kChangePassword,  // the password was set by an administrator: choose your own
  kDone,          // fully signed in
};
std::string_view ToString(SignInNext n);

struct SignInResult {
  std::string session_token;  // give to the client once; Confide keeps only its hash
  std::string csrf_token;     // for cookie sessions: sent back in a header with every change
  domain::StaffId staff_id = 0;
  SignInNext next = SignInNext::kTotp;
};

struct TotpEnrolment {
  std::string secret_base32;  // shown as text for people who cannot scan
  std::string otpauth_uri;
  std::string qr_svg;
};

// An authenticated session, as a request sees it.
struct SessionInfo {
  domain::StaffId staff_id = 0;
  bool fully_signed_in = false;  // the second factor passed and no password change is pending
  bool second_factor_passed = false;
  bool must_change_password = false;
  bool totp_enrolled = false;
  UnixMicros created_at = 0;
  UnixMicros last_seen_at = 0;
  UnixMicros idle_expires_at = 0;
  UnixMicros absolute_expires_at = 0;
  std::optional<UnixMicros> reauth_at;
  Bytes csrf_hash;
  Bytes token_hash;

  bool RecentlyReauthenticated(UnixMicros now, int64_t window) const { return reauth_at && now - *reauth_at < window; }
};

struct IdentityOptions {
  auth::PasswordHashParams hash_params = auth::DefaultPasswordHashParams();
  auth::TotpParams totp;
  // How stale a session's last_seen_at may get before a request writes it (idle timeouts are
  // checked against the written value plus this slack, so it is kept small).
  int64_t touch_interval_micros = int64_t{30} * 1000000;
};

class Identity {
 public:
  // `vault` must outlive the Identity. The blocklist is the shipped one unless given.
  Identity(Vault& vault, IdentityOptions options = {}, std::optional<auth::PasswordBlocklist> blocklist = {});

  // ---- accounts (administrators) ----
  // Sets a staff member's password, and their sign-in name to their email. `must_change` makes
  // them choose their own at the next sign-in. Ends their other sessions.
  Status SetPassword(domain::StaffId actor, domain::StaffId staff, const std::string& password, bool must_change);
  // Removes a staff member's second factor so they enrol again (lost phone). Needs staff.manage.
  Status ResetTotp(domain::StaffId actor, domain::StaffId staff);

  // ---- sign-in ----
  // kPermissionDenied "The email address or password is not right" for any wrong email, password
  // or disabled account; kFailedPrecondition "Too many attempts..." while locked.
  Result<SignInResult> SignIn(const std::string& email, const std::string& password);
  // Second factor: a 6-digit code, or a recovery code (each works once).
  Result<SignInNext> VerifySecondFactor(const std::string& token, const std::string& code);
  // Starts setting up the authenticator app: a new pending secret, or with `reuse_pending` the one
  // already pending, if any (the same QR code shown again).
  Result<TotpEnrolment> BeginTotpEnrolment(const std::string& token, bool reuse_pending = false);
  // Confirms enrolment with a first code; returns 10 recovery codes (shown once).
  Result<std::vector<std::string>> ConfirmTotpEnrolment(const std::string& token, const std::string& code);
  Status ChangePassword(const std::string& token, const std::string& current_password, const std::string& new_password);
  // Password and a fresh code again, before MFA changes and exports.
  Status Reauthenticate(const std::string& token, const std::string& password, const std::string& code);
  Status SignOut(const std::string& token);

  // The session behind a token. kPermissionDenied (uniform) if unknown, ended, idle too long or
  // past its absolute limit (the session is then ended with that reason).
  Result<SessionInfo> Authenticate(const std::string& token);

  const SignInConfig& config() const { return vault_.config().sign_in; }

  // TEST ONLY: the TOTP secret of an enrolment in progress or confirmed, to make codes.
  Result<Bytes> TotpSecretForTest(domain::StaffId staff);

 private:
  struct Failures;  // throttling of unknown emails (in memory)
  Result<Bytes> LoginTerm(const std::string& email) const;
  // In a read transaction, sets *write_needed (and changes nothing) when the session has to be
  // ended or touched: the caller then checks again in a write transaction.
  Result<SessionInfo> Authenticate(Vault::Tx& tx, const std::string& token, bool touch, bool* write_needed = nullptr);

  Vault& vault_;
  IdentityOptions options_;
  std::shared_ptr<const auth::PasswordBlocklist> blocklist_;
  std::mutex unknown_mu_;
  std::map<Bytes, auth::LockoutState> unknown_failures_;  // failures and lock, as for real accounts
};

}  // namespace confide::service
