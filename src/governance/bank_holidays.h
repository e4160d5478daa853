// England and Wales bank holidays: the rules of the Banking and Financial Dealings Act 1971 as
// applied by royal proclamation every year, plus the proclamations that moved a holiday or added
// a one-off day. Deadlines that skip "working days" (FOI, the subject access weekend roll) read
// them from a BankHolidayCalendar.
//
// The rules (each year):
//   New Year's Day, 1 January; at a weekend, the Monday after is the substitute day.
//   Good Friday and Easter Monday (Easter by the Gregorian computus).
//   Early May bank holiday, the first Monday of May; Spring, the last Monday of May; Summer, the
//   last Monday of August.
//   Christmas Day and Boxing Day; when either falls at a weekend, the next weekdays not already a
//   holiday are its substitute (Christmas on a Saturday: Monday 27 and Tuesday 28; on a Sunday:
//   Boxing Day Monday 26 and the Christmas substitute Tuesday 27; Boxing Day on a Saturday:
//   Monday 28).
// A holiday is listed on the weekday it is taken, as gov.uk lists them: a Christmas Day that falls
// on a Saturday is not listed (the day is a weekend day anyway); its substitute is.
//
// Thread-safety: a BankHolidayCalendar is immutable after construction; share it freely.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "confide/result.h"
#include "domain/civil_date.h"

namespace confide::governance {

// One bank holiday: the day it is taken and its name as gov.uk gives it ("Boxing Day (substitute
// day)", "Early May bank holiday (VE day)").
struct BankHoliday {
  domain::CivilDate date;
  std::string name;

  bool operator==(const BankHoliday&) const = default;
};

// A proclamation moving a holiday the rules give (`from`) to another day (`to`), as the Early May
// holiday moved to Friday 8 May 2020. `name`, when not empty, replaces the holiday's name.
struct BankHolidayMove {
  domain::CivilDate from;
  domain::CivilDate to;
  std::string name;
};

// A proclamation adding a one-off bank holiday, such as a state funeral.
struct BankHolidayAddition {
  domain::CivilDate date;
  std::string name;
};

// The departures from the rules an organisation's calendar is built with.
struct BankHolidayExceptions {
  std::vector<BankHolidayMove> moves = {};
  std::vector<BankHolidayAddition> additions = {};
};

// Saturday or Sunday.
bool IsWeekend(domain::CivilDate date);

// Easter Sunday in the Gregorian calendar (the "anonymous" computus of Meeus, Jones and Butcher).
// REQUIRES: year >= 1583, the first full Gregorian year.
domain::CivilDate EasterSunday(int year);

// The holidays the rules give for `year` with no proclamation applied, in date order.
// REQUIRES: year >= 1583.
std::vector<BankHoliday> RuleBankHolidays(int year);

// The proclamations for England and Wales from 1995 to date: the VE day moves of 1995 and 2020,
// the jubilee moves of the Spring holiday in 2002, 2012 and 2022, and the one-off days (the
// millennium, the jubilees, the 2011 royal wedding, the 2022 state funeral, the 2023 coronation).
const BankHolidayExceptions& EnglandAndWalesProclamations();

class BankHolidayCalendar {
 public:
  // The years a calendar knows the proclamations for. Outside them it answers from the rules
  // alone (and, before 1583, has no holidays), and the legal clocks refuse dates there.
  static constexpr int kFirstYear = 1995;
  static constexpr int kLastYear = 2100;

  // The rules for every year in [kFirstYear, kLastYear] with `exceptions` applied. Returns
  // kInvalidArgument if a date lies outside those years, a move's `from` is not a day the rules
  // give, a day is moved twice, an addition has no name, or two holidays would share a day.
  static Result<BankHolidayCalendar> Create(const BankHolidayExceptions& exceptions);

  // England and Wales: the rules with EnglandAndWalesProclamations().
  static const BankHolidayCalendar& Default();

  // Whether `date` lies in [kFirstYear, kLastYear].
  static bool Covers(domain::CivilDate date);

  // The holiday taken on `date`, if any.
  std::optional<BankHoliday> Find(domain::CivilDate date) const;
  bool IsBankHoliday(domain::CivilDate date) const { return Find(date).has_value(); }

  // Every holiday taken in `year`, in date order.
  std::vector<BankHoliday> HolidaysIn(int year) const;

 private:
  explicit BankHolidayCalendar(std::vector<BankHoliday> holidays) : holidays_(std::move(holidays)) {}

  std::vector<BankHoliday> holidays_;  // every year in the covered range, in date order
};

}  // namespace confide::governance
