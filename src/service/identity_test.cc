// Sign-in through service::Identity, over a real vault in a temporary directory: passwords and
// their rules, TOTP enrolment and codes, recovery codes, lockout (for real and unknown accounts
// alike), sessions and their ends, re-authentication, and what reaches the database and the audit
// log.
#include "service/identity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <vector>

#include "auth/base32.h"
#include "auth/password_hash.h"
#include "auth/recovery_codes.h"
#include "auth/session_token.h"
#include "auth/totp.h"
#include "testing/test_util.h"

namespace confide::service {
namespace {

using confide::testing::TempDir;

constexpr UnixMicros kNow = 1'795'514'400'000'000;  // 2026-11-24T10:00:00Z, a Tuesday
constexpr int64_t kSecond = 1'000'000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;

constexpr const char* kOrganisation = "Northtown Council";
constexpr const char* kEmail = "sam.worker@example.org";
constexpr const char* kPassword = "correct horse battery staple";
constexpr const char* kUnknownEmail = "nobody.here@example.org";

IdentityOptions FastOptions() {
  IdentityOptions o;
  o.hash_params = auth::TestPasswordHashParams();
  return o;
}

class IdentityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions opts{kOrganisation, domain::OrganisationKind::kLocalAuthority, {"Ada Admin", "ada.admin@example.org"}};
    auto vault = Vault::Init(dir_.Str("data"), opts, clock_);
    ASSERT_OK(vault);
    vault_ = std::move(vault).value();
    identity_ = std::make_unique<Identity>(*vault_, FastOptions());
    auto worker = vault_->AddStaff(kAdmin, domain::StaffRole::kSocialWorker, "Assessment", {"Sam Worker", kEmail});
    ASSERT_OK(worker);
    worker_ = *worker;
    // The administrator has no training recorded: managing accounts is not gated by it.
    ASSERT_OK(identity_->SetPassword(kAdmin, worker_, kPassword, false));
  }

  void TearDown() override {
    if (!vault_) return;
    auto report = vault_->VerifyAudit();
    ASSERT_OK(report);
    EXPECT_TRUE(report->ok()) << "the audit log does not verify";
  }

  // The code the authenticator app shows now for `staff`'s secret (pending or confirmed).
  std::string Code(domain::StaffId staff, int64_t offset_seconds = 0) {
    auto secret = identity_->TotpSecretForTest(staff);
    EXPECT_TRUE(secret.ok()) << secret.status().ToString();
    if (!secret.ok()) return "";
    auto code = auth::Totp(*secret, clock_.NowMicros() / kSecond + offset_seconds, auth::TotpParams{});
    EXPECT_TRUE(code.ok()) << code.status().ToString();
    return code.ok() ? *code : "";
  }

  // A code that is not right now: the right one with its first digit changed.
  std::string WrongCode(domain::StaffId staff) {
    std::string c = Code(staff);
    if (!c.empty()) c[0] = static_cast<char>('0' + (c[0] - '0' + 1) % 10);
    return c;
  }

  // First sign-in: password, then enrolment. Returns the recovery codes; `token` is fully signed in.
  std::vector<std::string> Enrol(std::string* token = nullptr) {
    auto s = identity_->SignIn(kEmail, kPassword);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (!s.ok()) return {};
    EXPECT_EQ(s->next, SignInNext::kEnrolTotp);
    EXPECT_OK(identity_->BeginTotpEnrolment(s->session_token));
    auto codes = identity_->ConfirmTotpEnrolment(s->session_token, Code(worker_));
    EXPECT_TRUE(codes.ok()) << codes.status().ToString();
    if (token) *token = s->session_token;
    return codes.ok() ? *codes : std::vector<std::string>{};
  }

  // A later sign-in with password and a fresh code (the clock moves to the next time step first,
  // since a code works once).
  std::string SignInFully(const std::string& password = kPassword) {
    clock_.Advance(30 * kSecond);
    auto s = identity_->SignIn(kEmail, password);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (!s.ok()) return "";
    EXPECT_EQ(s->next, SignInNext::kTotp);
    auto next = identity_->VerifySecondFactor(s->session_token, Code(worker_));
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    return s->session_token;
  }

  store::SessionRow SessionRowOf(const std::string& token) {
    const crypto::Hash32 h = auth::HashSessionToken(token);
    auto uow = vault_->StoreForTest().Begin(store::TransactionMode::kRead);
    EXPECT_TRUE(uow.ok());
    if (!uow.ok()) return {};
    auto row = (*uow)->identity().GetSession(ByteView(h.data(), h.size()));
    EXPECT_TRUE(row.ok() && row->has_value());
    return row.ok() && row->has_value() ? **row : store::SessionRow{};
  }

  store::CredentialRow CredentialOf(domain::StaffId staff) {
    auto uow = vault_->StoreForTest().Begin(store::TransactionMode::kRead);
    EXPECT_TRUE(uow.ok());
    if (!uow.ok()) return {};
    auto row = (*uow)->identity().GetCredential(staff);
    EXPECT_TRUE(row.ok() && row->has_value());
    return row.ok() && row->has_value() ? **row : store::CredentialRow{};
  }

