// Vault use cases for the people around a child: relationships and staff allocations.
#include "service/field_codec.h"
#include "service/vault_tx.h"

namespace confide::service {
namespace {

Result<store::PersonRow> RequirePerson(Vault::Tx& tx, domain::PersonId id, std::optional<domain::PersonKind> kind) {
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> row, tx.uow().persons().Get(id));
  if (!row) return Status::NotFound("no person with id " + std::to_string(id));
  if (kind && row->kind != domain::ToString(*kind)) {
    return Status::InvalidArgument("person " + std::to_string(id) + " is not a " + std::string(domain::ToString(*kind)));
  }
  return *row;
}

VersionHeader RelationshipHeader(const store::RelationshipRow& r, int64_t child_subject) {
  VersionHeader h;
  h.entity = "relationship";
  h.id = r.id;
  h.version = 1;
  h.subject_id = child_subject;
  h.person_id = r.child_id;
  h.related_id = r.person_id;
  h.recorded_at = r.created_at;
  h.author_id = r.created_by;
  return h;
}

}  // namespace

Result<std::vector<domain::Relationship>> ReadRelationshipsOfChild(Vault::Tx& tx, const store::PersonRow& child) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::RelationshipRow> rows, tx.uow().care().ListRelationshipsOfChild(child.id));
  std::vector<domain::Relationship> out;
  if (rows.empty()) return out;
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(child.subject_id));
  for (const auto& row : rows) {
    CONFIDE_ASSIGN_OR_RETURN(FieldMap f, OpenFields(*key, RelationshipHeader(row, child.subject_id), row.sealed));
    CONFIDE_ASSIGN_OR_RETURN(domain::RelationshipDetails d, RelationshipFromFields(f));
    out.push_back({row.id, row.child_id, row.person_id, row.created_at, row.created_by, std::move(d)});
  }
  return out;
}

Result<domain::RelationshipId> Vault::AddRelationshipIn(Tx& tx, domain::PersonId child_id, domain::PersonId person_id,
                                                        const domain::RelationshipDetails& d) {
  if (child_id == person_id) return Status::InvalidArgument("a person cannot be related to themself");
  CONFIDE_ASSIGN_OR_RETURN(store::PersonRow child, RequirePerson(tx, child_id, domain::PersonKind::kChild));
  CONFIDE_RETURN_IF_ERROR(RequirePerson(tx, person_id, std::nullopt).status());
  if (d.kind == domain::RelationshipKind::kSibling && d.parental_responsibility) {
    return Status::InvalidArgument("a sibling does not hold parental responsibility");
  }
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(child.subject_id));
  store::RelationshipRow row{0, child_id, person_id, tx.now(), tx.actor(), {}};
  // Insert to learn the id, then seal with it bound in; both happen in this transaction.
  row.sealed = Bytes{0};
  CONFIDE_ASSIGN_OR_RETURN(row.id, tx.uow().care().InsertRelationship(row));
  CONFIDE_ASSIGN_OR_RETURN(Bytes sealed, SealFields(*key, RelationshipHeader(row, child.subject_id), RelationshipToFields(d)));
  row.sealed = std::move(sealed);
  CONFIDE_RETURN_IF_ERROR(tx.uow().care().UpdateRelationshipSealed(row.id, row.sealed));
  CONFIDE_RETURN_IF_ERROR(tx.Audit("relationship.create", child_id, 0, 0, "related person " + std::to_string(person_id)));
  tx.AfterCommit([this, child_id, person_id] { access_->ApplyRelationship(child_id, person_id); });
  return row.id;
}

Result<domain::RelationshipId> Vault::AddRelationship(domain::StaffId actor, domain::PersonId child_id,
                                                      domain::PersonId person_id, const domain::RelationshipDetails& d) {
  return Transact<domain::RelationshipId>(actor, {"relationship.create", child_id}, [&](Tx& tx) -> Result<domain::RelationshipId> {
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kRelationshipCreate, child_id, domain::SensitivityTier::kGeneral,
                                         NoSuchPerson(child_id)).status());
    // The related person must be someone the actor may know about, too.
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kPersonRead, person_id, domain::SensitivityTier::kGeneral,
                                         NoSuchPerson(person_id)).status());
    return AddRelationshipIn(tx, child_id, person_id, d);
  });
}

Result<std::vector<domain::Relationship>> Vault::ListRelationships(domain::StaffId actor, domain::PersonId child_id) {
  using Out = std::vector<domain::Relationship>;
  return Read<Out>(actor, {"relationship.list", child_id}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* decision,
                             tx.Authorize(policy::Action::kRelationshipRead, child_id, domain::SensitivityTier::kGeneral,
                                          NoSuchPerson(child_id)));
    CONFIDE_ASSIGN_OR_RETURN(store::PersonRow child, RequirePerson(tx, child_id, std::nullopt));
    CONFIDE_ASSIGN_OR_RETURN(Out out, ReadRelationshipsOfChild(tx, child));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("relationship.list", *decision, child_id, 0, 0, "count " + std::to_string(out.size())));
    return out;
  });
}

