// Signed record exports: a decrypted copy of one record version that anyone can check against the
// organisation's public key, without access to Confide (docs/formats/record-export.md).
//
//   {"format": "confide-record-export-v1",
//    "organisation_public_key": hex,
//    "header": {entity, id, version, subject_id, person_id, kind, tier, occurred_at, recorded_at,
//               author_id, source_kind, related_id},
//    "fields": {name: base64(value), ...},   including "_salt"
//    "signature": hex}
//
// The signature is the one made when the version was written (service/version_signature.h), so an
// export proves what was recorded, by whom and when, and that not one byte has changed since.
// Pure functions; thread-safe.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "confide/result.h"
#include "crypto/signing.h"
#include "service/sealed_fields.h"

namespace confide::service {

inline constexpr std::string_view kRecordExportFormat = "confide-record-export-v1";

nlohmann::json BuildRecordExport(const VersionHeader& header, const FieldMap& fields, ByteView signature,
                                 const crypto::PublicKey& organisation_key);

struct VerifiedExport {
  VersionHeader header;
  FieldMap fields;
  std::string public_key_hex;  // the key the signature verified under
};

// Checks an export. With `expected_key` the signature must verify under that key (origin proven);
// without it, under the key embedded in the export (integrity only: anyone can sign with their own
// key). kInvalidArgument if malformed, kCorruption if the signature does not verify.
Result<VerifiedExport> VerifyRecordExport(const std::string& json_text, ByteView expected_key = {});

}  // namespace confide::service
