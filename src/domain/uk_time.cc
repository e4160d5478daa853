#include "domain/uk_time.h"

namespace confide::domain {
namespace {

constexpr int64_t kMinute = int64_t{60} * 1000000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;

UnixMicros StartOf(const CivilDate& d) { return d.DaysSinceEpoch() * kDay; }

CivilDate LastSunday(int year, int month) {
  CivilDate d{year, month, DaysInMonth(year, month)};
  while (Weekday(d) != 0) d = AddDays(d, -1);
  return d;
}

}  // namespace

// 1970-01-01 was a Thursday.
int Weekday(const CivilDate& d) { return static_cast<int>(((d.DaysSinceEpoch() + 4) % 7 + 7) % 7); }

UkLocalTime ToUkLocal(UnixMicros t) {
  const CivilDate utc_day = CivilDate::FromUnixMicros(t);
  const UnixMicros bst_start = StartOf(LastSunday(utc_day.year, 3)) + kHour;
  const UnixMicros bst_end = StartOf(LastSunday(utc_day.year, 10)) + kHour;
  const bool summer = t >= bst_start && t < bst_end;
  const UnixMicros local = t + (summer ? kHour : 0);
  UkLocalTime out;
  out.date = CivilDate::FromUnixMicros(local);
  const int64_t micros_of_day = local - StartOf(out.date);
  out.hour = static_cast<int>(micros_of_day / kHour);
  out.minute = static_cast<int>((micros_of_day % kHour) / kMinute);
  const int wd = Weekday(out.date);
  out.weekend = wd == 0 || wd == 6;
  out.summer_time = summer;
  return out;
}

UnixMicros FromUkLocal(const CivilDate& date, int hour, int minute) {
  const UnixMicros as_utc = StartOf(date) + hour * kHour + minute * kMinute;
  const UnixMicros if_summer = as_utc - kHour;
  const UkLocalTime l = ToUkLocal(if_summer);
  if (l.summer_time && l.date == date && l.hour == hour && l.minute == minute) return if_summer;
  return as_utc;
}

std::string FormatUkDateTime(UnixMicros t) {
  const UkLocalTime l = ToUkLocal(t);
  auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  return l.date.FormatUk() + ", " + two(l.hour) + ":" + two(l.minute);
}

}  // namespace confide::domain
