// AccessControl: need-to-know decisions for the vault. It joins the organisation's access policy
// (policy/access_policy.h, loaded once) with the facts the decisions depend on (staff roles and
// teams, allocations, family links, restrictions, break-glass grants, training), held in memory
// so a decision costs microseconds, not a query.
//
// The facts stay true to the database: changes this process commits are applied as they commit,
// and the database's access epoch (moved on by triggers whenever any process changes a fact) is
// compared at the start of every transaction, so a change made by another process is picked up by
// the next decision after it.
//
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.h"
#include "confide/result.h"
#include "domain/allocation.h"
#include "domain/ids.h"
#include "domain/record.h"
#include "governance/training_standing.h"
#include "policy/access_directory.h"
#include "policy/access_policy.h"
#include "store/store.h"

namespace confide::service {

// When the gate starts to see a staff member's training as missing or lapsed: from their courses
// (a required course never recorded: missing at once; recorded: lapsed from its earliest expiry)
// and their acknowledgement of the confidentiality policy in force (not acknowledged: from the
// day after the time to acknowledge it ends, missing if they never acknowledged any version,
// lapsed if only an earlier one).
struct TrainingStatus {
  UnixMicros missing_from = INT64_MAX;
  UnixMicros lapsed_from = INT64_MAX;
};

class AccessControl {
 public:
  // `confidentiality_policy`: the version in force (governance policy), if there is one; staff
  // must acknowledge it in time for their training to stay current.
  AccessControl(std::shared_ptr<const policy::AccessPolicy> policy,
                std::optional<governance::ConfidentialityPolicy> confidentiality_policy = std::nullopt);

  const policy::AccessPolicy& policy() const { return *policy_; }

  // Reloads every fact if the transaction sees a later access epoch than the facts held. Returns
  // the epoch the transaction sees. A read transaction whose snapshot is older than the facts held
  // (a change committed since it began) reloads nothing: the epoch only grows, and the newer facts
  // decide.
  Result<int64_t> Sync(store::UnitOfWork& uow, UnixMicros now);

  // The decision for `actor` doing `action` on data about `person_id` (0: no data subject) at
  // `tier`. An unknown or inactive actor is denied by the policy's gates.
  const policy::Decision& Decide(domain::StaffId actor, policy::Action action, domain::PersonId person_id,
                          domain::SensitivityTier tier, UnixMicros now) const;

  // The staff member's relation to the person at `t`, by the facts held now (allocations keep their
  // dates; break-glass grants that have expired are gone, so their accesses show as none).
  policy::Relation RelationAt(domain::StaffId staff, domain::PersonId person, UnixMicros t) const;

  // Whether `person` is hidden from `staff` (a restriction: their own family, a high-profile
  // child). Hidden means hidden from every path, whatever else the staff member may do.
  bool HiddenFrom(domain::StaffId staff, domain::PersonId person) const;

  // The children allocated to the staff member at `now` (their caseload).
  std::vector<domain::PersonId> Caseload(domain::StaffId staff, UnixMicros now) const;

  // Changes committed by this process: `apply` (calls to the Apply* methods below) runs as they
  // commit, unless a reload from a snapshot that already holds them got there first.
  // `epoch_before` is the access epoch the committing transaction saw before its own changes and
  // `epoch_after` after them. Serialised with reloads, so a reload never undoes an applied change.
  void ApplyCommitted(int64_t epoch_before, int64_t epoch_after, const std::function<void()>& apply);
  void ApplyStaff(domain::StaffId id, domain::StaffRole role, const std::string& team, bool active);
  void ApplyAllocation(const domain::Allocation& a);
  void ApplyAllocationEnded(domain::AllocationId id, UnixMicros ends_at);
  void ApplyRelationship(domain::PersonId child_id, domain::PersonId person_id);
  void ApplyRestriction(domain::StaffId staff, domain::PersonId person, bool active);
  void ApplyBreakGlass(domain::StaffId staff, domain::PersonId person, UnixMicros expires_at);
  void ApplyTraining(const store::TrainingRow& row);
  void ApplyAcknowledgement(const store::PolicyAcknowledgementRow& row);

  // The training state the gate sees for `staff` at `now`.
  policy::TrainingState TrainingAt(domain::StaffId staff, UnixMicros now) const;

 private:
  Status LoadAll(store::UnitOfWork& uow, UnixMicros now, int64_t epoch);
  void RecomputeTraining(domain::StaffId staff);  // REQUIRES: training_mu_ held exclusively
  TrainingStatus StatusWithoutFacts() const;      // for staff with no training or acknowledgements

  std::shared_ptr<const policy::AccessPolicy> policy_;
  std::optional<governance::ConfidentialityPolicy> confidentiality_policy_;
  std::unique_ptr<policy::AccessDirectory> directory_;
  std::atomic<int64_t> epoch_{-1};  // -1: never loaded
  std::mutex load_mu_;  // serialises reloads and the application of committed changes

  mutable std::shared_mutex training_mu_;
  std::unordered_map<domain::StaffId, std::vector<store::TrainingRow>> training_rows_;
  std::unordered_map<domain::StaffId, std::vector<governance::PolicyAcknowledgement>> acknowledgements_;
  std::unordered_map<domain::StaffId, TrainingStatus> training_;
};

}  // namespace confide::service
