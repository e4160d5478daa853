// Time as people in the UK read it: GMT, or BST (UTC+1) from 01:00 UTC on the last Sunday of March
// to 01:00 UTC on the last Sunday of October. Timestamps are stored in UTC; pages, reports and the
// out-of-hours check speak UK time.
#pragma once

#include <string>

#include "common/clock.h"
#include "domain/civil_date.h"

namespace confide::domain {

struct UkLocalTime {
  CivilDate date;
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  bool weekend = false;
  bool summer_time = false;  // BST
};

UkLocalTime ToUkLocal(UnixMicros t);

// The instant a UK wall-clock time names. In the hour the clocks go back, the first (BST) reading;
// in the hour they go forward (which does not exist), the GMT reading.
UnixMicros FromUkLocal(const CivilDate& date, int hour, int minute);

// "4 March 2026, 10:15" (UK time).
std::string FormatUkDateTime(UnixMicros t);

// 0 = Sunday ... 6 = Saturday.
int Weekday(const CivilDate& d);

}  // namespace confide::domain
