#include "auth/otpauth_uri.h"

#include <gtest/gtest.h>

#include <string>

namespace confide::auth {
namespace {

const std::string kSeed = "12345678901234567890";

TEST(OtpauthUriTest, DefaultParams) {
  EXPECT_EQ(OtpauthUri("Confide", "jane@example.org", AsBytes(kSeed), {}),
            "otpauth://totp/Confide:jane%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=Confide&algorithm=SHA1&digits=6&period=30");
}

TEST(OtpauthUriTest, IssuerAndAccountArePercentEncoded) {
  const std::string uri =
      OtpauthUri("Northshire Council: Children's Services & Co", "a:b?c=d&e", AsBytes(kSeed),
                 {.digits = 8, .period_seconds = 60, .algorithm = TotpParams::kSha256});
  EXPECT_EQ(uri,
            "otpauth://totp/"
            "Northshire%20Council%3A%20Children%27s%20Services%20%26%20Co:a%3Ab%3Fc%3Dd%26e"
            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=Northshire%20Council%3A%20Children%27s%20Services%20%26%20Co"
            "&algorithm=SHA256&digits=8&period=60");
}

TEST(OtpauthUriTest, EmptyIssuerLeftOut) {
  EXPECT_EQ(OtpauthUri("", "jane", AsBytes(kSeed), {.algorithm = TotpParams::kSha512}),
            "otpauth://totp/"
            "jane?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA512&digits=6&period=30");
}

TEST(PercentEncodeTest, KeepsUnreservedAndEncodesUtf8Bytes) {
  EXPECT_EQ(PercentEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(PercentEncode("Zo\u00eb /+%"), "Zo%C3%AB%20%2F%2B%25");
  EXPECT_EQ(PercentEncode(std::string("\0", 1)), "%00");
}

}  // namespace
}  // namespace confide::auth
