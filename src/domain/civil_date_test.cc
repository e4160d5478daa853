#include "domain/civil_date.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "testing/test_util.h"

namespace confide::domain {
namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

CivilDate D(int y, int m, int d) { return CivilDate{y, m, d}; }

TEST(CivilDateTest, ParsesStrictIsoDates) {
  ASSERT_OK_AND_ASSIGN(CivilDate d, CivilDate::Parse("2026-11-21"));
  EXPECT_EQ(d, D(2026, 11, 21));
  EXPECT_EQ(d.ToIso(), "2026-11-21");
  ASSERT_OK_AND_ASSIGN(CivilDate first, CivilDate::Parse("1900-01-01"));
  EXPECT_EQ(first, D(1900, 1, 1));
  ASSERT_OK_AND_ASSIGN(CivilDate last, CivilDate::Parse("2200-12-31"));
  EXPECT_EQ(last, D(2200, 12, 31));
}

TEST(CivilDateTest, MalformedDatesAreRejected) {
  for (const char* text : {"", "2024-1-1", "24-01-01", "2024-01-1", "2024/01/01", "2024-01-01 ", " 2024-01-01",
                           "2024-01-01x", "2024-01-0 ", "2024-01-0a", "2024-0a-01", "20a4-01-01", "2024_01-01", "2024-01_01",
                           "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32", "2024-04-31", "2024-02-30",
                           "2023-02-29", "+2024-01-01", "2024-01-01T00:00"}) {
    Result<CivilDate> r = CivilDate::Parse(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(r.status().message(), "date must be a real date written YYYY-MM-DD") << text;
  }
}

TEST(CivilDateTest, YearsOutsideNineteenHundredToTwentyTwoHundredAreRejected) {
  for (const char* text : {"1899-12-31", "2201-01-01", "0224-05-01", "9999-01-01"}) {
    Result<CivilDate> r = CivilDate::Parse(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message(), "date year must be between 1900 and 2200");
  }
}

TEST(CivilDateTest, LeapYearsFollowTheGregorianRule) {
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_FALSE(IsLeapYear(2023));
  EXPECT_FALSE(IsLeapYear(2100));
  EXPECT_OK(CivilDate::Parse("2024-02-29"));
  EXPECT_OK(CivilDate::Parse("2000-02-29"));
  EXPECT_FALSE(CivilDate::Parse("1900-02-29").ok());
  EXPECT_FALSE(CivilDate::Parse("2100-02-29").ok());
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_EQ(DaysInMonth(2023, 4), 30);
  EXPECT_EQ(DaysInMonth(2023, 12), 31);
}

TEST(CivilDateTest, DaysSinceEpochMatchesKnownValues) {
  EXPECT_EQ(D(1970, 1, 1).DaysSinceEpoch(), 0);
  EXPECT_EQ(D(1969, 12, 31).DaysSinceEpoch(), -1);
  EXPECT_EQ(D(1970, 1, 2).DaysSinceEpoch(), 1);
  EXPECT_EQ(D(2000, 3, 1).DaysSinceEpoch(), 11017);
  EXPECT_EQ(D(2024, 2, 29).DaysSinceEpoch(), 19782);
  EXPECT_EQ(D(1900, 1, 1).DaysSinceEpoch(), -25567);
  EXPECT_EQ(D(2200, 12, 31).DaysSinceEpoch(), 84370);
  EXPECT_EQ(D(1, 1, 1).DaysSinceEpoch(), -719162);
  EXPECT_EQ(CivilDate::FromDaysSinceEpoch(-719162), D(1, 1, 1));
}

TEST(CivilDateTest, DayCountsRoundTripAcrossEveryDayOfSeveralCenturies) {
  // Walks day by day, checking each step is the next calendar day: covers every month end, every
  // leap day, and the 1900/2000/2100 century rules in both directions of the conversion.
  CivilDate expected = D(1899, 12, 31);
  for (int64_t days = D(1899, 12, 31).DaysSinceEpoch(); days <= D(2201, 1, 1).DaysSinceEpoch(); ++days) {
    const CivilDate got = CivilDate::FromDaysSinceEpoch(days);
    ASSERT_EQ(got, expected) << days;
    ASSERT_EQ(got.DaysSinceEpoch(), days);
    if (expected.day < DaysInMonth(expected.year, expected.month)) {
      ++expected.day;
    } else if (expected.month < 12) {
      expected.day = 1;
      ++expected.month;
    } else {
      expected = D(expected.year + 1, 1, 1);
    }
  }
}

TEST(CivilDateTest, DayCountsRoundTripBeforeYearZero) {
  // Negative years take the other branch of the era calculation.
  for (int64_t days : {-800000LL, -719469LL, -719468LL, -719467LL, -5000000LL}) {
    EXPECT_EQ(CivilDate::FromDaysSinceEpoch(days).DaysSinceEpoch(), days) << days;
  }
  EXPECT_EQ(CivilDate::FromDaysSinceEpoch(-719468), D(0, 3, 1));
  EXPECT_EQ(CivilDate::FromDaysSinceEpoch(-719469), D(0, 2, 29));  // year 0 is a leap year
  EXPECT_EQ(D(-1, 12, 31).DaysSinceEpoch(), D(0, 1, 1).DaysSinceEpoch() - 1);
}

TEST(CivilDateTest, FromUnixMicrosUsesTheUtcDate) {
  EXPECT_EQ(CivilDate::FromUnixMicros(0), D(1970, 1, 1));
  EXPECT_EQ(CivilDate::FromUnixMicros(kMicrosPerDay - 1), D(1970, 1, 1));
  EXPECT_EQ(CivilDate::FromUnixMicros(kMicrosPerDay), D(1970, 1, 2));
  EXPECT_EQ(CivilDate::FromUnixMicros(-1), D(1969, 12, 31));
  EXPECT_EQ(CivilDate::FromUnixMicros(-kMicrosPerDay), D(1969, 12, 31));
  EXPECT_EQ(CivilDate::FromUnixMicros(-kMicrosPerDay - 1), D(1969, 12, 30));
  EXPECT_EQ(CivilDate::FromUnixMicros(1795253400000000), D(2026, 11, 21));
  // The extremes of the type must not overflow.
  EXPECT_GT(CivilDate::FromUnixMicros(std::numeric_limits<int64_t>::max()).year, 290000);
  EXPECT_LT(CivilDate::FromUnixMicros(std::numeric_limits<int64_t>::min()).year, -290000);
}

TEST(CivilDateTest, ComparisonIsChronological) {
  EXPECT_LT(D(2023, 12, 31), D(2024, 1, 1));
  EXPECT_LT(D(2024, 1, 31), D(2024, 2, 1));
  EXPECT_LT(D(2024, 2, 1), D(2024, 2, 2));
  EXPECT_GT(D(2025, 1, 1), D(2024, 12, 31));
  EXPECT_LE(D(2024, 2, 2), D(2024, 2, 2));
  EXPECT_NE(D(2024, 2, 2), D(2024, 2, 3));
  EXPECT_EQ(CivilDate{}, D(1970, 1, 1));
}

TEST(CivilDateTest, FormatUkWritesDayMonthNameYear) {
  EXPECT_EQ(D(2026, 11, 21).FormatUk(), "21 November 2026");
  EXPECT_EQ(D(2024, 1, 5).FormatUk(), "5 January 2024");
  EXPECT_EQ(D(1999, 12, 31).FormatUk(), "31 December 1999");
  EXPECT_EQ(D(2000, 2, 29).FormatUk(), "29 February 2000");
}

TEST(CivilDateTest, ToIsoPadsToFourTwoTwo) {
  EXPECT_EQ(D(2024, 1, 5).ToIso(), "2024-01-05");
  EXPECT_EQ(D(33, 3, 3).ToIso(), "0033-03-03");
}

TEST(AgeTest, CountsCompletedYears) {
  const CivilDate dob = D(2010, 6, 15);
  EXPECT_EQ(AgeInYearsOn(dob, dob), 0);
  EXPECT_EQ(AgeInYearsOn(dob, D(2026, 6, 14)), 15);
  EXPECT_EQ(AgeInYearsOn(dob, D(2026, 6, 15)), 16);
  EXPECT_EQ(AgeInYearsOn(dob, D(2026, 5, 31)), 15);
  EXPECT_EQ(AgeInYearsOn(dob, D(2026, 7, 1)), 16);
  EXPECT_EQ(AgeInYearsOn(dob, D(2028, 6, 15)), 18);
}

TEST(AgeTest, DateBeforeBirthGivesMinusOne) {
  EXPECT_EQ(AgeInYearsOn(D(2010, 6, 15), D(2010, 6, 14)), -1);
  EXPECT_EQ(AgeInYearsOn(D(2010, 6, 15), D(1990, 1, 1)), -1);
}

TEST(AgeTest, LeapDayBirthdayIsFirstMarchInCommonYears) {
  const CivilDate dob = D(2008, 2, 29);
  EXPECT_EQ(AgeInYearsOn(dob, D(2026, 2, 28)), 17);  // 2026 is not a leap year: not 18 yet
  EXPECT_EQ(AgeInYearsOn(dob, D(2026, 3, 1)), 18);
  EXPECT_EQ(AgeInYearsOn(dob, D(2024, 2, 28)), 15);  // 2024 is a leap year: birthday on the 29th
  EXPECT_EQ(AgeInYearsOn(dob, D(2024, 2, 29)), 16);
  EXPECT_EQ(AgeInYearsOn(dob, D(2009, 2, 28)), 0);
  EXPECT_EQ(AgeInYearsOn(dob, D(2009, 3, 1)), 1);
}

TEST(AgeTest, FebruaryBirthdaysOtherThanTheLeapDayAreUnaffected) {
  EXPECT_EQ(AgeInYearsOn(D(2008, 2, 28), D(2026, 2, 28)), 18);
  EXPECT_EQ(AgeInYearsOn(D(2008, 2, 28), D(2026, 2, 27)), 17);
}

TEST(AddYearsTest, KeepsTheDayAndClampsLeapDayToTwentyEighth) {
  EXPECT_EQ(AddYears(D(2020, 6, 15), 5), D(2025, 6, 15));
  EXPECT_EQ(AddYears(D(2020, 6, 15), -20), D(2000, 6, 15));
  EXPECT_EQ(AddYears(D(2024, 2, 29), 1), D(2025, 2, 28));
  EXPECT_EQ(AddYears(D(2024, 2, 29), 4), D(2028, 2, 29));
  EXPECT_EQ(AddYears(D(2024, 2, 29), 76), D(2100, 2, 28));
  EXPECT_EQ(AddYears(D(2023, 2, 28), 1), D(2024, 2, 28));
  EXPECT_EQ(AddYears(D(2024, 3, 29), 1), D(2025, 3, 29));
}

TEST(AddMonthsTest, ClampsToTheEndOfAShorterMonth) {
  EXPECT_EQ(AddMonths(D(2026, 1, 15), 1), D(2026, 2, 15));
  EXPECT_EQ(AddMonths(D(2026, 1, 31), 1), D(2026, 2, 28));
  EXPECT_EQ(AddMonths(D(2024, 1, 31), 1), D(2024, 2, 29));
  EXPECT_EQ(AddMonths(D(2026, 3, 31), 1), D(2026, 4, 30));
  EXPECT_EQ(AddMonths(D(2026, 8, 31), 1), D(2026, 9, 30));
  EXPECT_EQ(AddMonths(D(2026, 4, 30), 1), D(2026, 5, 30));
}

TEST(AddMonthsTest, CrossesYearEndsInBothDirections) {
  EXPECT_EQ(AddMonths(D(2026, 12, 31), 1), D(2027, 1, 31));
  EXPECT_EQ(AddMonths(D(2026, 11, 30), 14), D(2028, 1, 30));
  EXPECT_EQ(AddMonths(D(2026, 1, 31), -1), D(2025, 12, 31));
  EXPECT_EQ(AddMonths(D(2026, 3, 31), -1), D(2026, 2, 28));
  EXPECT_EQ(AddMonths(D(2026, 1, 15), -12), D(2025, 1, 15));
  EXPECT_EQ(AddMonths(D(2026, 1, 15), -13), D(2024, 12, 15));
  EXPECT_EQ(AddMonths(D(2026, 5, 15), 0), D(2026, 5, 15));
  EXPECT_EQ(AddMonths(D(2026, 5, 15), 24), D(2028, 5, 15));
}

TEST(AddDaysTest, CrossesMonthAndYearEnds) {
  EXPECT_EQ(AddDays(D(2024, 2, 28), 1), D(2024, 2, 29));
  EXPECT_EQ(AddDays(D(2023, 2, 28), 1), D(2023, 3, 1));
  EXPECT_EQ(AddDays(D(2026, 12, 31), 1), D(2027, 1, 1));
  EXPECT_EQ(AddDays(D(2027, 1, 1), -1), D(2026, 12, 31));
  EXPECT_EQ(AddDays(D(2026, 1, 1), 365), D(2027, 1, 1));
}

TEST(TimestampTest, ParsesDateOnlyAsMidnightUtc) {
  ASSERT_OK_AND_ASSIGN(int64_t t, ParseTimestampMicros("1970-01-02"));
  EXPECT_EQ(t, kMicrosPerDay);
  ASSERT_OK_AND_ASSIGN(int64_t early, ParseTimestampMicros("1969-12-31"));
  EXPECT_EQ(early, -kMicrosPerDay);
}

TEST(TimestampTest, ParsesMinutesAndSeconds) {
  ASSERT_OK_AND_ASSIGN(int64_t minutes, ParseTimestampMicros("2026-11-21T09:30"));
  EXPECT_EQ(minutes, 1795253400000000);
  ASSERT_OK_AND_ASSIGN(int64_t seconds, ParseTimestampMicros("2024-07-01T08:30:15"));
  EXPECT_EQ(seconds, 1719822615000000);
  ASSERT_OK_AND_ASSIGN(int64_t zulu, ParseTimestampMicros("2024-07-01T08:30:15Z"));
  EXPECT_EQ(zulu, seconds);
  ASSERT_OK_AND_ASSIGN(int64_t zulu_minutes, ParseTimestampMicros("2026-11-21T09:30Z"));
  EXPECT_EQ(zulu_minutes, minutes);
  ASSERT_OK_AND_ASSIGN(int64_t last, ParseTimestampMicros("1970-01-01T23:59:59"));
  EXPECT_EQ(last, kMicrosPerDay - kMicrosPerSecond);
}

TEST(TimestampTest, OffsetsAreConvertedToUtc) {
  ASSERT_OK_AND_ASSIGN(int64_t utc, ParseTimestampMicros("2024-07-01T08:30:15Z"));
  ASSERT_OK_AND_ASSIGN(int64_t bst, ParseTimestampMicros("2024-07-01T09:30:15+01:00"));
  EXPECT_EQ(bst, utc);
  ASSERT_OK_AND_ASSIGN(int64_t west, ParseTimestampMicros("2024-07-01T03:00:15-05:30"));
  EXPECT_EQ(west, utc);
  ASSERT_OK_AND_ASSIGN(int64_t zero, ParseTimestampMicros("2024-07-01T08:30:15+00:00"));
  EXPECT_EQ(zero, utc);
  ASSERT_OK_AND_ASSIGN(int64_t negative_zero, ParseTimestampMicros("2024-07-01T08:30:15-00:00"));
  EXPECT_EQ(negative_zero, utc);
  // An offset can move the instant into the previous UTC day.
  ASSERT_OK_AND_ASSIGN(int64_t early, ParseTimestampMicros("2024-01-01T00:30+01:00"));
  EXPECT_EQ(FormatTimestampIso(early), "2023-12-31T23:30:00Z");
  ASSERT_OK_AND_ASSIGN(int64_t widest, ParseTimestampMicros("2024-01-01T14:00+14:00"));
  EXPECT_EQ(FormatTimestampIso(widest), "2024-01-01T00:00:00Z");
}

TEST(TimestampTest, MalformedTimestampsAreRejected) {
  const std::string format_message =
      "timestamp must be YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, optionally ending in Z or an offset "
      "such as +01:00";
  for (const char* text : {"", "2024", "2024-01-01Z", "2024-01-01T", "2024-01-01 09:30", "2024-01-01t09:30",
                           "2024-01-01T9:30", "2024-01-01T09-30", "2024-01-01T09:3", "2024-01-01T09:30:",
                           "2024-01-01T09:30:1", "2024-01-01T09:30:15.5", "2024-01-01T09:30:15z",
                           "2024-01-01T09:30:15 ", "2024-01-01T09:30:15+01", "2024-01-01T09:30:15+0100",
                           "2024-01-01T09:30:15+01:0", "2024-01-01T09:30:15+01-00", "2024-01-01T09:30:15*01:00",
                           "2024-01-01T09:30:15+0a:00", "2024-01-01T09:30:15+01:0a", "2024-01-01T09:30:15Zjunk",
                           "2024-01-01T09:30:15+01:00junk", "2024-01-01T0a:30", "2024-01-01T09:a0"}) {
    Result<int64_t> r = ParseTimestampMicros(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(r.status().message(), format_message) << text;
  }
}

TEST(TimestampTest, BadDatePartReportsTheDateError) {
  Result<int64_t> r = ParseTimestampMicros("2023-02-29T09:30");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "date must be a real date written YYYY-MM-DD");
  EXPECT_FALSE(ParseTimestampMicros("1800-01-01").ok());
}

TEST(TimestampTest, OutOfRangeTimeOfDayIsRejected) {
  for (const char* text : {"2024-01-01T24:00", "2024-01-01T23:60", "2024-01-01T23:59:60"}) {
    Result<int64_t> r = ParseTimestampMicros(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message(), "timestamp time of day is out of range") << text;
  }
}

TEST(TimestampTest, OutOfRangeOffsetIsRejected) {
  for (const char* text : {"2024-01-01T09:30+14:01", "2024-01-01T09:30-15:00", "2024-01-01T09:30+01:60"}) {
    Result<int64_t> r = ParseTimestampMicros(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message(), "timestamp offset from UTC is out of range") << text;
  }
}

TEST(TimestampTest, FormatsUtcToTheSecond) {
  EXPECT_EQ(FormatTimestampIso(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestampIso(1795253400000000), "2026-11-21T09:30:00Z");
  EXPECT_EQ(FormatTimestampIso(1719822615999999), "2024-07-01T08:30:15Z");  // truncated, not rounded
  EXPECT_EQ(FormatTimestampIso(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatTimestampIso(-kMicrosPerDay), "1969-12-31T00:00:00Z");
  EXPECT_EQ(FormatTimestampIso(kMicrosPerDay - 1), "1970-01-01T23:59:59Z");
}

TEST(TimestampTest, FormattedTimestampsParseBack) {
  for (int64_t seconds : {0LL, 1LL, -1LL, 951782400LL, 1709164800LL, 4102444799LL, -2208988800LL}) {
    const int64_t micros = seconds * kMicrosPerSecond;
    ASSERT_OK_AND_ASSIGN(int64_t back, ParseTimestampMicros(FormatTimestampIso(micros)));
    EXPECT_EQ(back, micros) << seconds;
  }
}

}  // namespace
}  // namespace confide::domain
