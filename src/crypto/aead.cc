#include "crypto/aead.h"

#include <sodium.h>

#include "crypto/sodium_init.h"

namespace confide::crypto {
namespace {

static_assert(kAeadKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kAeadNonceBytes == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(kAeadTagBytes == crypto_aead_xchacha20poly1305_ietf_ABYTES);

// The primitive's associated data for an envelope: the version byte, then the caller's bytes. The
// version byte is a fixed single byte, so the concatenation is unambiguous; authenticating it means
// a later format can never be confused with this one by editing the first byte.
Bytes EnvelopeAssociatedData(uint8_t version, ByteView associated_data) {
  Bytes ad;
  ad.reserve(1 + associated_data.size());
  ad.push_back(version);
  ad.insert(ad.end(), associated_data.begin(), associated_data.end());
  return ad;
}

// Encrypts into `out` (which must have room for plaintext + tag). Sizes are checked by callers.
void EncryptInto(uint8_t* out, const uint8_t* key, const uint8_t* nonce, ByteView plaintext,
                 ByteView ad) {
  unsigned long long written = 0;
  // Cannot fail for in-range sizes: the only error libsodium reports is a message longer than
  // crypto_aead_xchacha20poly1305_ietf_MESSAGEBYTES_MAX, which no std::vector can hold.
  crypto_aead_xchacha20poly1305_ietf_encrypt(out, &written, plaintext.data(), plaintext.size(),
                                             ad.data(), ad.size(), nullptr, nonce, key);
}

// Decrypts `ciphertext_and_tag` (at least kAeadTagBytes long) or fails with kCorruption.
Result<Bytes> DecryptChecked(const uint8_t* key, const uint8_t* nonce, ByteView ciphertext_and_tag,
                             ByteView ad) {
  Bytes plaintext(ciphertext_and_tag.size() - kAeadTagBytes);
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          plaintext.data(), &written, nullptr, ciphertext_and_tag.data(), ciphertext_and_tag.size(),
          ad.data(), ad.size(), nonce, key) != 0) {
    // libsodium checks the tag before decrypting, so `plaintext` holds no decrypted bytes here.
    return Status::Corruption(
        "ciphertext does not authenticate (wrong key, wrong context, or tampered)");
  }
  return plaintext;
}

}  // namespace

Result<Bytes> AeadSeal(const SecretKey& key, ByteView plaintext, ByteView associated_data) {
  CONFIDE_RETURN_IF_ERROR(EnsureSodium());
  if (key.size() != kAeadKeyBytes) {
    return Status::InvalidArgument("AEAD key must be 32 bytes");
  }
  Bytes envelope(kEnvelopeOverhead + plaintext.size());
  envelope[0] = kEnvelopeV1;
  uint8_t* nonce = envelope.data() + 1;
  // 192-bit random nonces: collisions are negligible even for billions of messages under one key,
  // which is why XChaCha20 is used rather than a counter that would need persistent state.
  randombytes_buf(nonce, kAeadNonceBytes);
  EncryptInto(nonce + kAeadNonceBytes, key.data(), nonce, plaintext,
              EnvelopeAssociatedData(kEnvelopeV1, associated_data));
  return envelope;
}

Result<Bytes> AeadOpen(const SecretKey& key, ByteView envelope, ByteView associated_data) {
  CONFIDE_RETURN_IF_ERROR(EnsureSodium());
  if (key.size() != kAeadKeyBytes) {
    return Status::InvalidArgument("AEAD key must be 32 bytes");
  }
  if (envelope.size() < kEnvelopeOverhead) {
    return Status::Corruption("ciphertext envelope is truncated");
  }
  if (envelope[0] != kEnvelopeV1) {
    return Status::Corruption("ciphertext envelope has an unknown format version");
  }
  ByteView nonce = envelope.subspan(1, kAeadNonceBytes);
  ByteView sealed = envelope.subspan(1 + kAeadNonceBytes);
  return DecryptChecked(key.data(), nonce.data(), sealed,
                        EnvelopeAssociatedData(kEnvelopeV1, associated_data));
}

Result<Bytes> AeadEncryptRawForTest(ByteView key, ByteView nonce, ByteView plaintext, ByteView ad) {
  CONFIDE_RETURN_IF_ERROR(EnsureSodium());
  if (key.size() != kAeadKeyBytes) return Status::InvalidArgument("AEAD key must be 32 bytes");
  if (nonce.size() != kAeadNonceBytes)
    return Status::InvalidArgument("AEAD nonce must be 24 bytes");
  Bytes out(plaintext.size() + kAeadTagBytes);
  EncryptInto(out.data(), key.data(), nonce.data(), plaintext, ad);
  return out;
}

Result<Bytes> AeadDecryptRawForTest(ByteView key, ByteView nonce, ByteView ciphertext_and_tag,
                                    ByteView ad) {
  CONFIDE_RETURN_IF_ERROR(EnsureSodium());
  if (key.size() != kAeadKeyBytes) return Status::InvalidArgument("AEAD key must be 32 bytes");
  if (nonce.size() != kAeadNonceBytes)
    return Status::InvalidArgument("AEAD nonce must be 24 bytes");
  if (ciphertext_and_tag.size() < kAeadTagBytes) {
    return Status::Corruption("ciphertext is shorter than the authentication tag");
  }
  return DecryptChecked(key.data(), nonce.data(), ciphertext_and_tag, ad);
}

}  // namespace confide::crypto
