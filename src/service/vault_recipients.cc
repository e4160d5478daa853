// Vault use cases for the directory of recipients and the multi-agency information-sharing
// agreements. A recipient may be a named person (a solicitor, a parent), so their details are
// sealed under a data key of their own; their kind, public key and verification date are clear.
#include "common/bytes.h"
#include "service/vault_tx.h"
#include "sharing/register_json.h"
#include "sharing/sharing_policy.h"

namespace confide::service {
namespace {

Status NoSuchRecipient(int64_t id) { return Status::NotFound("no recipient with id " + std::to_string(id)); }

VersionHeader RecipientHeader(const store::RecipientRow& row) {
  VersionHeader h;
  h.entity = "recipient";
  h.id = row.id;
  h.version = 1;
  h.subject_id = row.subject_id;
  h.kind = "recipient";
  h.recorded_at = row.created_at;
  h.author_id = row.created_by;
  return h;
}

Status SealRecipient(Vault::Tx& tx, const store::RecipientRow& row, const sharing::Recipient& r) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(row.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(Bytes sealed, SealFields(*key, RecipientHeader(row), {{"details", sharing::RecipientSealedJson(r).dump()}}));
  return tx.uow().sharing().UpdateSealed(store::SharingRepository::Table::kRecipients, row.id, sealed);
}

}  // namespace

Result<sharing::Recipient> OpenRecipient(Vault::Tx& tx, const store::RecipientRow& row) {
  sharing::Recipient r;
  r.id = row.id;
  auto kind = sharing::ParseName<sharing::RecipientKind>(row.kind);
  if (!kind) return Status::Corruption("recipient " + std::to_string(row.id) + " has an unknown kind");
  r.kind = *kind;
  r.person_id = row.person_id;
  r.public_key = row.public_key;
  r.verified_at = row.verified_at;
  r.verified_by = row.verified_by;
  r.created_by = row.created_by;
  r.created_at = row.created_at;
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(row.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(FieldMap fields, OpenFields(*key, RecipientHeader(row), row.sealed));
  const nlohmann::json j = nlohmann::json::parse(fields["details"], nullptr, false);
  CONFIDE_RETURN_IF_ERROR(sharing::ApplyRecipientSealed(j, r));
  return r;
}

Result<sharing::Recipient> LoadRecipient(Vault::Tx& tx, int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::RecipientRow> row, tx.uow().sharing().GetRecipient(id));
  if (!row) return NoSuchRecipient(id);
  return OpenRecipient(tx, *row);
}

Result<int64_t> Vault::AddRecipient(domain::StaffId actor, sharing::Recipient r) {
  return Transact<int64_t>(actor, {"recipient.create"}, [&](Tx& tx) -> Result<int64_t> {
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kRecipientManage).status());
    if (r.name.empty()) return Status::InvalidArgument("a recipient needs a name");
    if (!r.public_key.empty() && r.public_key.size() != 32) {
      return Status::InvalidArgument("a recipient's public key must be an Ed25519 key (32 bytes)");
    }
    if (r.person_id) {
      CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> person, tx.uow().persons().Get(*r.person_id));
      if (!person) return Status::InvalidArgument("the recipient's person (id " + std::to_string(*r.person_id) + ") is not registered");
    }
    CONFIDE_ASSIGN_OR_RETURN(auto subject, tx.NewSubject("recipient"));
    store::RecipientRow row{0, subject.first, std::string(sharing::Name(r.kind)), r.person_id, r.public_key, Bytes{0},
                            std::nullopt, 0, tx.actor(), tx.now()};
    CONFIDE_ASSIGN_OR_RETURN(row.id, tx.uow().sharing().InsertRecipient(row));
    r.verification_method.clear();
    r.verification_notes.clear();
    CONFIDE_RETURN_IF_ERROR(SealRecipient(tx, row, r));
    CONFIDE_RETURN_IF_ERROR(tx.Audit("recipient.create", 0, 0, 0, "recipient " + std::to_string(row.id) + " (" + row.kind + ")"));
    return row.id;
  });
}

