// The sign-in repository over a real SQLite file: credentials, sign-in failures, recovery codes,
// sessions.
#include <gtest/gtest.h>

#include "store/sqlite/sqlite_test_fixture.h"

namespace confide::store::sqlite {
namespace {

class SqliteIdentityStoreTest : public SqliteStoreFixture {
 protected:
  void SetUp() override {
    SqliteStoreFixture::SetUp();
    auto uow = Write();
    ASSERT_OK(uow);
    auto a = AddStaff(**uow);
    ASSERT_OK(a);
    auto b = AddStaff(**uow);
    ASSERT_OK(b);
    alice_ = *a;
    bob_ = *b;
    ASSERT_OK((*uow)->Commit());
  }

  CredentialRow Credential(int64_t staff_id, Bytes login_term) {
    CredentialRow c;
    c.staff_id = staff_id;
    c.login_term = std::move(login_term);
    c.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    c.password_set_at = 1000;
    return c;
  }

  SessionRow Session(Bytes token_hash, int64_t staff_id, UnixMicros created_at) {
    SessionRow s;
    s.token_hash = std::move(token_hash);
    s.staff_id = staff_id;
    s.created_at = created_at;
    s.last_seen_at = created_at;
    return s;
  }

  int64_t alice_ = 0;
  int64_t bob_ = 0;
};

void ExpectSameCredential(const CredentialRow& got, const CredentialRow& want) {
  EXPECT_EQ(got.staff_id, want.staff_id);
  EXPECT_EQ(got.login_term, want.login_term);
  EXPECT_EQ(got.password_hash, want.password_hash);
  EXPECT_EQ(got.password_set_at, want.password_set_at);
  EXPECT_EQ(got.must_change_password, want.must_change_password);
  EXPECT_EQ(got.totp_sealed, want.totp_sealed);
  EXPECT_EQ(got.totp_confirmed_at, want.totp_confirmed_at);
  EXPECT_EQ(got.totp_last_step, want.totp_last_step);
  EXPECT_EQ(got.locked_until, want.locked_until);
}

void ExpectSameSession(const SessionRow& got, const SessionRow& want) {
  EXPECT_EQ(got.token_hash, want.token_hash);
  EXPECT_EQ(got.staff_id, want.staff_id);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.last_seen_at, want.last_seen_at);
  EXPECT_EQ(got.mfa_at, want.mfa_at);
  EXPECT_EQ(got.reauth_at, want.reauth_at);
  EXPECT_EQ(got.ended_at, want.ended_at);
  EXPECT_EQ(got.end_reason, want.end_reason);
  EXPECT_EQ(got.csrf_hash, want.csrf_hash);
}

// ---- credentials ----

TEST_F(SqliteIdentityStoreTest, CredentialsAreInsertedReplacedAndFoundByLoginTerm) {
  const Bytes term_a(16, 0xA1), term_a2(16, 0xA2);
  CredentialRow first = Credential(alice_, term_a);
  first.must_change_password = true;  // no TOTP yet: stored as NULL, read back empty
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK(uow->identity().PutCredential(first));
    ASSERT_OK(uow->Commit());
  }
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Read());
    ASSERT_OK_AND_ASSIGN(auto got, uow->identity().GetCredential(alice_));
    ASSERT_TRUE(got.has_value());
    ExpectSameCredential(*got, first);
    ASSERT_OK_AND_ASSIGN(auto found, uow->identity().FindCredentialByLogin(term_a));
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->staff_id, alice_);
    ASSERT_OK_AND_ASSIGN(auto none, uow->identity().FindCredentialByLogin(Bytes(16, 0xEE)));
    EXPECT_FALSE(none.has_value());
    ASSERT_OK_AND_ASSIGN(auto nobody, uow->identity().GetCredential(bob_));
    EXPECT_FALSE(nobody.has_value());
  }
  ASSERT_OK_AND_ASSIGN(int64_t null_totp, Count("SELECT COUNT(*) FROM credentials WHERE totp_sealed IS NULL"));
  EXPECT_EQ(null_totp, 1);

  // Replace every column, the login term included (the staff member's email changed).
  CredentialRow second = Credential(alice_, term_a2);
  second.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdDI$aGFzaDI";
  second.password_set_at = 2000;
  second.totp_sealed = Bytes(40, 0x70);
  second.totp_confirmed_at = 2100;
  second.totp_last_step = 59'000'123;
  second.locked_until = 2500;
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK(uow->identity().PutCredential(second));
    ASSERT_OK(uow->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto uow, Read());
  ASSERT_OK_AND_ASSIGN(auto got, uow->identity().GetCredential(alice_));
  ASSERT_TRUE(got.has_value());
  ExpectSameCredential(*got, second);
  ASSERT_OK_AND_ASSIGN(auto by_old, uow->identity().FindCredentialByLogin(term_a));
  EXPECT_FALSE(by_old.has_value());
  ASSERT_OK_AND_ASSIGN(auto by_new, uow->identity().FindCredentialByLogin(term_a2));
  ASSERT_TRUE(by_new.has_value());
  ExpectSameCredential(*by_new, second);
  ASSERT_OK_AND_ASSIGN(int64_t rows, Count("SELECT COUNT(*) FROM credentials"));
  EXPECT_EQ(rows, 1);
}

