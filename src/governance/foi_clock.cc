#include "governance/foi_clock.h"

#include <algorithm>
#include <optional>

#include "governance/date_words.h"
#include "governance/working_days.h"

namespace confide::governance {
namespace {

using domain::AddDays;
using domain::CivilDate;

constexpr int kWorkingDays = 20;
constexpr int kSchoolDays = 20;
constexpr int kSchoolWorkingDaysCap = 60;
constexpr int kMaxExtensionWorkingDays = 20;

Status CheckCovered(CivilDate date, std::string_view what) {
  if (BankHolidayCalendar::Covers(date)) return Status::Ok();
  return Status::InvalidArgument(std::string(what) + " " + date.ToIso() + " is outside the years " +
                                 std::to_string(BankHolidayCalendar::kFirstYear) + " to " +
                                 std::to_string(BankHolidayCalendar::kLastYear) + " deadlines are worked out for");
}

Status CheckSteps(const FoiClockSteps& s) {
  CONFIDE_RETURN_IF_ERROR(CheckCovered(s.received_on, "request received on"));
  std::vector<FoiWait> waits = s.fees;
  if (s.clarification) waits.push_back(*s.clarification);
  for (const FoiWait& w : waits) {
    CONFIDE_RETURN_IF_ERROR(CheckCovered(w.from, "a wait from"));
    if (w.until) {
      CONFIDE_RETURN_IF_ERROR(CheckCovered(*w.until, "a wait until"));
      if (*w.until < w.from) {
        return Status::InvalidArgument("a wait ends on " + w.until->ToIso() + ", before it began on " + w.from.ToIso());
      }
    }
  }
  if (s.extension_working_days < 0 || s.extension_working_days > kMaxExtensionWorkingDays) {
    return Status::InvalidArgument("an extension for the public interest test is 1 to 20 working days");
  }
  return Status::Ok();
}

// "Received Saturday 20 December 2025 (day zero, though not a working day)."
void ExplainDayZero(std::string_view lead, CivilDate zero, const BankHolidayCalendar& holidays, std::vector<std::string>& why) {
  why.push_back(std::string(lead) + " " + LongDate(zero) +
                (IsWorkingDay(zero, holidays) ? ": day zero." : ": day zero, though not a working day."));
  why.push_back("Day 1 is the first working day after it: " + LongDate(AddWorkingDays(zero, 1, holidays)) + ".");
}

// "Bank holidays in the period do not count: Thursday 25 December 2025 (Christmas Day), ..."
void ExplainBankHolidays(CivilDate after, CivilDate through, const BankHolidayCalendar& holidays,
                         std::vector<std::string>& why) {
  std::string list;
  for (CivilDate d = AddDays(after, 1); d <= through; d = AddDays(d, 1)) {
    if (IsWeekend(d)) continue;  // a holiday's weekend date is not listed: it never counted
    if (std::optional<BankHoliday> h = holidays.Find(d)) {
      list += (list.empty() ? "" : ", ") + LongDate(d) + " (" + h->name + ")";
    }
  }
  if (!list.empty()) why.push_back("Bank holidays in the period do not count: " + list + ".");
}

// The `n`th day after `zero` for which `counts` holds (`zero` itself never counts).
template <typename Counts>
CivilDate NthDayAfter(CivilDate zero, int n, const Counts& counts) {
  CivilDate d = zero;
  while (n > 0) {
    d = AddDays(d, 1);
    if (counts(d)) --n;
  }
  return d;
}

bool InPaidFee(CivilDate d, const std::vector<FoiWait>& fees) {
  return std::any_of(fees.begin(), fees.end(), [&](const FoiWait& w) { return w.until && w.from <= d && d <= *w.until; });
}

// The sentences for the waits; returns what the clock waits for ("" if nothing).
std::string WorkingDayCount(int64_t n) { return std::to_string(n) + (n == 1 ? " working day" : " working days"); }

std::string ExplainWaits(const FoiClockSteps& s, CivilDate zero, const BankHolidayCalendar& holidays,
                         std::vector<std::string>& why) {
  std::string waiting;
  if (s.clarification && !s.clarification->until) {
    why.push_back("Clarification was asked for on " + LongDate(s.clarification->from) +
                  ": the Act does not require an answer until it arrives (s.1(3)), and the 20 days then count "
                  "from the day it does. If nothing arrives within three months, the ICO's guidance is that the "
                  "request may be closed.");
    waiting = "clarification";
  }
  for (const FoiWait& w : s.fees) {
    if (!w.until) {
      why.push_back("A fees notice was given on " + LongDate(w.from) +
                    ": the working days until the fee arrives do not count (s.10(2)), so the date is worked out when "
                    "it does. Unpaid three months after the notice, the request need not be answered (s.9(2)).");
      if (waiting.empty()) waiting = "the fee";
    } else if (*w.until > zero) {
      const int64_t days = CountWorkingDays(AddDays(std::max(w.from, AddDays(zero, 1)), -1), *w.until, holidays);
      why.push_back("The working days from the fees notice on " + LongDate(w.from) + " to the fee's arrival on " +
                    LongDate(*w.until) + ", both included, do not count (s.10(2)): " + WorkingDayCount(days) + ".");
    }
  }
  return waiting;
}

}  // namespace

Result<FoiRequestDeadline> FoiRequestDeadlineFor(const FoiClockSteps& s, const SchoolCalendar* school,
                                                 const BankHolidayCalendar& holidays) {
  CONFIDE_RETURN_IF_ERROR(CheckSteps(s));
  FoiRequestDeadline out;
  std::vector<std::string>& why = out.explanation;
  CivilDate zero = s.received_on;
  if (s.clarification && s.clarification->until) {
    why.push_back("Received " + LongDate(s.received_on) + "; clarification was asked for on " +
                  LongDate(s.clarification->from) + ", and the 20 days count from the day it arrived (s.1(3)).");
    zero = *s.clarification->until;
    ExplainDayZero("Clarification arrived", zero, holidays, why);
  } else if (s.clarification) {
    why.push_back("Received " + LongDate(s.received_on) + ".");
  } else {
    ExplainDayZero("Received", zero, holidays, why);
  }
  out.waiting_for = ExplainWaits(s, zero, holidays, why);
  if (!out.waiting_for.empty()) return out;

  auto working = [&](CivilDate d) { return IsWorkingDay(d, holidays) && !InPaidFee(d, s.fees); };
  CivilDate due;
  if (!school) {
    due = NthDayAfter(zero, kWorkingDays, working);
    ExplainBankHolidays(zero, due, holidays, why);
    why.push_back("The " + Ordinal(kWorkingDays) + " working day is " + LongDate(due) +
                  ": the reply is due then at the latest (the Act asks for it promptly).");
  } else {
    why.push_back("A maintained school has until the " + Ordinal(kSchoolDays) + " school day or the " +
                  Ordinal(kSchoolWorkingDaysCap) + " working day after receipt, whichever is earlier.");
    const CivilDate school_day =
        NthDayAfter(zero, kSchoolDays, [&](CivilDate d) { return school->IsSchoolDay(d, holidays) && !InPaidFee(d, s.fees); });
    const CivilDate working_day = NthDayAfter(zero, kSchoolWorkingDaysCap, working);
    due = std::min(school_day, working_day);
    std::string closed;
    for (const SchoolClosure& c : school->closures()) {
      if (c.last_day <= zero || c.first_day > due) continue;
      closed += (closed.empty() ? "" : ", ") + (c.name.empty() ? std::string("closure") : c.name) + " (" +
                LongDate(c.first_day) + (c.first_day == c.last_day ? "" : " to " + LongDate(c.last_day)) + ")";
    }
    if (!closed.empty()) why.push_back("Days the school is closed do not count as school days: " + closed + ".");
    ExplainBankHolidays(zero, due, holidays, why);
    why.push_back("The " + Ordinal(kSchoolDays) + " school day is " + LongDate(school_day) + "; the " +
                  Ordinal(kSchoolWorkingDaysCap) + " working day is " + LongDate(working_day) + ".");
    why.push_back("The earlier, " + LongDate(due) + ", is when the reply is due at the latest (the Act asks for it promptly).");
  }
  out.statutory_due_on = due;
  out.due_on = due;
  if (s.extension_working_days > 0) {
    out.due_on = AddWorkingDays(due, s.extension_working_days, holidays);
    ExplainBankHolidays(due, *out.due_on, holidays, why);
    why.push_back("Extended by " + WorkingDayCount(s.extension_working_days) + " to consider the public interest (s.10(3)): " +
                  "the reply is now due by " + LongDate(*out.due_on) +
                  " (the ICO expects no more than 20 further working days).");
  }
  return out;
}

Result<FoiDeadline> FoiDeadlineFor(CivilDate received_on, const BankHolidayCalendar& holidays) {
  CONFIDE_ASSIGN_OR_RETURN(FoiRequestDeadline d, FoiRequestDeadlineFor(FoiClockSteps{received_on, {}, {}, 0}, nullptr, holidays));
  return FoiDeadline{*d.due_on, std::move(d.explanation)};
}

Result<FoiDeadline> FoiDeadlineForSchool(CivilDate received_on, const SchoolCalendar& school,
                                         const BankHolidayCalendar& holidays) {
  CONFIDE_ASSIGN_OR_RETURN(FoiRequestDeadline d, FoiRequestDeadlineFor(FoiClockSteps{received_on, {}, {}, 0}, &school, holidays));
  return FoiDeadline{*d.due_on, std::move(d.explanation)};
}

}  // namespace confide::governance
