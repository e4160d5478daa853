// Training and the confidentiality policy in the vault: refresher intervals from the catalogue, a
// course the catalogue does not know refused, acknowledging the version in force (only the text
// shown, once), the access gate using the acknowledgement after the time to acknowledge, a new
// version, the training report and who may see it.
#include <algorithm>
#include <fstream>

#include <gtest/gtest.h>

#include "domain/uk_time.h"
#include "service/vault_test_base.h"
#include "store/sqlite/sqlite_db.h"

namespace confide::service {
namespace {

using domain::CivilDate;
using domain::StaffRole;
using governance::AcknowledgementState;
using governance::CourseState;

class VaultTrainingTest : public VaultTestBase {
 protected:
  // Puts a confidentiality policy into the data directory's governance policy and opens the vault
  // again, as a restart would.
  void UsePolicy(const std::string& version, const char* in_force_from, int within_days,
                 const std::string& text = "Keep what families tell you safe.") {
    std::ofstream out(dir_.Str("data/governance-policy.toml"), std::ios::trunc);
    out << governance::DefaultGovernancePolicyToml() << "\n[confidentiality_policy]\nversion = \"" << version
        << "\"\ntitle = \"Confidentiality policy\"\nin_force_from = \"" << in_force_from
        << "\"\nacknowledge_within_days = " << within_days << "\ntext = \"" << text << "\"\n";
    out.close();
    Reopen();
  }

  void Reopen() {
    vault_.reset();
    auto v = Vault::Open(dir_.Str("data"), clock_);
    ASSERT_OK(v);
    vault_ = std::move(v).value();
  }

  // A social worker allocated to a child with a case note: what the gate lets them read.
  void SetUpCase() {
    worker_ = AddTrained(StaffRole::kSocialWorker, "Assessment");
    auto child = vault_->AddPerson(worker_, domain::PersonKind::kChild, Details("Amy", "Brook", "2015-03-01"));
    ASSERT_OK(child);
    child_ = *child;
    Allocate(child_, worker_);
  }

  bool CanRead() { return vault_->GetPerson(worker_, child_).ok(); }

  size_t AcknowledgementRows() {
    auto db = store::sqlite::Connection::Open(dir_.Str("data/confide.db"), false);
    EXPECT_TRUE(db.ok());
    auto stmt = (*db)->Prepare("SELECT COUNT(*) FROM policy_acknowledgements");
    EXPECT_TRUE(stmt.ok());
    EXPECT_TRUE((*stmt)->Step().ok());
    return static_cast<size_t>((*stmt)->Int(0));
  }

  domain::StaffId worker_ = 0;
  domain::PersonId child_ = 0;
};

TEST_F(VaultTrainingTest, RecordingWithoutAnExpiryTakesTheCoursesRefresherInterval) {
  const domain::StaffId worker = AddTrained(StaffRole::kSocialWorker, "Assessment");
  // 25 October 2026 10:00 UTC; confidentiality is refreshed every 12 months: it lapses at the start
  // of 25 October 2027 in the UK (still summer time then, so 23:00 UTC the day before).
  const UnixMicros completed = kNow - 30 * kDay;
  ASSERT_OK(vault_->RecordTraining(kAdmin, {0, worker, "safeguarding", completed, std::nullopt, 0, 0}));
  ASSERT_OK(vault_->RecordTraining(kAdmin, {0, worker, "induction", completed, std::nullopt, 0, 0}));
  const UnixMicros chosen = kNow + 100 * kDay;
  ASSERT_OK(vault_->RecordTraining(kAdmin, {0, worker, "information_sharing", completed, chosen, 0, 0}));
  ASSERT_OK_AND_ASSIGN(auto rows, vault_->ListTraining(kAdmin, worker));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].course, "confidentiality");
  EXPECT_EQ(rows[0].expires_at, domain::FromUkLocal(CivilDate{2027, 10, 25}, 0, 0));
  EXPECT_EQ(*rows[0].expires_at, 1'824'418'800'000'000) << "2027-10-24T23:00:00Z";
  EXPECT_EQ(rows[1].course, "safeguarding");  // refreshed every three years
  EXPECT_EQ(rows[1].expires_at, domain::FromUkLocal(CivilDate{2029, 10, 25}, 0, 0));
  EXPECT_EQ(rows[2].course, "induction");  // once
  EXPECT_FALSE(rows[2].expires_at.has_value());
  EXPECT_EQ(rows[3].expires_at, chosen) << "an expiry given is kept";
}

TEST_F(VaultTrainingTest, ACourseTheCatalogueDoesNotKnowIsRefusedAndNothingRecorded) {
  const domain::StaffId worker = AddTrained(StaffRole::kSocialWorker, "Assessment");
  auto r = vault_->RecordTraining(kAdmin, {0, worker, "confidentialty", kNow - kDay, std::nullopt, 0, 0});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("no course named confidentialty"), std::string::npos) << r.status().ToString();
  EXPECT_NE(r.status().message().find("confidentiality, safeguarding"), std::string::npos) << r.status().ToString();
  ASSERT_OK_AND_ASSIGN(auto rows, vault_->ListTraining(kAdmin, worker));
  EXPECT_EQ(rows.size(), 1u);
}

