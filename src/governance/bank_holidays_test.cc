#include "governance/bank_holidays.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "testing/test_util.h"

namespace confide::governance {
namespace {

using domain::CivilDate;

CivilDate D(int y, int m, int d) { return CivilDate{y, m, d}; }

std::vector<CivilDate> Dates(const std::vector<BankHoliday>& holidays) {
  std::vector<CivilDate> out;
  for (const BankHoliday& h : holidays) out.push_back(h.date);
  return out;
}

// England and Wales bank holidays as published on gov.uk/bank-holidays, written out by hand
// (not generated from the rules under test).
const std::map<int, std::vector<CivilDate>>& PublishedEnglandAndWales() {
  static const std::map<int, std::vector<CivilDate>> kPublished = {
      {2018, {D(2018, 1, 1), D(2018, 3, 30), D(2018, 4, 2), D(2018, 5, 7), D(2018, 5, 28), D(2018, 8, 27),
              D(2018, 12, 25), D(2018, 12, 26)}},
      {2019, {D(2019, 1, 1), D(2019, 4, 19), D(2019, 4, 22), D(2019, 5, 6), D(2019, 5, 27), D(2019, 8, 26),
              D(2019, 12, 25), D(2019, 12, 26)}},
      {2020, {D(2020, 1, 1), D(2020, 4, 10), D(2020, 4, 13), D(2020, 5, 8), D(2020, 5, 25), D(2020, 8, 31),
              D(2020, 12, 25), D(2020, 12, 28)}},
      {2021, {D(2021, 1, 1), D(2021, 4, 2), D(2021, 4, 5), D(2021, 5, 3), D(2021, 5, 31), D(2021, 8, 30),
              D(2021, 12, 27), D(2021, 12, 28)}},
      {2022, {D(2022, 1, 3), D(2022, 4, 15), D(2022, 4, 18), D(2022, 5, 2), D(2022, 6, 2), D(2022, 6, 3),
              D(2022, 8, 29), D(2022, 9, 19), D(2022, 12, 26), D(2022, 12, 27)}},
      {2023, {D(2023, 1, 2), D(2023, 4, 7), D(2023, 4, 10), D(2023, 5, 1), D(2023, 5, 8), D(2023, 5, 29),
              D(2023, 8, 28), D(2023, 12, 25), D(2023, 12, 26)}},
      {2024, {D(2024, 1, 1), D(2024, 3, 29), D(2024, 4, 1), D(2024, 5, 6), D(2024, 5, 27), D(2024, 8, 26),
              D(2024, 12, 25), D(2024, 12, 26)}},
      {2025, {D(2025, 1, 1), D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 5), D(2025, 5, 26), D(2025, 8, 25),
              D(2025, 12, 25), D(2025, 12, 26)}},
      {2026, {D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4), D(2026, 5, 25), D(2026, 8, 31),
              D(2026, 12, 25), D(2026, 12, 28)}},
      {2027, {D(2027, 1, 1), D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 3), D(2027, 5, 31), D(2027, 8, 30),
              D(2027, 12, 27), D(2027, 12, 28)}},
  };
  return kPublished;
}

TEST(BankHolidaysTest, TheBuiltInProclamationsAreValid) {
  // Default() aborts if they are not; this says why.
  EXPECT_OK(BankHolidayCalendar::Create(EnglandAndWalesProclamations()));
}

TEST(BankHolidaysTest, EveryEnglandAndWalesHolidayFrom2018To2027MatchesGovUk) {
  const BankHolidayCalendar& calendar = BankHolidayCalendar::Default();
  for (const auto& [year, expected] : PublishedEnglandAndWales()) {
    EXPECT_EQ(Dates(calendar.HolidaysIn(year)), expected) << year;
    for (const CivilDate& d : expected) EXPECT_TRUE(calendar.IsBankHoliday(d)) << d.ToIso();
  }
}

TEST(BankHolidaysTest, NoOtherDayFrom2018To2027IsABankHoliday) {
  const BankHolidayCalendar& calendar = BankHolidayCalendar::Default();
  int count = 0;
  for (CivilDate d = D(2018, 1, 1); d <= D(2027, 12, 31); d = domain::AddDays(d, 1)) count += calendar.IsBankHoliday(d);
  size_t published = 0;
  for (const auto& [year, dates] : PublishedEnglandAndWales()) published += dates.size();
  EXPECT_EQ(static_cast<size_t>(count), published);
}

