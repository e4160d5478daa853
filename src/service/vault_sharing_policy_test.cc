// The organisation's own sharing policy, per data directory, through the Vault over real SQLite
// files: `init` writes a copy of the shipped default beside the access policy; the vault decides
// with the file in force and every decision names that policy and its version; a policy that does
// not validate stops the vault opening, naming the file and line; and the register stays readable
// after the organisation takes a purpose out of its policy or reorders its categories.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "service/sharing_policy_file.h"
#include "service/vault_test_base.h"

namespace confide::service {
namespace {

using domain::PersonKind;
using domain::StaffRole;
using sharing::LawfulBasis;
using sharing::Outcome;

// A small policy of the organisation's own, with `rule` and the categories in the order given.
// The categories are identity then address unless `address_first`.
std::string OwnPolicy(const std::string& version, const std::string& purposes, const std::string& rules, bool address_first = false) {
  const std::string identity = "[[category]]\nid = \"identity\"\nsays = \"Name and date of birth\"\n";
  const std::string address = "[[category]]\nid = \"address\"\nsays = \"Where the child lives\"\n";
  return "[policy]\nname = \"Northtown information-sharing policy\"\nversion = \"" + version + "\"\n" +
         "no_basis_says = \"No lawful basis: nothing is shared.\"\n"
         "nothing_needed_says = \"Nothing asked for is needed.\"\n"
         "withheld_says = \"Only what the purpose needs leaves.\"\n"
         "escalate_says = \"Approval is needed first.\"\n"
         "approval_follows_says = \"Emergency: approvals follow.\"\n\n" +
         (address_first ? address + identity : identity + address) + "\n" + purposes + "\n" + rules;
}

constexpr const char* kBothPurposes = R"([[purpose]]
id = "care_and_support"
says = "Professionals who work with the child"
categories = ["identity"]

[[purpose]]
id = "transfer_on_move"
says = "The child moves to another authority"
categories = ["identity", "address"]
)";

constexpr const char* kCareOnly = R"([[purpose]]
id = "care_and_support"
says = "Professionals who work with the child"
categories = ["identity"]
)";

constexpr const char* kShareWithSocialCare = R"([[rule]]
id = "northtown-social-care-public-task"
says = "Children's social care has a public task in caring for the child"
when.recipient = ["childrens_social_care"]
basis = "public_task"
)";

constexpr const char* kDeclineCare = R"([[rule]]
id = "northtown-care-asks-consent-first"
says = "Northtown asks the family's consent before sharing for care and support"
when.purpose = ["care_and_support"]
decide = "decline"

[[rule]]
id = "northtown-social-care-public-task"
says = "Children's social care has a public task in caring for the child"
when.recipient = ["childrens_social_care"]
basis = "public_task"
)";

class VaultSharingPolicyTest : public VaultTestBase {
 protected:
  void SetUp() override {
    VaultTestBase::SetUp();
    if (HasFatalFailure()) return;
    worker_ = AddTrained(StaffRole::kSocialWorker, "Assessment");
    const domain::StaffId dsl = AddTrained(StaffRole::kDesignatedSafeguardingLead, "Safeguarding");
    domain::PersonDetails d = Details("Mia", "Hart", "2019-06-01");
    d.address = "14 Quarry Lane, Northtown";
    d.postcode = "NT4 9QQ";
    ASSERT_OK_AND_ASSIGN(child_, vault_->AddPerson(dsl, PersonKind::kChild, d));
    Allocate(child_, worker_);
  }

  std::string PolicyPath() const { return dir_.Str("data/sharing-policy.toml"); }

  // Writes the data directory's policy and reopens the vault on it, as a restart would.
  void AdoptPolicy(const std::string& text) {
    vault_.reset();
    {
      std::ofstream out(PolicyPath(), std::ios::trunc);
      out << text;
    }
    ASSERT_OK_AND_ASSIGN(vault_, Vault::Open(dir_.Str("data"), clock_));
  }

  sharing::SharingRequest Proposal(const std::string& purpose, std::vector<std::string> categories) {
    sharing::SharingRequest r;
    r.person_id = child_;
    r.direction = sharing::Direction::kOutgoing;
    r.recipient_kind = sharing::RecipientKind::kChildrensSocialCare;
    r.purpose = purpose;
    r.categories = std::move(categories);
    r.channel = sharing::Channel::kSecureEmail;
    r.reasons = "Mia is moving to Southtown; her new social worker needs to know who she is";
    return r;
  }

  static bool NamesRule(const sharing::RecordedDecision& d, const std::string& rule) {
    for (const auto& r : d.explanation["reasons"]) {
      if (r["rule"] == rule) return true;
    }
    return false;
  }

  domain::StaffId worker_ = 0;
  domain::PersonId child_ = 0;
};

