// Password hashing: argon2id (RFC 9106) through libsodium's crypto_pwhash_str, which stores the
// algorithm, parameters and a random salt in one self-describing string ("$argon2id$v=19$m=...").
//
// Passwords arrive as string_views and are never copied, logged or put in error messages.
// Thread-safe: every function may be called concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "confide/result.h"

namespace confide::auth {

// argon2id cost. Parallelism is always 1 (libsodium's crypto_pwhash_str does not offer others).
struct PasswordHashParams {
  uint64_t opslimit;  // passes over memory (argon2 t)
  size_t memlimit;    // bytes of memory (argon2 m, stored in KiB)

  bool operator==(const PasswordHashParams&) const = default;
};

// t=2, m=64 MiB, p=1: libsodium's INTERACTIVE limits, above the OWASP / ASVS 5.0 argon2id minimum
// (m=19 MiB, t=2, p=1). Measured on the development machine (2-vCPU AMD EPYC VM, libsodium 1.0.18):
// 65-72 ms to hash and the same to verify (means of 20 runs), well inside a 300 ms sign-in budget.
// Each sign-in holds 64 MiB while it runs, so bound the server's concurrent sign-ins accordingly.
PasswordHashParams DefaultPasswordHashParams();

// libsodium's minimum limits (t=1, m=8 KiB): well under a millisecond. TESTS ONLY.
PasswordHashParams TestPasswordHashParams();

// An encoded argon2id hash of `password` with a fresh random salt. kInvalidArgument if `params`
// are outside libsodium's limits; kInternal if hashing fails (memory could not be allocated).
Result<std::string> HashPassword(std::string_view password, const PasswordHashParams& params);

// True only if `encoded_hash` is a well-formed argon2id string and `password` matches it. A
// malformed, truncated or over-long hash string is false, never a crash. The cost is whatever the
// hash string says, so only pass hashes Confide stored.
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);

// True if `encoded_hash` was not made with exactly `params` (for example the configured parameters
// rose since), or is not a well-formed argon2id string. Call after a successful VerifyPassword and
// store HashPassword(password, params) when true.
bool NeedsRehash(std::string_view encoded_hash, const PasswordHashParams& params);

// A hash of a random password, made once per distinct `params` and kept for the process's life.
// When the account named at sign-in does not exist, verify the typed password against this, so the
// response takes as long as for a real account and timing does not reveal which accounts exist. It
// never verifies. If it cannot be made (out of memory) the result is an empty string, which fails
// verification quickly; it is retried on the next call.
const std::string& DummyPasswordHash(const PasswordHashParams& params);

}  // namespace confide::auth
