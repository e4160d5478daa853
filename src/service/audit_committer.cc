#include "service/audit_committer.h"

namespace confide::service {

Status AuditCommitter::Append(std::vector<audit::AuditEvent> events) {
  if (events.empty()) return Status::Ok();
  Ticket mine;
  mine.events = std::move(events);
  std::unique_lock<std::mutex> lock(mu_);
  queue_.push_back(&mine);
  if (committing_) {
    mine.wake.wait(lock, [&] { return mine.done || mine.lead; });
    if (mine.done) return mine.status;
  }
  // Lead: take everything queued (our own ticket first in line, as a waiter is only told to lead
  // when it is at the front), commit it, tell each caller, and pass the lead to the next in line.
  committing_ = true;
  for (;;) {
    std::vector<Ticket*> batch;
    size_t n = 0;
    while (!queue_.empty() && (batch.empty() || n + queue_.front()->events.size() <= kMaxBatchEvents)) {
      n += queue_.front()->events.size();
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    const Status s = CommitBatch(batch);
    lock.lock();
    if (s.ok()) {
      ++stats_.batches;
      stats_.events += n;
    }
    for (Ticket* t : batch) {
      t->status = s;
      t->done = true;
      if (t != &mine) t->wake.notify_one();
    }
    if (mine.done) break;  // a batch limit may have left our own ticket for the next round
  }
  if (queue_.empty()) {
    committing_ = false;
  } else {
    queue_.front()->lead = true;
    queue_.front()->wake.notify_one();
  }
  return mine.status;
}

Status AuditCommitter::CommitBatch(const std::vector<Ticket*>& batch) {
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store_.Begin(store::TransactionMode::kWrite));
  CONFIDE_ASSIGN_OR_RETURN(audit::AuditLog::Appender appender, log_.Begin(uow->audit()));
  for (const Ticket* t : batch) {
    for (const audit::AuditEvent& e : t->events) CONFIDE_RETURN_IF_ERROR(appender.Append(e).status());
  }
  CONFIDE_RETURN_IF_ERROR(appender.SignHead().status());
  CONFIDE_RETURN_IF_ERROR(uow->Commit());
  log_.Committed(appender);
  return Status::Ok();
}

size_t AuditCommitter::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

AuditCommitter::Stats AuditCommitter::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

}  // namespace confide::service
