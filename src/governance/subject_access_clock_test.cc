#include "governance/subject_access_clock.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/test_util.h"

namespace confide::governance {
namespace {

using domain::CivilDate;

CivilDate D(int y, int m, int d) { return CivilDate{y, m, d}; }

const BankHolidayCalendar& EnglandAndWales() { return BankHolidayCalendar::Default(); }

// The due date for a request received on `received` with nothing else going on.
CivilDate DueFor(CivilDate received, int extension_months = 0) {
  Result<SubjectAccessDeadline> r =
      SubjectAccessDeadlineFor({.received_on = received, .extension_months = extension_months}, EnglandAndWales());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok() || !r->due_on) return CivilDate{};
  return *r->due_on;
}

std::string Refusal(const SubjectAccessRequest& request) {
  Result<SubjectAccessDeadline> r = SubjectAccessDeadlineFor(request, EnglandAndWales());
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  return r.status().message();
}

TEST(SubjectAccessClockTest, OneMonthToTheCorrespondingDate) {
  EXPECT_EQ(DueFor(D(2025, 9, 3)), D(2025, 10, 3));  // the ICO's example
  EXPECT_EQ(DueFor(D(2025, 3, 31)), D(2025, 4, 30));
  EXPECT_EQ(DueFor(D(2025, 5, 31)), D(2025, 6, 30));
  EXPECT_EQ(DueFor(D(2025, 1, 30)), D(2025, 2, 28));
}

TEST(SubjectAccessClockTest, ThirtyFirstOfJanuaryIsDueOnTheLastDayOfFebruaryWithTheStepsExplained) {
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline deadline,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 1, 31)}, EnglandAndWales()));
  EXPECT_EQ(deadline.clock, SubjectAccessClock::kRunning);
  EXPECT_EQ(deadline.clock_started_on, D(2025, 1, 31));
  EXPECT_EQ(deadline.due_on, D(2025, 2, 28));
  EXPECT_EQ(deadline.extension_notice_due_on, std::nullopt);
  EXPECT_EQ(deadline.days_stopped, 0);
  EXPECT_EQ(deadline.explanation,
            (std::vector<std::string>{
                "Received Friday 31 January 2025.",
                "The clock starts on Friday 31 January 2025.",
                "One calendar month later: 28 February 2025 (February 2025 has no 31st, so the last day of the month).",
                "Friday 28 February 2025 is a working day: due then.",
            }));
}

TEST(SubjectAccessClockTest, LeapYearFebruaryHasATwentyNinth) {
  EXPECT_EQ(DueFor(D(2028, 1, 31)), D(2028, 2, 29));
  EXPECT_EQ(DueFor(D(2028, 1, 29)), D(2028, 2, 29));
  // 2027 is not a leap year: 28 February 2027 is a Sunday, so Monday 1 March.
  EXPECT_EQ(DueFor(D(2027, 1, 31)), D(2027, 3, 1));
  EXPECT_EQ(DueFor(D(2027, 1, 29)), D(2027, 3, 1));
}

TEST(SubjectAccessClockTest, AcrossTheYearEnd) {
  EXPECT_EQ(DueFor(D(2024, 12, 31)), D(2025, 1, 31));
  // 1 January 2026 is New Year's Day (a Thursday).
  EXPECT_EQ(DueFor(D(2025, 12, 1)), D(2026, 1, 2));
  // 2 January 2022 is a Sunday and Monday 3 January the New Year substitute day.
  EXPECT_EQ(DueFor(D(2021, 12, 2)), D(2022, 1, 4));
}

TEST(SubjectAccessClockTest, ADueDateOverChristmasRollsPastTheSubstituteDays) {
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline deadline,
                       SubjectAccessDeadlineFor({.received_on = D(2022, 11, 24)}, EnglandAndWales()));
  EXPECT_EQ(deadline.due_on, D(2022, 12, 28));
  EXPECT_EQ(deadline.explanation.back(),
            "Not a working day: Saturday 24 December 2022 (weekend), Sunday 25 December 2022 (weekend), "
            "Monday 26 December 2022 (Boxing Day), Tuesday 27 December 2022 (Christmas Day (substitute day)). "
            "Due on the next working day, Wednesday 28 December 2022.");
  EXPECT_EQ(DueFor(D(2021, 11, 25)), D(2021, 12, 29));  // Christmas 2021 on a Saturday
}