TEST_F(SqliteIdentityStoreTest, ALoginTermHeldByAnotherStaffMemberIsAConflictAndReplacesNothing) {
  const Bytes term_a(16, 0xA1), term_b(16, 0xB1);
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  ASSERT_OK(uow->identity().PutCredential(Credential(alice_, term_a)));
  EXPECT_EQ(uow->identity().PutCredential(Credential(bob_, term_a)).code(), StatusCode::kConflict);
  // Moving an existing credential onto a taken term is refused the same way.
  ASSERT_OK(uow->identity().PutCredential(Credential(bob_, term_b)));
  EXPECT_EQ(uow->identity().PutCredential(Credential(bob_, term_a)).code(), StatusCode::kConflict);
  // Alice's row survived (INSERT OR REPLACE would have deleted it) and the transaction goes on.
  ASSERT_OK_AND_ASSIGN(auto found, uow->identity().FindCredentialByLogin(term_a));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->staff_id, alice_);
  ASSERT_OK_AND_ASSIGN(auto bob, uow->identity().GetCredential(bob_));
  ASSERT_TRUE(bob.has_value());
  EXPECT_EQ(bob->login_term, term_b);
  ASSERT_OK(uow->Commit());
}

TEST_F(SqliteIdentityStoreTest, CredentialsOfAnUnknownStaffMemberAreRefused) {
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  EXPECT_FALSE(uow->identity().PutCredential(Credential(9999, Bytes(16, 1))).ok());
}

// ---- sign-in failures ----

TEST_F(SqliteIdentityStoreTest, SignInFailuresAreListedSinceATimeOldestFirstAndCleared) {
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  for (UnixMicros at : {30, 10, 20, 20}) ASSERT_OK(uow->identity().RecordSignInFailure(alice_, at));
  ASSERT_OK(uow->identity().RecordSignInFailure(bob_, 25));

  ASSERT_OK_AND_ASSIGN(auto all, uow->identity().ListSignInFailures(alice_, 0));
  EXPECT_EQ(all, (std::vector<UnixMicros>{10, 20, 20, 30}));
  ASSERT_OK_AND_ASSIGN(auto since, uow->identity().ListSignInFailures(alice_, 20));  // at or after
  EXPECT_EQ(since, (std::vector<UnixMicros>{20, 20, 30}));
  ASSERT_OK_AND_ASSIGN(auto later, uow->identity().ListSignInFailures(alice_, 31));
  EXPECT_TRUE(later.empty());

  ASSERT_OK(uow->identity().ClearSignInFailures(alice_));
  ASSERT_OK_AND_ASSIGN(auto cleared, uow->identity().ListSignInFailures(alice_, 0));
  EXPECT_TRUE(cleared.empty());
  ASSERT_OK_AND_ASSIGN(auto bobs, uow->identity().ListSignInFailures(bob_, 0));
  EXPECT_EQ(bobs, (std::vector<UnixMicros>{25}));
  ASSERT_OK(uow->identity().ClearSignInFailures(alice_));  // nothing to clear is fine
  ASSERT_OK(uow->Commit());
}

// ---- recovery codes ----

