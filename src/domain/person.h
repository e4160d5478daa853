// A person known to the organisation: a child, or an adult in the child's life. Everything in
// PersonDetails is personal data and is encrypted at rest; only the id, kind and timestamps are
// stored in clear. Person details are versioned like records: a change is a new signed version.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "confide/status.h"
#include "domain/civil_date.h"
#include "domain/ids.h"
#include "domain/nhs_number.h"

namespace confide::domain {

enum class PersonKind { kChild, kAdult };
std::string_view ToString(PersonKind k);
std::optional<PersonKind> ParsePersonKind(std::string_view s);

// Statutory status of a child (Children Act 1989). Sensitive: encrypted with the rest.
struct ChildStatus {
  bool looked_after = false;
  std::string looked_after_by;  // the local authority that looks after the child
  bool child_in_need = false;
  bool child_protection_plan = false;

  bool operator==(const ChildStatus&) const = default;
};

struct PersonDetails {
  std::string given_names;
  std::string family_name;
  std::string preferred_name;
  std::optional<CivilDate> date_of_birth;
  std::string gender;  // as the person describes it; free text, not an enum
  std::string address;
  std::string postcode;
  std::string phone;
  std::string email;
  std::optional<NhsNumber> nhs_number;
  std::string unique_pupil_number;
  std::string la_child_id;  // the local authority's own child identifier
  ChildStatus status;       // meaningful for children only

  bool operator==(const PersonDetails&) const = default;
};

struct Person {
  PersonId id = 0;
  SubjectId subject_id = 0;
  PersonKind kind = PersonKind::kChild;
  VersionNumber version = 0;  // the current version
  UnixMicros created_at = 0;
  UnixMicros updated_at = 0;
  StaffId updated_by = 0;
  PersonDetails details;
};

// Checks what a person must have: a family name, a given name; a child must have a date of birth
// that is not in the future. `today` comes from the clock. Messages never echo personal data.
Status ValidatePersonDetails(PersonKind kind, const PersonDetails& details, CivilDate today);

// "Amy Smith" or the preferred name form "Amy (Amelia) Smith".
std::string DisplayName(const PersonDetails& details);

}  // namespace confide::domain
