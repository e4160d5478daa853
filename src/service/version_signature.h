// Signatures on versions: every person and record version is signed by the organisation's Ed25519
// key over its clear header and a digest of its plaintext fields, so origin and integrity can be
// checked later, including on an exported (decrypted) copy.
//
//   message = "confide/version-signature/v1" || lp(EncodeVersionHeader) || BLAKE2b-256(fields)
//   fields digest input = count || for each field in name order: lp(name) || lp(value)
//
// The fields always include "_salt", 32 random bytes (hex): without it, anyone holding the public
// key and a stolen database could test guesses of low-entropy content (a date of birth, a name)
// against the signature, defeating the encryption. Pure, thread-safe.
#pragma once

#include "confide/result.h"
#include "crypto/signing.h"
#include "crypto/verification_cache.h"
#include "service/sealed_fields.h"

namespace confide::service {

inline constexpr std::string_view kSaltField = "_salt";

// Adds a fresh random salt to `fields`.
void AddSigningSalt(FieldMap& fields);

Bytes VersionSigningMessage(const VersionHeader& header, const FieldMap& fields);
crypto::Signature SignVersion(const crypto::SigningKey& key, const VersionHeader& header, const FieldMap& fields);
// kCorruption if the signature does not verify (content or header changed, or another key).
// With `cache`, a signature that verified before is accepted without verifying again.
Status VerifyVersion(ByteView public_key, const VersionHeader& header, const FieldMap& fields, ByteView signature,
                     crypto::VerificationCache* cache = nullptr);

}  // namespace confide::service
