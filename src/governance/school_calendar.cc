#include "governance/school_calendar.h"

#include <algorithm>
#include <utility>

#include "governance/working_days.h"

namespace confide::governance {

using domain::CivilDate;

Result<SchoolCalendar> SchoolCalendar::Create(std::vector<SchoolClosure> closures) {
  for (const SchoolClosure& c : closures) {
    if (c.last_day < c.first_day) {
      return Status::InvalidArgument("school closure " + (c.name.empty() ? std::string() : "'" + c.name + "' ") +
                                     "ends on " + c.last_day.ToIso() + ", before it starts on " +
                                     c.first_day.ToIso());
    }
  }
  std::stable_sort(closures.begin(), closures.end(),
                   [](const SchoolClosure& a, const SchoolClosure& b) { return a.first_day < b.first_day; });
  return SchoolCalendar(std::move(closures));
}

const SchoolClosure* SchoolCalendar::ClosureOn(CivilDate date) const {
  // A school has a few dozen closures a year: a linear scan is simplest and fast enough.
  for (const SchoolClosure& c : closures_) {
    if (c.first_day > date) break;
    if (date <= c.last_day) return &c;
  }
  return nullptr;
}

bool SchoolCalendar::IsSchoolDay(CivilDate date, const BankHolidayCalendar& holidays) const {
  return IsWorkingDay(date, holidays) && ClosureOn(date) == nullptr;
}

CivilDate SchoolCalendar::AddSchoolDays(CivilDate date, int n, const BankHolidayCalendar& holidays) const {
  for (int remaining = n; remaining > 0;) {
    date = domain::AddDays(date, 1);
    if (IsSchoolDay(date, holidays)) --remaining;
  }
  return date;
}

}  // namespace confide::governance
