#include "crypto/x25519.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "crypto/signing.h"
#include "crypto/wycheproof_test_util.h"
#include "testing/test_util.h"

namespace confide::crypto {
namespace {

using ::confide::crypto::testing::Describe;
using ::confide::crypto::testing::LoadWycheproof;
using ::confide::crypto::testing::VectorHex;

bool AllZero(const Bytes& b) {
  return std::all_of(b.begin(), b.end(), [](uint8_t x) { return x == 0; });
}

// Wycheproof's X25519 file marks edge cases "acceptable": public keys on the twist, non-canonical
// encodings (u >= p, or the top bit set) and low-order points. libsodium follows RFC 7748 for the
// first two (top bit masked, u reduced mod p) and computes the published shared secret. For
// low-order points the shared secret is all zeros, and libsodium refuses to return it; we assert
// exactly that split: "acceptable" with a zero shared secret must fail, every other one must match.
TEST(X25519WycheproofTest, AllVectorsBehaveAsLibsodiumDoes) {
  const nlohmann::json doc = LoadWycheproof("x25519_test.json");
  ASSERT_FALSE(doc.is_null());
  int valid = 0, acceptable_computed = 0, acceptable_rejected = 0;
  for (const auto& group : doc["testGroups"]) {
    for (const auto& t : group["tests"]) {
      SCOPED_TRACE(Describe(t));
      const Bytes priv = VectorHex(t["private"]), pub = VectorHex(t["public"]),
                  shared = VectorHex(t["shared"]);
      const std::string result = t["result"];
      Result<Bytes> got = X25519(priv, pub);
      if (result == "valid") {
        ++valid;
        ASSERT_OK(got);
        EXPECT_EQ(HexEncode(*got), HexEncode(shared));
      } else if (result == "acceptable") {
        if (AllZero(shared)) {
          ++acceptable_rejected;
          ASSERT_FALSE(got.ok());
          EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument);
        } else {
          ++acceptable_computed;
          ASSERT_OK(got);
          EXPECT_EQ(HexEncode(*got), HexEncode(shared));
        }
      } else {
        ADD_FAILURE() << "unexpected result kind " << result;
      }
    }
  }
  EXPECT_EQ(valid + acceptable_computed + acceptable_rejected, doc["numberOfTests"].get<int>());
  EXPECT_GT(valid, 0);
  EXPECT_GT(acceptable_computed, 0);
  EXPECT_GT(acceptable_rejected, 0);
  RecordProperty("valid", valid);
  RecordProperty("acceptable_computed", acceptable_computed);
  RecordProperty("acceptable_rejected", acceptable_rejected);
}

TEST(X25519Test, KeyAgreementIsSymmetric) {
  BoxKeyPair alice = GenerateBoxKeyPair();
  BoxKeyPair bob = GenerateBoxKeyPair();
  ASSERT_OK_AND_ASSIGN(Bytes ab, X25519(alice.secret_key, bob.public_key));
  ASSERT_OK_AND_ASSIGN(Bytes ba, X25519(bob.secret_key, alice.public_key));
  EXPECT_EQ(ab, ba);
  EXPECT_EQ(ab.size(), 32u);
}

TEST(X25519Test, WrongSizesAreRejected) {
  EXPECT_EQ(X25519(Bytes(31, 1), Bytes(32, 9)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(X25519(Bytes(32, 1), Bytes(33, 9)).status().code(), StatusCode::kInvalidArgument);
}

TEST(X25519Test, LowOrderPointIsRejected) {
  // u = 0 and u = 1 are points of small order.
  Bytes one(32, 0);
  one[0] = 1;
  EXPECT_EQ(X25519(Bytes(32, 7), Bytes(32, 0)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(X25519(Bytes(32, 7), one).status().code(), StatusCode::kInvalidArgument);
}

TEST(X25519Test, GeneratedKeyPairsHaveTheRightSizesAndDiffer) {
  BoxKeyPair a = GenerateBoxKeyPair();
  BoxKeyPair b = GenerateBoxKeyPair();
  EXPECT_EQ(a.public_key.size(), 32u);
  EXPECT_EQ(a.secret_key.size(), 32u);
  EXPECT_NE(a.public_key, b.public_key);
  EXPECT_NE(a.secret_key, b.secret_key);
}

TEST(SealedBoxTest, RoundTrips) {
  BoxKeyPair recipient = GenerateBoxKeyPair();
  for (std::string_view text : {"", "disclosure package"}) {
    ASSERT_OK_AND_ASSIGN(Bytes sealed, SealToRecipient(recipient.public_key, AsBytes(text)));
    EXPECT_EQ(sealed.size(), text.size() + 48);  // ephemeral public key (32) + MAC (16)
    ASSERT_OK_AND_ASSIGN(Bytes opened,
                         OpenSealed(recipient.public_key, recipient.secret_key, sealed));
    EXPECT_EQ(AsChars(opened), text);
  }
}

TEST(SealedBoxTest, TwoSealsOfTheSamePlaintextDiffer) {
  BoxKeyPair recipient = GenerateBoxKeyPair();
  ASSERT_OK_AND_ASSIGN(Bytes a, SealToRecipient(recipient.public_key, AsBytes("same")));
  ASSERT_OK_AND_ASSIGN(Bytes b, SealToRecipient(recipient.public_key, AsBytes("same")));
  EXPECT_NE(a, b);
}

TEST(SealedBoxTest, FlippingAnyByteFailsToOpen) {
  BoxKeyPair recipient = GenerateBoxKeyPair();
  ASSERT_OK_AND_ASSIGN(const Bytes sealed, SealToRecipient(recipient.public_key, AsBytes("pkg")));
  for (size_t i = 0; i < sealed.size(); ++i) {
    Bytes tampered = sealed;
    tampered[i] ^= 0x01;
    Result<Bytes> r = OpenSealed(recipient.public_key, recipient.secret_key, tampered);
    ASSERT_FALSE(r.ok()) << "byte " << i;
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  }
}

TEST(SealedBoxTest, TruncatedBoxFailsToOpen) {
  BoxKeyPair recipient = GenerateBoxKeyPair();
  ASSERT_OK_AND_ASSIGN(const Bytes sealed, SealToRecipient(recipient.public_key, AsBytes("pkg")));
  for (size_t len = 0; len < sealed.size(); ++len) {
    Result<Bytes> r =
        OpenSealed(recipient.public_key, recipient.secret_key, ByteView(sealed).first(len));
    ASSERT_FALSE(r.ok()) << "length " << len;
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  }
}

TEST(SealedBoxTest, OtherRecipientCannotOpen) {
  BoxKeyPair recipient = GenerateBoxKeyPair();
  BoxKeyPair other = GenerateBoxKeyPair();
  ASSERT_OK_AND_ASSIGN(Bytes sealed, SealToRecipient(recipient.public_key, AsBytes("pkg")));
  EXPECT_EQ(OpenSealed(other.public_key, other.secret_key, sealed).status().code(),
            StatusCode::kCorruption);
  // The recipient's public key is part of the nonce, so a mismatched pair fails too.
  EXPECT_EQ(OpenSealed(other.public_key, recipient.secret_key, sealed).status().code(),
            StatusCode::kCorruption);
}

TEST(SealedBoxTest, WrongSizedKeysAreRejected) {
  BoxKeyPair recipient = GenerateBoxKeyPair();
  EXPECT_EQ(SealToRecipient(Bytes(31, 9), AsBytes("x")).status().code(),
            StatusCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(Bytes sealed, SealToRecipient(recipient.public_key, AsBytes("x")));
  EXPECT_EQ(OpenSealed(Bytes(31, 9), recipient.secret_key, sealed).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenSealed(recipient.public_key, Bytes(33, 9), sealed).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(SealedBoxTest, LowOrderRecipientKeyIsRejected) {
  EXPECT_EQ(SealToRecipient(Bytes(32, 0), AsBytes("x")).status().code(),
            StatusCode::kInvalidArgument);
}

// A recipient's Ed25519 key in its X25519 form opens what was sealed to the converted public key,
// and the conversion agrees with libsodium's key agreement (the same shared secret both ways).
TEST(Ed25519ToX25519Test, TheConvertedKeysAreAPair) {
  SigningKey recipient = SigningKey::Generate();
  ASSERT_OK_AND_ASSIGN(Bytes box_public, Ed25519PublicToX25519(ByteView(recipient.public_key())));
  ASSERT_OK_AND_ASSIGN(SecretKey box_secret, Ed25519SeedToX25519Secret(recipient.seed()));
  ASSERT_OK_AND_ASSIGN(Bytes sealed, SealToRecipient(box_public, AsBytes("file key")));
  ASSERT_OK_AND_ASSIGN(Bytes opened, OpenSealed(box_public, box_secret.view(), sealed));
  EXPECT_EQ(AsChars(opened), "file key");
  BoxKeyPair other = GenerateBoxKeyPair();
  ASSERT_OK_AND_ASSIGN(Bytes ab, X25519(box_secret.view(), other.public_key));
  ASSERT_OK_AND_ASSIGN(Bytes ba, X25519(other.secret_key, box_public));
  EXPECT_EQ(ab, ba);
  SigningKey someone_else = SigningKey::Generate();
  ASSERT_OK_AND_ASSIGN(SecretKey wrong, Ed25519SeedToX25519Secret(someone_else.seed()));
  EXPECT_FALSE(OpenSealed(box_public, wrong.view(), sealed).ok());
  EXPECT_EQ(Ed25519PublicToX25519(AsBytes("short")).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace confide::crypto
