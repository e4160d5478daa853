#include "service/audit_committer.h"

#include <future>

namespace confide::service {

AuditCommitter::AuditCommitter(store::Store& store, audit::AuditLog& log)
    : store_(store), log_(log), thread_([this] { Run(); }) {}

AuditCommitter::~AuditCommitter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_.notify_one();
  thread_.join();
}

Status AuditCommitter::Append(std::vector<audit::AuditEvent> events) {
  if (events.empty()) return Status::Ok();
  std::promise<Status> outcome;
  std::future<Status> result = outcome.get_future();
  AppendAsync(std::move(events), [&outcome](Status s) { outcome.set_value(std::move(s)); });
  return result.get();
}

void AuditCommitter::AppendAsync(std::vector<audit::AuditEvent> events, Done done) {
  if (events.empty()) return done(Status::Ok());
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back({std::move(events), std::move(done)});
  }
  work_.notify_one();
}

void AuditCommitter::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    work_.wait(lock, [&] { return !queue_.empty() || stopping_; });
    if (queue_.empty()) return;  // stopping, and nothing is left to commit
    std::vector<Pending> batch;
    size_t n = 0;
    while (!queue_.empty() && (batch.empty() || n + queue_.front().events.size() <= kMaxBatchEvents)) {
      n += queue_.front().events.size();
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    stats_.taken += batch.size();
    lock.unlock();
    const Status s = CommitBatch(batch);
    lock.lock();
    if (s.ok()) {
      ++stats_.batches;
      stats_.events += n;
    }
    lock.unlock();
    for (Pending& p : batch) p.done(s);
    lock.lock();
  }
}

Status AuditCommitter::CommitBatch(const std::vector<Pending>& batch) {
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<store::UnitOfWork> uow, store_.Begin(store::TransactionMode::kWrite));
  CONFIDE_ASSIGN_OR_RETURN(audit::AuditLog::Appender appender, log_.Begin(uow->audit()));
  for (const Pending& p : batch) {
    for (const audit::AuditEvent& e : p.events) CONFIDE_RETURN_IF_ERROR(appender.Append(e).status());
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
