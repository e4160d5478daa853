#include "service/access_control.h"

#include <algorithm>

namespace confide::service {

AccessControl::AccessControl(std::shared_ptr<const policy::AccessPolicy> policy,
                             std::optional<governance::ConfidentialityPolicy> confidentiality_policy)
    : policy_(std::move(policy)),
      confidentiality_policy_(std::move(confidentiality_policy)),
      directory_(std::make_unique<policy::AccessDirectory>()) {
  // The gate needs only the version and its dates; the text can be long.
  if (confidentiality_policy_) confidentiality_policy_->text.clear();
}

Result<int64_t> AccessControl::Sync(store::UnitOfWork& uow, UnixMicros now) {
  CONFIDE_ASSIGN_OR_RETURN(int64_t epoch, uow.access().AccessEpoch());
  if (epoch <= epoch_.load(std::memory_order_acquire)) return epoch;
  std::lock_guard<std::mutex> lock(load_mu_);
  if (epoch <= epoch_.load(std::memory_order_acquire)) return epoch;
  CONFIDE_RETURN_IF_ERROR(LoadAll(uow, now, epoch));
  return epoch;
}

Status AccessControl::LoadAll(store::UnitOfWork& uow, UnixMicros now, int64_t epoch) {
  auto dir = std::make_unique<policy::AccessDirectory>();
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::StaffRow> staff, uow.staff().List());
  for (const auto& s : staff) {
    auto role = domain::ParseStaffRole(s.role);
    if (!role) return Status::Corruption("staff member " + std::to_string(s.id) + " has an unknown role");
    dir->UpsertStaff(s.id, *role, s.team, s.active);
  }
  CONFIDE_RETURN_IF_ERROR(uow.care().ScanAllocations([&](const store::AllocationRow& r) -> Status {
    auto role = domain::ParseAllocationRole(r.role);
    if (!role) return Status::Corruption("allocation " + std::to_string(r.id) + " has an unknown role");
    dir->AddAllocation(domain::Allocation{r.id, r.child_id, r.staff_id, *role, r.team, r.starts_at, r.ends_at, r.created_by});
    return Status::Ok();
  }));
  CONFIDE_RETURN_IF_ERROR(uow.care().ScanRelationshipLinks([&](const store::RelationshipLink& l) -> Status {
    dir->AddRelation(l.child_id, l.person_id);
    return Status::Ok();
  }));
  CONFIDE_RETURN_IF_ERROR(uow.access().ScanActiveRestrictions([&](const store::RestrictionRow& r) -> Status {
    dir->AddRestriction(r.staff_id, r.person_id);
    return Status::Ok();
  }));
  CONFIDE_RETURN_IF_ERROR(uow.access().ScanActiveBreakGlass(now, [&](const store::BreakGlassRow& r) -> Status {
    dir->GrantBreakGlass(r.staff_id, r.person_id, r.expires_at);
    return Status::Ok();
  }));
  std::unordered_map<domain::StaffId, std::vector<store::TrainingRow>> rows;
  CONFIDE_RETURN_IF_ERROR(uow.access().ScanTraining([&](const store::TrainingRow& r) -> Status {
    rows[r.staff_id].push_back(r);
    return Status::Ok();
  }));
  std::unordered_map<domain::StaffId, std::vector<governance::PolicyAcknowledgement>> acks;
  CONFIDE_RETURN_IF_ERROR(uow.access().ScanAcknowledgements([&](const store::PolicyAcknowledgementRow& r) -> Status {
    acks[r.staff_id].push_back({r.policy_version, r.acknowledged_at});
    return Status::Ok();
  }));
  {
    std::unique_lock<std::shared_mutex> lock(training_mu_);
    training_rows_ = std::move(rows);
    acknowledgements_ = std::move(acks);
    training_.clear();
    for (const auto& [id, _] : training_rows_) RecomputeTraining(id);
    for (const auto& [id, _] : acknowledgements_) RecomputeTraining(id);
  }
  // The directory is swapped whole: a decision never sees half a reload.
  directory_->ReplaceWith(std::move(*dir));
  epoch_.store(epoch, std::memory_order_release);
  return Status::Ok();
}

void AccessControl::ApplyCommitted(int64_t epoch_before, int64_t epoch_after, const std::function<void()>& apply) {
  std::lock_guard<std::mutex> lock(load_mu_);
  const int64_t known = epoch_.load(std::memory_order_acquire);
  // A read transaction that began after the commit may have reloaded everything already.
  if (known >= epoch_after && epoch_after != epoch_before) return;
  apply();
  // If the facts held were not those the transaction started from, leave the epoch: the next Sync
  // reloads everything.
  if (known == epoch_before) epoch_.store(epoch_after, std::memory_order_release);
}

