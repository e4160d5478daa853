#include "governance/school_calendar.h"

#include <gtest/gtest.h>

#include "testing/test_util.h"

namespace confide::governance {
namespace {

using domain::CivilDate;

CivilDate D(int y, int m, int d) { return CivilDate{y, m, d}; }

TEST(SchoolCalendarTest, ASchoolDayIsAWorkingDayTheSchoolIsOpen) {
  ASSERT_OK_AND_ASSIGN(SchoolCalendar school, SchoolCalendar::Create({
                                                  {D(2025, 10, 27), D(2025, 10, 31), "Autumn half term"},
                                                  {D(2025, 11, 3), D(2025, 11, 3), "INSET day"},
                                              }));
  const BankHolidayCalendar& holidays = BankHolidayCalendar::Default();
  EXPECT_TRUE(school.IsSchoolDay(D(2025, 10, 24), holidays));
  EXPECT_FALSE(school.IsSchoolDay(D(2025, 10, 25), holidays));  // Saturday
  EXPECT_FALSE(school.IsSchoolDay(D(2025, 10, 27), holidays));
  EXPECT_FALSE(school.IsSchoolDay(D(2025, 10, 31), holidays));
  EXPECT_FALSE(school.IsSchoolDay(D(2025, 11, 3), holidays));
  EXPECT_TRUE(school.IsSchoolDay(D(2025, 11, 4), holidays));
  EXPECT_FALSE(school.IsSchoolDay(D(2025, 12, 25), holidays));  // a bank holiday, though not listed
  EXPECT_EQ(school.ClosureOn(D(2025, 10, 29))->name, "Autumn half term");
  EXPECT_EQ(school.ClosureOn(D(2025, 11, 4)), nullptr);
  // Friday 24 October + 1 school day skips the half term and the INSET day.
  EXPECT_EQ(school.AddSchoolDays(D(2025, 10, 24), 1, holidays), D(2025, 11, 4));
  EXPECT_EQ(school.AddSchoolDays(D(2025, 10, 24), 0, holidays), D(2025, 10, 24));
}

TEST(SchoolCalendarTest, ClosuresAreSortedAndMayOverlap) {
  ASSERT_OK_AND_ASSIGN(SchoolCalendar school, SchoolCalendar::Create({
                                                  {D(2026, 2, 20), D(2026, 2, 20), "INSET day"},
                                                  {D(2026, 2, 16), D(2026, 2, 20), "Spring half term"},
                                              }));
  EXPECT_EQ(school.closures().front().name, "Spring half term");
  EXPECT_EQ(school.ClosureOn(D(2026, 2, 20))->name, "Spring half term");
}

TEST(SchoolCalendarTest, AClosureEndingBeforeItStartsIsRefused) {
  Result<SchoolCalendar> r = SchoolCalendar::Create({{D(2026, 2, 20), D(2026, 2, 16), "Spring half term"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "school closure 'Spring half term' ends on 2026-02-16, before it starts on 2026-02-20");
}

}  // namespace
}  // namespace confide::governance
