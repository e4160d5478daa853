// Vault use cases for keys: crypto-shredding a subject, rotating the key-encryption key.
#include <filesystem>

#include "service/vault_tx.h"

namespace confide::service {
namespace fs = std::filesystem;

Status Vault::DestroySubjectKey(domain::StaffId actor, domain::PersonId person_id) {
  CONFIDE_RETURN_IF_ERROR(Transact<bool>(actor, {"subject.shred", person_id}, [&](Tx& tx) -> Result<bool> {
                            CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d,
                                                     tx.Authorize(policy::Action::kSubjectDestroy, person_id,
                                                                  domain::SensitivityTier::kGeneral, NoSuchPerson(person_id)));
                            CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> person, tx.uow().persons().Get(person_id));
                            if (!person) return NoSuchPerson(person_id);
                            CONFIDE_RETURN_IF_ERROR(tx.uow().keys().DestroySubjectKey(person->subject_id, tx.now()));
                            subject_keys_->Erase(person->subject_id);
                            // The blind-index terms would still let someone holding the index key
                            // confirm a guessed name and date of birth: they go too.
                            CONFIDE_RETURN_IF_ERROR(tx.uow().persons().RemoveIndexTerms(person_id));
                            CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("subject.shred", *d, person_id));
                            return true;
                          }).status());
  return store_->PurgeFreedData();
}

Result<std::string> Vault::RotateKeyEncryptionKey(domain::StaffId actor) {
  const std::string next_path = config_.kek_path + ".next";
  std::error_code ec;
  if (fs::exists(next_path, ec)) {
    // A leftover .next protects nothing if no committed rotation uses it; but if the database is
    // already under it (another process's rotation was interrupted), it is the only copy.
    CONFIDE_ASSIGN_OR_RETURN(crypto::KeyEncryptionKey stale, crypto::ReadKeyFile(next_path));
    CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store_->Begin(store::TransactionMode::kRead));
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::WrappedSecretRow> seed, uow->organisation().GetSecret(kSigningSeedSecret));
    if (seed && seed->kek_id == stale.key_id) {
      return Status::FailedPrecondition("an interrupted key rotation is pending: open Confide again to complete it first");
    }
    uow.reset();
    fs::remove(next_path, ec);
  }
  CONFIDE_ASSIGN_OR_RETURN(crypto::KeyEncryptionKey next, crypto::CreateKeyFile(next_path));
  const std::string old_id = keys_->kek_id();
  const std::string new_id = next.key_id;

  Result<bool> rewrapped = Transact<bool>(actor, {"key.rotate"}, [&](Tx& tx) -> Result<bool> {
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kKeysRotate).status());
    size_t count = 0;
    CONFIDE_RETURN_IF_ERROR(tx.uow().keys().ScanSubjectKeys([&](const store::SubjectKeyRow& row) -> Status {
      CONFIDE_ASSIGN_OR_RETURN(store::SubjectKeyRow rewrapped_row, keys_->RewrapSubjectKey(row, next));
      ++count;
      return tx.uow().keys().ReplaceSubjectKey(rewrapped_row);
    }));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::WrappedSecretRow> secrets, tx.uow().organisation().ListSecrets());
    for (const auto& s : secrets) {
      CONFIDE_ASSIGN_OR_RETURN(store::WrappedSecretRow rewrapped_row, keys_->RewrapSecret(s, next));
      CONFIDE_RETURN_IF_ERROR(tx.uow().organisation().PutSecret(rewrapped_row));
    }
    CONFIDE_RETURN_IF_ERROR(tx.Audit("key.rotate", 0, 0, 0,
                                     "from " + old_id + " to " + new_id + ", data keys " + std::to_string(count)));
    return true;
  });
  if (!rewrapped.ok()) {
    fs::remove(next_path, ec);
    return rewrapped.status();
  }
  // The database now needs the new key. Swap the files; if this is interrupted, Open() finishes it.
  const std::string retired = config_.kek_path + ".retired-" + old_id;
  fs::rename(config_.kek_path, retired, ec);
  if (!ec) fs::rename(next_path, config_.kek_path, ec);
  if (ec) return Status::IOError("the database was re-keyed but the key files could not be swapped: " + ec.message());
  CONFIDE_RETURN_IF_ERROR(SyncDirectory(fs::path(config_.kek_path).parent_path().string()));
  keys_->AdoptKeyEncryptionKey(std::move(next));
  return new_id;
}

}  // namespace confide::service