TEST_F(SqliteIdentityStoreTest, RecoveryCodesAreReplacedWholeAndEachWorksOnce) {
  const Bytes c1(32, 1), c2(32, 2), c3(32, 3), c4(32, 4), c5(32, 5);
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  ASSERT_OK_AND_ASSIGN(int none, uow->identity().CountUnusedRecoveryCodes(alice_));
  EXPECT_EQ(none, 0);
  ASSERT_OK(uow->identity().ReplaceRecoveryCodes(alice_, {c1, c2, c3}));
  ASSERT_OK(uow->identity().ReplaceRecoveryCodes(bob_, {c5}));
  ASSERT_OK_AND_ASSIGN(int three, uow->identity().CountUnusedRecoveryCodes(alice_));
  EXPECT_EQ(three, 3);

  ASSERT_OK_AND_ASSIGN(bool used, uow->identity().UseRecoveryCode(alice_, c2, 500));
  EXPECT_TRUE(used);
  ASSERT_OK_AND_ASSIGN(bool again, uow->identity().UseRecoveryCode(alice_, c2, 501));
  EXPECT_FALSE(again);
  ASSERT_OK_AND_ASSIGN(bool unknown, uow->identity().UseRecoveryCode(alice_, c4, 502));
  EXPECT_FALSE(unknown);
  ASSERT_OK_AND_ASSIGN(bool someone_elses, uow->identity().UseRecoveryCode(alice_, c5, 503));
  EXPECT_FALSE(someone_elses);
  ASSERT_OK_AND_ASSIGN(int two, uow->identity().CountUnusedRecoveryCodes(alice_));
  EXPECT_EQ(two, 2);
  ASSERT_OK_AND_ASSIGN(int64_t used_at, Count("SELECT used_at FROM recovery_codes WHERE used_at IS NOT NULL"));
  EXPECT_EQ(used_at, 500);  // the first use, not the refused second one

  // A new set replaces the old one entirely, used codes included.
  ASSERT_OK(uow->identity().ReplaceRecoveryCodes(alice_, {c3, c4}));
  ASSERT_OK_AND_ASSIGN(int fresh, uow->identity().CountUnusedRecoveryCodes(alice_));
  EXPECT_EQ(fresh, 2);
  ASSERT_OK_AND_ASSIGN(bool old_code, uow->identity().UseRecoveryCode(alice_, c1, 600));
  EXPECT_FALSE(old_code);
  ASSERT_OK_AND_ASSIGN(bool new_code, uow->identity().UseRecoveryCode(alice_, c4, 601));
  EXPECT_TRUE(new_code);
  ASSERT_OK_AND_ASSIGN(int bobs, uow->identity().CountUnusedRecoveryCodes(bob_));
  EXPECT_EQ(bobs, 1);
  ASSERT_OK(uow->identity().ReplaceRecoveryCodes(alice_, {}));
  ASSERT_OK_AND_ASSIGN(int zero, uow->identity().CountUnusedRecoveryCodes(alice_));
  EXPECT_EQ(zero, 0);
  ASSERT_OK(uow->Commit());
}

// ---- sessions ----

TEST_F(SqliteIdentityStoreTest, SessionsAreInsertedReadAndUpdated) {
  const Bytes token(32, 0x11);
  SessionRow half = Session(token, alice_, 100);  // half signed in: no MFA yet, no CSRF hash
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK(uow->identity().InsertSession(half));
    EXPECT_EQ(uow->identity().InsertSession(Session(token, bob_, 101)).code(), StatusCode::kConflict);
    ASSERT_OK(uow->Commit());
  }
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Read());
    ASSERT_OK_AND_ASSIGN(auto got, uow->identity().GetSession(token));
    ASSERT_TRUE(got.has_value());
    ExpectSameSession(*got, half);
    ASSERT_OK_AND_ASSIGN(auto none, uow->identity().GetSession(Bytes(32, 0x99)));
    EXPECT_FALSE(none.has_value());
  }
  SessionRow full = half;
  full.last_seen_at = 150;
  full.mfa_at = 120;
  full.reauth_at = 140;
  full.csrf_hash = Bytes(32, 0xC5);
  full.staff_id = bob_;     // ignored: a session never changes hands
  full.created_at = 999;    // ignored
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK(uow->identity().UpdateSession(full));
    EXPECT_EQ(uow->identity().UpdateSession(Session(Bytes(32, 0x99), alice_, 1)).code(), StatusCode::kNotFound);
    ASSERT_OK(uow->Commit());
  }
  full.staff_id = alice_;
  full.created_at = 100;
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Read());
    ASSERT_OK_AND_ASSIGN(auto got, uow->identity().GetSession(token));
    ASSERT_TRUE(got.has_value());
    ExpectSameSession(*got, full);
  }
  SessionRow ended = full;
  ended.ended_at = 200;
  ended.end_reason = "sign_out";
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  ASSERT_OK(uow->identity().UpdateSession(ended));
  ASSERT_OK_AND_ASSIGN(auto got, uow->identity().GetSession(token));
  ASSERT_TRUE(got.has_value());
  ExpectSameSession(*got, ended);
  ASSERT_OK(uow->Commit());
}