TEST(BankHolidaysTest, HolidaysCarryTheirGovUkNames) {
  const BankHolidayCalendar& calendar = BankHolidayCalendar::Default();
  auto name = [&](CivilDate d) { return calendar.Find(d) ? calendar.Find(d)->name : std::string("(none)"); };
  EXPECT_EQ(name(D(2021, 12, 27)), "Christmas Day (substitute day)");
  EXPECT_EQ(name(D(2021, 12, 28)), "Boxing Day (substitute day)");
  EXPECT_EQ(name(D(2022, 12, 26)), "Boxing Day");
  EXPECT_EQ(name(D(2022, 12, 27)), "Christmas Day (substitute day)");
  EXPECT_EQ(name(D(2020, 12, 28)), "Boxing Day (substitute day)");
  EXPECT_EQ(name(D(2022, 1, 3)), "New Year's Day (substitute day)");
  EXPECT_EQ(name(D(2023, 1, 2)), "New Year's Day (substitute day)");
  EXPECT_EQ(name(D(2020, 5, 8)), "Early May bank holiday (VE day)");
  EXPECT_EQ(name(D(2022, 6, 2)), "Spring bank holiday");
  EXPECT_EQ(name(D(2022, 6, 3)), "Platinum Jubilee bank holiday");
  EXPECT_EQ(name(D(2022, 9, 19)), "Bank Holiday for the State Funeral of Queen Elizabeth II");
  EXPECT_EQ(name(D(2023, 5, 8)), "Bank holiday for the coronation of King Charles III");
  EXPECT_EQ(name(D(2025, 4, 18)), "Good Friday");
  EXPECT_EQ(name(D(2025, 4, 21)), "Easter Monday");
  EXPECT_EQ(name(D(2025, 5, 5)), "Early May bank holiday");
  EXPECT_EQ(name(D(2025, 5, 26)), "Spring bank holiday");
  EXPECT_EQ(name(D(2025, 8, 25)), "Summer bank holiday");
  EXPECT_EQ(name(D(2025, 1, 1)), "New Year's Day");
  EXPECT_EQ(name(D(2025, 12, 25)), "Christmas Day");
  EXPECT_EQ(name(D(2025, 12, 26)), "Boxing Day");
}

TEST(BankHolidaysTest, WeekendDatesOfFixedHolidaysAreNotListed) {
  const BankHolidayCalendar& calendar = BankHolidayCalendar::Default();
  EXPECT_FALSE(calendar.IsBankHoliday(D(2021, 12, 25)));  // Saturday
  EXPECT_FALSE(calendar.IsBankHoliday(D(2021, 12, 26)));  // Sunday
  EXPECT_FALSE(calendar.IsBankHoliday(D(2022, 1, 1)));    // Saturday
  EXPECT_FALSE(calendar.IsBankHoliday(D(2022, 12, 25)));  // Sunday
  EXPECT_FALSE(calendar.IsBankHoliday(D(2020, 12, 26)));  // Saturday
  EXPECT_FALSE(calendar.IsBankHoliday(D(2020, 5, 4)));    // the Early May holiday moved from here
  EXPECT_FALSE(calendar.IsBankHoliday(D(2022, 5, 30)));   // the Spring holiday moved from here
}

TEST(BankHolidaysTest, EarlierProclamationsAreApplied) {
  const BankHolidayCalendar& calendar = BankHolidayCalendar::Default();
  // 1995: VE day 50 moved the Early May holiday from 1 May to 8 May.
  EXPECT_FALSE(calendar.IsBankHoliday(D(1995, 5, 1)));
  EXPECT_TRUE(calendar.IsBankHoliday(D(1995, 5, 8)));
  // 1999: Christmas on a Saturday, the millennium on Friday 31 December, New Year 2000 on a Saturday.
  EXPECT_EQ(Dates(calendar.HolidaysIn(1999)),
            (std::vector<CivilDate>{D(1999, 1, 1), D(1999, 4, 2), D(1999, 4, 5), D(1999, 5, 3), D(1999, 5, 31),
                                    D(1999, 8, 30), D(1999, 12, 27), D(1999, 12, 28), D(1999, 12, 31)}));
  EXPECT_TRUE(calendar.IsBankHoliday(D(2000, 1, 3)));
  // 2002: Golden Jubilee on Monday 3 June, the Spring holiday moved to Tuesday 4 June.
  EXPECT_FALSE(calendar.IsBankHoliday(D(2002, 5, 27)));
  EXPECT_TRUE(calendar.IsBankHoliday(D(2002, 6, 3)));
  EXPECT_TRUE(calendar.IsBankHoliday(D(2002, 6, 4)));
  // 2011: the royal wedding on Friday 29 April, between Easter Monday and the Early May holiday.
  EXPECT_EQ(Dates(calendar.HolidaysIn(2011)),
            (std::vector<CivilDate>{D(2011, 1, 3), D(2011, 4, 22), D(2011, 4, 25), D(2011, 4, 29), D(2011, 5, 2),
                                    D(2011, 5, 30), D(2011, 8, 29), D(2011, 12, 26), D(2011, 12, 27)}));
  // 2012: the Spring holiday on Monday 4 June, the Diamond Jubilee on Tuesday 5 June.
  EXPECT_FALSE(calendar.IsBankHoliday(D(2012, 5, 28)));
  EXPECT_TRUE(calendar.IsBankHoliday(D(2012, 6, 4)));
  EXPECT_TRUE(calendar.IsBankHoliday(D(2012, 6, 5)));
}

