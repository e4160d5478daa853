// KeyRing: the organisation's keys in memory, and the envelope scheme around them.
//
//   key-encryption key (KEK)      in a file outside the database (crypto/key_file.h)
//     wraps  org signing seed      Ed25519: signs record versions and audit tree heads
//     wraps  org blind-index key   keyed hashes for search over encrypted identifiers
//     wraps  one data key per data subject (person or staff member); deleting it shreds them
//
// Wrapping is XChaCha20-Poly1305 with associated data naming what is wrapped (the secret's name or
// the subject id) and the KEK id, so a wrapped key cannot be swapped onto another subject.
// Rotating the KEK re-wraps these keys and nothing else: records are not re-encrypted.
// Thread-safety: const methods are safe to call concurrently.
#pragma once

#include <memory>
#include <string>

#include "crypto/blind_index.h"
#include "crypto/key_file.h"
#include "crypto/signing.h"
#include "store/rows.h"

namespace confide::service {

inline constexpr std::string_view kSigningSeedSecret = "signing_seed";
inline constexpr std::string_view kBlindIndexSecret = "blind_index_key";

class KeyRing {
 public:
  // Fresh organisation keys under `kek`; the wrapped rows to store come back in `secrets_out`.
  static Result<std::unique_ptr<KeyRing>> CreateNew(crypto::KeyEncryptionKey kek,
                                                    std::vector<store::WrappedSecretRow>& secrets_out);
  // Unwraps the stored organisation secrets. kFailedPrecondition ("wrong key") if they were wrapped
  // under a different KEK; kCorruption if they do not authenticate.
  static Result<std::unique_ptr<KeyRing>> Load(crypto::KeyEncryptionKey kek,
                                               const std::vector<store::WrappedSecretRow>& secrets);

  const std::string& kek_id() const { return kek_.key_id; }
  const crypto::SigningKey& signing_key() const { return *signing_; }
  const crypto::BlindIndexer& blind_indexer() const { return *blind_; }

  // A new random data key for `subject_id`, and its wrapped form to store.
  Result<crypto::SecretKey> NewSubjectKey(int64_t subject_id, store::SubjectKeyRow& wrapped_out) const;
  // kCorruption if the wrapped key does not authenticate for this subject under this KEK.
  Result<crypto::SecretKey> UnwrapSubjectKey(const store::SubjectKeyRow& row) const;

  // After a committed rotation: use `next` from now on. The signing and blind-index keys are the
  // same keys, so nothing that refers to them changes.
  void AdoptKeyEncryptionKey(crypto::KeyEncryptionKey next) { kek_ = std::move(next); }

  // Re-wraps a subject key or organisation secret from this ring's KEK under `next`.
  Result<store::SubjectKeyRow> RewrapSubjectKey(const store::SubjectKeyRow& row, const crypto::KeyEncryptionKey& next) const;
  Result<store::WrappedSecretRow> RewrapSecret(const store::WrappedSecretRow& row, const crypto::KeyEncryptionKey& next) const;

 private:
  KeyRing(crypto::KeyEncryptionKey kek, crypto::SigningKey signing, std::unique_ptr<crypto::BlindIndexer> blind)
      : kek_(std::move(kek)), signing_(std::make_unique<crypto::SigningKey>(std::move(signing))), blind_(std::move(blind)) {}

  crypto::KeyEncryptionKey kek_;
  std::unique_ptr<crypto::SigningKey> signing_;
  std::unique_ptr<crypto::BlindIndexer> blind_;
};

}  // namespace confide::service
