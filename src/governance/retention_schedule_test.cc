#include "governance/retention_schedule.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/test_util.h"

namespace confide::governance {
namespace {

using domain::PersonId;
using domain::PersonKind;

CivilDate D(int y, int m, int d) { return CivilDate{y, m, d}; }

// The shipped default's classes, written out here so these tests do not depend on the file parser.
RetentionSchedule TestSchedule() {
  RetentionSchedule s;
  s.classes = {
      {"looked_after_child", "Looked-after child's case record",
       "Care Planning, Placement and Case Review (England) Regulations 2010, regulation 50",
       RetentionStart::kDateOfBirth, 75, 6},
      {"child_protection", "Child protection file", "Common practice", RetentionStart::kDateOfBirth, 25, 6},
      {"child", "Child's record", "Common practice", RetentionStart::kDateOfBirth, 25, 6},
      {"family_member", "Family member's record", "Linked children", RetentionStart::kLinkedChildren, 0, 0},
      {"adult", "Adult's record", "Limitation Act 1980", RetentionStart::kLastActivity, 6, 6},
      {"adoption", "Adoption case record", "Adoption Agencies Regulations 2005, regulation 42",
       RetentionStart::kTriggerDate, 100, 6},
      {"foster_carer", "Foster carer's case record", "Fostering Services (England) Regulations 2011, regulation 32",
       RetentionStart::kTriggerDate, 10, 6},
  };
  return s;
}

RetentionFacts Child(PersonId id, std::optional<CivilDate> dob) {
  RetentionFacts f;
  f.person_id = id;
  f.kind = PersonKind::kChild;
  f.date_of_birth = dob;
  return f;
}

RetentionFacts Adult(PersonId id, std::vector<PersonId> linked, std::optional<CivilDate> last_activity = {}) {
  RetentionFacts f;
  f.person_id = id;
  f.kind = PersonKind::kAdult;
  f.linked_children = std::move(linked);
  f.last_activity = last_activity;
  return f;
}

// The single outcome for one person, or a test failure.
RetentionOutcome One(const RetentionFacts& f, const RetentionSchedule& schedule = TestSchedule()) {
  Result<std::vector<RetentionOutcome>> r = ComputeRetention(schedule, {f});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok() || r->size() != 1) return {};
  return (*r)[0];
}

bool Contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

TEST(RetentionScheduleTest, LookedAfterChildKeptUntilThe75thBirthdayWithItsArithmeticExplained) {
  RetentionFacts f = Child(7, D(1990, 3, 3));
  f.looked_after = true;
  const RetentionOutcome o = One(f);
  EXPECT_EQ(o.person_id, 7);
  EXPECT_EQ(o.class_id, "looked_after_child");
  EXPECT_FALSE(o.assigned);
  EXPECT_EQ(o.destroy_on, D(2065, 3, 3));
  EXPECT_EQ(o.review_on, D(2064, 9, 3));
  EXPECT_EQ(o.explanation,
            "Looked-after child's case record (Care Planning, Placement and Case Review (England) Regulations 2010, "
            "regulation 50): kept until 75 years after the date of birth, 3 March 1990. Destroy on or after 3 March "
            "2065; review from 3 September 2064. The class follows from their details: a looked-after child.");
}

TEST(RetentionScheduleTest, AutomaticClassesForChildren) {
  RetentionFacts both = Child(1, D(2010, 1, 1));
  both.looked_after = true;
  both.child_protection = true;
  RetentionFacts cp = Child(2, D(2010, 1, 1));
  cp.child_protection = true;
  RetentionFacts plain = Child(3, D(2010, 1, 1));
  plain.linked_children = {1};  // ignored for a child's automatic class
  ASSERT_OK_AND_ASSIGN(auto out, ComputeRetention(TestSchedule(), {both, cp, plain}));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].class_id, "looked_after_child");  // looked after wins over child protection
  EXPECT_EQ(out[0].destroy_on, D(2085, 1, 1));
  EXPECT_EQ(out[1].class_id, "child_protection");
  EXPECT_EQ(out[1].destroy_on, D(2035, 1, 1));
  EXPECT_TRUE(Contains(out[1].explanation, "a child with a safeguarding concern or a child protection plan"));
  EXPECT_EQ(out[2].class_id, "child");
  EXPECT_EQ(out[2].destroy_on, D(2035, 1, 1));
  EXPECT_EQ(out[2].review_on, D(2034, 7, 1));
}

