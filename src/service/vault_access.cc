// Vault use cases for need-to-know: explaining decisions, staff roles, restrictions, break-glass
// access and caseloads (training: vault_training.cc). Every change here takes effect at the next decision.
#include <algorithm>

#include "domain/text.h"
#include "service/field_codec.h"
#include "service/vault_tx.h"

namespace confide::service {
namespace {

// Reasons are free text that may name people: sealed with the person's key, bound to the row.
VersionHeader ReasonHeader(std::string_view entity, int64_t id, int64_t subject_id, int64_t person_id, int64_t staff_id) {
  VersionHeader h;
  h.entity = std::string(entity);
  h.id = id;
  h.version = 1;
  h.subject_id = subject_id;
  h.person_id = person_id;
  h.related_id = staff_id;
  return h;
}

constexpr size_t kMaxReasonBytes = 2000;

Status CheckReason(const std::string& reason, std::string_view what) {
  if (domain::IsBlank(reason)) return Status::InvalidArgument(std::string(what) + " needs a stated reason");
  if (reason.size() > kMaxReasonBytes) {
    return Status::InvalidArgument(std::string(what) + ": the reason is longer than " + std::to_string(kMaxReasonBytes) + " bytes");
  }
  return Status::Ok();
}

Result<store::PersonRow> PersonFor(Vault::Tx& tx, domain::PersonId id) {
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> row, tx.uow().persons().Get(id));
  if (!row) return NoSuchPerson(id);
  return *row;
}

}  // namespace

Result<policy::Decision> Vault::ExplainAccess(domain::StaffId actor, domain::StaffId staff, policy::Action action,
                                              domain::PersonId person_id, domain::RecordId record_id) {
  return Read<policy::Decision>(actor, {"policy.explain", person_id, record_id}, [&](Tx& tx) -> Result<policy::Decision> {
    // Anyone may ask why they themself can or cannot do something; asking about others is for the
    // people the policy lets explain.
    if (staff != tx.actor()) CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kPolicyExplain).status());
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> who, tx.uow().staff().Get(staff));
    if (!who) return Status::NotFound("no staff member with id " + std::to_string(staff));
    domain::PersonId person = person_id;
    domain::SensitivityTier tier = domain::SensitivityTier::kGeneral;
    if (record_id != 0) {
      CONFIDE_ASSIGN_OR_RETURN(std::optional<store::RecordRow> record, tx.uow().records().Get(record_id));
      if (!record) return NoSuchRecord(record_id);
      person = record->person_id;
      tier = domain::ParseSensitivityTier(record->tier).value_or(domain::SensitivityTier::kRestricted);
    }
    // The explainer must be able to know the person exists, or the explanation would tell them;
    // asking about oneself is no exception (a stranger to a child would learn that it exists), and
    // a person hidden from the explainer stays hidden even from those who may explain for others.
    if (person != 0) {
      const policy::Decision& mine = tx.Decide(policy::Action::kPersonRead, person);
      const policy::Decision& explain = tx.Decide(policy::Action::kPolicyExplain, 0);
      if ((!mine.allowed && !explain.allowed) || access_->HiddenFrom(tx.actor(), person)) {
        tx.NoteDenial(mine);
        return record_id != 0 ? NoSuchRecord(record_id) : NoSuchPerson(person);
      }
      // Nor may an explanation about oneself tell that a record one cannot read exists.
      if (record_id != 0 && !explain.allowed) {
        const policy::Decision& read = tx.Decide(policy::Action::kRecordRead, person, tier);
        if (!read.allowed) {
          tx.NoteDenial(read);
          return NoSuchRecord(record_id);
        }
      }
    }
    if (person != 0) {
      CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> row, tx.uow().persons().Get(person));
      if (!row) return NoSuchPerson(person);
    }
    policy::Decision d = access_->Decide(staff, action, person, tier, tx.now());
    CONFIDE_RETURN_IF_ERROR(tx.Audit("policy.explain", person, record_id, 0,
                                     "about staff " + std::to_string(staff) + ": " + d.AuditText()));
    return d;
  });
}

Status Vault::Authorize(domain::StaffId actor, policy::Action action, std::string_view audit_action) {
  const std::string name(audit_action);
  return Transact<bool>(actor, {name.c_str()}, [&](Tx& tx) -> Result<bool> {
           CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(action));
           CONFIDE_RETURN_IF_ERROR(tx.AuditAccess(name, *d, 0));
           return true;
         })
      .status();
}

