// The otpauth:// key URI that authenticator apps read (usually from a QR code) to add a TOTP
// account, in the format Google Authenticator defined
// (https://github.com/google/google-authenticator/wiki/Key-Uri-Format). Pure, thread-safe.
//
// The URI contains the secret: show it only to the person enrolling, never log or store it.
#pragma once

#include <string>
#include <string_view>

#include "auth/totp.h"
#include "common/bytes.h"

namespace confide::auth {

// "otpauth://totp/<issuer>:<account>?secret=<base32>&issuer=<issuer>&algorithm=SHA1&digits=6&period=30"
// Issuer and account are percent-encoded as UTF-8 (everything except RFC 3986 unreserved
// characters), so a ':' or '&' in either cannot change the URI's structure. An empty issuer is
// left out of both places.
std::string OtpauthUri(std::string_view issuer, std::string_view account, ByteView secret,
                       const TotpParams& params);

// RFC 3986 percent-encoding of every byte outside A-Z a-z 0-9 - . _ ~ (upper-case hex).
std::string PercentEncode(std::string_view text);

}  // namespace confide::auth
