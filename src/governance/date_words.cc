#include "governance/date_words.h"

#include <array>
#include <string_view>

#include "domain/uk_time.h"

namespace confide::governance {

std::string DayName(domain::CivilDate date) {
  // Indexed by domain::Weekday: 0 is Sunday.
  constexpr std::array<std::string_view, 7> kNames = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};
  return std::string(kNames[static_cast<size_t>(domain::Weekday(date))]);
}

std::string MonthName(int month) {
  constexpr std::array<std::string_view, 12> kNames = {"January", "February", "March",     "April",
                                                        "May",     "June",     "July",      "August",
                                                        "September", "October", "November", "December"};
  return std::string(kNames[static_cast<size_t>(month - 1)]);
}

std::string LongDate(domain::CivilDate date) { return DayName(date) + " " + date.FormatUk(); }

std::string Ordinal(int n) {
  // 11th, 12th and 13th break the 1st/2nd/3rd pattern.
  const int last_two = n % 100;
  const char* suffix = "th";
  if (last_two < 11 || last_two > 13) {
    switch (n % 10) {
      case 1: suffix = "st"; break;
      case 2: suffix = "nd"; break;
      case 3: suffix = "rd"; break;
      default: break;
    }
  }
  return std::to_string(n) + suffix;
}

std::string DayCount(int64_t days) { return std::to_string(days) + (days == 1 ? " day" : " days"); }

}  // namespace confide::governance