Status Vault::UpdateStaff(domain::StaffId actor, domain::StaffId id, domain::StaffRole role, const std::string& team, bool active) {
  return Transact<bool>(actor, {"staff.update"}, [&](Tx& tx) -> Result<bool> {
           CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kStaffManage).status());
           if (domain::IsBlank(team)) return Status::InvalidArgument("a staff member needs a team");
           if (id == tx.actor() && !active) return Status::InvalidArgument("you cannot disable your own account");
           CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> row, tx.uow().staff().Get(id));
           if (!row) return Status::NotFound("no staff member with id " + std::to_string(id));
           CONFIDE_RETURN_IF_ERROR(tx.uow().staff().UpdateRole(id, domain::ToString(role), team, active));
           int ended = 0;
           if (!active) {
             CONFIDE_ASSIGN_OR_RETURN(ended, tx.uow().identity().EndSessionsOfStaff(id, tx.now(), "disabled"));
           }
           // Roles and team names are operational, not personal: the change is in the log in full.
           CONFIDE_RETURN_IF_ERROR(tx.Audit("staff.update", 0, 0, 0,
                                            "staff " + std::to_string(id) + ": role " + row->role + " -> " +
                                                std::string(domain::ToString(role)) + ", team " + row->team + " -> " + team +
                                                ", active " + (row->active ? "yes" : "no") + " -> " + (active ? "yes" : "no") +
                                                (ended ? ", sessions ended " + std::to_string(ended) : "")));
           tx.AfterCommit([this, id, role, team, active] { access_->ApplyStaff(id, role, team, active); });
           return true;
         })
      .status();
}

Result<int64_t> Vault::RestrictPerson(domain::StaffId actor, domain::PersonId person_id, domain::StaffId staff,
                                      const std::string& reason) {
  return Transact<int64_t>(actor, {"restriction.create", person_id}, [&](Tx& tx) -> Result<int64_t> {
    CONFIDE_RETURN_IF_ERROR(
        tx.Authorize(policy::Action::kRestrictionManage, person_id, domain::SensitivityTier::kGeneral, NoSuchPerson(person_id))
            .status());
    CONFIDE_RETURN_IF_ERROR(CheckReason(reason, "a restriction"));
    CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, PersonFor(tx, person_id));
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> who, tx.uow().staff().Get(staff));
    if (!who) return Status::NotFound("no staff member with id " + std::to_string(staff));
    CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
    store::RestrictionRow row{0, person_id, staff, Bytes{0}, tx.actor(), tx.now(), std::nullopt, 0};
    CONFIDE_ASSIGN_OR_RETURN(row.id, tx.uow().access().InsertRestriction(row));
    CONFIDE_ASSIGN_OR_RETURN(row.sealed_reason, SealFields(*key, ReasonHeader("restriction", row.id, person.subject_id, person_id, staff),
                                                           {{"reason", reason}}));
    CONFIDE_RETURN_IF_ERROR(tx.uow().access().UpdateRestrictionSealed(row.id, row.sealed_reason));
    CONFIDE_RETURN_IF_ERROR(tx.Audit("restriction.create", person_id, 0, 0, "hidden from staff " + std::to_string(staff)));
    tx.AfterCommit([this, staff, person_id] { access_->ApplyRestriction(staff, person_id, true); });
    return row.id;
  });
}

Status Vault::LiftRestriction(domain::StaffId actor, int64_t restriction_id) {
  return Transact<bool>(actor, {"restriction.lift"}, [&](Tx& tx) -> Result<bool> {
           CONFIDE_ASSIGN_OR_RETURN(std::optional<store::RestrictionRow> row, tx.uow().access().GetRestriction(restriction_id));
           const Status missing = Status::NotFound("no restriction with id " + std::to_string(restriction_id));
           CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kRestrictionManage, row ? row->person_id : 0,
                                                domain::SensitivityTier::kGeneral, missing)
                                       .status());
           if (!row) return missing;
           CONFIDE_RETURN_IF_ERROR(tx.uow().access().RemoveRestriction(restriction_id, tx.actor(), tx.now()));
           CONFIDE_RETURN_IF_ERROR(tx.Audit("restriction.lift", row->person_id, 0, 0, "staff " + std::to_string(row->staff_id)));
           // Another active restriction of the same pair keeps the person hidden.
           CONFIDE_ASSIGN_OR_RETURN(std::vector<store::RestrictionRow> others, tx.uow().access().ListRestrictionsOfPerson(row->person_id));
           const bool still = std::any_of(others.begin(), others.end(), [&](const store::RestrictionRow& o) {
             return o.id != restriction_id && o.staff_id == row->staff_id && !o.removed_at;
           });
           if (!still) tx.AfterCommit([this, staff = row->staff_id, person = row->person_id] { access_->ApplyRestriction(staff, person, false); });
           return true;
         })
      .status();
}

