// X25519 key agreement and sealed boxes (libsodium), used for encrypted disclosure packages.
// Pure, thread-safe.
#pragma once

#include "common/bytes.h"
#include "confide/result.h"
#include "crypto/secret_key.h"

namespace confide::crypto {

// Scalar multiplication. Fails (kInvalidArgument) on wrong sizes, or when the result is the
// all-zero point (low-order public key), as libsodium refuses it.
Result<Bytes> X25519(ByteView private_scalar, ByteView public_point);

struct BoxKeyPair {
  Bytes public_key;   // 32 bytes
  Bytes secret_key;   // 32 bytes; callers wrap it in SecretKey when they keep it
};
BoxKeyPair GenerateBoxKeyPair();

// Anonymous sealed box to `recipient_public_key` (crypto_box_seal): 48 bytes longer than the
// plaintext. kInvalidArgument if the key is not 32 bytes or is of low order.
Result<Bytes> SealToRecipient(ByteView recipient_public_key, ByteView plaintext);
// kInvalidArgument if either key is not 32 bytes; kCorruption if it does not open (truncated,
// tampered, or another recipient's box).
Result<Bytes> OpenSealed(ByteView public_key, ByteView secret_key, ByteView sealed);

// One Ed25519 key pair serves a disclosure package's recipient for both jobs: its X25519 form opens
// sealed boxes, the Ed25519 form signs receipts (libsodium's documented conversion). kInvalidArgument
// for a key of the wrong size or one that is not a valid curve point.
Result<Bytes> Ed25519PublicToX25519(ByteView ed25519_public_key);
Result<SecretKey> Ed25519SeedToX25519Secret(const SecretKey& seed);

}  // namespace confide::crypto
