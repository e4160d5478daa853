#include "auth/session_token.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "crypto/encoding.h"

namespace confide::auth {
namespace {

// base64url back to standard base64 with padding, to decode with the project's strict decoder.
std::string ToStandardBase64(std::string token) {
  for (char& c : token) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (token.size() % 4 != 0) token += '=';
  return token;
}

TEST(SessionTokenTest, Is43CharactersOfBase64UrlCarrying32Bytes) {
  for (int i = 0; i < 50; ++i) {
    const std::string token = NewSessionToken();
    ASSERT_EQ(token.size(), 43u) << token;
    EXPECT_TRUE(LooksLikeSessionToken(token)) << token;
    EXPECT_EQ(token.find_first_of("+/="), std::string::npos) << token;
    Result<Bytes> bytes = crypto::Base64Decode(ToStandardBase64(token));
    ASSERT_TRUE(bytes.ok()) << token;
    EXPECT_EQ(bytes->size(), 32u);
  }
}

TEST(SessionTokenTest, TokensAreUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(NewSessionToken());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(SessionTokenTest, HashIsDeterministicAndDomainSeparated) {
  const std::string token = NewSessionToken();
  EXPECT_EQ(HashSessionToken(token), HashSessionToken(token));
  EXPECT_NE(HashSessionToken(token), HashSessionToken(NewSessionToken()));
  EXPECT_NE(HashSessionToken(token), crypto::Blake2b256({AsBytes(token)}));
  EXPECT_EQ(HashSessionToken("abc"), crypto::Blake2b256({AsBytes("confide session token v1:abc")}));
}

TEST(SessionTokenTest, LooksLikeSessionTokenRefusesOtherShapes) {
  const std::string token = NewSessionToken();
  EXPECT_FALSE(LooksLikeSessionToken(""));
  EXPECT_FALSE(LooksLikeSessionToken(token.substr(1)));
  EXPECT_FALSE(LooksLikeSessionToken(token + "A"));
  EXPECT_FALSE(LooksLikeSessionToken(token.substr(1) + "="));
  EXPECT_FALSE(LooksLikeSessionToken(token.substr(1) + "+"));
  EXPECT_FALSE(LooksLikeSessionToken(token.substr(1) + "/"));
  EXPECT_FALSE(LooksLikeSessionToken(token.substr(1) + " "));
  EXPECT_FALSE(LooksLikeSessionToken(token.substr(1) + std::string(1, '\0')));
  EXPECT_FALSE(LooksLikeSessionToken(token.substr(1) + "\xc3"));
  EXPECT_TRUE(LooksLikeSessionToken(std::string(43, 'A')));
  EXPECT_TRUE(LooksLikeSessionToken(std::string(21, '-') + std::string(22, '_')));
}

TEST(CsrfTokenTest, SameFormDifferentValues) {
  const std::string csrf = NewCsrfToken();
  EXPECT_TRUE(LooksLikeCsrfToken(csrf));
  EXPECT_NE(csrf, NewCsrfToken());
}

}  // namespace
}  // namespace confide::auth
