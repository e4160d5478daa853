// SubjectKeyCache: unwrapped data keys kept across transactions, so a busy child's key is not
// unwrapped into fresh guarded memory (sodium_malloc + mlock, ~30 us) on every call.
//
// A cached key is used only when the subject's wrapped key in the database is byte-for-byte the
// one it was unwrapped from. Every transaction still reads the wrapped key, so a key destroyed
// (crypto-shredding) or re-wrapped (rotation) by this or any other process is noticed at once;
// a subject id reused after a rolled-back insert has a different wrapped key and misses.
// Bounded (least recently used out); keys stay in libsodium's guarded, locked memory and are wiped
// when evicted. Thread-safe.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "common/bytes.h"
#include "crypto/secret_key.h"

namespace confide::service {

class SubjectKeyCache {
 public:
  explicit SubjectKeyCache(size_t capacity) : capacity_(capacity) {}

  // The cached key for `subject_id` if it was unwrapped from exactly `wrapped`; null otherwise.
  std::shared_ptr<const crypto::SecretKey> Find(int64_t subject_id, ByteView wrapped);
  void Put(int64_t subject_id, Bytes wrapped, std::shared_ptr<const crypto::SecretKey> key);
  void Erase(int64_t subject_id);
  size_t size() const;

 private:
  struct Entry {
    Bytes wrapped;
    std::shared_ptr<const crypto::SecretKey> key;
    std::list<int64_t>::iterator lru;
  };

  const size_t capacity_;
  mutable std::mutex mu_;
  std::list<int64_t> lru_;                      // GUARDED_BY(mu_), most recent first
  std::unordered_map<int64_t, Entry> entries_;  // GUARDED_BY(mu_)
};

}  // namespace confide::service
