// Authenticated encryption with associated data: XChaCha20-Poly1305 (IETF), libsodium.
//
// AeadSeal produces a self-describing envelope (docs/formats/ciphertext-envelope.md):
//   byte 0      : format version (kEnvelopeV1 = 0x01)
//   bytes 1..24 : random 192-bit nonce
//   bytes 25..  : ciphertext followed by the 16-byte Poly1305 tag
// The AEAD's associated data is the version byte followed by the caller's associated data, so the
// version byte is authenticated too (a later format can never be passed off as this one).
// The associated data is not stored; the caller must supply exactly the same bytes to open. Binding
// the ciphertext to its record, field and version through the associated data is what stops a
// ciphertext from being moved to another place. Pure, thread-safe.
#pragma once

#include "common/bytes.h"
#include "confide/result.h"
#include "crypto/secret_key.h"

namespace confide::crypto {

inline constexpr uint8_t kEnvelopeV1 = 0x01;
inline constexpr size_t kAeadKeyBytes = 32;
inline constexpr size_t kAeadNonceBytes = 24;
inline constexpr size_t kAeadTagBytes = 16;
inline constexpr size_t kEnvelopeOverhead = 1 + kAeadNonceBytes + kAeadTagBytes;

// REQUIRES: key.size() == kAeadKeyBytes (else kInvalidArgument).
Result<Bytes> AeadSeal(const SecretKey& key, ByteView plaintext, ByteView associated_data);

// kInvalidArgument if key.size() != kAeadKeyBytes (a caller bug, not damaged data).
// Fails with kCorruption if the envelope is malformed, of an unknown version, or does not
// authenticate under `key` and `associated_data` (wrong key, wrong AD, or tampered bytes).
Result<Bytes> AeadOpen(const SecretKey& key, ByteView envelope, ByteView associated_data);

// Raw primitive with caller-chosen nonce, for test vectors only. Output is ciphertext || tag.
// Both: kInvalidArgument unless the key is 32 bytes and the nonce 24.
Result<Bytes> AeadEncryptRawForTest(ByteView key, ByteView nonce, ByteView plaintext, ByteView ad);
// Input is ciphertext || tag. kCorruption if it does not authenticate.
Result<Bytes> AeadDecryptRawForTest(ByteView key, ByteView nonce, ByteView ciphertext_and_tag,
                                    ByteView ad);

}  // namespace confide::crypto
