#include "auth/password_hash.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

#include "testing/test_util.h"

namespace confide::auth {
namespace {

const PasswordHashParams kTest = TestPasswordHashParams();

TEST(PasswordHashTest, RoundTrip) {
  ASSERT_OK_AND_ASSIGN(std::string hash, HashPassword("correct horse battery staple", kTest));
  EXPECT_EQ(hash.rfind("$argon2id$v=19$", 0), 0u) << hash;
  EXPECT_TRUE(VerifyPassword(hash, "correct horse battery staple"));
}

TEST(PasswordHashTest, WrongPasswordRefused) {
  ASSERT_OK_AND_ASSIGN(std::string hash, HashPassword("correct horse battery staple", kTest));
  EXPECT_FALSE(VerifyPassword(hash, "correct horse battery stapler"));
  EXPECT_FALSE(VerifyPassword(hash, "Correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(hash, ""));
}

TEST(PasswordHashTest, SaltMakesEachHashDifferent) {
  ASSERT_OK_AND_ASSIGN(std::string a, HashPassword("same password", kTest));
  ASSERT_OK_AND_ASSIGN(std::string b, HashPassword("same password", kTest));
  EXPECT_NE(a, b);
}

TEST(PasswordHashTest, DefaultParamsMeetOwaspMinimumAndAreEncoded) {
  const PasswordHashParams p = DefaultPasswordHashParams();
  EXPECT_GE(p.opslimit, 2u);
  EXPECT_GE(p.memlimit, size_t{19} << 20);
  ASSERT_OK_AND_ASSIGN(std::string hash, HashPassword("a password for the defaults", p));
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << hash;
  EXPECT_TRUE(VerifyPassword(hash, "a password for the defaults"));
  EXPECT_FALSE(NeedsRehash(hash, p));
}

TEST(PasswordHashTest, NeedsRehashWhenParamsRise) {
  ASSERT_OK_AND_ASSIGN(std::string hash, HashPassword("pw", kTest));
  EXPECT_FALSE(NeedsRehash(hash, kTest));
  EXPECT_TRUE(NeedsRehash(hash, {kTest.opslimit + 1, kTest.memlimit}));
  EXPECT_TRUE(NeedsRehash(hash, {kTest.opslimit, kTest.memlimit * 2}));
  EXPECT_TRUE(NeedsRehash(hash, DefaultPasswordHashParams()));
}

TEST(PasswordHashTest, NeedsRehashForMalformedHash) {
  EXPECT_TRUE(NeedsRehash("", kTest));
  EXPECT_TRUE(NeedsRehash("not a hash", kTest));
}

TEST(PasswordHashTest, MalformedHashRefusedWithoutCrash) {
  ASSERT_OK_AND_ASSIGN(std::string hash, HashPassword("pw", kTest));
  EXPECT_FALSE(VerifyPassword("", "pw"));
  EXPECT_FALSE(VerifyPassword("$argon2id$", "pw"));
  EXPECT_FALSE(VerifyPassword("$argon2id$v=19$m=8,t=1,p=1$", "pw"));
  EXPECT_FALSE(VerifyPassword(std::string(4096, '$'), "pw"));
  EXPECT_FALSE(VerifyPassword(hash + std::string(200, 'A'), "pw"));  // over-long
  // Every truncation and a NUL in the middle.
  for (size_t n = 0; n < hash.size(); ++n) {
    EXPECT_FALSE(VerifyPassword(std::string_view(hash).substr(0, n), "pw")) << n;
  }
  std::string with_nul = hash;
  with_nul[with_nul.size() / 2] = '\0';
  EXPECT_FALSE(VerifyPassword(with_nul, "pw"));
  // One flipped character of the stored digest.
  std::string flipped = hash;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyPassword(flipped, "pw"));
}

TEST(PasswordHashTest, OtherAlgorithmsRefused) {
  char argon2i[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(argon2i, "pw", 2, 3, 8192, crypto_pwhash_ALG_ARGON2I13), 0);
  EXPECT_FALSE(VerifyPassword(argon2i, "pw"));
  EXPECT_TRUE(NeedsRehash(argon2i, kTest));
}

TEST(PasswordHashTest, ParamsOutOfRangeRefused) {
  EXPECT_EQ(HashPassword("pw", {0, kTest.memlimit}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(HashPassword("pw", {1, 1024}).status().code(), StatusCode::kInvalidArgument);
}

TEST(PasswordHashTest, LongPassword) {
  const std::string long_password(1000, 'x');
  ASSERT_OK_AND_ASSIGN(std::string hash, HashPassword(long_password, kTest));
  EXPECT_TRUE(VerifyPassword(hash, long_password));
  EXPECT_FALSE(VerifyPassword(hash, std::string(999, 'x')));
}

TEST(PasswordHashTest, UnicodePassword) {
  const std::string password = "\u00e9t\u00e9 \u2603 \U0001F511 \u4f60\u597d";  // été ☃ 🔑 你好
  ASSERT_OK_AND_ASSIGN(std::string hash, HashPassword(password, kTest));
  EXPECT_TRUE(VerifyPassword(hash, password));
  // The same text with "é" decomposed (e + U+0301) is different bytes, so it does not verify.
  EXPECT_FALSE(VerifyPassword(hash, "e\u0301t\u00e9 \u2603 \U0001F511 \u4f60\u597d"));
}

TEST(PasswordHashTest, EmbeddedNulIsPartOfThePassword) {
  const std::string password("ab\0cd", 5);
  ASSERT_OK_AND_ASSIGN(std::string hash, HashPassword(password, kTest));
  EXPECT_TRUE(VerifyPassword(hash, password));
  EXPECT_FALSE(VerifyPassword(hash, "ab"));
}

TEST(PasswordHashTest, DummyHashIsStablePerParamsAndNeverVerifies) {
  const std::string& a = DummyPasswordHash(kTest);
  const std::string& b = DummyPasswordHash(kTest);
  EXPECT_EQ(&a, &b);
  ASSERT_FALSE(a.empty());
  EXPECT_FALSE(NeedsRehash(a, kTest));  // same cost as a real hash made with these params
  EXPECT_FALSE(VerifyPassword(a, ""));
  EXPECT_FALSE(VerifyPassword(a, "password"));
  const PasswordHashParams other{kTest.opslimit + 1, kTest.memlimit};
  const std::string& c = DummyPasswordHash(other);
  EXPECT_NE(a, c);
  EXPECT_FALSE(NeedsRehash(c, other));
  EXPECT_EQ(&DummyPasswordHash(kTest), &a);  // still valid after another was added
}

}  // namespace
}  // namespace confide::auth
