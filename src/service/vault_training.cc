// Vault use cases for training and the confidentiality policy: recording courses (with the
// catalogue's refresher intervals), staff acknowledging the version of the policy in force, and
// where each member of staff stands — what the training report and the access gate use.
#include <algorithm>
#include <tuple>

#include "common/bytes.h"
#include "crypto/hash.h"
#include "service/access_control.h"
#include "service/vault_tx.h"

namespace confide::service {
namespace {

governance::TrainingFacts FactsOf(domain::StaffRole role, const std::vector<store::TrainingRow>& rows,
                                  const std::vector<store::PolicyAcknowledgementRow>& acks) {
  governance::TrainingFacts facts;
  facts.role = role;
  for (const auto& r : rows) facts.completions.push_back({r.course, r.completed_at, r.expires_at});
  for (const auto& a : acks) facts.acknowledgements.push_back({a.policy_version, a.acknowledged_at});
  return facts;
}

std::string CourseNames(const governance::TrainingCatalogue& catalogue) {
  std::string out;
  for (const auto& c : catalogue.courses) out += (out.empty() ? "" : ", ") + c.id;
  return out;
}

}  // namespace

Result<int64_t> Vault::RecordTraining(domain::StaffId actor, const domain::TrainingRecord& t) {
  return Transact<int64_t>(actor, {"training.record"}, [&](Tx& tx) -> Result<int64_t> {
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kTrainingManage).status());
    return RecordTrainingIn(tx, t);
  });
}

Result<int64_t> Vault::RecordTrainingIn(Tx& tx, const domain::TrainingRecord& t) {
  if (!domain::IsValidCourseName(t.course)) {
    return Status::InvalidArgument("a course name is lower-case words joined by underscores, such as confidentiality");
  }
  const governance::TrainingCatalogue& catalogue = governance_->training;
  const governance::Course* course = catalogue.Find(t.course);
  // A catalogue makes a mistyped course an error rather than a record nobody's gate counts.
  if (!course && !catalogue.courses.empty()) {
    return Status::InvalidArgument("no course named " + t.course + " in the governance policy (courses: " +
                                   CourseNames(catalogue) + ")");
  }
  if (t.completed_at <= 0 || t.completed_at > tx.now()) return Status::InvalidArgument("training must be completed in the past");
  std::optional<UnixMicros> expires = t.expires_at;
  if (!expires && course) expires = governance::RefresherDue(*course, t.completed_at);
  if (expires && *expires <= t.completed_at) return Status::InvalidArgument("training must expire after it is completed");
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> staff, tx.uow().staff().Get(t.staff_id));
  if (!staff) return Status::NotFound("no staff member with id " + std::to_string(t.staff_id));
  store::TrainingRow row{0, t.staff_id, t.course, t.completed_at, expires, tx.actor(), tx.now()};
  CONFIDE_ASSIGN_OR_RETURN(row.id, tx.uow().access().InsertTraining(row));
  CONFIDE_RETURN_IF_ERROR(tx.Audit("training.record", 0, 0, 0, "staff " + std::to_string(t.staff_id) + " course " + t.course));
  tx.AfterCommit([this, row] { access_->ApplyTraining(row); });
  return row.id;
}

Result<std::vector<domain::TrainingRecord>> Vault::ListTraining(domain::StaffId actor, domain::StaffId staff) {
  using Out = std::vector<domain::TrainingRecord>;
  return Read<Out>(actor, {"training.list"}, [&](Tx& tx) -> Result<Out> {
    // Another's training is for those who answer for it (colleagues do not see each other's).
    if (staff != tx.actor()) CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kTrainingReport).status());
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> who, tx.uow().staff().Get(staff));
    if (!who) return Status::NotFound("no staff member with id " + std::to_string(staff));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::TrainingRow> rows, tx.uow().access().ListTraining(staff));
    Out out;
    for (const auto& r : rows) out.push_back({r.id, r.staff_id, r.course, r.completed_at, r.expires_at, r.recorded_by, r.recorded_at});
    CONFIDE_RETURN_IF_ERROR(tx.Audit("training.list", 0, 0, 0, "staff " + std::to_string(staff)));
    return out;
  });
}

Status CheckTrainingPolicies(const policy::AccessPolicy& access, const governance::GovernancePolicy& governance) {
  const governance::TrainingCatalogue& catalogue = governance.training;
  if (catalogue.courses.empty()) return Status::Ok();
  for (const std::string& course : access.required_training()) {
    if (!catalogue.Find(course)) {
      return Status::FailedPrecondition("the access policy requires the course " + course +
                                        ", which the governance policy's courses do not include (" + CourseNames(catalogue) +
                                        "): add it to the governance policy, or it could never be recorded");
    }
  }
  return Status::Ok();
}

Status Vault::CheckAcknowledgedText() {
  const auto& policy = governance_->confidentiality_policy;
  if (!policy) return Status::Ok();
  const std::string digest = ConfidentialityPolicyDigest();
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store_->Begin(store::TransactionMode::kRead));
  return uow->access().ScanAcknowledgements([&](const store::PolicyAcknowledgementRow& a) -> Status {
    if (a.policy_version == policy->version && a.text_digest != digest) {
      return Status::FailedPrecondition("version " + policy->version +
                                        " of the confidentiality policy was acknowledged with another text: a changed text "
                                        "needs a new version in the governance policy, so that staff read and acknowledge it");
    }
    return Status::Ok();
  });
}

