// The time limit for answering a Freedom of Information request (FOIA 2000 s.10): the 20th working
// day following the date of receipt. The day of receipt is day zero, whether or not it is a working
// day, so day one is the first working day after it.
//
// A maintained school has the earlier of the 20th school day and the 60th working day after receipt
// (the Freedom of Information (Time for Compliance with Request) Regulations 2004, reg. 3).
//
// FOIA s.10(6) excludes bank holidays in any part of the UK, not just England and Wales (the ICO's
// line to take LTT47): 2 January and St Andrew's Day in Scotland, St Patrick's Day and 12 July in
// Northern Ireland. BankHolidayCalendar::Default() holds England and Wales only, which can give a
// deadline a day or two early; pass a calendar with those days added for the statutory date.
// Thread-safety: pure functions of their arguments; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "confide/result.h"
#include "domain/civil_date.h"
#include "governance/bank_holidays.h"
#include "governance/school_calendar.h"

namespace confide::governance {

struct FoiDeadline {
  domain::CivilDate due_on;
  // The arithmetic, step by step, in plain English.
  std::vector<std::string> explanation;
};

// The 20th working day after `received_on`. Returns kInvalidArgument if `received_on` lies outside
// BankHolidayCalendar's years.
Result<FoiDeadline> FoiDeadlineFor(domain::CivilDate received_on, const BankHolidayCalendar& holidays);

// For a maintained school: the earlier of the 20th school day and the 60th working day after
// `received_on`. Returns kInvalidArgument as FoiDeadlineFor does.
Result<FoiDeadline> FoiDeadlineForSchool(domain::CivilDate received_on, const SchoolCalendar& school,
                                         const BankHolidayCalendar& holidays);

}  // namespace confide::governance
