// Sharing request facts from JSON: the policy's names, defaults for what is not said, and every
// kind of mistake refused with the field named.
#include <gtest/gtest.h>

#include "sharing/facts_json.h"
#include "testing/test_util.h"

namespace confide::sharing {
namespace {

using nlohmann::json;

TEST(FactsJsonTest, AReferralReadsAsTheFactsThePolicyDecidesOn) {
  const SharingPolicy& p = SharingPolicy::Default();
  const json j = {{"direction", "outgoing"},
                  {"recipient", "childrens_social_care"},
                  {"purpose", "safeguarding"},
                  {"categories", {"identity", "safeguarding_concerns", "third_party_identities"}},
                  {"channel", "portal"},
                  {"significant_harm", true},
                  {"consent_would_increase_risk", true},
                  {"approvals", {"designated_person"}}};
  ASSERT_OK_AND_ASSIGN(SharingFacts f, FactsFromJson(j, p));
  EXPECT_EQ(f.direction, Direction::kOutgoing);
  EXPECT_EQ(f.consent, ConsentState::kNone);  // the default
  EXPECT_TRUE(f.Has(Fact::kVerified));         // the default
  EXPECT_TRUE(f.Has(Fact::kSignificantHarm));
  const SharingDecision d = p.Decide(f);
  EXPECT_EQ(d.outcome, Outcome::kShareInPart);
  EXPECT_EQ(d.basis, LawfulBasis::kSafeguarding);
  EXPECT_FALSE(d.seek_consent);

  ASSERT_OK_AND_ASSIGN(SharingFacts written, FactsFromJson({{"recipient", "solicitor"}, {"purpose", "advocacy"},
                                                            {"categories", {"identity"}}, {"consent", "valid"},
                                                            {"written_consent", true}, {"verified", false}},
                                                           p));
  EXPECT_TRUE(Derive(written) & Bit(Fact::kWrittenConsent));
  EXPECT_FALSE(written.Has(Fact::kVerified));
}

TEST(FactsJsonTest, WrittenOutFactsReadBackTheSame) {
  const SharingPolicy& p = SharingPolicy::Default();
  SharingFacts f;
  f.direction = Direction::kIncoming;
  f.recipient = RecipientKind::kPolice;
  f.purpose = *p.FindPurpose("crime_prevention");
  f.categories = *p.Categories({"identity", "address"});
  f.channel = Channel::kPhone;
  f.urgency = Urgency::kUrgent;
  f.consent = ConsentState::kWithdrawn;
  f.agreement = AgreementFit::kOutside;
  f.documents = Bit(Document::kPoliceRequestForm);
  f.approvals = Bit(Approval::kManager) | Bit(Approval::kDataProtectionOfficer);
  f.facts = Bit(Fact::kSignificantHarm) | Bit(Fact::kContactRestriction) | Bit(Fact::kConsentInWriting) | Bit(Fact::kPersonalData);
  const json j = FactsToJson(f, p);
  EXPECT_EQ(j["purpose"], "crime_prevention");
  EXPECT_EQ(j["verified"], false);
  EXPECT_EQ(j["written_consent"], true);
  EXPECT_FALSE(j.contains("consent_exception"));  // derived, never given
  ASSERT_OK_AND_ASSIGN(SharingFacts back, FactsFromJson(j, p));
  EXPECT_EQ(back.direction, f.direction);
  EXPECT_EQ(back.recipient, f.recipient);
  EXPECT_EQ(back.purpose, f.purpose);
  EXPECT_EQ(back.categories, f.categories);
  EXPECT_EQ(back.channel, f.channel);
  EXPECT_EQ(back.urgency, f.urgency);
  EXPECT_EQ(back.consent, f.consent);
  EXPECT_EQ(back.agreement, f.agreement);
  EXPECT_EQ(back.documents, f.documents);
  EXPECT_EQ(back.approvals, f.approvals);
  EXPECT_EQ(back.facts, f.facts);
}

TEST(FactsJsonTest, MistakesAreRefusedNamingTheField) {
  const SharingPolicy& p = SharingPolicy::Default();
  const json base = {{"recipient", "police"}, {"purpose", "crime_prevention"}, {"categories", {"identity"}}};
  auto with = [&](const char* key, json value) {
    json j = base;
    j[key] = std::move(value);
    return FactsFromJson(j, p).status();
  };
  EXPECT_OK(FactsFromJson(base, p).status());
  for (const auto& [key, value, field] : std::vector<std::tuple<const char*, json, const char*>>{
           {"recipient", "journalist", "recipient"},
           {"purpose", "marketing", "purpose"},
           {"categories", json::array(), "categories"},
           {"categories", {"shoe_size"}, "categories"},
           {"documents", {"warrant"}, "documents"},
           {"significant_harm", "yes", "significant_harm"},
           {"written_consent", 1, "written_consent"},
           {"consent_exception", true, "consent_exception"},
           {"favourite_colour", true, "favourite_colour"},
           {"urgency", 3, "urgency"}}) {
    const Status s = with(key, value);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << key;
    EXPECT_NE(s.message().find(field), std::string::npos) << s.message();
  }
  EXPECT_FALSE(FactsFromJson(json::array(), p).ok());
  EXPECT_FALSE(FactsFromJson({{"purpose", "safeguarding"}, {"categories", {"identity"}}}, p).ok());
}

}  // namespace
}  // namespace confide::sharing