TEST(RetentionScheduleTest, BornOn29FebruaryReachesTheAnniversaryOn1MarchInACommonYear) {
  const RetentionOutcome o = One(Child(1, D(2000, 2, 29)));
  EXPECT_EQ(o.destroy_on, D(2025, 3, 1));  // domain::AddYears would give 28 February
  EXPECT_EQ(o.review_on, D(2024, 9, 1));
  EXPECT_TRUE(Contains(o.explanation, "2025 has no 29 February: the next day, 1 March, is taken")) << o.explanation;
}

TEST(RetentionScheduleTest, BornOn29FebruaryKeeps29FebruaryInALeapYear) {
  RetentionSchedule s = TestSchedule();
  s.classes[2].years = 24;  // child
  const RetentionOutcome o = One(Child(1, D(2000, 2, 29)), s);
  EXPECT_EQ(o.destroy_on, D(2024, 2, 29));
  EXPECT_FALSE(Contains(o.explanation, "has no 29 February"));
}

TEST(RetentionScheduleTest, TriggerDateOn29FebruaryAlsoMovesTo1March) {
  RetentionFacts f = Adult(1, {});
  f.assigned_class = "foster_carer";
  f.trigger_date = D(2024, 2, 29);
  const RetentionOutcome o = One(f);
  EXPECT_EQ(o.destroy_on, D(2034, 3, 1));
  EXPECT_EQ(o.review_on, D(2033, 9, 1));
}

TEST(RetentionScheduleTest, ReviewDateIsClampedToTheEndOfAShorterMonth) {
  const RetentionOutcome common = One(Child(1, D(2010, 8, 31)));
  EXPECT_EQ(common.destroy_on, D(2035, 8, 31));
  EXPECT_EQ(common.review_on, D(2035, 2, 28));
  const RetentionOutcome leap = One(Child(1, D(2011, 8, 31)));
  EXPECT_EQ(leap.destroy_on, D(2036, 8, 31));
  EXPECT_EQ(leap.review_on, D(2036, 2, 29));
  const RetentionOutcome across_year = One(Child(1, D(2010, 3, 31)));
  EXPECT_EQ(across_year.review_on, D(2034, 9, 30));
}

TEST(RetentionScheduleTest, ReviewMonthsZeroReviewsOnTheDestructionDate) {
  RetentionSchedule s = TestSchedule();
  s.classes[2].review_months = 0;
  const RetentionOutcome o = One(Child(1, D(2010, 5, 6)), s);
  EXPECT_EQ(o.destroy_on, D(2035, 5, 6));
  EXPECT_EQ(o.review_on, o.destroy_on);
}

TEST(RetentionScheduleTest, AdultWithNoLinkedChildIsKeptSixYearsFromTheLastRecord) {
  const RetentionOutcome o = One(Adult(5, {}, D(2020, 10, 15)));
  EXPECT_EQ(o.class_id, "adult");
  EXPECT_EQ(o.destroy_on, D(2026, 10, 15));
  EXPECT_EQ(o.review_on, D(2026, 4, 15));
  EXPECT_TRUE(Contains(o.explanation, "kept until 6 years after the last record about them, 15 October 2020."));
  EXPECT_TRUE(Contains(o.explanation, "an adult linked to no child"));
}

TEST(RetentionScheduleTest, AdultWithNothingRecordedHasNoDate) {
  const RetentionOutcome o = One(Adult(5, {}));
  EXPECT_FALSE(o.destroy_on.has_value());
  EXPECT_FALSE(o.review_on.has_value());
  EXPECT_TRUE(Contains(o.explanation, "nothing is recorded about them")) << o.explanation;
  EXPECT_TRUE(Contains(o.explanation, "nothing is destroyed"));
}

