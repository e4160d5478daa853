#include "governance/breach_clock.h"

#include <optional>

#include "domain/civil_date.h"
#include "domain/uk_time.h"
#include "governance/date_words.h"
#include "governance/working_days.h"

namespace confide::governance {
namespace {

using domain::CivilDate;

constexpr int kHours = 72;
constexpr UnixMicros kMicrosPerHour = UnixMicros{3600} * 1000000;

// "Friday 24 October 2025, 16:30 UK time (15:30 UTC)".
std::string UkAndUtc(UnixMicros t) {
  const std::string iso = domain::FormatTimestampIso(t);  // 2025-10-24T15:30:00Z
  return DayName(domain::ToUkLocal(t).date) + " " + domain::FormatUkDateTime(t) + " UK time (" + iso + ")";
}

}  // namespace

Result<BreachReportDeadline> BreachReportDeadlineFor(UnixMicros became_aware_at, const BankHolidayCalendar& holidays) {
  const CivilDate aware_day = CivilDate::FromUnixMicros(became_aware_at);
  if (!BankHolidayCalendar::Covers(aware_day)) {
    return Status::InvalidArgument("breach awareness time " + aware_day.ToIso() + " is outside the years " +
                                   std::to_string(BankHolidayCalendar::kFirstYear) + " to " +
                                   std::to_string(BankHolidayCalendar::kLastYear) + " deadlines are worked out for");
  }
  BreachReportDeadline out;
  out.became_aware_at = became_aware_at;
  out.report_by = became_aware_at + kHours * kMicrosPerHour;
  std::vector<std::string>& why = out.explanation;
  why.push_back("Became aware of the breach " + UkAndUtc(became_aware_at) + ".");
  why.push_back("Report it to the ICO without undue delay and, where feasible, within " + std::to_string(kHours) +
                " hours: by " + UkAndUtc(out.report_by) + ".");

  // Name the days off the hours run through, so nobody reads the limit as working days.
  const domain::UkLocalTime start = domain::ToUkLocal(became_aware_at);
  const domain::UkLocalTime end = domain::ToUkLocal(out.report_by);
  std::string days_off;
  for (CivilDate d = start.date; d <= end.date; d = domain::AddDays(d, 1)) {
    const std::optional<BankHoliday> h = holidays.Find(d);
    if (!IsWeekend(d) && !h) continue;
    days_off += (days_off.empty() ? "" : ", ") + LongDate(d) + (h ? " (" + h->name + ")" : "");
  }
  why.push_back("The " + std::to_string(kHours) + " hours are real hours and run through weekends and bank holidays" +
                (days_off.empty() ? std::string(".") : "; these include " + days_off + "."));
  if (start.summer_time != end.summer_time) {
    why.push_back(start.summer_time
                      ? "The clocks go back an hour in the meantime (British Summer Time ends), so the deadline "
                        "reads an hour earlier on the clock than the time the breach came to light."
                      : "The clocks go forward an hour in the meantime (British Summer Time starts), so the "
                        "deadline reads an hour later on the clock than the time the breach came to light.");
  }
  return out;
}

}  // namespace confide::governance
