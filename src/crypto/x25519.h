// X25519 key agreement and sealed boxes (libsodium), used for encrypted disclosure packages.
// Pure, thread-safe.
#pragma once

#include "common/bytes.h"
#include "confide/result.h"

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

}  // namespace confide::crypto