TEST(SubjectAccessClockTest, ADueDateOnGoodFridayRollsPastEasterMonday) {
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline deadline,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 3, 18)}, EnglandAndWales()));
  EXPECT_EQ(deadline.due_on, D(2025, 4, 22));
  EXPECT_EQ(deadline.explanation.back(),
            "Not a working day: Friday 18 April 2025 (Good Friday), Saturday 19 April 2025 (weekend), "
            "Sunday 20 April 2025 (weekend), Monday 21 April 2025 (Easter Monday). "
            "Due on the next working day, Tuesday 22 April 2025.");
}

TEST(SubjectAccessClockTest, ReceiptAtAWeekendStillStartsTheClockThatDay) {
  // Received Saturday 1 February 2025: due Saturday 1 March, so Monday 3 March.
  EXPECT_EQ(DueFor(D(2025, 2, 1)), D(2025, 3, 3));
}

TEST(SubjectAccessClockTest, AnExtensionRunsThreeMonthsFromTheStartAndTheNoticeIsDueInTheFirst) {
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline deadline,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 1, 31), .extension_months = 2},
                                                EnglandAndWales()));
  EXPECT_EQ(deadline.due_on, D(2025, 4, 30));
  EXPECT_EQ(deadline.extension_notice_due_on, D(2025, 2, 28));
  EXPECT_EQ(deadline.explanation,
            (std::vector<std::string>{
                "Received Friday 31 January 2025.",
                "The clock starts on Friday 31 January 2025.",
                "Extended by two further months (complex or numerous requests), so the limit is three calendar "
                "months from the start.",
                "Three calendar months later: 30 April 2025 (April has no 31st, so the last day of the month).",
                "The requester must be told of the extension, and why, within the first month: by Friday 28 "
                "February 2025.",
                "Wednesday 30 April 2025 is a working day: due then.",
            }));
  EXPECT_EQ(DueFor(D(2025, 1, 31), 1), D(2025, 3, 31));
  // The notice date is not moved off a weekend: tell the requester by Saturday 1 March at the latest.
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline weekend,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 2, 1), .extension_months = 2},
                                                EnglandAndWales()));
  EXPECT_EQ(weekend.extension_notice_due_on, D(2025, 3, 1));
  EXPECT_EQ(weekend.due_on, D(2025, 5, 1));
}

TEST(SubjectAccessClockTest, TheClockStartsWhenIdentityEvidenceArrives) {
  ASSERT_OK_AND_ASSIGN(
      SubjectAccessDeadline deadline,
      SubjectAccessDeadlineFor({.received_on = D(2025, 2, 3),
                                .identity_evidence = AwaitedInformation{D(2025, 2, 4), D(2025, 2, 10)}},
                               EnglandAndWales()));
  EXPECT_EQ(deadline.clock_started_on, D(2025, 2, 10));
  EXPECT_EQ(deadline.due_on, D(2025, 3, 10));
  EXPECT_EQ(deadline.explanation[1],
            "Identity evidence asked for on Tuesday 4 February 2025 and received on Monday 10 February 2025.");
  EXPECT_EQ(deadline.explanation[2], "The clock starts on Monday 10 February 2025.");
}

TEST(SubjectAccessClockTest, UntilIdentityEvidenceArrivesTheClockHasNotStarted) {
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline deadline,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 2, 3),
                                                 .identity_evidence = AwaitedInformation{D(2025, 2, 4), std::nullopt}},
                                                EnglandAndWales()));
  EXPECT_EQ(deadline.clock, SubjectAccessClock::kNotStarted);
  EXPECT_EQ(deadline.clock_started_on, std::nullopt);
  EXPECT_EQ(deadline.due_on, std::nullopt);
  EXPECT_EQ(deadline.explanation.back(),
            "Identity evidence asked for on Tuesday 4 February 2025 and not yet received: the clock has not started.");
}

TEST(SubjectAccessClockTest, TheClockStartsOnTheLatestOfReceiptIdentityAndFee) {
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline deadline,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 2, 3),
                                                 .identity_evidence = AwaitedInformation{D(2025, 2, 3), D(2025, 2, 12)},
                                                 .fee = AwaitedInformation{D(2025, 2, 3), D(2025, 2, 7)}},
                                                EnglandAndWales()));
  EXPECT_EQ(deadline.clock_started_on, D(2025, 2, 12));
  EXPECT_EQ(deadline.due_on, D(2025, 3, 12));
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline unpaid,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 2, 3),
                                                 .fee = AwaitedInformation{D(2025, 2, 3), std::nullopt}},
                                                EnglandAndWales()));
  EXPECT_EQ(unpaid.clock, SubjectAccessClock::kNotStarted);
  EXPECT_EQ(unpaid.explanation.back(),
            "Fee asked for on Monday 3 February 2025 and not yet paid: the clock has not started.");
}