TEST_F(SqliteIdentityStoreTest, ASessionsStandingJoinsItsStaffMemberAndCredentials) {
  const Bytes token(32, 0x21);
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK(uow->identity().InsertSession(Session(token, alice_, 100)));
    ASSERT_OK(uow->Commit());
  }
  auto standing = [&]() -> std::optional<SessionStanding> {
    auto uow = Read();
    EXPECT_OK(uow);
    auto got = (*uow)->identity().GetSessionStanding(token);
    EXPECT_OK(got);
    return got.ok() ? *got : std::nullopt;
  };
  auto no_credential = standing();
  ASSERT_TRUE(no_credential.has_value());
  EXPECT_EQ(no_credential->session.staff_id, alice_);
  EXPECT_EQ(no_credential->session.created_at, 100);
  EXPECT_TRUE(no_credential->staff_active);
  EXPECT_FALSE(no_credential->has_credential);
  EXPECT_FALSE(no_credential->totp_enrolled);

  CredentialRow c = Credential(alice_, Bytes(32, 0xA1));
  c.must_change_password = true;
  c.totp_confirmed_at = 90;
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK(uow->identity().PutCredential(c));
    ASSERT_OK(uow->Commit());
  }
  auto enrolled = standing();
  ASSERT_TRUE(enrolled.has_value());
  EXPECT_TRUE(enrolled->has_credential);
  EXPECT_TRUE(enrolled->must_change_password);
  EXPECT_TRUE(enrolled->totp_enrolled);

  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK(uow->staff().UpdateRole(alice_, "social_worker", "", /*active=*/false));
    ASSERT_OK(uow->Commit());
  }
  auto disabled = standing();
  ASSERT_TRUE(disabled.has_value());
  EXPECT_FALSE(disabled->staff_active);

  ASSERT_OK_AND_ASSIGN(auto uow, Read());
  ASSERT_OK_AND_ASSIGN(auto none, uow->identity().GetSessionStanding(Bytes(32, 0x99)));
  EXPECT_FALSE(none.has_value());
}

TEST_F(SqliteIdentityStoreTest, EndingAStaffMembersSessionsEndsOnlyTheirOpenOnes) {
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  ASSERT_OK(uow->identity().InsertSession(Session(Bytes(32, 3), alice_, 300)));
  ASSERT_OK(uow->identity().InsertSession(Session(Bytes(32, 1), alice_, 100)));
  SessionRow signed_out = Session(Bytes(32, 2), alice_, 200);
  signed_out.ended_at = 250;
  signed_out.end_reason = "sign_out";
  ASSERT_OK(uow->identity().InsertSession(signed_out));
  ASSERT_OK(uow->identity().InsertSession(Session(Bytes(32, 4), bob_, 100)));

  ASSERT_OK_AND_ASSIGN(int ended, uow->identity().EndSessionsOfStaff(alice_, 1000, "password_changed"));
  EXPECT_EQ(ended, 2);
  ASSERT_OK_AND_ASSIGN(auto list, uow->identity().ListSessionsOfStaff(alice_));
  ASSERT_EQ(list.size(), 3u);
  // Oldest first.
  EXPECT_EQ(list[0].token_hash, Bytes(32, 1));
  EXPECT_EQ(list[1].token_hash, Bytes(32, 2));
  EXPECT_EQ(list[2].token_hash, Bytes(32, 3));
  EXPECT_EQ(list[0].ended_at, 1000);
  EXPECT_EQ(list[0].end_reason, "password_changed");
  EXPECT_EQ(list[2].ended_at, 1000);
  // The session that had already ended keeps its own end.
  EXPECT_EQ(list[1].ended_at, 250);
  EXPECT_EQ(list[1].end_reason, "sign_out");
  // Someone else's session is untouched.
  ASSERT_OK_AND_ASSIGN(auto bobs, uow->identity().ListSessionsOfStaff(bob_));
  ASSERT_EQ(bobs.size(), 1u);
  EXPECT_FALSE(bobs[0].ended_at.has_value());
  EXPECT_EQ(bobs[0].end_reason, "");

  ASSERT_OK_AND_ASSIGN(int again, uow->identity().EndSessionsOfStaff(alice_, 2000, "disabled"));
  EXPECT_EQ(again, 0);
  ASSERT_OK_AND_ASSIGN(auto nobody, uow->identity().ListSessionsOfStaff(9999));
  EXPECT_TRUE(nobody.empty());
  ASSERT_OK(uow->Commit());
}

}  // namespace
}  // namespace confide::store::sqlite
