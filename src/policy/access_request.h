// AccessRequest: the facts an access decision depends on, and nothing else. It holds no ids and no
// personal data: only the staff member's role and standing, the action, how they relate to the
// person the data is about, and the data's sensitivity tier. The directory (access_directory.h)
// builds it from ids; the policy (access_policy.h) decides it. Plain values: thread-safe as such.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "domain/record.h"
#include "domain/staff.h"
#include "policy/action.h"

namespace confide::policy {

// The staff member's relation to the person the data is about. For an adult it is the best
// relation to any child they are related to. Best first: allocated > break_glass > team > none.
enum class Relation { kAllocated, kTeam, kBreakGlass, kNone };
inline constexpr size_t kRelationCount = 4;
std::string_view ToString(Relation r);
std::optional<Relation> ParseRelation(std::string_view s);
// True if `a` gives at least as much as `b` (allocated > break_glass > team > none).
bool AtLeast(Relation a, Relation b);

// Whether the staff member's required training (confidentiality, data protection) is in date.
enum class TrainingState { kCurrent, kMissing, kLapsed };
inline constexpr size_t kTrainingStateCount = 3;
std::string_view ToString(TrainingState t);
std::optional<TrainingState> ParseTrainingState(std::string_view s);

// What a gate that tests training does: deny, or allow and flag the access for review ([policy]
// training in the policy file).
enum class TrainingMode { kDeny, kFlag };
std::string_view ToString(TrainingMode m);

// Every staff role and tier, in enum order (domain/staff.h, domain/record.h).
inline constexpr size_t kRoleCount = 10;
inline constexpr size_t kTierCount = 3;
inline constexpr std::array<domain::StaffRole, kRoleCount> kAllRoles = {
    domain::StaffRole::kPractitioner,          domain::StaffRole::kKeyPerson,
    domain::StaffRole::kSocialWorker,          domain::StaffRole::kDesignatedSafeguardingLead,
    domain::StaffRole::kDeputySafeguardingLead, domain::StaffRole::kManager,
    domain::StaffRole::kDataProtectionOfficer, domain::StaffRole::kAdministrator,
    domain::StaffRole::kAuditor,               domain::StaffRole::kVolunteer,
};

struct AccessRequest {
  domain::StaffRole role = domain::StaffRole::kVolunteer;
  bool active = true;
  TrainingState training = TrainingState::kCurrent;
  Action action = Action::kPersonRead;
  bool about_person = true;           // false for actions with no data subject (staff admin, audit, search)
  Relation relation = Relation::kNone;  // best relation to the person
  bool restricted = false;            // the person is hidden from this staff member (own family, high profile)
  domain::SensitivityTier tier = domain::SensitivityTier::kGeneral;  // person-level data counts as general

  bool operator==(const AccessRequest&) const = default;
};

// One line in words, e.g. "practitioner (active, training current): record.read of a sensitive
// record, relation allocated, not restricted". Names only: never personal data.
std::string Describe(const AccessRequest& r);

}  // namespace confide::policy
