// Disclosure packages: what a sharing decision sends, made safe to send. The minimum dataset (as
// JSON and as a readable document) goes with a manifest the organisation signs (Ed25519); then the
// whole is encrypted under a fresh file key (XChaCha20-Poly1305) and the file key sealed to the
// recipient's public key (sign, then seal). Only that recipient can open it; anyone who opens it
// can tell it came from the organisation unaltered; it expires; the recipient's software refuses
// to open the same package twice (a replay) and signs a receipt saying when it was opened.
//
// The file format is docs/formats/disclosure-package.md. Pure (no files, no clock): callers pass
// the time and the ids already opened.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "common/bytes.h"
#include "common/clock.h"
#include "confide/result.h"
#include "crypto/signing.h"

namespace confide::disclosure {

inline constexpr std::string_view kPackageFormat = "confide-disclosure-package/1";
inline constexpr std::string_view kReceiptFormat = "confide-disclosure-receipt/1";

struct PackageFile {
  std::string name;        // "dataset.json", "summary.txt": letters, digits, '.', '-', '_'
  std::string media_type;  // "application/json", "text/plain; charset=utf-8"
  std::string content;
};

// What the organisation puts in a package. Nothing here but the files holds personal data.
struct PackageContents {
  std::string organisation;           // the sender's name
  std::string recipient;              // the recipient's name in the directory (an organisation or role)
  Bytes recipient_public_key;         // the recipient's Ed25519 public key, 32 bytes
  int64_t decision_id = 0;            // the recorded sharing decision it carries out
  std::string purpose, lawful_basis;  // from the decision
  UnixMicros created_at = 0;
  UnixMicros expires_at = 0;          // after this the recipient's software refuses to open it
  std::vector<PackageFile> files;
};

struct SealedPackage {
  std::string package_id;  // 32 hex characters, random
  std::string text;        // the package file (JSON)
  nlohmann::json manifest; // what was signed (for the sender's record of the disclosure)
};

// kInvalidArgument for a contents that cannot be sent (no files, a bad file name, a bad key,
// expiry not after creation).
Result<SealedPackage> SealPackage(const crypto::SigningKey& organisation, const PackageContents& contents);

struct OpenedPackage {
  nlohmann::json manifest;         // verified: signed by the organisation key given
  std::vector<PackageFile> files;  // each checked against the manifest's SHA-256
  nlohmann::json receipt;          // signed by the recipient: package id, manifest hash, when opened
};

// Opens a package on the recipient's side. `recipient` is the recipient's own key;
// `organisation_public_key` the sender's key as the recipient knows it (never the one in the
// package); `already_opened` the package ids opened before. Errors:
//   kInvalidArgument     not a disclosure package (malformed)
//   kPermissionDenied    addressed to another recipient
//   kCorruption          altered, or not signed by that organisation key
//   kFailedPrecondition  expired
//   kConflict            opened before (a replay)
Result<OpenedPackage> OpenPackage(std::string_view package_text, const crypto::SigningKey& recipient,
                                  ByteView organisation_public_key, UnixMicros now,
                                  const std::set<std::string>& already_opened);

// The sender checks a receipt: signed by that recipient key, for that package and manifest.
// kCorruption if the signature or the package does not match; kInvalidArgument if malformed.
Status VerifyReceipt(const nlohmann::json& receipt, ByteView recipient_public_key, std::string_view package_id,
                     std::string_view manifest_sha256);

// The hex SHA-256 of a manifest as signed (its JSON text): what a receipt names.
std::string ManifestDigest(const nlohmann::json& manifest);

}  // namespace confide::disclosure
