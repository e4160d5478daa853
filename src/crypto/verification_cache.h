// VerificationCache: Ed25519 verification that remembers what has verified.
//
// Every read of a record or a person checks the version's signature, and an Ed25519 verification
// (~50 us here) costs more than the rest of the read together. A version read again has the same
// public key, message and signature as the last time it verified, and verification is a pure
// function of those three, so the answer is remembered: a triple that verified once is accepted
// on sight. Only successes are kept; a failure is checked afresh every time, and a changed byte
// anywhere (content, header, signature, key) is a different triple.
//
// The triples are remembered by their BLAKE2b-256 digest keyed with a random per-process secret,
// so nobody can aim a forged triple at a remembered digest. Bounded: two generations of at most
// capacity/2 digests each; when the newer fills, the older is dropped (recently verified triples
// stay). Thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstring>
#include <mutex>
#include <unordered_set>

#include "common/bytes.h"
#include "crypto/hash.h"

namespace confide::crypto {

class VerificationCache {
 public:
  explicit VerificationCache(size_t capacity = 1 << 16);

  // Exactly VerifySignature(public_key, message, signature), remembered.
  bool Verify(ByteView public_key, ByteView message, ByteView signature);

  // How many verifications were answered from memory (for tests and metrics).
  size_t hits() const;
  size_t size() const;

 private:
  struct DigestHash {
    size_t operator()(const Hash32& h) const {
      size_t v;
      std::memcpy(&v, h.data(), sizeof v);  // the digest is uniformly random already
      return v;
    }
  };
  Hash32 Digest(ByteView public_key, ByteView message, ByteView signature) const;
  void RememberLocked(const Hash32& digest);

  std::array<uint8_t, 32> key_;
  const size_t generation_capacity_;
  mutable std::mutex mu_;
  std::unordered_set<Hash32, DigestHash> current_;   // GUARDED_BY(mu_)
  std::unordered_set<Hash32, DigestHash> previous_;  // GUARDED_BY(mu_)
  size_t hits_ = 0;                                  // GUARDED_BY(mu_)
};

}  // namespace confide::crypto
