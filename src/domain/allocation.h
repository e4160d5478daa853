// Allocation of a staff member to a child: who is responsible, in what capacity, from when until
// when. Allocations drive need-to-know access, so they are operational data kept in clear.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "domain/ids.h"

namespace confide::domain {

enum class AllocationRole { kAllocatedSocialWorker, kKeyPerson, kTeam, kSupervisingSocialWorker, kOther };
std::string_view ToString(AllocationRole r);
std::optional<AllocationRole> ParseAllocationRole(std::string_view s);

struct Allocation {
  AllocationId id = 0;
  PersonId child_id = 0;
  StaffId staff_id = 0;
  AllocationRole role = AllocationRole::kAllocatedSocialWorker;
  std::string team;
  UnixMicros starts_at = 0;
  std::optional<UnixMicros> ends_at;  // open-ended while unset
  StaffId created_by = 0;

  // True if the allocation is in force at `t` (start inclusive, end exclusive).
  bool ActiveAt(UnixMicros t) const { return t >= starts_at && (!ends_at || t < *ends_at); }
};

}  // namespace confide::domain
