// Keyed blind indexes: let staff find a person by name + date of birth or by NHS number without
// either being stored in clear. The index is BLAKE2b-256 keyed with the organisation's blind-index
// key over a domain tag and the normalised value, truncated to 16 bytes:
//   BLAKE2b-256(key, be64(len(domain)) || domain || be64(len(value)) || value)[0..16)
// Indexes are stored, so this definition must never change. Without the key the index
// reveals nothing; equal normalised inputs give equal indexes so lookups are exact matches.
// Normalisation (case, spacing, name variants) happens in domain/, before this is called.
// Thread-safe for const use.
#pragma once

#include <string_view>

#include "common/bytes.h"
#include "crypto/secret_key.h"

namespace confide::crypto {

inline constexpr size_t kBlindIndexBytes = 16;

class BlindIndexer {
 public:
  // REQUIRES: key.size() in 16..64 (32 recommended). Compute aborts otherwise: an unkeyed index of
  // an NHS number can be reversed by trying every number, so it must never be produced.
  explicit BlindIndexer(SecretKey key) : key_(std::move(key)) {}

  // `domain` separates index families ("nhs", "name_dob", ...) so equal strings in different
  // families never collide.
  Bytes Compute(std::string_view domain, std::string_view normalised_value) const;

 private:
  SecretKey key_;
};

}  // namespace confide::crypto