TEST(SubjectAccessClockTest, AClarificationStopsTheClockFromTheDayAskedToTheDayAnsweredInclusive) {
  // Base date Monday 3 March 2025; 5 to 11 February is 7 days: Monday 10 March.
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline deadline,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 2, 3),
                                                 .clarifications = {{D(2025, 2, 5), D(2025, 2, 11)}}},
                                                EnglandAndWales()));
  EXPECT_EQ(deadline.days_stopped, 7);
  EXPECT_EQ(deadline.due_on, D(2025, 3, 10));
  EXPECT_EQ(deadline.explanation[3],
            "Clock stopped for clarification from Wednesday 5 February 2025 (asked for) to Tuesday 11 February 2025 "
            "(answered), both days included: 7 days added, so 10 March 2025.");
}

TEST(SubjectAccessClockTest, SeveralClarificationsAddUpAndASharedDayCountsOnce) {
  // 5-11 February (7 days), 11-13 February (12 and 13 new: 2 days), 20 February (1 day): 10 days.
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline deadline,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 2, 3),
                                                 .clarifications = {{D(2025, 2, 20), D(2025, 2, 20)},
                                                                    {D(2025, 2, 5), D(2025, 2, 11)},
                                                                    {D(2025, 2, 11), D(2025, 2, 13)}}},
                                                EnglandAndWales()));
  EXPECT_EQ(deadline.days_stopped, 10);
  EXPECT_EQ(deadline.due_on, D(2025, 3, 13));
  EXPECT_EQ(deadline.explanation[4],
            "Clock stopped for clarification from Tuesday 11 February 2025 (asked for) to Thursday 13 February 2025 "
            "(answered), both days included (Tuesday 11 February 2025 was already left out): 2 days added, so 12 "
            "March 2025.");
}

TEST(SubjectAccessClockTest, AClarificationSpanningAMonthEnd) {
  // Received 15 January 2025: base Saturday 15 February. Stopped 28 January to 3 February (7 days):
  // Saturday 22 February, so Monday 24 February.
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline january,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 1, 15),
                                                 .clarifications = {{D(2025, 1, 28), D(2025, 2, 3)}}},
                                                EnglandAndWales()));
  EXPECT_EQ(january.due_on, D(2025, 2, 24));
  // Received 31 January 2025: base 28 February. Stopped 27 February to 4 March (6 days): 6 March.
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline february,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 1, 31),
                                                 .clarifications = {{D(2025, 2, 27), D(2025, 3, 4)}}},
                                                EnglandAndWales()));
  EXPECT_EQ(february.days_stopped, 6);
  EXPECT_EQ(february.due_on, D(2025, 3, 6));
}

TEST(SubjectAccessClockTest, AClarificationAskedOnTheDueDateStillStopsTheClock) {
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline deadline,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 2, 3),
                                                 .clarifications = {{D(2025, 3, 3), D(2025, 3, 3)}}},
                                                EnglandAndWales()));
  EXPECT_EQ(deadline.due_on, D(2025, 3, 4));
  // Due Saturday 1 March, so Monday 3 March: asking on the Sunday is still in time.
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline weekend,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 2, 1),
                                                 .clarifications = {{D(2025, 3, 2), D(2025, 3, 2)}}},
                                                EnglandAndWales()));
  EXPECT_EQ(weekend.due_on, D(2025, 3, 3));  // Saturday 1 March + 1 = Sunday 2 March, so Monday 3 March
}

TEST(SubjectAccessClockTest, WhileClarificationIsAwaitedThereIsNoDeadline) {
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline deadline,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 2, 3),
                                                 .clarifications = {{D(2025, 2, 5), std::nullopt}}},
                                                EnglandAndWales()));
  EXPECT_EQ(deadline.clock, SubjectAccessClock::kStopped);
  EXPECT_EQ(deadline.clock_started_on, D(2025, 2, 3));
  EXPECT_EQ(deadline.due_on, std::nullopt);
  EXPECT_EQ(deadline.explanation.back(),
            "Clock stopped on Wednesday 5 February 2025, when clarification was asked for; it restarts the day "
            "after the answer arrives, so there is no deadline yet.");
}