Result<std::vector<domain::PersonRestriction>> Vault::ListRestrictions(domain::StaffId actor, domain::PersonId person_id) {
  using Out = std::vector<domain::PersonRestriction>;
  return Read<Out>(actor, {"restriction.list", person_id}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_RETURN_IF_ERROR(
        tx.Authorize(policy::Action::kRestrictionManage, person_id, domain::SensitivityTier::kGeneral, NoSuchPerson(person_id))
            .status());
    CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, PersonFor(tx, person_id));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::RestrictionRow> rows, tx.uow().access().ListRestrictionsOfPerson(person_id));
    Out out;
    if (!rows.empty()) {
      CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
      for (const auto& r : rows) {
        CONFIDE_ASSIGN_OR_RETURN(FieldMap f, OpenFields(*key, ReasonHeader("restriction", r.id, person.subject_id, person_id, r.staff_id),
                                                         r.sealed_reason));
        out.push_back({r.id, r.person_id, r.staff_id, f["reason"], r.created_by, r.created_at, r.removed_at});
      }
    }
    CONFIDE_RETURN_IF_ERROR(tx.Audit("restriction.list", person_id, 0, 0, "count " + std::to_string(out.size())));
    return out;
  });
}

Result<domain::BreakGlassGrant> Vault::BreakGlass(domain::StaffId actor, domain::PersonId person_id, const std::string& reason) {
  return Transact<domain::BreakGlassGrant>(actor, {"break_glass.start", person_id}, [&](Tx& tx) -> Result<domain::BreakGlassGrant> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d,
                             tx.Authorize(policy::Action::kBreakGlassStart, person_id, domain::SensitivityTier::kGeneral,
                                          NoSuchPerson(person_id)));
    CONFIDE_RETURN_IF_ERROR(CheckReason(reason, "break-glass access"));
    CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, PersonFor(tx, person_id));
    if (person.kind != domain::ToString(domain::PersonKind::kChild)) {
      return Status::InvalidArgument("break-glass access is to a child's record");
    }
    CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
    const int64_t minutes = access_->policy().break_glass_minutes();
    store::BreakGlassRow row{0, tx.actor(), person_id, Bytes{0}, tx.now(), tx.now() + minutes * 60 * 1000000, std::nullopt};
    CONFIDE_ASSIGN_OR_RETURN(row.id, tx.uow().access().InsertBreakGlass(row));
    CONFIDE_ASSIGN_OR_RETURN(row.sealed_reason, SealFields(*key, ReasonHeader("break_glass", row.id, person.subject_id, person_id, tx.actor()),
                                                           {{"reason", reason}}));
    CONFIDE_RETURN_IF_ERROR(tx.uow().access().UpdateBreakGlassSealed(row.id, row.sealed_reason));
    // The event itself is the designated safeguarding lead's alert: reviews and the alert list
    // read it from the log and the break_glass table.
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("break_glass.start", *d, person_id, 0, 0,
                                           "grant " + std::to_string(row.id) + " for " + std::to_string(minutes) + " minutes"));
    tx.AfterCommit([this, staff = tx.actor(), person_id, expires = row.expires_at] { access_->ApplyBreakGlass(staff, person_id, expires); });
    return domain::BreakGlassGrant{row.id, row.staff_id, row.person_id, reason, row.started_at, row.expires_at, std::nullopt};
  });
}

Result<std::vector<domain::BreakGlassGrant>> Vault::ListBreakGlass(domain::StaffId actor, UnixMicros since) {
  using Out = std::vector<domain::BreakGlassGrant>;
  return Read<Out>(actor, {"break_glass.list"}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kAccessLogRead).status());
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::BreakGlassRow> rows, tx.uow().access().ListBreakGlassSince(since));
    Out out;
    for (const auto& r : rows) {
      domain::BreakGlassGrant g{r.id, r.staff_id, r.person_id, "", r.started_at, r.expires_at, r.ended_at};
      // The reason is shown to a reviewer who may know about the child; otherwise only the ids.
      if (tx.Decide(policy::Action::kPersonRead, r.person_id).allowed) {
        CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, PersonFor(tx, r.person_id));
        auto key = tx.SubjectKey(person.subject_id);
        if (key.ok()) {
          CONFIDE_ASSIGN_OR_RETURN(FieldMap f, OpenFields(**key, ReasonHeader("break_glass", r.id, person.subject_id, r.person_id, r.staff_id),
                                                           r.sealed_reason));
          g.reason = f["reason"];
        } else if (key.status().code() != StatusCode::kFailedPrecondition) {
          return key.status();
        }
      }
      out.push_back(std::move(g));
    }
    CONFIDE_RETURN_IF_ERROR(tx.Audit("break_glass.list", 0, 0, 0, "count " + std::to_string(out.size())));
    return out;
  });
}

}  // namespace confide::service
