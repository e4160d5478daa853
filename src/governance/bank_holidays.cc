#include "governance/bank_holidays.h"

#include <algorithm>
#include <cstdlib>

#include "domain/uk_time.h"

namespace confide::governance {

bool IsWeekend(domain::CivilDate date) {
  const int wd = domain::Weekday(date);
  return wd == 6 || wd == 0;  // Saturday, Sunday
}

namespace {

using domain::AddDays;
using domain::CivilDate;

constexpr int kMonday = 1;
// The computus and the weekday rules assume the Gregorian calendar.
constexpr int kFirstGregorianYear = 1583;

CivilDate FirstMondayOnOrAfter(CivilDate date) {
  while (domain::Weekday(date) != kMonday) date = AddDays(date, 1);
  return date;
}

CivilDate LastMondayOf(int year, int month) {
  CivilDate date{year, month, domain::DaysInMonth(year, month)};
  while (domain::Weekday(date) != kMonday) date = AddDays(date, -1);
  return date;
}

// The first weekday on or after `date` not already taken: where a weekend holiday's substitute
// goes.
CivilDate SubstituteDay(CivilDate date, const std::vector<BankHoliday>& taken) {
  auto is_taken = [&](CivilDate d) {
    return std::any_of(taken.begin(), taken.end(), [&](const BankHoliday& h) { return h.date == d; });
  };
  while (IsWeekend(date) || is_taken(date)) date = AddDays(date, 1);
  return date;
}

// Holidays fixed to a date (New Year, Christmas, Boxing Day), in order: each is taken on its date
// if a weekday; the weekend ones then get substitutes, in order, on the next free weekdays. Doing
// the weekdays first keeps a Monday Boxing Day on the 26th when Christmas falls on a Sunday (the
// Christmas substitute goes to Tuesday), and doing the substitutes in order gives Christmas the
// Monday and Boxing Day the Tuesday when Christmas falls on a Saturday.
void AddFixedHolidays(const std::vector<BankHoliday>& fixed, std::vector<BankHoliday>& out) {
  for (const BankHoliday& h : fixed) {
    if (!IsWeekend(h.date)) out.push_back(h);
  }
  for (const BankHoliday& h : fixed) {
    if (IsWeekend(h.date)) out.push_back({SubstituteDay(h.date, out), h.name + " (substitute day)"});
  }
}

bool ByDate(const BankHoliday& a, const BankHoliday& b) { return a.date < b.date; }

Status OutOfRange(const char* what, CivilDate date) {
  return Status::InvalidArgument(std::string(what) + " " + date.ToIso() + " is outside the years " +
                                 std::to_string(BankHolidayCalendar::kFirstYear) + " to " +
                                 std::to_string(BankHolidayCalendar::kLastYear) +
                                 " the bank holiday calendar covers");
}

}  // namespace

CivilDate EasterSunday(int year) {
  // Meeus/Jones/Butcher: a is the year's place in the 19-year Metonic cycle; h locates the
  // paschal full moon (with the Gregorian solar and lunar century corrections b-d and g); l counts
  // on to the following Sunday.
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return CivilDate{year, month, day};
}

std::vector<BankHoliday> RuleBankHolidays(int year) {
  std::vector<BankHoliday> out;
  AddFixedHolidays({{CivilDate{year, 1, 1}, "New Year's Day"}}, out);
  const CivilDate easter = EasterSunday(year);
  out.push_back({AddDays(easter, -2), "Good Friday"});
  out.push_back({AddDays(easter, 1), "Easter Monday"});
  out.push_back({FirstMondayOnOrAfter(CivilDate{year, 5, 1}), "Early May bank holiday"});
  out.push_back({LastMondayOf(year, 5), "Spring bank holiday"});
  out.push_back({LastMondayOf(year, 8), "Summer bank holiday"});
  AddFixedHolidays({{CivilDate{year, 12, 25}, "Christmas Day"}, {CivilDate{year, 12, 26}, "Boxing Day"}}, out);
  std::sort(out.begin(), out.end(), ByDate);
  return out;
}

const BankHolidayExceptions& EnglandAndWalesProclamations() {
  static const BankHolidayExceptions kProclamations = {
      .moves =
          {
              // 50th and 75th anniversaries of VE day.
              {{1995, 5, 1}, {1995, 5, 8}, "Early May bank holiday (VE day)"},
              {{2020, 5, 4}, {2020, 5, 8}, "Early May bank holiday (VE day)"},
              // The Spring holiday moved to sit beside each jubilee's extra day.
              {{2002, 5, 27}, {2002, 6, 4}, ""},
              {{2012, 5, 28}, {2012, 6, 4}, ""},
              {{2022, 5, 30}, {2022, 6, 2}, ""},
          },
      .additions =
          {
              {{1999, 12, 31}, "Millennium celebrations"},
              {{2002, 6, 3}, "Golden Jubilee bank holiday"},
              {{2011, 4, 29}, "Royal wedding"},
              {{2012, 6, 5}, "Queen's Diamond Jubilee"},
              {{2022, 6, 3}, "Platinum Jubilee bank holiday"},
              {{2022, 9, 19}, "Bank Holiday for the State Funeral of Queen Elizabeth II"},
              {{2023, 5, 8}, "Bank holiday for the coronation of King Charles III"},
          },
  };
  return kProclamations;
}

bool BankHolidayCalendar::Covers(CivilDate date) { return date.year >= kFirstYear && date.year <= kLastYear; }

Result<BankHolidayCalendar> BankHolidayCalendar::Create(const BankHolidayExceptions& exceptions) {
  std::vector<BankHoliday> holidays;
  for (int year = kFirstYear; year <= kLastYear; ++year) {
    for (BankHoliday& h : RuleBankHolidays(year)) holidays.push_back(std::move(h));
  }
  // Each move applies to a day the rules give, so it is looked up among the holidays no earlier
  // move has touched: moving A to B and then "B" onwards is refused, not chained.
  std::vector<bool> moved(holidays.size(), false);
  std::vector<CivilDate> moved_from;
  for (const BankHolidayMove& move : exceptions.moves) {
    if (!Covers(move.from)) return OutOfRange("bank holiday moved from", move.from);
    if (!Covers(move.to)) return OutOfRange("bank holiday moved to", move.to);
    if (std::find(moved_from.begin(), moved_from.end(), move.from) != moved_from.end()) {
      return Status::InvalidArgument("the bank holiday on " + move.from.ToIso() + " is moved twice");
    }
    moved_from.push_back(move.from);
    size_t i = 0;
    while (i < holidays.size() && (moved[i] || holidays[i].date != move.from)) ++i;
    if (i == holidays.size()) {
      return Status::InvalidArgument("cannot move a bank holiday from " + move.from.ToIso() +
                                     ": the rules give no bank holiday that day");
    }
    moved[i] = true;
    holidays[i].date = move.to;
    if (!move.name.empty()) holidays[i].name = move.name;
  }
  for (const BankHolidayAddition& addition : exceptions.additions) {
    if (!Covers(addition.date)) return OutOfRange("bank holiday", addition.date);
    if (addition.name.empty()) {
      return Status::InvalidArgument("the bank holiday added on " + addition.date.ToIso() + " needs a name");
    }
    holidays.push_back({addition.date, addition.name});
  }
  std::stable_sort(holidays.begin(), holidays.end(), ByDate);
  auto twin = std::adjacent_find(holidays.begin(), holidays.end(),
                                 [](const BankHoliday& a, const BankHoliday& b) { return a.date == b.date; });
  if (twin != holidays.end()) {
    return Status::InvalidArgument("two bank holidays fall on " + twin->date.ToIso() + ": " + twin->name +
                                   " and " + std::next(twin)->name);
  }
  return BankHolidayCalendar(std::move(holidays));
}

const BankHolidayCalendar& BankHolidayCalendar::Default() {
  static const BankHolidayCalendar kDefault = [] {
    Result<BankHolidayCalendar> calendar = Create(EnglandAndWalesProclamations());
    // The built-in table is fixed and its validity is tested (BankHolidaysTest), so this cannot
    // fail at run time; abort rather than run with a wrong calendar.
    if (!calendar.ok()) std::abort();
    return std::move(calendar).value();
  }();
  return kDefault;
}

std::optional<BankHoliday> BankHolidayCalendar::Find(CivilDate date) const {
  if (!Covers(date)) {
    if (date.year < kFirstGregorianYear) return std::nullopt;
    for (BankHoliday& h : RuleBankHolidays(date.year)) {
      if (h.date == date) return std::move(h);
    }
    return std::nullopt;
  }
  auto it = std::lower_bound(holidays_.begin(), holidays_.end(), BankHoliday{date, ""}, ByDate);
  if (it == holidays_.end() || it->date != date) return std::nullopt;
  return *it;
}

std::vector<BankHoliday> BankHolidayCalendar::HolidaysIn(int year) const {
  if (year < kFirstGregorianYear) return {};
  if (year < kFirstYear || year > kLastYear) return RuleBankHolidays(year);
  auto first = std::lower_bound(holidays_.begin(), holidays_.end(), BankHoliday{{year, 1, 1}, ""}, ByDate);
  auto last = std::lower_bound(holidays_.begin(), holidays_.end(), BankHoliday{{year + 1, 1, 1}, ""}, ByDate);
  return std::vector<BankHoliday>(first, last);
}

}  // namespace confide::governance
