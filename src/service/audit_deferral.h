// AuditDeferral: lets the caller of the vault take over the wait for durable audit events.
//
// A read is answered only once its audit event is durable. Called directly, Vault waits for that
// before it returns. A caller that holds results back itself — the HTTP server holds the response,
// and sends nothing until it is released — installs an AuditDeferral on its thread for the
// duration of the call: the vault then returns as soon as the events are queued, and the caller
// releases what it holds when WhenDone reports success (and sends an error instead on failure).
// That frees the thread for other requests while the batch commits.
//
// Thread-safety: installed on one thread (the constructor's), which must also destroy it. The
// shared State may be used from any thread.
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "confide/status.h"

namespace confide::service {

class AuditDeferral {
 public:
  // What outlives the call: the appends still outstanding and who to tell when they finish.
  class State : public std::enable_shared_from_this<State> {
   public:
    // A completion for one append: call it exactly once with its outcome. It keeps the State alive.
    std::function<void(Status)> Track();
    // Calls `ready` once every tracked append has finished, with the first failure if any (at
    // once, on this thread, if none is outstanding). Call at most once.
    void WhenDone(std::function<void(Status)> ready);
    bool tracked_any() const;

   private:
    mutable std::mutex mu_;
    int outstanding_ = 0;           // GUARDED_BY(mu_)
    bool tracked_any_ = false;      // GUARDED_BY(mu_)
    Status first_failure_;          // GUARDED_BY(mu_)
    std::function<void(Status)> ready_;  // GUARDED_BY(mu_)
  };

  // Installs the deferral on this thread (restoring any outer one when destroyed).
  AuditDeferral();
  ~AuditDeferral();
  AuditDeferral(const AuditDeferral&) = delete;
  AuditDeferral& operator=(const AuditDeferral&) = delete;

  // The deferral installed on this thread, if any.
  static AuditDeferral* Current();

  const std::shared_ptr<State>& state() const { return state_; }

 private:
  std::shared_ptr<State> state_ = std::make_shared<State>();
  AuditDeferral* outer_;
};

}  // namespace confide::service
