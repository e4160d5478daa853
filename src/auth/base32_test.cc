#include "auth/base32.h"

#include <gtest/gtest.h>

#include <string>

namespace confide::auth {
namespace {

// RFC 4648 section 10 vectors, without the '=' padding.
TEST(Base32Test, Rfc4648VectorsWithoutPadding) {
  EXPECT_EQ(Base32(AsBytes("")), "");
  EXPECT_EQ(Base32(AsBytes("f")), "MY");
  EXPECT_EQ(Base32(AsBytes("fo")), "MZXQ");
  EXPECT_EQ(Base32(AsBytes("foo")), "MZXW6");
  EXPECT_EQ(Base32(AsBytes("foob")), "MZXW6YQ");
  EXPECT_EQ(Base32(AsBytes("fooba")), "MZXW6YTB");
  EXPECT_EQ(Base32(AsBytes("foobar")), "MZXW6YTBOI");
}

TEST(Base32Test, TotpSecretOf20BytesIs32Characters) {
  EXPECT_EQ(Base32(AsBytes("12345678901234567890")), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  const Bytes all_ones(5, 0xFF);
  EXPECT_EQ(Base32(all_ones), "77777777");
}

}  // namespace
}  // namespace confide::auth
