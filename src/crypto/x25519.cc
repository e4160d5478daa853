#include "crypto/x25519.h"

#include <sodium.h>

#include "crypto/sodium_init.h"

namespace confide::crypto {
namespace {

constexpr size_t kX25519Bytes = crypto_scalarmult_BYTES;
static_assert(crypto_scalarmult_SCALARBYTES == kX25519Bytes);
static_assert(crypto_box_PUBLICKEYBYTES == kX25519Bytes);
static_assert(crypto_box_SECRETKEYBYTES == kX25519Bytes);

}  // namespace

Result<Bytes> X25519(ByteView private_scalar, ByteView public_point) {
  CONFIDE_RETURN_IF_ERROR(EnsureSodium());
  if (private_scalar.size() != kX25519Bytes || public_point.size() != kX25519Bytes) {
    return Status::InvalidArgument("X25519 scalar and point must be 32 bytes each");
  }
  Bytes shared(kX25519Bytes);
  // libsodium clamps the scalar, ignores the top bit of the point (RFC 7748), and returns -1 when
  // the result is all zeros, which happens exactly for low-order points: a peer that sends one
  // would otherwise force a known shared secret.
  if (crypto_scalarmult(shared.data(), private_scalar.data(), public_point.data()) != 0) {
    sodium_memzero(shared.data(), shared.size());
    return Status::InvalidArgument("X25519 public key is of low order");
  }
  return shared;
}

BoxKeyPair GenerateBoxKeyPair() {
  (void)EnsureSodium();
  BoxKeyPair pair{Bytes(crypto_box_PUBLICKEYBYTES), Bytes(crypto_box_SECRETKEYBYTES)};
  crypto_box_keypair(pair.public_key.data(), pair.secret_key.data());
  return pair;
}

Result<Bytes> SealToRecipient(ByteView recipient_public_key, ByteView plaintext) {
  CONFIDE_RETURN_IF_ERROR(EnsureSodium());
  if (recipient_public_key.size() != crypto_box_PUBLICKEYBYTES) {
    return Status::InvalidArgument("recipient public key must be 32 bytes");
  }
  Bytes sealed(crypto_box_SEALBYTES + plaintext.size());
  // Fails when the recipient key is of low order (the key agreement would give all zeros).
  if (crypto_box_seal(sealed.data(), plaintext.data(), plaintext.size(),
                      recipient_public_key.data()) != 0) {
    return Status::InvalidArgument("recipient public key is not usable (low order)");
  }
  return sealed;
}

Result<Bytes> OpenSealed(ByteView public_key, ByteView secret_key, ByteView sealed) {
  CONFIDE_RETURN_IF_ERROR(EnsureSodium());
  if (public_key.size() != crypto_box_PUBLICKEYBYTES ||
      secret_key.size() != crypto_box_SECRETKEYBYTES) {
    return Status::InvalidArgument("box key pair must be 32 + 32 bytes");
  }
  if (sealed.size() < crypto_box_SEALBYTES) {
    return Status::Corruption("sealed box is truncated");
  }
  Bytes plaintext(sealed.size() - crypto_box_SEALBYTES);
  if (crypto_box_seal_open(plaintext.data(), sealed.data(), sealed.size(), public_key.data(),
                           secret_key.data()) != 0) {
    return Status::Corruption("sealed box does not open (wrong key pair or tampered)");
  }
  return plaintext;
}

Result<Bytes> Ed25519PublicToX25519(ByteView ed25519_public_key) {
  CONFIDE_RETURN_IF_ERROR(EnsureSodium());
  if (ed25519_public_key.size() != crypto_sign_PUBLICKEYBYTES) return Status::InvalidArgument("Ed25519 public key must be 32 bytes");
  Bytes x(crypto_scalarmult_curve25519_BYTES);
  if (crypto_sign_ed25519_pk_to_curve25519(x.data(), ed25519_public_key.data()) != 0) {
    return Status::InvalidArgument("not a valid Ed25519 public key");
  }
  return x;
}

Result<SecretKey> Ed25519SeedToX25519Secret(const SecretKey& seed) {
  CONFIDE_RETURN_IF_ERROR(EnsureSodium());
  if (seed.size() != crypto_sign_SEEDBYTES) return Status::InvalidArgument("Ed25519 seed must be 32 bytes");
  uint8_t pk[crypto_sign_PUBLICKEYBYTES];
  uint8_t expanded[crypto_sign_SECRETKEYBYTES];
  uint8_t x[crypto_scalarmult_curve25519_BYTES];
  crypto_sign_seed_keypair(pk, expanded, seed.data());
  const int converted = crypto_sign_ed25519_sk_to_curve25519(x, expanded);
  sodium_memzero(expanded, sizeof expanded);
  if (converted != 0) {
    sodium_memzero(x, sizeof x);
    return Status::Internal("could not convert the Ed25519 key");
  }
  return SecretKey::FromBytes(x, sizeof x);  // wipes x
}

}  // namespace confide::crypto
