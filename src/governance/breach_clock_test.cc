#include "governance/breach_clock.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/civil_date.h"
#include "testing/test_util.h"

namespace confide::governance {
namespace {

constexpr UnixMicros kHour = UnixMicros{3600} * 1000000;

UnixMicros At(const char* timestamp) {
  Result<int64_t> t = domain::ParseTimestampMicros(timestamp);
  EXPECT_TRUE(t.ok()) << timestamp;
  return t.ok() ? *t : 0;
}

const BankHolidayCalendar& EnglandAndWales() { return BankHolidayCalendar::Default(); }

TEST(BreachClockTest, SeventyTwoHoursRunThroughTheWeekend) {
  ASSERT_OK_AND_ASSIGN(BreachReportDeadline deadline,
                       BreachReportDeadlineFor(At("2025-02-07T16:30:00Z"), EnglandAndWales()));
  EXPECT_EQ(deadline.report_by, At("2025-02-10T16:30:00Z"));
  EXPECT_EQ(deadline.report_by - deadline.became_aware_at, 72 * kHour);
  EXPECT_EQ(deadline.explanation,
            (std::vector<std::string>{
                "Became aware of the breach Friday 7 February 2025, 16:30 UK time (2025-02-07T16:30:00Z).",
                "Report it to the ICO without undue delay and, where feasible, within 72 hours: by Monday 10 "
                "February 2025, 16:30 UK time (2025-02-10T16:30:00Z).",
                "The 72 hours are real hours and run through weekends and bank holidays; these include Saturday 8 "
                "February 2025, Sunday 9 February 2025.",
            }));
}

TEST(BreachClockTest, SeventyTwoRealHoursWhenTheClocksGoBack) {
  // 16:30 BST on Friday 24 October 2025; BST ends at 01:00 UTC on Sunday 26 October. 72 hours later
  // is 15:30 GMT on Monday 27 October: the wall clock shows 71 hours on.
  ASSERT_OK_AND_ASSIGN(BreachReportDeadline deadline,
                       BreachReportDeadlineFor(At("2025-10-24T16:30:00+01:00"), EnglandAndWales()));
  EXPECT_EQ(deadline.report_by, At("2025-10-27T15:30:00Z"));
  EXPECT_EQ(deadline.explanation[0],
            "Became aware of the breach Friday 24 October 2025, 16:30 UK time (2025-10-24T15:30:00Z).");
  EXPECT_EQ(deadline.explanation[1],
            "Report it to the ICO without undue delay and, where feasible, within 72 hours: by Monday 27 October "
            "2025, 15:30 UK time (2025-10-27T15:30:00Z).");
  EXPECT_EQ(deadline.explanation.back(),
            "The clocks go back an hour in the meantime (British Summer Time ends), so the deadline reads an hour "
            "earlier on the clock than the time the breach came to light.");
}

TEST(BreachClockTest, SeventyTwoRealHoursWhenTheClocksGoForward) {
  // 09:00 GMT on Friday 28 March 2025; BST starts on Sunday 30 March. Due 10:00 BST on Monday 31 March.
  ASSERT_OK_AND_ASSIGN(BreachReportDeadline deadline,
                       BreachReportDeadlineFor(At("2025-03-28T09:00:00Z"), EnglandAndWales()));
  EXPECT_EQ(deadline.report_by, At("2025-03-31T09:00:00Z"));
  EXPECT_EQ(deadline.explanation[1],
            "Report it to the ICO without undue delay and, where feasible, within 72 hours: by Monday 31 March "
            "2025, 10:00 UK time (2025-03-31T09:00:00Z).");
  EXPECT_EQ(deadline.explanation.back(),
            "The clocks go forward an hour in the meantime (British Summer Time starts), so the deadline reads an "
            "hour later on the clock than the time the breach came to light.");
}

TEST(BreachClockTest, BankHolidaysCountLikeAnyOtherHours) {
  ASSERT_OK_AND_ASSIGN(BreachReportDeadline deadline,
                       BreachReportDeadlineFor(At("2025-04-17T12:00:00+01:00"), EnglandAndWales()));
  EXPECT_EQ(deadline.report_by, At("2025-04-20T11:00:00Z"));
  EXPECT_EQ(deadline.explanation.back(),
            "The 72 hours are real hours and run through weekends and bank holidays; these include Friday 18 "
            "April 2025 (Good Friday), Saturday 19 April 2025, Sunday 20 April 2025.");
  // Midweek, there is nothing to name.
  ASSERT_OK_AND_ASSIGN(BreachReportDeadline midweek,
                       BreachReportDeadlineFor(At("2025-02-04T09:00:00Z"), EnglandAndWales()));
  EXPECT_EQ(midweek.explanation.back(), "The 72 hours are real hours and run through weekends and bank holidays.");
}

TEST(BreachClockTest, InstantsOutsideTheCalendarAreRefused) {
  Result<BreachReportDeadline> r = BreachReportDeadlineFor(At("1990-01-01T00:00:00Z"), EnglandAndWales());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "breach awareness time 1990-01-01 is outside the years 1995 to 2100 deadlines are worked out for");
}

}  // namespace
}  // namespace confide::governance
