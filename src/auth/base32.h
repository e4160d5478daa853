// Base32 (RFC 4648 section 6, upper-case alphabet A-Z 2-7, no '=' padding): the form in which
// authenticator apps take a TOTP secret, typed or inside an otpauth:// URI. An encoding, not a
// cryptographic primitive. Pure, thread-safe.
#pragma once

#include <string>

#include "common/bytes.h"

namespace confide::auth {

std::string Base32(ByteView bytes);

}  // namespace confide::auth
