#include "auth/totp.h"

#include <liboath/oath.h>

#include <ctime>

#include "crypto/hash.h"
#include "crypto/sodium_init.h"

namespace confide::auth {

namespace {

static_assert(sizeof(time_t) >= 8,
              "TOTP times beyond 2038 (RFC 6238's 20000000000 vector) need a 64-bit time_t");

// 9999-12-31T23:59:59Z: beyond it nothing is meaningful, and step arithmetic cannot overflow.
constexpr int64_t kMaxUnixSeconds = 253402300799;
constexpr int kMaxWindow = 10;
constexpr int kMaxPeriodSeconds = 3600;

Status EnsureOath() {
  // oath_init is not documented as thread-safe; a function-local static runs it exactly once.
  static const int rc = oath_init();
  if (rc != OATH_OK) return Status::Internal("liboath failed to initialise");
  return Status::Ok();
}

Status CheckSecretAndDigits(ByteView secret, int digits) {
  if (secret.size() < kMinOtpSecretBytes) {
    return Status::InvalidArgument("one-time password secret shorter than 128 bits");
  }
  if (digits < 6 || digits > 8) {
    return Status::InvalidArgument("one-time passwords have 6, 7 or 8 digits");
  }
  return Status::Ok();
}

Status CheckParams(ByteView secret, const TotpParams& params) {
  CONFIDE_RETURN_IF_ERROR(CheckSecretAndDigits(secret, params.digits));
  if (params.period_seconds < 1 || params.period_seconds > kMaxPeriodSeconds) {
    return Status::InvalidArgument("TOTP period out of range");
  }
  if (params.window < 0 || params.window > kMaxWindow) {
    return Status::InvalidArgument("TOTP window out of range");
  }
  if (params.algorithm != TotpParams::kSha1 && params.algorithm != TotpParams::kSha256 &&
      params.algorithm != TotpParams::kSha512) {
    return Status::InvalidArgument("unknown TOTP algorithm");
  }
  return Status::Ok();
}

int OathFlags(TotpParams::Algorithm algorithm) {
  switch (algorithm) {
    case TotpParams::kSha256:
      return OATH_TOTP_HMAC_SHA256;
    case TotpParams::kSha512:
      return OATH_TOTP_HMAC_SHA512;
    case TotpParams::kSha1:
      break;
  }
  return 0;
}

// The code for time step `step`. REQUIRES: CheckParams passed and 0 <= step * period fits time_t.
Result<std::string> CodeForStep(ByteView secret, int64_t step, const TotpParams& params) {
  CONFIDE_RETURN_IF_ERROR(EnsureOath());
  char out[9] = {};  // up to 8 digits and the NUL
  const int rc =
      oath_totp_generate2(reinterpret_cast<const char*>(secret.data()), secret.size(),
                          static_cast<time_t>(step * params.period_seconds),
                          static_cast<unsigned>(params.period_seconds), /*start_offset=*/0,
                          static_cast<unsigned>(params.digits), OathFlags(params.algorithm), out);
  if (rc != OATH_OK) {
    return Status::Internal(std::string("TOTP generation failed: ") + oath_strerror_name(rc));
  }
  return std::string(out);
}

bool IsDigits(std::string_view code, int digits) {
  if (code.size() != static_cast<size_t>(digits)) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Result<std::string> Hotp(ByteView secret, uint64_t counter, int digits) {
  CONFIDE_RETURN_IF_ERROR(CheckSecretAndDigits(secret, digits));
  CONFIDE_RETURN_IF_ERROR(EnsureOath());
  char out[9] = {};
  const int rc = oath_hotp_generate(reinterpret_cast<const char*>(secret.data()), secret.size(),
                                    counter, static_cast<unsigned>(digits), /*add_checksum=*/false,
                                    OATH_HOTP_DYNAMIC_TRUNCATION, out);
  if (rc != OATH_OK) {
    return Status::Internal(std::string("HOTP generation failed: ") + oath_strerror_name(rc));
  }
  return std::string(out);
}

Result<std::string> Totp(ByteView secret, int64_t unix_seconds, const TotpParams& params) {
  CONFIDE_RETURN_IF_ERROR(CheckParams(secret, params));
  if (unix_seconds < 0 || unix_seconds > kMaxUnixSeconds) {
    return Status::InvalidArgument("time out of range");
  }
  return CodeForStep(secret, unix_seconds / params.period_seconds, params);
}

Result<std::optional<int64_t>> MatchTotp(ByteView secret, std::string_view code,
                                         int64_t unix_seconds, const TotpParams& params,
                                         int64_t last_used_step) {
  CONFIDE_RETURN_IF_ERROR(CheckParams(secret, params));
  if (unix_seconds < 0 || unix_seconds > kMaxUnixSeconds) {
    return Status::InvalidArgument("time out of range");
  }
  if (!IsDigits(code, params.digits)) return std::optional<int64_t>();
  const int64_t now_step = unix_seconds / params.period_seconds;
  std::optional<int64_t> matched;
  for (int64_t step = now_step - params.window; step <= now_step + params.window; ++step) {
    if (step < 0 || step <= last_used_step) continue;  // before 1970, or already used
    CONFIDE_ASSIGN_OR_RETURN(const std::string candidate, CodeForStep(secret, step, params));
    // No early exit and no data-dependent comparison: the time taken does not depend on how much
    // of the code was right or which step matched. The earliest matching step wins.
    const bool equal = crypto::ConstantTimeEquals(AsBytes(candidate), AsBytes(code));
    if (equal && !matched) matched = step;
  }
  return matched;
}

Bytes NewTotpSecret() {
  Bytes secret(20);
  crypto::RandomBytes(secret.data(), secret.size());
  return secret;
}

}  // namespace confide::auth