TEST(SubjectAccessClockTest, OnlyDaysAfterTheClockStartsAreStopped) {
  // Identity evidence and clarification both asked for on 3 February; the evidence arrives on the
  // 10th (the clock starts) and the clarification on the 12th: 10 to 12 February, 3 days.
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline deadline,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 2, 3),
                                                 .identity_evidence = AwaitedInformation{D(2025, 2, 3), D(2025, 2, 10)},
                                                 .clarifications = {{D(2025, 2, 3), D(2025, 2, 12)}}},
                                                EnglandAndWales()));
  EXPECT_EQ(deadline.days_stopped, 3);
  EXPECT_EQ(deadline.due_on, D(2025, 3, 13));
  EXPECT_EQ(deadline.explanation.back(), "Thursday 13 March 2025 is a working day: due then.");
  EXPECT_EQ(deadline.explanation[deadline.explanation.size() - 2],
            "Clock stopped for clarification from Monday 3 February 2025 (asked for) to Wednesday 12 February 2025 "
            "(answered), both days included (the clock started on Monday 10 February 2025): 3 days added, so 13 "
            "March 2025.");
}

TEST(SubjectAccessClockTest, StoppedDaysInTheFirstMonthAlsoMoveTheExtensionNotice) {
  // Received 3 February 2025, extended by two months: base Saturday 3 May. A 7-day stop in
  // February moves the notice to 10 March and the deadline to 10 May; a 2-day stop asked for in
  // April (after the notice date) moves only the deadline, to Monday 12 May.
  ASSERT_OK_AND_ASSIGN(SubjectAccessDeadline deadline,
                       SubjectAccessDeadlineFor({.received_on = D(2025, 2, 3),
                                                 .clarifications = {{D(2025, 2, 5), D(2025, 2, 11)},
                                                                    {D(2025, 4, 1), D(2025, 4, 2)}},
                                                 .extension_months = 2},
                                                EnglandAndWales()));
  EXPECT_EQ(deadline.extension_notice_due_on, D(2025, 3, 10));
  EXPECT_EQ(deadline.days_stopped, 9);
  EXPECT_EQ(deadline.due_on, D(2025, 5, 12));
}

TEST(SubjectAccessClockTest, BadInputIsRefusedWithAClearReason) {
  EXPECT_EQ(Refusal({.received_on = D(2025, 2, 3), .extension_months = 3}),
            "an extension must be 1 or 2 further months (0 for none), not 3");
  EXPECT_EQ(Refusal({.received_on = D(2025, 2, 3), .extension_months = -1}),
            "an extension must be 1 or 2 further months (0 for none), not -1");
  EXPECT_EQ(Refusal({.received_on = D(2025, 2, 3), .clarifications = {{D(2025, 2, 1), D(2025, 2, 4)}}}),
            "clarification was asked for on 2025-02-01, before the request was received on 2025-02-03");
  EXPECT_EQ(Refusal({.received_on = D(2025, 2, 3), .clarifications = {{D(2025, 2, 5), D(2025, 2, 4)}}}),
            "clarification was received on 2025-02-04, before it was asked for on 2025-02-05");
  EXPECT_EQ(Refusal({.received_on = D(2025, 2, 3),
                     .clarifications = {{D(2025, 2, 5), D(2025, 2, 11)}, {D(2025, 2, 10), D(2025, 2, 12)}}}),
            "clarification asked for on 2025-02-10 overlaps the clarification asked for on 2025-02-05, which was "
            "still awaited");
  EXPECT_EQ(Refusal({.received_on = D(2025, 2, 3),
                     .clarifications = {{D(2025, 2, 5), std::nullopt}, {D(2025, 2, 10), D(2025, 2, 12)}}}),
            "clarification asked for on 2025-02-10 overlaps the clarification asked for on 2025-02-05, which was "
            "still awaited");
  EXPECT_EQ(Refusal({.received_on = D(2025, 2, 3), .clarifications = {{D(2025, 3, 4), D(2025, 3, 5)}}}),
            "clarification asked for on 2025-03-04, after the response was due on 2025-03-03");
  EXPECT_EQ(Refusal({.received_on = D(2025, 2, 3),
                     .identity_evidence = AwaitedInformation{D(2025, 2, 2), std::nullopt}}),
            "identity evidence was asked for on 2025-02-02, before the request was received on 2025-02-03");
  EXPECT_EQ(Refusal({.received_on = D(2025, 2, 3), .fee = AwaitedInformation{D(2025, 2, 5), D(2025, 2, 4)}}),
            "the fee was received on 2025-02-04, before it was asked for on 2025-02-05");
  EXPECT_EQ(Refusal({.received_on = D(1994, 12, 31)}),
            "request received on 1994-12-31 is outside the years 1995 to 2100 deadlines are worked out for");
  EXPECT_EQ(Refusal({.received_on = D(2025, 2, 3), .clarifications = {{D(2101, 1, 5), std::nullopt}}}),
            "clarification asked for on 2101-01-05 is outside the years 1995 to 2100 deadlines are worked out for");
}

}  // namespace
}  // namespace confide::governance
