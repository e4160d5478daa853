#include "service/key_ring.h"

#include "crypto/aead.h"

namespace confide::service {
namespace {

Bytes SecretAd(std::string_view name, std::string_view kek_id) {
  Bytes ad;
  AppendLengthPrefixed(ad, std::string_view("confide/org-secret/v1"));
  AppendLengthPrefixed(ad, name);
  AppendLengthPrefixed(ad, kek_id);
  return ad;
}

Bytes SubjectKeyAd(int64_t subject_id, std::string_view kek_id) {
  Bytes ad;
  AppendLengthPrefixed(ad, std::string_view("confide/subject-key/v1"));
  AppendU64BE(ad, static_cast<uint64_t>(subject_id));
  AppendLengthPrefixed(ad, kek_id);
  return ad;
}

Result<crypto::SecretKey> Unwrap(const crypto::KeyEncryptionKey& kek, ByteView wrapped, const Bytes& ad) {
  CONFIDE_ASSIGN_OR_RETURN(Bytes raw, crypto::AeadOpen(kek.key, wrapped, ad));
  return crypto::SecretKey::FromBytes(raw);
}

Result<const store::WrappedSecretRow*> FindSecret(const std::vector<store::WrappedSecretRow>& rows, std::string_view name) {
  for (const auto& r : rows) {
    if (r.name == name) return &r;
  }
  return Status::FailedPrecondition("the database has no " + std::string(name) + ": it was not initialised");
}

}  // namespace

Result<std::unique_ptr<KeyRing>> KeyRing::CreateNew(crypto::KeyEncryptionKey kek,
                                                    std::vector<store::WrappedSecretRow>& secrets_out) {
  crypto::SigningKey signing = crypto::SigningKey::Generate();
  crypto::SecretKey blind_key = crypto::SecretKey::Generate();
  CONFIDE_ASSIGN_OR_RETURN(Bytes wrapped_seed,
                           crypto::AeadSeal(kek.key, signing.seed().view(), SecretAd(kSigningSeedSecret, kek.key_id)));
  CONFIDE_ASSIGN_OR_RETURN(Bytes wrapped_blind,
                           crypto::AeadSeal(kek.key, blind_key.view(), SecretAd(kBlindIndexSecret, kek.key_id)));
  secrets_out = {{std::string(kSigningSeedSecret), kek.key_id, std::move(wrapped_seed)},
                 {std::string(kBlindIndexSecret), kek.key_id, std::move(wrapped_blind)}};
  auto blind = std::make_unique<crypto::BlindIndexer>(std::move(blind_key));
  return std::unique_ptr<KeyRing>(new KeyRing(std::move(kek), std::move(signing), std::move(blind)));
}

Result<std::unique_ptr<KeyRing>> KeyRing::Load(crypto::KeyEncryptionKey kek,
                                               const std::vector<store::WrappedSecretRow>& secrets) {
  CONFIDE_ASSIGN_OR_RETURN(const store::WrappedSecretRow* seed_row, FindSecret(secrets, kSigningSeedSecret));
  CONFIDE_ASSIGN_OR_RETURN(const store::WrappedSecretRow* blind_row, FindSecret(secrets, kBlindIndexSecret));
  if (seed_row->kek_id != kek.key_id || blind_row->kek_id != kek.key_id) {
    return Status::FailedPrecondition("wrong key: the key file (id " + kek.key_id +
                                      ") is not the key this database was encrypted with (id " + seed_row->kek_id + ")");
  }
  auto seed = Unwrap(kek, seed_row->wrapped, SecretAd(kSigningSeedSecret, kek.key_id));
  if (!seed.ok()) return Status::Corruption("the organisation signing key does not decrypt: the database or key file is damaged");
  auto blind_key = Unwrap(kek, blind_row->wrapped, SecretAd(kBlindIndexSecret, kek.key_id));
  if (!blind_key.ok()) return Status::Corruption("the blind-index key does not decrypt: the database or key file is damaged");
  CONFIDE_ASSIGN_OR_RETURN(crypto::SigningKey signing, crypto::SigningKey::FromSeed(*seed));
  auto blind = std::make_unique<crypto::BlindIndexer>(std::move(blind_key).value());
  return std::unique_ptr<KeyRing>(new KeyRing(std::move(kek), std::move(signing), std::move(blind)));
}

Result<crypto::SecretKey> KeyRing::NewSubjectKey(int64_t subject_id, store::SubjectKeyRow& wrapped_out) const {
  crypto::SecretKey key = crypto::SecretKey::Generate();
  CONFIDE_ASSIGN_OR_RETURN(Bytes wrapped, crypto::AeadSeal(kek_.key, key.view(), SubjectKeyAd(subject_id, kek_.key_id)));
  wrapped_out = {subject_id, kek_.key_id, std::move(wrapped)};
  return key;
}

Result<crypto::SecretKey> KeyRing::UnwrapSubjectKey(const store::SubjectKeyRow& row) const {
  if (row.kek_id != kek_.key_id) {
    return Status::FailedPrecondition("a data key is wrapped under another key-encryption key (id " + row.kek_id +
                                      "): finish the key rotation");
  }
  auto key = Unwrap(kek_, row.wrapped_key, SubjectKeyAd(row.subject_id, kek_.key_id));
  if (!key.ok()) return Status::Corruption("the data key of subject " + std::to_string(row.subject_id) + " does not decrypt");
  return key;
}

Result<store::SubjectKeyRow> KeyRing::RewrapSubjectKey(const store::SubjectKeyRow& row,
                                                       const crypto::KeyEncryptionKey& next) const {
  CONFIDE_ASSIGN_OR_RETURN(crypto::SecretKey key, UnwrapSubjectKey(row));
  CONFIDE_ASSIGN_OR_RETURN(Bytes wrapped, crypto::AeadSeal(next.key, key.view(), SubjectKeyAd(row.subject_id, next.key_id)));
  return store::SubjectKeyRow{row.subject_id, next.key_id, std::move(wrapped)};
}

Result<store::WrappedSecretRow> KeyRing::RewrapSecret(const store::WrappedSecretRow& row,
                                                      const crypto::KeyEncryptionKey& next) const {
  if (row.kek_id != kek_.key_id) return Status::FailedPrecondition("organisation secret is wrapped under another key");
  auto secret = Unwrap(kek_, row.wrapped, SecretAd(row.name, kek_.key_id));
  if (!secret.ok()) return Status::Corruption("organisation secret " + row.name + " does not decrypt");
  CONFIDE_ASSIGN_OR_RETURN(Bytes wrapped, crypto::AeadSeal(next.key, secret->view(), SecretAd(row.name, next.key_id)));
  return store::WrappedSecretRow{row.name, next.key_id, std::move(wrapped)};
}

}  // namespace confide::service
