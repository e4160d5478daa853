#include "service/version_signature.h"

#include "crypto/hash.h"
#include "crypto/sodium_init.h"

namespace confide::service {

void AddSigningSalt(FieldMap& fields) {
  uint8_t salt[32];
  crypto::RandomBytes(salt, sizeof salt);
  fields[std::string(kSaltField)] = HexEncode(ByteView(salt, sizeof salt));
}

Bytes VersionSigningMessage(const VersionHeader& header, const FieldMap& fields) {
  Bytes content;
  AppendU32BE(content, static_cast<uint32_t>(fields.size()));
  for (const auto& [name, value] : fields) {
    AppendLengthPrefixed(content, name);
    AppendLengthPrefixed(content, value);
  }
  const crypto::Hash32 digest = crypto::Blake2b256({content});
  Bytes msg;
  AppendLengthPrefixed(msg, std::string_view("confide/version-signature/v1"));
  AppendLengthPrefixed(msg, EncodeVersionHeader(header));
  msg.insert(msg.end(), digest.begin(), digest.end());
  return msg;
}

crypto::Signature SignVersion(const crypto::SigningKey& key, const VersionHeader& header, const FieldMap& fields) {
  return key.Sign(VersionSigningMessage(header, fields));
}

Status VerifyVersion(ByteView public_key, const VersionHeader& header, const FieldMap& fields, ByteView signature,
                     crypto::VerificationCache* cache) {
  const Bytes message = VersionSigningMessage(header, fields);
  const bool ok = cache ? cache->Verify(public_key, message, signature) : crypto::VerifySignature(public_key, message, signature);
  if (!ok) {
    return Status::Corruption("signature on " + header.entity + " " + std::to_string(header.id) + " v" +
                              std::to_string(header.version) + " does not verify");
  }
  return Status::Ok();
}

}  // namespace confide::service
