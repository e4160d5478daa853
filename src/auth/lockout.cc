#include "auth/lockout.h"

#include <algorithm>

namespace confide::auth {

namespace {

constexpr int kFreeFailures = 3;
constexpr int64_t kFirstDelayMicros = 250'000;
constexpr int64_t kMaxDelayMicros = 2'000'000;

// A failure counts while now - t < window. One in the future (the clock stepped back) still counts.
bool InWindow(UnixMicros failure, UnixMicros now, const LockoutPolicy& policy) {
  return now - failure < policy.window_micros;
}

}  // namespace

bool IsLocked(const LockoutState& state, UnixMicros now, const LockoutPolicy& /*policy*/) {
  return state.locked_until.has_value() && now < *state.locked_until;
}

int FailuresInWindow(const LockoutState& state, UnixMicros now, const LockoutPolicy& policy) {
  return static_cast<int>(std::count_if(state.recent_failures.begin(), state.recent_failures.end(),
                                        [&](UnixMicros t) { return InWindow(t, now, policy); }));
}

LockoutState RecordFailure(LockoutState state, UnixMicros now, const LockoutPolicy& policy) {
  if (IsLocked(state, now, policy)) return state;
  state.locked_until.reset();
  std::erase_if(state.recent_failures, [&](UnixMicros t) { return !InWindow(t, now, policy); });
  state.recent_failures.push_back(now);
  if (static_cast<int>(state.recent_failures.size()) >= std::max(policy.max_failures, 1)) {
    state.locked_until = now + policy.lockout_micros;
    state.recent_failures.clear();
  }
  return state;
}

LockoutState RecordSuccess(LockoutState /*state*/, UnixMicros /*now*/,
                           const LockoutPolicy& /*policy*/) {
  return LockoutState{};
}

int64_t ThrottleDelayMicros(int failures_in_window) {
  if (failures_in_window <= kFreeFailures) return 0;
  int64_t delay = kFirstDelayMicros;
  // Stop doubling at the cap, so no shift can overflow however large the count.
  for (int n = kFreeFailures + 1; n < failures_in_window && delay < kMaxDelayMicros; ++n) {
    delay *= 2;
  }
  return std::min(delay, kMaxDelayMicros);
}

}  // namespace confide::auth
