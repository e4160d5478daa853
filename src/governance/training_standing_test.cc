// When training lapses (UK days, month ends, leap years, summer time), where a staff member stands
// (each state, the warning window's edges, the latest completion, courses for some roles only),
// the confidentiality policy's acknowledgement (due, overdue from the start of the next UK day, an
// earlier version only) and what the access gate is given.
#include "governance/training_standing.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/uk_time.h"

namespace confide::governance {
namespace {

using domain::CivilDate;
using domain::StaffRole;

constexpr int64_t kDay = int64_t{86400} * 1000000;

// A UK wall-clock time.
UnixMicros Uk(int year, int month, int day, int hour = 0, int minute = 0) {
  return domain::FromUkLocal(CivilDate{year, month, day}, hour, minute);
}

// A UTC instant written "2026-06-30T23:30:00Z".
UnixMicros Utc(const char* text) { return domain::ParseTimestampMicros(text).value(); }

Course MakeCourse(const std::string& id, int refresher_months, std::vector<StaffRole> roles = {}) {
  Course c;
  c.id = id;
  c.name = "Name of " + id;
  c.basis = "Basis of " + id;
  c.refresher_months = refresher_months;
  c.roles = std::move(roles);
  return c;
}

// The shipped default's shape: induction once, confidentiality yearly, safeguarding every three
// years, the designated safeguarding lead's course for the leads only.
TrainingCatalogue Catalogue() {
  TrainingCatalogue c;
  c.courses = {MakeCourse("induction", 0), MakeCourse("confidentiality", 12), MakeCourse("safeguarding", 36),
               MakeCourse("designated_safeguarding_lead", 24,
                          {StaffRole::kDesignatedSafeguardingLead, StaffRole::kDeputySafeguardingLead})};
  return c;
}

// Version 2026.1, in force from 1 April 2026, 30 days to acknowledge: in time until the end of
// Friday 1 May 2026 (UK summer time), that is until 2026-05-01T23:00:00Z.
ConfidentialityPolicy Policy() {
  ConfidentialityPolicy p;
  p.version = "2026.1";
  p.title = "Confidentiality and information sharing policy";
  p.in_force_from = CivilDate{2026, 4, 1};
  p.acknowledge_within_days = 30;
  p.text = "We keep what we learn about children and families to ourselves.";
  return p;
}

CourseCompletion Completed(const std::string& course, UnixMicros at, std::optional<UnixMicros> expires) {
  CourseCompletion c;
  c.course = course;
  c.completed_at = at;
  c.expires_at = expires;
  return c;
}

PolicyAcknowledgement Acknowledged(const std::string& version, UnixMicros at) {
  PolicyAcknowledgement a;
  a.version = version;
  a.acknowledged_at = at;
  return a;
}

// Every course of Catalogue() completed and current at `now` (for 2026 dates), for a role.
TrainingFacts AllCurrent(StaffRole role) {
  TrainingFacts f;
  f.role = role;
  f.completions = {Completed("induction", Uk(2024, 9, 2, 10), std::nullopt),
                   Completed("confidentiality", Uk(2026, 3, 10, 10), Uk(2027, 3, 10)),
                   Completed("safeguarding", Uk(2025, 1, 15, 10), Uk(2028, 1, 15)),
                   Completed("designated_safeguarding_lead", Uk(2025, 6, 1, 10), Uk(2027, 6, 1))};
  return f;
}

const CourseStanding& Of(const TrainingStanding& s, const std::string& course) {
  for (const CourseStanding& c : s.courses) {
    if (c.course == course) return c;
  }
  ADD_FAILURE() << "no standing for " << course;
  static const CourseStanding none{};
  return none;
}

// --- RefresherDue --------------------------------------------------------------------------------

TEST(RefresherDue, ClampsToTheEndOfAShorterMonth) {
  const Course monthly = MakeCourse("monthly", 1);
  EXPECT_EQ(RefresherDue(monthly, Uk(2027, 1, 31, 10)), Uk(2027, 2, 28));  // 2027 is not a leap year
  EXPECT_EQ(RefresherDue(monthly, Uk(2028, 1, 31, 10)), Uk(2028, 2, 29));  // 2028 is
  EXPECT_EQ(RefresherDue(monthly, Uk(2026, 3, 31, 10)), Uk(2026, 4, 30));
  EXPECT_EQ(RefresherDue(monthly, Uk(2026, 12, 15, 10)), Uk(2027, 1, 15));  // over the year end
}

TEST(RefresherDue, LeapDayCompletionsFallBackToTheTwentyEighth) {
  EXPECT_EQ(RefresherDue(MakeCourse("yearly", 12), Uk(2028, 2, 29, 9)), Uk(2029, 2, 28));
  EXPECT_EQ(RefresherDue(MakeCourse("four_yearly", 48), Uk(2028, 2, 29, 9)), Uk(2032, 2, 29));
  EXPECT_EQ(RefresherDue(MakeCourse("yearly", 12), Uk(2027, 2, 28, 9)), Uk(2028, 2, 28));
}

TEST(RefresherDue, CountsFromTheUkDateAtUkMidnight) {
  const Course yearly = MakeCourse("yearly", 12);
  // 23:30 UTC on 30 June is 00:30 on 1 July in the UK (summer time): it counts from 1 July, and
  // lapses at UK midnight starting 1 July 2027, which is 23:00 UTC on 30 June.
  EXPECT_EQ(RefresherDue(yearly, Utc("2026-06-30T23:30:00Z")), Utc("2027-06-30T23:00:00Z"));
  EXPECT_EQ(RefresherDue(yearly, Utc("2026-06-30T23:30:00Z")), Uk(2027, 7, 1));
  // An hour earlier is still 30 June in the UK.
  EXPECT_EQ(RefresherDue(yearly, Utc("2026-06-30T22:30:00Z")), Utc("2027-06-29T23:00:00Z"));
  // In winter UK midnight is UTC midnight, also when the clocks changed in between.
  EXPECT_EQ(RefresherDue(MakeCourse("monthly", 1), Utc("2026-10-15T10:00:00Z")), Utc("2026-11-15T00:00:00Z"));
  EXPECT_EQ(RefresherDue(MakeCourse("half_yearly", 6), Utc("2026-01-20T10:00:00Z")), Utc("2026-07-19T23:00:00Z"));
}

TEST(RefresherDue, ACourseNotRefreshedNeverLapses) {
  EXPECT_FALSE(RefresherDue(MakeCourse("induction", 0), Uk(2026, 1, 31, 10)).has_value());
}

// --- StandingAt: courses -----------------------------------------------------------------------

TEST(StandingAt, EachStateAndCatalogueOrder) {
  const UnixMicros now = Uk(2026, 9, 1, 12);
  TrainingFacts f;
  f.role = StaffRole::kSocialWorker;
  f.completions = {Completed("safeguarding", Uk(2023, 9, 1, 10), Uk(2026, 9, 1)),  // lapsed at midnight
                   Completed("confidentiality", Uk(2026, 1, 10, 10), Uk(2027, 1, 10)),
                   Completed("first_aid", Uk(2026, 2, 1, 10), Uk(2026, 9, 2))};  // not in the catalogue
  const TrainingStanding s = StandingAt(Catalogue(), std::nullopt, f, now);
  ASSERT_EQ(s.courses.size(), 4u);
  EXPECT_EQ(s.courses[0].course, "induction");
  EXPECT_EQ(s.courses[1].course, "confidentiality");
  EXPECT_EQ(s.courses[2].course, "safeguarding");
  EXPECT_EQ(s.courses[3].course, "designated_safeguarding_lead");

  EXPECT_EQ(s.courses[0].state, CourseState::kMissing);
  EXPECT_TRUE(s.courses[0].required);
  EXPECT_FALSE(s.courses[0].completed_at.has_value());
  EXPECT_FALSE(s.courses[0].expires_at.has_value());

  EXPECT_EQ(s.courses[1].state, CourseState::kCurrent);
  EXPECT_EQ(s.courses[1].completed_at, Uk(2026, 1, 10, 10));
  EXPECT_EQ(s.courses[1].expires_at, Uk(2027, 1, 10));

  EXPECT_EQ(s.courses[2].state, CourseState::kLapsed);
  EXPECT_EQ(s.courses[2].expires_at, Uk(2026, 9, 1));

  EXPECT_FALSE(s.courses[3].required);  // a social worker is not a safeguarding lead
  EXPECT_EQ(s.courses[3].state, CourseState::kMissing);

  EXPECT_TRUE(s.overdue);
  EXPECT_FALSE(s.due_soon);
  EXPECT_EQ(s.acknowledgement.state, AcknowledgementState::kNoPolicy);
}

TEST(StandingAt, EverythingCurrentIsNeitherOverdueNorDueSoon) {
  const TrainingStanding s =
      StandingAt(Catalogue(), std::nullopt, AllCurrent(StaffRole::kDesignatedSafeguardingLead), Uk(2026, 9, 1, 12));
  for (const CourseStanding& c : s.courses) {
    EXPECT_TRUE(c.required) << c.course;
    EXPECT_EQ(c.state, CourseState::kCurrent) << c.course;
  }
  EXPECT_FALSE(Of(s, "induction").expires_at.has_value());  // completed once, never lapses
  EXPECT_FALSE(s.overdue);
  EXPECT_FALSE(s.due_soon);
}

TEST(StandingAt, TheWarningWindowsEdges) {
  TrainingCatalogue one;
  one.courses = {MakeCourse("confidentiality", 12)};
  const UnixMicros now = Uk(2026, 9, 1, 12);
  auto state = [&](UnixMicros expires, int warn_days) {
    TrainingFacts f;
    f.completions = {Completed("confidentiality", Uk(2025, 9, 1, 12), expires)};
    const TrainingStanding s = StandingAt(one, std::nullopt, f, now, warn_days);
    EXPECT_EQ(s.overdue, s.courses[0].state == CourseState::kLapsed);
    EXPECT_EQ(s.due_soon, s.courses[0].state == CourseState::kDueSoon);
    return s.courses[0].state;
  };
  EXPECT_EQ(state(now - 1, 30), CourseState::kLapsed);
  EXPECT_EQ(state(now, 30), CourseState::kLapsed);  // lapses at that instant
  EXPECT_EQ(state(now + 1, 30), CourseState::kDueSoon);
  EXPECT_EQ(state(now + 30 * kDay, 30), CourseState::kDueSoon);  // exactly 30 days away
  EXPECT_EQ(state(now + 30 * kDay + 1, 30), CourseState::kCurrent);
  EXPECT_EQ(state(now + 10 * kDay, 7), CourseState::kCurrent);  // a narrower window
  EXPECT_EQ(state(now + 7 * kDay, 7), CourseState::kDueSoon);
  EXPECT_EQ(state(now + 1, 0), CourseState::kCurrent);  // no window at all
  EXPECT_EQ(state(now, 0), CourseState::kLapsed);
}

TEST(StandingAt, TheLatestCompletionWinsWhateverItsExpiry) {
  const UnixMicros now = Uk(2026, 9, 1, 12);
  TrainingCatalogue one;
  one.courses = {MakeCourse("confidentiality", 12)};

  // A refresher replaces the lapsed completion it refreshes (given in either order).
  TrainingFacts refreshed;
  refreshed.completions = {Completed("confidentiality", Uk(2026, 3, 1, 10), Uk(2027, 3, 1)),
                           Completed("confidentiality", Uk(2025, 1, 1, 10), Uk(2026, 1, 1))};
  TrainingStanding s = StandingAt(one, std::nullopt, refreshed, now);
  EXPECT_EQ(s.courses[0].state, CourseState::kCurrent);
  EXPECT_EQ(s.courses[0].completed_at, Uk(2026, 3, 1, 10));
  EXPECT_EQ(s.courses[0].expires_at, Uk(2027, 3, 1));
  std::swap(refreshed.completions[0], refreshed.completions[1]);
  s = StandingAt(one, std::nullopt, refreshed, now);
  EXPECT_EQ(s.courses[0].completed_at, Uk(2026, 3, 1, 10));
  EXPECT_FALSE(s.overdue);

  // The latest completion counts even when an earlier one would have lasted longer: the expiry is
  // the one recorded with the latest, not the best of them.
  TrainingFacts shorter;
  shorter.completions = {Completed("confidentiality", Uk(2025, 1, 1, 10), Uk(2030, 1, 1)),
                         Completed("confidentiality", Uk(2025, 6, 1, 10), Uk(2026, 6, 1))};
  s = StandingAt(one, std::nullopt, shorter, now);
  EXPECT_EQ(s.courses[0].state, CourseState::kLapsed);
  EXPECT_EQ(s.courses[0].completed_at, Uk(2025, 6, 1, 10));
  EXPECT_EQ(s.courses[0].expires_at, Uk(2026, 6, 1));
  EXPECT_TRUE(s.overdue);

  // The expiry is taken as recorded, not worked out again from the refresher interval.
  TrainingFacts recorded;
  recorded.completions = {Completed("confidentiality", Uk(2024, 1, 1, 10), Uk(2027, 1, 1))};
  s = StandingAt(one, std::nullopt, recorded, now);
  EXPECT_EQ(s.courses[0].state, CourseState::kCurrent);
  EXPECT_EQ(s.courses[0].expires_at, Uk(2027, 1, 1));
}

TEST(StandingAt, ACourseNotRequiredOfTheRoleNeverMakesItOverdue) {
  const UnixMicros now = Uk(2026, 9, 1, 12);
  // A practitioner with everything else current, and the lead's course lapsed or missing.
  TrainingFacts f = AllCurrent(StaffRole::kPractitioner);
  f.completions.back() = Completed("designated_safeguarding_lead", Uk(2024, 1, 1, 10), Uk(2026, 1, 1));
  TrainingStanding s = StandingAt(Catalogue(), std::nullopt, f, now);
  EXPECT_FALSE(Of(s, "designated_safeguarding_lead").required);
  EXPECT_EQ(Of(s, "designated_safeguarding_lead").state, CourseState::kLapsed);  // still listed
  EXPECT_FALSE(s.overdue);
  f.completions.pop_back();
  s = StandingAt(Catalogue(), std::nullopt, f, now);
  EXPECT_EQ(Of(s, "designated_safeguarding_lead").state, CourseState::kMissing);
  EXPECT_FALSE(s.overdue);
  // Nor due soon.
  f.completions.push_back(Completed("designated_safeguarding_lead", Uk(2024, 9, 10, 10), Uk(2026, 9, 10)));
  s = StandingAt(Catalogue(), std::nullopt, f, now);
  EXPECT_EQ(Of(s, "designated_safeguarding_lead").state, CourseState::kDueSoon);
  EXPECT_FALSE(s.due_soon);
}

TEST(StandingAt, ACourseForSomeRolesOnly) {
  const UnixMicros now = Uk(2026, 9, 1, 12);
  for (StaffRole role : {StaffRole::kDesignatedSafeguardingLead, StaffRole::kDeputySafeguardingLead}) {
    TrainingFacts f = AllCurrent(role);
    f.completions.pop_back();  // the lead's course never done
    TrainingStanding s = StandingAt(Catalogue(), std::nullopt, f, now);
    EXPECT_TRUE(Of(s, "designated_safeguarding_lead").required);
    EXPECT_EQ(Of(s, "designated_safeguarding_lead").state, CourseState::kMissing);
    EXPECT_TRUE(s.overdue);
    // Lapsing in ten days: due soon.
    f.completions.push_back(Completed("designated_safeguarding_lead", Uk(2024, 9, 11, 10), Uk(2026, 9, 11)));
    s = StandingAt(Catalogue(), std::nullopt, f, now);
    EXPECT_EQ(Of(s, "designated_safeguarding_lead").state, CourseState::kDueSoon);
    EXPECT_FALSE(s.overdue);
    EXPECT_TRUE(s.due_soon);
  }
  const TrainingCatalogue catalogue = Catalogue();
  const Course& lead = catalogue.courses[3];
  EXPECT_TRUE(lead.RequiredOf(StaffRole::kDeputySafeguardingLead));
  EXPECT_FALSE(lead.RequiredOf(StaffRole::kManager));
  EXPECT_TRUE(catalogue.courses[0].RequiredOf(StaffRole::kVolunteer));  // no roles: everyone
}

TEST(TrainingCatalogue, FindsByIdOnly) {
  const TrainingCatalogue c = Catalogue();
  ASSERT_NE(c.Find("safeguarding"), nullptr);
  EXPECT_EQ(c.Find("safeguarding")->refresher_months, 36);
  EXPECT_EQ(c.Find("Safeguarding"), nullptr);
  EXPECT_EQ(c.Find("Name of safeguarding"), nullptr);
  EXPECT_EQ(c.Find(""), nullptr);
}

// --- StandingAt: the confidentiality policy ------------------------------------------------------

TEST(Acknowledgement, NoPolicyNothingToAcknowledge) {
  TrainingFacts f = AllCurrent(StaffRole::kManager);
  f.acknowledgements = {Acknowledged("2025.1", Uk(2025, 5, 1, 9))};
  const TrainingStanding s = StandingAt(Catalogue(), std::nullopt, f, Uk(2026, 9, 1, 12));
  EXPECT_EQ(s.acknowledgement.state, AcknowledgementState::kNoPolicy);
  EXPECT_EQ(s.acknowledgement.version, "");
  EXPECT_FALSE(s.acknowledgement.acknowledged_at.has_value());
  EXPECT_FALSE(s.acknowledgement.due_by.has_value());
  EXPECT_EQ(s.acknowledgement.last_version_acknowledged, "2025.1");
  EXPECT_FALSE(s.overdue);
  EXPECT_FALSE(s.due_soon);
}

TEST(Acknowledgement, TheVersionInForceAcknowledged) {
  TrainingFacts f = AllCurrent(StaffRole::kManager);
  f.acknowledgements = {Acknowledged("2026.1", Uk(2026, 4, 20, 9)), Acknowledged("2025.1", Uk(2025, 5, 1, 9)),
                        Acknowledged("2026.1", Uk(2026, 4, 3, 9))};
  const TrainingStanding s = StandingAt(Catalogue(), Policy(), f, Uk(2026, 9, 1, 12));
  EXPECT_EQ(s.acknowledgement.state, AcknowledgementState::kAcknowledged);
  EXPECT_EQ(s.acknowledgement.version, "2026.1");
  EXPECT_EQ(s.acknowledgement.acknowledged_at, Uk(2026, 4, 3, 9));  // the first time
  EXPECT_EQ(s.acknowledgement.last_version_acknowledged, "2026.1");
  EXPECT_FALSE(s.acknowledgement.due_by.has_value());
  EXPECT_FALSE(s.overdue);
  EXPECT_FALSE(s.due_soon);
}

TEST(Acknowledgement, DueUntilTheEndOfTheLastDayThenOverdue) {
  const ConfidentialityPolicy policy = Policy();
  EXPECT_EQ(policy.AcknowledgeBy(), (CivilDate{2026, 5, 1}));
  const TrainingFacts f = AllCurrent(StaffRole::kManager);

  // Before the version is even in force, and on the last day itself, it is due.
  for (UnixMicros now : {Uk(2026, 3, 20, 12), Uk(2026, 4, 1), Uk(2026, 5, 1, 23, 59), Utc("2026-05-01T22:59:59Z")}) {
    const TrainingStanding s = StandingAt(Catalogue(), policy, f, now);
    EXPECT_EQ(s.acknowledgement.state, AcknowledgementState::kDue) << now;
    EXPECT_EQ(s.acknowledgement.due_by, (CivilDate{2026, 5, 1}));
    EXPECT_EQ(s.acknowledgement.version, "2026.1");
    EXPECT_TRUE(s.due_soon);
    EXPECT_FALSE(s.overdue);
  }
  // UK midnight starting 2 May (23:00 UTC on 1 May, summer time): overdue.
  for (UnixMicros now : {Utc("2026-05-01T23:00:00Z"), Uk(2026, 5, 2), Uk(2026, 9, 1, 12)}) {
    const TrainingStanding s = StandingAt(Catalogue(), policy, f, now);
    EXPECT_EQ(s.acknowledgement.state, AcknowledgementState::kOverdue) << now;
    EXPECT_EQ(s.acknowledgement.due_by, (CivilDate{2026, 5, 1}));
    EXPECT_TRUE(s.overdue);
    EXPECT_FALSE(s.due_soon);
  }
}

TEST(Acknowledgement, NoDaysToAcknowledgeMeansTheDayItComesIntoForce) {
  ConfidentialityPolicy policy = Policy();
  policy.in_force_from = CivilDate{2026, 1, 5};
  policy.acknowledge_within_days = 0;
  EXPECT_EQ(policy.AcknowledgeBy(), (CivilDate{2026, 1, 5}));
  const TrainingFacts f = AllCurrent(StaffRole::kManager);
  EXPECT_EQ(StandingAt(Catalogue(), policy, f, Utc("2026-01-05T23:59:59Z")).acknowledgement.state,
            AcknowledgementState::kDue);
  EXPECT_EQ(StandingAt(Catalogue(), policy, f, Utc("2026-01-06T00:00:00Z")).acknowledgement.state,
            AcknowledgementState::kOverdue);
}

TEST(Acknowledgement, AnEarlierVersionOnlyDoesNotCount) {
  TrainingFacts f = AllCurrent(StaffRole::kPractitioner);
  f.acknowledgements = {Acknowledged("2025.1", Uk(2025, 4, 10, 9))};
  TrainingStanding s = StandingAt(Catalogue(), Policy(), f, Uk(2026, 4, 15, 12));
  EXPECT_EQ(s.acknowledgement.state, AcknowledgementState::kDue);
  EXPECT_FALSE(s.acknowledgement.acknowledged_at.has_value());
  EXPECT_EQ(s.acknowledgement.last_version_acknowledged, "2025.1");
  s = StandingAt(Catalogue(), Policy(), f, Uk(2026, 5, 2, 9));
  EXPECT_EQ(s.acknowledgement.state, AcknowledgementState::kOverdue);
  EXPECT_EQ(s.acknowledgement.last_version_acknowledged, "2025.1");
  EXPECT_TRUE(s.overdue);
}

TEST(Acknowledgement, TheLastVersionAcknowledgedIsTheLatestByTime) {
  TrainingFacts f = AllCurrent(StaffRole::kPractitioner);
  // Listed out of order; 2024.2 was (oddly) acknowledged last.
  f.acknowledgements = {Acknowledged("2026.1", Uk(2026, 4, 5, 9)), Acknowledged("2024.2", Uk(2026, 4, 20, 9)),
                        Acknowledged("2025.1", Uk(2025, 4, 10, 9))};
  const TrainingStanding s = StandingAt(Catalogue(), Policy(), f, Uk(2026, 9, 1, 12));
  EXPECT_EQ(s.acknowledgement.state, AcknowledgementState::kAcknowledged);
  EXPECT_EQ(s.acknowledgement.last_version_acknowledged, "2024.2");
  EXPECT_EQ(StandingAt(Catalogue(), Policy(), AllCurrent(StaffRole::kPractitioner), Uk(2026, 9, 1, 12))
                .acknowledgement.last_version_acknowledged,
            "");
}

TEST(Acknowledgement, DueAndACourseLapsedTogether) {
  TrainingFacts f = AllCurrent(StaffRole::kPractitioner);
  f.completions[1] = Completed("confidentiality", Uk(2025, 3, 10, 10), Uk(2026, 3, 10));  // lapsed
  const TrainingStanding s = StandingAt(Catalogue(), Policy(), f, Uk(2026, 4, 15, 12));
  EXPECT_EQ(Of(s, "confidentiality").state, CourseState::kLapsed);
  EXPECT_EQ(s.acknowledgement.state, AcknowledgementState::kDue);
  EXPECT_TRUE(s.overdue);
  EXPECT_TRUE(s.due_soon);
}

// --- GateFor -------------------------------------------------------------------------------------

TEST(GateFor, NoPolicy) {
  AcknowledgementGate g = GateFor(std::nullopt, {});
  EXPECT_FALSE(g.needed);
  EXPECT_FALSE(g.any_version);
  EXPECT_EQ(g.in_time_until, INT64_MAX);
  g = GateFor(std::nullopt, {Acknowledged("2025.1", Uk(2025, 4, 10, 9))});
  EXPECT_FALSE(g.needed);
  EXPECT_TRUE(g.any_version);
  EXPECT_EQ(g.in_time_until, INT64_MAX);
}

TEST(GateFor, NotYetAcknowledged) {
  const AcknowledgementGate g = GateFor(Policy(), {});
  EXPECT_TRUE(g.needed);
  EXPECT_FALSE(g.any_version);
  EXPECT_EQ(g.in_time_until, Utc("2026-05-01T23:00:00Z"));  // UK midnight starting 2 May
}

TEST(GateFor, AnEarlierVersionOnly) {
  const AcknowledgementGate g = GateFor(Policy(), {Acknowledged("2025.1", Uk(2025, 4, 10, 9))});
  EXPECT_TRUE(g.needed);
  EXPECT_TRUE(g.any_version);
  EXPECT_EQ(g.in_time_until, Uk(2026, 5, 2));
}

TEST(GateFor, TheVersionInForceAcknowledged) {
  const AcknowledgementGate g =
      GateFor(Policy(), {Acknowledged("2025.1", Uk(2025, 4, 10, 9)), Acknowledged("2026.1", Uk(2026, 4, 3, 9))});
  EXPECT_FALSE(g.needed);
  EXPECT_TRUE(g.any_version);
  EXPECT_EQ(g.in_time_until, INT64_MAX);
}

TEST(GateFor, AgreesWithTheStanding) {
  // The gate's deadline is the instant the standing turns overdue.
  const AcknowledgementGate g = GateFor(Policy(), {});
  const TrainingFacts f = AllCurrent(StaffRole::kPractitioner);
  EXPECT_EQ(StandingAt(Catalogue(), Policy(), f, g.in_time_until - 1).acknowledgement.state,
            AcknowledgementState::kDue);
  EXPECT_EQ(StandingAt(Catalogue(), Policy(), f, g.in_time_until).acknowledgement.state,
            AcknowledgementState::kOverdue);
}

// --- Names and labels ----------------------------------------------------------------------------

TEST(IsValidPolicyVersion, LettersDigitsDotsDashesAndUnderscores) {
  EXPECT_TRUE(IsValidPolicyVersion("2026.1"));
  EXPECT_TRUE(IsValidPolicyVersion("v2-draft_A"));
  EXPECT_TRUE(IsValidPolicyVersion("7"));
  EXPECT_TRUE(IsValidPolicyVersion(std::string(32, 'a')));
  EXPECT_FALSE(IsValidPolicyVersion(std::string(33, 'a')));
  EXPECT_FALSE(IsValidPolicyVersion(""));
  EXPECT_FALSE(IsValidPolicyVersion("2026 1"));
  EXPECT_FALSE(IsValidPolicyVersion("2026/1"));
  EXPECT_FALSE(IsValidPolicyVersion("2026.1\n"));
  EXPECT_FALSE(IsValidPolicyVersion("\"2026\""));
  EXPECT_FALSE(IsValidPolicyVersion("r\xC3\xA9vision"));  // not ASCII
}

TEST(TrainingNames, StatesHaveTheirNames) {
  EXPECT_EQ(ToString(CourseState::kCurrent), "current");
  EXPECT_EQ(ToString(CourseState::kDueSoon), "due_soon");
  EXPECT_EQ(ToString(CourseState::kLapsed), "lapsed");
  EXPECT_EQ(ToString(CourseState::kMissing), "missing");
  EXPECT_EQ(ToString(AcknowledgementState::kNoPolicy), "no_policy");
  EXPECT_EQ(ToString(AcknowledgementState::kAcknowledged), "acknowledged");
  EXPECT_EQ(ToString(AcknowledgementState::kDue), "due");
  EXPECT_EQ(ToString(AcknowledgementState::kOverdue), "overdue");
}

}  // namespace
}  // namespace confide::governance
