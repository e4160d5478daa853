#include "crypto/encoding.h"

#include <gtest/gtest.h>

#include "testing/test_util.h"

namespace confide::crypto {
namespace {

// RFC 4648 section 10.
TEST(Base64Test, Rfc4648VectorsEncodeAndDecode) {
  const std::pair<std::string_view, std::string_view> kVectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : kVectors) {
    EXPECT_EQ(Base64Encode(AsBytes(plain)), encoded);
    ASSERT_OK_AND_ASSIGN(Bytes decoded, Base64Decode(encoded));
    EXPECT_EQ(AsChars(decoded), plain);
  }
}

TEST(Base64Test, UsesStandardAlphabet) {
  const Bytes bytes = {0xfb, 0xff, 0xbf};
  EXPECT_EQ(Base64Encode(bytes), "+/+/");
  ASSERT_OK_AND_ASSIGN(Bytes decoded, Base64Decode("+/+/"));
  EXPECT_EQ(decoded, bytes);
}

TEST(Base64Test, EveryLengthAndByteValueRoundTrips) {
  Bytes all(256);
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<uint8_t>(i);
  for (size_t len = 0; len <= all.size(); ++len) {
    const ByteView in = ByteView(all).first(len);
    const std::string text = Base64Encode(in);
    EXPECT_EQ(text.size(), (len + 2) / 3 * 4);
    ASSERT_OK_AND_ASSIGN(Bytes out, Base64Decode(text));
    EXPECT_EQ(out, Bytes(in.begin(), in.end())) << "length " << len;
  }
}

TEST(Base64Test, MalformedInputIsRejected) {
  const std::string_view kBad[] = {
      "Zg",                           // missing padding
      "Zg=",                          // short padding
      "Zg===",                        // extra padding
      "Zm8",                          // missing padding
      "Zm9v=",                        // padding where none belongs
      "Zm9v====",                     // padding where none belongs
      "Z",                            // a lone character cannot encode a byte
      "Zh==",                         // non-zero unused bits: a second spelling of "f"
      "Zm9=",                         // non-zero unused bits
      "Zm9v\n",                       // trailing newline
      " Zm9v",                        // leading space
      "Zm9v ",                        // trailing space
      "Zm 9v",                        // space inside
      "Zm9v!",                        // trailing garbage
      "Zg==Zg==",                     // data after the padding
      "Zm=v",                         // padding in the middle
      "Zm9v-_",                       // URL-safe alphabet
      "====",                         // padding only
      std::string_view("Zm9v\0", 5),  // embedded NUL
  };
  for (std::string_view text : kBad) {
    Result<Bytes> r = Base64Decode(text);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << "\"" << text << "\"";
  }
}

}  // namespace
}  // namespace confide::crypto
