// Loading sharing policies: the shipped default loads; mistakes are reported with their line and
// nothing is half-loaded; the steps after the rules (no basis, withheld, escalate) behave as
// documented on a small policy written here.
#include <gtest/gtest.h>

#include "sharing/sharing_explanation.h"
#include "sharing/sharing_policy.h"
#include "testing/test_util.h"

namespace confide::sharing {
namespace {

constexpr std::string_view kHeader = R"([policy]
name = "test"
version = "1"
no_basis_says = "no basis"
nothing_needed_says = "nothing needed"
withheld_says = "withheld"
escalate_says = "escalate"
approval_follows_says = "afterwards"

[[category]]
id = "identity"
says = "who"
[[category]]
id = "health"
says = "health"

[[purpose]]
id = "care"
says = "care"
categories = ["identity"]
)";

Result<SharingPolicy> Policy(std::string_view rules) { return SharingPolicy::Parse(std::string(kHeader) + std::string(rules), "test.toml"); }

SharingFacts Ask(const SharingPolicy& p, std::vector<std::string> categories) {
  SharingFacts f;
  f.purpose = *p.FindPurpose("care");
  f.categories = *p.Categories(categories);
  return f;
}

TEST(SharingPolicyTest, TheShippedDefaultLoadsFromTheSourceTreeAndMatchesTheBuiltInCopy) {
  ASSERT_OK_AND_ASSIGN(SharingPolicy file,
                       SharingPolicy::LoadFile((testing::SourceDir() / "config/policy/sharing-policy.toml").string()));
  const SharingPolicy& builtin = SharingPolicy::Default();
  EXPECT_EQ(file.version(), builtin.version());
  EXPECT_EQ(file.rules().size(), builtin.rules().size());
  EXPECT_GE(builtin.rules().size(), 30u);
  EXPECT_TRUE(builtin.FindPurpose("safeguarding").has_value());
}

TEST(SharingPolicyTest, ReportsEveryMistakeWithItsLine) {
  auto bad = Policy(R"(
[[rule]]
id = "a"
says = "x"
when.recipient = ["journalist"]
basis = "consent"

[[rule]]
id = "a"
says = "y"
decide = "redirect"

[[rule]]
id = "c"
says = "z"
when.favourite_colour = true
seek_consent = true
)");
  ASSERT_FALSE(bad.ok());
  const std::string m(bad.status().message());
  EXPECT_NE(m.find("test.toml:25:"), std::string::npos) << m;  // the unknown recipient
  EXPECT_NE(m.find("unknown value \"journalist\""), std::string::npos) << m;
  EXPECT_NE(m.find("id \"a\" is used twice"), std::string::npos) << m;
  EXPECT_NE(m.find("a redirect needs redirect_to"), std::string::npos) << m;
  EXPECT_NE(m.find("when.favourite_colour is not something a rule can look at"), std::string::npos) << m;
  EXPECT_NE(m.find("seek_consent can only be set to false"), std::string::npos) << m;
  EXPECT_FALSE(Policy("[[purpose]]\nid = \"x\"\nsays = \"x\"\ncategories = [\"shoe_size\"]\n").ok());
  EXPECT_FALSE(SharingPolicy::Parse("[policy\n", "broken.toml").ok());
  EXPECT_EQ(SharingPolicy::LoadFile("/nonexistent/sharing.toml").status().code(), StatusCode::kNotFound);
}

TEST(SharingPolicyTest, NoBasisDeclinesAndOnlyWhatThePurposeNeedsLeaves) {
  ASSERT_OK_AND_ASSIGN(SharingPolicy p, Policy(R"(
[[rule]]
id = "consent"
when.consent = ["valid"]
basis = "consent"
says = "consent"
)"));
  SharingFacts f = Ask(p, {"identity", "health"});
  SharingDecision none = p.Decide(f);
  EXPECT_EQ(none.outcome, Outcome::kDecline);
  EXPECT_TRUE(none.Applied(Step::kNoBasis));
  EXPECT_EQ(none.released, 0u);
  EXPECT_TRUE(none.seek_consent);
  f.consent = ConsentState::kValid;
  SharingDecision part = p.Decide(f);
  EXPECT_EQ(part.outcome, Outcome::kShareInPart);
  EXPECT_EQ(CategoryIds(p, part.released), std::vector<std::string>{"identity"});
  EXPECT_EQ(CategoryIds(p, part.withheld), std::vector<std::string>{"health"});
  EXPECT_TRUE(part.tell_subject);
  EXPECT_FALSE(part.seek_consent);
  SharingDecision nothing = p.Decide(Ask(p, {"health"}));
  EXPECT_EQ(nothing.outcome, Outcome::kDecline);
  f = Ask(p, {"health"});
  f.consent = ConsentState::kValid;
  EXPECT_TRUE(p.Decide(f).Applied(Step::kNothingNeeded));
}

TEST(SharingPolicyTest, MissingApprovalsEscalateUnlessTheyMayFollowInAnEmergency) {
  ASSERT_OK_AND_ASSIGN(SharingPolicy p, Policy(R"(
[[rule]]
id = "harm"
when.significant_harm = true
basis = "safeguarding"
require = ["designated_person"]
says = "harm"
[[rule]]
id = "emergency"
when.urgency = ["emergency"]
when.basis = ["safeguarding"]
approvals_may_follow = ["designated_person"]
tell_subject = false
says = "now"
[[rule]]
id = "police"
when.recipient = ["police"]
require_one_of = ["manager", "data_protection_officer"]
says = "police"
)"));
  SharingFacts f = Ask(p, {"identity"});
  f.Set(Fact::kSignificantHarm, true);
  EXPECT_EQ(p.Decide(f).outcome, Outcome::kEscalate);
  f.approvals = Bit(Approval::kDesignatedPerson);
  EXPECT_EQ(p.Decide(f).outcome, Outcome::kShare);
  f.recipient = RecipientKind::kPolice;
  EXPECT_EQ(p.Decide(f).outcome, Outcome::kEscalate);
  f.approvals |= Bit(Approval::kDataProtectionOfficer);
  EXPECT_EQ(p.Decide(f).outcome, Outcome::kShare);
  f.recipient = RecipientKind::kHealth;
  f.approvals = 0;
  f.urgency = Urgency::kEmergency;
  SharingDecision now = p.Decide(f);
  EXPECT_EQ(now.outcome, Outcome::kShare);
  EXPECT_TRUE(now.approvals_after);
  EXPECT_EQ(now.approvals_missing, Bit(Approval::kDesignatedPerson));
  EXPECT_FALSE(now.tell_subject);
  const auto j = ExplainDecision(p, now);
  EXPECT_EQ(j["reasons"].back()["rule"], "approval-follows");
}

}  // namespace
}  // namespace confide::sharing
