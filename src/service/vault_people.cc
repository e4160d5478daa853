// Vault use cases for staff and people: add, amend, read, find.
#include <algorithm>

#include "domain/name_matching.h"
#include "domain/text.h"
#include "service/field_codec.h"
#include "service/person_index.h"
#include "service/vault_tx.h"
#include "service/version_signature.h"

namespace confide::service {
namespace {

VersionHeader PersonHeader(const store::PersonRow& p, int32_t version, UnixMicros recorded_at, int64_t recorded_by) {
  VersionHeader h;
  h.entity = "person";
  h.id = p.id;
  h.version = version;
  h.subject_id = p.subject_id;
  h.person_id = p.id;
  h.kind = p.kind;
  h.recorded_at = recorded_at;
  h.author_id = recorded_by;
  return h;
}

// Seals and signs one person version and stores it with its index terms.
Status WritePersonVersion(Vault::Tx& tx, const store::PersonRow& person, int32_t version,
                          const domain::PersonDetails& d, const std::string& reason) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
  FieldMap fields = PersonToFields(d);
  if (!reason.empty()) fields["amendment_reason"] = reason;
  AddSigningSalt(fields);
  const VersionHeader header = PersonHeader(person, version, tx.now(), tx.actor());
  CONFIDE_ASSIGN_OR_RETURN(Bytes sealed, SealFields(*key, header, fields));
  const crypto::Signature sig = SignVersion(tx.keys().signing_key(), header, fields);
  CONFIDE_RETURN_IF_ERROR(tx.uow().persons().InsertVersion(
      {person.id, version, tx.now(), tx.actor(), std::move(sealed), Bytes(sig.begin(), sig.end())}));
  for (const Bytes& term : IndexTermsFor(tx.keys().blind_indexer(), d)) {
    CONFIDE_RETURN_IF_ERROR(tx.uow().persons().AddIndexTerm(term, person.id));
  }
  return Status::Ok();
}

}  // namespace

Result<store::PersonRow> LoadPersonRow(Vault::Tx& tx, domain::PersonId id) {
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> row, tx.uow().persons().Get(id));
  if (!row) return NoSuchPerson(id);
  return *row;
}

namespace {
// Decrypts and checks the signature of one stored version of a person's details.
Result<domain::Person> OpenPersonVersion(Vault::Tx& tx, const store::PersonRow& row, const store::PersonVersionRow& v) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(row.subject_id));
  const VersionHeader header = PersonHeader(row, v.version, v.recorded_at, v.recorded_by);
  CONFIDE_ASSIGN_OR_RETURN(FieldMap fields, OpenFields(*key, header, v.sealed));
  CONFIDE_RETURN_IF_ERROR(tx.VerifyVersion(header, fields, v.signature));
  domain::Person p;
  p.id = row.id;
  p.subject_id = row.subject_id;
  p.kind = domain::ParsePersonKind(row.kind).value_or(domain::PersonKind::kAdult);
  p.version = v.version;
  p.created_at = row.created_at;
  p.updated_at = v.recorded_at;
  p.updated_by = v.recorded_by;
  CONFIDE_ASSIGN_OR_RETURN(p.details, PersonFromFields(fields));
  return p;
}
}  // namespace

// Decrypts and checks the signature of a person's current version.
Result<domain::Person> ReadPerson(Vault::Tx& tx, const store::PersonRow& row) {
  CONFIDE_ASSIGN_OR_RETURN(int32_t latest, tx.uow().persons().LatestVersion(row.id));
  if (latest != row.current_version) {
    return Status::Corruption("person " + std::to_string(row.id) + " does not point at their newest version");
  }
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonVersionRow> v,
                           tx.uow().persons().GetVersion(row.id, row.current_version));
  if (!v) return Status::Corruption("person " + std::to_string(row.id) + " has lost its current version");
  return OpenPersonVersion(tx, row, *v);
}

