// Ed25519 signatures (libsodium): the organisation's key signs every record version and every
// audit tree head so origin and integrity can be checked later, including on exported copies.
// SigningKey is move-only and keeps its secret in a SecretKey. Thread-safe for const use.
#pragma once

#include <array>

#include "common/bytes.h"
#include "confide/result.h"
#include "crypto/secret_key.h"

namespace confide::crypto {

inline constexpr size_t kPublicKeyBytes = 32;
inline constexpr size_t kSignatureBytes = 64;
inline constexpr size_t kSeedBytes = 32;

using PublicKey = std::array<uint8_t, kPublicKeyBytes>;
using Signature = std::array<uint8_t, kSignatureBytes>;

class SigningKey {
 public:
  // Throws std::bad_alloc only if guarded memory runs out (see SecretKey::Generate).
  static SigningKey Generate();
  // Derives the key pair from a 32-byte seed (the seed is what Confide stores, wrapped); the
  // SigningKey keeps its own copy of the seed. kInvalidArgument if the seed is not 32 bytes.
  static Result<SigningKey> FromSeed(const SecretKey& seed);

  SigningKey(SigningKey&&) noexcept = default;
  SigningKey& operator=(SigningKey&&) noexcept = default;

  // Deterministic (RFC 8032). REQUIRES: not moved-from; violating that aborts.
  Signature Sign(ByteView message) const;
  const PublicKey& public_key() const { return public_key_; }
  // The 32-byte seed, for wrapping under the key-encryption key.
  const SecretKey& seed() const { return seed_; }

 private:
  SigningKey(SecretKey seed, SecretKey expanded, PublicKey pk)
      : seed_(std::move(seed)), expanded_(std::move(expanded)), public_key_(pk) {}

  SecretKey seed_;
  SecretKey expanded_;  // libsodium's 64-byte secret key (seed || public key)
  PublicKey public_key_;
};

// True only if `signature` is a valid Ed25519 signature of `message` under `public_key`.
// Rejects non-canonical encodings as libsodium does: S >= L (malleability), and small-order or
// non-canonical R and public keys. False for inputs of the wrong size.
bool VerifySignature(ByteView public_key, ByteView message, ByteView signature);

}  // namespace confide::crypto
