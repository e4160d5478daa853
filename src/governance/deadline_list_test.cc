// Countdowns in calendar and working days (over Christmas and its substitute days), and the order
// of urgency.
#include "governance/deadline_list.h"

#include <gtest/gtest.h>

namespace confide::governance {
namespace {

domain::CivilDate Date(const char* s) { return domain::CivilDate::Parse(s).value(); }

Deadline Due(DeadlineKind kind, const char* ref, const char* on) {
  Deadline d;
  d.kind = kind;
  d.ref = ref;
  d.due_on = Date(on);
  return d;
}

TEST(Countdown, CalendarAndWorkingDaysOverChristmas) {
  const BankHolidayCalendar& holidays = BankHolidayCalendar::Default();
  // Christmas 2027 is a Saturday: the bank holidays are Monday 27 and Tuesday 28 December.
  Deadline d = Due(DeadlineKind::kSubjectAccess, "subject_access/1", "2027-12-31");
  Countdown(d, Date("2027-12-23"), holidays);
  EXPECT_EQ(d.days_left, 8);
  EXPECT_EQ(d.working_days_left, 4);  // 24, 29, 30, 31 December
  EXPECT_FALSE(d.overdue);
  EXPECT_EQ(d.countdown, "Due Friday 31 December 2027: in 8 days (4 working days).");

  Countdown(d, Date("2027-12-31"), holidays);
  EXPECT_EQ(d.countdown, "Due Friday 31 December 2027: today.");

  Countdown(d, Date("2028-01-04"), holidays);  // 3 January 2028 is the New Year bank holiday
  EXPECT_TRUE(d.overdue);
  EXPECT_EQ(d.days_left, -4);
  EXPECT_EQ(d.working_days_left, -1);
  EXPECT_EQ(d.countdown, "Overdue: due Friday 31 December 2027, 4 days ago (1 working day).");
}

TEST(OrderByUrgency, OverdueFirstThenSoonestAndStable) {
  std::vector<Deadline> list{Due(DeadlineKind::kTrainingExpiry, "staff/2/safeguarding", "2026-12-20"),
                             Due(DeadlineKind::kSubjectAccess, "subject_access/9", "2026-11-30"),
                             Due(DeadlineKind::kAgreementReview, "agreement/1", "2026-12-20"),
                             Due(DeadlineKind::kRetentionReview, "person/4", "2025-01-01")};
  OrderByUrgency(list);
  EXPECT_EQ(list[0].ref, "person/4");
  EXPECT_EQ(list[1].ref, "subject_access/9");
  EXPECT_EQ(list[2].ref, "agreement/1");  // same day: by kind
  EXPECT_EQ(list[3].ref, "staff/2/safeguarding");
}

}  // namespace
}  // namespace confide::governance
