// Throttling of password guessing against one account (ASVS 5.0 V6.3, NIST SP 800-63B 5.2.2):
// a pure policy over a small state the caller stores per account. No clock is read here; the
// caller passes `now`. Thread-safety: pure functions over values.
//
// Intended use at sign-in: keep a state per typed account identifier, whether or not the account
// exists, so unknown accounts lock exactly like real ones. If IsLocked, refuse with the message a
// wrong password gets, after the same work (verify against DummyPasswordHash), so neither a lock
// nor its timing confirms that an account exists. Otherwise wait ThrottleDelayMicros(failures in
// window), check the password, then store RecordFailure or RecordSuccess.
//
// The lock is temporary on purpose: a permanent lock would let anyone who knows a colleague's email
// address lock them out of their casework. 10 failures per 5 minutes and a 15-minute lock allow at
// most ~1,000 guesses a day per account, against a blocklisted 8+ character password.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/clock.h"

namespace confide::auth {

struct LockoutPolicy {
  int max_failures = 10;                              // failures within the window that lock; >= 1
  int64_t window_micros = int64_t{5} * 60 * 1000000;  // how long a failure counts
  int64_t lockout_micros = int64_t{15} * 60 * 1000000;
};

struct LockoutState {
  std::vector<UnixMicros> recent_failures;  // oldest first; never more than max_failures entries
  std::optional<UnixMicros> locked_until;

  bool operator==(const LockoutState&) const = default;
};

// True while now < locked_until.
bool IsLocked(const LockoutState& state, UnixMicros now, const LockoutPolicy& policy);

// Failures within the window at `now` (those at or after now - window).
int FailuresInWindow(const LockoutState& state, UnixMicros now, const LockoutPolicy& policy);

// The state after a failed attempt at `now`: failures older than the window are dropped, `now` is
// added, and reaching max_failures sets locked_until = now + lockout_micros and clears the list
// (the lock has dealt with them). An expired lock is cleared. While locked the state is returned
// unchanged: attempts are refused unchecked then, and must not extend the lock.
LockoutState RecordFailure(LockoutState state, UnixMicros now, const LockoutPolicy& policy);

// The state after a successful sign-in: no failures, no lock.
LockoutState RecordSuccess(LockoutState state, UnixMicros now, const LockoutPolicy& policy);

// A delay to apply before checking a password, given the failures already in the window: none for
// the first 3 (typing mistakes), then 250 ms doubling per failure, capped at 2 s.
int64_t ThrottleDelayMicros(int failures_in_window);

}  // namespace confide::auth
