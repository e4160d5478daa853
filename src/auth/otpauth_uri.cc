#include "auth/otpauth_uri.h"

#include "auth/base32.h"

namespace confide::auth {

namespace {

std::string_view AlgorithmName(TotpParams::Algorithm algorithm) {
  switch (algorithm) {
    case TotpParams::kSha256:
      return "SHA256";
    case TotpParams::kSha512:
      return "SHA512";
    case TotpParams::kSha1:
      break;
  }
  return "SHA1";
}

}  // namespace

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' ||
        b == '.' || b == '_' || b == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0x0F];
    }
  }
  return out;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account, ByteView secret,
                       const TotpParams& params) {
  const std::string encoded_issuer = PercentEncode(issuer);
  // The issuer prefix in the label and the issuer parameter are both given, as the format advises:
  // older apps read one, newer the other.
  std::string uri = "otpauth://totp/";
  if (!issuer.empty()) uri += encoded_issuer + ":";
  uri += PercentEncode(account);
  uri += "?secret=" + Base32(secret);
  if (!issuer.empty()) uri += "&issuer=" + encoded_issuer;
  uri += "&algorithm=";
  uri += AlgorithmName(params.algorithm);
  uri += "&digits=" + std::to_string(params.digits);
  uri += "&period=" + std::to_string(params.period_seconds);
  return uri;
}

}  // namespace confide::auth