TEST_F(VaultSharingPolicyTest, InitWritesTheShippedPolicyBesideTheAccessPolicyAndTheVaultHoldsIt) {
  EXPECT_EQ(confide::testing::ReadFileForTest(PolicyPath()), std::string(sharing::DefaultSharingPolicyToml()));
  EXPECT_TRUE(std::filesystem::exists(dir_.Str("data/access-policy.toml")));
  EXPECT_EQ(vault_->config().sharing_policy_path, PolicyPath()) << "the written confide.toml names it";
  EXPECT_EQ(vault_->sharing_policy().name(), sharing::SharingPolicy::Default().name());
  EXPECT_EQ(vault_->sharing_policy().version(), sharing::SharingPolicy::Default().version());
}

TEST_F(VaultSharingPolicyTest, TheDecisionTheVaultRecordsFollowsTheDataDirectorysPolicyFile) {
  // Under the shipped default.
  ASSERT_OK_AND_ASSIGN(sharing::SharingCase c, vault_->RecordSharingRequest(worker_, Proposal("care_and_support", {"identity"})));
  EXPECT_EQ(c.Current()->explanation["policy"]["name"], sharing::SharingPolicy::Default().name());

  // The organisation adopts its own policy: the same request, decided again, follows it.
  ASSERT_NO_FATAL_FAILURE(AdoptPolicy(OwnPolicy("2027-01", kBothPurposes, kShareWithSocialCare)));
  EXPECT_EQ(vault_->sharing_policy().name(), "Northtown information-sharing policy");
  ASSERT_OK_AND_ASSIGN(c, vault_->DecideSharingRequest(worker_, c.request.id));
  ASSERT_EQ(c.decisions.size(), 2u) << "the earlier decision is kept";
  const sharing::RecordedDecision& shared = *c.Current();
  EXPECT_EQ(shared.decision.outcome, Outcome::kShare);
  EXPECT_EQ(shared.decision.basis, LawfulBasis::kPublicTask);
  EXPECT_TRUE(NamesRule(shared, "northtown-social-care-public-task")) << shared.explanation.dump();
  EXPECT_EQ(shared.explanation["policy"]["name"], "Northtown information-sharing policy");
  EXPECT_EQ(shared.explanation["policy"]["version"], "2027-01");
  EXPECT_EQ(c.decisions[0].explanation["policy"]["name"], sharing::SharingPolicy::Default().name())
      << "an earlier decision still names the policy it was made under";

  // It changes a rule: the vault's next decision declines, citing the new rule and version.
  ASSERT_NO_FATAL_FAILURE(AdoptPolicy(OwnPolicy("2027-02", kBothPurposes, kDeclineCare)));
  ASSERT_OK_AND_ASSIGN(c, vault_->DecideSharingRequest(worker_, c.request.id));
  const sharing::RecordedDecision& declined = *c.Current();
  EXPECT_EQ(declined.decision.outcome, Outcome::kDecline);
  EXPECT_TRUE(NamesRule(declined, "northtown-care-asks-consent-first")) << declined.explanation.dump();
  EXPECT_EQ(declined.explanation["policy"]["version"], "2027-02");
  EXPECT_EQ(LastEvent().action, "sharing.decide");
}

