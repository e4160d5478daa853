#include "crypto/signing.h"

#include <gtest/gtest.h>

#include "crypto/wycheproof_test_util.h"
#include "testing/test_util.h"

namespace confide::crypto {
namespace {

using ::confide::crypto::testing::Describe;
using ::confide::crypto::testing::LoadWycheproof;
using ::confide::crypto::testing::VectorHex;

Bytes Hex(std::string_view hex) { return std::move(HexDecode(hex)).value(); }

SecretKey SeedFromHex(std::string_view hex) {
  Bytes raw = Hex(hex);
  return std::move(SecretKey::FromBytes(raw)).value();
}

struct Rfc8032Vector {
  const char* name;
  const char* seed;
  const char* public_key;
  const char* message;
  const char* signature;
};

// RFC 8032 section 7.1, TEST 1, TEST 2 and TEST 3 ("SECRET KEY" there is the 32-byte seed).
constexpr Rfc8032Vector kRfc8032[] = {
    {"TEST 1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b"
     "46"
     "bd25bf5f0595bbe24655141438e7a100b"},
    {"TEST 2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11"
     "d8"
     "c387b2eaeb4302aeeb00d291612bb0c00"},
    {"TEST 3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc"
     "65"
     "94a7c15e9716ed28dc027beceea1ec40a"},
};

TEST(SigningTest, Rfc8032VectorsSignFromSeed) {
  for (const Rfc8032Vector& v : kRfc8032) {
    SCOPED_TRACE(v.name);
    ASSERT_OK_AND_ASSIGN(SigningKey key, SigningKey::FromSeed(SeedFromHex(v.seed)));
    EXPECT_EQ(HexEncode(key.public_key()), v.public_key);
    const Bytes message = Hex(v.message);
    const Signature sig = key.Sign(message);
    EXPECT_EQ(HexEncode(sig), v.signature);
    EXPECT_TRUE(VerifySignature(key.public_key(), message, sig));
  }
}

// Wycheproof's Ed25519 file has only "valid" and "invalid" vectors: invalid ones include
// malleable signatures (S + L), non-canonical encodings and truncated or padded signatures, all of
// which libsodium 1.0.18 rejects.
TEST(SigningWycheproofTest, AllVectorsBehaveAsPublished) {
  const nlohmann::json doc = LoadWycheproof("ed25519_test.json");
  ASSERT_FALSE(doc.is_null());
  int valid = 0, invalid = 0;
  for (const auto& group : doc["testGroups"]) {
    const Bytes pk = VectorHex(group["publicKey"]["pk"]);
    for (const auto& t : group["tests"]) {
      SCOPED_TRACE(Describe(t));
      const bool ok = VerifySignature(pk, VectorHex(t["msg"]), VectorHex(t["sig"]));
      const std::string result = t["result"];
      if (result == "valid") {
        ++valid;
        EXPECT_TRUE(ok);
      } else if (result == "invalid") {
        ++invalid;
        EXPECT_FALSE(ok);
      } else {
        ADD_FAILURE() << "unexpected result kind " << result;
      }
    }
  }
  EXPECT_EQ(valid + invalid, doc["numberOfTests"].get<int>());
  EXPECT_GT(valid, 0);
  EXPECT_GT(invalid, 0);
  RecordProperty("valid", valid);
  RecordProperty("invalid", invalid);
}

TEST(SigningTest, GeneratedKeySignsAndVerifies) {
  SigningKey key = SigningKey::Generate();
  const Signature sig = key.Sign(AsBytes("tree head 42"));
  EXPECT_TRUE(VerifySignature(key.public_key(), AsBytes("tree head 42"), sig));
}

TEST(SigningTest, GeneratedKeysDiffer) {
  EXPECT_NE(SigningKey::Generate().public_key(), SigningKey::Generate().public_key());
}

TEST(SigningTest, OtherMessageDoesNotVerify) {
  SigningKey key = SigningKey::Generate();
  const Signature sig = key.Sign(AsBytes("version 1"));
  EXPECT_FALSE(VerifySignature(key.public_key(), AsBytes("version 2"), sig));
}

TEST(SigningTest, OtherPublicKeyDoesNotVerify) {
  SigningKey key = SigningKey::Generate();
  const Signature sig = key.Sign(AsBytes("m"));
  EXPECT_FALSE(VerifySignature(SigningKey::Generate().public_key(), AsBytes("m"), sig));
}

TEST(SigningTest, FlippingAnySignatureByteFailsVerification) {
  SigningKey key = SigningKey::Generate();
  const Signature sig = key.Sign(AsBytes("m"));
  for (size_t i = 0; i < sig.size(); ++i) {
    Signature bad = sig;
    bad[i] ^= 0x01;
    EXPECT_FALSE(VerifySignature(key.public_key(), AsBytes("m"), bad)) << "byte " << i;
  }
}

TEST(SigningTest, WrongSizedInputsDoNotVerify) {
  SigningKey key = SigningKey::Generate();
  const Signature sig = key.Sign(AsBytes("m"));
  const ByteView pk = key.public_key();
  EXPECT_FALSE(VerifySignature(pk.first(31), AsBytes("m"), sig));
  EXPECT_FALSE(VerifySignature(pk, AsBytes("m"), ByteView(sig).first(63)));
  Bytes longer(sig.begin(), sig.end());
  longer.push_back(0);
  EXPECT_FALSE(VerifySignature(pk, AsBytes("m"), longer));
  EXPECT_FALSE(VerifySignature({}, AsBytes("m"), {}));
}

TEST(SigningTest, FromSeedKeepsItsOwnCopyOfTheSeed) {
  SecretKey seed = SecretKey::Generate(kSeedBytes);
  ASSERT_OK_AND_ASSIGN(SigningKey a, SigningKey::FromSeed(seed));
  EXPECT_TRUE(a.seed().Equals(seed));
  EXPECT_NE(a.seed().data(), seed.data());
  ASSERT_OK_AND_ASSIGN(SigningKey b, SigningKey::FromSeed(a.seed()));
  EXPECT_EQ(a.public_key(), b.public_key());
}

TEST(SigningTest, FromSeedRejectsWrongSize) {
  for (size_t size : {size_t{16}, size_t{31}, size_t{33}, size_t{64}}) {
    SecretKey seed = SecretKey::Generate(size);
    EXPECT_EQ(SigningKey::FromSeed(seed).status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(SigningTest, MovedKeyStillSigns) {
  SigningKey a = SigningKey::Generate();
  const PublicKey pk = a.public_key();
  SigningKey b = std::move(a);
  EXPECT_TRUE(VerifySignature(pk, AsBytes("m"), b.Sign(AsBytes("m"))));
}

TEST(SigningDeathTest, SigningWithMovedFromKeyAborts) {
  SigningKey a = SigningKey::Generate();
  SigningKey b = std::move(a);
  // NOLINTNEXTLINE(bugprone-use-after-move): this is the misuse under test.
  EXPECT_DEATH((void)a.Sign(AsBytes("m")), "moved-from");
}

}  // namespace
}  // namespace confide::crypto
