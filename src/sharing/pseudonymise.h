// Advice without identity (golden rule 3: "seek advice ... without disclosing the identity of the
// individual where possible"): text with the people in it replaced by their role ("[child]",
// "[mother]"), and their identifiers — names, addresses, postcodes, dates of birth, NHS numbers,
// phone numbers, email addresses — replaced by what they were ("[address]", "[date of birth]").
//
// Two passes: what Confide knows about the people involved (each name, nickname, address part,
// identifier and date of birth in the forms people write them), then patterns that look like an
// identifier whoever it belongs to (any email address, UK postcode, phone number, 10-digit number
// or written date), so a name or number Confide was never told about is still caught when it has
// an identifier's shape. Names Confide does not know cannot be found by shape: the summary is for
// a consultation and a practitioner reads it before it leaves.
//
// Matching ignores ASCII case and respects word boundaries ("Ava" is replaced in "Ava's" but not
// in "available"). Pure, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/civil_date.h"

namespace confide::sharing {

// Someone who appears in the text, by the role the summary gives them ("child", "mother", "key
// person"), with what could identify them. Empty fields are skipped.
struct PersonToHide {
  std::string role;
  std::vector<std::string> names;  // given names, family name, preferred name, nicknames
  std::optional<domain::CivilDate> date_of_birth;
  std::string address;             // commas separate its lines
  std::string postcode;
  std::string nhs_number;
  std::string phone;
  std::string email;
};

struct Pseudonymised {
  std::string text;
  size_t replacements = 0;
};

Pseudonymised Pseudonymise(std::string_view text, const std::vector<PersonToHide>& people);

}  // namespace confide::sharing