TEST(BankHolidaysTest, EasterSundayByTheGregorianComputus) {
  EXPECT_EQ(EasterSunday(1995), D(1995, 4, 16));
  EXPECT_EQ(EasterSunday(2000), D(2000, 4, 23));
  EXPECT_EQ(EasterSunday(2008), D(2008, 3, 23));  // earliest this century but one
  EXPECT_EQ(EasterSunday(2011), D(2011, 4, 24));
  EXPECT_EQ(EasterSunday(2016), D(2016, 3, 27));
  EXPECT_EQ(EasterSunday(2019), D(2019, 4, 21));
  EXPECT_EQ(EasterSunday(2024), D(2024, 3, 31));
  EXPECT_EQ(EasterSunday(2025), D(2025, 4, 20));
  EXPECT_EQ(EasterSunday(2026), D(2026, 4, 5));
  EXPECT_EQ(EasterSunday(2038), D(2038, 4, 25));  // the latest possible date
  EXPECT_EQ(EasterSunday(2285), D(2285, 3, 22));  // the earliest possible date
  EXPECT_EQ(EasterSunday(1818), D(1818, 3, 22));
}

TEST(BankHolidaysTest, SubstituteDaysFollowTheWeekday) {
  // Over a whole 28-year solar cycle every weekday pattern of Christmas and New Year occurs.
  for (int year = 2030; year < 2058; ++year) {
    const std::vector<BankHoliday> rules = RuleBankHolidays(year);
    ASSERT_EQ(rules.size(), 8u) << year;
    for (const BankHoliday& h : rules) {
      const int wd = (h.date.DaysSinceEpoch() + 4) % 7;  // 0 = Sunday
      EXPECT_NE(wd, 0) << h.date.ToIso();
      EXPECT_NE(wd, 6) << h.date.ToIso();
    }
  }
  // 2033: Christmas on a Sunday. 2032: on a Saturday. 2026: on a Friday.
  EXPECT_EQ(RuleBankHolidays(2033).back(), (BankHoliday{D(2033, 12, 27), "Christmas Day (substitute day)"}));
  EXPECT_EQ(RuleBankHolidays(2033)[6], (BankHoliday{D(2033, 12, 26), "Boxing Day"}));
  EXPECT_EQ(RuleBankHolidays(2032)[6], (BankHoliday{D(2032, 12, 27), "Christmas Day (substitute day)"}));
  EXPECT_EQ(RuleBankHolidays(2032)[7], (BankHoliday{D(2032, 12, 28), "Boxing Day (substitute day)"}));
  // 2034: New Year on a Sunday; 2033: on a Saturday.
  EXPECT_EQ(RuleBankHolidays(2034)[0], (BankHoliday{D(2034, 1, 2), "New Year's Day (substitute day)"}));
  EXPECT_EQ(RuleBankHolidays(2033)[0], (BankHoliday{D(2033, 1, 3), "New Year's Day (substitute day)"}));
}

TEST(BankHolidaysTest, CoversEveryYearFrom1995To2100) {
  const BankHolidayCalendar& calendar = BankHolidayCalendar::Default();
  for (int year = BankHolidayCalendar::kFirstYear; year <= BankHolidayCalendar::kLastYear; ++year) {
    const size_t n = calendar.HolidaysIn(year).size();
    EXPECT_GE(n, 8u) << year;
    EXPECT_LE(n, 10u) << year;
  }
  EXPECT_EQ(calendar.HolidaysIn(2100).front().date, D(2100, 1, 1));
  EXPECT_EQ(calendar.HolidaysIn(2100)[1].date, D(2100, 3, 26));  // Easter 2100 is 28 March
  EXPECT_TRUE(BankHolidayCalendar::Covers(D(1995, 1, 1)));
  EXPECT_TRUE(BankHolidayCalendar::Covers(D(2100, 12, 31)));
  EXPECT_FALSE(BankHolidayCalendar::Covers(D(1994, 12, 31)));
  EXPECT_FALSE(BankHolidayCalendar::Covers(D(2101, 1, 1)));
  // Beyond the covered years the rules still answer; before the Gregorian calendar, nothing does.
  EXPECT_TRUE(calendar.IsBankHoliday(D(2101, 12, 26)));
  EXPECT_EQ(calendar.HolidaysIn(2101).size(), 8u);
  EXPECT_FALSE(calendar.IsBankHoliday(D(1500, 12, 25)));
  EXPECT_TRUE(calendar.HolidaysIn(1500).empty());
}

