// Session and CSRF tokens: 256-bit random bearer values, base64url without padding (43
// characters), safe in cookies, headers and form fields. Thread-safe.
//
// A session token is stored only as HashSessionToken(token), so a copy of the database cannot be
// replayed as a live session. A fast hash suffices: the token is 256 random bits, not a guessable
// password. Check LooksLikeSessionToken before any lookup, so a malformed cookie costs nothing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "crypto/hash.h"

namespace confide::auth {

inline constexpr size_t kTokenBytes = 32;       // 256 bits; ASVS asks for at least 128
inline constexpr size_t kTokenCharacters = 43;  // ceil(32 * 8 / 6)

std::string NewSessionToken();

// BLAKE2b-256("confide session token v1:" || token): the stored form and the lookup key.
crypto::Hash32 HashSessionToken(std::string_view token);

// True if `token` has the length and alphabet (A-Z a-z 0-9 - _) of a token this module made.
bool LooksLikeSessionToken(std::string_view token);

// A token of the same form for the synchronizer-token CSRF defence (one per session, echoed in each
// state-changing form). Compare with crypto::ConstantTimeEquals, never ==.
std::string NewCsrfToken();
inline bool LooksLikeCsrfToken(std::string_view token) { return LooksLikeSessionToken(token); }

}  // namespace confide::auth
