#include "crypto/verification_cache.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/signing.h"

namespace confide::crypto {
namespace {

ByteView View(const std::string& s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

class VerificationCacheTest : public ::testing::Test {
 protected:
  SigningKey key_ = SigningKey::Generate();
  const std::string message_ = "confide/version-signature/v1 record 7 v2";
  Signature signature_ = key_.Sign(View(message_));
};

TEST_F(VerificationCacheTest, AValidSignatureVerifiesAndIsThenAnsweredFromMemory) {
  VerificationCache cache;
  EXPECT_TRUE(cache.Verify(key_.public_key(), View(message_), signature_));
  EXPECT_EQ(cache.hits(), 0u);
  EXPECT_TRUE(cache.Verify(key_.public_key(), View(message_), signature_));
  EXPECT_EQ(cache.hits(), 1u);
}

TEST_F(VerificationCacheTest, AnyChangedByteIsCheckedAfreshAndFails) {
  VerificationCache cache;
  ASSERT_TRUE(cache.Verify(key_.public_key(), View(message_), signature_));
  std::string other_message = message_;
  other_message.back() = '3';
  Signature other_signature = signature_;
  other_signature[10] ^= 0x01;
  const SigningKey other_key = SigningKey::Generate();
  for (int attempt = 0; attempt < 2; ++attempt) {  // a failure is never remembered
    EXPECT_FALSE(cache.Verify(key_.public_key(), View(other_message), signature_));
    EXPECT_FALSE(cache.Verify(key_.public_key(), View(message_), other_signature));
    EXPECT_FALSE(cache.Verify(other_key.public_key(), View(message_), signature_));
  }
  EXPECT_EQ(cache.hits(), 0u);
  EXPECT_EQ(cache.size(), 1u);
}

TEST_F(VerificationCacheTest, WrongSizesAreRefusedLikeVerifySignature) {
  VerificationCache cache;
  EXPECT_FALSE(cache.Verify(ByteView(key_.public_key().data(), 31), View(message_), signature_));
  EXPECT_FALSE(cache.Verify(key_.public_key(), View(message_), ByteView(signature_.data(), 63)));
}

TEST_F(VerificationCacheTest, MemoryIsBoundedAndKeepsWhatIsStillInUse) {
  VerificationCache cache(8);  // two generations of 4
  std::vector<std::string> messages;
  std::vector<Signature> signatures;
  for (int i = 0; i < 20; ++i) {
    messages.push_back("message " + std::to_string(i));
    signatures.push_back(key_.Sign(View(messages.back())));
  }
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(cache.Verify(key_.public_key(), View(messages[i]), signatures[i]));
    // Message 0 is read again after every other: it stays remembered throughout.
    ASSERT_TRUE(cache.Verify(key_.public_key(), View(messages[0]), signatures[0]));
    EXPECT_LE(cache.size(), 8u);
  }
  EXPECT_EQ(cache.hits(), 20u);
  // An early message that was not used again has been forgotten, and verifies afresh.
  const size_t hits = cache.hits();
  EXPECT_TRUE(cache.Verify(key_.public_key(), View(messages[1]), signatures[1]));
  EXPECT_EQ(cache.hits(), hits);
}

}  // namespace
}  // namespace confide::crypto