Result<std::vector<domain::Person>> ReadPersonHistory(Vault::Tx& tx, const store::PersonRow& row) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::PersonVersionRow> versions, tx.uow().persons().ListVersions(row.id));
  if (versions.size() != static_cast<size_t>(row.current_version)) {
    return Status::Corruption("person " + std::to_string(row.id) + " is missing versions");
  }
  std::vector<domain::Person> out;
  for (size_t i = 0; i < versions.size(); ++i) {
    if (versions[i].version != static_cast<int32_t>(i + 1)) return Status::Corruption("person versions are not contiguous");
    CONFIDE_ASSIGN_OR_RETURN(domain::Person p, OpenPersonVersion(tx, row, versions[i]));
    out.push_back(std::move(p));
  }
  return out;
}

domain::CivilDate Today(const Vault::Tx& tx) { return domain::CivilDate::FromUnixMicros(tx.now()); }

// ---- staff ------------------------------------------------------------------------------------

Result<domain::StaffId> Vault::AddStaffIn(Tx& tx, domain::StaffRole role, const std::string& team,
                                          const domain::StaffDetails& d) {
  if (d.full_name.empty()) return Status::InvalidArgument("a staff member needs a name");
  CONFIDE_ASSIGN_OR_RETURN(auto subject, tx.NewSubject("staff"));
  // The details are bound to the staff id and the staff member's own data subject, so they cannot
  // be swapped onto another staff member; role and team stay outside the associated data because
  // they change. Insert to learn the id, then seal; both happen in this transaction.
  store::StaffRow row{0, subject.first, std::string(domain::ToString(role)), team, true, tx.now(), Bytes{0}};
  CONFIDE_ASSIGN_OR_RETURN(domain::StaffId id, tx.uow().staff().Insert(row));
  CONFIDE_ASSIGN_OR_RETURN(Bytes sealed, SealFields(*subject.second, StaffHeader(id, subject.first), StaffToFields(d)));
  CONFIDE_RETURN_IF_ERROR(tx.uow().staff().UpdateSealed(id, sealed));
  CONFIDE_RETURN_IF_ERROR(tx.Audit("staff.create", 0, 0, 0, "staff " + std::to_string(id)));
  tx.AfterCommit([this, id, role, team] { access_->ApplyStaff(id, role, team, true); });
  return id;
}

Result<domain::StaffMember> Vault::ReadStaffIn(Tx& tx, const store::StaffRow& row) {
  domain::StaffMember m;
  m.id = row.id;
  m.subject_id = row.subject_id;
  m.role = domain::ParseStaffRole(row.role).value_or(domain::StaffRole::kPractitioner);
  m.team = row.team;
  m.active = row.active;
  m.created_at = row.created_at;
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(row.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(FieldMap fields, OpenFields(*key, StaffHeader(row.id, row.subject_id), row.sealed));
  m.details = StaffFromFields(fields);
  return m;
}

Result<domain::StaffId> Vault::AddStaff(domain::StaffId actor, domain::StaffRole role, const std::string& team,
                                        const domain::StaffDetails& details) {
  return Transact<domain::StaffId>(actor, {"staff.create"}, [&](Tx& tx) -> Result<domain::StaffId> {
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kStaffManage).status());
    return AddStaffIn(tx, role, team, details);
  });
}

Result<domain::StaffMember> Vault::GetStaff(domain::StaffId actor, domain::StaffId id) {
  return Read<domain::StaffMember>(actor, {"staff.read"}, [&](Tx& tx) -> Result<domain::StaffMember> {
    // Everyone may see their own account.
    if (id != tx.actor()) CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kStaffRead).status());
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> row, tx.uow().staff().Get(id));
    if (!row) return Status::NotFound("no staff member with id " + std::to_string(id));
    CONFIDE_RETURN_IF_ERROR(tx.Audit("staff.read", 0, 0, 0, "staff " + std::to_string(id)));
    return ReadStaffIn(tx, *row);
  });
}

