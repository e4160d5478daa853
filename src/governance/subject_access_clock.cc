#include "governance/subject_access_clock.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "governance/date_words.h"
#include "governance/working_days.h"

namespace confide::governance {
namespace {

using domain::AddDays;
using domain::AddMonths;
using domain::CivilDate;

constexpr int kMaxExtensionMonths = 2;

std::string MonthsInWords(int months) {
  constexpr std::array<std::string_view, 4> kWords = {"no", "one", "two", "three"};
  return std::string(kWords[static_cast<size_t>(months)]) + (months == 1 ? " calendar month" : " calendar months");
}

Status CheckCovered(std::string_view what, CivilDate date) {
  if (BankHolidayCalendar::Covers(date)) return Status::Ok();
  return Status::InvalidArgument(std::string(what) + " " + date.ToIso() + " is outside the years " +
                                 std::to_string(BankHolidayCalendar::kFirstYear) + " to " +
                                 std::to_string(BankHolidayCalendar::kLastYear) + " deadlines are worked out for");
}

// Checks one piece of awaited information against the request's date of receipt.
Status CheckAwaited(std::string_view what, const AwaitedInformation& info, CivilDate request_received) {
  CONFIDE_RETURN_IF_ERROR(CheckCovered(std::string(what) + " asked for on", info.asked_on));
  if (info.asked_on < request_received) {
    return Status::InvalidArgument(std::string(what) + " was asked for on " + info.asked_on.ToIso() +
                                   ", before the request was received on " + request_received.ToIso());
  }
  if (info.received_on) {
    CONFIDE_RETURN_IF_ERROR(CheckCovered(std::string(what) + " received on", *info.received_on));
    if (*info.received_on < info.asked_on) {
      return Status::InvalidArgument(std::string(what) + " was received on " + info.received_on->ToIso() +
                                     ", before it was asked for on " + info.asked_on.ToIso());
    }
  }
  return Status::Ok();
}

// "One calendar month later: 28 February 2025 (February has no 31st, so the last day of the month)."
std::string MonthsLaterLine(CivilDate start, int months, CivilDate result) {
  std::string line = MonthsInWords(months) + " later: " + result.FormatUk();
  line[0] = static_cast<char>(line[0] - 'a' + 'A');  // "One calendar month later"
  if (result.day != start.day) {
    // Only February's length depends on the year, so name the year when it matters.
    const std::string month = MonthName(result.month) + (result.month == 2 ? " " + std::to_string(result.year) : "");
    line += " (" + month + " has no " + Ordinal(start.day) + ", so the last day of the month)";
  }
  return line + ".";
}

// The days one clarification stops the clock: from the day it is asked for (or the clock's start,
// if later) to the day it arrives, both included, less a day shared with the previous pause.
int64_t DaysStopped(const AwaitedInformation& pause, CivilDate clock_start, std::optional<CivilDate> previous_end) {
  CivilDate from = std::max(pause.asked_on, clock_start);
  if (previous_end && *previous_end >= from) from = AddDays(*previous_end, 1);
  const int64_t days = pause.received_on->DaysSinceEpoch() - from.DaysSinceEpoch() + 1;
  return std::max<int64_t>(days, 0);
}

// Moves `date` to a working day, explaining why: "Friday 28 February 2025 is a working day: due
// then." or "Not a working day: Saturday 1 March 2025 (weekend), ... Due on the next working day,
// Monday 3 March 2025."
CivilDate RollToWorkingDay(CivilDate date, const BankHolidayCalendar& holidays, std::vector<std::string>& explanation) {
  if (IsWorkingDay(date, holidays)) {
    explanation.push_back(LongDate(date) + " is a working day: due then.");
    return date;
  }
  std::string line = "Not a working day: ";
  CivilDate d = date;
  for (bool first = true; !IsWorkingDay(d, holidays); d = AddDays(d, 1), first = false) {
    const std::optional<BankHoliday> holiday = holidays.Find(d);
    line += (first ? "" : ", ") + LongDate(d) + " (" + (holiday ? holiday->name : std::string("weekend")) + ")";
  }
  explanation.push_back(line + ". Due on the next working day, " + LongDate(d) + ".");
  return d;
}

}  // namespace

Result<SubjectAccessDeadline> SubjectAccessDeadlineFor(const SubjectAccessRequest& request,
                                                       const BankHolidayCalendar& holidays) {
  CONFIDE_RETURN_IF_ERROR(CheckCovered("request received on", request.received_on));
  if (request.extension_months < 0 || request.extension_months > kMaxExtensionMonths) {
    return Status::InvalidArgument("an extension must be 1 or 2 further months (0 for none), not " +
                                   std::to_string(request.extension_months));
  }
  if (request.identity_evidence) {
    CONFIDE_RETURN_IF_ERROR(CheckAwaited("identity evidence", *request.identity_evidence, request.received_on));
  }
  if (request.fee) CONFIDE_RETURN_IF_ERROR(CheckAwaited("the fee", *request.fee, request.received_on));
  std::vector<AwaitedInformation> pauses = request.clarifications;
  for (const AwaitedInformation& pause : pauses) {
    CONFIDE_RETURN_IF_ERROR(CheckAwaited("clarification", pause, request.received_on));
  }
  std::stable_sort(pauses.begin(), pauses.end(),
                   [](const AwaitedInformation& a, const AwaitedInformation& b) { return a.asked_on < b.asked_on; });
  for (size_t i = 1; i < pauses.size(); ++i) {
    const AwaitedInformation& earlier = pauses[i - 1];
    if (!earlier.received_on || pauses[i].asked_on < *earlier.received_on) {
      return Status::InvalidArgument("clarification asked for on " + pauses[i].asked_on.ToIso() +
                                     " overlaps the clarification asked for on " + earlier.asked_on.ToIso() +
                                     ", which was still awaited");
    }
  }

  SubjectAccessDeadline out;
  std::vector<std::string>& why = out.explanation;
  why.push_back("Received " + LongDate(request.received_on) + ".");

  // The clock starts at the latest of receipt, identity evidence and fee (Art. 12A).
  CivilDate start = request.received_on;
  bool awaited = false;
  auto consider = [&](const std::optional<AwaitedInformation>& info, const std::string& what, const char* arrived) {
    if (!info) return;
    if (!info->received_on) {
      why.push_back(what + " asked for on " + LongDate(info->asked_on) + " and not yet " + arrived +
                    ": the clock has not started.");
      awaited = true;
      return;
    }
    why.push_back(what + " asked for on " + LongDate(info->asked_on) + " and " + arrived + " on " +
                  LongDate(*info->received_on) + ".");
    start = std::max(start, *info->received_on);
  };
  consider(request.identity_evidence, "Identity evidence", "received");
  consider(request.fee, "Fee", "paid");
  if (awaited) return out;
  out.clock_started_on = start;
  why.push_back("The clock starts on " + LongDate(start) + ".");

  const int months = 1 + request.extension_months;
  if (request.extension_months > 0) {
    const char* further = request.extension_months == 1 ? "one further month" : "two further months";
    why.push_back("Extended by " + std::string(further) +
                  " (complex or numerous requests), so the limit is " + MonthsInWords(months) + " from the start.");
  }
  CivilDate date = AddMonths(start, months);
  why.push_back(MonthsLaterLine(start, months, date));

  // Each clarification moves the date later by the days it stopped the clock, provided it was
  // asked for before the response fell due.
  std::optional<CivilDate> previous_end;
  for (const AwaitedInformation& pause : pauses) {
    const CivilDate due = WorkingDayOnOrAfter(date, holidays);
    if (pause.asked_on > due) {
      return Status::InvalidArgument("clarification asked for on " + pause.asked_on.ToIso() +
                                     ", after the response was due on " + due.ToIso());
    }
    if (!pause.received_on) {
      out.clock = SubjectAccessClock::kStopped;
      why.push_back("Clock stopped on " + LongDate(pause.asked_on) +
                    ", when clarification was asked for; it restarts the day after the answer arrives, so there "
                    "is no deadline yet.");
      break;
    }
    const int64_t days = DaysStopped(pause, start, previous_end);
    // Say which days were already left out, so the count adds up for the reader.
    std::string already;
    if (pause.asked_on < start) already = " (the clock started on " + LongDate(start) + ")";
    if (previous_end && *previous_end == pause.asked_on) {
      already = " (" + LongDate(pause.asked_on) + " was already left out)";
    }
    previous_end = pause.received_on;
    out.days_stopped += days;
    date = AddDays(date, days);
    why.push_back("Clock stopped for clarification from " + LongDate(pause.asked_on) + " (asked for) to " +
                  LongDate(*pause.received_on) + " (answered), both days included" + already + ": " +
                  DayCount(days) + " added, so " + date.FormatUk() + ".");
  }

  if (request.extension_months > 0) {
    // The notice period is the first month, stopped by the clarifications asked for within it.
    std::optional<CivilDate> notice = AddMonths(start, 1);
    std::optional<CivilDate> notice_previous_end;
    int64_t notice_days = 0;
    for (const AwaitedInformation& pause : pauses) {
      if (pause.asked_on > *notice) break;
      if (!pause.received_on) {
        notice.reset();
        break;
      }
      const int64_t days = DaysStopped(pause, start, notice_previous_end);
      notice_previous_end = pause.received_on;
      notice_days += days;
      notice = AddDays(*notice, days);
    }
    out.extension_notice_due_on = notice;
    if (notice) {
      why.push_back("The requester must be told of the extension, and why, within the first month: by " +
                    LongDate(*notice) + (notice_days > 0 ? " (including " + DayCount(notice_days) + " stopped)" : "") +
                    ".");
    } else {
      why.push_back("The requester must be told of the extension, and why, within the first month, which "
                    "restarts when the clarification arrives.");
    }
  }
  if (out.clock == SubjectAccessClock::kStopped) return out;

  out.due_on = RollToWorkingDay(date, holidays, why);
  out.clock = SubjectAccessClock::kRunning;
  return out;
}

}  // namespace confide::governance
