// Dates and counts in the words a data protection officer reads in a deadline's explanation:
// "Friday 31 January 2025", "the 20th working day".
// Thread-safety: pure functions on values; safe from any thread.
#pragma once

#include <cstdint>
#include <string>

#include "domain/civil_date.h"

namespace confide::governance {

// "Friday". REQUIRES: a valid date.
std::string DayName(domain::CivilDate date);

// "February". REQUIRES: 1 <= month <= 12.
std::string MonthName(int month);

// "Friday 31 January 2025". REQUIRES: a valid date.
std::string LongDate(domain::CivilDate date);

// "1st", "2nd", "3rd", "11th", "20th", "22nd". REQUIRES: n >= 0.
std::string Ordinal(int n);

// "1 day", "3 days".
std::string DayCount(int64_t days);

}  // namespace confide::governance
