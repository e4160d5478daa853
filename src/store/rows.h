// Rows: what the store keeps. Personal data only ever arrives here sealed (ciphertext); the clear
// columns are ids, kinds, tiers, timestamps and key ids. Plain structs, no behaviour.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.h"
#include "common/clock.h"

namespace confide::store {

struct OrganisationRow {
  int64_t id = 1;
  std::string name;
  std::string kind;
  Bytes signing_public_key;
  UnixMicros created_at = 0;
};

// An organisation-level secret wrapped under the key-encryption key (the signing key seed, the
// blind-index key).
struct WrappedSecretRow {
  std::string name;
  std::string kek_id;
  Bytes wrapped;
};

// A data subject's data key, wrapped under the key-encryption key. Deleting it shreds the subject.
struct SubjectKeyRow {
  int64_t subject_id = 0;
  std::string kek_id;
  Bytes wrapped_key;
};

struct SubjectRow {
  int64_t id = 0;
  std::string kind;  // "person" or "staff"
  UnixMicros created_at = 0;
  std::optional<UnixMicros> shredded_at;
};

struct StaffRow {
  int64_t id = 0;
  int64_t subject_id = 0;
  std::string role;
  std::string team;
  bool active = true;
  UnixMicros created_at = 0;
  Bytes sealed;  // name, email
};

struct PersonRow {
  int64_t id = 0;
  int64_t subject_id = 0;
  std::string kind;
  int32_t current_version = 0;
  UnixMicros created_at = 0;
  UnixMicros updated_at = 0;
};

struct PersonVersionRow {
  int64_t person_id = 0;
  int32_t version = 0;
  UnixMicros recorded_at = 0;
  int64_t recorded_by = 0;
  Bytes sealed;
  Bytes signature;
};

struct RelationshipRow {
  int64_t id = 0;
  int64_t child_id = 0;
  int64_t person_id = 0;
  UnixMicros created_at = 0;
  int64_t created_by = 0;
  Bytes sealed;  // kind, parental responsibility, lives-with, restrictions, notes
};

struct AllocationRow {
  int64_t id = 0;
  int64_t child_id = 0;
  int64_t staff_id = 0;
  std::string role;
  std::string team;
  UnixMicros starts_at = 0;
  std::optional<UnixMicros> ends_at;
  int64_t created_by = 0;
};

// The record's identity plus a copy of its current version's tier and dates, so a chronology can
// be listed and filtered without reading every version. The versions are the truth; reads check
// the copy against the signed version.
struct RecordRow {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string kind;
  int32_t current_version = 0;
  std::string tier;
  UnixMicros occurred_at = 0;
  UnixMicros created_at = 0;
};

struct RecordVersionRow {
  int64_t record_id = 0;
  int32_t version = 0;
  std::string tier;
  UnixMicros occurred_at = 0;
  UnixMicros recorded_at = 0;
  int64_t author_id = 0;
  std::string source_kind;
  Bytes sealed;
  Bytes signature;
};

struct ChronologyRow {
  RecordRow record;
  std::optional<RecordVersionRow> current;  // absent if the version current_version names is missing
  int32_t latest_version = 0;               // the highest version stored for the record
};

}  // namespace confide::store
