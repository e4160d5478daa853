// Multi-agency agreements: a share inside one is covered; each way of falling outside it (dates,
// party, purpose, a category, the basis) is named; an overdue review is reported but does not put
// a share outside; agreements that could never be relied on are refused. The result drives the
// sharing policy's outside-agreement rule.
#include <gtest/gtest.h>

#include "sharing/agreement.h"
#include "sharing/sharing_policy.h"
#include "testing/test_util.h"

namespace confide::sharing {
namespace {

constexpr UnixMicros kDay = int64_t{86400} * 1'000'000;
constexpr UnixMicros kStart = 1'767'225'600'000'000;  // 1 January 2026

SharingAgreement Mash() {
  SharingAgreement a;
  a.id = 3;
  a.name = "Northshire multi-agency safeguarding hub";
  a.party_recipient_ids = {11, 12};
  a.party_kinds = {RecipientKind::kPolice};
  a.purposes = {"safeguarding", "section_47_enquiry"};
  a.categories = {"identity", "address", "family", "safeguarding_concerns", "chronology"};
  a.lawful_bases = {LawfulBasis::kSafeguarding, LawfulBasis::kLegalObligation};
  a.who_may_access = "Hub social workers, police officers and health staff";
  a.storage = "The hub's case system, encrypted, UK data centres";
  a.retention = "Closed hub enquiries: 6 years";
  a.consent_handling = "Consent is sought unless doing so would put the child at risk; refusals recorded on the referral";
  a.starts_at = kStart;
  a.review_at = kStart + 365 * kDay;
  return a;
}

ProposedShare Referral(UnixMicros at = kStart + 30 * kDay) {
  return {11, RecipientKind::kChildrensSocialCare, "safeguarding", {"identity", "safeguarding_concerns"}, LawfulBasis::kSafeguarding, at};
}

TEST(AgreementTest, AShareInsideTheAgreementIsCovered) {
  ASSERT_OK(ValidateAgreement(Mash()));
  const AgreementFinding f = CheckAgreement(Mash(), Referral());
  EXPECT_EQ(f.fit, AgreementFit::kCovers);
  EXPECT_TRUE(f.reasons.empty());
  ProposedShare police = Referral();
  police.recipient_id = 99;  // not named, but every police force is a party
  police.recipient_kind = RecipientKind::kPolice;
  EXPECT_EQ(CheckAgreement(Mash(), police).fit, AgreementFit::kCovers);
}

TEST(AgreementTest, EachWayOutsideIsNamed) {
  struct Case {
    const char* what;
    std::function<void(ProposedShare&)> change;
    const char* reason;
  };
  const std::vector<Case> cases = {
      {"not a party", [](ProposedShare& s) { s.recipient_id = 50; }, "not a party"},
      {"another purpose", [](ProposedShare& s) { s.purpose = "research"; }, "does not cover the purpose \"research\""},
      {"a category", [](ProposedShare& s) { s.categories.push_back("health"); }, "does not allow sharing health"},
      {"another basis", [](ProposedShare& s) { s.basis = LawfulBasis::kConsent; }, "does not rely on the basis \"consent\""},
      {"before it starts", [](ProposedShare& s) { s.at = kStart - kDay; }, "starts on 1 January 2026"},
  };
  for (const Case& c : cases) {
    ProposedShare s = Referral();
    c.change(s);
    const AgreementFinding f = CheckAgreement(Mash(), s);
    EXPECT_EQ(f.fit, AgreementFit::kOutside) << c.what;
    ASSERT_EQ(f.reasons.size(), 1u) << c.what;
    EXPECT_NE(f.reasons[0].find(c.reason), std::string::npos) << f.reasons[0];
  }
  SharingAgreement ended = Mash();
  ended.ended_at = kStart + 10 * kDay;
  EXPECT_EQ(CheckAgreement(ended, Referral()).fit, AgreementFit::kOutside);
  EXPECT_EQ(CheckAgreement(ended, Referral(kStart + 9 * kDay)).fit, AgreementFit::kCovers);
}

TEST(AgreementTest, AnOverdueReviewIsReportedButStillCovers) {
  const AgreementFinding f = CheckAgreement(Mash(), Referral(kStart + 400 * kDay));
  EXPECT_EQ(f.fit, AgreementFit::kCovers);
  EXPECT_TRUE(f.review_overdue);
  ASSERT_EQ(f.reasons.size(), 1u);
  EXPECT_NE(f.reasons[0].find("due for review on 1 January 2027"), std::string::npos) << f.reasons[0];
}

TEST(AgreementTest, TheFindingDrivesThePolicysAgreementRule) {
  const SharingPolicy& p = SharingPolicy::Default();
  SharingFacts facts;
  facts.direction = Direction::kOutgoing;
  facts.recipient = RecipientKind::kChildrensSocialCare;
  facts.purpose = *p.FindPurpose("safeguarding");
  facts.categories = *p.Categories({"identity", "health"});
  facts.Set(Fact::kSignificantHarm, true);
  facts.approvals = Bit(Approval::kDesignatedPerson);
  ProposedShare share = Referral();
  share.categories = {"identity", "health"};
  facts.agreement = CheckAgreement(Mash(), share).fit;
  ASSERT_EQ(facts.agreement, AgreementFit::kOutside);
  const SharingDecision d = p.Decide(facts);
  EXPECT_EQ(d.outcome, Outcome::kEscalate);
  EXPECT_TRUE(d.approvals_missing & Bit(Approval::kDataProtectionOfficer));
}

TEST(AgreementTest, AgreementsThatCouldNeverBeReliedOnAreRefused) {
  for (const auto& [what, change] : std::vector<std::pair<const char*, std::function<void(SharingAgreement&)>>>{
           {"name", [](SharingAgreement& a) { a.name = " "; }},
           {"party", [](SharingAgreement& a) { a.party_recipient_ids.clear(), a.party_kinds.clear(); }},
           {"purposes", [](SharingAgreement& a) { a.purposes.clear(); }},
           {"categories", [](SharingAgreement& a) { a.categories.clear(); }},
           {"basis", [](SharingAgreement& a) { a.lawful_bases = {LawfulBasis::kNone}; }},
           {"storage", [](SharingAgreement& a) { a.storage.clear(); }},
           {"consent", [](SharingAgreement& a) { a.consent_handling.clear(); }},
           {"review", [](SharingAgreement& a) { a.review_at = a.starts_at; }},
           {"end", [](SharingAgreement& a) { a.ended_at = a.starts_at - kDay; }}}) {
    SharingAgreement a = Mash();
    change(a);
    EXPECT_EQ(ValidateAgreement(a).code(), StatusCode::kInvalidArgument) << what;
  }
}

}  // namespace
}  // namespace confide::sharing
