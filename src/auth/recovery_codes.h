// Recovery codes: single-use codes, shown once at enrolment, that sign someone in when they have
// lost their authenticator. Only their hashes are stored; the caller deletes a hash when its code
// is used. Thread-safe.
//
// A code is 16 characters from a 31-character alphabet with no 0, o, 1, i or l (easy to misread),
// shown lower-case as "xxxx-xxxx-xxxx-xxxx". Each character is drawn uniformly (libsodium's
// randombytes_uniform), so a code carries 16 * log2(31) = 79.3 bits.
//
// Why a fast hash is enough: password hashes are slow because people choose guessable passwords.
// These codes are random; finding one from its hash means trying ~2^78 candidates on average, out
// of reach however fast each try is. So BLAKE2b-256, with a domain-separation prefix so the digest
// can never be confused with another Confide hash of the same bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/hash.h"

namespace confide::auth {

inline constexpr std::string_view kRecoveryCodeAlphabet = "23456789abcdefghjkmnpqrstuvwxyz";
inline constexpr size_t kRecoveryCodeLength = 16;  // characters, without the dashes

// `count` fresh codes, formatted "xxxx-xxxx-xxxx-xxxx".
std::vector<std::string> NewRecoveryCodes(size_t count = 10);

// What the person typed, with spaces and dashes removed and ASCII letters lower-cased.
std::string NormaliseRecoveryCode(std::string_view typed);

// True if `typed`, once normalised, has the shape of a recovery code (length and alphabet): a cheap
// check before any lookup.
bool LooksLikeRecoveryCode(std::string_view typed);

// BLAKE2b-256("confide recovery code v1:" || NormaliseRecoveryCode(code)): what is stored, and what
// a typed code is looked up by. The same code typed with or without dashes, spaces or capitals has
// the same hash.
crypto::Hash32 HashRecoveryCode(std::string_view code);

}  // namespace confide::auth
