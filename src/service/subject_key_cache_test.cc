#include "service/subject_key_cache.h"

#include <gtest/gtest.h>

namespace confide::service {
namespace {

std::shared_ptr<const crypto::SecretKey> NewKey() {
  return std::make_shared<const crypto::SecretKey>(crypto::SecretKey::Generate());
}

TEST(SubjectKeyCacheTest, AKeyIsReusedOnlyForTheSameWrappedBytes) {
  SubjectKeyCache cache(4);
  auto key = NewKey();
  cache.Put(7, Bytes{1, 2, 3}, key);
  EXPECT_EQ(cache.Find(7, Bytes{1, 2, 3}), key);
  EXPECT_EQ(cache.Find(7, Bytes{1, 2, 4}), nullptr);  // re-wrapped or a reused id: unwrap again
  EXPECT_EQ(cache.Find(7, Bytes{1, 2, 3}), nullptr);  // and the stale entry is gone
  EXPECT_EQ(cache.Find(8, Bytes{1, 2, 3}), nullptr);
}

TEST(SubjectKeyCacheTest, LeastRecentlyUsedKeysAreEvicted) {
  SubjectKeyCache cache(2);
  cache.Put(1, Bytes{1}, NewKey());
  cache.Put(2, Bytes{2}, NewKey());
  ASSERT_NE(cache.Find(1, Bytes{1}), nullptr);  // 1 is now more recent than 2
  cache.Put(3, Bytes{3}, NewKey());
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_NE(cache.Find(1, Bytes{1}), nullptr);
  EXPECT_EQ(cache.Find(2, Bytes{2}), nullptr);
  EXPECT_NE(cache.Find(3, Bytes{3}), nullptr);
}

TEST(SubjectKeyCacheTest, ErasedKeysAreForgottenButHoldersKeepThemAlive) {
  SubjectKeyCache cache(2);
  auto key = NewKey();
  cache.Put(1, Bytes{1}, key);
  cache.Erase(1);
  EXPECT_EQ(cache.Find(1, Bytes{1}), nullptr);
  EXPECT_EQ(key->size(), 32u);  // a transaction holding it is unaffected
}

}  // namespace
}  // namespace confide::service
