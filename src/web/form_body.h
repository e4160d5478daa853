// A submitted HTML form (application/x-www-form-urlencoded), read strictly: each field once, every
// field accounted for, sizes bounded. Errors are kInvalidArgument naming the field, never its value.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "confide/result.h"
#include "domain/civil_date.h"
#include "http/request.h"

namespace confide::web {

class FormBody {
 public:
  // kInvalidArgument if the body is not a form (by Content-Type), is malformed, or repeats a field.
  static Result<FormBody> Parse(const http::Request& req);

  // The field's value, or "" when absent. At most `max_bytes` (longer is refused by Finish).
  std::string Get(const std::string& name, size_t max_bytes = 10000);
  // GOV.UK's date boxes PREFIX_day, PREFIX_month and PREFIX_year, as typed.
  void GetDate(std::string_view prefix, std::string* day, std::string* month, std::string* year);

  // kInvalidArgument if a field was sent that no one read, or one was too long.
  Status Finish() const;

 private:
  std::map<std::string, std::string> fields_;
  std::set<std::string> read_;
  std::string too_long_;
};

// The date typed in GOV.UK's three boxes ("7", "3", "2019"): nullopt unless it is a real date with a
// four-digit year.
std::optional<domain::CivilDate> DateFromBoxes(std::string_view day, std::string_view month, std::string_view year);

// An id typed into a box ("42"): nullopt unless it is digits only (at most 15) and above zero.
std::optional<int64_t> PositiveId(std::string_view text);

}  // namespace confide::web
