// The sharing register through the Vault, over a real vault in a temporary directory: requests are
// decided on facts Confide finds itself (the recipient's verification, consent from the registry,
// contact restrictions), every decision is kept with its reasons, approvals come only from the
// roles the decision names and never from the person who asked, the minimum dataset leaves as a
// package only the recipient can open, and a share that happened without a lawful basis opens an
// investigation. The package sent is kept sealed and can be fetched again by those who may send
// it. Nothing of a request or a package is stored in clear; a stranger cannot tell a request exists.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "disclosure/disclosure_package.h"
#include "service/vault_test_base.h"

namespace confide::service {
namespace {

using domain::PersonKind;
using domain::StaffRole;
using sharing::Approval;
using sharing::CaseStage;
using sharing::LawfulBasis;
using sharing::Outcome;
using sharing::RecipientKind;


std::vector<std::string> Names(uint32_t mask) {
  std::vector<std::string> out;
  for (size_t i = 0; i < sharing::Count<Approval>(); ++i) {
    if (mask & sharing::Bit(static_cast<Approval>(i))) out.emplace_back(sharing::Name(static_cast<Approval>(i)));
  }
  return out;
}

class VaultSharingTest : public VaultTestBase {
 protected:
  static domain::PersonDetails WithAddress(domain::PersonDetails d) {
    d.address = "14 Quarry Lane, Northtown";
    d.postcode = "NT4 9QQ";
    return d;
  }

  void SetUp() override {
    VaultTestBase::SetUp();
    if (HasFatalFailure()) return;
    worker_ = AddTrained(StaffRole::kSocialWorker, "Assessment");
    stranger_ = AddTrained(StaffRole::kSocialWorker, "Fostering");
    dsl_ = AddTrained(StaffRole::kDesignatedSafeguardingLead, "Safeguarding");
    deputy_ = AddTrained(StaffRole::kDeputySafeguardingLead, "Safeguarding");
    manager_ = AddTrained(StaffRole::kManager, "Fostering");
    dpo_ = AddTrained(StaffRole::kDataProtectionOfficer, "Governance");
    ASSERT_OK_AND_ASSIGN(child_, vault_->AddPerson(dsl_, PersonKind::kChild, WithAddress(Details("Mia", "Hart", "2019-06-01"))));
    ASSERT_OK_AND_ASSIGN(mum_, vault_->AddPerson(dsl_, PersonKind::kAdult, Details("Jo", "Hart", "1988-02-02")));
    ASSERT_OK_AND_ASSIGN(dad_, vault_->AddPerson(dsl_, PersonKind::kAdult, Details("Sam", "Reed", "1986-03-03")));
    ASSERT_OK(vault_->AddRelationship(dsl_, child_, mum_, {domain::RelationshipKind::kMother, true, true, {}, "", false}).status());
    ASSERT_OK(vault_->AddRelationship(dsl_, child_, dad_,
                                      {domain::RelationshipKind::kFather, true, false, {domain::Restriction::kMustNotKnowAddress},
                                       "Non-molestation order NT26F0042", false})
                  .status());
    Allocate(child_, worker_);
    RecordDraft concern;
    concern.person_id = child_;
    concern.kind = domain::RecordKind::kSafeguardingConcern;
    concern.tier = domain::SensitivityTier::kSensitive;
    concern.occurred_at = kNow - kDay / 2;
    concern.content.summary = "Bruise on Mia's arm, explanation inconsistent";
    concern.content.concern = domain::SafeguardingConcern{{{"A bruise the size of a thumbprint on the upper arm", domain::StatementBasis::kFact}},
                                                          "Classroom", "Teaching assistant", "Daddy squeezed me", {}, {}};
    ASSERT_OK_AND_ASSIGN(concern_, vault_->AddRecord(worker_, concern));

    sharing::Recipient mash;
    mash.kind = RecipientKind::kChildrensSocialCare;
    mash.name = "Northtown MASH";
    mash.organisation = "Northtown Council";
    mash.contact = "01632 960000 (switchboard)";
    mash.secure_channel = "Egress secure email";
    mash.public_key.assign(mash_key_.public_key().begin(), mash_key_.public_key().end());
    ASSERT_OK_AND_ASSIGN(mash_, vault_->AddRecipient(dsl_, mash));
    ASSERT_OK(vault_->RecordRecipientVerification(dsl_, mash_, "Call-back to the council switchboard", "Spoke to the MASH duty manager"));
  }

