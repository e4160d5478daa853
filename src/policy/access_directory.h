// AccessDirectory: the facts access decisions depend on, in memory: each staff member's role,
// team, standing and training; allocations of staff to children (with their teams and dates);
// which adults are related to which children; break-glass grants; and restrictions hiding a person
// from a staff member. The service loads it from the database and applies each change as it
// commits, so an allocation or role change counts from the next decision.
//
// It holds ids and operational facts only, never personal data.
//
// Thread-safety: safe for concurrent use. Queries share a reader lock and run in parallel; each
// change takes the writer lock briefly. A query sees every change completed before it began.
#pragma once

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "confide/result.h"
#include "domain/allocation.h"
#include "domain/ids.h"
#include "domain/record.h"
#include "domain/staff.h"
#include "policy/access_request.h"

namespace confide::policy {

class AccessDirectory {
 public:
  AccessDirectory();
  ~AccessDirectory();
  AccessDirectory(const AccessDirectory&) = delete;
  AccessDirectory& operator=(const AccessDirectory&) = delete;

  // Adds or replaces a staff member's role, team ("" for none), standing and training state (the
  // service works the state out from training records). Restrictions, grants and allocations
  // already held for the id are kept.
  void UpsertStaff(domain::StaffId id, domain::StaffRole role, std::string_view team, bool active,
                   TrainingState training = TrainingState::kCurrent);
  // No effect for an id UpsertStaff has not seen.
  void SetTraining(domain::StaffId id, TrainingState training);

  // Adds an allocation, replacing any with the same id. Its staff member counts as allocated to
  // the child while it is active (domain::Allocation::ActiveAt); its `team`, if not empty, gives
  // every staff member of that team the relation team over the same period.
  void AddAllocation(const domain::Allocation& a);
  // Sets the end of an allocation (it stops counting at `ends_at`). No effect for an unknown id.
  void EndAllocation(domain::AllocationId id, UnixMicros ends_at);
  // Forgets an allocation (one deleted, not ended). No effect for an unknown id.
  void RemoveAllocation(domain::AllocationId id);

  // `adult` is related to `child`: a staff member's relation to the adult is their best relation
  // to any of the adult's children (or to the adult directly).
  void AddRelation(domain::PersonId child, domain::PersonId adult);
  void RemoveRelation(domain::PersonId child, domain::PersonId adult);

  // Break-glass access to `person` until `expires_at` (exclusive), replacing any earlier grant to
  // the same staff member for the same person.
  void GrantBreakGlass(domain::StaffId staff, domain::PersonId person, UnixMicros expires_at);
  // `person` is hidden from `staff` (a relative, a high-profile child). Order-independent with
  // UpsertStaff, so a reload may add restrictions before the staff row.
  void AddRestriction(domain::StaffId staff, domain::PersonId person);
  void RemoveRestriction(domain::StaffId staff, domain::PersonId person);

  // The facts for `staff` doing `action` on data about `person` (0: no data subject) at `tier`, at
  // time `now`. The request is about a person only if `person` is not 0 and the action can concern
  // one; an action without a tier gets tier general. kNotFound if UpsertStaff never saw `staff`;
  // kInvalidArgument for an action or tier outside its enum.
  Result<AccessRequest> Facts(domain::StaffId staff, domain::PersonId person, Action action,
                              domain::SensitivityTier tier, UnixMicros now) const;

  // The children `staff` is allocated to at `now` (their caseload), in id order.
  std::vector<domain::PersonId> ChildrenOf(domain::StaffId staff, UnixMicros now) const;
  // The children with an allocation naming `team` active at `now`, in id order.
  std::vector<domain::PersonId> TeamChildren(std::string_view team, UnixMicros now) const;

  // Replaces every fact with `other`'s in one step, so a reload is never seen half done. `other`
  // is left empty.
  void ReplaceWith(AccessDirectory&& other);

 private:
  struct Data;
  mutable std::shared_mutex mu_;
  std::unique_ptr<Data> data_;  // guarded by mu_
};

}  // namespace confide::policy
