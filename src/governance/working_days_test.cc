#include "governance/working_days.h"

#include <gtest/gtest.h>

namespace confide::governance {
namespace {

using domain::CivilDate;

CivilDate D(int y, int m, int d) { return CivilDate{y, m, d}; }

const BankHolidayCalendar& EnglandAndWales() { return BankHolidayCalendar::Default(); }

TEST(WorkingDaysTest, WeekdaysThatAreNotBankHolidaysAreWorkingDays) {
  EXPECT_TRUE(IsWorkingDay(D(2025, 1, 31), EnglandAndWales()));   // Friday
  EXPECT_FALSE(IsWorkingDay(D(2025, 2, 1), EnglandAndWales()));   // Saturday
  EXPECT_FALSE(IsWorkingDay(D(2025, 2, 2), EnglandAndWales()));   // Sunday
  EXPECT_FALSE(IsWorkingDay(D(2025, 4, 18), EnglandAndWales()));  // Good Friday
  EXPECT_FALSE(IsWorkingDay(D(2022, 9, 19), EnglandAndWales()));  // state funeral
  EXPECT_TRUE(IsWorkingDay(D(2025, 4, 22), EnglandAndWales()));   // Tuesday after Easter
  EXPECT_TRUE(IsWeekend(D(2025, 2, 1)));
  EXPECT_FALSE(IsWeekend(D(2025, 2, 3)));
}

TEST(WorkingDaysTest, WorkingDayOnOrAfterSkipsWeekendsAndHolidays) {
  EXPECT_EQ(WorkingDayOnOrAfter(D(2025, 2, 3), EnglandAndWales()), D(2025, 2, 3));
  EXPECT_EQ(WorkingDayOnOrAfter(D(2025, 2, 1), EnglandAndWales()), D(2025, 2, 3));
  EXPECT_EQ(WorkingDayOnOrAfter(D(2025, 4, 18), EnglandAndWales()), D(2025, 4, 22));   // Easter
  EXPECT_EQ(WorkingDayOnOrAfter(D(2021, 12, 25), EnglandAndWales()), D(2021, 12, 29));  // substitute days
  EXPECT_EQ(WorkingDayOnOrAfter(D(2022, 6, 2), EnglandAndWales()), D(2022, 6, 6));     // jubilee
}

TEST(WorkingDaysTest, AddWorkingDaysNeverCountsTheStartDay) {
  EXPECT_EQ(AddWorkingDays(D(2025, 1, 31), 1, EnglandAndWales()), D(2025, 2, 3));  // Friday -> Monday
  EXPECT_EQ(AddWorkingDays(D(2025, 2, 1), 1, EnglandAndWales()), D(2025, 2, 3));   // Saturday -> Monday
  EXPECT_EQ(AddWorkingDays(D(2025, 2, 3), 5, EnglandAndWales()), D(2025, 2, 10));
  EXPECT_EQ(AddWorkingDays(D(2025, 2, 3), 0, EnglandAndWales()), D(2025, 2, 3));
  // Over Easter 2025: Thursday 17 April + 1 is Tuesday 22 April.
  EXPECT_EQ(AddWorkingDays(D(2025, 4, 17), 1, EnglandAndWales()), D(2025, 4, 22));
  // Over Christmas 2021 (27 and 28 December substitute days) and New Year 2022 (3 January).
  EXPECT_EQ(AddWorkingDays(D(2021, 12, 24), 1, EnglandAndWales()), D(2021, 12, 29));
  EXPECT_EQ(AddWorkingDays(D(2021, 12, 24), 4, EnglandAndWales()), D(2022, 1, 4));
}

TEST(WorkingDaysTest, AddWorkingDaysCountsBackwards) {
  EXPECT_EQ(AddWorkingDays(D(2025, 2, 3), -1, EnglandAndWales()), D(2025, 1, 31));
  EXPECT_EQ(AddWorkingDays(D(2025, 4, 22), -1, EnglandAndWales()), D(2025, 4, 17));
  EXPECT_EQ(AddWorkingDays(D(2025, 4, 20), -1, EnglandAndWales()), D(2025, 4, 17));
}

TEST(WorkingDaysTest, CountWorkingDaysIsTheInverseOfAdding) {
  EXPECT_EQ(CountWorkingDays(D(2025, 1, 31), D(2025, 2, 3), EnglandAndWales()), 1);
  EXPECT_EQ(CountWorkingDays(D(2025, 1, 31), D(2025, 1, 31), EnglandAndWales()), 0);
  EXPECT_EQ(CountWorkingDays(D(2025, 2, 3), D(2025, 1, 31), EnglandAndWales()), -1);
  // December 2022 has 22 weekdays, two of them bank holidays (26 and 27 December).
  EXPECT_EQ(CountWorkingDays(D(2022, 11, 30), D(2022, 12, 31), EnglandAndWales()), 20);
  // Every start day in 2021 to 2023, every n up to 65.
  for (CivilDate start = D(2021, 1, 1); start <= D(2023, 12, 31); start = domain::AddDays(start, 1)) {
    for (int n : {1, 2, 5, 20, 60, 65}) {
      const CivilDate end = AddWorkingDays(start, n, EnglandAndWales());
      ASSERT_TRUE(IsWorkingDay(end, EnglandAndWales())) << start.ToIso() << " + " << n;
      ASSERT_EQ(CountWorkingDays(start, end, EnglandAndWales()), n) << start.ToIso() << " + " << n;
      ASSERT_EQ(CountWorkingDays(start, domain::AddDays(end, -1), EnglandAndWales()), n - 1) << start.ToIso();
    }
  }
}

}  // namespace
}  // namespace confide::governance