TEST(RetentionScheduleTest, ChildWithNoDateOfBirthHasNoDate) {
  const RetentionOutcome o = One(Child(3, std::nullopt));
  EXPECT_EQ(o.class_id, "child");
  EXPECT_FALSE(o.destroy_on.has_value());
  EXPECT_FALSE(o.review_on.has_value());
  EXPECT_EQ(o.explanation,
            "Child's record (Common practice): kept until 25 years after the date of birth, but no date of birth is "
            "recorded. No destruction date can be worked out, so nothing is destroyed. The class follows from their "
            "details: a child neither looked after nor with child protection involvement.");
}

TEST(RetentionScheduleTest, LinkedAdultFollowsTheLaterOfTwoChildren) {
  RetentionFacts older = Child(10, D(2005, 3, 3));  // looked after: 2080
  older.looked_after = true;
  const RetentionFacts younger = Child(11, D(2012, 5, 1));  // 2037
  // The adult comes first: the order of `facts` does not matter.
  ASSERT_OK_AND_ASSIGN(auto out,
                       ComputeRetention(TestSchedule(), {Adult(20, {11, 10}, D(2024, 1, 1)), younger, older}));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].person_id, 20);
  EXPECT_EQ(out[0].class_id, "family_member");
  EXPECT_EQ(out[0].destroy_on, D(2080, 3, 3));
  EXPECT_EQ(out[0].review_on, D(2080, 3, 3));  // review_months 0
  EXPECT_TRUE(Contains(
      out[0].explanation,
      "the last of theirs to fall due is linked child 10's, on 3 March 2080. Destroy on or after 3 March 2080"))
      << out[0].explanation;
  EXPECT_TRUE(Contains(out[0].explanation, "an adult linked to 2 children"));
  EXPECT_EQ(out[1].destroy_on, D(2037, 5, 1));
  EXPECT_EQ(out[2].destroy_on, D(2080, 3, 3));
}

TEST(RetentionScheduleTest, LinkedClassWithYearsCountsOnFromTheChildrensDate) {
  RetentionSchedule s = TestSchedule();
  s.classes[3].years = 2;
  s.classes[3].review_months = 3;
  ASSERT_OK_AND_ASSIGN(auto out, ComputeRetention(s, {Child(1, D(2000, 2, 29)), Adult(2, {1})}));
  // The child: 1 March 2025; the adult two years on.
  EXPECT_EQ(out[1].destroy_on, D(2027, 3, 1));
  EXPECT_EQ(out[1].review_on, D(2026, 12, 1));
}

TEST(RetentionScheduleTest, OneUndeterminedChildMakesTheLinkedAdultUndetermined) {
  ASSERT_OK_AND_ASSIGN(
      auto out, ComputeRetention(TestSchedule(), {Child(1, D(2010, 1, 1)), Child(2, std::nullopt), Adult(3, {1, 2})}));
  EXPECT_EQ(out[0].destroy_on, D(2035, 1, 1));
  EXPECT_FALSE(out[1].destroy_on.has_value());
  EXPECT_FALSE(out[2].destroy_on.has_value());
  EXPECT_FALSE(out[2].review_on.has_value());
  EXPECT_TRUE(Contains(out[2].explanation, "linked child 2 has no destruction date")) << out[2].explanation;
}

TEST(RetentionScheduleTest, AChildMissingFromTheFactsMakesTheLinkedAdultUndetermined) {
  ASSERT_OK_AND_ASSIGN(auto out, ComputeRetention(TestSchedule(), {Child(1, D(2010, 1, 1)), Adult(3, {1, 99})}));
  EXPECT_FALSE(out[1].destroy_on.has_value());
  EXPECT_TRUE(Contains(out[1].explanation, "linked child 99 is not among the people")) << out[1].explanation;
}