  // The allocated worker's referral to the MASH: significant harm, and asking the parents first
  // could put the child at greater risk.
  sharing::SharingRequest Referral() {
    sharing::SharingRequest r;
    r.person_id = child_;
    r.direction = sharing::Direction::kOutgoing;
    r.recipient_id = mash_;
    r.purpose = "safeguarding";
    r.categories = {"identity", "address", "safeguarding_concerns", "third_party_identities"};
    r.channel = sharing::Channel::kSecureEmail;
    r.urgency = sharing::Urgency::kUrgent;
    r.answers = {"significant_harm", "consent_would_increase_risk", "telling_would_put_at_risk"};
    r.reasons = "Unexplained bruising and the child's account point to physical abuse at home";
    return r;
  }

  // A recipient added to the directory by `by` and verified as `how`.
  int64_t VerifiedRecipient(domain::StaffId by, RecipientKind kind, const char* name, const char* how) {
    sharing::Recipient r;
    r.kind = kind;
    r.name = name;
    auto id = vault_->AddRecipient(by, r);
    EXPECT_OK(id);
    if (!id.ok()) return 0;
    EXPECT_OK(vault_->RecordRecipientVerification(by, *id, how, ""));
    return *id;
  }

  domain::StaffId worker_ = 0, stranger_ = 0, dsl_ = 0, deputy_ = 0, manager_ = 0, dpo_ = 0;
  domain::PersonId child_ = 0, mum_ = 0, dad_ = 0;
  domain::RecordId concern_ = 0;
  int64_t mash_ = 0;
  crypto::SigningKey mash_key_ = crypto::SigningKey::Generate();
};

TEST_F(VaultSharingTest, AReferralWithoutConsentWaitsForTheDesignatedPersonThenLeavesAsAPackage) {
  ASSERT_OK_AND_ASSIGN(sharing::SharingCase c, vault_->RecordSharingRequest(worker_, Referral()));
  ASSERT_EQ(c.decisions.size(), 1u);
  const sharing::RecordedDecision& first = *c.Current();
  EXPECT_EQ(first.decision.outcome, Outcome::kEscalate);
  EXPECT_EQ(first.decision.basis, LawfulBasis::kSafeguarding);
  EXPECT_EQ(Names(first.decision.approvals_missing), std::vector<std::string>{"designated_person"});
  EXPECT_EQ(first.facts["verified"], true) << "the directory says the MASH was verified";
  EXPECT_EQ(first.facts["consent"], "none");
  EXPECT_FALSE(first.explanation["reasons"].empty());
  EXPECT_EQ(first.explanation["policy"]["name"], sharing::SharingPolicy::Default().name());
  EXPECT_EQ(sharing::StageOf(c), CaseStage::kAwaitingApproval);
  EXPECT_EQ(LastEvent().action, "sharing.decide");

  // Nothing leaves before the backing.
  EXPECT_EQ(vault_->SendDisclosure(worker_, c.request.id, {}).status().code(), StatusCode::kFailedPrecondition);
  // The worker cannot back their own request; a manager cannot give a designated person's backing.
  EXPECT_EQ(vault_->ApproveSharingRequest(worker_, c.request.id, Approval::kDesignatedPerson, "ok").status().code(),
            StatusCode::kNotFound) << "the worker has no sharing.approve: it reads as absent";
  EXPECT_EQ(vault_->ApproveSharingRequest(manager_, c.request.id, Approval::kDesignatedPerson, "ok").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(vault_->ApproveSharingRequest(dsl_, c.request.id, Approval::kDataProtectionOfficer, "ok").status().code(),
            StatusCode::kFailedPrecondition) << "the decision does not ask for the DPO";

  ASSERT_OK_AND_ASSIGN(c, vault_->ApproveSharingRequest(dsl_, c.request.id, Approval::kDesignatedPerson,
                                                        "Discussed with the worker: risk of significant harm, refer today"));
  ASSERT_EQ(c.decisions.size(), 2u) << "deciding again keeps the first decision";
  ASSERT_EQ(c.approvals.size(), 1u);
  EXPECT_FALSE(c.approvals[0].afterwards);
  const sharing::RecordedDecision& second = *c.Current();
  EXPECT_TRUE(second.decision.Shares());
  EXPECT_EQ(second.decision.approvals_missing, 0u);
  EXPECT_EQ(sharing::StageOf(c), CaseStage::kReadyToSend);
  EXPECT_FALSE(second.decision.tell_subject) << "telling the parents now would put the child at risk";
  EXPECT_EQ(vault_->SendDisclosure(worker_, c.request.id, {true, "", 7 * kDay}).status().code(), StatusCode::kInvalidArgument)
      << "the decision recorded that the person is not told";
  EXPECT_EQ(vault_->ApproveSharingRequest(deputy_, c.request.id, Approval::kDesignatedPerson, "again").status().code(),
            StatusCode::kConflict);

  // The minimum: the child's identity, address and the concern leave; the father's name does not.
  ASSERT_OK_AND_ASSIGN(sharing::MinimumDataset preview, vault_->PrepareDisclosure(worker_, c.request.id));
  const std::string data = preview.data.dump();
  EXPECT_NE(data.find("Mia"), std::string::npos);
  EXPECT_NE(data.find("NT4 9QQ"), std::string::npos);
  EXPECT_NE(data.find("thumbprint"), std::string::npos);
  EXPECT_EQ(data.find("Reed"), std::string::npos) << "third parties' identities are withheld";

  ASSERT_OK_AND_ASSIGN(Vault::SentDisclosure sent, vault_->SendDisclosure(worker_, c.request.id, {false, "", 7 * kDay}));
  EXPECT_EQ(sharing::StageOf(sent.sharing_case), CaseStage::kSent);
  ASSERT_EQ(sent.sharing_case.disclosures.size(), 1u);
  const sharing::RecordedDisclosure& d = sent.sharing_case.disclosures[0];
  EXPECT_EQ(d.package_id, sent.package_id);
  EXPECT_EQ(d.fields, preview.fields);
  EXPECT_EQ(d.decision_id, second.id);
  bool concern_version_listed = false;
  for (const std::string& f : d.fields) concern_version_listed |= f.rfind("record/" + std::to_string(concern_) + "@v1/", 0) == 0;
  EXPECT_TRUE(concern_version_listed) << "the record version that left is named";
  EXPECT_TRUE(sent.sharing_case.investigations.empty());
  EXPECT_EQ(LastEvent().action, "sharing.disclose");

  // Only the MASH can open it, and it is signed by the council.
  ASSERT_OK_AND_ASSIGN(disclosure::OpenedPackage opened,
                       disclosure::OpenPackage(sent.package_text, mash_key_, vault_->organisation_public_key(), kNow + kDay, {}));
  ASSERT_EQ(opened.files.size(), 2u);
  EXPECT_NE(opened.files[0].content.find("thumbprint"), std::string::npos);
  EXPECT_EQ(opened.manifest["decision_id"], second.id);
  crypto::SigningKey someone_else = crypto::SigningKey::Generate();
  EXPECT_FALSE(disclosure::OpenPackage(sent.package_text, someone_else, vault_->organisation_public_key(), kNow + kDay, {}).ok());

  // Answered once.
  EXPECT_EQ(vault_->SendDisclosure(worker_, c.request.id, {}).status().code(), StatusCode::kConflict);
  EXPECT_EQ(vault_->DecideSharingRequest(worker_, c.request.id).status().code(), StatusCode::kConflict);
}

// The request id in a package's "not found" replaced, to compare two of them word for word.
std::string WithoutRequest(const Status& s, int64_t request) {
  std::string m = s.message();
  const std::string id = "request " + std::to_string(request);
  const size_t at = m.find(id);
  if (at != std::string::npos) m.replace(at, id.size(), "request #");
  return m;
}

TEST_F(VaultSharingTest, ThePackageSentIsKeptSealedAndFetchedAgainAsItWas) {
  ASSERT_OK_AND_ASSIGN(sharing::SharingCase c, vault_->RecordSharingRequest(worker_, Referral()));
  ASSERT_OK(vault_->ApproveSharingRequest(dsl_, c.request.id, Approval::kDesignatedPerson, "Refer today").status());
  ASSERT_OK_AND_ASSIGN(Vault::SentDisclosure sent, vault_->SendDisclosure(worker_, c.request.id, {false, "", 7 * kDay}));
  ASSERT_EQ(sent.sharing_case.disclosures.size(), 1u);
  const int64_t request = c.request.id;
  const int64_t disclosure = sent.sharing_case.disclosures[0].id;

  // Byte for byte the package that was sent, and still only the MASH opens it.
  ASSERT_OK_AND_ASSIGN(std::string again, vault_->GetDisclosurePackage(worker_, request, disclosure));
  EXPECT_EQ(again, sent.package_text);
  EXPECT_EQ(LastEvent().action, "sharing.package");
  EXPECT_EQ(LastEvent().outcome, "ok");
  ASSERT_OK_AND_ASSIGN(disclosure::OpenedPackage opened,
                       disclosure::OpenPackage(again, mash_key_, vault_->organisation_public_key(), kNow + kDay, {}));
  ASSERT_EQ(opened.files.size(), 2u);
  EXPECT_NE(opened.files[0].content.find("thumbprint"), std::string::npos);
  // Anyone who may send it may fetch it (the DSL may send for every child); fetching sends nothing.
  ASSERT_OK_AND_ASSIGN(std::string dsl_copy, vault_->GetDisclosurePackage(dsl_, request, disclosure));
  EXPECT_EQ(dsl_copy, sent.package_text);
  ASSERT_OK_AND_ASSIGN(c, vault_->GetSharingCase(worker_, request));
  EXPECT_EQ(c.disclosures.size(), 1u);

  // Nothing of it in clear in the database file: neither the package nor what it carries.
  const std::string db = DatabaseBytes();
  const nlohmann::json outer = nlohmann::json::parse(sent.package_text);
  EXPECT_EQ(db.find(outer.at("payload").get<std::string>().substr(0, 48)), std::string::npos);
  EXPECT_EQ(db.find(outer.at("sealed_file_key").get<std::string>()), std::string::npos);
  EXPECT_EQ(db.find("confide-disclosure-package/1"), std::string::npos);
  EXPECT_EQ(db.find("thumbprint"), std::string::npos);

  // Absent, word for word alike: a stranger's fetch, a request that does not exist, another
  // request's id, a disclosure id that does not exist, and a disclosure recorded by another route.
  const Status hidden = vault_->GetDisclosurePackage(stranger_, request, disclosure).status();
  EXPECT_EQ(hidden.code(), StatusCode::kNotFound);
  EXPECT_EQ(LastEvent().action, "sharing.package");
  EXPECT_EQ(LastEvent().outcome, "denied");
  const Status missing = vault_->GetDisclosurePackage(stranger_, 4242, disclosure).status();
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_EQ(WithoutRequest(hidden, request), WithoutRequest(missing, 4242));
  EXPECT_EQ(hidden.message().find("Mia"), std::string::npos);

  ASSERT_OK_AND_ASSIGN(sharing::SharingCase other, vault_->RecordSharingRequest(worker_, Referral()));
  ASSERT_OK(vault_->ApproveSharingRequest(dsl_, other.request.id, Approval::kDesignatedPerson, "Refer today").status());
  const Status wrong_request = vault_->GetDisclosurePackage(worker_, other.request.id, disclosure).status();
  EXPECT_EQ(wrong_request.code(), StatusCode::kNotFound);
  EXPECT_EQ(WithoutRequest(wrong_request, other.request.id), WithoutRequest(missing, 4242));
  EXPECT_EQ(LastEvent().outcome, "not_found") << "a fetch that finds nothing is audited too";
  EXPECT_EQ(vault_->GetDisclosurePackage(worker_, request, disclosure + 100).status().code(), StatusCode::kNotFound);

  Vault::DisclosureInput by_phone;
  by_phone.fields = {"person/" + std::to_string(child_) + "/given_names"};
  by_phone.channel = sharing::Channel::kPhone;
  ASSERT_OK_AND_ASSIGN(other, vault_->RecordDisclosure(worker_, other.request.id, by_phone));
  ASSERT_EQ(other.disclosures.size(), 1u);
  const Status no_package = vault_->GetDisclosurePackage(worker_, other.request.id, other.disclosures[0].id).status();
  EXPECT_EQ(no_package.code(), StatusCode::kNotFound);
  EXPECT_EQ(WithoutRequest(no_package, other.request.id), WithoutRequest(vault_->GetDisclosurePackage(stranger_, 4242,
                                                                                                      other.disclosures[0].id).status(),
                                                                         4242));
}

TEST_F(VaultSharingTest, TheRecorderCannotBackTheirOwnRequest) {
  ASSERT_OK_AND_ASSIGN(sharing::SharingCase c, vault_->RecordSharingRequest(dsl_, Referral()));
  EXPECT_EQ(vault_->ApproveSharingRequest(dsl_, c.request.id, Approval::kDesignatedPerson, "mine").status().code(),
            StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(c, vault_->ApproveSharingRequest(deputy_, c.request.id, Approval::kDesignatedPerson, "Agreed with the DSL"));
  EXPECT_EQ(sharing::StageOf(c), CaseStage::kReadyToSend);
}

TEST_F(VaultSharingTest, ConsentFromTheRegistryIsTheBasisUntilItIsWithdrawn) {
  const int64_t gp_id =
      VerifiedRecipient(manager_, RecipientKind::kHealth, "Quarry Lane Surgery", "Call-back to the practice's published number");
  sharing::SharingRequest r;
  r.person_id = child_;
  r.direction = sharing::Direction::kOutgoing;
  r.recipient_id = gp_id;
  r.purpose = "care_and_support";
  r.categories = {"identity", "health"};
  r.channel = sharing::Channel::kSecureEmail;
  r.reasons = "The health visitor needs to know of the referral for speech therapy";
  ASSERT_OK_AND_ASSIGN(sharing::SharingCase c, vault_->RecordSharingRequest(worker_, r));
  EXPECT_NE(c.Current()->decision.basis, LawfulBasis::kConsent);
  EXPECT_FALSE(c.Current()->decision.Shares()) << "no consent, no risk: nothing goes yet";

  sharing::ConsentRecord consent;
  consent.subject_id = child_;
  consent.given_by_id = mum_;
  consent.capacity = sharing::ConsentCapacity::kParentWithPR;
  consent.purposes = {"care_and_support"};
  consent.recipients = {RecipientKind::kHealth};
  consent.categories = {"identity", "health"};
  consent.explained = {true, true, true, true, true};
  consent.voluntary = true;
  consent.method = sharing::ConsentMethod::kWritten;
  consent.evidence = "Signed form";
  consent.privacy_notice_version = "2026-09";
  consent.given_at = kNow - kDay;
  ASSERT_OK_AND_ASSIGN(int64_t consent_id, vault_->RecordConsent(worker_, consent));
  ASSERT_OK_AND_ASSIGN(c, vault_->DecideSharingRequest(worker_, c.request.id));
  EXPECT_EQ(c.Current()->decision.basis, LawfulBasis::kConsent);
  EXPECT_TRUE(c.Current()->decision.Shares());
  EXPECT_EQ(c.Current()->facts["consent"], "valid");

  clock_.Advance(kDay);
  ASSERT_OK(vault_->WithdrawConsent(worker_, consent_id, mum_));
  ASSERT_OK_AND_ASSIGN(c, vault_->DecideSharingRequest(worker_, c.request.id));
  EXPECT_EQ(c.Current()->facts["consent"], "withdrawn");
  EXPECT_NE(c.Current()->decision.basis, LawfulBasis::kConsent) << "withdrawn consent is never relied on";
  EXPECT_FALSE(c.Current()->decision.Shares());
  EXPECT_EQ(c.decisions.size(), 3u);
}

TEST_F(VaultSharingTest, ThePoliceAreAskedForTheirFormAndAManagerOrTheDpoDecides) {
  sharing::SharingRequest r;
  r.person_id = child_;
  r.direction = sharing::Direction::kIncoming;
  r.recipient_kind = RecipientKind::kPolice;
  r.purpose = "crime_prevention";
  r.categories = {"identity", "address"};
  r.channel = sharing::Channel::kPhone;
  r.reasons = "Caller says they are investigating an assault";
  ASSERT_OK_AND_ASSIGN(sharing::SharingCase c, vault_->RecordSharingRequest(worker_, r));
  EXPECT_EQ(c.Current()->facts["verified"], false);
  EXPECT_EQ(c.Current()->decision.outcome, Outcome::kDecline) << "no automatic right: ask for the request form";
  EXPECT_EQ(c.Current()->explanation["reasons"][0]["rule"], "police-request-in-writing");
  bool mentions = false;
  for (const std::string& f : c.Current()->findings) mentions |= f.find("not in the directory") != std::string::npos;
  EXPECT_TRUE(mentions);
  const Status hidden = vault_->GetSharingCase(stranger_, c.request.id).status();
  const Status absent = vault_->GetSharingCase(stranger_, 999).status();
  EXPECT_EQ(hidden.code(), StatusCode::kNotFound);
  EXPECT_EQ(hidden.message(), "no sharing request with id " + std::to_string(c.request.id));
  EXPECT_EQ(absent.code(), StatusCode::kNotFound);

  // The form arrives from the verified public protection unit: a manager or the DPO decides.
  const int64_t ppu_id =
      VerifiedRecipient(dpo_, RecipientKind::kPolice, "Public Protection Unit", "Call-back through the police switchboard");
  r.recipient_id = ppu_id;
  r.channel = sharing::Channel::kSecureEmail;
  r.documents = {{sharing::Document::kPoliceRequestForm, "DP form 4471"}};
  ASSERT_OK_AND_ASSIGN(c, vault_->RecordSharingRequest(worker_, r));
  EXPECT_EQ(c.Current()->decision.outcome, Outcome::kEscalate);
  EXPECT_EQ(Names(c.Current()->decision.approvals_one_of), (std::vector<std::string>{"manager", "data_protection_officer"}));
  // The manager (not this child's team) sees the request, not the records; the DPO backs it.
  ASSERT_OK(vault_->GetSharingCase(manager_, c.request.id).status());
  ASSERT_OK_AND_ASSIGN(c, vault_->ApproveSharingRequest(dpo_, c.request.id, Approval::kDataProtectionOfficer,
                                                        "Crime-prevention exemption applies: an assault on the mother"));
  // Without consent, a designated person backs it too ("not made by an individual alone").
  EXPECT_EQ(Names(c.Current()->decision.approvals_missing), std::vector<std::string>{"designated_person"});
  ASSERT_OK_AND_ASSIGN(c, vault_->ApproveSharingRequest(dsl_, c.request.id, Approval::kDesignatedPerson, "Agreed with the DPO"));
  EXPECT_TRUE(c.Current()->decision.Shares());
  EXPECT_EQ(c.Current()->decision.approvals_missing, 0u);
  EXPECT_EQ(c.Current()->decision.basis, LawfulBasis::kCrimePrevention);
}

TEST_F(VaultSharingTest, AContactRestrictionBlocksTheShareAndAlertsTheDesignatedPerson) {
  sharing::Recipient father;
  father.kind = RecipientKind::kParent;
  father.name = "The child's father";
  father.person_id = dad_;
  ASSERT_OK_AND_ASSIGN(int64_t dad_recipient, vault_->AddRecipient(dsl_, father));
  ASSERT_OK(vault_->RecordRecipientVerification(dsl_, dad_recipient, "Known to the worker; seen in person", ""));
  sharing::SharingRequest r;
  r.person_id = child_;
  r.direction = sharing::Direction::kIncoming;
  r.recipient_id = dad_recipient;
  r.purpose = "care_and_support";
  r.categories = {"address"};
  r.channel = sharing::Channel::kLetter;
  r.reasons = "Father asks where the child is living now";
  ASSERT_OK_AND_ASSIGN(sharing::SharingCase c, vault_->RecordSharingRequest(worker_, r));
  const sharing::RecordedDecision& d = *c.Current();
  EXPECT_EQ(d.facts["contact_restriction"], true);
  EXPECT_EQ(d.decision.outcome, Outcome::kDecline);
  EXPECT_TRUE(d.decision.alerts & sharing::Bit(Approval::kDesignatedPerson));
  EXPECT_EQ(r.recipient_kind, RecipientKind::kChildrensSocialCare) << "(the input's default; the directory's kind is used)";
  EXPECT_EQ(c.request.recipient_kind, RecipientKind::kParent);
  EXPECT_EQ(sharing::StageOf(c), CaseStage::kClosed);
  EXPECT_EQ(vault_->SendDisclosure(worker_, c.request.id, {}).status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(VaultSharingTest, AShareThatHappenedWithoutALawfulBasisIsKeptAndInvestigated) {
  sharing::SharingRequest r;
  r.person_id = child_;
  r.direction = sharing::Direction::kIncoming;
  r.recipient_kind = RecipientKind::kPress;
  r.purpose = "media_enquiry";
  r.categories = {"identity"};
  r.channel = sharing::Channel::kPhone;
  r.reasons = "A reporter asked about the family";
  ASSERT_OK_AND_ASSIGN(sharing::SharingCase c, vault_->RecordSharingRequest(worker_, r));
  EXPECT_EQ(c.Current()->decision.outcome, Outcome::kRedirect);
  Vault::DisclosureInput sent;
  sent.fields = {"person/" + std::to_string(child_) + "/given_names"};
  EXPECT_EQ(vault_->RecordDisclosure(worker_, c.request.id, sent).status().code(), StatusCode::kFailedPrecondition);
  sent.already_sent = true;
  ASSERT_OK_AND_ASSIGN(c, vault_->RecordDisclosure(worker_, c.request.id, sent));
  ASSERT_EQ(c.disclosures.size(), 1u);
  ASSERT_EQ(c.investigations.size(), 1u);
  EXPECT_EQ(c.investigations[0].disclosure_id, c.disclosures[0].id);
  EXPECT_NE(c.investigations[0].reason.find("without consent or a lawful basis"), std::string::npos);
  EXPECT_EQ(LastEvent().action, "sharing.investigation");
  EXPECT_EQ(LastEvent().outcome, "flagged");
}

TEST_F(VaultSharingTest, RequestsAreSealedAndBadRequestsChangeNothing) {
  sharing::SharingRequest r = Referral();
  r.details = "Caller: Constable Zebedee Quill";
  ASSERT_OK_AND_ASSIGN(sharing::SharingCase c, vault_->RecordSharingRequest(worker_, r));
  EXPECT_EQ(c.request.details, r.details);
  const std::string db = DatabaseBytes();
  EXPECT_EQ(db.find("Zebedee"), std::string::npos);
  EXPECT_EQ(db.find("Unexplained bruising"), std::string::npos);
  EXPECT_EQ(db.find("Northtown MASH"), std::string::npos) << "the recipient's name is sealed too";
  EXPECT_EQ(LastEvent().detail.find("Zebedee"), std::string::npos);

  ASSERT_OK_AND_ASSIGN(auto before, vault_->ListSharingCases(worker_, child_));
  sharing::SharingRequest bad = Referral();
  bad.purpose = "curiosity";
  EXPECT_EQ(vault_->RecordSharingRequest(worker_, bad).status().code(), StatusCode::kInvalidArgument);
  bad = Referral();
  bad.answers = {"verified"};  // Confide works that out; a request cannot claim it
  EXPECT_EQ(vault_->RecordSharingRequest(worker_, bad).status().code(), StatusCode::kInvalidArgument);
  bad = Referral();
  bad.reasons.clear();
  EXPECT_EQ(vault_->RecordSharingRequest(worker_, bad).status().code(), StatusCode::kInvalidArgument);
  bad = Referral();
  bad.recipient_id = 4242;
  EXPECT_EQ(vault_->RecordSharingRequest(worker_, bad).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(vault_->RecordSharingRequest(stranger_, Referral()).status().code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto after, vault_->ListSharingCases(worker_, child_));
  EXPECT_EQ(after.size(), before.size());
}

TEST_F(VaultSharingTest, TheDirectoryIsKeptByDesignatedPersonsManagersAndTheDpo) {
  sharing::Recipient school;
  school.kind = RecipientKind::kSchool;
  school.name = "Hillside Primary";
  EXPECT_EQ(vault_->AddRecipient(worker_, school).status().code(), StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(int64_t id, vault_->AddRecipient(dpo_, school));
  ASSERT_OK_AND_ASSIGN(sharing::Recipient read, vault_->GetRecipient(worker_, id));
  EXPECT_EQ(read.name, "Hillside Primary");
  EXPECT_FALSE(read.Verified());
  EXPECT_EQ(vault_->RecordRecipientVerification(dpo_, id, "", "").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(vault_->RecordRecipientVerification(dpo_, id, "Call-back", "", kNow + kDay).code(), StatusCode::kInvalidArgument);
  ASSERT_OK(vault_->RecordRecipientVerification(dpo_, id, "Call-back to the school office", "Head teacher confirmed"));
  ASSERT_OK_AND_ASSIGN(read, vault_->GetRecipient(worker_, id));
  EXPECT_TRUE(read.Verified());
  EXPECT_EQ(read.verified_by, dpo_);
  EXPECT_EQ(read.verification_method, "Call-back to the school office");
  ASSERT_OK_AND_ASSIGN(auto all, vault_->ListRecipients(worker_));
  EXPECT_EQ(all.size(), 2u);

  sharing::SharingAgreement a;
  a.name = "Northtown schools safeguarding agreement";
  a.party_kinds = {RecipientKind::kSchool};
  a.purposes = {"care_and_support"};
  a.categories = {"identity", "education"};
  a.lawful_bases = {LawfulBasis::kPublicTask};
  a.who_may_access = "Designated safeguarding leads";
  a.storage = "The school's safeguarding system";
  a.retention = "Until the child leaves the school";
  a.consent_handling = "Parents are told at admission";
  a.starts_at = kNow - 100 * kDay;
  a.review_at = kNow + 200 * kDay;
  EXPECT_EQ(vault_->RecordAgreement(worker_, a).status().code(), StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(int64_t agreement, vault_->RecordAgreement(manager_, a));
  ASSERT_OK_AND_ASSIGN(auto agreements, vault_->ListAgreements(worker_));
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(agreements[0].id, agreement);
  EXPECT_EQ(agreements[0].name, a.name);

  // A share under it is checked against it: asking for the address is outside it.
  sharing::SharingRequest r;
  r.person_id = child_;
  r.direction = sharing::Direction::kOutgoing;
  r.recipient_id = id;
  r.purpose = "care_and_support";
  r.categories = {"identity", "address"};
  r.channel = sharing::Channel::kPortal;
  r.agreement_id = agreement;
  r.reasons = "The school needs to know the child's new address";
  ASSERT_OK_AND_ASSIGN(sharing::SharingCase c, vault_->RecordSharingRequest(worker_, r));
  EXPECT_EQ(c.Current()->facts["agreement"], "outside");
}

}  // namespace
}  // namespace confide::service

namespace confide::service {
namespace {

std::vector<int64_t> QueueIds(const ApprovalQueue& q) {
  std::vector<int64_t> out;
  for (const AwaitingApproval& a : q.items) out.push_back(a.request_id);
  return out;
}

TEST_F(VaultSharingTest, TheApproversQueueListsWhatWaitsForEachRoleAndNothingElse) {
  // A routine police request backed by a manager or the DPO, then an urgent referral waiting for a
  // designated person: the urgent one comes first although it arrived later.
  const int64_t ppu_id =
      VerifiedRecipient(dpo_, RecipientKind::kPolice, "Public Protection Unit", "Call-back through the police switchboard");
  sharing::SharingRequest police;
  police.person_id = child_;
  police.direction = sharing::Direction::kIncoming;
  police.recipient_id = ppu_id;
  police.purpose = "crime_prevention";
  police.categories = {"identity", "address"};
  police.channel = sharing::Channel::kSecureEmail;
  police.documents = {{sharing::Document::kPoliceRequestForm, "DP form 4471"}};
  police.reasons = "Investigating an assault";
  ASSERT_OK_AND_ASSIGN(sharing::SharingCase p, vault_->RecordSharingRequest(worker_, police));
  clock_.Advance(kDay / 24);
  ASSERT_OK_AND_ASSIGN(sharing::SharingCase referral, vault_->RecordSharingRequest(worker_, Referral()));
  const int64_t pid = p.request.id, rid = referral.request.id;

  ASSERT_OK_AND_ASSIGN(ApprovalQueue dsl, vault_->ListAwaitingApproval(dsl_));
  EXPECT_TRUE(dsl.approver);
  ASSERT_EQ(QueueIds(dsl), (std::vector<int64_t>{rid, pid}));
  const AwaitingApproval& first = dsl.items[0];
  EXPECT_EQ(first.person_id, child_);
  EXPECT_EQ(first.person_name, std::optional<std::string>("Mia Hart"));
  EXPECT_EQ(first.urgency, sharing::Urgency::kUrgent);
  EXPECT_EQ(first.purpose, "safeguarding");
  EXPECT_EQ(first.outcome, Outcome::kEscalate);
  EXPECT_EQ(Names(first.yours), std::vector<std::string>{"designated_person"});
  EXPECT_FALSE(first.sent);
  // The DSL may record legal services' or the local authority's backing, never a manager's or the DPO's.
  EXPECT_EQ(dsl.items[1].yours & (sharing::Bit(Approval::kManager) | sharing::Bit(Approval::kDataProtectionOfficer)), 0u);
  EXPECT_EQ(LastEvent().action, "sharing.awaiting");

  // The manager's and the DPO's queues hold the police request only.
  ASSERT_OK_AND_ASSIGN(ApprovalQueue manager, vault_->ListAwaitingApproval(manager_));
  EXPECT_EQ(QueueIds(manager), std::vector<int64_t>{pid});
  EXPECT_EQ(Names(manager.items[0].yours), std::vector<std::string>{"manager"});
  ASSERT_OK_AND_ASSIGN(ApprovalQueue dpo, vault_->ListAwaitingApproval(dpo_));
  EXPECT_EQ(QueueIds(dpo), std::vector<int64_t>{pid});

  // A social worker backs nothing: no queue at all.
  const uint64_t entries = vault_->LatestAuditHead()->tree_size;
  ASSERT_OK_AND_ASSIGN(ApprovalQueue worker, vault_->ListAwaitingApproval(worker_));
  EXPECT_FALSE(worker.approver);
  EXPECT_TRUE(worker.items.empty());
  EXPECT_EQ(vault_->LatestAuditHead()->tree_size, entries) << "nothing read, nothing audited";

  // Once backed, the referral leaves the queue; the DPO's backing takes the police request off
  // the manager's queue (one of them suffices) and leaves it on the designated person's.
  ASSERT_OK(vault_->ApproveSharingRequest(deputy_, rid, Approval::kDesignatedPerson, "Agreed: significant harm").status());
  ASSERT_OK(vault_->ApproveSharingRequest(dpo_, pid, Approval::kDataProtectionOfficer, "Crime-prevention exemption").status());
  ASSERT_OK_AND_ASSIGN(dsl, vault_->ListAwaitingApproval(dsl_));
  EXPECT_EQ(QueueIds(dsl), std::vector<int64_t>{pid});
  EXPECT_EQ(Names(dsl.items[0].approvals_missing), std::vector<std::string>{"designated_person"});
  ASSERT_OK_AND_ASSIGN(manager, vault_->ListAwaitingApproval(manager_));
  EXPECT_TRUE(manager.items.empty());

  // The DSL's own request is not on their queue (someone else must back it) but is on the deputy's.
  ASSERT_OK_AND_ASSIGN(sharing::SharingCase own, vault_->RecordSharingRequest(dsl_, Referral()));
  ASSERT_OK_AND_ASSIGN(dsl, vault_->ListAwaitingApproval(dsl_));
  EXPECT_EQ(QueueIds(dsl), std::vector<int64_t>{pid});
  ASSERT_OK_AND_ASSIGN(ApprovalQueue deputy, vault_->ListAwaitingApproval(deputy_));
  EXPECT_EQ(QueueIds(deputy), (std::vector<int64_t>{own.request.id, pid}));

  // A child hidden from the deputy (a restriction) leaves nothing of them on the deputy's queue.
  ASSERT_OK(vault_->RestrictPerson(dsl_, child_, deputy_, "The deputy is a neighbour of the family").status());
  ASSERT_OK_AND_ASSIGN(deputy, vault_->ListAwaitingApproval(deputy_));
  EXPECT_TRUE(deputy.items.empty());
}

}  // namespace
}  // namespace confide::service
