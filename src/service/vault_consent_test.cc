// The consent registry through the Vault, over a real vault in a temporary directory: a parent's
// written consent recorded by the allocated social worker makes a share's consent valid; it is
// sealed (nothing of it in the database in clear), listed, withdrawn once, and a withdrawal stops
// it counting from that moment; separated parents who disagree are flagged; a young person of 16
// speaks for themself; those not working with the child can neither see nor record consent, and
// their refusal looks like absence. Every call is audited with ids only.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "service/vault_test_base.h"

namespace confide::service {
namespace {

using domain::PersonKind;
using domain::StaffRole;
using sharing::ConsentState;
using sharing::RecipientKind;

class VaultConsentTest : public VaultTestBase {
 protected:
  void SetUp() override {
    VaultTestBase::SetUp();
    if (HasFatalFailure()) return;
    worker_ = AddTrained(StaffRole::kSocialWorker, "Assessment");
    stranger_ = AddTrained(StaffRole::kSocialWorker, "Fostering");
    dpo_ = AddTrained(StaffRole::kDataProtectionOfficer, "Governance");
    dsl_ = AddTrained(StaffRole::kDesignatedSafeguardingLead, "Safeguarding");
    ASSERT_OK_AND_ASSIGN(child_, vault_->AddPerson(dsl_, PersonKind::kChild, Details("Mia", "Hart", "2019-06-01")));
    ASSERT_OK_AND_ASSIGN(teen_, vault_->AddPerson(dsl_, PersonKind::kChild, Details("Leo", "Hart", "2010-11-24")));
    ASSERT_OK_AND_ASSIGN(mum_, vault_->AddPerson(dsl_, PersonKind::kAdult, Details("Jo", "Hart", "1988-02-02")));
    ASSERT_OK_AND_ASSIGN(dad_, vault_->AddPerson(dsl_, PersonKind::kAdult, Details("Sam", "Reed", "1986-03-03")));
    ASSERT_OK(vault_->AddRelationship(dsl_, child_, mum_, {domain::RelationshipKind::kMother, true, true, {}, "", false}).status());
    ASSERT_OK(vault_->AddRelationship(dsl_, child_, dad_, {domain::RelationshipKind::kFather, true, false, {}, "", false}).status());
    ASSERT_OK(vault_->AddRelationship(dsl_, teen_, mum_, {domain::RelationshipKind::kMother, true, true, {}, "", false}).status());
    Allocate(child_, worker_);
    Allocate(teen_, worker_);
  }

  // A parent's (or the young person's own) written, informed, voluntary consent to share with
  // health for care and support.
  sharing::ConsentRecord Consent(domain::PersonId subject, domain::PersonId by, bool refused = false) {
    sharing::ConsentRecord r;
    r.subject_id = subject;
    r.given_by_id = by;
    r.capacity = by == subject ? sharing::ConsentCapacity::kYoungPerson : sharing::ConsentCapacity::kParentWithPR;
    r.refused = refused;
    r.purposes = {"care_and_support"};
    r.recipients = {RecipientKind::kHealth};
    r.categories = {"identity", "health", "development"};
    r.explained = {true, true, true, true, true};
    r.voluntary = true;
    r.method = sharing::ConsentMethod::kWritten;
    r.evidence = "Signed consent form CF-2231, scanned to the child's file";
    r.given_at = kNow - 10 * kDay;
    if (!refused) r.privacy_notice_version = "2026-09";
    return r;
  }

  Result<sharing::ConsentFinding> Check(domain::StaffId actor, domain::PersonId subject, std::optional<UnixMicros> at = std::nullopt) {
    return vault_->CheckConsent(actor, subject, "care_and_support", RecipientKind::kHealth, {"identity", "health"}, at);
  }

