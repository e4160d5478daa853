#include "crypto/verification_cache.h"

#include <algorithm>

#include "crypto/signing.h"
#include "crypto/sodium_init.h"

namespace confide::crypto {

VerificationCache::VerificationCache(size_t capacity) : generation_capacity_(std::max<size_t>(1, capacity / 2)) {
  RandomBytes(key_.data(), key_.size());
}

Hash32 VerificationCache::Digest(ByteView public_key, ByteView message, ByteView signature) const {
  // The key and signature have fixed sizes (checked by the caller), so the concatenation is
  // unambiguous.
  return Blake2b256({public_key, signature, message}, ByteView(key_.data(), key_.size()));
}

bool VerificationCache::Verify(ByteView public_key, ByteView message, ByteView signature) {
  if (public_key.size() != kPublicKeyBytes || signature.size() != kSignatureBytes) return false;
  const Hash32 digest = Digest(public_key, message, signature);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (current_.count(digest)) {
      ++hits_;
      return true;
    }
    if (previous_.count(digest)) {
      ++hits_;
      RememberLocked(digest);  // still in use: keep it through the next generation
      return true;
    }
  }
  if (!VerifySignature(public_key, message, signature)) return false;
  std::lock_guard<std::mutex> lock(mu_);
  RememberLocked(digest);
  return true;
}

void VerificationCache::RememberLocked(const Hash32& digest) {
  if (current_.size() >= generation_capacity_) {
    previous_ = std::move(current_);
    current_.clear();
  }
  current_.insert(digest);
}

size_t VerificationCache::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

size_t VerificationCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_.size() + previous_.size();
}

}  // namespace confide::crypto
