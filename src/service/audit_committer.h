// AuditCommitter: group commit for audit events that are not part of a write transaction — the
// accesses of read transactions and the failures of any call.
//
// A read must not be answered before its audit event is durable, but one durable commit per read
// caps reads at the disk's fsync rate. Callers hand their events over and wait; one of the waiting
// callers (the leader) appends every event queued so far in one write transaction, signs one head
// over them and commits once, then wakes the others. Events queued while the leader commits go in
// the next batch. No thread of its own: the leader is always a caller, so nothing runs when nobody
// waits.
//
// Thread-safety: Append may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include "audit/audit_entry.h"
#include "audit/audit_log.h"
#include "confide/status.h"
#include "store/store.h"

namespace confide::service {

class AuditCommitter {
 public:
  // `store` and `log` must outlive the committer.
  AuditCommitter(store::Store& store, audit::AuditLog& log) : store_(store), log_(log) {}

  // Appends `events` (in order, consecutively) and returns once they are committed, or with the
  // error that stopped their batch: then none of them is in the log.
  Status Append(std::vector<audit::AuditEvent> events);

  // How many batches and events have been committed (for /metrics and tests).
  struct Stats {
    uint64_t batches = 0;
    uint64_t events = 0;
  };
  Stats stats() const;
  // Callers waiting for a batch (for tests).
  size_t queued() const;

  // The most events one batch takes: bounds how long one commit holds the writer.
  static constexpr size_t kMaxBatchEvents = 4096;

 private:
  // One caller's events. Each waits on its own condition, so a finished batch wakes only its own
  // callers and the one caller that leads next, not every waiter.
  struct Ticket {
    std::vector<audit::AuditEvent> events;
    Status status;
    bool done = false;
    bool lead = false;  // told to lead the next batch
    std::condition_variable wake;
  };
  Status CommitBatch(const std::vector<Ticket*>& batch);

  store::Store& store_;
  audit::AuditLog& log_;
  mutable std::mutex mu_;
  std::deque<Ticket*> queue_;  // GUARDED_BY(mu_)
  bool committing_ = false;    // GUARDED_BY(mu_): a leader is committing a batch
  Stats stats_;                // GUARDED_BY(mu_)
};

}  // namespace confide::service
