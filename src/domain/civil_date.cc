#include "domain/civil_date.h"

#include <array>
#include <cstdio>

namespace confide::domain {
namespace {

constexpr int kMinParseYear = 1900;
constexpr int kMaxParseYear = 2200;
constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kMicrosPerDay = kSecondsPerDay * kMicrosPerSecond;
// Real UTC offsets run from -12:00 to +14:00; anything beyond 14 hours is a typo.
constexpr int kMaxOffsetMinutes = 14 * 60;

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

constexpr std::string_view kDateFormatMessage = "date must be a real date written YYYY-MM-DD";
constexpr std::string_view kTimestampFormatMessage =
    "timestamp must be YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, optionally ending in Z "
    "or an offset such as +01:00";

// Floor division and its remainder, for negative day and month counts.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// Reads `n` ASCII digits starting at `pos`; false if any is not a digit or the text is too short.
bool ReadDigits(std::string_view text, size_t pos, size_t n, int& out) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

bool CharAt(std::string_view text, size_t pos, char c) { return pos < text.size() && text[pos] == c; }

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[static_cast<size_t>(month - 1)];
}

Result<CivilDate> CivilDate::Parse(std::string_view text) {
  CivilDate d;
  if (text.size() != 10 || !ReadDigits(text, 0, 4, d.year) || text[4] != '-' ||
      !ReadDigits(text, 5, 2, d.month) || text[7] != '-' || !ReadDigits(text, 8, 2, d.day)) {
    return Status::InvalidArgument(std::string(kDateFormatMessage));
  }
  if (d.year < kMinParseYear || d.year > kMaxParseYear) {
    return Status::InvalidArgument("date year must be between 1900 and 2200");
  }
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > DaysInMonth(d.year, d.month)) {
    return Status::InvalidArgument(std::string(kDateFormatMessage));
  }
  return d;
}

// Hinnant's days_from_civil: count whole 400-year eras (146,097 days each) from 0000-03-01, then
// the day within the era. Starting the year in March puts the leap day last, so the day of the
// year is a simple linear formula of the shifted month.
int64_t CivilDate::DaysSinceEpoch() const {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;                                    // [0, 399]
  const int64_t shifted_month = month > 2 ? month - 3 : month + 9;              // March = 0
  const int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;           // [0, 365]
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  // 719,468 is the number of days from 0000-03-01 to 1970-01-01.
  return era * 146097 + day_of_era - 719468;
}

// Hinnant's civil_from_days: the inverse of the above.
CivilDate CivilDate::FromDaysSinceEpoch(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t day_of_era = z - era * 146097;  // [0, 146096]
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;  // [0, 399]
  const int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t shifted_month = (5 * day_of_year + 2) / 153;  // March = 0
  CivilDate d;
  d.day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  d.month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  d.year = static_cast<int>(year_of_era + era * 400 + (d.month <= 2 ? 1 : 0));
  return d;
}

CivilDate CivilDate::FromUnixMicros(int64_t micros) {
  return FromDaysSinceEpoch(FloorDiv(micros, kMicrosPerDay));
}

std::string CivilDate::ToIso() const {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string CivilDate::FormatUk() const {
  return std::to_string(day) + " " + std::string(kMonthNames[static_cast<size_t>(month - 1)]) + " " +
         std::to_string(year);
}

int AgeInYearsOn(CivilDate dob, CivilDate on) {
  if (on < dob) return -1;
  int birthday_month = dob.month;
  int birthday_day = dob.day;
  // A leap-day birthday falls on 1 March in common years. English law has no statute on the point;
  // the usual reading of the Family Law Reform Act 1969 s.9 (an age is attained at the start of the
  // anniversary of birth) is that the anniversary of 29 February is the day after 28 February.
  // This matters for age thresholds such as 16 and 18, where being a day early would be wrong.
  if (dob.month == 2 && dob.day == 29 && !IsLeapYear(on.year)) {
    birthday_month = 3;
    birthday_day = 1;
  }
  int age = on.year - dob.year;
  if (on.month < birthday_month || (on.month == birthday_month && on.day < birthday_day)) --age;
  return age;
}

CivilDate AddYears(CivilDate date, int years) {
  date.year += years;
  if (date.month == 2 && date.day == 29 && !IsLeapYear(date.year)) date.day = 28;
  return date;
}

CivilDate AddMonths(CivilDate date, int months) {
  const int64_t total = static_cast<int64_t>(date.year) * 12 + (date.month - 1) + months;
  date.year = static_cast<int>(FloorDiv(total, 12));
  date.month = static_cast<int>(FloorMod(total, 12)) + 1;
  const int last = DaysInMonth(date.year, date.month);
  if (date.day > last) date.day = last;
  return date;
}

CivilDate AddDays(CivilDate date, int64_t days) {
  return CivilDate::FromDaysSinceEpoch(date.DaysSinceEpoch() + days);
}

Result<int64_t> ParseTimestampMicros(std::string_view text) {
  const Status format_error = Status::InvalidArgument(std::string(kTimestampFormatMessage));
  if (text.size() < 10) return format_error;
  Result<CivilDate> date = CivilDate::Parse(text.substr(0, 10));
  if (!date.ok()) return date.status();
  int64_t seconds = date->DaysSinceEpoch() * kSecondsPerDay;
  if (text.size() == 10) return seconds * kMicrosPerSecond;

  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!CharAt(text, 10, 'T') || !ReadDigits(text, 11, 2, hour) || !CharAt(text, 13, ':') ||
      !ReadDigits(text, 14, 2, minute)) {
    return format_error;
  }
  size_t pos = 16;
  if (CharAt(text, pos, ':')) {
    if (!ReadDigits(text, pos + 1, 2, second)) return format_error;
    pos += 3;
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return Status::InvalidArgument("timestamp time of day is out of range");
  }
  seconds += hour * 3600 + minute * 60 + second;

  const std::string_view zone = text.substr(pos);
  if (zone.empty() || zone == "Z") return seconds * kMicrosPerSecond;
  int offset_hours = 0;
  int offset_minutes = 0;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || !ReadDigits(zone, 1, 2, offset_hours) ||
      zone[3] != ':' || !ReadDigits(zone, 4, 2, offset_minutes)) {
    return format_error;
  }
  const int offset = offset_hours * 60 + offset_minutes;
  if (offset_minutes > 59 || offset > kMaxOffsetMinutes) {
    return Status::InvalidArgument("timestamp offset from UTC is out of range");
  }
  // Local time = UTC + offset, so UTC = local - offset.
  seconds -= (zone[0] == '+' ? 1 : -1) * static_cast<int64_t>(offset) * 60;
  return seconds * kMicrosPerSecond;
}

std::string FormatTimestampIso(int64_t micros) {
  const int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
  const int64_t days = FloorDiv(seconds, kSecondsPerDay);
  const int64_t second_of_day = seconds - days * kSecondsPerDay;
  const CivilDate date = CivilDate::FromDaysSinceEpoch(days);
  char buf[48];  // room for any int, so the compiler can prove no truncation
  std::snprintf(buf, sizeof(buf), "T%02d:%02d:%02dZ", static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
  return date.ToIso() + buf;
}

}  // namespace confide::domain
