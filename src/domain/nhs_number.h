// NhsNumber: a validated NHS number (England, Wales and the Isle of Man; the same format is used by
// the Scottish CHI and Northern Ireland H&C numbers). Ten digits, the last a modulus-11 check digit.
//
// An NhsNumber is personal data. Parse errors never echo the input, because error messages reach
// logs and terminals (see confide/status.h).
// Thread-safety: an NhsNumber is an immutable value; distinct objects may be used from any thread.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "confide/result.h"

namespace confide::domain {

class NhsNumber {
 public:
  // Accepts exactly ten digits, with any number of spaces or hyphens anywhere ("943 476 5919",
  // "943-476-5919", " 9434765919 "). Returns kInvalidArgument if any other character is present,
  // if there are not ten digits, or if the check digit is wrong (including prefixes whose check
  // digit would be 10: no valid number starts with them).
  static Result<NhsNumber> Parse(std::string_view text);

  // The ten digits, no separators: the canonical stored and indexed form.
  const std::string& digits() const { return digits_; }

  // "943 476 5919": the 3-3-4 grouping NHS systems display.
  std::string Formatted() const;

  // True for numbers starting 999. That range is never issued, so it is safe for synthetic demo
  // and test data: a 999 number can never be mistaken for, or collide with, a real child's.
  bool IsTestRange() const;

  bool operator==(const NhsNumber&) const = default;
  auto operator<=>(const NhsNumber&) const = default;

 private:
  explicit NhsNumber(std::string digits) : digits_(std::move(digits)) {}

  std::string digits_;  // always exactly ten ASCII digits with a valid check digit
};

// Returns a valid NHS number in the never-issued 999 range, determined by `seed` alone. Distinct
// seeds below 900,000 give distinct numbers; larger seeds wrap round (seed % 900,000).
std::string GenerateTestNhsNumber(uint64_t seed);

}  // namespace confide::domain
