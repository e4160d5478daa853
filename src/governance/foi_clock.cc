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

Status CheckCovered(CivilDate received_on) {
  if (BankHolidayCalendar::Covers(received_on)) return Status::Ok();
  return Status::InvalidArgument("request received on " + received_on.ToIso() + " is outside the years " +
                                 std::to_string(BankHolidayCalendar::kFirstYear) + " to " +
                                 std::to_string(BankHolidayCalendar::kLastYear) + " deadlines are worked out for");
}

// "Received Saturday 20 December 2025 (day zero, though not a working day)."
void ExplainReceipt(CivilDate received_on, const BankHolidayCalendar& holidays, std::vector<std::string>& why) {
  why.push_back("Received " + LongDate(received_on) +
                (IsWorkingDay(received_on, holidays) ? ": day zero." : ": day zero, though not a working day."));
  why.push_back("Day 1 is the first working day after it: " +
                LongDate(AddWorkingDays(received_on, 1, holidays)) + ".");
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

}  // namespace

Result<FoiDeadline> FoiDeadlineFor(CivilDate received_on, const BankHolidayCalendar& holidays) {
  CONFIDE_RETURN_IF_ERROR(CheckCovered(received_on));
  FoiDeadline out;
  ExplainReceipt(received_on, holidays, out.explanation);
  out.due_on = AddWorkingDays(received_on, kWorkingDays, holidays);
  ExplainBankHolidays(received_on, out.due_on, holidays, out.explanation);
  out.explanation.push_back("The " + Ordinal(kWorkingDays) + " working day is " + LongDate(out.due_on) +
                            ": the reply is due then at the latest (the Act asks for it promptly).");
  return out;
}

Result<FoiDeadline> FoiDeadlineForSchool(CivilDate received_on, const SchoolCalendar& school,
                                         const BankHolidayCalendar& holidays) {
  CONFIDE_RETURN_IF_ERROR(CheckCovered(received_on));
  FoiDeadline out;
  std::vector<std::string>& why = out.explanation;
  ExplainReceipt(received_on, holidays, why);
  why.push_back("A maintained school has until the " + Ordinal(kSchoolDays) + " school day or the " +
                Ordinal(kSchoolWorkingDaysCap) + " working day after receipt, whichever is earlier.");
  const CivilDate school_day = school.AddSchoolDays(received_on, kSchoolDays, holidays);
  const CivilDate working_day = AddWorkingDays(received_on, kSchoolWorkingDaysCap, holidays);
  out.due_on = std::min(school_day, working_day);

  std::string closed;
  for (const SchoolClosure& c : school.closures()) {
    if (c.last_day <= received_on || c.first_day > out.due_on) continue;
    closed += (closed.empty() ? "" : ", ") + (c.name.empty() ? std::string("closure") : c.name) + " (" +
              LongDate(c.first_day) + (c.first_day == c.last_day ? "" : " to " + LongDate(c.last_day)) + ")";
  }
  if (!closed.empty()) why.push_back("Days the school is closed do not count as school days: " + closed + ".");
  ExplainBankHolidays(received_on, out.due_on, holidays, why);
  why.push_back("The " + Ordinal(kSchoolDays) + " school day is " + LongDate(school_day) + "; the " +
                Ordinal(kSchoolWorkingDaysCap) + " working day is " + LongDate(working_day) + ".");
  why.push_back("The earlier, " + LongDate(out.due_on) +
                ", is when the reply is due at the latest (the Act asks for it promptly).");
  return out;
}

}  // namespace confide::governance
