#include "governance/working_days.h"

#include "domain/uk_time.h"

namespace confide::governance {

using domain::AddDays;
using domain::CivilDate;

bool IsWorkingDay(CivilDate date, const BankHolidayCalendar& holidays) {
  return !IsWeekend(date) && !holidays.IsBankHoliday(date);
}

CivilDate WorkingDayOnOrAfter(CivilDate date, const BankHolidayCalendar& holidays) {
  while (!IsWorkingDay(date, holidays)) date = AddDays(date, 1);
  return date;
}

CivilDate AddWorkingDays(CivilDate date, int n, const BankHolidayCalendar& holidays) {
  const int step = n < 0 ? -1 : 1;
  for (int remaining = n < 0 ? -n : n; remaining > 0;) {
    date = AddDays(date, step);
    if (IsWorkingDay(date, holidays)) --remaining;
  }
  return date;
}

int64_t CountWorkingDays(CivilDate from, CivilDate to, const BankHolidayCalendar& holidays) {
  if (to < from) return -CountWorkingDays(to, from, holidays);
  int64_t count = 0;
  for (CivilDate d = AddDays(from, 1); d <= to; d = AddDays(d, 1)) {
    if (IsWorkingDay(d, holidays)) ++count;
  }
  return count;
}

}  // namespace confide::governance
