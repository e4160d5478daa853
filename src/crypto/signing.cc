#include "crypto/signing.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <new>

#include "crypto/sodium_init.h"

namespace confide::crypto {

static_assert(kPublicKeyBytes == crypto_sign_PUBLICKEYBYTES);
static_assert(kSignatureBytes == crypto_sign_BYTES);
static_assert(kSeedBytes == crypto_sign_SEEDBYTES);

SigningKey SigningKey::Generate() {
  SecretKey seed = SecretKey::Generate(kSeedBytes);
  Result<SigningKey> key = FromSeed(seed);
  // FromSeed fails only for a seed of the wrong size or when guarded memory runs out; the seed was
  // just made with the right size, so this is out of memory, reported as SecretKey::Generate does.
  if (!key.ok()) throw std::bad_alloc();
  return std::move(key).value();
}

Result<SigningKey> SigningKey::FromSeed(const SecretKey& seed) {
  CONFIDE_RETURN_IF_ERROR(EnsureSodium());
  if (seed.size() != kSeedBytes) {
    return Status::InvalidArgument("Ed25519 seed must be 32 bytes");
  }
  PublicKey pk;
  // The expanded key is built on the stack only long enough to move it into guarded memory;
  // SecretKey::FromBytes wipes this copy.
  uint8_t expanded[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk.data(), expanded, seed.data());
  CONFIDE_ASSIGN_OR_RETURN(SecretKey expanded_key, SecretKey::FromBytes(expanded, sizeof expanded));
  // The SigningKey owns its own copy of the seed so that it stays valid after the caller's goes.
  Bytes seed_copy(seed.view().begin(), seed.view().end());
  CONFIDE_ASSIGN_OR_RETURN(SecretKey seed_key, SecretKey::FromBytes(seed_copy));
  return SigningKey(std::move(seed_key), std::move(expanded_key), pk);
}

Signature SigningKey::Sign(ByteView message) const {
  // Signing with a moved-from key is a caller bug; stop rather than hand libsodium a null key.
  if (expanded_.size() != crypto_sign_SECRETKEYBYTES) {
    std::fputs("confide: Sign called on an empty (moved-from) SigningKey\n", stderr);
    std::abort();
  }
  Signature sig;
  // Cannot fail: crypto_sign_detached only reports messages longer than
  // crypto_sign_MESSAGEBYTES_MAX.
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), expanded_.data());
  return sig;
}

bool VerifySignature(ByteView public_key, ByteView message, ByteView signature) {
  if (!EnsureSodium().ok()) return false;
  if (public_key.size() != kPublicKeyBytes || signature.size() != kSignatureBytes) return false;
  // libsodium 1.0.18 (without ED25519_COMPAT) also rejects a non-canonical S (S >= L), a
  // small-order R, and a non-canonical or small-order public key.
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                     public_key.data()) == 0;
}

}  // namespace confide::crypto