  domain::StaffId worker_ = 0, stranger_ = 0, dpo_ = 0, dsl_ = 0;
  domain::PersonId child_ = 0, teen_ = 0, mum_ = 0, dad_ = 0;
};

TEST_F(VaultConsentTest, AParentsWrittenConsentIsValidUntilWithdrawn) {
  ASSERT_OK_AND_ASSIGN(sharing::ConsentFinding before, Check(worker_, child_));
  EXPECT_EQ(before.state, ConsentState::kNone);

  ASSERT_OK_AND_ASSIGN(int64_t id, vault_->RecordConsent(worker_, Consent(child_, mum_)));
  EXPECT_EQ(LastEvent().action, "consent.create");
  EXPECT_EQ(LastEvent().person_id, child_);
  EXPECT_EQ(LastEvent().detail.find("CF-2231"), std::string::npos) << "the evidence is sealed, not audited";
  ASSERT_OK_AND_ASSIGN(sharing::ConsentFinding valid, Check(worker_, child_));
  EXPECT_EQ(valid.state, ConsentState::kValid);
  EXPECT_TRUE(valid.in_writing);
  EXPECT_EQ(valid.relied_on, id);
  EXPECT_EQ(LastEvent().action, "consent.check");

  ASSERT_OK_AND_ASSIGN(auto list, vault_->ListConsents(worker_, child_));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, id);
  EXPECT_EQ(list[0].evidence, "Signed consent form CF-2231, scanned to the child's file");
  EXPECT_EQ(list[0].given_by_id, mum_);
  EXPECT_FALSE(list[0].withdrawn_at.has_value());

