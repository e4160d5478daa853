// Vault: opening and initialising a data directory, transactions, batches and audit queries.
#include "service/vault.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include <fstream>
#include <sstream>

#include "service/access_control.h"
#include "service/audit_committer.h"
#include "service/audit_deferral.h"
#include "service/default_access_policy.h"
#include "service/governance_policy_file.h"
#include "service/sharing_policy_file.h"
#include "service/field_codec.h"
#include "service/vault_tx.h"
#include "store/sqlite/sqlite_store.h"

namespace confide::service {

namespace {
thread_local Vault::SharedSnapshot* current_snapshot = nullptr;
}  // namespace

Vault::SharedSnapshot::SharedSnapshot(Vault& vault) : vault_(&vault), outer_(current_snapshot) { current_snapshot = this; }
Vault::SharedSnapshot::~SharedSnapshot() { current_snapshot = outer_; }

Vault::SharedSnapshot* Vault::SharedSnapshot::For(const Vault* vault) {
  for (SharedSnapshot* s = current_snapshot; s; s = s->outer_) {
    if (s->vault_ == vault) return s;
  }
  return nullptr;
}
namespace fs = std::filesystem;

Status CheckActor(store::UnitOfWork& uow, domain::StaffId actor, bool system_allowed) {
  if (actor == domain::kSystemActor) {
    if (system_allowed) return Status::Ok();
    return Status::PermissionDenied("this action needs a staff member, not the system");
  }
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> staff, uow.staff().Get(actor));
  if (!staff) return Status::PermissionDenied("staff member " + std::to_string(actor) + " does not exist");
  if (!staff->active) return Status::PermissionDenied("staff member " + std::to_string(actor) + " is not active");
  return Status::Ok();
}

Result<const crypto::SecretKey*> Vault::Tx::SubjectKey(domain::SubjectId subject_id) {
  if (auto it = key_cache_.find(subject_id); it != key_cache_.end()) return it->second.get();
  // Always read the wrapped key: its absence is how a shredding (by any process) shows.
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SubjectKeyRow> row, uow_->keys().GetSubjectKey(subject_id));
  if (!row) {
    vault_.subject_keys_->Erase(subject_id);
    return Status::FailedPrecondition("the data of subject " + std::to_string(subject_id) +
                                      " has been destroyed and cannot be read");
  }
  std::shared_ptr<const crypto::SecretKey> key = vault_.subject_keys_->Find(subject_id, row->wrapped_key);
  if (!key) {
    CONFIDE_ASSIGN_OR_RETURN(crypto::SecretKey unwrapped, vault_.keys_->UnwrapSubjectKey(*row));
    key = std::make_shared<const crypto::SecretKey>(std::move(unwrapped));
    vault_.subject_keys_->Put(subject_id, row->wrapped_key, key);
  }
  return key_cache_.emplace(subject_id, std::move(key)).first->second.get();
}

Result<std::pair<domain::SubjectId, const crypto::SecretKey*>> Vault::Tx::NewSubject(std::string_view kind) {
  // Another process may have rotated the key-encryption key since this one opened the vault: a new
  // data key wrapped under the retired key would be unreadable to everyone else.
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::WrappedSecretRow> seed, uow_->organisation().GetSecret(kSigningSeedSecret));
  if (seed && seed->kek_id != vault_.keys_->kek_id()) {
    return Status::FailedPrecondition("the key-encryption key was rotated by another process: open Confide again");
  }
  CONFIDE_ASSIGN_OR_RETURN(domain::SubjectId id, uow_->keys().CreateSubject(kind, now_));
  store::SubjectKeyRow wrapped;
  CONFIDE_ASSIGN_OR_RETURN(crypto::SecretKey key, vault_.keys_->NewSubjectKey(id, wrapped));
  CONFIDE_RETURN_IF_ERROR(uow_->keys().InsertSubjectKey(wrapped));
  auto shared = std::make_shared<const crypto::SecretKey>(std::move(key));
  // Safe to cache before commit: a rolled-back subject id, if reused, has another wrapped key.
  vault_.subject_keys_->Put(id, wrapped.wrapped_key, shared);
  const crypto::SecretKey* stored = shared.get();
  key_cache_.emplace(id, std::move(shared));
  return std::make_pair(id, stored);
}