TEST(RetentionScheduleTest, AChildDestroyedEarlierStillCountsForTheLinkedAdult) {
  RetentionFacts destroyed;  // all an earlier run leaves: the id and the day
  destroyed.person_id = 1;
  destroyed.destroyed_on = D(2024, 6, 3);
  RetentionFacts gone_class = destroyed;  // a class the schedule no longer defines is no error here
  gone_class.person_id = 2;
  gone_class.assigned_class = "withdrawn_class";
  gone_class.destroyed_on = D(2023, 1, 9);
  ASSERT_OK_AND_ASSIGN(auto out, ComputeRetention(TestSchedule(), {Adult(3, {1, 2}), destroyed, gone_class,
                                                                   Adult(4, {1, 5}), Child(5, D(2010, 1, 1))}));
  EXPECT_EQ(out[1].destroy_on, D(2024, 6, 3));
  EXPECT_EQ(out[1].review_on, D(2024, 6, 3));
  EXPECT_TRUE(Contains(out[1].explanation, "Records destroyed on 3 June 2024")) << out[1].explanation;
  EXPECT_EQ(out[2].class_id, "withdrawn_class");
  EXPECT_EQ(out[2].destroy_on, D(2023, 1, 9));
  // Adult 3 follows the later of the two destroyed children; adult 4 the living one.
  EXPECT_EQ(out[0].destroy_on, D(2024, 6, 3));
  EXPECT_EQ(out[3].destroy_on, D(2035, 1, 1));
  // A destroyed person is a fixed date, not a link to follow, whatever their class.
  RetentionFacts destroyed_adult = Adult(6, {99});
  destroyed_adult.destroyed_on = D(2022, 2, 2);
  ASSERT_OK_AND_ASSIGN(auto chain, ComputeRetention(TestSchedule(), {destroyed_adult, Adult(7, {6})}));
  EXPECT_EQ(chain[0].destroy_on, D(2022, 2, 2));
  EXPECT_EQ(chain[1].destroy_on, D(2022, 2, 2));
}

TEST(RetentionScheduleTest, LinkedPeopleCountedFromTheirOwnLinksAreNotFollowed) {
  // Two adults given the family class and linked to each other: a cycle, left undetermined.
  RetentionFacts a = Adult(1, {2});
  RetentionFacts b = Adult(2, {1});
  RetentionFacts self = Adult(3, {3});
  ASSERT_OK_AND_ASSIGN(auto out, ComputeRetention(TestSchedule(), {a, b, self}));
  for (const RetentionOutcome& o : out) {
    EXPECT_FALSE(o.destroy_on.has_value()) << o.person_id;
    EXPECT_TRUE(Contains(o.explanation, "is itself kept as long as the people it is linked to")) << o.explanation;
  }
}

TEST(RetentionScheduleTest, AChildGivenTheLinkedClassFollowsItsOwnLinks) {
  RetentionFacts sibling = Child(2, D(2015, 6, 1));
  sibling.assigned_class = "family_member";
  sibling.linked_children = {1};
  ASSERT_OK_AND_ASSIGN(auto out, ComputeRetention(TestSchedule(), {Child(1, D(2010, 6, 1)), sibling}));
  EXPECT_EQ(out[1].class_id, "family_member");
  EXPECT_TRUE(out[1].assigned);
  EXPECT_EQ(out[1].destroy_on, D(2035, 6, 1));

  sibling.linked_children.clear();
  const RetentionOutcome none = One(sibling);
  EXPECT_FALSE(none.destroy_on.has_value());
  EXPECT_TRUE(Contains(none.explanation, "no linked children are recorded"));
}

