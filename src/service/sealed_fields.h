// Sealed field sets: how personal data is stored (docs/formats/sealed-fields.md).
//
// A version's personal fields are a name -> value map. Each value is encrypted on its own with the
// data subject's key (crypto/aead.h envelope), and its associated data binds it to
//   entity ("person", "record", ...), entity id, version, subject id, field name, and the version's
//   clear header (kind, tier, dates, author)
// so a ciphertext moved to another record, field or version, or a clear header edited in the
// database, fails to decrypt. Fields are stored in name order:
//   u8 0x01 | u32 count | count x (lp name | lp envelope)
// Separate fields let a reader decrypt only what it needs (a chronology needs only the summary).
// Pure, thread-safe.
#pragma once

#include <map>
#include <set>
#include <string>

#include "common/bytes.h"
#include "confide/result.h"
#include "crypto/secret_key.h"

namespace confide::service {

using FieldMap = std::map<std::string, std::string>;

// The clear metadata of a version, canonically encoded. It is bound into every field's associated
// data and signed with the content.
struct VersionHeader {
  std::string entity;
  int64_t id = 0;
  int32_t version = 0;
  int64_t subject_id = 0;  // the data subject whose key encrypts the fields
  int64_t person_id = 0;   // the person the version is about
  std::string kind;
  std::string tier;
  int64_t occurred_at = 0;
  int64_t recorded_at = 0;
  int64_t author_id = 0;
  std::string source_kind;
  int64_t related_id = 0;  // e.g. the other person in a relationship
};
Bytes EncodeVersionHeader(const VersionHeader& h);

Result<Bytes> SealFields(const crypto::SecretKey& key, const VersionHeader& header, const FieldMap& fields);

// Opens all fields, or only those named in `only` (others are skipped unopened). kCorruption if the
// set is malformed or any opened field fails to authenticate.
Result<FieldMap> OpenFields(const crypto::SecretKey& key, const VersionHeader& header, ByteView sealed,
                            const std::set<std::string>* only = nullptr);

}  // namespace confide::service
