// The time limit for reporting a personal data breach to the ICO (UK GDPR Art. 33(1)): without
// undue delay and, where feasible, within 72 hours of becoming aware of it. The 72 hours are real
// elapsed hours: they run through nights, weekends and bank holidays, and across a change between
// GMT and BST, so the arithmetic is done on UTC instants.
// Thread-safety: pure functions of their arguments; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "confide/result.h"
#include "governance/bank_holidays.h"

namespace confide::governance {

struct BreachReportDeadline {
  UnixMicros became_aware_at = 0;
  UnixMicros report_by = 0;  // became_aware_at + 72 hours exactly
  // The arithmetic in plain English, times in UK time with the UTC instant.
  std::vector<std::string> explanation;
};

// The latest moment to report a breach the organisation became aware of at `became_aware_at`.
// `holidays` only names the bank holidays the 72 hours run through. Returns kInvalidArgument if
// the instant's UTC date lies outside BankHolidayCalendar's years.
Result<BreachReportDeadline> BreachReportDeadlineFor(UnixMicros became_aware_at, const BankHolidayCalendar& holidays);

}  // namespace confide::governance