TEST(RetentionScheduleTest, AnAssignedClassOverridesTheAutomaticOne) {
  RetentionFacts f = Child(4, D(2010, 1, 1));
  f.looked_after = true;
  f.assigned_class = "adoption";
  f.trigger_date = D(2015, 7, 20);
  const RetentionOutcome o = One(f);
  EXPECT_EQ(o.class_id, "adoption");
  EXPECT_TRUE(o.assigned);
  EXPECT_EQ(o.destroy_on, D(2115, 7, 20));
  EXPECT_EQ(o.review_on, D(2115, 1, 20));
  EXPECT_TRUE(Contains(o.explanation, "kept until 100 years after the date recorded with the class, 20 July 2015."));
  EXPECT_TRUE(Contains(o.explanation, "The class was given explicitly."));

  f.trigger_date.reset();
  const RetentionOutcome missing = One(f);
  EXPECT_FALSE(missing.destroy_on.has_value());
  EXPECT_TRUE(Contains(missing.explanation, "no trigger date was recorded with the class")) << missing.explanation;
}

TEST(RetentionScheduleTest, AnAssignedAutomaticClassIsStillAssigned) {
  RetentionFacts f = Adult(4, {}, D(2020, 1, 1));
  f.assigned_class = "child";  // counted from a date of birth the adult's facts do not have
  const RetentionOutcome o = One(f);
  EXPECT_EQ(o.class_id, "child");
  EXPECT_TRUE(o.assigned);
  EXPECT_FALSE(o.destroy_on.has_value());
}

TEST(RetentionScheduleTest, AnUnknownAssignedClassIsAnErrorNamingThePerson) {
  RetentionFacts f = Child(42, D(2010, 1, 1));
  f.assigned_class = "shredder";
  Result<std::vector<RetentionOutcome>> r = ComputeRetention(TestSchedule(), {Child(1, D(2010, 1, 1)), f});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(r.status().message(), "person 42")) << r.status().message();
  EXPECT_TRUE(Contains(r.status().message(), "\"shredder\""));
}

TEST(RetentionScheduleTest, APersonListedTwiceIsAnError) {
  Result<std::vector<RetentionOutcome>> r =
      ComputeRetention(TestSchedule(), {Child(8, D(2010, 1, 1)), Adult(9, {}), Child(8, D(2011, 1, 1))});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(r.status().message(), "person 8 appears twice")) << r.status().message();
}

