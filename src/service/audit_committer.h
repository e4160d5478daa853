// AuditCommitter: group commit for audit events that are not part of a write transaction — the
// accesses of read transactions and the failures of any call.
//
// A read must not be answered before its audit event is durable, but one durable commit per read
// caps reads at the disk's fsync rate. Callers hand their events to the committer's thread, which
// appends everything queued so far in one write transaction, signs one head over it and commits
// once, then tells each caller. Events queued while a batch commits go in the next one. A caller
// either waits (Append) or is called back (AppendAsync: the HTTP server holds the response instead
// of a thread).
//
// Thread-safety: Append and AppendAsync may be called from any thread. Callbacks run on the
// committer's thread and must be quick.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "audit/audit_entry.h"
#include "audit/audit_log.h"
#include "confide/status.h"
#include "store/store.h"

namespace confide::service {

class AuditCommitter {
 public:
  using Done = std::function<void(Status)>;

  // `store` and `log` must outlive the committer.
  AuditCommitter(store::Store& store, audit::AuditLog& log);
  // Commits whatever is queued, then stops.
  ~AuditCommitter();
  AuditCommitter(const AuditCommitter&) = delete;
  AuditCommitter& operator=(const AuditCommitter&) = delete;

  // Appends `events` (in order, consecutively) and returns once they are committed, or with the
  // error that stopped their batch: then none of them is in the log.
  Status Append(std::vector<audit::AuditEvent> events);
  // The same without waiting: `done` is called with the outcome once the batch has committed or
  // failed (at once, on this thread, if there is nothing to append).
  void AppendAsync(std::vector<audit::AuditEvent> events, Done done);

  // How many batches and events have been committed, and how many appends have been taken into a
  // batch (committed, failed or committing) (for /metrics and tests).
  struct Stats {
    uint64_t batches = 0;
    uint64_t events = 0;
    uint64_t taken = 0;
  };
  Stats stats() const;
  // Appends queued and not yet taken into a batch (for tests).
  size_t queued() const;

  // The most events one batch takes: bounds how long one commit holds the writer.
  static constexpr size_t kMaxBatchEvents = 4096;

 private:
  struct Pending {
    std::vector<audit::AuditEvent> events;
    Done done;
  };
  void Run();
  Status CommitBatch(const std::vector<Pending>& batch);

  store::Store& store_;
  audit::AuditLog& log_;
  mutable std::mutex mu_;
  std::condition_variable work_;
  std::deque<Pending> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;      // GUARDED_BY(mu_)
  Stats stats_;                // GUARDED_BY(mu_)
  std::thread thread_;         // last: starts once everything above exists
};

}  // namespace confide::service
