#include "crypto/aead.h"

#include <gtest/gtest.h>

#include "crypto/wycheproof_test_util.h"
#include "testing/test_util.h"

namespace confide::crypto {
namespace {

using ::confide::crypto::testing::Describe;
using ::confide::crypto::testing::LoadWycheproof;
using ::confide::crypto::testing::VectorHex;

Bytes Concat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

SecretKey KeyOf(uint8_t fill, size_t size = kAeadKeyBytes) {
  Bytes raw(size, fill);
  return std::move(SecretKey::FromBytes(raw)).value();
}

// Every vector in Wycheproof's XChaCha20-Poly1305 file: "valid" ones must encrypt to the published
// ciphertext and decrypt back; "invalid" ones (modified tags, and nonces that are not 192 bits)
// must be rejected. The file has no "acceptable" vectors.
TEST(AeadWycheproofTest, AllVectorsBehaveAsPublished) {
  const nlohmann::json doc = LoadWycheproof("xchacha20_poly1305_test.json");
  ASSERT_FALSE(doc.is_null());
  int valid = 0, invalid = 0, bad_nonce = 0;
  for (const auto& group : doc["testGroups"]) {
    for (const auto& t : group["tests"]) {
      SCOPED_TRACE(Describe(t));
      const Bytes key = VectorHex(t["key"]), nonce = VectorHex(t["iv"]), aad = VectorHex(t["aad"]),
                  msg = VectorHex(t["msg"]), ct = VectorHex(t["ct"]), tag = VectorHex(t["tag"]);
      const Bytes sealed = Concat(ct, tag);
      const std::string result = t["result"];
      if (result == "valid") {
        ++valid;
        Result<Bytes> enc = AeadEncryptRawForTest(key, nonce, msg, aad);
        ASSERT_OK(enc);
        EXPECT_EQ(HexEncode(*enc), HexEncode(sealed));
        Result<Bytes> dec = AeadDecryptRawForTest(key, nonce, sealed, aad);
        ASSERT_OK(dec);
        EXPECT_EQ(HexEncode(*dec), HexEncode(msg));
      } else if (result == "invalid") {
        ++invalid;
        Result<Bytes> dec = AeadDecryptRawForTest(key, nonce, sealed, aad);
        ASSERT_FALSE(dec.ok());
        if (nonce.size() != kAeadNonceBytes) {
          // A nonce of the wrong size is a caller error, refused before any cryptography.
          ++bad_nonce;
          EXPECT_EQ(dec.status().code(), StatusCode::kInvalidArgument);
          EXPECT_EQ(AeadEncryptRawForTest(key, nonce, msg, aad).status().code(),
                    StatusCode::kInvalidArgument);
        } else {
          EXPECT_EQ(dec.status().code(), StatusCode::kCorruption);
        }
      } else {
        ADD_FAILURE() << "unexpected result kind " << result;
      }
    }
  }
  EXPECT_EQ(valid + invalid, doc["numberOfTests"].get<int>());
  EXPECT_GT(valid, 0);
  EXPECT_GT(invalid, 0);
  EXPECT_GT(bad_nonce, 0);
  RecordProperty("valid", valid);
  RecordProperty("invalid", invalid);
}

TEST(AeadTest, SealThenOpenRoundTrips) {
  SecretKey key = SecretKey::Generate(kAeadKeyBytes);
  for (std::string_view text : {"", "x", "Child disclosed at school on 3 March."}) {
    ASSERT_OK_AND_ASSIGN(Bytes envelope, AeadSeal(key, AsBytes(text), AsBytes("record/7/note/v1")));
    EXPECT_EQ(envelope.size(), kEnvelopeOverhead + text.size());
    EXPECT_EQ(envelope[0], kEnvelopeV1);
    ASSERT_OK_AND_ASSIGN(Bytes opened, AeadOpen(key, envelope, AsBytes("record/7/note/v1")));
    EXPECT_EQ(AsChars(opened), text);
  }
}

TEST(AeadTest, EmptyAssociatedDataRoundTrips) {
  SecretKey key = SecretKey::Generate(kAeadKeyBytes);
  ASSERT_OK_AND_ASSIGN(Bytes envelope, AeadSeal(key, AsBytes("secret"), {}));
  ASSERT_OK_AND_ASSIGN(Bytes opened, AeadOpen(key, envelope, {}));
  EXPECT_EQ(AsChars(opened), "secret");
}

// Pins the persistent format: version || nonce || XChaCha20-Poly1305(ad = version || caller ad).
TEST(AeadTest, EnvelopeIsRawAeadWithVersionBoundIntoAssociatedData) {
  Bytes raw_key(kAeadKeyBytes, 0x42);
  const Bytes key_copy = raw_key;
  ASSERT_OK_AND_ASSIGN(SecretKey key, SecretKey::FromBytes(raw_key));
  ASSERT_OK_AND_ASSIGN(Bytes envelope, AeadSeal(key, AsBytes("hello"), AsBytes("ad")));
  ByteView nonce = ByteView(envelope).subspan(1, kAeadNonceBytes);
  ByteView body = ByteView(envelope).subspan(1 + kAeadNonceBytes);
  const Bytes bound_ad = Concat(Bytes{kEnvelopeV1}, AsBytes("ad"));
  ASSERT_OK_AND_ASSIGN(Bytes opened, AeadDecryptRawForTest(key_copy, nonce, body, bound_ad));
  EXPECT_EQ(AsChars(opened), "hello");
  EXPECT_FALSE(AeadDecryptRawForTest(key_copy, nonce, body, AsBytes("ad")).ok());
}

TEST(AeadTest, WrongKeyFailsToOpen) {
  ASSERT_OK_AND_ASSIGN(Bytes envelope, AeadSeal(KeyOf(1), AsBytes("secret"), AsBytes("ad")));
  Result<Bytes> r = AeadOpen(KeyOf(2), envelope, AsBytes("ad"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
}

TEST(AeadTest, WrongAssociatedDataFailsToOpen) {
  SecretKey key = SecretKey::Generate(kAeadKeyBytes);
  ASSERT_OK_AND_ASSIGN(Bytes envelope, AeadSeal(key, AsBytes("secret"), AsBytes("record/1")));
  for (std::string_view ad : {"record/2", "record/1 ", "", "Record/1"}) {
    Result<Bytes> r = AeadOpen(key, envelope, AsBytes(ad));
    ASSERT_FALSE(r.ok()) << ad;
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  }
}

TEST(AeadTest, FlippingAnySingleByteFailsToOpen) {
  SecretKey key = SecretKey::Generate(kAeadKeyBytes);
  ASSERT_OK_AND_ASSIGN(const Bytes envelope, AeadSeal(key, AsBytes("a short note"), AsBytes("ad")));
  for (size_t i = 0; i < envelope.size(); ++i) {
    for (uint8_t mask : {0x01, 0x80, 0xff}) {
      Bytes tampered = envelope;
      tampered[i] ^= mask;
      Result<Bytes> r = AeadOpen(key, tampered, AsBytes("ad"));
      ASSERT_FALSE(r.ok()) << "byte " << i << " mask " << int{mask};
      EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
    }
  }
}

TEST(AeadTest, TruncatedEnvelopeFailsToOpen) {
  SecretKey key = SecretKey::Generate(kAeadKeyBytes);
  ASSERT_OK_AND_ASSIGN(const Bytes envelope, AeadSeal(key, AsBytes("a short note"), AsBytes("ad")));
  for (size_t len = 0; len < envelope.size(); ++len) {
    Result<Bytes> r = AeadOpen(key, ByteView(envelope).first(len), AsBytes("ad"));
    ASSERT_FALSE(r.ok()) << "length " << len;
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  }
}

TEST(AeadTest, ExtendedEnvelopeFailsToOpen) {
  SecretKey key = SecretKey::Generate(kAeadKeyBytes);
  ASSERT_OK_AND_ASSIGN(Bytes envelope, AeadSeal(key, AsBytes("note"), AsBytes("ad")));
  envelope.push_back(0);
  EXPECT_EQ(AeadOpen(key, envelope, AsBytes("ad")).status().code(), StatusCode::kCorruption);
}

TEST(AeadTest, UnknownVersionFailsToOpen) {
  SecretKey key = SecretKey::Generate(kAeadKeyBytes);
  ASSERT_OK_AND_ASSIGN(const Bytes envelope, AeadSeal(key, AsBytes("note"), AsBytes("ad")));
  for (uint8_t version : {0x00, 0x02, 0xff}) {
    Bytes other = envelope;
    other[0] = version;
    Result<Bytes> r = AeadOpen(key, other, AsBytes("ad"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
    EXPECT_NE(r.status().message().find("version"), std::string::npos);
  }
}

TEST(AeadTest, TwoSealsOfTheSamePlaintextDiffer) {
  SecretKey key = SecretKey::Generate(kAeadKeyBytes);
  ASSERT_OK_AND_ASSIGN(Bytes a, AeadSeal(key, AsBytes("same"), AsBytes("ad")));
  ASSERT_OK_AND_ASSIGN(Bytes b, AeadSeal(key, AsBytes("same"), AsBytes("ad")));
  EXPECT_NE(a, b);
  EXPECT_NE(Bytes(a.begin() + 1, a.begin() + 1 + kAeadNonceBytes),
            Bytes(b.begin() + 1, b.begin() + 1 + kAeadNonceBytes));
}

TEST(AeadTest, KeyOfWrongSizeIsRejected) {
  for (size_t size : {size_t{16}, size_t{31}, size_t{33}, size_t{64}}) {
    SecretKey key = KeyOf(1, size);
    EXPECT_EQ(AeadSeal(key, AsBytes("x"), {}).status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(AeadOpen(key, Bytes(64, 1), {}).status().code(), StatusCode::kInvalidArgument);
  }
  SecretKey moved = SecretKey::Generate(kAeadKeyBytes);
  SecretKey taker = std::move(moved);
  // NOLINTNEXTLINE(bugprone-use-after-move): a moved-from key must be refused, not used.
  EXPECT_EQ(AeadSeal(moved, AsBytes("x"), {}).status().code(), StatusCode::kInvalidArgument);
}

TEST(AeadTest, ErrorMessagesDoNotContainKeyBytes) {
  Bytes raw(kAeadKeyBytes, 0xab);
  const std::string key_hex = HexEncode(raw);
  ASSERT_OK_AND_ASSIGN(SecretKey key, SecretKey::FromBytes(raw));
  Result<Bytes> r = AeadOpen(key, Bytes(kEnvelopeOverhead, 1), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().find(key_hex), std::string::npos);
}

TEST(AeadRawTest, RejectsWrongSizes) {
  const Bytes key(32, 1), nonce(24, 2);
  EXPECT_EQ(AeadEncryptRawForTest(Bytes(31, 1), nonce, {}, {}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(AeadDecryptRawForTest(Bytes(33, 1), nonce, Bytes(16), {}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(AeadDecryptRawForTest(key, nonce, Bytes(15), {}).status().code(),
            StatusCode::kCorruption);
}

}  // namespace
}  // namespace confide::crypto
