#include "policy/id_map.h"

#include <gtest/gtest.h>

#include <string>

namespace confide::policy {
namespace {

TEST(IdMapTest, EmptyMapFindsNothing) {
  IdMap<int> m;
  EXPECT_EQ(m.Find(1), nullptr);
  EXPECT_EQ(m.size(), 0u);
}

TEST(IdMapTest, InsertsFindsAndKeepsValuesAcrossGrowth) {
  IdMap<std::string> m;
  for (int64_t id = -500; id <= 5000; ++id) m[id] = std::to_string(id);  // includes 0 and negatives
  EXPECT_EQ(m.size(), 5501u);
  for (int64_t id = -500; id <= 5000; ++id) {
    const std::string* v = m.Find(id);
    ASSERT_NE(v, nullptr) << id;
    EXPECT_EQ(*v, std::to_string(id));
  }
  EXPECT_EQ(m.Find(5001), nullptr);
  EXPECT_EQ(m.Find(-501), nullptr);
  m[7] = "seven";  // an existing id: replaced, not added
  EXPECT_EQ(m.size(), 5501u);
  EXPECT_EQ(*m.Find(7), "seven");
}

TEST(IdMapTest, SparseAndCollidingIds) {
  IdMap<int> m;
  // Multiples of a large power of two collide in the low bits of a naive hash.
  for (int64_t i = 1; i <= 1000; ++i) m[i << 32] = static_cast<int>(i);
  for (int64_t i = 1; i <= 1000; ++i) {
    ASSERT_NE(m.Find(i << 32), nullptr);
    EXPECT_EQ(*m.Find(i << 32), i);
  }
  EXPECT_EQ(m.Find(int64_t{1001} << 32), nullptr);
}

}  // namespace
}  // namespace confide::policy
