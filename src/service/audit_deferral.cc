#include "service/audit_deferral.h"

namespace confide::service {
namespace {
thread_local AuditDeferral* current_deferral = nullptr;
}  // namespace

AuditDeferral::AuditDeferral() : outer_(current_deferral) { current_deferral = this; }
AuditDeferral::~AuditDeferral() { current_deferral = outer_; }
AuditDeferral* AuditDeferral::Current() { return current_deferral; }

std::function<void(Status)> AuditDeferral::State::Track() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++outstanding_;
    tracked_any_ = true;
  }
  return [self = shared_from_this()](Status s) {
    std::function<void(Status)> ready;
    Status outcome;
    {
      std::lock_guard<std::mutex> lock(self->mu_);
      if (!s.ok() && self->first_failure_.ok()) self->first_failure_ = std::move(s);
      if (--self->outstanding_ > 0 || !self->ready_) return;
      ready = std::move(self->ready_);
      self->ready_ = nullptr;
      outcome = self->first_failure_;
    }
    ready(std::move(outcome));
  };
}

void AuditDeferral::State::WhenDone(std::function<void(Status)> ready) {
  Status outcome;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (outstanding_ > 0) {
      ready_ = std::move(ready);
      return;
    }
    outcome = first_failure_;
  }
  ready(std::move(outcome));
}

bool AuditDeferral::State::tracked_any() const {
  std::lock_guard<std::mutex> lock(mu_);
  return tracked_any_;
}

}  // namespace confide::service
