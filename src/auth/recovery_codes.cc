#include "auth/recovery_codes.h"

#include <sodium.h>

#include "crypto/sodium_init.h"

namespace confide::auth {

namespace {

constexpr std::string_view kDomain = "confide recovery code v1:";

}  // namespace

std::vector<std::string> NewRecoveryCodes(size_t count) {
  (void)crypto::EnsureSodium();
  std::vector<std::string> codes;
  codes.reserve(count);
  for (size_t n = 0; n < count; ++n) {
    std::string code;
    for (size_t i = 0; i < kRecoveryCodeLength; ++i) {
      if (i > 0 && i % 4 == 0) code += '-';
      // randombytes_uniform rejects biased values, so each of the 31 characters is equally likely.
      code += kRecoveryCodeAlphabet[randombytes_uniform(
          static_cast<uint32_t>(kRecoveryCodeAlphabet.size()))];
    }
    codes.push_back(std::move(code));
  }
  return codes;
}

std::string NormaliseRecoveryCode(std::string_view typed) {
  std::string out;
  out.reserve(typed.size());
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool LooksLikeRecoveryCode(std::string_view typed) {
  const std::string code = NormaliseRecoveryCode(typed);
  if (code.size() != kRecoveryCodeLength) return false;
  for (char c : code) {
    if (kRecoveryCodeAlphabet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

crypto::Hash32 HashRecoveryCode(std::string_view code) {
  const std::string normalised = NormaliseRecoveryCode(code);
  return crypto::Blake2b256({AsBytes(kDomain), AsBytes(normalised)});
}

}  // namespace confide::auth
