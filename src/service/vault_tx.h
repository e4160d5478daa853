// Vault::Tx: the state of one vault transaction. Internal to the service layer.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "policy/access_policy.h"
#include "service/access_control.h"
#include "service/audit_committer.h"
#include "service/audit_deferral.h"
#include "service/vault.h"
#include "service/version_signature.h"

namespace confide::service {

class Vault::Tx {
 public:
  // A write transaction appends its audit events itself (`appender`); a read transaction (no
  // appender) keeps them for the AuditCommitter, which makes them durable before the result is
  // released.
  Tx(Vault& vault, std::unique_ptr<store::UnitOfWork> uow, audit::AuditLog::Appender appender,
     domain::StaffId actor, UnixMicros now, bool trusted, std::string* denial)
      : vault_(vault), uow_(std::move(uow)), appender_(std::move(appender)), actor_(actor), now_(now),
        trusted_(trusted), denial_(denial) {}
  // A read transaction. (A separate constructor rather than a moved-from empty optional: GCC 12
  // reports the empty Appender's members as maybe-uninitialized in the sanitizer build.)
  Tx(Vault& vault, std::unique_ptr<store::UnitOfWork> uow, domain::StaffId actor, UnixMicros now,
     std::string* denial)
      : vault_(vault), uow_(std::move(uow)), actor_(actor), now_(now), trusted_(false), denial_(denial) {}

  store::UnitOfWork& uow() { return *uow_; }
  std::unique_ptr<store::UnitOfWork> ReleaseUnitOfWork() { return std::move(uow_); }
  bool read_only() const { return !appender_.has_value(); }
  // The write transaction's appender (never called on a read transaction).
  audit::AuditLog::Appender& appender() { return *appender_; }
  // A read transaction's audit events, to be committed once it has ended.
  std::vector<audit::AuditEvent> TakeDeferredAudit() { return std::move(deferred_audit_); }
  domain::StaffId actor() const { return actor_; }
  void set_actor(domain::StaffId actor) { actor_ = actor; }
  // The transaction's time: every row and event it writes carries the same instant.
  UnixMicros now() const { return now_; }
  const KeyRing& keys() const { return *vault_.keys_; }
  // The sharing policy in force (Vault::sharing_policy).
  const sharing::SharingPolicy& sharing_policy() const { return vault_.sharing_policy_; }
  // Checks a stored version's signature under the organisation's key (remembering what verified).
  Status VerifyVersion(const VersionHeader& header, const FieldMap& fields, ByteView signature) {
    return service::VerifyVersion(vault_.keys_->signing_key().public_key(), header, fields, signature,
                                  vault_.verified_signatures_.get());
  }

  // Appends an audit event for this transaction's actor.
  Status Audit(std::string_view action, domain::PersonId person_id, domain::RecordId record_id = 0,
               domain::VersionNumber version = 0, std::string detail = {}, std::string outcome = "ok") {
    audit::AuditEvent e{now_, actor_, std::string(action), person_id, record_id, version, std::move(outcome), std::move(detail)};
    if (!appender_) {
      deferred_audit_.push_back(std::move(e));
      return Status::Ok();
    }
    return appender_->Append(e).status();
  }

  // Audits an access with the decision that allowed it: its explanation is the event's detail
  // (followed by `extra`), and an access allowed only with a flag (training lapsed in
  // warn-and-flag mode) has the outcome "flagged".
  Status AuditAccess(std::string_view action, const policy::Decision& d, domain::PersonId person_id,
                     domain::RecordId record_id = 0, domain::VersionNumber version = 0, std::string_view extra = {}) {
    std::string detail = d.AuditText();
    if (!extra.empty()) detail.append("; ").append(extra);
    return Audit(action, person_id, record_id, version, std::move(detail), d.flagged ? "flagged" : "ok");
  }

  // The need-to-know decision for this transaction's actor. A trusted transaction (set-up, bulk
  // loads as the system) is allowed everything.
  const policy::Decision& Decide(policy::Action action, domain::PersonId person_id,
                                 domain::SensitivityTier tier = domain::SensitivityTier::kGeneral);

  // Decides, and on a denial remembers the explanation for the failure's audit event and returns
  // `uniform`: callers pass the very status they return when the thing does not exist, so a denial
  // never tells whether it does. On success returns the decision (for AuditAccess).
  Result<const policy::Decision*> Authorize(policy::Action action, domain::PersonId person_id, domain::SensitivityTier tier,
                                            Status uniform);
  // For actions with no data subject: a denial is kPermissionDenied with the policy's words.
  Result<const policy::Decision*> Authorize(policy::Action action);

