#include "crypto/secret_key.h"

#include <gtest/gtest.h>

#include "testing/test_util.h"

namespace confide::crypto {
namespace {

TEST(SecretKeyTest, GenerateGivesRequestedSize) {
  EXPECT_EQ(SecretKey::Generate().size(), SecretKey::kDefaultSize);
  EXPECT_EQ(SecretKey::Generate(64).size(), 64u);
}

TEST(SecretKeyTest, GeneratedKeysAreRandom) {
  SecretKey a = SecretKey::Generate();
  SecretKey b = SecretKey::Generate();
  EXPECT_FALSE(SecretKey::IsZeroForTest(a.data(), a.size()));
  EXPECT_FALSE(a.Equals(b));
}

TEST(SecretKeyTest, GenerateZeroGivesEmptyKey) {
  SecretKey k = SecretKey::Generate(0);
  EXPECT_EQ(k.size(), 0u);
  EXPECT_EQ(k.data(), nullptr);
}

TEST(SecretKeyTest, FromBytesCopiesTheKeyAndWipesTheSource) {
  Bytes source = {1, 2, 3, 4, 5, 6, 7, 8};
  const Bytes expected = source;
  ASSERT_OK_AND_ASSIGN(SecretKey key, SecretKey::FromBytes(source));
  EXPECT_EQ(Bytes(key.view().begin(), key.view().end()), expected);
  ASSERT_EQ(source.size(), expected.size());  // wiped in place, not resized
  EXPECT_TRUE(SecretKey::IsZeroForTest(source.data(), source.size()));
}

TEST(SecretKeyTest, FromPointerWipesTheSource) {
  uint8_t source[32];
  for (uint8_t i = 0; i < 32; ++i) source[i] = static_cast<uint8_t>(i + 1);
  ASSERT_OK_AND_ASSIGN(SecretKey key, SecretKey::FromBytes(source, sizeof source));
  EXPECT_EQ(key.size(), 32u);
  EXPECT_EQ(key.data()[31], 32);
  EXPECT_TRUE(SecretKey::IsZeroForTest(source, sizeof source));
  EXPECT_NE(key.data(), source);
}

TEST(SecretKeyTest, FromBytesRejectsEmptySource) {
  Bytes empty;
  Result<SecretKey> r = SecretKey::FromBytes(empty);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SecretKey::FromBytes(nullptr, 0).status().code(), StatusCode::kInvalidArgument);
}

TEST(SecretKeyTest, MovedFromKeyIsEmpty) {
  SecretKey a = SecretKey::Generate();
  const uint8_t* bytes = a.data();
  SecretKey b(std::move(a));
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_EQ(a.data(), nullptr);
  EXPECT_EQ(b.data(), bytes);
  EXPECT_EQ(b.size(), SecretKey::kDefaultSize);
}

TEST(SecretKeyTest, MoveAssignmentTransfersOwnershipAndEmptiesSource) {
  SecretKey a = SecretKey::Generate(16);
  SecretKey b = SecretKey::Generate(32);
  const uint8_t* bytes = a.data();
  b = std::move(a);
  EXPECT_EQ(b.data(), bytes);
  EXPECT_EQ(b.size(), 16u);
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(a.data(), nullptr);
}

TEST(SecretKeyTest, SelfMoveAssignmentKeepsTheKey) {
  SecretKey a = SecretKey::Generate();
  SecretKey& alias = a;
  a = std::move(alias);
  EXPECT_EQ(a.size(), SecretKey::kDefaultSize);
}

TEST(SecretKeyTest, EqualsComparesValue) {
  Bytes b1(32, 7), b2(32, 7), b3(32, 7), b4(16, 7);
  b3[31] = 8;
  ASSERT_OK_AND_ASSIGN(SecretKey k1, SecretKey::FromBytes(b1));
  ASSERT_OK_AND_ASSIGN(SecretKey k2, SecretKey::FromBytes(b2));
  ASSERT_OK_AND_ASSIGN(SecretKey k3, SecretKey::FromBytes(b3));
  ASSERT_OK_AND_ASSIGN(SecretKey k4, SecretKey::FromBytes(b4));
  EXPECT_TRUE(k1.Equals(k2));
  EXPECT_FALSE(k1.Equals(k3));
  EXPECT_FALSE(k1.Equals(k4));
}

TEST(SecretKeyTest, IsZeroForTestDetectsAnyNonZeroByte) {
  uint8_t buf[8] = {};
  EXPECT_TRUE(SecretKey::IsZeroForTest(buf, sizeof buf));
  buf[7] = 1;
  EXPECT_FALSE(SecretKey::IsZeroForTest(buf, sizeof buf));
}

// The key's pages are read-only after construction, so a stray write faults instead of silently
// changing the key.
TEST(SecretKeyDeathTest, KeyBytesAreReadOnly) {
  SecretKey k = SecretKey::Generate();
  EXPECT_DEATH(const_cast<uint8_t*>(k.data())[0] ^= 1, "");
}

}  // namespace
}  // namespace confide::crypto