TEST_F(VaultSharingPolicyTest, NewRequestsAndConsentsUseTheNamesOfThePolicyInForce) {
  ASSERT_NO_FATAL_FAILURE(AdoptPolicy(OwnPolicy("2027-01", kCareOnly, kShareWithSocialCare)));
  // "safeguarding" is a purpose of the shipped default, not of this organisation's policy.
  EXPECT_EQ(vault_->RecordSharingRequest(worker_, Proposal("safeguarding", {"identity"})).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(vault_->RecordSharingRequest(worker_, Proposal("care_and_support", {"health"})).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(vault_->CheckConsent(worker_, child_, "safeguarding", sharing::RecipientKind::kHealth, {"identity"}).status().code(),
            StatusCode::kInvalidArgument);
  ASSERT_OK(vault_->CheckConsent(worker_, child_, "care_and_support", sharing::RecipientKind::kHealth, {"identity"}));
}

TEST_F(VaultSharingPolicyTest, ARequestStaysReadableAfterThePolicyDropsItsPurposeButIsNotDecidedAgain) {
  ASSERT_NO_FATAL_FAILURE(AdoptPolicy(OwnPolicy("2027-01", kBothPurposes, kShareWithSocialCare)));
  ASSERT_OK_AND_ASSIGN(sharing::SharingCase c, vault_->RecordSharingRequest(worker_, Proposal("transfer_on_move", {"identity"})));
  const int64_t id = c.request.id;
  EXPECT_EQ(c.Current()->decision.outcome, Outcome::kShare);

  // The organisation takes the purpose out of its policy (and lists its categories the other way
  // round): the stored request, its decision and the register still read back.
  ASSERT_NO_FATAL_FAILURE(AdoptPolicy(OwnPolicy("2027-02", kCareOnly, kShareWithSocialCare, /*address_first=*/true)));
  ASSERT_OK_AND_ASSIGN(c, vault_->GetSharingCase(worker_, id));
  EXPECT_EQ(c.request.purpose, "transfer_on_move");
  ASSERT_EQ(c.decisions.size(), 1u);
  EXPECT_EQ(c.Current()->explanation["policy"]["version"], "2027-01");
  ASSERT_OK_AND_ASSIGN(std::vector<sharing::SharingCase> all, vault_->ListSharingCases(worker_, child_));
  EXPECT_EQ(all.size(), 1u);

  // The decision stands as made, on the category it named (not on whichever category now has its
  // place in the list): the child's name leaves, her address does not.
  ASSERT_OK_AND_ASSIGN(sharing::MinimumDataset dataset, vault_->PrepareDisclosure(worker_, id));
  const std::string data = dataset.data.dump();
  EXPECT_NE(data.find("Mia"), std::string::npos) << data;
  EXPECT_EQ(data.find("Quarry Lane"), std::string::npos) << data;

  // Deciding it again under a policy without its purpose is refused, clearly.
  const Status again = vault_->DecideSharingRequest(worker_, id).status();
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition) << again.ToString();
  EXPECT_NE(again.message().find("\"transfer_on_move\""), std::string::npos) << again.message();
  EXPECT_NE(again.message().find("2027-02"), std::string::npos) << again.message();
  ASSERT_OK_AND_ASSIGN(c, vault_->GetSharingCase(worker_, id));
  EXPECT_EQ(c.decisions.size(), 1u) << "the refused decision left nothing behind";
  // And a new request cannot use the purpose any more.
  EXPECT_EQ(vault_->RecordSharingRequest(worker_, Proposal("transfer_on_move", {"identity"})).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(VaultSharingPolicyTest, AnAgreementStaysReadableAfterThePolicyDropsItsPurpose) {
  ASSERT_NO_FATAL_FAILURE(AdoptPolicy(OwnPolicy("2027-01", kBothPurposes, kShareWithSocialCare)));
  const domain::StaffId dpo = AddTrained(StaffRole::kDataProtectionOfficer, "Governance");
  sharing::SharingAgreement a;
  a.name = "Northtown and Southtown transfers protocol";
  a.party_kinds = {sharing::RecipientKind::kChildrensSocialCare};
  a.purposes = {"transfer_on_move"};
  a.categories = {"identity", "address"};
  a.lawful_bases = {LawfulBasis::kPublicTask};
  a.who_may_access = "Allocated social workers";
  a.storage = "Case management system";
  a.retention = "Until the child is 25";
  a.consent_handling = "Not relied on: public task";
  a.starts_at = kNow - 30 * kDay;
  a.review_at = kNow + 300 * kDay;
  ASSERT_OK(vault_->RecordAgreement(dpo, a).status());

  ASSERT_NO_FATAL_FAILURE(AdoptPolicy(OwnPolicy("2027-02", kCareOnly, kShareWithSocialCare)));
  ASSERT_OK_AND_ASSIGN(std::vector<sharing::SharingAgreement> agreements, vault_->ListAgreements(dpo));
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(agreements[0].purposes, std::vector<std::string>{"transfer_on_move"});
  // A new one is held to the policy in force.
  EXPECT_EQ(vault_->RecordAgreement(dpo, a).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(VaultSharingPolicyTest, APolicyThatDoesNotValidateStopsTheVaultOpeningAndNamesTheFileAndLine) {
  vault_.reset();
  {
    std::ofstream out(PolicyPath(), std::ios::trunc);
    out << OwnPolicy("2027-03", kCareOnly, "[[rule]]\nid = \"r\"\nsays = \"s\"\nbasis = \"because\"\n");
  }
  const std::string text = confide::testing::ReadFileForTest(PolicyPath());
  const int line = static_cast<int>(std::count(text.begin(), text.end(), '\n'));  // basis is the last line
  auto opened = Vault::Open(dir_.Str("data"), clock_);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(opened.status().message().find(PolicyPath() + ":" + std::to_string(line) + ":"), std::string::npos)
      << opened.status().message();
  EXPECT_NE(opened.status().message().find("sharing policy"), std::string::npos) << opened.status().message();

  // The file confide.toml names, missing, stops it too: it never falls back to the default.
  std::filesystem::remove(PolicyPath());
  opened = Vault::Open(dir_.Str("data"), clock_);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(opened.status().message().find(PolicyPath()), std::string::npos) << opened.status().message();

  // Put right, it opens again.
  ASSERT_NO_FATAL_FAILURE(AdoptPolicy(OwnPolicy("2027-03", kCareOnly, kShareWithSocialCare)));
  EXPECT_EQ(vault_->sharing_policy().version(), "2027-03");
}

}  // namespace
}  // namespace confide::service