TEST_F(VaultTrainingTest, WithoutAPolicyThereIsNothingToAcknowledge) {
  ASSERT_NO_FATAL_FAILURE(SetUpCase());
  EXPECT_FALSE(vault_->governance_policy().confidentiality_policy.has_value());
  EXPECT_EQ(vault_->ConfidentialityPolicyDigest(), "");
  auto r = vault_->AcknowledgeConfidentialityPolicy(worker_, "1", std::string(64, '0'));
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  ASSERT_OK_AND_ASSIGN(auto mine, vault_->TrainingStandingOf(worker_, worker_));
  EXPECT_EQ(mine.standing.acknowledgement.state, AcknowledgementState::kNoPolicy);
  EXPECT_EQ(mine.gate, policy::TrainingState::kCurrent);
  EXPECT_TRUE(CanRead());
}

TEST_F(VaultTrainingTest, TheGateUsesTheAcknowledgementOnceTheTimeToAcknowledgeIsOver) {
  ASSERT_NO_FATAL_FAILURE(SetUpCase());
  // In force from 20 November with 10 days: in time until the end of 30 November (UK).
  ASSERT_NO_FATAL_FAILURE(UsePolicy("2026.1", "2026-11-20", 10));
  ASSERT_OK_AND_ASSIGN(auto mine, vault_->TrainingStandingOf(worker_, worker_));
  EXPECT_EQ(mine.standing.acknowledgement.state, AcknowledgementState::kDue);
  EXPECT_EQ(mine.standing.acknowledgement.due_by, (CivilDate{2026, 11, 30}));
  EXPECT_TRUE(mine.standing.due_soon);
  EXPECT_EQ(mine.gate, policy::TrainingState::kCurrent);
  EXPECT_TRUE(CanRead());

  // The last minute of 30 November is still in time; the first of 1 December is not.
  clock_.Set(domain::FromUkLocal(CivilDate{2026, 12, 1}, 0, 0) - 60'000'000);
  EXPECT_TRUE(CanRead());
  clock_.Set(domain::FromUkLocal(CivilDate{2026, 12, 1}, 0, 0));
  EXPECT_FALSE(CanRead());
  EXPECT_EQ(LastEvent().outcome, "denied");
  EXPECT_NE(LastEvent().detail.find("training-not-current"), std::string::npos) << LastEvent().detail;
  ASSERT_OK_AND_ASSIGN(mine, vault_->TrainingStandingOf(worker_, worker_));
  EXPECT_EQ(mine.standing.acknowledgement.state, AcknowledgementState::kOverdue);
  EXPECT_TRUE(mine.standing.overdue);
  EXPECT_EQ(mine.gate, policy::TrainingState::kMissing) << "never acknowledged any version";

  // Acknowledging is not gated: it is how they become current again.
  const std::string digest = vault_->ConfidentialityPolicyDigest();
  ASSERT_EQ(digest.size(), 64u);
  ASSERT_OK_AND_ASSIGN(int64_t id, vault_->AcknowledgeConfidentialityPolicy(worker_, "2026.1", digest));
  EXPECT_EQ(LastEvent().action, "confidentiality_policy.acknowledge");
  EXPECT_EQ(LastEvent().detail, "staff " + std::to_string(worker_) + " version 2026.1");
  EXPECT_TRUE(CanRead());
  ASSERT_OK_AND_ASSIGN(mine, vault_->TrainingStandingOf(worker_, worker_));
  EXPECT_EQ(mine.standing.acknowledgement.state, AcknowledgementState::kAcknowledged);
  EXPECT_EQ(mine.standing.acknowledgement.acknowledged_at, clock_.NowMicros());

  // Again: the same acknowledgement, nothing new recorded.
  ASSERT_OK_AND_ASSIGN(int64_t again, vault_->AcknowledgeConfidentialityPolicy(worker_, "2026.1", digest));
  EXPECT_EQ(again, id);
  EXPECT_EQ(AcknowledgementRows(), 1u);

  // Another process (a second vault on the same directory) sees it through the access epoch.
  ASSERT_OK_AND_ASSIGN(auto other, Vault::Open(dir_.Str("data"), clock_));
  EXPECT_TRUE(other->GetPerson(worker_, child_).ok());
}

