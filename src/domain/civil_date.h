// CivilDate: a calendar date with no time zone (a date of birth, a review date), and helpers for
// UTC timestamps in microseconds since the Unix epoch (the UnixMicros of common/clock.h).
//
// Calendar arithmetic is proleptic Gregorian. Conversions to and from day counts use Howard
// Hinnant's days_from_civil / civil_from_days algorithms, exact for any year that fits an int.
// Nothing here reads the clock or a time-zone database: callers pass "today" in.
// Thread-safety: pure functions on values; safe from any thread.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "confide/result.h"

namespace confide::domain {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..DaysInMonth(year, month)

  // Strict ISO 8601 calendar date "YYYY-MM-DD": exactly ten characters, a real date, year in
  // 1900..2200 (wide enough for any living person or retention deadline, narrow enough to catch
  // typos such as 2204 or 0224). Returns kInvalidArgument otherwise.
  static Result<CivilDate> Parse(std::string_view text);

  // The inverse of DaysSinceEpoch. REQUIRES: the resulting year fits an int (|days| < 7e11).
  static CivilDate FromDaysSinceEpoch(int64_t days);

  // The UTC calendar date containing the instant `micros` (microseconds since the epoch).
  static CivilDate FromUnixMicros(int64_t micros);

  // Days since 1970-01-01 (negative before it). REQUIRES: a valid date.
  int64_t DaysSinceEpoch() const;

  // "2026-11-21". Years outside 0..9999 are printed as they are, unpadded beyond four digits.
  std::string ToIso() const;

  // "21 November 2026": the long form used in letters and reports. REQUIRES: 1 <= month <= 12.
  std::string FormatUk() const;

  // Chronological order (year, then month, then day).
  auto operator<=>(const CivilDate&) const = default;
  bool operator==(const CivilDate&) const = default;
};

// Gregorian leap year: divisible by 4, except centuries not divisible by 400 (1900 no, 2000 yes).
bool IsLeapYear(int year);

// 28..31. REQUIRES: 1 <= month <= 12.
int DaysInMonth(int year, int month);

// Completed years of age on `on` for a person born on `dob`; -1 if `on` is before `dob`.
// Someone born on 29 February has their birthday on 1 March in non-leap years.
int AgeInYearsOn(CivilDate dob, CivilDate on);

// The same day `years` later (or earlier, if negative). 29 February becomes 28 February in a
// non-leap year, so a deadline never runs past the month it falls in.
// Note: for "has this person turned N" use AgeInYearsOn, which takes 1 March instead.
CivilDate AddYears(CivilDate date, int years);

// The same day `months` later (or earlier), clamped to the end of a shorter month: 31 January
// plus one month is 28 (or 29) February. This is how "one calendar month" deadlines are counted.
CivilDate AddMonths(CivilDate date, int months);

// `days` days later (or earlier).
CivilDate AddDays(CivilDate date, int64_t days);

// Parses a UTC instant into microseconds since the Unix epoch. Accepted forms:
//   YYYY-MM-DD                (midnight UTC)
//   YYYY-MM-DDTHH:MM          (UTC unless followed by a zone)
//   YYYY-MM-DDTHH:MM:SS       (UTC unless followed by a zone)
// where the two time forms may end in "Z" or an offset "+HH:MM" / "-HH:MM" (at most 14:00), which
// is subtracted to give UTC. A bare time with no zone is taken as UTC, not UK local time.
// Returns kInvalidArgument for anything else (fractional seconds, leap second 60, lower-case 't').
Result<int64_t> ParseTimestampMicros(std::string_view text);

// "2026-11-21T09:30:00Z". Sub-second digits are dropped (rounded towards the past).
std::string FormatTimestampIso(int64_t micros);

}  // namespace confide::domain