Status Vault::RecordRecipientVerification(domain::StaffId actor, int64_t recipient_id, const std::string& method,
                                          const std::string& notes, std::optional<UnixMicros> at) {
  return Transact<bool>(actor, {"recipient.verify"}, [&](Tx& tx) -> Result<bool> {
           CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kRecipientManage).status());
           if (method.empty()) return Status::InvalidArgument("say how the recipient's identity was verified (for example a call-back to a known number)");
           const UnixMicros when = at.value_or(tx.now());
           if (when > tx.now()) return Status::InvalidArgument("a verification cannot be recorded for the future");
           CONFIDE_ASSIGN_OR_RETURN(std::optional<store::RecipientRow> row, tx.uow().sharing().GetRecipient(recipient_id));
           if (!row) return NoSuchRecipient(recipient_id);
           CONFIDE_ASSIGN_OR_RETURN(sharing::Recipient r, OpenRecipient(tx, *row));
           r.verification_method = method;
           r.verification_notes = notes;
           CONFIDE_RETURN_IF_ERROR(tx.uow().sharing().SetRecipientVerified(recipient_id, when, tx.actor()));
           CONFIDE_RETURN_IF_ERROR(SealRecipient(tx, *row, r));
           CONFIDE_RETURN_IF_ERROR(tx.Audit("recipient.verify", 0, 0, 0, "recipient " + std::to_string(recipient_id)));
           return true;
         })
      .status();
}

Result<sharing::Recipient> Vault::GetRecipient(domain::StaffId actor, int64_t recipient_id) {
  return Read<sharing::Recipient>(actor, {"recipient.read"}, [&](Tx& tx) -> Result<sharing::Recipient> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kRecipientRead));
    CONFIDE_ASSIGN_OR_RETURN(sharing::Recipient r, LoadRecipient(tx, recipient_id));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("recipient.read", *d, 0, 0, 0, "recipient " + std::to_string(recipient_id)));
    return r;
  });
}

Result<std::vector<sharing::Recipient>> Vault::ListRecipients(domain::StaffId actor) {
  using Out = std::vector<sharing::Recipient>;
  return Read<Out>(actor, {"recipient.list"}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kRecipientRead));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::RecipientRow> rows, tx.uow().sharing().ListRecipients());
    Out out;
    for (const store::RecipientRow& row : rows) {
      // A shredded recipient is gone from the directory, not an error.
      auto r = OpenRecipient(tx, row);
      if (r.status().code() == StatusCode::kFailedPrecondition) continue;
      CONFIDE_RETURN_IF_ERROR(r.status());
      out.push_back(std::move(*r));
    }
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("recipient.list", *d, 0, 0, 0, "count " + std::to_string(out.size())));
    return out;
  });
}

Result<sharing::SharingAgreement> OpenAgreement(const store::AgreementRow& row) {
  const nlohmann::json j = nlohmann::json::parse(row.document, nullptr, false);
  // Leniently: an agreement stays readable after the organisation changes its sharing policy.
  auto a = sharing::StoredAgreementFromJson(j);
  if (!a.ok()) return Status::Corruption("agreement " + std::to_string(row.id) + " is malformed");
  a->id = row.id;
  return a;
}

Result<int64_t> Vault::RecordAgreement(domain::StaffId actor, sharing::SharingAgreement a) {
  return Transact<int64_t>(actor, {"agreement.create"}, [&](Tx& tx) -> Result<int64_t> {
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kRecipientManage).status());
    a.id = 0;
    CONFIDE_RETURN_IF_ERROR(sharing::ValidateAgreement(a));
    const sharing::SharingPolicy& policy = tx.sharing_policy();
    for (const std::string& p : a.purposes) {
      if (!policy.FindPurpose(p)) return Status::InvalidArgument("an agreement names a purpose the sharing policy does not have");
    }
    CONFIDE_RETURN_IF_ERROR(policy.Categories(a.categories).status());
    for (int64_t party : a.party_recipient_ids) {
      CONFIDE_ASSIGN_OR_RETURN(std::optional<store::RecipientRow> row, tx.uow().sharing().GetRecipient(party));
      if (!row) return Status::InvalidArgument("party " + std::to_string(party) + " is not in the directory of recipients");
    }
    store::AgreementRow row{0, sharing::AgreementToJson(a).dump(), a.review_at, tx.actor(), tx.now()};
    CONFIDE_ASSIGN_OR_RETURN(row.id, tx.uow().sharing().InsertAgreement(row));
    CONFIDE_RETURN_IF_ERROR(tx.Audit("agreement.create", 0, 0, 0, "agreement " + std::to_string(row.id)));
    return row.id;
  });
}

Result<std::vector<sharing::SharingAgreement>> Vault::ListAgreements(domain::StaffId actor) {
  using Out = std::vector<sharing::SharingAgreement>;
  return Read<Out>(actor, {"agreement.list"}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kRecipientRead));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::AgreementRow> rows, tx.uow().sharing().ListAgreements());
    Out out;
    for (const store::AgreementRow& row : rows) {
      CONFIDE_ASSIGN_OR_RETURN(sharing::SharingAgreement a, OpenAgreement(row));
      out.push_back(std::move(a));
    }
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("agreement.list", *d, 0, 0, 0, "count " + std::to_string(out.size())));
    return out;
  });
}

}  // namespace confide::service