Result<std::vector<domain::StaffMember>> Vault::ListStaff(domain::StaffId actor) {
  using Out = std::vector<domain::StaffMember>;
  return Read<Out>(actor, {"staff.list"}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kStaffRead).status());
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::StaffRow> rows, tx.uow().staff().List());
    Out out;
    for (const auto& row : rows) {
      CONFIDE_ASSIGN_OR_RETURN(domain::StaffMember m, ReadStaffIn(tx, row));
      out.push_back(std::move(m));
    }
    CONFIDE_RETURN_IF_ERROR(tx.Audit("staff.list", 0, 0, 0, "count " + std::to_string(out.size())));
    return out;
  });
}

// ---- people -----------------------------------------------------------------------------------

Result<domain::PersonId> Vault::AddPersonIn(Tx& tx, domain::PersonKind kind, const domain::PersonDetails& d) {
  CONFIDE_RETURN_IF_ERROR(domain::ValidatePersonDetails(kind, d, Today(tx)));
  CONFIDE_ASSIGN_OR_RETURN(auto subject, tx.NewSubject("person"));
  store::PersonRow row{0, subject.first, std::string(domain::ToString(kind)), 1, tx.now(), tx.now()};
  CONFIDE_ASSIGN_OR_RETURN(row.id, tx.uow().persons().Insert(row));
  CONFIDE_RETURN_IF_ERROR(WritePersonVersion(tx, row, 1, d, ""));
  CONFIDE_RETURN_IF_ERROR(tx.Audit("person.create", row.id, 0, 1));
  return row.id;
}

Result<domain::PersonId> Vault::AddPerson(domain::StaffId actor, domain::PersonKind kind, const domain::PersonDetails& d) {
  return Transact<domain::PersonId>(actor, {"person.create"}, [&](Tx& tx) -> Result<domain::PersonId> {
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kPersonCreate).status());
    return AddPersonIn(tx, kind, d);
  });
}

Result<domain::VersionNumber> Vault::AmendPerson(domain::StaffId actor, domain::PersonId id,
                                                 const domain::PersonDetails& d, const std::string& reason) {
  return AmendPerson(actor, id, [&](domain::PersonDetails& current) {
    current = d;
    return Status::Ok();
  }, reason);
}

Result<domain::VersionNumber> Vault::AmendPerson(domain::StaffId actor, domain::PersonId id,
                                                 const std::function<Status(domain::PersonDetails&)>& edit,
                                                 const std::string& reason, domain::VersionNumber expected_current) {
  return Transact<domain::VersionNumber>(actor, {"person.amend", id}, [&](Tx& tx) -> Result<domain::VersionNumber> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* decision,
                             tx.Authorize(policy::Action::kPersonAmend, id, domain::SensitivityTier::kGeneral, NoSuchPerson(id)));
    if (domain::IsBlank(reason)) return Status::InvalidArgument("an amendment needs a reason");
    CONFIDE_ASSIGN_OR_RETURN(store::PersonRow row, LoadPersonRow(tx, id));
    if (expected_current != 0 && expected_current != row.current_version) {
      return Status::Conflict("person " + std::to_string(id) + " is at version " + std::to_string(row.current_version) +
                              ", not " + std::to_string(expected_current) + ": someone amended them meanwhile");
    }
    // Reading the current version proves the key is intact and the chain of versions unbroken.
    CONFIDE_ASSIGN_OR_RETURN(domain::Person current, ReadPerson(tx, row));
    domain::PersonDetails d = current.details;
    CONFIDE_RETURN_IF_ERROR(edit(d));
    CONFIDE_RETURN_IF_ERROR(domain::ValidatePersonDetails(current.kind, d, Today(tx)));
    const int32_t next = row.current_version + 1;
    CONFIDE_RETURN_IF_ERROR(WritePersonVersion(tx, row, next, d, reason));
    CONFIDE_RETURN_IF_ERROR(tx.uow().persons().SetCurrentVersion(id, next, tx.now()));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("person.amend", *decision, id, 0, next));
    return next;
  });
}

Result<domain::Person> Vault::GetPerson(domain::StaffId actor, domain::PersonId id) {
  return Read<domain::Person>(actor, {"person.read", id}, [&](Tx& tx) -> Result<domain::Person> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d,
                             tx.Authorize(policy::Action::kPersonRead, id, domain::SensitivityTier::kGeneral, NoSuchPerson(id)));
    CONFIDE_ASSIGN_OR_RETURN(store::PersonRow row, LoadPersonRow(tx, id));
    CONFIDE_ASSIGN_OR_RETURN(domain::Person p, ReadPerson(tx, row));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("person.read", *d, id, 0, p.version));
    return p;
  });
}

