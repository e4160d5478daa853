#include "domain/uk_time.h"

#include <gtest/gtest.h>

namespace confide::domain {
namespace {

constexpr int64_t kSecond = 1000000;

TEST(UkTimeTest, GmtInWinterAndBstFromTheLastSundayOfMarchTillTheLastSundayOfOctober) {
  // 2026-03-29 is the last Sunday of March: BST starts at 01:00 UTC.
  const int64_t before = CivilDate{2026, 3, 29}.DaysSinceEpoch() * 86400 * kSecond + 59 * 60 * kSecond;  // 00:59 UTC
  EXPECT_EQ(FormatUkDateTime(before), "29 March 2026, 00:59");
  EXPECT_FALSE(ToUkLocal(before).summer_time);
  const int64_t after = before + 60 * kSecond;  // 01:00 UTC = 02:00 BST
  EXPECT_EQ(FormatUkDateTime(after), "29 March 2026, 02:00");
  EXPECT_TRUE(ToUkLocal(after).summer_time);
  // 2026-10-25 is the last Sunday of October: back to GMT at 01:00 UTC.
  const int64_t autumn = CivilDate{2026, 10, 25}.DaysSinceEpoch() * 86400 * kSecond + 3600 * kSecond;
  EXPECT_EQ(FormatUkDateTime(autumn - kSecond), "25 October 2026, 01:59");
  EXPECT_EQ(FormatUkDateTime(autumn), "25 October 2026, 01:00");
  // Late evening UTC in summer is the next day in the UK.
  const int64_t late = CivilDate{2026, 7, 3}.DaysSinceEpoch() * 86400 * kSecond + (23 * 3600 + 30 * 60) * kSecond;
  EXPECT_EQ(FormatUkDateTime(late), "4 July 2026, 00:30");
  EXPECT_TRUE(ToUkLocal(late).weekend);  // Saturday
  EXPECT_EQ(Weekday(CivilDate{1970, 1, 1}), 4);
}

TEST(UkTimeTest, UkWallClockTimesConvertBack) {
  for (int64_t t : {int64_t{1767225600} * kSecond, int64_t{1783000000} * kSecond, int64_t{1792800000} * kSecond}) {
    const UkLocalTime l = ToUkLocal(t);
    EXPECT_EQ(FromUkLocal(l.date, l.hour, l.minute), t - (t % (60 * kSecond))) << t;
  }
  // 10:15 on 4 July 2026 is BST: 09:15 UTC.
  EXPECT_EQ(FormatUkDateTime(FromUkLocal(CivilDate{2026, 7, 4}, 10, 15)), "4 July 2026, 10:15");
  EXPECT_EQ(FromUkLocal(CivilDate{2026, 7, 4}, 10, 15) % (86400 * kSecond), (9 * 3600 + 15 * 60) * kSecond);
  // 10:15 on 4 January 2026 is GMT.
  EXPECT_EQ(FromUkLocal(CivilDate{2026, 1, 4}, 10, 15) % (86400 * kSecond), (10 * 3600 + 15 * 60) * kSecond);
}

}  // namespace
}  // namespace confide::domain