Result<domain::AllocationId> Vault::AllocateIn(Tx& tx, const domain::Allocation& a) {
  CONFIDE_RETURN_IF_ERROR(RequirePerson(tx, a.child_id, domain::PersonKind::kChild).status());
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> staff, tx.uow().staff().Get(a.staff_id));
  if (!staff) return Status::NotFound("no staff member with id " + std::to_string(a.staff_id));
  if (!staff->active) return Status::InvalidArgument("staff member " + std::to_string(a.staff_id) + " is not active");
  const UnixMicros starts = a.starts_at != 0 ? a.starts_at : tx.now();
  if (a.ends_at && *a.ends_at <= starts) return Status::InvalidArgument("an allocation must end after it starts");
  store::AllocationRow row{0, a.child_id, a.staff_id, std::string(domain::ToString(a.role)), a.team, starts, a.ends_at,
                           tx.actor()};
  CONFIDE_ASSIGN_OR_RETURN(row.id, tx.uow().care().InsertAllocation(row));
  CONFIDE_RETURN_IF_ERROR(tx.Audit("allocation.create", a.child_id, 0, 0,
                                   "staff " + std::to_string(a.staff_id) + " as " + row.role));
  domain::Allocation made = a;
  made.id = row.id;
  made.starts_at = row.starts_at;
  made.created_by = row.created_by;
  tx.AfterCommit([this, made] { access_->ApplyAllocation(made); });
  return row.id;
}

Result<domain::AllocationId> Vault::Allocate(domain::StaffId actor, const domain::Allocation& a) {
  return Transact<domain::AllocationId>(actor, {"allocation.create", a.child_id}, [&](Tx& tx) -> Result<domain::AllocationId> {
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kAllocationManage, a.child_id, domain::SensitivityTier::kGeneral,
                                         NoSuchPerson(a.child_id)).status());
    return AllocateIn(tx, a);
  });
}

Result<std::vector<domain::Allocation>> Vault::ListAllocations(domain::StaffId actor, domain::PersonId child_id) {
  using Out = std::vector<domain::Allocation>;
  return Read<Out>(actor, {"allocation.list", child_id}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* decision,
                             tx.Authorize(policy::Action::kAllocationRead, child_id, domain::SensitivityTier::kGeneral,
                                          NoSuchPerson(child_id)));
    CONFIDE_RETURN_IF_ERROR(RequirePerson(tx, child_id, std::nullopt).status());
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::AllocationRow> rows, tx.uow().care().ListAllocationsOfChild(child_id));
    Out out;
    for (const auto& r : rows) {
      out.push_back({r.id, r.child_id, r.staff_id,
                     domain::ParseAllocationRole(r.role).value_or(domain::AllocationRole::kOther), r.team, r.starts_at,
                     r.ends_at, r.created_by});
    }
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("allocation.list", *decision, child_id, 0, 0, "count " + std::to_string(out.size())));
    return out;
  });
}

Status Vault::EndAllocation(domain::StaffId actor, domain::AllocationId id, std::optional<UnixMicros> ends_at) {
  return Transact<bool>(actor, {"allocation.end"}, [&](Tx& tx) -> Result<bool> {
           CONFIDE_ASSIGN_OR_RETURN(std::optional<store::AllocationRow> row, tx.uow().care().GetAllocation(id));
           const Status missing = Status::NotFound("no allocation with id " + std::to_string(id));
           const domain::PersonId child = row ? row->child_id : 0;
           CONFIDE_RETURN_IF_ERROR(
               tx.Authorize(policy::Action::kAllocationManage, child, domain::SensitivityTier::kGeneral, missing).status());
           if (!row) return missing;
           // The past is evidence of who had access when: it is never rewritten.
           if (row->ends_at && *row->ends_at <= tx.now()) {
             return Status::Conflict("allocation " + std::to_string(id) + " has already ended");
           }
           const UnixMicros end = ends_at.value_or(tx.now());
           if (end < tx.now()) return Status::InvalidArgument("an allocation cannot be ended in the past");
           if (end <= row->starts_at) return Status::InvalidArgument("an allocation must end after it starts");
           CONFIDE_RETURN_IF_ERROR(tx.uow().care().EndAllocation(id, end));
           CONFIDE_RETURN_IF_ERROR(tx.Audit("allocation.end", row->child_id, 0, 0,
                                            "allocation " + std::to_string(id) + " of staff " + std::to_string(row->staff_id)));
           tx.AfterCommit([this, id, end] { access_->ApplyAllocationEnded(id, end); });
           return true;
         })
      .status();
}

}  // namespace confide::service