Result<std::vector<PersonMatch>> Vault::FindPeople(domain::StaffId actor, const PersonQuery& query) {
  using Out = std::vector<PersonMatch>;
  return Read<Out>(actor, {"person.search"}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* search, tx.Authorize(policy::Action::kPersonSearch));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<Bytes> terms, QueryTerms(tx.keys().blind_indexer(), query));
    std::vector<int64_t> ids;
    for (size_t i = 0; i < terms.size(); ++i) {
      CONFIDE_ASSIGN_OR_RETURN(std::vector<int64_t> found, tx.uow().persons().FindByIndexTerm(terms[i]));
      if (i == 0) {
        ids = std::move(found);
      } else {
        std::vector<int64_t> both;
        std::set_intersection(ids.begin(), ids.end(), found.begin(), found.end(), std::back_inserter(both));
        ids = std::move(both);
      }
    }
    Out out;
    for (int64_t id : ids) {
      // A match the searcher may not know about is left out as if it did not match; the attempt is
      // audited, so the people who review access see who went looking for a hidden child.
      const policy::Decision& d = tx.Decide(policy::Action::kPersonRead, id);
      if (!d.allowed) {
        CONFIDE_RETURN_IF_ERROR(tx.Audit("person.search.match", id, 0, 0, d.AuditText(), "denied"));
        continue;
      }
      CONFIDE_ASSIGN_OR_RETURN(store::PersonRow row, LoadPersonRow(tx, id));
      auto person = ReadPerson(tx, row);
      // Shredded people lose their index terms, so this is a race at most: skip them. Anything else
      // (a record that fails its integrity checks) must surface, not quietly drop out of a search.
      if (!person.ok() && person.status().code() == StatusCode::kFailedPrecondition) continue;
      if (!person.ok()) return person.status();
      out.push_back({person->id, person->kind, domain::DisplayName(person->details), person->details.date_of_birth,
                     person->details.nhs_number});
      CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("person.search.match", d, id, 0, person->version));
    }
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("person.search", *search, 0, 0, 0, "matches " + std::to_string(out.size())));
    return out;
  });
}

Result<std::vector<CaseloadItem>> Vault::Caseload(domain::StaffId actor) {
  using Out = std::vector<CaseloadItem>;
  return Read<Out>(actor, {"caseload.read"}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::AllocationRow> rows, tx.uow().care().ListAllocationsOfStaff(tx.actor()));
    Out out;
    for (const auto& r : rows) {
      domain::Allocation a{r.id, r.child_id, r.staff_id,
                           domain::ParseAllocationRole(r.role).value_or(domain::AllocationRole::kOther), r.team,
                           r.starts_at, r.ends_at, r.created_by};
      if (!a.ActiveAt(tx.now())) continue;
      // Allocation alone is not enough: restrictions and training still apply.
      const policy::Decision& d = tx.Decide(policy::Action::kPersonRead, r.child_id);
      if (!d.allowed) continue;
      CONFIDE_ASSIGN_OR_RETURN(store::PersonRow row, LoadPersonRow(tx, r.child_id));
      auto person = ReadPerson(tx, row);
      if (!person.ok() && person.status().code() == StatusCode::kFailedPrecondition) continue;  // shredded
      if (!person.ok()) return person.status();
      out.push_back({row.id, domain::DisplayName(person->details), person->details.date_of_birth, a.role, a.starts_at});
      CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("caseload.item", d, row.id, 0, person->version));
    }
    std::sort(out.begin(), out.end(), [](const CaseloadItem& a, const CaseloadItem& b) { return a.display_name < b.display_name; });
    CONFIDE_RETURN_IF_ERROR(tx.Audit("caseload.read", 0, 0, 0, "children " + std::to_string(out.size())));
    return out;
  });
}

}  // namespace confide::service
