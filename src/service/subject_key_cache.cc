#include "service/subject_key_cache.h"

#include "crypto/hash.h"

namespace confide::service {

std::shared_ptr<const crypto::SecretKey> SubjectKeyCache::Find(int64_t subject_id, ByteView wrapped) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(subject_id);
  if (it == entries_.end()) return nullptr;
  if (!crypto::ConstantTimeEquals(it->second.wrapped, wrapped)) {
    lru_.erase(it->second.lru);
    entries_.erase(it);
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  return it->second.key;
}

void SubjectKeyCache::Put(int64_t subject_id, Bytes wrapped, std::shared_ptr<const crypto::SecretKey> key) {
  if (capacity_ == 0) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = entries_.find(subject_id); it != entries_.end()) {
    lru_.erase(it->second.lru);
    entries_.erase(it);
  }
  while (entries_.size() >= capacity_) {
    entries_.erase(lru_.back());
    lru_.pop_back();
  }
  lru_.push_front(subject_id);
  entries_.emplace(subject_id, Entry{std::move(wrapped), std::move(key), lru_.begin()});
}

void SubjectKeyCache::Erase(int64_t subject_id) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = entries_.find(subject_id); it != entries_.end()) {
    lru_.erase(it->second.lru);
    entries_.erase(it);
  }
}

size_t SubjectKeyCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

}  // namespace confide::service
