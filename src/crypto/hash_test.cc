#include "crypto/hash.h"

#include <gtest/gtest.h>

#include "testing/test_util.h"

namespace confide::crypto {
namespace {

std::string Hex(const Hash32& h) { return HexEncode(h); }

Bytes Range(size_t n) {
  Bytes out(n);
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(i);
  return out;
}

// FIPS 180-2 appendix B.1 and the well-known digest of the empty string.
TEST(Sha256Test, EmptyStringMatchesKnownDigest) {
  EXPECT_EQ(Hex(Sha256(AsBytes(""))),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256Test, AbcMatchesKnownDigest) {
  EXPECT_EQ(Hex(Sha256(AsBytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256Test, PartsHashAsTheirConcatenation) {
  EXPECT_EQ(Sha256({AsBytes("a"), AsBytes(""), AsBytes("bc")}), Sha256(AsBytes("abc")));
}

// The unkeyed values are the published BLAKE2b-256 digests. The keyed values come from the BLAKE2
// reference code in CPython's hashlib (whose 64-byte output for key 00..3f and empty input is the
// first entry of the official blake2b-kat.txt, 10ebb677...), i.e. an implementation other than
// libsodium's.
TEST(Blake2b256Test, UnkeyedEmptyStringMatchesKnownDigest) {
  EXPECT_EQ(Hex(Blake2b256({AsBytes("")})),
            "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST(Blake2b256Test, UnkeyedAbcMatchesKnownDigest) {
  EXPECT_EQ(Hex(Blake2b256({AsBytes("abc")})),
            "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

TEST(Blake2b256Test, KeyedAbcMatchesKnownDigest) {
  const Bytes key = Range(32);
  EXPECT_EQ(Hex(Blake2b256({AsBytes("abc")}, key)),
            "d63a32d3e44738d7907f964316c241adaba0abfeabc32349677578a15a203f7f");
}

TEST(Blake2b256Test, KeyedWithMaximumKeyMatchesKnownDigest) {
  const Bytes key = Range(64);
  EXPECT_EQ(Hex(Blake2b256({AsBytes("")}, key)),
            "2fa9fbd9be36437de204e139e97d402bce68c828f43391608c891b5faed8a98a");
}

TEST(Blake2b256Test, PartsHashAsTheirConcatenation) {
  const Bytes key = Range(32);
  EXPECT_EQ(Blake2b256({AsBytes("ab"), AsBytes("c")}, key), Blake2b256({AsBytes("abc")}, key));
}

TEST(Blake2b256Test, KeyChangesDigest) {
  Bytes key = Range(32);
  const Hash32 a = Blake2b256({AsBytes("abc")}, key);
  key[0] ^= 1;
  EXPECT_NE(a, Blake2b256({AsBytes("abc")}, key));
  EXPECT_NE(a, Blake2b256({AsBytes("abc")}));
}

TEST(Blake2b256DeathTest, OversizedKeyAbortsInsteadOfHashingGarbage) {
  const Bytes key = Range(65);
  EXPECT_DEATH((void)Blake2b256({AsBytes("abc")}, key), "BLAKE2b key size");
}

TEST(ConstantTimeEqualsTest, ComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals(AsBytes("abc"), AsBytes("abc")));
  EXPECT_FALSE(ConstantTimeEquals(AsBytes("abc"), AsBytes("abd")));
  EXPECT_FALSE(ConstantTimeEquals(AsBytes("abc"), AsBytes("ab")));
  EXPECT_FALSE(ConstantTimeEquals(AsBytes(""), AsBytes("a")));
  EXPECT_TRUE(ConstantTimeEquals(AsBytes(""), AsBytes("")));
}

}  // namespace
}  // namespace confide::crypto