const policy::Decision& Vault::Tx::Decide(policy::Action action, domain::PersonId person_id, domain::SensitivityTier tier) {
  // Set-up and bulk loads by the system: outside the policy, and said so in the log.
  static const policy::Decision kTrusted = [] {
    policy::Decision d;
    d.allowed = true;
    d.rule_id = "system";
    d.chain.push_back({policy::StepKind::kRule, policy::Effect::kAllow, "system",
                       "Set-up and bulk loads run as the system, outside the access policy."});
    return d;
  }();
  if (trusted_) return kTrusted;
  return vault_.access_->Decide(actor_, action, person_id, tier, now_);
}

Result<const policy::Decision*> Vault::Tx::Authorize(policy::Action action, domain::PersonId person_id,
                                                     domain::SensitivityTier tier, Status uniform) {
  const policy::Decision& d = Decide(action, person_id, tier);
  if (!d.allowed) {
    NoteDenial(d);
    return uniform;
  }
  return &d;
}

Result<const policy::Decision*> Vault::Tx::Authorize(policy::Action action) {
  const policy::Decision& d = Decide(action, 0);
  if (!d.allowed) {
    NoteDenial(d);
    return Status::PermissionDenied("the access policy does not allow " + std::string(policy::ToString(action)) + " for you (" +
                                    std::string(d.rule_id) + ")");
  }
  return &d;
}

Vault::Vault(DataDirConfig config, std::unique_ptr<store::Store> store, std::unique_ptr<KeyRing> keys,
             std::shared_ptr<const policy::AccessPolicy> policy, sharing::SharingPolicy sharing_policy,
             governance::GovernancePolicy governance, const Clock& clock)
    : config_(std::move(config)), store_(std::move(store)), keys_(std::move(keys)), clock_(clock),
      sharing_policy_(std::move(sharing_policy)),
      governance_(std::make_shared<const governance::GovernancePolicy>(std::move(governance))) {
  audit_log_ = std::make_unique<audit::AuditLog>(keys_->signing_key(), clock_, config_.checkpoint);
  audit_committer_ = std::make_unique<AuditCommitter>(*store_, *audit_log_);
  verified_signatures_ = std::make_unique<crypto::VerificationCache>();
  subject_keys_ = std::make_unique<SubjectKeyCache>(kSubjectKeyCacheCapacity);
  access_ = std::make_unique<AccessControl>(std::move(policy), governance_->confidentiality_policy);
}

const policy::AccessPolicy& Vault::access_policy() const { return access_->policy(); }

Vault::~Vault() = default;

namespace {

}  // namespace

Status SyncDirectory(const std::string& path) {
  // A rename is durable only once its directory is synced.
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return Status::IOError("cannot open directory " + path);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Status::IOError("cannot sync directory " + path);
  return Status::Ok();
}

namespace {

constexpr const char* kPolicyFileName = "access-policy.toml";

// The access policy in force: the configured file, else DATA/access-policy.toml, else the shipped
// default. A policy that does not validate stops Confide from opening: never guess at access rules.
Result<std::shared_ptr<const policy::AccessPolicy>> LoadAccessPolicy(const DataDirConfig& cfg) {
  std::string path = cfg.access_policy_path;
  std::error_code ec;
  if (path.empty()) {
    const std::string in_dir = (fs::path(cfg.data_dir) / kPolicyFileName).string();
    if (fs::exists(in_dir, ec)) path = in_dir;
  }
  if (path.empty()) {
    CONFIDE_ASSIGN_OR_RETURN(policy::AccessPolicy p, policy::AccessPolicy::Parse(DefaultAccessPolicyToml(), "default access policy"));
    return std::shared_ptr<const policy::AccessPolicy>(std::make_shared<policy::AccessPolicy>(std::move(p)));
  }
  if (!fs::exists(path, ec)) return Status::FailedPrecondition("the access policy file " + path + " is missing");
  CONFIDE_ASSIGN_OR_RETURN(policy::AccessPolicy p, policy::AccessPolicy::LoadFile(path));
  return std::shared_ptr<const policy::AccessPolicy>(std::make_shared<policy::AccessPolicy>(std::move(p)));
}

Status WriteDefaultPolicy(const std::string& data_dir) {
  const fs::path file = fs::path(data_dir) / kPolicyFileName;
  std::error_code ec;
  if (fs::exists(file, ec)) return Status::Ok();
  std::ofstream out(file);
  out << DefaultAccessPolicyToml();
  out.close();
  if (!out) return Status::IOError("cannot write the access policy in the data directory");
  return Status::Ok();
}

// The audit lookup index is derived from the entries: entries written before it existed (schema
// version 1) are indexed on open. Idempotent; a crash part-way leaves nothing half-done.
Status IndexAuditEntries(store::Store& store) {
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store.Begin(store::TransactionMode::kWrite));
  CONFIDE_ASSIGN_OR_RETURN(uint64_t indexed, uow->audit_index().IndexedCount());
  CONFIDE_ASSIGN_OR_RETURN(uint64_t entries, uow->audit().EntryCount());
  if (indexed >= entries) return Status::Ok();
  CONFIDE_RETURN_IF_ERROR(uow->audit().ScanEntries(indexed, [&](uint64_t seq, ByteView entry, ByteView) -> Status {
    CONFIDE_ASSIGN_OR_RETURN(audit::AuditEntry e, audit::DecodeAuditEntry(entry));
    if (e.seq != seq) return Status::Corruption("audit entry " + std::to_string(seq) + " names another position");
    return uow->audit_index().Insert({seq, e.event.time, e.event.actor, e.event.person_id, e.event.action, e.event.outcome});
  }));
  return uow->Commit();
}

