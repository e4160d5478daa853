#include "crypto/blind_index.h"

#include <gtest/gtest.h>

#include "testing/test_util.h"

namespace confide::crypto {
namespace {

SecretKey KeyOf(uint8_t fill) {
  Bytes raw(32, fill);
  return std::move(SecretKey::FromBytes(raw)).value();
}

SecretKey CountingKey() {
  Bytes raw(32);
  for (size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<uint8_t>(i);
  return std::move(SecretKey::FromBytes(raw)).value();
}

TEST(BlindIndexTest, IsSixteenBytes) {
  BlindIndexer indexer(SecretKey::Generate());
  EXPECT_EQ(indexer.Compute("nhs", "9434765919").size(), kBlindIndexBytes);
  EXPECT_EQ(indexer.Compute("", "").size(), kBlindIndexBytes);
}

TEST(BlindIndexTest, SameInputGivesSameIndex) {
  BlindIndexer indexer(SecretKey::Generate());
  EXPECT_EQ(indexer.Compute("nhs", "9434765919"), indexer.Compute("nhs", "9434765919"));
}

TEST(BlindIndexTest, DifferentValueGivesDifferentIndex) {
  BlindIndexer indexer(SecretKey::Generate());
  EXPECT_NE(indexer.Compute("nhs", "9434765919"), indexer.Compute("nhs", "9434765870"));
}

TEST(BlindIndexTest, DifferentDomainGivesDifferentIndex) {
  BlindIndexer indexer(SecretKey::Generate());
  EXPECT_NE(indexer.Compute("nhs", "9434765919"), indexer.Compute("name_dob", "9434765919"));
}

TEST(BlindIndexTest, DifferentKeyGivesDifferentIndex) {
  BlindIndexer a(KeyOf(1));
  BlindIndexer b(KeyOf(2));
  EXPECT_NE(a.Compute("nhs", "9434765919"), b.Compute("nhs", "9434765919"));
}

// The domain and value are length-prefixed, so moving bytes across the boundary (or hiding a
// separator inside either string) cannot produce the same input to the hash.
TEST(BlindIndexTest, DomainValueBoundaryIsUnambiguous) {
  BlindIndexer indexer(SecretKey::Generate());
  EXPECT_NE(indexer.Compute("ab", "c"), indexer.Compute("a", "bc"));
  EXPECT_NE(indexer.Compute("a", std::string_view("\0b", 2)),
            indexer.Compute(std::string_view("a\0", 2), "b"));
  EXPECT_NE(indexer.Compute("nhs", ""), indexer.Compute("", "nhs"));
}

// Indexes are stored, so their definition must never drift: BLAKE2b-256 keyed with the index key
// over be64(len(domain)) || domain || be64(len(value)) || value, first 16 bytes. Expected values
// computed independently with CPython's hashlib.blake2b.
TEST(BlindIndexTest, MatchesTheDocumentedConstruction) {
  BlindIndexer indexer(CountingKey());
  EXPECT_EQ(HexEncode(indexer.Compute("nhs", "9434765919")), "71430e8da456ec497d3f91ad73e6b38f");
  EXPECT_EQ(HexEncode(indexer.Compute("name_dob", "")), "8f77befe9e840c1e63840cc68c5ab127");
}

TEST(BlindIndexDeathTest, IndexingWithoutAKeyAborts) {
  SecretKey key = SecretKey::Generate();
  SecretKey taken = std::move(key);
  // NOLINTNEXTLINE(bugprone-use-after-move): an emptied key is the misuse under test.
  BlindIndexer indexer(std::move(key));
  EXPECT_DEATH((void)indexer.Compute("nhs", "9434765919"), "without a 16..64-byte key");
}

}  // namespace
}  // namespace confide::crypto
