#include "common/bytes.h"

#include <gtest/gtest.h>

#include "testing/test_util.h"

namespace confide {
namespace {

TEST(HexTest, RoundTripsAndRejectsBadInput) {
  Bytes b = {0x00, 0x7f, 0xff, 0x10};
  EXPECT_EQ(HexEncode(b), "007fff10");
  ASSERT_OK_AND_ASSIGN(Bytes back, HexDecode("007FFF10"));
  EXPECT_EQ(back, b);
  EXPECT_EQ(HexDecode("abc").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(HexDecode("zz").status().code(), StatusCode::kInvalidArgument);
}

TEST(ByteReaderTest, ReadsWhatWasWrittenAndStopsAtTheEnd) {
  Bytes out;
  AppendU64BE(out, 0x0102030405060708ULL);
  AppendLengthPrefixed(out, std::string_view("abc"));
  ByteReader r(out);
  uint64_t v = 0;
  ASSERT_TRUE(r.ReadU64BE(v));
  EXPECT_EQ(v, 0x0102030405060708ULL);
  ByteView s;
  ASSERT_TRUE(r.ReadLengthPrefixed(s));
  EXPECT_EQ(AsChars(s), "abc");
  EXPECT_TRUE(r.AtEnd());
  EXPECT_FALSE(r.ReadU8(*reinterpret_cast<uint8_t*>(&v)));
}

TEST(ByteReaderTest, TruncatedLengthPrefixIsRejected) {
  Bytes out;
  AppendU32BE(out, 10);  // claims ten bytes, has two
  out.push_back(1);
  out.push_back(2);
  ByteReader r(out);
  ByteView s;
  EXPECT_FALSE(r.ReadLengthPrefixed(s));
}

TEST(StatusTest, CarriesCodeAndContext) {
  Status s = Status::NotFound("no person with id p1").WithContext("person show");
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ToString(), "not_found: person show: no person with id p1");
  EXPECT_TRUE(Status::Ok().ok());
  Result<int> r = Status::Conflict("stale");
  EXPECT_FALSE(r.ok());
  Result<int> bad = Status::Ok();  // a bug: becomes internal
  EXPECT_EQ(bad.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace confide
