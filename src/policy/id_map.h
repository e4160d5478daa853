// IdMap: a hash map from ids to values, stored in one flat array (open addressing, linear
// probing), for the directory's lookups on every decision: a lookup usually touches one slot,
// where std::unordered_map follows two pointers first. Entries are never erased (the directory
// keeps staff and persons once seen), which keeps probing simple.
//
// Not thread-safe: the directory guards it with its lock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace confide::policy {

template <typename V>
class IdMap {
 public:
  const V* Find(int64_t id) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = Home(id);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == id && s.used) return &s.value;
      if (!s.used) return nullptr;
    }
  }
  V* Find(int64_t id) { return const_cast<V*>(std::as_const(*this).Find(id)); }

  // The value for `id`, inserted default-constructed if absent. References stay valid until the
  // next insertion.
  V& operator[](int64_t id) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Grow();  // load factor at most 3/4
    for (size_t i = Home(id);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (!s.used) {
        s.used = true;
        s.key = id;
        ++size_;
        return s.value;
      }
      if (s.key == id) return s.value;
    }
  }

  size_t size() const { return size_; }

 private:
  struct Slot {
    int64_t key = 0;
    bool used = false;
    V value{};
  };

  // Fibonacci hashing: ids are often consecutive, and the multiply spreads them over the table.
  size_t Home(int64_t id) const { return static_cast<size_t>((static_cast<uint64_t>(id) * 0x9E3779B97F4A7C15ull) >> shift_); }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    size_t cap = old.empty() ? 16 : old.size() * 2;
    slots_ = std::vector<Slot>(cap);
    mask_ = cap - 1;
    shift_ = 64;
    while (cap > 1) {
      cap >>= 1;
      --shift_;
    }
    size_ = 0;
    for (Slot& s : old) {
      if (s.used) (*this)[s.key] = std::move(s.value);
    }
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
  size_t mask_ = 0;
  int shift_ = 64;
};

}  // namespace confide::policy