TEST(BankHolidaysTest, AnOrganisationCanAddProclamations) {
  BankHolidayExceptions exceptions = EnglandAndWalesProclamations();
  exceptions.additions.push_back({D(2030, 6, 14), "A future one-off holiday"});
  exceptions.moves.push_back({D(2031, 5, 5), D(2031, 5, 9), "Early May bank holiday (moved)"});
  ASSERT_OK_AND_ASSIGN(BankHolidayCalendar calendar, BankHolidayCalendar::Create(exceptions));
  EXPECT_EQ(calendar.Find(D(2030, 6, 14))->name, "A future one-off holiday");
  EXPECT_FALSE(calendar.IsBankHoliday(D(2031, 5, 5)));
  EXPECT_EQ(calendar.Find(D(2031, 5, 9))->name, "Early May bank holiday (moved)");
  EXPECT_TRUE(calendar.IsBankHoliday(D(2022, 9, 19)));  // the defaults are still there
  // Without the proclamations, the rules alone.
  ASSERT_OK_AND_ASSIGN(BankHolidayCalendar rules_only, BankHolidayCalendar::Create({}));
  EXPECT_TRUE(rules_only.IsBankHoliday(D(2022, 5, 30)));
  EXPECT_FALSE(rules_only.IsBankHoliday(D(2022, 9, 19)));
}

TEST(BankHolidaysTest, MovesKeepTheirNameUnlessGivenOne) {
  ASSERT_OK_AND_ASSIGN(BankHolidayCalendar calendar,
                       BankHolidayCalendar::Create({.moves = {{D(2030, 8, 26), D(2030, 8, 27), ""}}}));
  EXPECT_EQ(calendar.Find(D(2030, 8, 27))->name, "Summer bank holiday");
}

TEST(BankHolidaysTest, BadExceptionsAreRefused) {
  auto message = [](const BankHolidayExceptions& e) {
    Result<BankHolidayCalendar> r = BankHolidayCalendar::Create(e);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    return r.status().message();
  };
  EXPECT_EQ(message({.moves = {{D(2030, 8, 27), D(2030, 8, 28), ""}}}),
            "cannot move a bank holiday from 2030-08-27: the rules give no bank holiday that day");
  EXPECT_EQ(message({.moves = {{D(2030, 8, 26), D(2030, 8, 27), ""}, {D(2030, 8, 26), D(2030, 8, 28), ""}}}),
            "the bank holiday on 2030-08-26 is moved twice");
  // A move applies to the day the rules give, not to where an earlier move put a holiday.
  EXPECT_EQ(message({.moves = {{D(2030, 8, 26), D(2030, 8, 27), ""}, {D(2030, 8, 27), D(2030, 8, 28), ""}}}),
            "cannot move a bank holiday from 2030-08-27: the rules give no bank holiday that day");
  EXPECT_EQ(message({.additions = {{D(2030, 12, 25), "Extra"}}}),
            "two bank holidays fall on 2030-12-25: Christmas Day and Extra");
  EXPECT_EQ(message({.moves = {{D(2030, 8, 26), D(2030, 12, 26), ""}}}),
            "two bank holidays fall on 2030-12-26: Summer bank holiday and Boxing Day");
  EXPECT_EQ(message({.additions = {{D(2030, 6, 14), ""}}}), "the bank holiday added on 2030-06-14 needs a name");
  EXPECT_EQ(message({.additions = {{D(2101, 6, 14), "Late"}}}),
            "bank holiday 2101-06-14 is outside the years 1995 to 2100 the bank holiday calendar covers");
  EXPECT_EQ(message({.moves = {{D(1994, 5, 2), D(1994, 5, 3), ""}}}),
            "bank holiday moved from 1994-05-02 is outside the years 1995 to 2100 the bank holiday calendar covers");
}

}  // namespace
}  // namespace confide::governance