Status MakePrivateDirectory(const std::string& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) return Status::IOError("cannot create directory " + path + ": " + ec.message());
  if (::chmod(path.c_str(), 0700) != 0) return Status::IOError("cannot restrict permissions of " + path);
  return Status::Ok();
}

// Finishes a key rotation interrupted after the database switched to the new key but before the
// key files were swapped (see RotateKeyEncryptionKey).
Result<crypto::KeyEncryptionKey> ReadKeyCompletingRotation(const DataDirConfig& cfg, const std::string& db_kek_id) {
  const std::string next_path = cfg.kek_path + ".next";
  std::error_code ec;
  auto current = crypto::ReadKeyFile(cfg.kek_path);
  if (!current.ok() && current.status().code() == StatusCode::kNotFound && fs::exists(next_path, ec)) {
    // Interrupted between the two renames: the old key is already retired, the new one not yet in
    // place. Finish only if the database really is under the new key.
    CONFIDE_ASSIGN_OR_RETURN(crypto::KeyEncryptionKey next, crypto::ReadKeyFile(next_path));
    if (next.key_id != db_kek_id) return current.status();
    fs::rename(next_path, cfg.kek_path, ec);
    if (ec) return Status::IOError("cannot complete the interrupted key rotation: " + ec.message());
    CONFIDE_RETURN_IF_ERROR(SyncDirectory(fs::path(cfg.kek_path).parent_path().string()));
    return next;
  }
  if (!current.ok()) return current.status();
  crypto::KeyEncryptionKey kek = std::move(current).value();
  if (kek.key_id == db_kek_id || db_kek_id.empty()) return kek;
  if (!fs::exists(next_path, ec)) return kek;  // a plain wrong key: KeyRing::Load explains
  CONFIDE_ASSIGN_OR_RETURN(crypto::KeyEncryptionKey next, crypto::ReadKeyFile(next_path));
  if (next.key_id != db_kek_id) return kek;
  fs::rename(cfg.kek_path, cfg.kek_path + ".retired-" + kek.key_id, ec);
  if (!ec) fs::rename(next_path, cfg.kek_path, ec);
  if (ec) return Status::IOError("cannot complete the interrupted key rotation: " + ec.message());
  CONFIDE_RETURN_IF_ERROR(SyncDirectory(fs::path(cfg.kek_path).parent_path().string()));
  return next;
}

}  // namespace

