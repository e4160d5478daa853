// A maintained school's calendar: the days it is closed (holidays, half terms, INSET days). FOI
// clocks for maintained schools count school days, so that the summer holiday does not run the
// clock out while nobody is there to answer (the Freedom of Information (Time for Compliance with
// Request) Regulations 2004, reg. 3).
// Thread-safety: a SchoolCalendar is immutable after construction; share it freely.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "confide/result.h"
#include "domain/civil_date.h"
#include "governance/bank_holidays.h"

namespace confide::governance {

// The school is closed from `first_day` to `last_day`, both included.
struct SchoolClosure {
  domain::CivilDate first_day;
  domain::CivilDate last_day;
  std::string name;  // "Autumn half term", "INSET day"; may be empty
};

class SchoolCalendar {
 public:
  // Closures may overlap or touch. Returns kInvalidArgument if one ends before it starts.
  static Result<SchoolCalendar> Create(std::vector<SchoolClosure> closures);

  // The closure covering `date` (the earliest-starting one, if several do), or nullptr.
  // The pointer is valid while this calendar lives.
  const SchoolClosure* ClosureOn(domain::CivilDate date) const;

  // A working day on which the school is open.
  bool IsSchoolDay(domain::CivilDate date, const BankHolidayCalendar& holidays) const;

  // The `n`th school day after `date` (which never counts). REQUIRES: n >= 0. Days outside every
  // closure count as open, so a calendar must list the closures of the period it is used for.
  domain::CivilDate AddSchoolDays(domain::CivilDate date, int n, const BankHolidayCalendar& holidays) const;

  // The closures, earliest first.
  const std::vector<SchoolClosure>& closures() const { return closures_; }

 private:
  explicit SchoolCalendar(std::vector<SchoolClosure> closures) : closures_(std::move(closures)) {}

  std::vector<SchoolClosure> closures_;  // sorted by first_day
};

}  // namespace confide::governance
