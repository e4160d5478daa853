// The organisation and its staff. Staff names and contact details are personal data of employees
// and are encrypted like everyone else's; roles and teams are operational and stay in clear.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "domain/ids.h"

namespace confide::domain {

enum class OrganisationKind { kLocalAuthority, kFosteringAgency, kNursery, kSchool, kOther };
std::string_view ToString(OrganisationKind k);
std::optional<OrganisationKind> ParseOrganisationKind(std::string_view s);

struct Organisation {
  OrganisationId id = 0;
  std::string name;  // the organisation's own name is not personal data
  OrganisationKind kind = OrganisationKind::kLocalAuthority;
  UnixMicros created_at = 0;
};

// Roles named as the guidance names them. Access rules per role arrive with the policy engine.
enum class StaffRole {
  kPractitioner,
  kKeyPerson,
  kSocialWorker,
  kDesignatedSafeguardingLead,
  kDeputySafeguardingLead,
  kManager,
  kDataProtectionOfficer,
  kAdministrator,
  kAuditor,
  kVolunteer,  // volunteers and students
};
std::string_view ToString(StaffRole r);
std::optional<StaffRole> ParseStaffRole(std::string_view s);

struct StaffDetails {  // encrypted at rest
  std::string full_name;
  std::string email;
};

struct StaffMember {
  StaffId id = 0;
  SubjectId subject_id = 0;
  StaffRole role = StaffRole::kPractitioner;
  std::string team;  // e.g. "Assessment Team 2", "Rainbow Room"
  bool active = true;
  UnixMicros created_at = 0;
  StaffDetails details;
};

}  // namespace confide::domain