TEST(RetentionScheduleTest, AnInvalidScheduleIsRefused) {
  RetentionSchedule s = TestSchedule();
  s.classes[0].years = 151;
  Result<std::vector<RetentionOutcome>> r = ComputeRetention(s, {Child(1, D(2010, 1, 1))});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(RetentionScheduleTest, NoFactsNoOutcomes) {
  ASSERT_OK_AND_ASSIGN(auto out, ComputeRetention(TestSchedule(), {}));
  EXPECT_TRUE(out.empty());
}

TEST(RetentionScheduleTest, StartNamesRoundTrip) {
  for (RetentionStart s : {RetentionStart::kDateOfBirth, RetentionStart::kTriggerDate, RetentionStart::kLastActivity,
                           RetentionStart::kLinkedChildren}) {
    EXPECT_EQ(ParseRetentionStart(ToString(s)), s);
  }
  EXPECT_EQ(ToString(RetentionStart::kLinkedChildren), "linked_children");
  EXPECT_EQ(ParseRetentionStart("Date_Of_Birth"), std::nullopt);
  EXPECT_EQ(ParseRetentionStart(""), std::nullopt);
}

TEST(RetentionScheduleTest, FindByIdAndTheTestScheduleIsValid) {
  const RetentionSchedule s = TestSchedule();
  EXPECT_OK(ValidateRetentionSchedule(s));
  ASSERT_NE(s.Find("adoption"), nullptr);
  EXPECT_EQ(s.Find("adoption")->years, 100);
  EXPECT_EQ(s.Find("nope"), nullptr);
}

// Each mutation of a valid schedule, and a part of the message it must give.
struct Broken {
  const char* what;
  void (*mutate)(RetentionSchedule&);
  const char* message;
};

TEST(RetentionScheduleTest, ValidationFindsEachProblem) {
  const std::vector<Broken> cases = {
      {"upper case", [](RetentionSchedule& s) { s.classes[5].id = "Adoption"; },
       "retention class \"Adoption\": the id must be 1 to 64 lower-case letters, digits and '_'"},
      {"hyphen", [](RetentionSchedule& s) { s.classes[5].id = "adoption-order"; }, "\"adoption-order\": the id must"},
      {"too long", [](RetentionSchedule& s) { s.classes[5].id = std::string(65, 'a'); }, "the id must be 1 to 64"},
      {"empty id", [](RetentionSchedule& s) { s.classes[5].id = ""; }, "retention class 6 (no id): the id must"},
      {"duplicate", [](RetentionSchedule& s) { s.classes[6].id = "adoption"; },
       "retention class \"adoption\": the id is used by an earlier class too"},
      {"empty name", [](RetentionSchedule& s) { s.classes[1].name = " "; }, "\"child_protection\": name is empty"},
      {"empty basis", [](RetentionSchedule& s) { s.classes[1].basis = ""; }, "\"child_protection\": basis is empty"},
      {"negative years", [](RetentionSchedule& s) { s.classes[2].years = -1; },
       "\"child\": years is -1; it must be 0 to 150"},
      {"too many years", [](RetentionSchedule& s) { s.classes[2].years = 151; }, "\"child\": years is 151"},
      {"negative review", [](RetentionSchedule& s) { s.classes[4].review_months = -1; },
       "\"adult\": review_months is -1; it must be 0 to 120"},
      {"review too early", [](RetentionSchedule& s) { s.classes[4].review_months = 121; },
       "\"adult\": review_months is 121"},
      {"automatic trigger", [](RetentionSchedule& s) { s.classes[2].start = RetentionStart::kTriggerDate; },
       "\"child\": a class Confide assigns by itself cannot start from trigger_date"},
      {"no looked-after class", [](RetentionSchedule& s) { s.classes[0].id = "lac"; },
       "the retention schedule has no class \"looked_after_child\""},
      {"no child protection class", [](RetentionSchedule& s) { s.classes.erase(s.classes.begin() + 1); },
       "no class \"child_protection\""},
      {"no child class", [](RetentionSchedule& s) { s.classes.erase(s.classes.begin() + 2); }, "no class \"child\""},
      {"no family class", [](RetentionSchedule& s) { s.classes.erase(s.classes.begin() + 3); },
       "no class \"family_member\""},
      {"no adult class", [](RetentionSchedule& s) { s.classes.erase(s.classes.begin() + 4); }, "no class \"adult\""},
  };
  for (const Broken& c : cases) {
    RetentionSchedule s = TestSchedule();
    c.mutate(s);
    const Status st = ValidateRetentionSchedule(s);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << c.what;
    EXPECT_TRUE(Contains(st.message(), c.message)) << c.what << ": " << st.message();
    EXPECT_FALSE(Contains(st.message(), "problems in")) << c.what << ": only one problem: " << st.message();
  }
}

TEST(RetentionScheduleTest, ValidationAcceptsTheLimits) {
  RetentionSchedule s = TestSchedule();
  s.classes[5].id = std::string(64, 'z');
  s.classes[5].years = 150;
  s.classes[5].review_months = 120;
  s.classes[6].id = "a_1";
  s.classes[6].years = 0;
  s.classes[6].review_months = 0;
  EXPECT_OK(ValidateRetentionSchedule(s));
}

TEST(RetentionScheduleTest, ValidationReportsEveryProblemTogether) {
  RetentionSchedule s = TestSchedule();
  s.classes[0].years = 200;
  s.classes[1].basis = "";
  s.classes.erase(s.classes.begin() + 4);  // adult
  const std::vector<RetentionScheduleProblem> problems = FindRetentionScheduleProblems(s);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].class_index, 0u);
  EXPECT_EQ(problems[0].field, "years");
  EXPECT_EQ(problems[1].class_index, 1u);
  EXPECT_EQ(problems[1].field, "basis");
  EXPECT_EQ(problems[2].class_index, RetentionScheduleProblem::kWholeSchedule);
  EXPECT_EQ(problems[2].class_id, "adult");
  const Status st = ValidateRetentionSchedule(s);
  EXPECT_TRUE(Contains(st.message(), "3 problems in the retention schedule")) << st.message();
  EXPECT_TRUE(Contains(st.message(), "years is 200"));
  EXPECT_TRUE(Contains(st.message(), "basis is empty"));
  EXPECT_TRUE(Contains(st.message(), "no class \"adult\""));
}