TEST_F(VaultTrainingTest, OnlyTheTextShownIsAcknowledged) {
  ASSERT_NO_FATAL_FAILURE(SetUpCase());
  ASSERT_NO_FATAL_FAILURE(UsePolicy("2026.1", "2026-11-20", 10));
  const std::string digest = vault_->ConfidentialityPolicyDigest();
  for (const auto& [version, d] : std::vector<std::pair<std::string, std::string>>{
           {"2025.9", digest}, {"2026.1", std::string(64, 'a')}, {"2026.1", ""}}) {
    auto r = vault_->AcknowledgeConfidentialityPolicy(worker_, version, d);
    ASSERT_FALSE(r.ok()) << version;
    EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(r.status().message().find("version 2026.1"), std::string::npos) << r.status().ToString();
  }
  EXPECT_EQ(AcknowledgementRows(), 0u);
  // A changed text under the same version is a different digest: what was shown before is refused.
  ASSERT_NO_FATAL_FAILURE(UsePolicy("2026.1", "2026-11-20", 10, "Keep what families tell you safe and secure."));
  EXPECT_NE(vault_->ConfidentialityPolicyDigest(), digest);
  EXPECT_EQ(vault_->AcknowledgeConfidentialityPolicy(worker_, "2026.1", digest).status().code(),
            StatusCode::kFailedPrecondition);
  // A disabled account acknowledges nothing.
  ASSERT_OK(vault_->UpdateStaff(kAdmin, worker_, StaffRole::kSocialWorker, "Assessment", false));
  EXPECT_EQ(vault_->AcknowledgeConfidentialityPolicy(worker_, "2026.1", vault_->ConfidentialityPolicyDigest()).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(AcknowledgementRows(), 0u);
}

TEST_F(VaultTrainingTest, ANewVersionLapsesOnlyAfterItsOwnTimeToAcknowledge) {
  ASSERT_NO_FATAL_FAILURE(SetUpCase());
  ASSERT_NO_FATAL_FAILURE(UsePolicy("2026.1", "2026-11-01", 10));
  ASSERT_OK(vault_->AcknowledgeConfidentialityPolicy(worker_, "2026.1", vault_->ConfidentialityPolicyDigest()));
  // Version 2 comes into force on 1 December with 14 days.
  clock_.Set(domain::FromUkLocal(CivilDate{2026, 12, 5}, 9, 0));
  ASSERT_NO_FATAL_FAILURE(UsePolicy("2026.2", "2026-12-01", 14));
  ASSERT_OK_AND_ASSIGN(auto mine, vault_->TrainingStandingOf(worker_, worker_));
  EXPECT_EQ(mine.standing.acknowledgement.state, AcknowledgementState::kDue);
  EXPECT_EQ(mine.standing.acknowledgement.last_version_acknowledged, "2026.1");
  EXPECT_TRUE(CanRead());
  clock_.Set(domain::FromUkLocal(CivilDate{2026, 12, 16}, 0, 0));
  ASSERT_OK_AND_ASSIGN(mine, vault_->TrainingStandingOf(worker_, worker_));
  EXPECT_EQ(mine.gate, policy::TrainingState::kLapsed) << "an earlier version was acknowledged";
  EXPECT_FALSE(CanRead());
}

TEST_F(VaultTrainingTest, TheReportListsThoseOverdueFirstAndOnlyForThoseWhoMaySeeStaff) {
  ASSERT_NO_FATAL_FAILURE(SetUpCase());
  const domain::StaffId lapsed = vault_->AddStaff(kAdmin, StaffRole::kPractitioner, "Rainbow Room", {"Zoe Lapsed", ""}).value();
  ASSERT_OK(vault_->RecordTraining(kAdmin, {0, lapsed, "confidentiality", kNow - 400 * kDay, std::nullopt, 0, 0}));
  const domain::StaffId volunteer = AddTrained(StaffRole::kVolunteer, "Rainbow Room");
  const domain::StaffId gone = AddTrained(StaffRole::kPractitioner, "Rainbow Room");
  ASSERT_OK(vault_->UpdateStaff(kAdmin, gone, StaffRole::kPractitioner, "Rainbow Room", false));

  // Aaron has done every course everyone must do: nothing is overdue or due soon for him.
  const domain::StaffId complete = vault_->AddStaff(kAdmin, StaffRole::kPractitioner, "Rainbow Room", {"Aaron Complete", ""}).value();
  for (const char* course : {"induction", "confidentiality", "safeguarding", "information_sharing"}) {
    ASSERT_OK(vault_->RecordTraining(kAdmin, {0, complete, course, kNow - 10 * kDay, std::nullopt, 0, 0}));
  }

  ASSERT_OK_AND_ASSIGN(auto report, vault_->TrainingReport(kAdmin));
  EXPECT_EQ(LastEvent().action, "training.report");
  EXPECT_EQ(LastEvent().detail, "count " + std::to_string(report.size()));
  ASSERT_EQ(report.size(), 5u) << "admin, worker, Zoe, volunteer, Aaron; not the disabled account";
  for (const auto& s : report) EXPECT_NE(s.staff.id, gone) << "a disabled account is left out";
  // The others have only their confidentiality training: overdue (induction and the rest missing),
  // listed by name before Aaron, who is up to date.
  EXPECT_EQ(report.back().staff.id, complete);
  EXPECT_FALSE(report.back().standing.overdue);
  EXPECT_FALSE(report.back().standing.due_soon);
  for (size_t i = 0; i + 1 < report.size(); ++i) {
    EXPECT_TRUE(report[i].standing.overdue) << report[i].staff.details.full_name;
    if (i > 0) {
      EXPECT_LE(report[i - 1].staff.details.full_name, report[i].staff.details.full_name);
    }
  }
  const auto zoe = std::find_if(report.begin(), report.end(), [&](const auto& s) { return s.staff.id == lapsed; });
  ASSERT_NE(zoe, report.end());
  EXPECT_EQ(zoe->gate, policy::TrainingState::kLapsed);
  for (const auto& c : zoe->standing.courses) {
    if (c.course == "confidentiality") {
      EXPECT_EQ(c.state, CourseState::kLapsed);
    }
    if (c.course == "induction") {
      EXPECT_EQ(c.state, CourseState::kMissing);
    }
    if (c.course == "designated_safeguarding_lead") {
      EXPECT_FALSE(c.required) << "only safeguarding leads must do the lead's course";
    }
  }

  // A volunteer sees their own standing, not anyone else's, nor the report.
  EXPECT_TRUE(vault_->TrainingStandingOf(volunteer, volunteer).ok());
  EXPECT_EQ(vault_->TrainingStandingOf(volunteer, worker_).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(vault_->TrainingReport(volunteer).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(LastEvent().outcome, "denied");
}

TEST_F(VaultTrainingTest, AcknowledgementsAreKeptAsTheyWereMade) {
  ASSERT_NO_FATAL_FAILURE(SetUpCase());
  ASSERT_NO_FATAL_FAILURE(UsePolicy("2026.1", "2026-11-20", 10));
  ASSERT_OK(vault_->AcknowledgeConfidentialityPolicy(worker_, "2026.1", vault_->ConfidentialityPolicyDigest()));
  auto db = store::sqlite::Connection::Open(dir_.Str("data/confide.db"), false);
  ASSERT_OK(db);
  EXPECT_FALSE((*db)->Exec("UPDATE policy_acknowledgements SET acknowledged_at = 0").ok());
  EXPECT_FALSE((*db)->Exec("DELETE FROM policy_acknowledgements").ok());
  EXPECT_FALSE((*db)->Exec("INSERT OR REPLACE INTO policy_acknowledgements(staff_id, policy_version, text_digest, "
                           "acknowledged_at) SELECT staff_id, policy_version, text_digest, 1 FROM policy_acknowledgements")
                   .ok());
  EXPECT_EQ(AcknowledgementRows(), 1u);
}

TEST_F(VaultTrainingTest, AGovernancePolicyThatDoesNotValidateStopsTheVaultOpening) {
  vault_.reset();
  {
    std::ofstream out(dir_.Str("data/governance-policy.toml"), std::ios::app);
    out << "\n[confidentiality_policy]\nversion = \"has spaces\"\n";
  }
  auto v = Vault::Open(dir_.Str("data"), clock_);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(v.status().message().find("governance-policy.toml"), std::string::npos) << v.status().ToString();
}

TEST_F(VaultTrainingTest, AChangedTextUnderAnAcknowledgedVersionStopsConfideOpening) {
  ASSERT_NO_FATAL_FAILURE(SetUpCase());
  ASSERT_NO_FATAL_FAILURE(UsePolicy("2026.1", "2026-11-20", 10));
  ASSERT_OK(vault_->AcknowledgeConfidentialityPolicy(worker_, "2026.1", vault_->ConfidentialityPolicyDigest()));
  vault_.reset();
  {
    std::ofstream out(dir_.Str("data/governance-policy.toml"), std::ios::trunc);
    out << governance::DefaultGovernancePolicyToml()
        << "\n[confidentiality_policy]\nversion = \"2026.1\"\ntitle = \"Confidentiality policy\"\nin_force_from = "
           "\"2026-11-20\"\nacknowledge_within_days = 10\ntext = \"Something else entirely.\"\n";
  }
  auto v = Vault::Open(dir_.Str("data"), clock_);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(v.status().message().find("needs a new version"), std::string::npos) << v.status().ToString();
  // A new version label opens, and asks everyone to acknowledge again.
  ASSERT_NO_FATAL_FAILURE(UsePolicy("2026.2", "2026-11-20", 10, "Something else entirely."));
  ASSERT_OK_AND_ASSIGN(auto mine, vault_->TrainingStandingOf(worker_, worker_));
  EXPECT_EQ(mine.standing.acknowledgement.state, AcknowledgementState::kDue);
  EXPECT_EQ(mine.standing.acknowledgement.last_version_acknowledged, "2026.1");
}

TEST_F(VaultTrainingTest, ARequiredCourseTheCatalogueDoesNotListStopsConfideOpening) {
  vault_.reset();
  const std::string path = dir_.Str("data/access-policy.toml");
  std::string text = confide::testing::ReadFileForTest(path);
  const std::string from = "required_training = [\"confidentiality\"]";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "required_training = [\"confidentiality\", \"first_aid\"]");
  {
    std::ofstream out(path, std::ios::trunc);
    out << text;
  }
  auto v = Vault::Open(dir_.Str("data"), clock_);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(v.status().message().find("requires the course first_aid"), std::string::npos) << v.status().ToString();
}

}  // namespace
}  // namespace confide::service
