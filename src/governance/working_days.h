// Working days: Monday to Friday, except bank holidays. Statutory clocks counted in working days
// (FOI's 20) and the rule that a deadline falling on a weekend or bank holiday moves to the next
// working day are built on these.
// Thread-safety: pure functions of their arguments; safe from any thread.
#pragma once

#include <cstdint>

#include "domain/civil_date.h"
#include "governance/bank_holidays.h"

namespace confide::governance {

// IsWeekend (Saturday or Sunday) is in bank_holidays.h, whose substitute-day rules need it.

// Not a weekend and not a bank holiday in `holidays`.
bool IsWorkingDay(domain::CivilDate date, const BankHolidayCalendar& holidays);

// `date` if it is a working day, else the first working day after it.
domain::CivilDate WorkingDayOnOrAfter(domain::CivilDate date, const BankHolidayCalendar& holidays);

// The `n`th working day after `date`, which itself never counts (whether or not it is a working
// day): one working day after Friday is Monday, and after Saturday also Monday. n = 0 returns
// `date`; a negative n counts back to the |n|th working day before it. Time is linear in |n|.
domain::CivilDate AddWorkingDays(domain::CivilDate date, int n, const BankHolidayCalendar& holidays);

// The number of working days d with from < d <= to, so that
// CountWorkingDays(from, AddWorkingDays(from, n)) == n for n >= 0. When to < from, the negation
// of CountWorkingDays(to, from). Time is linear in the number of days between.
int64_t CountWorkingDays(domain::CivilDate from, domain::CivilDate to, const BankHolidayCalendar& holidays);

}  // namespace confide::governance
