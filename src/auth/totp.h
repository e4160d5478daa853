// One-time passwords for the second sign-in factor: HOTP (RFC 4226) and TOTP (RFC 6238), computed
// by liboath (OATH Toolkit), as authenticator apps compute them.
//
// Secrets are the raw shared key bytes (not base32). Codes are strings of ASCII digits, leading
// zeros kept. Thread-safe: liboath is initialised once, and its generators keep no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/bytes.h"
#include "confide/result.h"

namespace confide::auth {

struct TotpParams {
  enum Algorithm { kSha1, kSha256, kSha512 };

  int digits = 6;               // 6, 7 or 8 (what liboath and authenticator apps support)
  int period_seconds = 30;      // length of a time step; 1..3600
  Algorithm algorithm = kSha1;  // most authenticator apps support only SHA-1
  int window = 1;               // steps accepted either side of now, for clock drift; 0..10
};

// RFC 4226 section 4: shared secrets must be at least 128 bits.
inline constexpr size_t kMinOtpSecretBytes = 16;

// HMAC-SHA-1 HOTP value of `counter`. kInvalidArgument if `secret` is shorter than 16 bytes or
// `digits` is not 6, 7 or 8.
Result<std::string> Hotp(ByteView secret, uint64_t counter, int digits);

// TOTP value at `unix_seconds` (T0 = 0): HOTP of floor(unix_seconds / period) with the chosen
// HMAC. kInvalidArgument for a short secret, invalid params or a time before 1970 or after 9999.
Result<std::string> Totp(ByteView secret, int64_t unix_seconds, const TotpParams& params);

// Checks a code typed at `unix_seconds`. Returns the time step it matched, or nullopt if it matched
// none. Steps from (now - window) to (now + window) are tried, except those <= `last_used_step`, so
// each code works once: store the returned step and pass it back next time (-1 when none is
// stored). Every step not yet used is computed and compared in constant time, whatever matches. A
// code that is not exactly `digits` ASCII digits (a space included) never matches. Errors as for
// Totp.
Result<std::optional<int64_t>> MatchTotp(ByteView secret, std::string_view code,
                                         int64_t unix_seconds, const TotpParams& params,
                                         int64_t last_used_step);

// A fresh random 160-bit secret, the length RFC 4226 section 4 recommends (and HMAC-SHA-1's output
// size). Store it encrypted: whoever reads it can make codes.
Bytes NewTotpSecret();

}  // namespace confide::auth
