#include "auth/session_token.h"

#include <sodium.h>

#include "crypto/sodium_init.h"

namespace confide::auth {

namespace {

constexpr std::string_view kDomain = "confide session token v1:";

std::string NewToken() {
  uint8_t bytes[kTokenBytes];
  crypto::RandomBytes(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(bytes, sizeof bytes);
  std::string token(text);
  sodium_memzero(text, sizeof text);
  return token;
}

}  // namespace

std::string NewSessionToken() { return NewToken(); }

std::string NewCsrfToken() { return NewToken(); }

crypto::Hash32 HashSessionToken(std::string_view token) {
  return crypto::Blake2b256({AsBytes(kDomain), AsBytes(token)});
}

bool LooksLikeSessionToken(std::string_view token) {
  if (token.size() != kTokenCharacters) return false;
  for (char c : token) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace confide::auth
