// Vault use cases for the consent registry: recording consent and refusals, withdrawing them,
// listing them, and checking whether a proposed share has valid consent.
#include "service/vault_tx.h"
#include "sharing/consent_json.h"
#include "sharing/sharing_policy.h"

namespace confide::service {
namespace {

Status NoSuchConsent(int64_t id) { return Status::NotFound("no consent record with id " + std::to_string(id)); }

VersionHeader ConsentHeader(const store::ConsentRow& row, const store::PersonRow& person) {
  VersionHeader h;
  h.entity = "consent";
  h.id = row.id;
  h.version = 1;
  h.subject_id = person.subject_id;
  h.person_id = person.id;
  h.kind = "consent";
  h.occurred_at = row.given_at;
  h.recorded_at = row.recorded_at;
  h.author_id = row.recorded_by;
  return h;
}

// The record, decrypted, with what the clear columns say about its state.
Result<sharing::ConsentRecord> OpenConsent(Vault::Tx& tx, const store::ConsentRow& row, const store::PersonRow& person) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(FieldMap fields, OpenFields(*key, ConsentHeader(row, person), row.sealed));
  const nlohmann::json j = nlohmann::json::parse(fields["record"], nullptr, false);
  auto record = sharing::ConsentFromJson(j, nullptr);
  if (!record.ok()) return Status::Corruption("consent record " + std::to_string(row.id) + " is malformed");
  record->id = row.id;
  record->subject_id = row.person_id;
  record->withdrawn_at = row.withdrawn_at;
  return record;
}

Status SealConsent(Vault::Tx& tx, const store::ConsentRow& row, const store::PersonRow& person, const sharing::ConsentRecord& r) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(Bytes sealed, SealFields(*key, ConsentHeader(row, person), {{"record", sharing::ConsentToJson(r).dump()}}));
  return tx.uow().consents().UpdateSealed(row.id, sealed);
}

// Purposes and categories must be ones the sharing policy knows, or the record could never match.
Status CheckNames(const sharing::SharingPolicy& policy, const sharing::ConsentRecord& r) {
  for (const std::string& p : r.purposes) {
    if (!policy.FindPurpose(p)) return Status::InvalidArgument("unknown purpose \"" + p + "\" (the sharing policy lists them)");
  }
  for (const std::string& c : r.categories) {
    if (!policy.FindCategory(c)) return Status::InvalidArgument("unknown category \"" + c + "\" (the sharing policy lists them)");
  }
  return Status::Ok();
}

}  // namespace

Result<sharing::ConsentFinding> FindConsent(Vault::Tx& tx, const store::PersonRow& row, const domain::Person& person,
                                            const std::string& purpose, sharing::RecipientKind recipient,
                                            const std::vector<std::string>& categories, UnixMicros at) {
  sharing::ConsentQuery q;
  q.subject_id = person.id;
  q.purpose = purpose;
  q.recipient = recipient;
  q.categories = categories;
  q.at = at;
  q.subject_date_of_birth = person.details.date_of_birth;
  q.subject_is_child = person.kind == domain::PersonKind::kChild;
  q.looked_after = person.details.status.looked_after;
  if (q.subject_is_child) {
    CONFIDE_ASSIGN_OR_RETURN(std::vector<domain::Relationship> family, ReadRelationshipsOfChild(tx, row));
    for (const domain::Relationship& r : family) {
      q.parents.push_back({r.person_id, r.details.parental_responsibility, r.details.lives_with});
    }
  }
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::ConsentRow> rows, tx.uow().consents().ListOfPerson(person.id));
  std::vector<sharing::ConsentRecord> records;
  for (const store::ConsentRow& c : rows) {
    CONFIDE_ASSIGN_OR_RETURN(sharing::ConsentRecord r, OpenConsent(tx, c, row));
    records.push_back(std::move(r));
  }
  return sharing::EvaluateConsent(records, q);
}

Result<int64_t> Vault::RecordConsent(domain::StaffId actor, sharing::ConsentRecord r) {
  return Transact<int64_t>(actor, {"consent.create", r.subject_id}, [&](Tx& tx) -> Result<int64_t> {
    CONFIDE_RETURN_IF_ERROR(
        tx.Authorize(policy::Action::kConsentManage, r.subject_id, domain::SensitivityTier::kGeneral, NoSuchPerson(r.subject_id))
            .status());
    return RecordConsentIn(tx, std::move(r));
  });
}

Result<int64_t> Vault::RecordConsentIn(Tx& tx, sharing::ConsentRecord r) {
  CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, r.subject_id));
  r.id = 0;
  r.withdrawn_at.reset();
  r.withdrawn_by_id.reset();
  CONFIDE_RETURN_IF_ERROR(sharing::ValidateConsentRecord(r));
  CONFIDE_RETURN_IF_ERROR(CheckNames(tx.sharing_policy(), r));
  if (r.given_at > tx.now()) return Status::InvalidArgument("consent cannot be recorded as given in the future");
  if (r.given_by_id != r.subject_id) {
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> giver, tx.uow().persons().Get(r.given_by_id));
    if (!giver) return Status::InvalidArgument("the person who gave the consent (id " + std::to_string(r.given_by_id) + ") is not registered");
  }
  store::ConsentRow row{0, r.subject_id, Bytes{0}, r.given_at, r.expires_at, std::nullopt, tx.actor(), tx.now(), 0};
  CONFIDE_ASSIGN_OR_RETURN(row.id, tx.uow().consents().Insert(row));
  r.id = row.id;
  CONFIDE_RETURN_IF_ERROR(SealConsent(tx, row, person, r));
  std::string purposes;
  for (const std::string& p : r.purposes) purposes += (purposes.empty() ? "" : ",") + p;
  CONFIDE_RETURN_IF_ERROR(tx.Audit("consent.create", r.subject_id, 0, 0,
                                   std::string(r.refused ? "refusal " : "consent ") + std::to_string(row.id) + " by person " +
                                       std::to_string(r.given_by_id) + " as " + std::string(sharing::Name(r.capacity)) + " for " +
                                       purposes));
  return row.id;
}