  // Remembers why access was denied (audited with the failure).
  void NoteDenial(const policy::Decision& d) {
    if (denial_) *denial_ = d.AuditText();
  }

  // Work to do only once the transaction has committed (in-memory access facts).
  void AfterCommit(std::function<void()> f) { after_commit_.push_back(std::move(f)); }
  bool HasAfterCommit() const { return !after_commit_.empty(); }
  void RunAfterCommit() {
    for (auto& f : after_commit_) f();
  }
  bool trusted() const { return trusted_; }

  // The data key of a subject, unwrapped once per transaction. kFailedPrecondition if the subject
  // has been shredded.
  Result<const crypto::SecretKey*> SubjectKey(domain::SubjectId subject_id);
  // Lets go of a subject's key before the transaction ends: a pass over every person (a retention
  // run) must not hold 100,000 keys in guarded memory at once (each costs mappings the kernel
  // limits). A later SubjectKey unwraps it again.
  void ForgetSubjectKey(domain::SubjectId subject_id) { key_cache_.erase(subject_id); }

  // Creates a data subject with a fresh data key.
  Result<std::pair<domain::SubjectId, const crypto::SecretKey*>> NewSubject(std::string_view kind);

 private:
  Vault& vault_;
  std::unique_ptr<store::UnitOfWork> uow_;
  std::optional<audit::AuditLog::Appender> appender_;
  std::vector<audit::AuditEvent> deferred_audit_;
  domain::StaffId actor_;
  UnixMicros now_;
  bool trusted_;
  std::string* denial_;
  std::vector<std::function<void()>> after_commit_;
  std::map<domain::SubjectId, std::shared_ptr<const crypto::SecretKey>> key_cache_;
};

}  // namespace confide::service

namespace confide::service {

// What a caller is told when a person or record does not exist — and, word for word, when the
// access policy hides it.
inline Status NoSuchPerson(domain::PersonId id) { return Status::NotFound("no person with id " + std::to_string(id)); }
inline Status NoSuchRecord(domain::RecordId id) { return Status::NotFound("no record with id " + std::to_string(id)); }

// Reads shared by the use cases (no authorization, no audit: the caller does both).
Result<store::PersonRow> LoadPersonRow(Vault::Tx& tx, domain::PersonId id);  // NoSuchPerson if absent
// Decrypts and checks the signature of a person's current version.
Result<domain::Person> ReadPerson(Vault::Tx& tx, const store::PersonRow& row);
// A child's relationships, decrypted.
Result<std::vector<domain::Relationship>> ReadRelationshipsOfChild(Vault::Tx& tx, const store::PersonRow& child);
// A person's records at their current versions, decrypted and signature-checked, those of tiers
// `include` accepts (service/vault_records.cc).
Result<std::vector<domain::RecordVersion>> ReadCurrentRecords(Vault::Tx& tx, const store::PersonRow& person,
                                                              const std::function<bool(domain::SensitivityTier)>& include);
// Every version of a person's details, oldest first, each decrypted and signature-checked
// (service/vault_people.cc).
Result<std::vector<domain::Person>> ReadPersonHistory(Vault::Tx& tx, const store::PersonRow& row);
// Every version of every record about a person, in the chronology's order and oldest version first
// within a record, decrypted and signature-checked, whatever their tier: the caller has authorized
// that (service/vault_records.cc).
Result<std::vector<domain::RecordVersion>> ReadAllRecordVersions(Vault::Tx& tx, const store::PersonRow& person);
// Every consent and refusal about a person, oldest first (service/vault_consent.cc).
Result<std::vector<sharing::ConsentRecord>> ReadConsentsOf(Vault::Tx& tx, const store::PersonRow& person);
// A person's sharing register, newest request first, with decisions, approvals and disclosures
// (service/vault_sharing.cc).
Result<std::vector<sharing::SharingCase>> ReadSharingCasesOf(Vault::Tx& tx, const store::PersonRow& person);
// Whether the consent registry gives valid consent for a share (service/vault_consent.cc).
Result<sharing::ConsentFinding> FindConsent(Vault::Tx& tx, const store::PersonRow& row, const domain::Person& person,
                                            const std::string& purpose, sharing::RecipientKind recipient,
                                            const std::vector<std::string>& categories, UnixMicros at);
// The directory (service/vault_recipients.cc): a recipient decrypted; kNotFound if absent.
Result<sharing::Recipient> LoadRecipient(Vault::Tx& tx, int64_t id);
Result<sharing::SharingAgreement> OpenAgreement(const store::AgreementRow& row);

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
  // Only set-up and bulk loads are trusted past the access policy; sign-in may run before anyone is
  // known, but decides nothing about personal data.
  const bool trusted = target.action == std::string_view("batch");
  const bool system_allowed = trusted || target.system_actor_ok;
  // Reads after this write must see it: a snapshot this thread shares ends here.
  if (SharedSnapshot* shared = SharedSnapshot::For(this)) {
    shared->uow_.reset();
    shared->synced_ = false;
  }
  std::string denial;
  Result<T> result = [&]() -> Result<T> {
    CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store_->Begin(store::TransactionMode::kWrite));
    CONFIDE_RETURN_IF_ERROR(CheckActor(*uow, actor, system_allowed));
    const UnixMicros now = clock_.NowMicros();
    CONFIDE_ASSIGN_OR_RETURN(int64_t epoch_before, access_->Sync(*uow, now));
    CONFIDE_ASSIGN_OR_RETURN(audit::AuditLog::Appender appender, audit_log_->Begin(uow->audit()));
    Tx tx(*this, std::move(uow), std::move(appender), actor, now, trusted, &denial);
    CONFIDE_ASSIGN_OR_RETURN(T value, body(tx));
    // A transaction that appended nothing (a session check) leaves the signed head as it was: it
    // still covers every entry.
    if (tx.appender().appended()) CONFIDE_RETURN_IF_ERROR(tx.appender().SignHead().status());
    int64_t epoch_after = epoch_before;
    if (tx.HasAfterCommit()) {
      CONFIDE_ASSIGN_OR_RETURN(epoch_after, tx.uow().access().AccessEpoch());
    }
    CONFIDE_RETURN_IF_ERROR(tx.uow().Commit());
    audit_log_->Committed(tx.appender());
    // A read transaction that sees the new epoch before the facts are applied waits for them, or
    // reloads them itself (ApplyCommitted and Sync are serialised).
    access_->ApplyCommitted(epoch_before, epoch_after, [&] { tx.RunAfterCommit(); });
    return value;
  }();
  if (!result.ok() && IsAuditableFailure(result.status())) (void)RecordFailure(actor, target, result.status(), denial);
  return result;
}

