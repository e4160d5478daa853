#include "audit/audit_entry.h"

#include <gtest/gtest.h>

namespace confide::audit {
namespace {

TEST(AuditEntryTest, EncodingRoundTripsAndCheckAgreesWithDecode) {
  AuditEvent e{1'795'305'600'000'000, 12, "record.read", 7, 99, 2, "ok", "records 3"};
  Bytes bytes = EncodeAuditEntry(41, e);
  auto decoded = DecodeAuditEntry(bytes);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->seq, 41u);
  EXPECT_EQ(decoded->event, e);
  auto seq = CheckAuditEntry(bytes);
  ASSERT_TRUE(seq.ok());
  EXPECT_EQ(*seq, 41u);
  // Every truncation and every extension is rejected by both, with the same code.
  for (size_t n = 0; n < bytes.size(); ++n) {
    ByteView cut(bytes.data(), n);
    EXPECT_EQ(DecodeAuditEntry(cut).status().code(), StatusCode::kCorruption) << n;
    EXPECT_EQ(CheckAuditEntry(cut).status().code(), StatusCode::kCorruption) << n;
  }
  Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(DecodeAuditEntry(longer).ok());
  EXPECT_FALSE(CheckAuditEntry(longer).ok());
  Bytes future = bytes;
  future[0] = 0x02;
  EXPECT_FALSE(DecodeAuditEntry(future).ok());
  EXPECT_FALSE(CheckAuditEntry(future).ok());
}

}  // namespace
}  // namespace confide::audit