Status Vault::WithdrawConsent(domain::StaffId actor, int64_t consent_id, domain::PersonId withdrawn_by, std::optional<UnixMicros> at) {
  return Transact<bool>(actor, {"consent.withdraw"}, [&](Tx& tx) -> Result<bool> {
           CONFIDE_ASSIGN_OR_RETURN(std::optional<store::ConsentRow> row, tx.uow().consents().Get(consent_id));
           CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kConsentManage, row ? row->person_id : 0,
                                                domain::SensitivityTier::kGeneral, NoSuchConsent(consent_id))
                                       .status());
           if (!row) return NoSuchConsent(consent_id);
           CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, row->person_id));
           CONFIDE_ASSIGN_OR_RETURN(sharing::ConsentRecord r, OpenConsent(tx, *row, person));
           if (row->withdrawn_at) return Status::Conflict("consent record " + std::to_string(consent_id) + " has already been withdrawn");
           const UnixMicros when = at.value_or(tx.now());
           if (when > tx.now()) return Status::InvalidArgument("a withdrawal cannot be recorded for the future");
           if (when < row->given_at) return Status::InvalidArgument("a withdrawal cannot come before the consent was given");
           // The person it is about, whoever gave it, or another registered person (a parent with
           // parental responsibility): EvaluateConsent weighs who may speak for whom.
           if (withdrawn_by != row->person_id && withdrawn_by != r.given_by_id) {
             CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> who, tx.uow().persons().Get(withdrawn_by));
             if (!who) return Status::InvalidArgument("the person withdrawing (id " + std::to_string(withdrawn_by) + ") is not registered");
           }
           r.withdrawn_at = when;
           r.withdrawn_by_id = withdrawn_by;
           CONFIDE_RETURN_IF_ERROR(tx.uow().consents().Withdraw(consent_id, when, tx.actor()));
           CONFIDE_RETURN_IF_ERROR(SealConsent(tx, *row, person, r));
           CONFIDE_RETURN_IF_ERROR(tx.Audit("consent.withdraw", row->person_id, 0, 0,
                                            "consent " + std::to_string(consent_id) + " withdrawn by person " + std::to_string(withdrawn_by)));
           return true;
         })
      .status();
}

Result<std::vector<sharing::ConsentRecord>> ReadConsentsOf(Vault::Tx& tx, const store::PersonRow& person) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::ConsentRow> rows, tx.uow().consents().ListOfPerson(person.id));
  std::vector<sharing::ConsentRecord> out;
  for (const store::ConsentRow& row : rows) {
    CONFIDE_ASSIGN_OR_RETURN(sharing::ConsentRecord r, OpenConsent(tx, row, person));
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<sharing::ConsentRecord>> Vault::ListConsents(domain::StaffId actor, domain::PersonId person_id) {
  using Out = std::vector<sharing::ConsentRecord>;
  return Read<Out>(actor, {"consent.list", person_id}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d,
                             tx.Authorize(policy::Action::kConsentRead, person_id, domain::SensitivityTier::kGeneral, NoSuchPerson(person_id)));
    CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, person_id));
    CONFIDE_ASSIGN_OR_RETURN(Out out, ReadConsentsOf(tx, person));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("consent.list", *d, person_id, 0, 0, "count " + std::to_string(out.size())));
    return out;
  });
}

Result<sharing::ConsentFinding> Vault::CheckConsent(domain::StaffId actor, domain::PersonId person_id, const std::string& purpose,
                                                    sharing::RecipientKind recipient, const std::vector<std::string>& categories,
                                                    std::optional<UnixMicros> at) {
  return Read<sharing::ConsentFinding>(actor, {"consent.check", person_id}, [&](Tx& tx) -> Result<sharing::ConsentFinding> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d,
                             tx.Authorize(policy::Action::kConsentRead, person_id, domain::SensitivityTier::kGeneral, NoSuchPerson(person_id)));
    const sharing::SharingPolicy& policy = tx.sharing_policy();
    if (!policy.FindPurpose(purpose)) return Status::InvalidArgument("unknown purpose \"" + purpose + "\"");
    for (const std::string& c : categories) {
      if (!policy.FindCategory(c)) return Status::InvalidArgument("unknown category \"" + c + "\"");
    }
    CONFIDE_ASSIGN_OR_RETURN(store::PersonRow row, LoadPersonRow(tx, person_id));
    CONFIDE_ASSIGN_OR_RETURN(domain::Person person, ReadPerson(tx, row));
    CONFIDE_ASSIGN_OR_RETURN(sharing::ConsentFinding finding,
                             FindConsent(tx, row, person, purpose, recipient, categories, at.value_or(tx.now())));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("consent.check", *d, person_id, 0, 0,
                                           "purpose " + purpose + ", " + std::string(sharing::Name(recipient)) + ": " +
                                               std::string(sharing::Name(finding.state))));
    return finding;
  });
}

}  // namespace confide::service
