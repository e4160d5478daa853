// Vault::Tx: the state of one vault transaction. Internal to the service layer.
#pragma once

#include <map>

#include "service/vault.h"

namespace confide::service {

class Vault::Tx {
 public:
  Tx(Vault& vault, std::unique_ptr<store::UnitOfWork> uow, audit::AuditLog::Appender appender, domain::StaffId actor,
     UnixMicros now)
      : vault_(vault), uow_(std::move(uow)), appender_(std::move(appender)), actor_(actor), now_(now) {}

  store::UnitOfWork& uow() { return *uow_; }
  std::unique_ptr<store::UnitOfWork> ReleaseUnitOfWork() { return std::move(uow_); }
  audit::AuditLog::Appender& appender() { return appender_; }
  domain::StaffId actor() const { return actor_; }
  void set_actor(domain::StaffId actor) { actor_ = actor; }
  // The transaction's time: every row and event it writes carries the same instant.
  UnixMicros now() const { return now_; }
  const KeyRing& keys() const { return *vault_.keys_; }

  // Appends an audit event for this transaction's actor.
  Status Audit(std::string_view action, domain::PersonId person_id, domain::RecordId record_id = 0,
               domain::VersionNumber version = 0, std::string detail = {}, std::string outcome = "ok") {
    audit::AuditEvent e{now_, actor_, std::string(action), person_id, record_id, version, std::move(outcome), std::move(detail)};
    return appender_.Append(e).status();
  }

  // The data key of a subject, unwrapped once per transaction. kFailedPrecondition if the subject
  // has been shredded.
  Result<const crypto::SecretKey*> SubjectKey(domain::SubjectId subject_id);

  // Creates a data subject with a fresh data key.
  Result<std::pair<domain::SubjectId, const crypto::SecretKey*>> NewSubject(std::string_view kind);

 private:
  Vault& vault_;
  std::unique_ptr<store::UnitOfWork> uow_;
  audit::AuditLog::Appender appender_;
  domain::StaffId actor_;
  UnixMicros now_;
  std::map<domain::SubjectId, std::shared_ptr<const crypto::SecretKey>> key_cache_;
};

}  // namespace confide::service

namespace confide::service {

// Failures worth an audit event: someone tried to reach a subject and could not.
inline bool IsAuditableFailure(const Status& s) {
  switch (s.code()) {
    case StatusCode::kNotFound:
    case StatusCode::kPermissionDenied:
    case StatusCode::kCorruption:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kConflict:
      return true;
    default:
      return false;
  }
}

Status CheckActor(store::UnitOfWork& uow, domain::StaffId actor, bool system_allowed);

// fsync of a directory, so renames in it survive power loss.
Status SyncDirectory(const std::string& path);

template <typename T>
Result<T> Vault::Transact(domain::StaffId actor, const AuditTarget& target, const std::function<Result<T>(Tx&)>& body) {
  const bool system_allowed = target.action == std::string_view("batch");
  Result<T> result = [&]() -> Result<T> {
    CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store_->Begin(store::TransactionMode::kWrite));
    CONFIDE_RETURN_IF_ERROR(CheckActor(*uow, actor, system_allowed));
    CONFIDE_ASSIGN_OR_RETURN(audit::AuditLog::Appender appender, audit_log_->Begin(uow->audit()));
    Tx tx(*this, std::move(uow), std::move(appender), actor, clock_.NowMicros());
    CONFIDE_ASSIGN_OR_RETURN(T value, body(tx));
    CONFIDE_RETURN_IF_ERROR(tx.appender().SignHead().status());
    CONFIDE_RETURN_IF_ERROR(tx.uow().Commit());
    audit_log_->Committed(tx.appender());
    return value;
  }();
  if (!result.ok() && IsAuditableFailure(result.status())) (void)RecordFailure(actor, target, result.status());
  return result;
}

}  // namespace confide::service
