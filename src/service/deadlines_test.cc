// Deadlines at a glance over a real vault: the data protection officer sees subject access
// requests, retention reviews, an agreement's review and lapsing training in one list, most
// urgent first, with countdowns; a social worker sees only what the policy lets them, and is told
// what is left out.
#include "service/deadlines.h"

#include <gtest/gtest.h>

#include <fstream>

#include "service/vault_test_base.h"
#include "testing/test_util.h"

namespace confide::service {
namespace {

using domain::CivilDate;
using domain::PersonKind;
using governance::DeadlineKind;

CivilDate Date(const char* s) { return CivilDate::Parse(s).value(); }

class DeadlinesTest : public VaultTestBase {
 protected:
  void SetUp() override {
    VaultTestBase::SetUp();
    worker_ = AddTrained(domain::StaffRole::kSocialWorker, "Assessment");
    dpo_ = AddTrained(domain::StaffRole::kDataProtectionOfficer, "Governance");
    // A care leaver past her 75th birthday: awaiting review (overdue since 1 September 2024).
    domain::PersonDetails olive = Details("Olive", "Oldfield", "1950-03-01");
    olive.status.looked_after = true;
    olive.status.looked_after_by = "Northtown Council";
    ASSERT_OK_AND_ASSIGN(olive_, vault_->AddPerson(worker_, PersonKind::kChild, olive));
    ASSERT_OK_AND_ASSIGN(ruby_, vault_->AddPerson(worker_, PersonKind::kChild, Details("Ruby", "Marsh", "2013-05-04")));
    Allocate(ruby_, worker_);
    // A subject access request received on 2 November: due Wednesday 2 December.
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<SubjectAccess> sar, SubjectAccess::Create(*vault_));
    SubjectAccessIntake in;
    in.person_id = ruby_;
    in.received_on = Date("2026-11-02");
    in.requester_name = "Ruby Marsh";
    in.request_text = "My file";
    in.identity_confirmed = true;
    in.identity_method = "Known to the school";
    ASSERT_OK_AND_ASSIGN(request_, sar->Open(dpo_, in));
    in.identity_confirmed = false;  // and one still waiting for identity
    ASSERT_OK(sar->Open(dpo_, in).status());
    // An agreement due for review in 20 days.
    sharing::SharingAgreement a;
    a.name = "Northtown safeguarding protocol";
    a.party_kinds = {sharing::RecipientKind::kChildrensSocialCare};
    a.purposes = {"safeguarding"};
    a.categories = {"identity"};
    a.lawful_bases = {sharing::LawfulBasis::kPublicTask};
    a.who_may_access = "Allocated social workers";
    a.storage = "Case management system";
    a.retention = "Until the child is 25";
    a.consent_handling = "Not relied on: public task";
    a.starts_at = kNow - 300 * kDay;
    a.review_at = kNow + 20 * kDay;
    ASSERT_OK(vault_->RecordAgreement(dpo_, a).status());
    // The social worker's safeguarding training lapses in 10 days.
    ASSERT_OK(vault_->RecordTraining(kAdmin, {0, worker_, "safeguarding", kNow - 355 * kDay, kNow + 10 * kDay, 0, 0}));
    ASSERT_OK_AND_ASSIGN(deadlines_, Deadlines::Create(*vault_));
  }

  CivilDate Today() const { return CivilDate::FromUnixMicros(kNow); }

  static const governance::Deadline* Find(const DeadlineReport& r, DeadlineKind kind) {
    for (const auto& d : r.deadlines) {
      if (d.kind == kind) return &d;
    }
    return nullptr;
  }