  clock_.Advance(kDay);
  ASSERT_OK(vault_->WithdrawConsent(worker_, id, mum_));
  EXPECT_EQ(LastEvent().action, "consent.withdraw");
  EXPECT_EQ(vault_->WithdrawConsent(worker_, id, mum_).code(), StatusCode::kConflict);
  ASSERT_OK_AND_ASSIGN(sharing::ConsentFinding after, Check(worker_, child_));
  EXPECT_EQ(after.state, ConsentState::kWithdrawn) << "withdrawn consent never reads as none";
  // Before the withdrawal it was valid: the record answers for the time asked about.
  ASSERT_OK_AND_ASSIGN(sharing::ConsentFinding earlier, Check(worker_, child_, kNow - kDay));
  EXPECT_EQ(earlier.state, ConsentState::kValid);
  ASSERT_OK_AND_ASSIGN(auto listed, vault_->ListConsents(worker_, child_));
  EXPECT_EQ(listed[0].withdrawn_at, kNow + kDay);
  EXPECT_EQ(listed[0].withdrawn_by_id, mum_);
}

TEST_F(VaultConsentTest, NothingOfAConsentIsInTheDatabaseInClear) {
  ASSERT_OK(vault_->RecordConsent(worker_, Consent(child_, mum_)).status());
  vault_.reset();
  std::stringstream bytes;  // the database and whatever its write-ahead log still holds
  for (const char* file : {"/confide.db", "/confide.db-wal"}) {
    std::ifstream in(dir_.Str("data") + file, std::ios::binary);
    if (in) bytes << in.rdbuf();
  }
  ASSERT_GT(bytes.str().size(), 0u);
  // (The purpose is in the audit event's words: it is not personal data. The evidence is.)
  for (const char* secret : {"CF-2231", "Signed consent form", "scanned to the child"}) {
    EXPECT_EQ(bytes.str().find(secret), std::string::npos) << secret;
  }
}

TEST_F(VaultConsentTest, SeparatedParentsWhoDisagreeAreFlagged) {
  ASSERT_OK(vault_->RecordConsent(worker_, Consent(child_, mum_)).status());
  ASSERT_OK_AND_ASSIGN(sharing::ConsentFinding one, Check(worker_, child_));
  EXPECT_EQ(one.state, ConsentState::kValid);
  EXPECT_FALSE(one.parents_dispute);
  ASSERT_OK(vault_->RecordConsent(worker_, Consent(child_, dad_, /*refused=*/true)).status());
  ASSERT_OK_AND_ASSIGN(sharing::ConsentFinding two, Check(worker_, child_));
  EXPECT_EQ(two.state, ConsentState::kValid) << "one parent with parental responsibility is enough";
  EXPECT_TRUE(two.parents_dispute);
}

TEST_F(VaultConsentTest, AtSixteenOnlyTheYoungPersonsOwnConsentCounts) {
  // Leo turns 16 today: his mother's consent no longer speaks for him; his own does.
  ASSERT_OK(vault_->RecordConsent(worker_, Consent(teen_, mum_)).status());
  ASSERT_OK_AND_ASSIGN(sharing::ConsentFinding parent, Check(worker_, teen_));
  EXPECT_EQ(parent.state, ConsentState::kNone);
  ASSERT_OK_AND_ASSIGN(sharing::ConsentFinding yesterday, Check(worker_, teen_, kNow - kDay));
  EXPECT_EQ(yesterday.state, ConsentState::kValid);
  ASSERT_OK(vault_->RecordConsent(worker_, Consent(teen_, teen_)).status());
  ASSERT_OK_AND_ASSIGN(sharing::ConsentFinding own, Check(worker_, teen_));
  EXPECT_EQ(own.state, ConsentState::kValid);
}

TEST_F(VaultConsentTest, BadRecordsAreRefusedAndChangeNothing) {
  sharing::ConsentRecord no_evidence = Consent(child_, mum_);
  no_evidence.evidence = "";
  EXPECT_EQ(vault_->RecordConsent(worker_, no_evidence).status().code(), StatusCode::kInvalidArgument);
  sharing::ConsentRecord unknown_purpose = Consent(child_, mum_);
  unknown_purpose.purposes = {"marketing"};
  EXPECT_EQ(vault_->RecordConsent(worker_, unknown_purpose).status().code(), StatusCode::kInvalidArgument);
  sharing::ConsentRecord future = Consent(child_, mum_);
  future.given_at = kNow + kDay;
  EXPECT_EQ(vault_->RecordConsent(worker_, future).status().code(), StatusCode::kInvalidArgument);
  sharing::ConsentRecord stranger_giver = Consent(child_, 424242);
  EXPECT_EQ(vault_->RecordConsent(worker_, stranger_giver).status().code(), StatusCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(auto none, vault_->ListConsents(worker_, child_));
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(Check(worker_, child_).status().ok(), true);
  EXPECT_EQ(vault_->CheckConsent(worker_, child_, "marketing", RecipientKind::kHealth, {}).status().code(), StatusCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(int64_t id, vault_->RecordConsent(worker_, Consent(child_, mum_)));
  EXPECT_EQ(vault_->WithdrawConsent(worker_, id, mum_, kNow + kDay).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(vault_->WithdrawConsent(worker_, id, mum_, kNow - 20 * kDay).code(), StatusCode::kInvalidArgument);
}

TEST_F(VaultConsentTest, OnlyThoseWorkingWithTheChildSeeOrRecordConsentAndARefusalLooksLikeAbsence) {
  ASSERT_OK_AND_ASSIGN(int64_t id, vault_->RecordConsent(worker_, Consent(child_, mum_)));
  constexpr domain::PersonId kNobody = 777777;
  const Status hidden = vault_->ListConsents(stranger_, child_).status();
  const Status missing = vault_->ListConsents(worker_, kNobody).status();
  EXPECT_EQ(hidden.code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_EQ(vault_->RecordConsent(stranger_, Consent(child_, mum_)).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Check(stranger_, child_).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(vault_->WithdrawConsent(stranger_, id, mum_).code(), StatusCode::kNotFound);
  EXPECT_EQ(vault_->WithdrawConsent(worker_, 999, mum_).code(), StatusCode::kNotFound);
  // The data protection officer reads consent (subject access, complaints) but does not record it.
  EXPECT_OK(vault_->ListConsents(dpo_, child_).status());
  EXPECT_EQ(vault_->RecordConsent(dpo_, Consent(child_, mum_)).status().code(), StatusCode::kNotFound);
  // The administrator who registers people reads no consent.
  EXPECT_EQ(vault_->ListConsents(kAdmin, child_).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace confide::service