// 100,000 people: 80,000 children and 20,000 adults (each of the first 15,000 linked to four
// children, the rest to none). Checks a few outcomes worked out by hand; a quadratic algorithm
// would make this test take minutes.
TEST(RetentionScheduleTest, ScalesToAHundredThousandPeople) {
  constexpr int kChildren = 80000;
  constexpr int kAdults = 20000;
  constexpr int kLinkedAdults = 15000;
  std::vector<RetentionFacts> facts;
  facts.reserve(kChildren + kAdults);
  for (int i = 0; i < kChildren; ++i) {
    RetentionFacts f = Child(i, D(1990 + i % 20, 1 + i % 12, 1 + i % 28));
    f.looked_after = i % 7 == 0;
    f.child_protection = i % 5 == 0;
    if (i % 1000 == 999) f.date_of_birth.reset();
    facts.push_back(std::move(f));
  }
  for (int j = 0; j < kAdults; ++j) {
    std::vector<PersonId> linked;
    if (j < kLinkedAdults) linked = {4 * j, 4 * j + 1, 4 * j + 2, 4 * j + 3};
    facts.push_back(Adult(kChildren + j, std::move(linked), D(2020, 1 + j % 12, 10)));
  }
  ASSERT_OK_AND_ASSIGN(auto out, ComputeRetention(TestSchedule(), facts));
  ASSERT_EQ(out.size(), facts.size());
  // Child 0: looked after (and under protection), born 1 January 1990: 75 years.
  EXPECT_EQ(out[0].class_id, "looked_after_child");
  EXPECT_EQ(out[0].destroy_on, D(2065, 1, 1));
  // Child 5: child protection, born 1995-06-06: 25 years.
  EXPECT_EQ(out[5].class_id, "child_protection");
  EXPECT_EQ(out[5].destroy_on, D(2020, 6, 6));
  // Child 13: born 2003-02-14, neither: 2028-02-14, review 2027-08-14.
  EXPECT_EQ(out[13].class_id, "child");
  EXPECT_EQ(out[13].destroy_on, D(2028, 2, 14));
  EXPECT_EQ(out[13].review_on, D(2027, 8, 14));
  // Child 999 has no date of birth.
  EXPECT_FALSE(out[999].destroy_on.has_value());
  // Adult 0: children 0..3; child 0's 2065-01-01 is the latest.
  EXPECT_EQ(out[kChildren].class_id, "family_member");
  EXPECT_EQ(out[kChildren].destroy_on, D(2065, 1, 1));
  // Adult 1: children 4..7; child 7 (looked after, born 1997-08-08) gives 2072-08-08.
  EXPECT_EQ(out[kChildren + 1].destroy_on, D(2072, 8, 8));
  // Adult 249: children 996..999; child 999 has no date, so neither has the adult.
  EXPECT_FALSE(out[kChildren + 249].destroy_on.has_value());
  // Adult 15000 is linked to no child: last record 2020-01-10 (15000 % 12 == 0), plus 6 years.
  EXPECT_EQ(out[kChildren + kLinkedAdults].class_id, "adult");
  EXPECT_EQ(out[kChildren + kLinkedAdults].destroy_on, D(2026, 1, 10));
  int undetermined = 0;
  for (const RetentionOutcome& o : out) undetermined += o.destroy_on ? 0 : 1;
  EXPECT_EQ(undetermined, 80 + 60);  // 80 children without a date; the 60 adults linked to one of them
}

}  // namespace
}  // namespace confide::governance
