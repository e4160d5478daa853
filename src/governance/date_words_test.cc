#include "governance/date_words.h"

#include <gtest/gtest.h>

namespace confide::governance {
namespace {

TEST(DateWordsTest, DatesAndOrdinalsReadAsWords) {
  EXPECT_EQ(DayName({2025, 1, 31}), "Friday");
  EXPECT_EQ(DayName({2025, 2, 2}), "Sunday");
  EXPECT_EQ(LongDate({2025, 1, 31}), "Friday 31 January 2025");
  EXPECT_EQ(MonthName(2), "February");
  EXPECT_EQ(MonthName(12), "December");
  EXPECT_EQ(Ordinal(1), "1st");
  EXPECT_EQ(Ordinal(2), "2nd");
  EXPECT_EQ(Ordinal(3), "3rd");
  EXPECT_EQ(Ordinal(4), "4th");
  EXPECT_EQ(Ordinal(11), "11th");
  EXPECT_EQ(Ordinal(12), "12th");
  EXPECT_EQ(Ordinal(13), "13th");
  EXPECT_EQ(Ordinal(20), "20th");
  EXPECT_EQ(Ordinal(21), "21st");
  EXPECT_EQ(Ordinal(22), "22nd");
  EXPECT_EQ(Ordinal(31), "31st");
  EXPECT_EQ(Ordinal(60), "60th");
  EXPECT_EQ(Ordinal(111), "111th");
  EXPECT_EQ(DayCount(1), "1 day");
  EXPECT_EQ(DayCount(7), "7 days");
}

}  // namespace
}  // namespace confide::governance