Result<std::unique_ptr<Vault>> Vault::Init(const std::string& data_dir, const InitOptions& options, const Clock& clock) {
  if (options.organisation_name.empty()) return Status::InvalidArgument("the organisation needs a name");
  if (options.administrator.full_name.empty()) return Status::InvalidArgument("the first administrator needs a name");
  CONFIDE_RETURN_IF_ERROR(MakePrivateDirectory(data_dir));
  CONFIDE_ASSIGN_OR_RETURN(DataDirConfig cfg, LoadDataDirConfig(data_dir));
  std::error_code ec;
  if (fs::exists(cfg.database_path, ec)) return Status::Conflict("the data directory already holds a Confide database");
  if (fs::exists(cfg.kek_path, ec)) return Status::Conflict("a key file already exists at " + cfg.kek_path);
  CONFIDE_RETURN_IF_ERROR(WriteDefaultConfig(data_dir));
  CONFIDE_RETURN_IF_ERROR(WriteDefaultPolicy(data_dir));
  CONFIDE_RETURN_IF_ERROR(WriteDefaultSharingPolicy(data_dir));
  CONFIDE_RETURN_IF_ERROR(WriteDefaultGovernancePolicy(data_dir));
  CONFIDE_ASSIGN_OR_RETURN(cfg, LoadDataDirConfig(data_dir));
  CONFIDE_ASSIGN_OR_RETURN(std::shared_ptr<const policy::AccessPolicy> access_policy, LoadAccessPolicy(cfg));
  CONFIDE_ASSIGN_OR_RETURN(sharing::SharingPolicy sharing_policy, LoadSharingPolicy(cfg));
  CONFIDE_ASSIGN_OR_RETURN(governance::GovernancePolicy governance, LoadGovernancePolicy(cfg));
  CONFIDE_RETURN_IF_ERROR(CheckTrainingPolicies(*access_policy, governance));
  CONFIDE_RETURN_IF_ERROR(MakePrivateDirectory(fs::path(cfg.kek_path).parent_path().string()));

  // From here on a failure removes what this call created (and nothing a concurrent init made), so
  // a failed init can simply be retried.
  bool created_key = false, created_db = false;
  auto cleanup = [&]() {
    if (created_db) {
      fs::remove(cfg.database_path, ec);
      fs::remove(cfg.database_path + "-wal", ec);
      fs::remove(cfg.database_path + "-shm", ec);
    }
    if (created_key) fs::remove(cfg.kek_path, ec);
  };
  auto result = [&]() -> Result<std::unique_ptr<Vault>> {
    CONFIDE_ASSIGN_OR_RETURN(crypto::KeyEncryptionKey kek, crypto::CreateKeyFile(cfg.kek_path));
    created_key = true;
    if (fs::exists(cfg.database_path, ec)) return Status::Conflict("the data directory already holds a Confide database");
    CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::sqlite::SqliteStore> store,
                             store::sqlite::SqliteStore::Open(cfg.database_path, /*create=*/true));
    created_db = true;
    std::vector<store::WrappedSecretRow> secrets;
    CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<KeyRing> keys, KeyRing::CreateNew(std::move(kek), secrets));
    const crypto::PublicKey pk = keys->signing_key().public_key();
    std::unique_ptr<Vault> vault(new Vault(cfg, std::move(store), std::move(keys), access_policy, sharing_policy, governance, clock));
    CONFIDE_RETURN_IF_ERROR(vault->Batch(domain::kSystemActor, [&](BatchWriter& w) -> Status {
      Vault::Tx& tx = w.tx_;
      store::OrganisationRow org{1, options.organisation_name, std::string(domain::ToString(options.kind)),
                                 Bytes(pk.begin(), pk.end()), tx.now()};
      CONFIDE_RETURN_IF_ERROR(tx.uow().organisation().Put(org));
      for (const auto& s : secrets) CONFIDE_RETURN_IF_ERROR(tx.uow().organisation().PutSecret(s));
      CONFIDE_RETURN_IF_ERROR(tx.Audit("organisation.init", 0));
      return w.AddStaff(domain::StaffRole::kAdministrator, "Administration", options.administrator).status();
    }));
    return vault;
  }();
  if (!result.ok()) cleanup();
  return result;
}