const policy::Decision& AccessControl::Decide(domain::StaffId actor, policy::Action action, domain::PersonId person_id,
                                       domain::SensitivityTier tier, UnixMicros now) const {
  Result<policy::AccessRequest> facts = directory_->Facts(actor, person_id, action, tier, now);
  if (!facts.ok()) {
    // An actor the directory does not know (deleted, or never a staff member) gets the decision
    // of a disabled account: the gates deny it with their words.
    policy::AccessRequest unknown;
    unknown.role = domain::StaffRole::kVolunteer;
    unknown.active = false;
    unknown.action = action;
    unknown.about_person = person_id != 0;
    unknown.tier = tier;
    return policy_->Decide(unknown);
  }
  policy::AccessRequest req = facts.value();
  req.training = TrainingAt(actor, now);
  return policy_->Decide(req);
}

policy::Relation AccessControl::RelationAt(domain::StaffId staff, domain::PersonId person, UnixMicros t) const {
  auto facts = directory_->Facts(staff, person, policy::Action::kPersonRead, domain::SensitivityTier::kGeneral, t);
  return facts.ok() ? facts->relation : policy::Relation::kNone;
}

bool AccessControl::HiddenFrom(domain::StaffId staff, domain::PersonId person) const {
  auto facts = directory_->Facts(staff, person, policy::Action::kPersonRead, domain::SensitivityTier::kGeneral, 0);
  return facts.ok() && facts->restricted;
}

std::vector<domain::PersonId> AccessControl::Caseload(domain::StaffId staff, UnixMicros now) const {
  return directory_->ChildrenOf(staff, now);
}

void AccessControl::ApplyStaff(domain::StaffId id, domain::StaffRole role, const std::string& team, bool active) {
  directory_->UpsertStaff(id, role, team, active);
}
void AccessControl::ApplyAllocation(const domain::Allocation& a) { directory_->AddAllocation(a); }
void AccessControl::ApplyAllocationEnded(domain::AllocationId id, UnixMicros ends_at) { directory_->EndAllocation(id, ends_at); }
void AccessControl::ApplyRelationship(domain::PersonId child_id, domain::PersonId person_id) {
  directory_->AddRelation(child_id, person_id);
}
void AccessControl::ApplyRestriction(domain::StaffId staff, domain::PersonId person, bool active) {
  if (active) {
    directory_->AddRestriction(staff, person);
  } else {
    directory_->RemoveRestriction(staff, person);
  }
}
void AccessControl::ApplyBreakGlass(domain::StaffId staff, domain::PersonId person, UnixMicros expires_at) {
  directory_->GrantBreakGlass(staff, person, expires_at);
}

void AccessControl::ApplyTraining(const store::TrainingRow& row) {
  std::unique_lock<std::shared_mutex> lock(training_mu_);
  training_rows_[row.staff_id].push_back(row);
  RecomputeTraining(row.staff_id);
}

void AccessControl::ApplyAcknowledgement(const store::PolicyAcknowledgementRow& row) {
  std::unique_lock<std::shared_mutex> lock(training_mu_);
  acknowledgements_[row.staff_id].push_back({row.policy_version, row.acknowledged_at});
  RecomputeTraining(row.staff_id);
}

namespace {

// The acknowledgement's part of the gate: nothing when the version in force is acknowledged (or
// there is none); else missing or lapsed once the time to acknowledge it has run out.
void AddAcknowledgement(const governance::AcknowledgementGate& gate, TrainingStatus& status) {
  if (!gate.needed) return;
  UnixMicros& from = gate.any_version ? status.lapsed_from : status.missing_from;
  from = std::min(from, gate.in_time_until);
}

}  // namespace

void AccessControl::RecomputeTraining(domain::StaffId staff) {
  TrainingStatus status;
  const auto& rows = training_rows_[staff];
  for (const std::string& course : policy_->required_training()) {
    // The latest completion of each course counts; a refresher replaces what it refreshes. Two at
    // the same instant: the one lapsing first (as governance::StandingAt, so gate and report agree).
    const store::TrainingRow* latest = nullptr;
    for (const auto& r : rows) {
      if (r.course != course) continue;
      if (!latest || r.completed_at > latest->completed_at) {
        latest = &r;
      } else if (r.completed_at == latest->completed_at && r.expires_at &&
                 (!latest->expires_at || *r.expires_at < *latest->expires_at)) {
        latest = &r;
      }
    }
    if (!latest) {
      status.missing_from = INT64_MIN;
      continue;
    }
    if (latest->expires_at) status.lapsed_from = std::min(status.lapsed_from, *latest->expires_at);
  }
  AddAcknowledgement(governance::GateFor(confidentiality_policy_, acknowledgements_[staff]), status);
  training_[staff] = status;
}

TrainingStatus AccessControl::StatusWithoutFacts() const {
  TrainingStatus status;
  if (!policy_->required_training().empty()) status.missing_from = INT64_MIN;
  AddAcknowledgement(governance::GateFor(confidentiality_policy_, {}), status);
  return status;
}

policy::TrainingState AccessControl::TrainingAt(domain::StaffId staff, UnixMicros now) const {
  std::shared_lock<std::shared_mutex> lock(training_mu_);
  auto it = training_.find(staff);
  const TrainingStatus status = it == training_.end() ? StatusWithoutFacts() : it->second;
  if (now >= status.missing_from) return policy::TrainingState::kMissing;
  return now < status.lapsed_from ? policy::TrainingState::kCurrent : policy::TrainingState::kLapsed;
}

}  // namespace confide::service