template <typename T>
Result<T> Vault::Read(domain::StaffId actor, const AuditTarget& target, const std::function<Result<T>(Tx&)>& body) {
  std::string denial;
  std::vector<audit::AuditEvent> events;
  SharedSnapshot* shared = SharedSnapshot::For(this);
  Result<T> result = [&]() -> Result<T> {
    std::unique_ptr<store::UnitOfWork> uow;
    bool synced = false;
    if (shared && shared->uow_) {
      uow = std::move(shared->uow_);
      synced = shared->synced_;
    } else {
      CONFIDE_ASSIGN_OR_RETURN(uow, store_->Begin(store::TransactionMode::kRead));
    }
    CONFIDE_RETURN_IF_ERROR(CheckActor(*uow, actor, target.system_actor_ok));
    const UnixMicros now = clock_.NowMicros();
    if (!synced) CONFIDE_RETURN_IF_ERROR(access_->Sync(*uow, now).status());
    Tx tx(*this, std::move(uow), actor, now, &denial);
    CONFIDE_ASSIGN_OR_RETURN(T value, body(tx));
    if (tx.HasAfterCommit()) return Status::Internal("a read transaction cannot change access facts");
    events = tx.TakeDeferredAudit();
    if (shared) {
      shared->uow_ = tx.ReleaseUnitOfWork();
      shared->synced_ = true;
    }
    return value;
  }();  // the snapshot ends here (unless shared): waiting for the audit commit holds no reader
  if (!result.ok()) {
    if (IsAuditableFailure(result.status())) (void)RecordFailure(actor, target, result.status(), denial);
    return result;
  }
  // Nothing leaves before its audit event is durable; if the log cannot be written, nothing leaves.
  // A caller that holds the result back itself (AuditDeferral) takes over that wait.
  if (events.empty()) return result;
  if (AuditDeferral* deferral = AuditDeferral::Current()) {
    audit_committer_->AppendAsync(std::move(events), deferral->state()->Track());
    return result;
  }
  CONFIDE_RETURN_IF_ERROR(audit_committer_->Append(std::move(events)));
  return result;
}

}  // namespace confide::service
