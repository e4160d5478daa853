// The time limit for answering a subject access request (UK GDPR Art. 12(3) and 15, with the
// Data (Use and Access) Act 2025's Art. 12A), counted as the ICO's guidance counts it:
//   - The clock starts on the "relevant time": the latest of the day the request is received, the
//     day the information asked for to confirm the requester's identity arrives, and the day a fee
//     asked for is paid. Until then it has not started.
//   - One calendar month: to the corresponding date in the next month, or the last day of that
//     month when it has no such date (31 January -> 28 or 29 February).
//   - Extended for complex or numerous requests by two further months (three from the start);
//     the requester must be told, with reasons, within the first month.
//   - "Stop the clock": while the controller waits for clarification it reasonably needs to find
//     what was asked for, the days from the day it asks to the day the answer arrives, both
//     included, do not count. The deadline moves later by that many calendar days.
//   - A deadline falling on a weekend or bank holiday moves to the next working day.
// Thread-safety: pure functions of their arguments; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "confide/result.h"
#include "domain/civil_date.h"
#include "governance/bank_holidays.h"

namespace confide::governance {

// Something the controller asked the requester for, and the day it arrived (empty: still awaited).
struct AwaitedInformation {
  domain::CivilDate asked_on;
  std::optional<domain::CivilDate> received_on = {};
};

struct SubjectAccessRequest {
  domain::CivilDate received_on;
  // Information asked for to confirm who the requester is (Art. 12(6)); the clock starts when it
  // arrives, not when it has been checked.
  std::optional<AwaitedInformation> identity_evidence = {};
  // A fee asked for (a manifestly unfounded or excessive request, or further copies); the clock
  // starts when it is paid.
  std::optional<AwaitedInformation> fee = {};
  // Clarification asked for while the clock runs (Art. 12A), in any order.
  std::vector<AwaitedInformation> clarifications = {};
  // 0, or the further months of an extension for a complex request: 1 or 2.
  int extension_months = 0;
};

enum class SubjectAccessClock {
  kNotStarted,  // identity evidence or a fee is still awaited
  kStopped,     // clarification is awaited: the deadline depends on when it arrives
  kRunning,     // the deadline is known
};

struct SubjectAccessDeadline {
  SubjectAccessClock clock = SubjectAccessClock::kNotStarted;
  std::optional<domain::CivilDate> clock_started_on;
  // The day the response is due (with the extension, when there is one). Set when kRunning.
  std::optional<domain::CivilDate> due_on;
  // With an extension: the last day to tell the requester about it and why. This is the end of
  // the first month (plus any days the clock stopped in it), not moved to a working day: the
  // careful reading, since the notice must come "within one month". Empty if the clock stopped
  // within the first month and has not restarted.
  std::optional<domain::CivilDate> extension_notice_due_on;
  // Calendar days that did not count because the clock was stopped for clarification.
  int64_t days_stopped = 0;
  // The arithmetic, step by step, in plain English.
  std::vector<std::string> explanation;
};

// Works out the deadline for `request`. Returns kInvalidArgument, saying which date is wrong, for
// a date outside BankHolidayCalendar's years; identity evidence, a fee or clarification asked for
// before the request was received; anything received before it was asked for; clarifications that
// overlap (one asked for while an earlier one is still awaited); clarification asked for after the
// response was already due; or an extension other than 0, 1 or 2 months.
Result<SubjectAccessDeadline> SubjectAccessDeadlineFor(const SubjectAccessRequest& request,
                                                       const BankHolidayCalendar& holidays);

}  // namespace confide::governance