  domain::StaffId worker_ = 0, dpo_ = 0;
  domain::PersonId olive_ = 0, ruby_ = 0;
  int64_t request_ = 0;
  std::unique_ptr<Deadlines> deadlines_;
};

TEST_F(DeadlinesTest, TheDataProtectionOfficerSeesEveryClockMostUrgentFirst) {
  ASSERT_OK_AND_ASSIGN(DeadlineReport r, deadlines_->Due(dpo_, Today(), 30));
  const governance::Deadline* review = Find(r, DeadlineKind::kRetentionReview);
  const governance::Deadline* sar = Find(r, DeadlineKind::kSubjectAccess);
  const governance::Deadline* agreement = Find(r, DeadlineKind::kAgreementReview);
  ASSERT_NE(review, nullptr);
  ASSERT_NE(sar, nullptr);
  ASSERT_NE(agreement, nullptr);
  EXPECT_EQ(review->ref, "person/" + std::to_string(olive_));
  EXPECT_TRUE(review->overdue);
  EXPECT_EQ(sar->ref, "subject_access/" + std::to_string(request_));
  EXPECT_EQ(sar->due_on, Date("2026-12-02"));
  EXPECT_EQ(sar->days_left, 8);
  EXPECT_EQ(sar->working_days_left, 6);
  EXPECT_EQ(sar->countdown, "Due Wednesday 2 December 2026: in 8 days (6 working days).");
  EXPECT_FALSE(sar->explanation.empty());
  EXPECT_EQ(agreement->days_left, 20);
  // Overdue first, then by date.
  ASSERT_GE(r.deadlines.size(), 3u);
  EXPECT_EQ(r.deadlines[0].kind, DeadlineKind::kRetentionReview);
  for (size_t i = 1; i < r.deadlines.size(); ++i) EXPECT_LE(r.deadlines[i - 1].due_on, r.deadlines[i].due_on);
  EXPECT_EQ(r.waiting, 1u);  // the request still waiting for identity
}

TEST_F(DeadlinesTest, TheWindowLeavesOutWhatIsLaterButNeverWhatIsOverdue) {
  ASSERT_OK_AND_ASSIGN(DeadlineReport r, deadlines_->Due(dpo_, Today(), 5));
  EXPECT_NE(Find(r, DeadlineKind::kRetentionReview), nullptr);  // overdue
  EXPECT_EQ(Find(r, DeadlineKind::kSubjectAccess), nullptr);    // in 8 days
  EXPECT_EQ(Find(r, DeadlineKind::kAgreementReview), nullptr);  // in 20 days
  EXPECT_EQ(deadlines_->Due(dpo_, Today(), -1).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(DeadlinesTest, ASocialWorkerSeesOnlyWhatThePolicyLetsThemAndIsToldWhatIsLeftOut) {
  ASSERT_OK_AND_ASSIGN(DeadlineReport r, deadlines_->Due(worker_, Today(), 30));
  EXPECT_EQ(Find(r, DeadlineKind::kSubjectAccess), nullptr);
  EXPECT_EQ(Find(r, DeadlineKind::kRetentionReview), nullptr);
  std::string not_shown;
  for (const auto& s : r.not_shown) not_shown += s + "\n";
  EXPECT_NE(not_shown.find("subject access requests"), std::string::npos) << not_shown;
  EXPECT_NE(not_shown.find("retention reviews"), std::string::npos) << not_shown;
}

TEST_F(DeadlinesTest, SomeoneWhoMayNotSeeStaffSeesTheirOwnTrainingLapsing) {
  const domain::StaffId volunteer = AddTrained(domain::StaffRole::kVolunteer, "Room 1");
  ASSERT_OK(vault_->RecordTraining(kAdmin, {0, volunteer, "induction", kNow - 300 * kDay, kNow + 3 * kDay, 0, 0}));
  ASSERT_OK_AND_ASSIGN(DeadlineReport r, deadlines_->Due(volunteer, Today(), 30));
  std::vector<std::string> refs;
  for (const auto& d : r.deadlines) refs.push_back(d.ref);
  EXPECT_EQ(refs, std::vector<std::string>{"staff/" + std::to_string(volunteer) + "/induction"});
  std::string not_shown;
  for (const auto& s : r.not_shown) not_shown += s + "\n";
  EXPECT_NE(not_shown.find("other staff's training"), std::string::npos) << not_shown;
  // Looking at the page is not an attempt on the registers: no refusal is recorded.
  bool denied = false;
  auto head = vault_->LatestAuditHead();
  ASSERT_TRUE(head.ok());
  for (uint64_t seq = head->tree_size > 10 ? head->tree_size - 10 : 0; seq < head->tree_size; ++seq) {
    auto e = vault_->GetAuditEntry(seq);
    ASSERT_TRUE(e.ok());
    denied = denied || e->event.outcome == "denied";
  }
  EXPECT_FALSE(denied);
  EXPECT_EQ(LastEvent().action, "deadlines.view");
}

TEST_F(DeadlinesTest, TrainingThatLapsesIsListedForThoseWhoManageStaff) {
  ASSERT_OK_AND_ASSIGN(DeadlineReport r, deadlines_->Due(kAdmin, Today(), 30));
  const governance::Deadline* training = Find(r, DeadlineKind::kTrainingExpiry);
  ASSERT_NE(training, nullptr) << "not shown: " << (r.not_shown.empty() ? "" : r.not_shown[0]);
  EXPECT_EQ(training->ref, "staff/" + std::to_string(worker_) + "/safeguarding");
  EXPECT_EQ(training->days_left, 10);
}

// The confidentiality policy in force: who has not acknowledged it, due on its acknowledge-by day,
// for those who answer for training; anyone else sees only their own.
TEST_F(DeadlinesTest, AcknowledgementsNotYetMadeAreDueOnTheAcknowledgeByDay) {
  deadlines_.reset();
  vault_.reset();
  {
    std::ofstream out(dir_.Str("data/governance-policy.toml"), std::ios::app);
    out << "\n[confidentiality_policy]\nversion = \"7\"\ntitle = \"Confidentiality\"\nin_force_from = \"2026-11-16\"\n"
           "acknowledge_within_days = 14\ntext = \"Keep it safe.\"\n";
  }
  ASSERT_OK_AND_ASSIGN(vault_, Vault::Open(dir_.Str("data"), clock_));
  ASSERT_OK(vault_->AcknowledgeConfidentialityPolicy(dpo_, "7", vault_->ConfidentialityPolicyDigest()));
  ASSERT_OK_AND_ASSIGN(deadlines_, Deadlines::Create(*vault_));

  ASSERT_OK_AND_ASSIGN(DeadlineReport r, deadlines_->Due(kAdmin, Today(), 30));
  std::vector<std::string> refs;
  for (const auto& d : r.deadlines) {
    if (d.kind != DeadlineKind::kPolicyAcknowledgement) continue;
    refs.push_back(d.ref);
    EXPECT_EQ(d.due_on, Date("2026-11-30"));
    EXPECT_EQ(d.days_left, 6);
    ASSERT_EQ(d.explanation.size(), 1u);
    EXPECT_NE(d.explanation[0].find("14 days to acknowledge it, until the end of Monday 30 November 2026"), std::string::npos)
        << d.explanation[0];
  }
  // The administrator and the social worker have not; the DPO has.
  EXPECT_EQ(refs, (std::vector<std::string>{"staff/1/policy/7", "staff/" + std::to_string(worker_) + "/policy/7"}));

  ASSERT_OK_AND_ASSIGN(DeadlineReport own, deadlines_->Due(worker_, Today(), 30));
  refs.clear();
  for (const auto& d : own.deadlines) {
    if (d.kind == DeadlineKind::kPolicyAcknowledgement) refs.push_back(d.ref + " " + d.title);
  }
  EXPECT_EQ(refs, std::vector<std::string>{"staff/" + std::to_string(worker_) + "/policy/7 version 7, yours"});
  ASSERT_OK_AND_ASSIGN(DeadlineReport dpo, deadlines_->Due(dpo_, Today(), 30));
  for (const auto& d : dpo.deadlines) EXPECT_NE(d.ref, "staff/" + std::to_string(dpo_) + "/policy/7");
}

}  // namespace
}  // namespace confide::service
