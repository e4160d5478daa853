#include "service/sealed_fields.h"

#include "crypto/aead.h"

namespace confide::service {
namespace {

constexpr uint8_t kFieldSetV1 = 0x01;

Bytes FieldAd(const Bytes& encoded_header, std::string_view field) {
  Bytes ad;
  ad.reserve(encoded_header.size() + field.size() + 32);
  AppendLengthPrefixed(ad, std::string_view("confide/field/v1"));
  AppendLengthPrefixed(ad, encoded_header);
  AppendLengthPrefixed(ad, field);
  return ad;
}

}  // namespace

Bytes EncodeVersionHeader(const VersionHeader& h) {
  Bytes out;
  out.reserve(96 + h.entity.size() + h.kind.size() + h.tier.size() + h.source_kind.size());
  AppendLengthPrefixed(out, h.entity);
  AppendU64BE(out, static_cast<uint64_t>(h.id));
  AppendU32BE(out, static_cast<uint32_t>(h.version));
  AppendU64BE(out, static_cast<uint64_t>(h.subject_id));
  AppendU64BE(out, static_cast<uint64_t>(h.person_id));
  AppendLengthPrefixed(out, h.kind);
  AppendLengthPrefixed(out, h.tier);
  AppendU64BE(out, static_cast<uint64_t>(h.occurred_at));
  AppendU64BE(out, static_cast<uint64_t>(h.recorded_at));
  AppendU64BE(out, static_cast<uint64_t>(h.author_id));
  AppendLengthPrefixed(out, h.source_kind);
  AppendU64BE(out, static_cast<uint64_t>(h.related_id));
  return out;
}

Result<Bytes> SealFields(const crypto::SecretKey& key, const VersionHeader& header, const FieldMap& fields) {
  const Bytes encoded_header = EncodeVersionHeader(header);
  Bytes out;
  out.push_back(kFieldSetV1);
  AppendU32BE(out, static_cast<uint32_t>(fields.size()));
  for (const auto& [name, value] : fields) {  // std::map iterates in name order: canonical
    CONFIDE_ASSIGN_OR_RETURN(Bytes envelope, crypto::AeadSeal(key, AsBytes(value), FieldAd(encoded_header, name)));
    AppendLengthPrefixed(out, name);
    AppendLengthPrefixed(out, envelope);
  }
  return out;
}

Result<FieldMap> OpenFields(const crypto::SecretKey& key, const VersionHeader& header, ByteView sealed,
                            const std::set<std::string>* only) {
  const Bytes encoded_header = EncodeVersionHeader(header);
  ByteReader r(sealed);
  uint8_t format = 0;
  uint32_t count = 0;
  if (!r.ReadU8(format) || format != kFieldSetV1 || !r.ReadU32BE(count)) {
    return Status::Corruption("sealed fields have an unknown format");
  }
  FieldMap out;
  std::string previous;
  for (uint32_t i = 0; i < count; ++i) {
    ByteView name_bytes, envelope;
    if (!r.ReadLengthPrefixed(name_bytes) || !r.ReadLengthPrefixed(envelope)) {
      return Status::Corruption("sealed fields are truncated");
    }
    std::string name(AsChars(name_bytes));
    if (i > 0 && name <= previous) return Status::Corruption("sealed fields are out of order");
    previous = name;
    if (only && !only->contains(name)) continue;
    auto plain = crypto::AeadOpen(key, envelope, FieldAd(encoded_header, name));
    if (!plain.ok()) {
      return Status::Corruption("field '" + name + "' of " + header.entity + " " + std::to_string(header.id) + " v" +
                                std::to_string(header.version) + " failed to decrypt: tampered, moved, or wrong key");
    }
    out.emplace(std::move(name), std::string(AsChars(*plain)));
  }
  if (!r.AtEnd()) return Status::Corruption("sealed fields have trailing bytes");
  return out;
}

}  // namespace confide::service
