// Properties of the shipped sharing policy over generated requests: whatever the facts, nothing
// outside the purpose's categories leaves, consent that is not valid is never the basis, every
// decision has reasons, and a share of personal data without consent has a designated person's
// backing (given, or to be recorded straight after an emergency).
#include <gtest/gtest.h>
#include <random>

#include "sharing/sharing_explanation.h"
#include "sharing/sharing_policy.h"

namespace confide::sharing {
namespace {

constexpr int kCases = 1000000;

template <typename E>
E Any(std::mt19937_64& rng) {
  return static_cast<E>(std::uniform_int_distribution<size_t>(0, Count<E>() - 1)(rng));
}

SharingFacts Generate(const SharingPolicy& policy, std::mt19937_64& rng) {
  SharingFacts f;
  f.direction = Any<Direction>(rng);
  f.recipient = Any<RecipientKind>(rng);
  f.purpose = static_cast<PurposeIndex>(std::uniform_int_distribution<size_t>(0, policy.purposes().size() - 1)(rng));
  const CategorySet all = (CategorySet{1} << policy.categories().size()) - 1;
  do {
    f.categories = rng() & all;
  } while (f.categories == 0);
  f.channel = Any<Channel>(rng);
  f.urgency = Any<Urgency>(rng);
  f.consent = Any<ConsentState>(rng);
  f.agreement = Any<AgreementFit>(rng);
  // Each given fact true about a third of the time; the derived ones are never given.
  f.facts = 0;
  for (size_t i = 0; i < Count<Fact>(); ++i) {
    const auto fact = static_cast<Fact>(i);
    if (fact == Fact::kWrittenConsent || fact == Fact::kConsentException) continue;
    f.Set(fact, rng() % 3 == 0 || (fact == Fact::kVerified && rng() % 2 == 0));
  }
  f.documents = static_cast<uint32_t>(rng() & ((1u << Count<Document>()) - 1)) & static_cast<uint32_t>(rng());
  f.approvals = static_cast<uint32_t>(rng() & ((1u << Count<Approval>()) - 1));
  return f;
}

CategorySet Named(const SharingPolicy& policy, std::initializer_list<std::string_view> ids) {
  CategorySet set = 0;
  for (auto id : ids) set |= CategorySet{1} << *policy.FindCategory(id);
  return set;
}

TEST(SharingPropertiesTest, HoldForEveryGeneratedRequest) {
  const SharingPolicy& policy = SharingPolicy::Default();
  const CategorySet never = Named(policy, {"third_party_identities", "informant_identity"});
  const CategorySet not_personal = Named(policy, {"pseudonymised_summary", "anonymised_extract"});
  std::mt19937_64 rng(20261205);
  size_t shared = 0, shared_without_consent = 0, declined = 0, escalated = 0;
  for (int i = 0; i < kCases; ++i) {
    const SharingFacts f = Generate(policy, rng);
    const SharingDecision d = policy.Decide(f);
    auto explain = [&] { return ExplainDecision(policy, d).dump(); };
    // Only what the purpose needs leaves, and only what was asked for.
    ASSERT_EQ(d.released & ~policy.purposes()[f.purpose].categories, 0u) << explain();
    ASSERT_EQ(d.released & ~f.categories, 0u) << explain();
    ASSERT_EQ(d.released | d.withheld, f.categories) << explain();
    ASSERT_EQ(d.released & d.withheld, 0u) << explain();
    ASSERT_EQ(d.released & never, 0u) << "third parties and anonymous informants are never released: " << explain();
    // Consent that is not valid (none, refused, withdrawn, expired) is never relied on.
    if (f.consent != ConsentState::kValid) {
      ASSERT_NE(d.basis, LawfulBasis::kConsent) << explain();
    }
    // Every decision says why.
    ASSERT_TRUE(d.rules.any() || d.steps != 0) << explain();
    // A decision that shares has a basis and its approvals (or, in an emergency, records them after).
    if (d.Shares()) {
      ++shared;
      ASSERT_NE(d.basis, LawfulBasis::kNone) << explain();
      ASSERT_TRUE(d.approvals_missing == 0 || d.approvals_after) << explain();
      ASSERT_NE(d.released, 0u) << explain();
      if (d.basis != LawfulBasis::kConsent && (d.released & ~not_personal) != 0) {
        ++shared_without_consent;
        ASSERT_TRUE(d.approvals_required & Bit(Approval::kDesignatedPerson))
            << "a share without consent has a designated person's backing: " << explain();
        ASSERT_TRUE((f.approvals & Bit(Approval::kDesignatedPerson)) || d.approvals_after) << explain();
      }
    } else {
      d.outcome == Outcome::kEscalate ? ++escalated : ++declined;
      if (d.outcome != Outcome::kEscalate) {
        ASSERT_EQ(d.released, 0u) << explain();
      }
      if (d.outcome == Outcome::kEscalate) {
        ASSERT_NE(d.approvals_missing, 0u) << explain();
      }
    }
    // A contact restriction always blocks, and alerts the designated person.
    if (f.Has(Fact::kContactRestriction)) {
      ASSERT_EQ(d.outcome, Outcome::kDecline) << explain();
      ASSERT_TRUE(d.alerts & Bit(Approval::kDesignatedPerson)) << explain();
    }
    // The press never receives anything.
    if (f.recipient == RecipientKind::kPress) {
      ASSERT_FALSE(d.Shares()) << explain();
    }
  }
  // The generator reaches every kind of outcome, so the properties above were tested, not vacuous.
  EXPECT_GT(shared, 1000u);
  EXPECT_GT(shared_without_consent, 100u);
  EXPECT_GT(declined, 1000u);
  EXPECT_GT(escalated, 1000u);
}

}  // namespace
}  // namespace confide::sharing