Result<std::unique_ptr<Vault>> Vault::Open(const std::string& data_dir, const Clock& clock) {
  CONFIDE_ASSIGN_OR_RETURN(DataDirConfig cfg, LoadDataDirConfig(data_dir));
  CONFIDE_ASSIGN_OR_RETURN(std::shared_ptr<const policy::AccessPolicy> access_policy, LoadAccessPolicy(cfg));
  CONFIDE_ASSIGN_OR_RETURN(sharing::SharingPolicy sharing_policy, LoadSharingPolicy(cfg));
  // The training gate needs the confidentiality policy in force: a governance policy that does not
  // validate stops Confide from opening, as an access policy does.
  CONFIDE_ASSIGN_OR_RETURN(governance::GovernancePolicy governance, LoadGovernancePolicy(cfg));
  std::error_code ec;
  if (!fs::exists(cfg.database_path, ec)) {
    return Status::NotFound("no Confide database in " + data_dir + " (run `confide init` first)");
  }
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::sqlite::SqliteStore> store,
                           store::sqlite::SqliteStore::Open(cfg.database_path, /*create=*/false));
  std::vector<store::WrappedSecretRow> secrets;
  std::optional<store::OrganisationRow> org;
  {
    CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store->Begin(store::TransactionMode::kRead));
    CONFIDE_ASSIGN_OR_RETURN(secrets, uow->organisation().ListSecrets());
    CONFIDE_ASSIGN_OR_RETURN(org, uow->organisation().Get());
  }
  if (!org) return Status::FailedPrecondition("the database has no organisation: it was not initialised");
  const std::string db_kek_id = secrets.empty() ? std::string() : secrets.front().kek_id;
  auto kek = ReadKeyCompletingRotation(cfg, db_kek_id);
  if (!kek.ok()) {
    if (kek.status().code() == StatusCode::kNotFound) {
      return Status::FailedPrecondition("the key file " + cfg.kek_path + " is missing: Confide cannot decrypt anything without it");
    }
    return kek.status();
  }
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<KeyRing> keys, KeyRing::Load(std::move(kek).value(), secrets));
  {
    // Initialisation writes the first entries, so an initialised database with an empty audit log
    // has had it wiped.
    CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store->Begin(store::TransactionMode::kRead));
    CONFIDE_ASSIGN_OR_RETURN(uint64_t entries, uow->audit().EntryCount());
    if (entries == 0) return Status::Corruption("the audit log is empty: it has been wiped; run `confide audit verify`");
  }
  const crypto::PublicKey& pk = keys->signing_key().public_key();
  if (!crypto::ConstantTimeEquals(pk, org->signing_public_key)) {
    return Status::Corruption("the organisation's public key in the database does not match its signing key");
  }
  CONFIDE_RETURN_IF_ERROR(IndexAuditEntries(*store));
  CONFIDE_RETURN_IF_ERROR(CheckTrainingPolicies(*access_policy, governance));
  std::unique_ptr<Vault> vault(new Vault(std::move(cfg), std::move(store), std::move(keys), std::move(access_policy),
                                         std::move(sharing_policy), std::move(governance), clock));
  CONFIDE_RETURN_IF_ERROR(vault->CheckAcknowledgedText());
  return vault;
}

namespace {
Result<domain::Organisation> ReadOrganisation(store::UnitOfWork& uow) {
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::OrganisationRow> row, uow.organisation().Get());
  if (!row) return Status::FailedPrecondition("no organisation");
  return domain::Organisation{row->id, row->name, domain::ParseOrganisationKind(row->kind).value_or(domain::OrganisationKind::kOther),
                              row->created_at};
}
}  // namespace

Result<domain::Organisation> Vault::GetOrganisation() {
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store_->Begin(store::TransactionMode::kRead));
  return ReadOrganisation(*uow);
}

Result<domain::Organisation> Vault::GetOrganisationIn(Tx& tx) { return ReadOrganisation(tx.uow()); }

Result<int64_t> Vault::CountPeople() {
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store_->Begin(store::TransactionMode::kRead));
  return uow->persons().Count();
}

Status Vault::RecordFailure(domain::StaffId actor, const AuditTarget& target, const Status& failure,
                            const std::string& denial) {
  // The outcome is the error's code only: messages are for the caller, not the permanent log. A
  // refusal by the access policy is "denied" with the decision's explanation, whatever the caller
  // was told.
  audit::AuditEvent e{clock_.NowMicros(), actor, target.action, target.person_id, target.record_id, 0,
                      denial.empty() ? std::string(StatusCodeName(failure.code())) : std::string("denied"), denial};
  if (AuditDeferral* deferral = AuditDeferral::Current()) {
    audit_committer_->AppendAsync({std::move(e)}, deferral->state()->Track());
    return Status::Ok();
  }
  return audit_committer_->Append({std::move(e)});
}

Status Vault::Batch(domain::StaffId actor, const std::function<Status(BatchWriter&)>& body) {
  return Transact<bool>(actor, {"batch"}, [&](Tx& tx) -> Result<bool> {
           BatchWriter writer(*this, tx);
           CONFIDE_RETURN_IF_ERROR(body(writer));
           return true;
         })
      .status();
}

