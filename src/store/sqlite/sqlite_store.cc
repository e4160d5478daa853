#include "store/sqlite/sqlite_store.h"

#include <sys/stat.h>

#include <functional>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_repositories.h"

namespace confide::store::sqlite {
namespace {

class SqliteUnitOfWork final : public UnitOfWork {
 public:
  // A write unit of work holds the store's writer lock; a read one returns its connection to the
  // pool through `release` when it ends.
  SqliteUnitOfWork(std::unique_lock<std::mutex> lock, Connection& c, std::function<void()> release = {})
      : lock_(std::move(lock)),
        release_(std::move(release)),
        c_(c),
        organisation_(c),
        keys_(c),
        staff_(c),
        persons_(c),
        care_(c),
        records_(c),
        identity_(c),
        access_(c),
        consents_(c),
        sharing_(c),
        retention_(c),
        subject_access_(c),
        foi_(c),
        breaches_(c),
        audit_index_(c),
        audit_(c) {}

  ~SqliteUnitOfWork() override {
    if (open_) (void)c_.Run("ROLLBACK");
    if (release_) release_();
  }

  OrganisationRepository& organisation() override { return organisation_; }
  KeyRepository& keys() override { return keys_; }
  StaffRepository& staff() override { return staff_; }
  PersonRepository& persons() override { return persons_; }
  CareRepository& care() override { return care_; }
  RecordRepository& records() override { return records_; }
  IdentityRepository& identity() override { return identity_; }
  AccessRepository& access() override { return access_; }
  ConsentRepository& consents() override { return consents_; }
  SharingRepository& sharing() override { return sharing_; }
  RetentionRepository& retention() override { return retention_; }
  SubjectAccessRepository& subject_access() override { return subject_access_; }
  FoiRepository& foi() override { return foi_; }
  BreachRepository& breaches() override { return breaches_; }
  AuditIndexRepository& audit_index() override { return audit_index_; }
  audit::AuditStore& audit() override { return audit_; }

  Status Commit() override {
    if (!open_) return Status::FailedPrecondition("transaction is no longer open");
    Status s = c_.MaybeInjectFault();
    if (s.ok()) s = c_.Run("COMMIT");
    if (!s.ok()) {
      (void)c_.Run("ROLLBACK");
      open_ = false;
      return s.WithContext("commit");
    }
    open_ = false;
    return Status::Ok();
  }

  void MarkOpen() { open_ = true; }

 private:
  std::unique_lock<std::mutex> lock_;
  std::function<void()> release_;
  Connection& c_;
  bool open_ = false;
  SqliteOrganisationRepository organisation_;
  SqliteKeyRepository keys_;
  SqliteStaffRepository staff_;
  SqlitePersonRepository persons_;
  SqliteCareRepository care_;
  SqliteRecordRepository records_;
  SqliteIdentityRepository identity_;
  SqliteAccessRepository access_;
  SqliteConsentRepository consents_;
  SqliteSharingRepository sharing_;
  SqliteRetentionRepository retention_;
  SqliteSubjectAccessRepository subject_access_;
  SqliteFoiRepository foi_;
  SqliteBreachRepository breaches_;
  SqliteAuditIndexRepository audit_index_;
  SqliteAuditStore audit_;
};

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, bool create) {
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn, Connection::Open(path, create));
  // Ciphertext is still nobody else's business: owner-only, like the key file. SQLite gives the
  // -wal and -shm files the database file's permissions.
  if (create && ::chmod(path.c_str(), 0600) != 0) return Status::IOError("cannot restrict permissions of the database file");
  CONFIDE_RETURN_IF_ERROR(Migrate(*conn));
  // The writer reports the WAL's size after each commit instead of checkpointing itself (this
  // replaces SQLite's automatic checkpoint on that connection).
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<WalCheckpointer> checkpointer, WalCheckpointer::Start(path));
  sqlite3_wal_hook(
      conn->raw(),
      [](void* checkpointer, sqlite3*, const char*, int pages) -> int {
        static_cast<WalCheckpointer*>(checkpointer)->NoteWalPages(pages);
        return SQLITE_OK;
      },
      checkpointer.get());
  return std::unique_ptr<SqliteStore>(new SqliteStore(path, std::move(checkpointer), std::move(conn)));
}

Result<std::unique_ptr<UnitOfWork>> SqliteStore::Begin(TransactionMode mode) {
  if (mode == TransactionMode::kRead) {
    CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader, AcquireReader());
    // The unit of work hands the connection back to the pool when it ends, however it ends.
    Connection* c = reader.release();
    auto uow = std::make_unique<SqliteUnitOfWork>(std::unique_lock<std::mutex>(), *c,
                                                  [this, c] { ReleaseReader(std::unique_ptr<Connection>(c)); });
    // DEFERRED: the snapshot is taken at the first read, and a read-only connection never writes.
    CONFIDE_RETURN_IF_ERROR(c->Run("BEGIN DEFERRED"));
    uow->MarkOpen();
    return std::unique_ptr<UnitOfWork>(std::move(uow));
  }
  std::unique_lock<std::mutex> lock(mu_);
  auto uow = std::make_unique<SqliteUnitOfWork>(std::move(lock), *conn_);
  // IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading a read lock.
  CONFIDE_RETURN_IF_ERROR(conn_->Run("BEGIN IMMEDIATE"));
  uow->MarkOpen();
  return std::unique_ptr<UnitOfWork>(std::move(uow));
}

Result<std::unique_ptr<Connection>> SqliteStore::AcquireReader() {
  std::unique_lock<std::mutex> lock(readers_mu_);
  reader_returned_.wait(lock, [&] { return !idle_readers_.empty() || open_readers_ < kMaxReaders; });
  if (!idle_readers_.empty()) {
    std::unique_ptr<Connection> c = std::move(idle_readers_.back());
    idle_readers_.pop_back();
    return c;
  }
  ++open_readers_;
  lock.unlock();
  auto opened = Connection::Open(path_, /*create=*/false);
  // query_only: a read unit of work that tries to write fails instead of writing outside the
  // writer's lock.
  Status s = opened.ok() ? (*opened)->Exec("PRAGMA query_only=ON") : opened.status();
  if (!s.ok()) {
    lock.lock();
    --open_readers_;
    reader_returned_.notify_one();
    return s;
  }
  return std::move(opened).value();
}

void SqliteStore::ReleaseReader(std::unique_ptr<Connection> reader) {
  std::lock_guard<std::mutex> lock(readers_mu_);
  idle_readers_.push_back(std::move(reader));
  reader_returned_.notify_one();
}

Result<int> SqliteStore::SchemaVersion() {
  std::lock_guard<std::mutex> lock(mu_);
  return CurrentSchemaVersion(*conn_);
}

Status SqliteStore::CheckpointAndTruncateWal() {
  std::lock_guard<std::mutex> lock(mu_);
  int log_frames = 0, checkpointed = 0;
  int rc = sqlite3_wal_checkpoint_v2(conn_->raw(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log_frames, &checkpointed);
  if (rc != SQLITE_OK) return conn_->LastError("WAL checkpoint");
  return Status::Ok();
}

}  // namespace confide::store::sqlite
