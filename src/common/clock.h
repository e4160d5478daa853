// Clock: the only way Confide reads the time, so tests can fix it.
// Times are microseconds since the Unix epoch, UTC. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>

namespace confide {

using UnixMicros = int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixMicros NowMicros() const = 0;
};

class SystemClock final : public Clock {
 public:
  UnixMicros NowMicros() const override;
  static SystemClock& Default();
};

// A clock that stands still unless advanced: for deterministic tests.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(UnixMicros start) : now_(start) {}
  UnixMicros NowMicros() const override { return now_.load(); }
  void Advance(UnixMicros delta) { now_ += delta; }
  void Set(UnixMicros t) { now_ = t; }

 private:
  std::atomic<UnixMicros> now_;
};

}  // namespace confide
