#include "auth/lockout.h"

#include <gtest/gtest.h>

namespace confide::auth {
namespace {

constexpr UnixMicros kSecond = 1'000'000;
constexpr UnixMicros kMinute = 60 * kSecond;
constexpr UnixMicros kStart = 1'800'000'000 * kSecond;

const LockoutPolicy kPolicy;

LockoutState Fail(int times, UnixMicros at, UnixMicros spacing = kSecond, LockoutState state = {}) {
  for (int i = 0; i < times; ++i) {
    state = RecordFailure(std::move(state), at + i * spacing, kPolicy);
  }
  return state;
}

TEST(LockoutTest, DefaultsAreTenFailuresInFiveMinutesLockingFifteen) {
  EXPECT_EQ(kPolicy.max_failures, 10);
  EXPECT_EQ(kPolicy.window_micros, 5 * kMinute);
  EXPECT_EQ(kPolicy.lockout_micros, 15 * kMinute);
}

TEST(LockoutTest, NineFailuresDoNotLock) {
  const LockoutState s = Fail(9, kStart);
  EXPECT_FALSE(IsLocked(s, kStart + 9 * kSecond, kPolicy));
  EXPECT_EQ(FailuresInWindow(s, kStart + 9 * kSecond, kPolicy), 9);
  EXPECT_EQ(s.recent_failures.size(), 9u);
}

TEST(LockoutTest, TenthFailureLocksForFifteenMinutes) {
  const LockoutState s = Fail(10, kStart);
  const UnixMicros tenth = kStart + 9 * kSecond;
  ASSERT_TRUE(s.locked_until.has_value());
  EXPECT_EQ(*s.locked_until, tenth + 15 * kMinute);
  EXPECT_TRUE(IsLocked(s, tenth, kPolicy));
  EXPECT_TRUE(IsLocked(s, tenth + 15 * kMinute - 1, kPolicy));
  EXPECT_TRUE(s.recent_failures.empty());
}

TEST(LockoutTest, LockExpires) {
  const LockoutState s = Fail(10, kStart);
  const UnixMicros until = *s.locked_until;
  EXPECT_FALSE(IsLocked(s, until, kPolicy));
  // After it expires one failure does not re-lock: the count starts again.
  const LockoutState after = RecordFailure(s, until, kPolicy);
  EXPECT_FALSE(IsLocked(after, until, kPolicy));
  EXPECT_FALSE(after.locked_until.has_value());
  EXPECT_EQ(FailuresInWindow(after, until, kPolicy), 1);
}

TEST(LockoutTest, FailuresWhileLockedDoNotExtendTheLock) {
  const LockoutState s = Fail(10, kStart);
  const LockoutState again = Fail(20, kStart + kMinute, kSecond, s);
  EXPECT_EQ(again, s);
}

TEST(LockoutTest, FailuresOlderThanTheWindowAreForgotten) {
  // Nine failures, then a tenth exactly five minutes after the first: the first no longer counts.
  LockoutState s = Fail(9, kStart);
  s = RecordFailure(s, kStart + 5 * kMinute, kPolicy);
  EXPECT_FALSE(IsLocked(s, kStart + 5 * kMinute, kPolicy));
  EXPECT_EQ(s.recent_failures.size(), 9u);
  // One microsecond earlier all ten were inside the window.
  LockoutState t = Fail(9, kStart);
  t = RecordFailure(t, kStart + 5 * kMinute - 1, kPolicy);
  EXPECT_TRUE(IsLocked(t, kStart + 5 * kMinute - 1, kPolicy));
}

TEST(LockoutTest, SlowGuessingNeverLocks) {
  // One failure every 34 seconds: at most 9 fall within any 5 minutes, so the account never locks.
  const LockoutState s = Fail(100, kStart, 34 * kSecond);
  EXPECT_FALSE(s.locked_until.has_value());
  EXPECT_LE(s.recent_failures.size(), 9u);
}

TEST(LockoutTest, FailuresInWindowIgnoresOldOnes) {
  const LockoutState s = Fail(5, kStart);
  EXPECT_EQ(FailuresInWindow(s, kStart + 4 * kSecond, kPolicy), 5);
  EXPECT_EQ(FailuresInWindow(s, kStart + 5 * kMinute + 2 * kSecond, kPolicy), 2);
  EXPECT_EQ(FailuresInWindow(s, kStart + kMinute * 60, kPolicy), 0);
}

TEST(LockoutTest, SuccessClearsEverything) {
  EXPECT_EQ(RecordSuccess(Fail(9, kStart), kStart + kMinute, kPolicy), LockoutState{});
  EXPECT_EQ(RecordSuccess(Fail(10, kStart), kStart + kMinute, kPolicy), LockoutState{});
}

TEST(LockoutTest, CustomPolicy) {
  const LockoutPolicy strict{
      .max_failures = 1, .window_micros = kMinute, .lockout_micros = kSecond};
  const LockoutState s = RecordFailure({}, kStart, strict);
  EXPECT_TRUE(IsLocked(s, kStart, strict));
  EXPECT_FALSE(IsLocked(s, kStart + kSecond, strict));
}

TEST(ThrottleDelayTest, FreeThenGrowingThenCapped) {
  EXPECT_EQ(ThrottleDelayMicros(-1), 0);
  EXPECT_EQ(ThrottleDelayMicros(0), 0);
  EXPECT_EQ(ThrottleDelayMicros(3), 0);
  EXPECT_EQ(ThrottleDelayMicros(4), 250'000);
  EXPECT_EQ(ThrottleDelayMicros(5), 500'000);
  EXPECT_EQ(ThrottleDelayMicros(6), 1'000'000);
  EXPECT_EQ(ThrottleDelayMicros(7), 2'000'000);
  EXPECT_EQ(ThrottleDelayMicros(8), 2'000'000);
  EXPECT_EQ(ThrottleDelayMicros(1'000'000), 2'000'000);
  for (int n = 0; n < 100; ++n) EXPECT_LE(ThrottleDelayMicros(n), ThrottleDelayMicros(n + 1)) << n;
}

}  // namespace
}  // namespace confide::auth
