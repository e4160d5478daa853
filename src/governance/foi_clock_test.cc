#include "governance/foi_clock.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "testing/test_util.h"

namespace confide::governance {
namespace {

using domain::CivilDate;

CivilDate D(int y, int m, int d) { return CivilDate{y, m, d}; }

const BankHolidayCalendar& EnglandAndWales() { return BankHolidayCalendar::Default(); }

CivilDate DueFor(CivilDate received) {
  Result<FoiDeadline> r = FoiDeadlineFor(received, EnglandAndWales());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r->due_on : CivilDate{};
}

TEST(FoiClockTest, TwentyWorkingDaysFromTheDayAfterReceipt) {
  EXPECT_EQ(DueFor(D(2025, 1, 6)), D(2025, 2, 3));
  // Received Friday 31 January, Saturday 1 or Sunday 2 February: day 1 is Monday 3 February.
  EXPECT_EQ(DueFor(D(2025, 1, 31)), D(2025, 2, 28));
  EXPECT_EQ(DueFor(D(2025, 2, 1)), D(2025, 2, 28));
  EXPECT_EQ(DueFor(D(2025, 2, 2)), D(2025, 2, 28));
  // The 2022 jubilee: Spring holiday Thursday 2 June, Platinum Jubilee Friday 3 June.
  EXPECT_EQ(DueFor(D(2022, 5, 25)), D(2022, 6, 24));
}

TEST(FoiClockTest, AcrossChristmasAndNewYearWithTheStepsExplained) {
  ASSERT_OK_AND_ASSIGN(FoiDeadline deadline, FoiDeadlineFor(D(2025, 12, 20), EnglandAndWales()));
  EXPECT_EQ(deadline.due_on, D(2026, 1, 21));
  EXPECT_EQ(deadline.explanation,
            (std::vector<std::string>{
                "Received Saturday 20 December 2025: day zero, though not a working day.",
                "Day 1 is the first working day after it: Monday 22 December 2025.",
                "Bank holidays in the period do not count: Thursday 25 December 2025 (Christmas Day), Friday 26 "
                "December 2025 (Boxing Day), Thursday 1 January 2026 (New Year's Day).",
                "The 20th working day is Wednesday 21 January 2026: the reply is due then at the latest (the Act "
                "asks for it promptly).",
            }));
  // Christmas 2021 on a Saturday: substitute days Monday 27 and Tuesday 28, New Year Monday 3 January.
  // Received Friday 17 December: 20-24, 29-31 December (8 days), then 4 January onwards.
  EXPECT_EQ(DueFor(D(2021, 12, 17)), D(2022, 1, 19));
}

TEST(FoiClockTest, AcrossEaster) {
  ASSERT_OK_AND_ASSIGN(FoiDeadline deadline, FoiDeadlineFor(D(2025, 4, 10), EnglandAndWales()));
  EXPECT_EQ(deadline.due_on, D(2025, 5, 13));
  EXPECT_EQ(deadline.explanation[0], "Received Thursday 10 April 2025: day zero.");
  EXPECT_EQ(deadline.explanation[2],
            "Bank holidays in the period do not count: Friday 18 April 2025 (Good Friday), Monday 21 April 2025 "
            "(Easter Monday), Monday 5 May 2025 (Early May bank holiday).");
}

TEST(FoiClockTest, AnOrganisationCanCountBankHolidaysElsewhereInTheUk) {
  // FOIA s.10(6) excludes bank holidays in any part of the UK: add Scotland's 2 January.
  BankHolidayExceptions uk = EnglandAndWalesProclamations();
  uk.additions.push_back({D(2026, 1, 2), "2nd January (Scotland)"});
  ASSERT_OK_AND_ASSIGN(BankHolidayCalendar calendar, BankHolidayCalendar::Create(uk));
  ASSERT_OK_AND_ASSIGN(FoiDeadline deadline, FoiDeadlineFor(D(2025, 12, 20), calendar));
  EXPECT_EQ(deadline.due_on, D(2026, 1, 22));
}

TEST(FoiClockTest, AMaintainedSchoolCountsSchoolDaysSoHalfTermDoesNotCount) {
  ASSERT_OK_AND_ASSIGN(SchoolCalendar school, SchoolCalendar::Create({
                                                  {D(2025, 10, 27), D(2025, 10, 31), "Autumn half term"},
                                                  {D(2025, 11, 3), D(2025, 11, 3), "INSET day"},
                                              }));
  EXPECT_EQ(DueFor(D(2025, 10, 20)), D(2025, 11, 17));  // not a school: 20 working days
  ASSERT_OK_AND_ASSIGN(FoiDeadline deadline, FoiDeadlineForSchool(D(2025, 10, 20), school, EnglandAndWales()));
  EXPECT_EQ(deadline.due_on, D(2025, 11, 25));
  EXPECT_EQ(deadline.explanation,
            (std::vector<std::string>{
                "Received Monday 20 October 2025: day zero.",
                "Day 1 is the first working day after it: Tuesday 21 October 2025.",
                "A maintained school has until the 20th school day or the 60th working day after receipt, "
                "whichever is earlier.",
                "Days the school is closed do not count as school days: Autumn half term (Monday 27 October 2025 to "
                "Friday 31 October 2025), INSET day (Monday 3 November 2025).",
                "The 20th school day is Tuesday 25 November 2025; the 60th working day is Thursday 15 January 2026.",
                "The earlier, Tuesday 25 November 2025, is when the reply is due at the latest (the Act asks for it "
                "promptly).",
            }));
}

TEST(FoiClockTest, ASchoolsSummerHolidayIsSkipped) {
  ASSERT_OK_AND_ASSIGN(SchoolCalendar school,
                       SchoolCalendar::Create({{D(2025, 7, 22), D(2025, 9, 2), "Summer holiday"}}));
  ASSERT_OK_AND_ASSIGN(FoiDeadline deadline, FoiDeadlineForSchool(D(2025, 7, 14), school, EnglandAndWales()));
  EXPECT_EQ(deadline.due_on, D(2025, 9, 23));
}

TEST(FoiClockTest, ASchoolNeverHasLongerThanSixtyWorkingDays) {
  // Closed from 22 July to 31 October: the 20th school day would be 21 November, but the 60th
  // working day after 14 July (skipping the Summer bank holiday) is Tuesday 7 October.
  ASSERT_OK_AND_ASSIGN(SchoolCalendar school,
                       SchoolCalendar::Create({{D(2025, 7, 22), D(2025, 10, 31), "Closed for rebuilding"}}));
  ASSERT_OK_AND_ASSIGN(FoiDeadline deadline, FoiDeadlineForSchool(D(2025, 7, 14), school, EnglandAndWales()));
  EXPECT_EQ(deadline.due_on, D(2025, 10, 7));
  EXPECT_EQ(deadline.explanation[deadline.explanation.size() - 2],
            "The 20th school day is Friday 21 November 2025; the 60th working day is Tuesday 7 October 2025.");
}

TEST(FoiClockTest, DatesOutsideTheCalendarAreRefused) {
  Result<FoiDeadline> r = FoiDeadlineFor(D(2101, 1, 4), EnglandAndWales());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "request received on 2101-01-04 is outside the years 1995 to 2100 deadlines are worked out for");
  ASSERT_OK_AND_ASSIGN(SchoolCalendar school, SchoolCalendar::Create({}));
  EXPECT_FALSE(FoiDeadlineForSchool(D(1990, 1, 4), school, EnglandAndWales()).ok());
}

Result<FoiRequestDeadline> WithSteps(const FoiClockSteps& steps, const SchoolCalendar* school = nullptr) {
  return FoiRequestDeadlineFor(steps, school, EnglandAndWales());
}

TEST(FoiRequestClockTest, WithoutStepsItIsTheStatutoryClock) {
  ASSERT_OK_AND_ASSIGN(FoiRequestDeadline d, WithSteps({D(2025, 12, 20), std::nullopt, {}, 0}));
  ASSERT_OK_AND_ASSIGN(FoiDeadline plain, FoiDeadlineFor(D(2025, 12, 20), EnglandAndWales()));
  EXPECT_EQ(d.due_on, plain.due_on);
  EXPECT_EQ(d.statutory_due_on, plain.due_on);
  EXPECT_EQ(d.explanation, plain.explanation);
  EXPECT_EQ(d.waiting_for, "");
}

TEST(FoiRequestClockTest, ClarificationStopsTheClockAndTheTwentyDaysCountFromItsArrival) {
  // Received Monday 5 January 2026; clarification asked for on the 7th.
  ASSERT_OK_AND_ASSIGN(FoiRequestDeadline waiting, WithSteps({D(2026, 1, 5), FoiWait{D(2026, 1, 7), std::nullopt}, {}, 0}));
  EXPECT_FALSE(waiting.due_on.has_value());
  EXPECT_EQ(waiting.waiting_for, "clarification");
  EXPECT_NE(waiting.explanation.back().find("Clarification was asked for on Wednesday 7 January 2026"), std::string::npos);
  // It arrives on Monday 12 January: that is day zero, so the 20th working day is Monday 9 February
  // (not Monday 2 February, 20 working days after receipt).
  ASSERT_OK_AND_ASSIGN(FoiRequestDeadline d, WithSteps({D(2026, 1, 5), FoiWait{D(2026, 1, 7), D(2026, 1, 12)}, {}, 0}));
  EXPECT_EQ(d.due_on, D(2026, 2, 9));
  EXPECT_EQ(d.explanation[0],
            "Received Monday 5 January 2026; clarification was asked for on Wednesday 7 January 2026, and the 20 days "
            "count from the day it arrived (s.1(3)).");
  EXPECT_EQ(d.explanation[1], "Clarification arrived Monday 12 January 2026: day zero.");
  EXPECT_EQ(d.explanation[2], "Day 1 is the first working day after it: Tuesday 13 January 2026.");
}

TEST(FoiRequestClockTest, TheWorkingDaysFromAFeesNoticeToPaymentDoNotCountBothIncluded) {
  // Received Monday 2 March 2026: due Monday 30 March without a fee. A fees notice on Wednesday 4
  // March paid on Monday 9 March takes out four working days (4, 5, 6 and 9 March); the count then
  // crosses Good Friday and Easter Monday, so the reply is due Tuesday 7 April.
  ASSERT_OK_AND_ASSIGN(FoiRequestDeadline awaited, WithSteps({D(2026, 3, 2), std::nullopt, {FoiWait{D(2026, 3, 4), std::nullopt}}, 0}));
  EXPECT_FALSE(awaited.due_on.has_value());
  EXPECT_EQ(awaited.waiting_for, "the fee");
  ASSERT_OK_AND_ASSIGN(FoiRequestDeadline d, WithSteps({D(2026, 3, 2), std::nullopt, {FoiWait{D(2026, 3, 4), D(2026, 3, 9)}}, 0}));
  EXPECT_EQ(d.due_on, D(2026, 4, 7));
  EXPECT_NE(std::find(d.explanation.begin(), d.explanation.end(),
                      "The working days from the fees notice on Wednesday 4 March 2026 to the fee's arrival on Monday 9 "
                      "March 2026, both included, do not count (s.10(2)): 4 working days."),
            d.explanation.end());
  EXPECT_NE(std::find(d.explanation.begin(), d.explanation.end(),
                      "Bank holidays in the period do not count: Friday 3 April 2026 (Good Friday), Monday 6 April 2026 "
                      "(Easter Monday)."),
            d.explanation.end());
  // A fee notice given and paid on one Saturday takes no working day out.
  ASSERT_OK_AND_ASSIGN(FoiRequestDeadline weekend, WithSteps({D(2026, 3, 2), std::nullopt, {FoiWait{D(2026, 3, 7), D(2026, 3, 7)}}, 0}));
  EXPECT_EQ(weekend.due_on, D(2026, 3, 30));
}

TEST(FoiRequestClockTest, APublicInterestExtensionAddsWorkingDaysToTheStatutoryDate) {
  // Due Monday 30 March 2026; 20 further working days, skipping Easter, is Wednesday 29 April.
  ASSERT_OK_AND_ASSIGN(FoiRequestDeadline d, WithSteps({D(2026, 3, 2), std::nullopt, {}, 20}));
  EXPECT_EQ(d.statutory_due_on, D(2026, 3, 30));
  EXPECT_EQ(d.due_on, D(2026, 4, 29));
  EXPECT_EQ(d.explanation.back(),
            "Extended by 20 working days to consider the public interest (s.10(3)): the reply is now due by Wednesday "
            "29 April 2026 (the ICO expects no more than 20 further working days).");
  EXPECT_FALSE(WithSteps({D(2026, 3, 2), std::nullopt, {}, 21}).ok());
  EXPECT_FALSE(WithSteps({D(2026, 3, 2), std::nullopt, {}, -1}).ok());
  Result<FoiRequestDeadline> backwards = WithSteps({D(2026, 3, 2), std::nullopt, {FoiWait{D(2026, 3, 9), D(2026, 3, 4)}}, 0});
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.status().message(), "a wait ends on 2026-03-04, before it began on 2026-03-09");
}

TEST(FoiRequestClockTest, AMaintainedSchoolCountsSchoolDaysFromTheClarification) {
  ASSERT_OK_AND_ASSIGN(SchoolCalendar school, SchoolCalendar::Create({
                                                  {D(2025, 10, 27), D(2025, 10, 31), "Autumn half term"},
                                                  {D(2025, 11, 3), D(2025, 11, 3), "INSET day"},
                                              }));
  // Clarified on Friday 24 October 2025, just before half term: school days start on 4 November.
  ASSERT_OK_AND_ASSIGN(FoiRequestDeadline d, WithSteps({D(2025, 10, 20), FoiWait{D(2025, 10, 20), D(2025, 10, 24)}, {}, 0}, &school));
  EXPECT_EQ(d.due_on, D(2025, 12, 1));
}

}  // namespace
}  // namespace confide::governance
