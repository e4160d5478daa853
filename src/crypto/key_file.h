// The key-encryption key (KEK) file: kept outside the database, mode 0600.
//
// Format (docs/formats/key-file.md), a single text line:
//   confide-kek-v1 <key-id-hex16> <key-base64>\n
// key-id is the first 8 bytes of BLAKE2b-256 keyed by the KEK over "confide/kek-id"; it lets
// Confide tell "wrong key" from "corrupt data" without storing anything derived from the key that
// could help an attacker. Not thread-safe with concurrent writers to the same path.
#pragma once

#include <string>
#include <string_view>

#include "confide/result.h"
#include "crypto/secret_key.h"

namespace confide::crypto {

// The format tag of each kind of key file: the organisation's key-encryption key, and a disclosure
// package recipient's Ed25519 seed (`confide package keygen`).
inline constexpr std::string_view kKekFileTag = "confide-kek-v1";
inline constexpr std::string_view kRecipientKeyFileTag = "confide-recipient-key-v1";

struct KeyEncryptionKey {
  SecretKey key;
  std::string key_id;  // 16 hex characters
};

// Computes the key id of a KEK. REQUIRES: kek.size() in 16..64 (aborts otherwise).
std::string KekIdOf(const SecretKey& kek);

// Generates a new KEK and writes it to `path`, created with mode 0600 and O_EXCL (never overwrites;
// kConflict if the file exists). The write is durable (fsync of the file and its directory).
Result<KeyEncryptionKey> CreateKeyFile(const std::string& path, std::string_view tag = kKekFileTag);

// Writes an existing key to a new file (mode 0600, O_EXCL, durable). Used by key rotation.
// kInvalidArgument unless kek is 32 bytes; kConflict if the path exists (even as a dangling
// symlink); kNotFound if the directory does not exist. On failure no file is left behind.
Status WriteKeyFile(const std::string& path, const SecretKey& kek, std::string_view tag = kKekFileTag);

// Reads a KEK file. kNotFound if missing; kFailedPrecondition if its permissions let group or
// others read or write it (the message names the fix, `chmod 600 PATH`); kInvalidArgument if it is
// not a regular file, is malformed (the line must match exactly, final newline included, key of
// 32 bytes in canonical padded base64), or its key id does not match its key. Symlinks are
// followed (secret stores use them); the checks apply to the file actually read. Error messages
// name the path but never include the file's contents.
Result<KeyEncryptionKey> ReadKeyFile(const std::string& path, std::string_view tag = kKekFileTag);

}  // namespace confide::crypto
