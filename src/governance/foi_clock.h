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
//
// A request's steps move the clock (FoiRequestDeadlineFor): clarification asked for stops it, and
// the 20 days count again from the day it arrives (s.1(3) with s.10(1)); the working days from a
// fees notice to the fee's arrival, both included, do not count (s.10(2)); time to consider the
// public interest extends it (s.10(3): the ICO expects no more than 20 further working days).
// Thread-safety: pure functions of their arguments; safe from any thread.
#pragma once

#include <optional>
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

// A wait the clock does not run through: asked for (or the fees notice given) on `from`, arrived on
// `until`, absent while awaited.
struct FoiWait {
  domain::CivilDate from;
  std::optional<domain::CivilDate> until;
};

// What a request's steps say about its clock.
struct FoiClockSteps {
  domain::CivilDate received_on;
  // The latest clarification asked for: the 20 days count from the day it arrived.
  std::optional<FoiWait> clarification;
  // Each fees notice, in order; its working days through the day the fee arrived do not count.
  std::vector<FoiWait> fees;
  int extension_working_days = 0;  // for the public interest test; 0 to 20
};

struct FoiRequestDeadline {
  std::optional<domain::CivilDate> due_on;            // absent while clarification or a fee is awaited
  std::optional<domain::CivilDate> statutory_due_on;  // the date before any extension
  std::string waiting_for;                            // "clarification", "the fee", or empty
  std::vector<std::string> explanation;
};

// The deadline a request's steps give, for an organisation (`school` null) or a maintained school.
// kInvalidArgument for a date outside BankHolidayCalendar's years, a wait that ends before it
// starts, or an extension outside 0 to 20 working days.
Result<FoiRequestDeadline> FoiRequestDeadlineFor(const FoiClockSteps& steps, const SchoolCalendar* school,
                                                 const BankHolidayCalendar& holidays);

}  // namespace confide::governance
