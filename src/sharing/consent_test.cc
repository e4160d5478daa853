// Consent: each rule for whether a recorded consent is valid for one request, both ways (informed,
// voluntary, specific, in time, by the right person), separated parents, the corporate parent, the
// order of the states when nothing counts, and what cannot be stored.
#include "sharing/consent.h"

#include <gtest/gtest.h>

#include "testing/test_util.h"

namespace confide::sharing {
namespace {

constexpr int64_t kChild = 100;
constexpr int64_t kMother = 201;   // parental responsibility, the child lives with her
constexpr int64_t kFather = 202;   // parental responsibility, lives elsewhere
constexpr int64_t kStepdad = 203;  // no parental responsibility
constexpr int64_t kCouncil = 900;  // for the local authority

UnixMicros At(std::string_view iso) {
  Result<int64_t> t = domain::ParseTimestampMicros(iso);
  if (!t.ok()) ADD_FAILURE() << "bad timestamp in test: " << iso;
  return t.ok() ? *t : 0;
}

domain::CivilDate Date(int y, int m, int d) { return domain::CivilDate{y, m, d}; }

// A parent's written consent that covers Query() in every respect.
ConsentRecord Consent(int64_t id, int64_t by = kMother,
                      ConsentCapacity capacity = ConsentCapacity::kParentWithPR) {
  ConsentRecord r;
  r.id = id;
  r.subject_id = kChild;
  r.given_by_id = by;
  r.capacity = capacity;
  r.purposes = {"care_and_support", "transfer_on_move"};
  r.recipients = {RecipientKind::kHealth, RecipientKind::kSchool};
  r.categories = {"identity", "health", "education"};
  r.explained = {.why = true, .what = true, .who_will_see = true, .purpose = true, .implications = true};
  r.voluntary = true;
  r.method = ConsentMethod::kWritten;
  r.evidence = "signed form, child's file";
  r.given_at = At("2026-01-10T10:00:00Z");
  r.privacy_notice_version = "2025-09";
  return r;
}

ConsentRecord Own(int64_t id) { return Consent(id, kChild, ConsentCapacity::kYoungPerson); }

ConsentRecord Refusal(int64_t id, int64_t by) {
  ConsentRecord r = Consent(id, by);
  r.refused = true;
  r.given_at = At("2026-02-01T10:00:00Z");
  return r;
}

// A ten-year-old, asked about on 3 March 2026, sharing identity and health with health services.
ConsentQuery Query() {
  ConsentQuery q;
  q.subject_id = kChild;
  q.purpose = "care_and_support";
  q.recipient = RecipientKind::kHealth;
  q.categories = {"identity", "health"};
  q.at = At("2026-03-03T12:00:00Z");
  q.subject_date_of_birth = Date(2015, 5, 1);
  q.subject_is_child = true;
  q.parents = {{kMother, true, true}, {kFather, true, false}, {kStepdad, false, true}};
  return q;
}

bool AnyReasonHas(const ConsentFinding& f, std::string_view text) {
  for (const std::string& r : f.reasons) {
    if (r.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string Reasons(const ConsentFinding& f) {
  std::string out;
  for (const std::string& r : f.reasons) out += r + " | ";
  return out;
}

// --- valid consent -------------------------------------------------------------------------------

TEST(ConsentTest, WrittenConsentFromAParentWithParentalResponsibilityIsValidAndInWriting) {
  const ConsentFinding f = EvaluateConsent({Consent(12)}, Query());
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_TRUE(f.in_writing);
  EXPECT_FALSE(f.parents_dispute);
  EXPECT_EQ(f.relied_on, 12);
  ASSERT_EQ(f.reasons.size(), 1u);
  EXPECT_EQ(f.reasons[0], "consent 12 is valid, given in writing on 10 January 2026; it is relied on");
}

TEST(ConsentTest, VerbalConsentIsValidButNotInWriting) {
  ConsentRecord r = Consent(3);
  r.method = ConsentMethod::kVerbal;
  const ConsentFinding f = EvaluateConsent({r}, Query());
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_FALSE(f.in_writing);
  EXPECT_EQ(f.relied_on, 3);
  EXPECT_TRUE(AnyReasonHas(f, "given verbally")) << Reasons(f);
}

TEST(ConsentTest, WrittenConsentIsPreferredToALaterVerbalOne) {
  ConsentRecord verbal = Consent(8);
  verbal.method = ConsentMethod::kVerbal;
  verbal.given_at = At("2026-02-20T10:00:00Z");
  const ConsentFinding f = EvaluateConsent({verbal, Consent(5)}, Query());
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_EQ(f.relied_on, 5);
  EXPECT_TRUE(f.in_writing);
}

TEST(ConsentTest, ApplyConsentSetsThePolicysFacts) {
  SharingFacts facts;
  ApplyConsent(EvaluateConsent({Consent(1)}, Query()), facts);
  EXPECT_EQ(facts.consent, ConsentState::kValid);
  EXPECT_TRUE(Derive(facts) & Bit(Fact::kWrittenConsent));
  EXPECT_FALSE(facts.Has(Fact::kParentsDispute));

  ConsentRecord verbal = Consent(2);
  verbal.method = ConsentMethod::kVerbal;
  ApplyConsent(EvaluateConsent({verbal}, Query()), facts);
  EXPECT_EQ(facts.consent, ConsentState::kValid);
  EXPECT_FALSE(facts.Has(Fact::kConsentInWriting));
  EXPECT_FALSE(Derive(facts) & Bit(Fact::kWrittenConsent));

  ApplyConsent(EvaluateConsent({Consent(3), Refusal(4, kFather)}, Query()), facts);
  EXPECT_EQ(facts.consent, ConsentState::kValid);
  EXPECT_TRUE(facts.Has(Fact::kConsentInWriting));
  EXPECT_TRUE(facts.Has(Fact::kParentsDispute));

  ApplyConsent(EvaluateConsent({}, Query()), facts);
  EXPECT_EQ(facts.consent, ConsentState::kNone);
  EXPECT_FALSE(facts.Has(Fact::kParentsDispute));
}

TEST(ConsentTest, NoRecordsMeansNoConsent) {
  const ConsentFinding f = EvaluateConsent({}, Query());
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_EQ(f.relied_on, 0);
  EXPECT_EQ(f.reasons, std::vector<std::string>{"no consent has been recorded"});
}

// --- informed and voluntary ----------------------------------------------------------------------

TEST(ConsentTest, ConsentIsNotInformedIfAnyOfTheFiveWasNotExplained) {
  const std::vector<std::pair<bool ConsentExplained::*, std::string>> items = {
      {&ConsentExplained::why, "why it would be shared"},
      {&ConsentExplained::what, "what would be shared"},
      {&ConsentExplained::who_will_see, "who would see it"},
      {&ConsentExplained::purpose, "the purpose of sharing it"},
      {&ConsentExplained::implications, "the implications for them"},
  };
  for (const auto& [member, words] : items) {
    ConsentRecord r = Consent(7);
    r.explained.*member = false;
    const ConsentFinding f = EvaluateConsent({r}, Query());
    EXPECT_EQ(f.state, ConsentState::kNone) << words;
    EXPECT_EQ(f.relied_on, 0) << words;
    EXPECT_TRUE(AnyReasonHas(f, "consent 7 was not informed: it was not explained " + words)) << Reasons(f);
  }
}

TEST(ConsentTest, ConsentThatWasNotVoluntaryDoesNotCount) {
  ConsentRecord r = Consent(7);
  r.voluntary = false;
  const ConsentFinding f = EvaluateConsent({r}, Query());
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_TRUE(AnyReasonHas(f, "consent 7 was not given freely")) << Reasons(f);
}

// --- specific: purpose, recipient, categories ----------------------------------------------------

TEST(ConsentTest, ConsentForAnotherPurposeDoesNotCount) {
  ConsentQuery q = Query();
  q.purpose = "safeguarding";
  const ConsentFinding f = EvaluateConsent({Consent(9)}, q);
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_TRUE(AnyReasonHas(f, "consent 9 does not cover the purpose \"safeguarding\"")) << Reasons(f);
  q.purpose = "transfer_on_move";
  EXPECT_EQ(EvaluateConsent({Consent(9)}, q).state, ConsentState::kValid);
}

TEST(ConsentTest, ConsentForAnotherRecipientDoesNotCount) {
  ConsentQuery q = Query();
  q.recipient = RecipientKind::kPolice;
  const ConsentFinding f = EvaluateConsent({Consent(9)}, q);
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_EQ(f.reasons, std::vector<std::string>{"consent 9 does not cover the police"});
  q.recipient = RecipientKind::kSchool;
  EXPECT_EQ(EvaluateConsent({Consent(9)}, q).state, ConsentState::kValid);
}

TEST(ConsentTest, ConsentMustCoverEveryCategoryAskedFor) {
  ConsentQuery q = Query();
  q.categories = {"identity", "case_notes", "health", "address"};
  const ConsentFinding f = EvaluateConsent({Consent(4)}, q);
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_TRUE(AnyReasonHas(f, "consent 4 does not cover all the information asked for (not case_notes, address)"))
      << Reasons(f);
  q.categories = {"education"};
  EXPECT_EQ(EvaluateConsent({Consent(4)}, q).state, ConsentState::kValid);
}

TEST(ConsentTest, ARecordAboutSomeoneElseIsIgnored) {
  ConsentRecord sibling = Consent(6);
  sibling.subject_id = 101;
  const ConsentFinding f = EvaluateConsent({sibling}, Query());
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_TRUE(AnyReasonHas(f, "consent 6 is about someone else")) << Reasons(f);
}

// --- time: given, expiry, withdrawal ------------------------------------------------------------

TEST(ConsentTest, ConsentGivenAfterTheTimeAskedAboutDoesNotCountYet) {
  ConsentRecord r = Consent(2);
  ConsentQuery q = Query();
  r.given_at = q.at + 1;
  const ConsentFinding f = EvaluateConsent({r}, q);
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_TRUE(AnyReasonHas(f, "after the time asked about")) << Reasons(f);
  r.given_at = q.at;
  EXPECT_EQ(EvaluateConsent({r}, q).state, ConsentState::kValid);
}

TEST(ConsentTest, ConsentHasExpiredAtTheMomentItExpires) {
  ConsentRecord r = Consent(2);
  ConsentQuery q = Query();
  r.expires_at = q.at;
  const ConsentFinding f = EvaluateConsent({r}, q);
  EXPECT_EQ(f.state, ConsentState::kExpired);
  EXPECT_EQ(f.relied_on, 0);
  EXPECT_TRUE(AnyReasonHas(f, "consent 2 expired on 3 March 2026")) << Reasons(f);
  r.expires_at = q.at + 1;
  EXPECT_EQ(EvaluateConsent({r}, q).state, ConsentState::kValid);
}

TEST(ConsentTest, WithdrawnConsentNeverCountsAfterItWasWithdrawn) {
  ConsentRecord r = Consent(12);
  ConsentQuery q = Query();
  r.withdrawn_by_id = kMother;
  r.withdrawn_at = At("2026-03-03T09:00:00Z");  // before `at`
  ConsentFinding f = EvaluateConsent({r}, q);
  EXPECT_EQ(f.state, ConsentState::kWithdrawn);
  EXPECT_EQ(f.relied_on, 0);
  EXPECT_EQ(f.reasons, std::vector<std::string>{"consent 12 was withdrawn on 3 March 2026"});

  r.withdrawn_at = q.at;  // at the very moment
  EXPECT_EQ(EvaluateConsent({r}, q).state, ConsentState::kWithdrawn);

  r.withdrawn_at = q.at + 1;  // still in force when the information was shared
  f = EvaluateConsent({r}, q);
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_EQ(f.relied_on, 12);
}

TEST(ConsentTest, WithdrawalDatesAreUkCalendarDays) {
  ConsentRecord r = Consent(12);
  r.withdrawn_by_id = kMother;
  r.withdrawn_at = At("2026-06-30T23:30:00Z");  // 00:30 on 1 July, British Summer Time
  ConsentQuery q = Query();
  q.at = At("2026-07-02T12:00:00Z");
  EXPECT_EQ(EvaluateConsent({r}, q).reasons, std::vector<std::string>{"consent 12 was withdrawn on 1 July 2026"});
}

// --- who may give it -----------------------------------------------------------------------------

TEST(ConsentTest, AChildOwnConsentCountsFrom16OnTheirBirthday) {
  ConsentQuery q = Query();
  q.subject_date_of_birth = Date(2010, 3, 3);
  q.at = At("2026-03-02T23:59:59Z");  // 15
  ConsentFinding f = EvaluateConsent({Own(1)}, q);
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_TRUE(AnyReasonHas(f, "consent 1 was given by the child, who is under 16 and was not judged competent"))
      << Reasons(f);
  q.at = At("2026-03-03T00:00:00Z");  // 16
  f = EvaluateConsent({Own(1)}, q);
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_EQ(f.relied_on, 1);
}

TEST(ConsentTest, A29FebruaryBirthdayTurns16On29FebruaryOrOn1MarchInACommonYear) {
  ConsentRecord own = Own(1);
  own.given_at = At("2023-06-01T10:00:00Z");
  ConsentQuery q = Query();
  q.subject_date_of_birth = Date(2008, 2, 29);
  q.at = At("2024-02-28T23:59:59Z");
  ConsentFinding f = EvaluateConsent({own}, q);
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_TRUE(AnyReasonHas(f, "under 16")) << Reasons(f);
  q.at = At("2024-02-29T00:00:00Z");
  EXPECT_EQ(EvaluateConsent({own}, q).state, ConsentState::kValid);

  // 2100 is not a leap year: the sixteenth birthday of someone born on 29 February 2084 is 1 March.
  q.subject_date_of_birth = Date(2084, 2, 29);
  q.at = At("2100-02-28T23:59:59Z");
  f = EvaluateConsent({own}, q);
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_TRUE(AnyReasonHas(f, "under 16")) << Reasons(f);
  q.at = At("2100-03-01T00:00:00Z");
  EXPECT_EQ(EvaluateConsent({own}, q).state, ConsentState::kValid);
}

TEST(ConsentTest, ABirthdayStartsAtUkMidnight) {
  ConsentQuery q = Query();
  q.subject_date_of_birth = Date(2010, 7, 1);
  q.at = At("2026-06-30T23:30:00Z");  // 00:30 BST on 1 July: 16 in the UK, still 15 in UTC
  EXPECT_EQ(EvaluateConsent({Own(1)}, q).state, ConsentState::kValid);
  q.at = At("2026-06-30T22:30:00Z");  // 23:30 BST on 30 June
  const ConsentFinding f = EvaluateConsent({Own(1)}, q);
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_TRUE(AnyReasonHas(f, "under 16")) << Reasons(f);
}

TEST(ConsentTest, AChildUnder16JudgedCompetentConsentsForThemself) {
  ConsentRecord r = Own(5);
  EXPECT_EQ(EvaluateConsent({r}, Query()).state, ConsentState::kNone);
  r.judged_competent = true;
  const ConsentFinding f = EvaluateConsent({r}, Query());
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_EQ(f.relied_on, 5);
}

TEST(ConsentTest, AChildOfUnknownAgeConsentsOnlyIfJudgedCompetentAndParentsNotAtAll) {
  ConsentQuery q = Query();
  q.subject_date_of_birth.reset();
  ConsentRecord own = Own(5);
  EXPECT_EQ(EvaluateConsent({own}, q).state, ConsentState::kNone);
  own.judged_competent = true;
  EXPECT_EQ(EvaluateConsent({own}, q).state, ConsentState::kValid);
  const ConsentFinding f = EvaluateConsent({Consent(6)}, q);
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_TRUE(AnyReasonHas(f, "date of birth is not recorded")) << Reasons(f);
}

TEST(ConsentTest, OnlyAParentWithParentalResponsibilityConsentsForAChild) {
  ConsentFinding f = EvaluateConsent({Consent(4, kStepdad)}, Query());
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_EQ(f.reasons, std::vector<std::string>{"consent 4 was given by someone without parental responsibility"});
  f = EvaluateConsent({Consent(4, 555)}, Query());  // not recorded as a parent at all
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_TRUE(AnyReasonHas(f, "without parental responsibility")) << Reasons(f);
  EXPECT_EQ(EvaluateConsent({Consent(4, kFather)}, Query()).state, ConsentState::kValid);
}

TEST(ConsentTest, AtSixteenAParentsConsentNoLongerCounts) {
  ConsentQuery q = Query();
  q.subject_date_of_birth = Date(2010, 3, 3);
  q.at = At("2026-03-02T12:00:00Z");  // 15
  EXPECT_EQ(EvaluateConsent({Consent(4)}, q).state, ConsentState::kValid);
  q.at = At("2026-03-03T12:00:00Z");  // 16
  const ConsentFinding f = EvaluateConsent({Consent(4)}, q);
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_EQ(f.reasons, std::vector<std::string>{"consent 4 was given on the young person's behalf, but they are 16 "
                                                "or over, so only their own consent counts"});
}

TEST(ConsentTest, AnAdultConsentsOnlyForThemself) {
  ConsentQuery q = Query();
  q.subject_is_child = false;
  q.subject_date_of_birth = Date(1990, 1, 1);
  ConsentFinding f = EvaluateConsent({Consent(4)}, q);
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_TRUE(AnyReasonHas(f, "they are an adult")) << Reasons(f);
  f = EvaluateConsent({Own(5)}, q);
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_EQ(f.relied_on, 5);
}

TEST(ConsentTest, TheLocalAuthorityConsentsOnlyForALookedAfterChild) {
  const ConsentRecord la = Consent(20, kCouncil, ConsentCapacity::kLocalAuthority);
  ConsentQuery q = Query();
  ConsentFinding f = EvaluateConsent({la}, q);
  EXPECT_EQ(f.state, ConsentState::kNone);
  EXPECT_TRUE(AnyReasonHas(f, "the child is not looked after")) << Reasons(f);
  q.looked_after = true;
  f = EvaluateConsent({la}, q);
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_EQ(f.relied_on, 20);
}

// --- separated parents ---------------------------------------------------------------------------

TEST(ConsentTest, OneParentsConsentIsEnoughButAnotherParentsRefusalIsADispute) {
  const ConsentFinding f = EvaluateConsent({Consent(1, kMother), Refusal(2, kFather)}, Query());
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_EQ(f.relied_on, 1);
  EXPECT_TRUE(f.parents_dispute);
  EXPECT_TRUE(AnyReasonHas(f, "consent 2 was refused on 1 February 2026")) << Reasons(f);
  EXPECT_TRUE(AnyReasonHas(f, "refused or withdrew (consent 2) while consent 1 is relied on")) << Reasons(f);
}

TEST(ConsentTest, AnotherParentsWithdrawalIsADisputeButAWithdrawnRefusalIsNot) {
  ConsentRecord father = Consent(2, kFather);
  father.withdrawn_at = At("2026-02-15T10:00:00Z");
  father.withdrawn_by_id = kFather;
  ConsentFinding f = EvaluateConsent({Consent(1, kMother), father}, Query());
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_TRUE(f.parents_dispute);

  ConsentRecord refusal = Refusal(3, kFather);
  refusal.withdrawn_at = At("2026-02-15T10:00:00Z");
  refusal.withdrawn_by_id = kFather;
  f = EvaluateConsent({Consent(1, kMother), refusal}, Query());
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_FALSE(f.parents_dispute);
  EXPECT_TRUE(AnyReasonHas(f, "the refusal was withdrawn on 15 February 2026")) << Reasons(f);
}

TEST(ConsentTest, ARefusalFromSomeoneWithoutParentalResponsibilityIsNoDispute) {
  const ConsentFinding f = EvaluateConsent({Consent(1, kMother), Refusal(2, kStepdad)}, Query());
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_FALSE(f.parents_dispute);
}

TEST(ConsentTest, BothParentsConsentingIsNoDispute) {
  ConsentRecord father = Consent(2, kFather);
  father.given_at = At("2026-02-01T10:00:00Z");
  const ConsentFinding f = EvaluateConsent({Consent(1, kMother), father}, Query());
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_FALSE(f.parents_dispute);
  EXPECT_EQ(f.relied_on, 2);  // both written: the more recent
  EXPECT_EQ(f.reasons.size(), 2u);
}

TEST(ConsentTest, AParentWhoRefusesAfterConsentingHasWithdrawnItAndViceVersa) {
  ConsentFinding f = EvaluateConsent({Consent(1, kMother), Refusal(2, kMother)}, Query());
  EXPECT_EQ(f.state, ConsentState::kRefused);
  EXPECT_TRUE(AnyReasonHas(f, "consent 1 no longer stands: the same person refused on 1 February 2026")) << Reasons(f);

  ConsentRecord later = Consent(3, kMother);
  later.given_at = At("2026-02-10T10:00:00Z");
  f = EvaluateConsent({Refusal(2, kMother), later}, Query());
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_EQ(f.relied_on, 3);
  EXPECT_FALSE(f.parents_dispute);
}

TEST(ConsentTest, AParentsConsentDoesNotOverrideACompetentChildsRefusal) {
  ConsentRecord child = Refusal(9, kChild);
  child.capacity = ConsentCapacity::kYoungPerson;
  child.judged_competent = true;
  ConsentFinding f = EvaluateConsent({Consent(1, kMother), child}, Query());
  EXPECT_EQ(f.state, ConsentState::kRefused);
  EXPECT_TRUE(AnyReasonHas(f, "consent 1 does not count: the child, judged competent, refused (consent 9)"))
      << Reasons(f);

  child.judged_competent = false;  // not competent: the parent decides
  f = EvaluateConsent({Consent(1, kMother), child}, Query());
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_EQ(f.relied_on, 1);
}

// --- the state when nothing counts ---------------------------------------------------------------

TEST(ConsentTest, WithdrawnBeatsRefusedBeatsExpiredBeatsNone) {
  const ConsentQuery q = Query();
  ConsentRecord uninformed = Consent(1);
  uninformed.explained.implications = false;
  ConsentRecord expired = Consent(2);
  expired.expires_at = At("2026-02-01T00:00:00Z");
  ConsentRecord refused = Refusal(3, kFather);
  ConsentRecord withdrawn = Consent(4);
  withdrawn.explained.why = false;  // withdrawal is reported whatever else was wrong
  withdrawn.withdrawn_at = At("2026-02-01T00:00:00Z");
  withdrawn.withdrawn_by_id = kMother;

  EXPECT_EQ(EvaluateConsent({uninformed, withdrawn}, q).state, ConsentState::kWithdrawn);
  EXPECT_EQ(EvaluateConsent({withdrawn, uninformed}, q).state, ConsentState::kWithdrawn);
  EXPECT_EQ(EvaluateConsent({expired, refused, withdrawn, uninformed}, q).state, ConsentState::kWithdrawn);
  EXPECT_EQ(EvaluateConsent({expired, refused, uninformed}, q).state, ConsentState::kRefused);
  EXPECT_EQ(EvaluateConsent({uninformed, expired}, q).state, ConsentState::kExpired);
  EXPECT_EQ(EvaluateConsent({uninformed}, q).state, ConsentState::kNone);
  const ConsentFinding f = EvaluateConsent({uninformed, expired, refused, withdrawn}, q);
  EXPECT_EQ(f.reasons.size(), 4u);  // one per record
}

TEST(ConsentTest, OnlyRecordsForThisPurposeAndRecipientSetTheState) {
  ConsentRecord withdrawn = Consent(4);
  withdrawn.withdrawn_at = At("2026-02-01T00:00:00Z");
  withdrawn.withdrawn_by_id = kMother;
  withdrawn.recipients = {RecipientKind::kPolice};
  EXPECT_EQ(EvaluateConsent({withdrawn}, Query()).state, ConsentState::kNone);
}

TEST(ConsentTest, ValidConsentBeatsAnEarlierWithdrawnOne) {
  ConsentRecord withdrawn = Consent(4);
  withdrawn.withdrawn_at = At("2026-01-20T00:00:00Z");
  withdrawn.withdrawn_by_id = kMother;
  ConsentRecord again = Consent(5);
  again.given_at = At("2026-02-20T00:00:00Z");
  const ConsentFinding f = EvaluateConsent({withdrawn, again}, Query());
  EXPECT_EQ(f.state, ConsentState::kValid);
  EXPECT_EQ(f.relied_on, 5);
  EXPECT_FALSE(f.parents_dispute);
}

// --- what can be stored --------------------------------------------------------------------------

TEST(ConsentTest, ValidateAcceptsAWholeRecordEvenIfNotInformedOrVoluntary) {
  EXPECT_OK(ValidateConsentRecord(Consent(1)));
  EXPECT_OK(ValidateConsentRecord(Own(0)));
  EXPECT_OK(ValidateConsentRecord(Refusal(2, kFather)));
  ConsentRecord r = Consent(1);
  r.explained = {};
  r.voluntary = false;
  EXPECT_OK(ValidateConsentRecord(r));
}

TEST(ConsentTest, ValidateRejectsRecordsThatCannotBeStored) {
  struct Case {
    std::string name;
    void (*change)(ConsentRecord&);
    std::string message;
  };
  const std::vector<Case> cases = {
      {"negative id", [](ConsentRecord& r) { r.id = -1; }, "id cannot be negative"},
      {"no subject", [](ConsentRecord& r) { r.subject_id = 0; }, "must be about a person"},
      {"no giver", [](ConsentRecord& r) { r.given_by_id = 0; }, "must say who gave it"},
      {"own by another", [](ConsentRecord& r) { r.capacity = ConsentCapacity::kYoungPerson; },
       "must be given by the young person"},
      {"parent is subject", [](ConsentRecord& r) { r.given_by_id = r.subject_id; }, "cannot be given by the person it is about"},
      {"competent parent", [](ConsentRecord& r) { r.judged_competent = true; }, "only a child consenting for themself"},
      {"no purpose", [](ConsentRecord& r) { r.purposes.clear(); }, "at least one purpose"},
      {"blank purpose", [](ConsentRecord& r) { r.purposes.push_back(" "); }, "blank purpose"},
      {"no recipient", [](ConsentRecord& r) { r.recipients.clear(); }, "at least one recipient"},
      {"unknown recipient", [](ConsentRecord& r) { r.recipients.push_back(static_cast<RecipientKind>(200)); },
       "unknown recipient"},
      {"no category", [](ConsentRecord& r) { r.categories.clear(); }, "at least one category"},
      {"blank category", [](ConsentRecord& r) { r.categories = {""}; }, "blank category"},
      {"no evidence", [](ConsentRecord& r) { r.evidence = " \n"; }, "needs its evidence"},
      {"no given_at", [](ConsentRecord& r) { r.given_at = 0; }, "when the consent was given"},
      {"expires before given", [](ConsentRecord& r) { r.expires_at = r.given_at - 1; }, "cannot expire before"},
      {"expires when given", [](ConsentRecord& r) { r.expires_at = r.given_at; }, "cannot expire before"},
      {"refusal expires", [](ConsentRecord& r) { r.refused = true; r.expires_at = r.given_at + 1; },
       "a refusal does not expire"},
      {"withdrawn before given",
       [](ConsentRecord& r) { r.withdrawn_at = r.given_at - 1; r.withdrawn_by_id = kMother; },
       "withdrawn before it was given"},
      {"withdrawn by nobody", [](ConsentRecord& r) { r.withdrawn_at = r.given_at + 1; }, "who withdrew it"},
      {"withdrawn by, not when", [](ConsentRecord& r) { r.withdrawn_by_id = kMother; }, "but not when"},
      {"no privacy notice", [](ConsentRecord& r) { r.privacy_notice_version = ""; }, "which privacy notice"},
  };
  for (const Case& c : cases) {
    ConsentRecord r = Consent(1);
    c.change(r);
    const Status s = ValidateConsentRecord(r);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.name;
    EXPECT_NE(s.message().find(c.message), std::string::npos) << c.name << ": " << s.message();
  }
  ConsentRecord ok = Consent(1);
  ok.withdrawn_at = ok.given_at;  // withdrawn the moment it was given: odd, but it can happen
  ok.withdrawn_by_id = kMother;
  EXPECT_OK(ValidateConsentRecord(ok));
}

TEST(ConsentTest, TheNewEnumsHaveTheirNames) {
  EXPECT_EQ(Name(ConsentCapacity::kParentWithPR), "parent_with_parental_responsibility");
  EXPECT_EQ(ParseName<ConsentCapacity>("local_authority"), ConsentCapacity::kLocalAuthority);
  EXPECT_EQ(ParseName<ConsentCapacity>("young_person"), ConsentCapacity::kYoungPerson);
  EXPECT_EQ(Name(ConsentMethod::kVerbal), "verbal");
  EXPECT_EQ(ParseName<ConsentMethod>("written"), ConsentMethod::kWritten);
  EXPECT_FALSE(ParseName<ConsentMethod>("telepathy").has_value());
}

}  // namespace
}  // namespace confide::sharing