  uint64_t AuditCount() {
    auto head = vault_->LatestAuditHead();
    return head.ok() ? head->tree_size : 0;
  }

  std::vector<audit::AuditEntry> EntriesSince(uint64_t from) {
    std::vector<audit::AuditEntry> out;
    for (uint64_t s = from; s < AuditCount(); ++s) {
      auto e = vault_->GetAuditEntry(s);
      EXPECT_TRUE(e.ok());
      if (e.ok()) out.push_back(*e);
    }
    return out;
  }

  static constexpr domain::StaffId kAdmin = 1;
  TempDir dir_;
  FakeClock clock_{kNow};
  std::unique_ptr<Vault> vault_;
  std::unique_ptr<Identity> identity_;
  domain::StaffId worker_ = 0;
};

// ---- passwords ----------------------------------------------------------------------------------

TEST_F(IdentityTest, AnAdministratorSetsPasswordsButNotCommonOrContextualOnes) {
  // Set-up already set one (with no training recorded for the administrator). Now the refusals.
  const std::vector<std::string> refused = {
      "password1",                    // on the list of common passwords
      "PASSWORD1",                    // ... whatever the case
      "Northtown rocks 2026",         // contains the organisation's name
      "my worker password is long",   // contains the email's local part ("sam.worker" -> "worker")
      "short",                        // too short
  };
  const uint64_t before = AuditCount();
  for (const std::string& p : refused) {
    Status s = identity_->SetPassword(kAdmin, worker_, p, false);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << p;
    EXPECT_EQ(s.message().find(p), std::string::npos) << "the message repeats the password: " << s.message();
    EXPECT_FALSE(s.message().empty());
  }
  EXPECT_EQ(AuditCount(), before) << "a refused password leaves nothing behind";
  // The password set first still works.
  ASSERT_OK(identity_->SignIn(kEmail, kPassword));
  // Only someone with staff.manage sets another's password.
  ASSERT_OK_AND_ASSIGN(domain::StaffId other,
                       vault_->AddStaff(kAdmin, domain::StaffRole::kPractitioner, "Family Support", {"Pat Other", "pat.other@example.org"}));
  EXPECT_EQ(identity_->SetPassword(other, worker_, "another long passphrase", false).code(), StatusCode::kPermissionDenied);
  // A staff member without an email cannot be given a sign-in.
  ASSERT_OK_AND_ASSIGN(domain::StaffId no_email,
                       vault_->AddStaff(kAdmin, domain::StaffRole::kPractitioner, "Family Support", {"No Email", ""}));
  EXPECT_EQ(identity_->SetPassword(kAdmin, no_email, "another long passphrase", false).code(), StatusCode::kFailedPrecondition);
}

TEST_F(IdentityTest, AHashMadeWithLowerParametersIsUpgradedAtTheNextSignIn) {
  const auth::PasswordHashParams higher{2, 16 * 1024};
  ASSERT_NE(higher, auth::TestPasswordHashParams());
  const std::string old_hash = CredentialOf(worker_).password_hash;
  EXPECT_TRUE(auth::NeedsRehash(old_hash, higher));
  IdentityOptions opts;
  opts.hash_params = higher;
  Identity stronger(*vault_, opts);
  // A wrong password upgrades nothing.
  EXPECT_FALSE(stronger.SignIn(kEmail, "not the password at all").ok());
  EXPECT_EQ(CredentialOf(worker_).password_hash, old_hash);
  ASSERT_OK(stronger.SignIn(kEmail, kPassword));
  const std::string new_hash = CredentialOf(worker_).password_hash;
  EXPECT_NE(new_hash, old_hash);
  EXPECT_FALSE(auth::NeedsRehash(new_hash, higher));
  EXPECT_NE(new_hash.find("m=16,t=2"), std::string::npos) << new_hash;
  EXPECT_TRUE(auth::VerifyPassword(new_hash, kPassword));
  // And the upgraded hash still signs in.
  ASSERT_OK(stronger.SignIn(kEmail, kPassword));
  EXPECT_EQ(CredentialOf(worker_).password_hash, new_hash) << "no rehash when the parameters match";
}

// ---- second factor ------------------------------------------------------------------------------