std::string Vault::ConfidentialityPolicyDigest() const {
  const auto& p = governance_->confidentiality_policy;
  if (!p) return "";
  // Length-prefixed and labelled, so no two different policies share a digest.
  Bytes content;
  AppendLengthPrefixed(content, std::string_view("confide/confidentiality-policy/v1"));
  AppendLengthPrefixed(content, std::string_view(p->version));
  AppendLengthPrefixed(content, std::string_view(p->title));
  AppendLengthPrefixed(content, p->in_force_from.ToIso());
  AppendLengthPrefixed(content, std::string_view(p->text));
  const crypto::Hash32 h = crypto::Blake2b256({content});
  return HexEncode(ByteView(h.data(), h.size()));
}

Result<int64_t> Vault::AcknowledgeConfidentialityPolicy(domain::StaffId actor, std::string_view version,
                                                        std::string_view digest) {
  return Transact<int64_t>(actor, {"confidentiality_policy.acknowledge"}, [&](Tx& tx) -> Result<int64_t> {
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kPolicyAcknowledge).status());
    const auto& policy = governance_->confidentiality_policy;
    if (!policy) return Status::FailedPrecondition("the governance policy names no confidentiality policy to acknowledge");
    if (version != policy->version || digest != ConfidentialityPolicyDigest()) {
      // Never acknowledge a text the member of staff was not shown.
      return Status::FailedPrecondition("version " + policy->version +
                                        " of the confidentiality policy is now in force: read it again before acknowledging it");
    }
    return AcknowledgeIn(tx, tx.actor(), tx.now());
  });
}

Result<int64_t> Vault::AcknowledgeIn(Tx& tx, domain::StaffId staff, UnixMicros at) {
  const auto& policy = governance_->confidentiality_policy;
  if (!policy) return Status::FailedPrecondition("the governance policy names no confidentiality policy to acknowledge");
  if (at <= 0 || at > tx.now()) return Status::InvalidArgument("an acknowledgement is made in the past");
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> who, tx.uow().staff().Get(staff));
  if (!who) return Status::NotFound("no staff member with id " + std::to_string(staff));
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::PolicyAcknowledgementRow> earlier, tx.uow().access().ListAcknowledgements(staff));
  for (const auto& a : earlier) {
    if (a.policy_version == policy->version) return a.id;  // already acknowledged: nothing new
  }
  store::PolicyAcknowledgementRow row{0, staff, policy->version, ConfidentialityPolicyDigest(), at};
  CONFIDE_ASSIGN_OR_RETURN(row.id, tx.uow().access().InsertAcknowledgement(row));
  CONFIDE_RETURN_IF_ERROR(tx.Audit("confidentiality_policy.acknowledge", 0, 0, 0,
                                   "staff " + std::to_string(staff) + " version " + policy->version));
  tx.AfterCommit([this, row] { access_->ApplyAcknowledgement(row); });
  return row.id;
}

Result<int64_t> BatchWriter::LoadAcknowledgement(domain::StaffId staff, UnixMicros at) {
  return vault_.AcknowledgeIn(tx_, staff, at);
}

Result<Vault::StaffTrainingStanding> Vault::StandingIn(Tx& tx, const store::StaffRow& row) {
  StaffTrainingStanding out;
  CONFIDE_ASSIGN_OR_RETURN(out.staff, ReadStaffIn(tx, row));
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::TrainingRow> rows, tx.uow().access().ListTraining(row.id));
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::PolicyAcknowledgementRow> acks, tx.uow().access().ListAcknowledgements(row.id));
  out.standing = governance::StandingAt(governance_->training, governance_->confidentiality_policy,
                                        FactsOf(out.staff.role, rows, acks), tx.now());
  out.gate = access_->TrainingAt(row.id, tx.now());
  // Whatever the catalogue lists, a gate that is shut is overdue (a required course the catalogue
  // does not know, say).
  if (out.gate != policy::TrainingState::kCurrent) out.standing.overdue = true;
  return out;
}

Result<Vault::StaffTrainingStanding> Vault::TrainingStandingOf(domain::StaffId actor, domain::StaffId staff) {
  return Read<StaffTrainingStanding>(actor, {"training.standing"}, [&](Tx& tx) -> Result<StaffTrainingStanding> {
    if (staff != tx.actor()) CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kTrainingReport).status());
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> row, tx.uow().staff().Get(staff));
    if (!row) return Status::NotFound("no staff member with id " + std::to_string(staff));
    CONFIDE_ASSIGN_OR_RETURN(StaffTrainingStanding out, StandingIn(tx, *row));
    CONFIDE_RETURN_IF_ERROR(tx.Audit("training.standing", 0, 0, 0, "staff " + std::to_string(staff)));
    return out;
  });
}

Result<std::vector<Vault::StaffTrainingStanding>> Vault::TrainingReport(domain::StaffId actor) {
  using Out = std::vector<StaffTrainingStanding>;
  return Read<Out>(actor, {"training.report"}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kTrainingReport).status());
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::StaffRow> rows, tx.uow().staff().List());
    Out out;
    for (const auto& row : rows) {
      if (!row.active) continue;  // a disabled account uses nothing
      CONFIDE_ASSIGN_OR_RETURN(StaffTrainingStanding s, StandingIn(tx, row));
      out.push_back(std::move(s));
    }
    std::stable_sort(out.begin(), out.end(), [](const StaffTrainingStanding& a, const StaffTrainingStanding& b) {
      return std::make_tuple(!a.standing.overdue, !a.standing.due_soon, a.staff.details.full_name, a.staff.id) <
             std::make_tuple(!b.standing.overdue, !b.standing.due_soon, b.staff.details.full_name, b.staff.id);
    });
    CONFIDE_RETURN_IF_ERROR(tx.Audit("training.report", 0, 0, 0, "count " + std::to_string(out.size())));
    return out;
  });
}

}  // namespace confide::service
