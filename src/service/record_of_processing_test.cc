// The record of processing, generated from a real vault's configuration: the sharing policy's
// purposes, the directory's organisations (never a private person's name), the agreements, the
// retention schedule and the security measures, the same in JSON and the document.
#include "service/record_of_processing.h"

#include <gtest/gtest.h>

#include "service/retention.h"
#include "service/vault_test_base.h"
#include "testing/test_util.h"

namespace confide::service {
namespace {

class RecordOfProcessingTest : public VaultTestBase {
 protected:
  void SetUp() override {
    VaultTestBase::SetUp();
    dpo_ = AddTrained(domain::StaffRole::kDataProtectionOfficer, "Governance");
    dsl_ = AddTrained(domain::StaffRole::kDesignatedSafeguardingLead, "Safeguarding");
    sharing::Recipient mash;
    mash.kind = sharing::RecipientKind::kChildrensSocialCare;
    mash.name = "Northtown MASH duty desk";
    mash.organisation = "Northtown Council";
    mash.contact = "01632 960000";
    mash.secure_channel = "Egress";
    ASSERT_OK_AND_ASSIGN(int64_t mash_id, vault_->AddRecipient(dsl_, mash));
    sharing::Recipient gran;
    gran.kind = sharing::RecipientKind::kParent;
    gran.name = "Gwendoline Privateperson";
    gran.contact = "07700 900123";
    gran.secure_channel = "In person";
    ASSERT_OK(vault_->AddRecipient(dsl_, gran).status());
    sharing::SharingAgreement a;
    a.name = "Northtown safeguarding protocol";
    a.party_recipient_ids = {mash_id};
    a.purposes = {"safeguarding"};
    a.categories = {"identity"};
    a.lawful_bases = {sharing::LawfulBasis::kPublicTask};
    a.who_may_access = "MASH social workers";
    a.storage = "Case management system";
    a.retention = "Until the child is 25";
    a.consent_handling = "Not relied on: public task";
    a.starts_at = kNow - 30 * kDay;
    a.review_at = kNow + 300 * kDay;
    ASSERT_OK(vault_->RecordAgreement(dpo_, a).status());
    ASSERT_OK_AND_ASSIGN(retention_, Retention::Create(*vault_));
  }

  domain::StaffId dpo_ = 0, dsl_ = 0;
  std::unique_ptr<Retention> retention_;
};

TEST_F(RecordOfProcessingTest, IsGeneratedFromTheConfigurationInBothForms) {
  ASSERT_OK_AND_ASSIGN(RecordOfProcessing r, BuildRecordOfProcessing(*vault_, dpo_, retention_->policy().retention));
  const auto& j = r.json;
  EXPECT_EQ(j["format"], "confide-record-of-processing/1");
  EXPECT_EQ(j["controller"]["name"], "Northtown Council");
  bool safeguarding = false;
  for (const auto& p : j["purposes"]) safeguarding = safeguarding || p["id"] == "safeguarding";
  EXPECT_TRUE(safeguarding);
  bool leavers = false;
  for (const auto& c : j["retention"]) leavers = leavers || (c["id"] == "looked_after_child" && c["years"] == 75);
  EXPECT_TRUE(leavers);
  ASSERT_EQ(j["agreements"].size(), 1u);
  EXPECT_EQ(j["agreements"][0]["parties"][0], "Northtown Council");
  EXPECT_EQ(j["agreements"][0]["lawful_bases"][0], "public_task");
  EXPECT_FALSE(j["security_measures"].empty());
  // Organisations by name; a private person only counted.
  const std::string all = j.dump() + r.document;
  EXPECT_NE(all.find("Northtown Council"), std::string::npos);
  EXPECT_EQ(all.find("Gwendoline"), std::string::npos);
  EXPECT_EQ(all.find("07700"), std::string::npos);
  EXPECT_NE(r.document.find("1 private person"), std::string::npos) << r.document;
  EXPECT_NE(r.document.find("Northtown safeguarding protocol"), std::string::npos);
  EXPECT_NE(r.document.find("75 years from date_of_birth"), std::string::npos) << r.document;
}

TEST_F(RecordOfProcessingTest, NeedsTheDirectoryAndNamesTheOfficerOnlyToThoseWhoMaySeeStaff) {
  const domain::StaffId volunteer = AddTrained(domain::StaffRole::kVolunteer, "Room 1");
  EXPECT_EQ(BuildRecordOfProcessing(*vault_, volunteer, retention_->policy().retention).status().code(),
            StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(RecordOfProcessing r, BuildRecordOfProcessing(*vault_, dsl_, retention_->policy().retention));
  const bool dsl_sees_staff = vault_->ListStaff(dsl_).ok();
  EXPECT_EQ(r.json["data_protection_officer"].empty(), !dsl_sees_staff);
  if (!dsl_sees_staff) {
    EXPECT_NE(r.document.find("see the organisation's privacy notice"), std::string::npos);
  }
}

}  // namespace
}  // namespace confide::service