Status BatchWriter::ActAs(domain::StaffId actor) {
  CONFIDE_RETURN_IF_ERROR(CheckActor(tx_.uow(), actor, /*system_allowed=*/true));
  tx_.set_actor(actor);
  return Status::Ok();
}
Result<domain::StaffId> BatchWriter::AddStaff(domain::StaffRole role, const std::string& team, const domain::StaffDetails& d) {
  return vault_.AddStaffIn(tx_, role, team, d);
}
Result<domain::PersonId> BatchWriter::AddPerson(domain::PersonKind kind, const domain::PersonDetails& d) {
  return vault_.AddPersonIn(tx_, kind, d);
}
Result<domain::RelationshipId> BatchWriter::AddRelationship(domain::PersonId child_id, domain::PersonId person_id,
                                                            const domain::RelationshipDetails& d) {
  return vault_.AddRelationshipIn(tx_, child_id, person_id, d);
}
Result<int64_t> BatchWriter::RecordTraining(const domain::TrainingRecord& t) { return vault_.RecordTrainingIn(tx_, t); }
Result<domain::AllocationId> BatchWriter::Allocate(const domain::Allocation& a) { return vault_.AllocateIn(tx_, a); }
Result<domain::RecordId> BatchWriter::AddRecord(const RecordDraft& draft) { return vault_.AddRecordIn(tx_, draft); }
Result<domain::VersionNumber> BatchWriter::AmendRecord(const RecordAmendment& a) { return vault_.AmendRecordIn(tx_, a); }
Result<int64_t> BatchWriter::RecordConsent(const sharing::ConsentRecord& r) { return vault_.RecordConsentIn(tx_, r); }

// ---- audit queries: read-only transactions ----

namespace {
// An initialised database always has audit entries (initialisation writes them).
Result<audit::VerifyReport> VerifyInitialisedLog(audit::AuditStore& store, ByteView public_key,
                                                 const audit::VerifyOptions& options) {
  CONFIDE_ASSIGN_OR_RETURN(audit::VerifyReport report, audit::VerifyAuditLog(store, public_key, options));
  if (report.entries == 0) report.problems.push_back("the audit log is empty: it has been wiped");
  return report;
}
}  // namespace

Result<audit::VerifyReport> Vault::VerifyAudit(const audit::VerifyOptions& options) {
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store_->Begin(store::TransactionMode::kRead));
  return VerifyInitialisedLog(uow->audit(), organisation_public_key(), options);
}

Result<audit::SignedTreeHead> Vault::LatestAuditHead() {
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store_->Begin(store::TransactionMode::kRead));
  CONFIDE_ASSIGN_OR_RETURN(std::optional<audit::SignedTreeHead> head, uow->audit().LatestTreeHead());
  if (!head) return Status::NotFound("the audit log has no signed head yet");
  return *head;
}

Result<audit::AuditEntry> Vault::GetAuditEntry(uint64_t seq) {
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store_->Begin(store::TransactionMode::kRead));
  CONFIDE_ASSIGN_OR_RETURN(Bytes entry, uow->audit().GetEntry(seq));
  return audit::DecodeAuditEntry(entry);
}

Result<std::vector<audit::Hash32>> Vault::AuditInclusionProof(uint64_t seq, uint64_t tree_size) {
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store_->Begin(store::TransactionMode::kRead));
  CONFIDE_ASSIGN_OR_RETURN(uint64_t count, uow->audit().EntryCount());
  if (tree_size > count) return Status::InvalidArgument("the audit log has only " + std::to_string(count) + " entries");
  return audit::StoredInclusionProof(uow->audit(), seq, tree_size);
}

Result<std::vector<audit::Hash32>> Vault::AuditConsistencyProof(uint64_t size1, uint64_t size2) {
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store_->Begin(store::TransactionMode::kRead));
  CONFIDE_ASSIGN_OR_RETURN(uint64_t count, uow->audit().EntryCount());
  if (size2 > count) return Status::InvalidArgument("the audit log has only " + std::to_string(count) + " entries");
  return audit::StoredConsistencyProof(uow->audit(), size1, size2);
}

}  // namespace confide::service

namespace confide::service {

Result<audit::VerifyReport> VerifyAuditWithPublicKey(const std::string& data_dir, ByteView public_key,
                                                     const audit::VerifyOptions& options) {
  if (public_key.size() != crypto::kPublicKeyBytes) return Status::InvalidArgument("a public key is 32 bytes (64 hex digits)");
  CONFIDE_ASSIGN_OR_RETURN(DataDirConfig cfg, LoadDataDirConfig(data_dir));
  std::error_code ec;
  if (!fs::exists(cfg.database_path, ec)) return Status::NotFound("no Confide database in " + data_dir);
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::sqlite::SqliteStore> store,
                           store::sqlite::SqliteStore::Open(cfg.database_path, /*create=*/false));
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store->Begin(store::TransactionMode::kRead));
  return VerifyInitialisedLog(uow->audit(), public_key, options);
}

Vault::AuditCommitFigures Vault::AuditCommitStats() const {
  const AuditCommitter::Stats s = audit_committer_->stats();
  return {s.batches, s.events, audit_committer_->queued()};
}

}  // namespace confide::service