// Showing the QR code again (a reload, a mistyped code) keeps the secret already shown; starting
// afresh replaces it.
TEST_F(IdentityTest, EnrolmentCanShowThePendingSecretAgain) {
  ASSERT_OK_AND_ASSIGN(SignInResult first, identity_->SignIn(kEmail, kPassword));
  // Nothing pending yet: reuse starts one.
  ASSERT_OK_AND_ASSIGN(TotpEnrolment shown, identity_->BeginTotpEnrolment(first.session_token, /*reuse_pending=*/true));
  ASSERT_OK_AND_ASSIGN(TotpEnrolment again, identity_->BeginTotpEnrolment(first.session_token, /*reuse_pending=*/true));
  EXPECT_EQ(again.secret_base32, shown.secret_base32);
  EXPECT_EQ(again.qr_svg, shown.qr_svg);
  ASSERT_OK_AND_ASSIGN(Bytes secret, identity_->TotpSecretForTest(worker_));
  EXPECT_EQ(auth::Base32(secret), shown.secret_base32);
  ASSERT_OK_AND_ASSIGN(TotpEnrolment fresh, identity_->BeginTotpEnrolment(first.session_token));
  EXPECT_NE(fresh.secret_base32, shown.secret_base32);
  // The code of the secret shown last is the one that confirms.
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> codes, identity_->ConfirmTotpEnrolment(first.session_token, Code(worker_)));
  EXPECT_EQ(codes.size(), 10u);
  // Once enrolled, showing a secret again needs re-authentication like any change of factor.
  EXPECT_EQ(identity_->BeginTotpEnrolment(first.session_token, true).status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(IdentityTest, FirstSignInEnrolsTheAuthenticatorAndThenSignsInFully) {
  ASSERT_OK_AND_ASSIGN(SignInResult first, identity_->SignIn(kEmail, kPassword));
  EXPECT_EQ(first.next, SignInNext::kEnrolTotp);
  EXPECT_EQ(first.staff_id, worker_);
  EXPECT_TRUE(auth::LooksLikeSessionToken(first.session_token));
  EXPECT_TRUE(auth::LooksLikeCsrfToken(first.csrf_token));
  ASSERT_OK_AND_ASSIGN(SessionInfo half, identity_->Authenticate(first.session_token));
  EXPECT_FALSE(half.fully_signed_in);
  EXPECT_FALSE(half.totp_enrolled);
  EXPECT_EQ(half.staff_id, worker_);
  // No code can be checked before there is a factor, and no enrolment confirmed before it starts.
  EXPECT_EQ(identity_->VerifySecondFactor(first.session_token, "123456").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(identity_->ConfirmTotpEnrolment(first.session_token, "123456").status().code(), StatusCode::kFailedPrecondition);

  ASSERT_OK_AND_ASSIGN(TotpEnrolment enrolment, identity_->BeginTotpEnrolment(first.session_token));
  ASSERT_OK_AND_ASSIGN(Bytes secret, identity_->TotpSecretForTest(worker_));
  EXPECT_EQ(secret.size(), 20u);
  EXPECT_EQ(enrolment.secret_base32, auth::Base32(secret));
  EXPECT_EQ(enrolment.otpauth_uri.rfind("otpauth://totp/", 0), 0u) << enrolment.otpauth_uri;
  EXPECT_NE(enrolment.otpauth_uri.find("secret=" + enrolment.secret_base32), std::string::npos);
  EXPECT_NE(enrolment.otpauth_uri.find("issuer=Confide"), std::string::npos);
  EXPECT_NE(enrolment.qr_svg.find("<svg"), std::string::npos);
  EXPECT_NE(enrolment.qr_svg.find("</svg>"), std::string::npos);

  auto wrong = identity_->ConfirmTotpEnrolment(first.session_token, WrongCode(worker_));
  EXPECT_EQ(wrong.status().code(), StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(SessionInfo still_half, identity_->Authenticate(first.session_token));
  EXPECT_FALSE(still_half.fully_signed_in);
  EXPECT_FALSE(still_half.totp_enrolled);

  ASSERT_OK_AND_ASSIGN(std::vector<std::string> codes, identity_->ConfirmTotpEnrolment(first.session_token, Code(worker_)));
  ASSERT_EQ(codes.size(), 10u);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 10u);
  for (const auto& c : codes) EXPECT_TRUE(auth::LooksLikeRecoveryCode(c)) << c;
  ASSERT_OK_AND_ASSIGN(SessionInfo full, identity_->Authenticate(first.session_token));
  EXPECT_TRUE(full.fully_signed_in);
  EXPECT_TRUE(full.totp_enrolled);

  // From now on sign-in asks for a code.
  clock_.Advance(30 * kSecond);
  ASSERT_OK_AND_ASSIGN(SignInResult second, identity_->SignIn(kEmail, kPassword));
  EXPECT_EQ(second.next, SignInNext::kTotp);
  EXPECT_NE(second.session_token, first.session_token);
  ASSERT_OK_AND_ASSIGN(SessionInfo second_half, identity_->Authenticate(second.session_token));
  EXPECT_FALSE(second_half.fully_signed_in);
  EXPECT_EQ(identity_->VerifySecondFactor(second.session_token, WrongCode(worker_)).status().code(), StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(SignInNext next, identity_->VerifySecondFactor(second.session_token, Code(worker_)));
  EXPECT_EQ(next, SignInNext::kDone);
  ASSERT_OK_AND_ASSIGN(SessionInfo second_full, identity_->Authenticate(second.session_token));
  EXPECT_TRUE(second_full.fully_signed_in);
}

TEST_F(IdentityTest, ACodeIsAcceptedOnce) {
  Enrol();
  clock_.Advance(30 * kSecond);
  const std::string code = Code(worker_);
  ASSERT_OK_AND_ASSIGN(SignInResult a, identity_->SignIn(kEmail, kPassword));
  ASSERT_OK(identity_->VerifySecondFactor(a.session_token, code));
  // The same code, replayed in another session within its time step, is refused.
  ASSERT_OK_AND_ASSIGN(SignInResult b, identity_->SignIn(kEmail, kPassword));
  auto replay = identity_->VerifySecondFactor(b.session_token, code);
  EXPECT_EQ(replay.status().code(), StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(SessionInfo b_info, identity_->Authenticate(b.session_token));
  EXPECT_FALSE(b_info.fully_signed_in);
  // So is an earlier code still inside the drift window.
  EXPECT_EQ(identity_->VerifySecondFactor(b.session_token, Code(worker_, -30)).status().code(), StatusCode::kPermissionDenied);
  // The next time step's code works.
  clock_.Advance(30 * kSecond);
  ASSERT_OK(identity_->VerifySecondFactor(b.session_token, Code(worker_)));
}

TEST_F(IdentityTest, ARecoveryCodeWorksOnce) {
  const std::vector<std::string> codes = Enrol();
  ASSERT_EQ(codes.size(), 10u);
  clock_.Advance(30 * kSecond);
  ASSERT_OK_AND_ASSIGN(SignInResult a, identity_->SignIn(kEmail, kPassword));
  ASSERT_OK_AND_ASSIGN(SignInNext next, identity_->VerifySecondFactor(a.session_token, codes[0]));
  EXPECT_EQ(next, SignInNext::kDone);
  ASSERT_OK_AND_ASSIGN(SessionInfo info, identity_->Authenticate(a.session_token));
  EXPECT_TRUE(info.fully_signed_in);
  ASSERT_OK_AND_ASSIGN(SignInResult b, identity_->SignIn(kEmail, kPassword));
  EXPECT_EQ(identity_->VerifySecondFactor(b.session_token, codes[0]).status().code(), StatusCode::kPermissionDenied);
  // Typed differently (capitals, no dashes), the same used code is still refused ...
  std::string shouted = codes[0];
  shouted.erase(std::remove(shouted.begin(), shouted.end(), '-'), shouted.end());
  std::transform(shouted.begin(), shouted.end(), shouted.begin(), [](unsigned char c) { return std::toupper(c); });
  EXPECT_EQ(identity_->VerifySecondFactor(b.session_token, shouted).status().code(), StatusCode::kPermissionDenied);
  // ... and an unused one works.
  ASSERT_OK(identity_->VerifySecondFactor(b.session_token, codes[1]));
}

// ---- wrong credentials and lockout --------------------------------------------------------------

TEST_F(IdentityTest, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
  auto wrong = identity_->SignIn(kEmail, "not the password at all");
  auto unknown = identity_->SignIn(kUnknownEmail, "not the password at all");
  auto unknown_right_password = identity_->SignIn(kUnknownEmail, kPassword);
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(unknown.status().code(), wrong.status().code());
  EXPECT_EQ(unknown.status().message(), wrong.status().message());
  EXPECT_EQ(unknown_right_password.status().code(), wrong.status().code());
  EXPECT_EQ(unknown_right_password.status().message(), wrong.status().message());
  EXPECT_EQ(wrong.status().message().find("not the password"), std::string::npos);
  // The email is not case- or space-sensitive.
  ASSERT_OK_AND_ASSIGN(SignInResult ok, identity_->SignIn("  Sam.Worker@EXAMPLE.org ", kPassword));
  EXPECT_EQ(ok.staff_id, worker_);
}

TEST_F(IdentityTest, TenFailuresWithinFiveMinutesLockTheAccountForFifteen) {
  const uint64_t before = AuditCount();
  Status last_wrong;
  for (int i = 0; i < 10; ++i) {
    clock_.Advance(20 * kSecond);  // all ten within 200 seconds
    auto r = identity_->SignIn(kEmail, "not the password at all");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied) << "attempt " << i + 1;
    last_wrong = r.status();
  }
  // The 11th attempt, with the right password, is refused with the lock message.
  auto locked = identity_->SignIn(kEmail, kPassword);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(locked.status().message().find("Too many attempts"), std::string::npos) << locked.status().message();
  EXPECT_NE(locked.status().message(), last_wrong.message());
  // An unknown email, failed ten times, gets exactly the same.
  for (int i = 0; i < 10; ++i) {
    auto r = identity_->SignIn(kUnknownEmail, "not the password at all");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), last_wrong.code()) << "attempt " << i + 1;
    EXPECT_EQ(r.status().message(), last_wrong.message()) << "attempt " << i + 1;
  }
  auto unknown_locked = identity_->SignIn(kUnknownEmail, kPassword);
  ASSERT_FALSE(unknown_locked.ok());
  EXPECT_EQ(unknown_locked.status().code(), locked.status().code());
  EXPECT_EQ(unknown_locked.status().message(), locked.status().message());
  // The lockout is in the audit log, with the staff member as the actor.
  bool lockout_event = false;
  for (const auto& e : EntriesSince(before)) {
    if (e.event.action == "auth.lockout") {
      lockout_event = true;
      EXPECT_EQ(e.event.actor, worker_);
    }
    EXPECT_EQ(e.event.detail.find(kUnknownEmail), std::string::npos) << "an unknown email is never logged";
    EXPECT_EQ(e.event.detail.find("not the password"), std::string::npos);
  }
  EXPECT_TRUE(lockout_event);
  // 14 minutes on, still locked (both); at 15 minutes the locks have gone.
  clock_.Advance(14 * kMinute);
  EXPECT_EQ(identity_->SignIn(kEmail, kPassword).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(identity_->SignIn(kUnknownEmail, kPassword).status().code(), StatusCode::kFailedPrecondition);
  clock_.Advance(1 * kMinute);
  ASSERT_OK(identity_->SignIn(kEmail, kPassword));
  auto unknown_after = identity_->SignIn(kUnknownEmail, kPassword);
  EXPECT_EQ(unknown_after.status().code(), last_wrong.code());
  EXPECT_EQ(unknown_after.status().message(), last_wrong.message());
}

TEST_F(IdentityTest, FailuresOlderThanFiveMinutesAreForgotten) {
  for (const char* email : {kEmail, kUnknownEmail}) {
    for (int i = 0; i < 9; ++i) ASSERT_FALSE(identity_->SignIn(email, "not the password at all").ok());
    clock_.Advance(5 * kMinute + kSecond);
    // A tenth failure, but the first nine are out of the window: no lock.
    auto tenth = identity_->SignIn(email, "not the password at all");
    EXPECT_EQ(tenth.status().code(), StatusCode::kPermissionDenied) << email;
    auto after = identity_->SignIn(email, "not the password at all");
    EXPECT_EQ(after.status().code(), StatusCode::kPermissionDenied) << email << " was locked";
  }
  ASSERT_OK(identity_->SignIn(kEmail, kPassword));
  // Whereas nine failures and a tenth four minutes later do lock.
  clock_.Advance(20 * kMinute);
  for (int i = 0; i < 9; ++i) ASSERT_FALSE(identity_->SignIn(kEmail, "not the password at all").ok());
  clock_.Advance(4 * kMinute);
  ASSERT_FALSE(identity_->SignIn(kEmail, "not the password at all").ok());
  EXPECT_EQ(identity_->SignIn(kEmail, kPassword).status().code(), StatusCode::kFailedPrecondition);
}

// A coarse guard that the unknown-email path really verifies a dummy hash (so the response time
// does not tell which accounts exist). Not a benchmark: the bounds are wide.
TEST_F(IdentityTest, AnUnknownEmailTakesAsLongAsAWrongPassword) {
  Identity real_cost(*vault_);  // DefaultPasswordHashParams: ~70 ms a hash
  ASSERT_OK(real_cost.SetPassword(kAdmin, worker_, kPassword, false));
  using Clock = std::chrono::steady_clock;
  std::vector<double> known, unknown;
  for (int i = 0; i < 15; ++i) {
    // 40 seconds apart, so neither reaches 10 failures in 5 minutes and locks.
    clock_.Advance(40 * kSecond);
    auto t0 = Clock::now();
    EXPECT_EQ(real_cost.SignIn(kEmail, "not the password at all").status().code(), StatusCode::kPermissionDenied);
    auto t1 = Clock::now();
    EXPECT_EQ(real_cost.SignIn(kUnknownEmail, "not the password at all").status().code(), StatusCode::kPermissionDenied);
    auto t2 = Clock::now();
    known.push_back(std::chrono::duration<double>(t1 - t0).count());
    unknown.push_back(std::chrono::duration<double>(t2 - t1).count());
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  const double ratio = median(unknown) / median(known);
  EXPECT_GT(ratio, 0.5) << "unknown " << median(unknown) << " s, known " << median(known) << " s";
  EXPECT_LT(ratio, 2.0) << "unknown " << median(unknown) << " s, known " << median(known) << " s";
  EXPECT_GT(median(known), 0.005) << "the default parameters should cost milliseconds";
}

// ---- sessions -----------------------------------------------------------------------------------

TEST_F(IdentityTest, AnIdleSessionEnds) {
  std::string token;
  Enrol(&token);
  ASSERT_OK(identity_->Authenticate(token));
  clock_.Advance(16 * kMinute);
  auto r = identity_->Authenticate(token);
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  // Same words as a token that never existed.
  EXPECT_EQ(r.status().message(), identity_->Authenticate(auth::NewSessionToken()).status().message());
  EXPECT_EQ(r.status().message(), identity_->Authenticate("garbage").status().message());
  const store::SessionRow row = SessionRowOf(token);
  ASSERT_TRUE(row.ended_at.has_value());
  EXPECT_EQ(*row.ended_at, clock_.NowMicros());
  EXPECT_EQ(row.end_reason, "idle");
  // It stays ended.
  clock_.Advance(kSecond);
  EXPECT_FALSE(identity_->Authenticate(token).ok());
  EXPECT_EQ(SessionRowOf(token).end_reason, "idle");
}

TEST_F(IdentityTest, ActivityWithinTheIdleWindowKeepsASessionAlive) {
  std::string token;
  Enrol(&token);
  for (int i = 0; i < 6; ++i) {
    clock_.Advance(10 * kMinute);
    ASSERT_OK_AND_ASSIGN(SessionInfo info, identity_->Authenticate(token));
    EXPECT_EQ(info.last_seen_at, clock_.NowMicros());
    EXPECT_EQ(info.idle_expires_at, clock_.NowMicros() + 15 * kMinute);
  }
  EXPECT_EQ(SessionRowOf(token).last_seen_at, clock_.NowMicros());
  clock_.Advance(15 * kMinute);
  EXPECT_FALSE(identity_->Authenticate(token).ok());
  EXPECT_EQ(SessionRowOf(token).end_reason, "idle");
}

TEST_F(IdentityTest, ASessionEndsAtItsAbsoluteLimitWhateverTheActivity) {
  std::string token;
  Enrol(&token);
  const UnixMicros created = clock_.NowMicros();
  ASSERT_OK_AND_ASSIGN(SessionInfo first, identity_->Authenticate(token));
  EXPECT_EQ(first.absolute_expires_at, created + 10 * kHour);
  while (clock_.NowMicros() + 10 * kMinute < created + 10 * kHour) {
    clock_.Advance(10 * kMinute);
    auto alive = identity_->Authenticate(token);
    ASSERT_TRUE(alive.ok()) << (clock_.NowMicros() - created) / kMinute << " minutes: " << alive.status().ToString();
  }
  clock_.Set(created + 10 * kHour);
  EXPECT_EQ(identity_->Authenticate(token).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(SessionRowOf(token).end_reason, "expired");
}

TEST_F(IdentityTest, SignOutEndsTheSessionOnTheServer) {
  std::string token;
  Enrol(&token);
  ASSERT_OK(identity_->SignOut(token));
  EXPECT_EQ(identity_->Authenticate(token).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(SessionRowOf(token).end_reason, "sign_out");
  EXPECT_EQ(identity_->SignOut(token).code(), StatusCode::kPermissionDenied);
  // The other steps refuse an ended session too.
  clock_.Advance(30 * kSecond);
  EXPECT_FALSE(identity_->VerifySecondFactor(token, Code(worker_)).ok());
  EXPECT_FALSE(identity_->Reauthenticate(token, kPassword, Code(worker_)).ok());
}

TEST_F(IdentityTest, DisablingAnAccountEndsItsSessionsAndRefusesSignInLikeAWrongPassword) {
  std::string token;
  Enrol(&token);
  const std::string second = SignInFully();
  ASSERT_OK(vault_->UpdateStaff(kAdmin, worker_, domain::StaffRole::kSocialWorker, "Assessment", false));
  EXPECT_EQ(identity_->Authenticate(token).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(identity_->Authenticate(second).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(SessionRowOf(token).end_reason, "disabled");
  EXPECT_EQ(SessionRowOf(second).end_reason, "disabled");
  auto right = identity_->SignIn(kEmail, kPassword);
  auto wrong = identity_->SignIn(kEmail, "not the password at all");
  ASSERT_FALSE(right.ok());
  EXPECT_EQ(right.status().code(), wrong.status().code());
  EXPECT_EQ(right.status().message(), wrong.status().message());
  // Enabled again, the account signs in.
  ASSERT_OK(vault_->UpdateStaff(kAdmin, worker_, domain::StaffRole::kSocialWorker, "Assessment", true));
  SignInFully();
}

TEST_F(IdentityTest, ChangingThePasswordEndsTheOtherSessions) {
  std::string mine;
  Enrol(&mine);
  const std::string other = SignInFully();
  ASSERT_OK_AND_ASSIGN(SignInResult half, identity_->SignIn(kEmail, kPassword));
  const std::string next_password = "a brand new passphrase here";
  // A half-signed-in session cannot change the password.
  EXPECT_EQ(identity_->ChangePassword(half.session_token, kPassword, next_password).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(identity_->ChangePassword(mine, "not the password at all", next_password).code(), StatusCode::kPermissionDenied);
  Status common = identity_->ChangePassword(mine, kPassword, "password1");
  EXPECT_EQ(common.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(common.message().find("password1"), std::string::npos);
  EXPECT_EQ(identity_->ChangePassword(mine, kPassword, kPassword).code(), StatusCode::kInvalidArgument);
  ASSERT_OK(identity_->Authenticate(other));  // nothing ended yet

  ASSERT_OK(identity_->ChangePassword(mine, kPassword, next_password));
  ASSERT_OK_AND_ASSIGN(SessionInfo still, identity_->Authenticate(mine));
  EXPECT_TRUE(still.fully_signed_in);
  EXPECT_EQ(identity_->Authenticate(other).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(SessionRowOf(other).end_reason, "password_changed");
  EXPECT_FALSE(identity_->Authenticate(half.session_token).ok());
  EXPECT_EQ(identity_->SignIn(kEmail, kPassword).status().code(), StatusCode::kPermissionDenied);
  SignInFully(next_password);
}

TEST_F(IdentityTest, APasswordSetByAnAdministratorMustBeChangedAfterTheSecondFactor) {
  std::string token;
  Enrol(&token);
  const std::string temporary = "temporary passphrase 7781";
  ASSERT_OK(identity_->SetPassword(kAdmin, worker_, temporary, true));
  // Setting a password ends the sessions the old one opened.
  EXPECT_FALSE(identity_->Authenticate(token).ok());
  EXPECT_EQ(SessionRowOf(token).end_reason, "password_changed");
  clock_.Advance(30 * kSecond);
  ASSERT_OK_AND_ASSIGN(SignInResult s, identity_->SignIn(kEmail, temporary));
  EXPECT_EQ(s.next, SignInNext::kTotp);
  ASSERT_OK_AND_ASSIGN(SessionInfo before_code, identity_->Authenticate(s.session_token));
  EXPECT_FALSE(before_code.second_factor_passed);
  ASSERT_OK_AND_ASSIGN(SignInNext next, identity_->VerifySecondFactor(s.session_token, Code(worker_)));
  EXPECT_EQ(next, SignInNext::kChangePassword);
  ASSERT_OK_AND_ASSIGN(SessionInfo info, identity_->Authenticate(s.session_token));
  EXPECT_FALSE(info.fully_signed_in);
  EXPECT_TRUE(info.second_factor_passed);  // the code is done: only the password change is left
  EXPECT_TRUE(info.must_change_password);
  ASSERT_OK(identity_->ChangePassword(s.session_token, temporary, "my own chosen passphrase"));
  ASSERT_OK_AND_ASSIGN(SessionInfo changed, identity_->Authenticate(s.session_token));
  EXPECT_TRUE(changed.fully_signed_in);
  EXPECT_FALSE(changed.must_change_password);
}

TEST_F(IdentityTest, ReauthenticationNeedsThePasswordAndAFreshCode) {
  std::string token;
  Enrol(&token);
  ASSERT_OK_AND_ASSIGN(SessionInfo before, identity_->Authenticate(token));
  EXPECT_FALSE(before.reauth_at.has_value());
  clock_.Advance(30 * kSecond);
  const std::string code = Code(worker_);
  EXPECT_EQ(identity_->Reauthenticate(token, "not the password at all", code).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(identity_->Reauthenticate(token, kPassword, WrongCode(worker_)).code(), StatusCode::kPermissionDenied);
  ASSERT_OK(identity_->Reauthenticate(token, kPassword, code));
  ASSERT_OK_AND_ASSIGN(SessionInfo after, identity_->Authenticate(token));
  ASSERT_TRUE(after.reauth_at.has_value());
  EXPECT_EQ(*after.reauth_at, clock_.NowMicros());
  // The code just used will not do again.
  clock_.Advance(kSecond);
  EXPECT_EQ(identity_->Reauthenticate(token, kPassword, code).code(), StatusCode::kPermissionDenied);
  // A half-signed-in session cannot re-authenticate.
  clock_.Advance(30 * kSecond);
  ASSERT_OK_AND_ASSIGN(SignInResult half, identity_->SignIn(kEmail, kPassword));
  EXPECT_FALSE(identity_->Reauthenticate(half.session_token, kPassword, Code(worker_)).ok());
}

TEST_F(IdentityTest, ChangingTheAuthenticatorNeedsARecentReauthentication) {
  std::string token;
  Enrol(&token);
  EXPECT_EQ(identity_->BeginTotpEnrolment(token).status().code(), StatusCode::kFailedPrecondition);
  clock_.Advance(30 * kSecond);
  ASSERT_OK(identity_->Reauthenticate(token, kPassword, Code(worker_)));
  ASSERT_OK_AND_ASSIGN(Bytes old_secret, identity_->TotpSecretForTest(worker_));
  ASSERT_OK_AND_ASSIGN(TotpEnrolment fresh, identity_->BeginTotpEnrolment(token));
  ASSERT_OK_AND_ASSIGN(Bytes pending, identity_->TotpSecretForTest(worker_));
  EXPECT_NE(pending, old_secret);
  EXPECT_EQ(fresh.secret_base32, auth::Base32(pending));
  // Until the new factor is confirmed, the old one still signs in.
  clock_.Advance(30 * kSecond);
  ASSERT_OK_AND_ASSIGN(SignInResult s, identity_->SignIn(kEmail, kPassword));
  ASSERT_OK_AND_ASSIGN(std::string old_code, auth::Totp(old_secret, clock_.NowMicros() / kSecond, {}));
  ASSERT_OK(identity_->VerifySecondFactor(s.session_token, old_code));
  // The re-authentication lasts 5 minutes.
  clock_.Advance(5 * kMinute);
  ASSERT_OK(identity_->Authenticate(token));
  EXPECT_EQ(identity_->BeginTotpEnrolment(token).status().code(), StatusCode::kFailedPrecondition);
}

// ---- what is stored and logged ------------------------------------------------------------------

TEST_F(IdentityTest, SessionTokensAndSecretsAreNeverStoredInClear) {
  ASSERT_OK_AND_ASSIGN(SignInResult s, identity_->SignIn(kEmail, kPassword));
  ASSERT_OK_AND_ASSIGN(TotpEnrolment enrolment, identity_->BeginTotpEnrolment(s.session_token));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> codes, identity_->ConfirmTotpEnrolment(s.session_token, Code(worker_)));
  const std::string db = vault_->config().database_path;
  const std::string bytes = confide::testing::ReadFileForTest(db) + confide::testing::ReadFileForTest(db + "-wal");
  ASSERT_GT(bytes.size(), 0u);
  // The scan does see what is stored: the token's hash is there.
  const crypto::Hash32 h = auth::HashSessionToken(s.session_token);
  EXPECT_NE(bytes.find(std::string(h.begin(), h.end())), std::string::npos);
  EXPECT_EQ(bytes.find(s.session_token), std::string::npos) << "the session token is stored in clear";
  EXPECT_EQ(bytes.find(s.csrf_token), std::string::npos) << "the CSRF token is stored in clear";
  EXPECT_EQ(bytes.find(kPassword), std::string::npos) << "the password is stored in clear";
  EXPECT_EQ(bytes.find(kEmail), std::string::npos) << "the sign-in email is stored in clear";
  EXPECT_EQ(bytes.find(enrolment.secret_base32), std::string::npos) << "the TOTP secret is stored in clear";
  ASSERT_OK_AND_ASSIGN(Bytes secret, identity_->TotpSecretForTest(worker_));
  EXPECT_EQ(bytes.find(std::string(secret.begin(), secret.end())), std::string::npos);
  for (const auto& c : codes) {
    EXPECT_EQ(bytes.find(c), std::string::npos) << "a recovery code is stored in clear";
    EXPECT_EQ(bytes.find(auth::NormaliseRecoveryCode(c)), std::string::npos);
  }
}

TEST_F(IdentityTest, SignInsFailuresLockoutsAndSignOutsAreAudited) {
  const uint64_t start = AuditCount();
  std::string token;
  Enrol(&token);
  clock_.Advance(30 * kSecond);
  ASSERT_OK_AND_ASSIGN(SignInResult s, identity_->SignIn(kEmail, kPassword));
  ASSERT_FALSE(identity_->VerifySecondFactor(s.session_token, WrongCode(worker_)).ok());
  ASSERT_OK(identity_->VerifySecondFactor(s.session_token, Code(worker_)));
  ASSERT_OK(identity_->SignOut(s.session_token));
  for (int i = 0; i < 10; ++i) ASSERT_FALSE(identity_->SignIn(kEmail, "not the password at all").ok());
  ASSERT_FALSE(identity_->SignIn(kEmail, kPassword).ok());  // locked

  ASSERT_OK_AND_ASSIGN(std::vector<AccessEvent> mine,
                       vault_->AccessLogForStaff(worker_, worker_, kNow - kMinute, clock_.NowMicros() + kMinute, 1000));
  std::map<std::string, std::multiset<std::string>> outcomes;  // action -> outcomes
  for (const auto& e : mine) {
    EXPECT_EQ(e.actor, worker_);
    outcomes[e.action].insert(e.outcome);
  }
  EXPECT_EQ(outcomes["auth.sign_in"].count("ok"), 2u);
  EXPECT_EQ(outcomes["auth.sign_in"].count("failed"), 10u);
  EXPECT_EQ(outcomes["auth.sign_in"].count("locked"), 1u);
  EXPECT_EQ(outcomes["auth.mfa"].count("ok"), 1u);
  EXPECT_EQ(outcomes["auth.mfa"].count("failed"), 1u);
  EXPECT_EQ(outcomes["auth.lockout"].size(), 1u);
  EXPECT_EQ(outcomes["auth.sign_out"].count("ok"), 1u);
  EXPECT_EQ(outcomes["auth.totp_enrol"].count("ok"), 2u);  // started, confirmed
  // No secret reaches the log.
  for (const auto& e : EntriesSince(start)) {
    EXPECT_EQ(e.event.detail.find(kPassword), std::string::npos);
    EXPECT_EQ(e.event.detail.find(kEmail), std::string::npos);
    EXPECT_EQ(e.event.detail.find(s.session_token), std::string::npos);
  }
  // Someone else's sign-ins are for access_log.read only.
  ASSERT_OK_AND_ASSIGN(domain::StaffId colleague,
                       vault_->AddStaff(kAdmin, domain::StaffRole::kSocialWorker, "Assessment", {"Col League", "col@example.org"}));
  EXPECT_EQ(vault_->AccessLogForStaff(colleague, worker_, kNow - kMinute, clock_.NowMicros() + kMinute, 1000).status().code(),
            StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, vault_->VerifyAudit());
  EXPECT_TRUE(report.ok());
}

}  // namespace
}  // namespace confide::service
