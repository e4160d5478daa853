#include "audit/subtree_proof.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "audit/merkle.h"
#include "testing/test_util.h"

namespace confide::audit {
namespace {

Bytes B(const Hash32& h) { return Bytes(h.begin(), h.end()); }

std::vector<Bytes> ToBytes(const std::vector<Hash32>& hashes) {
  std::vector<Bytes> out;
  for (const Hash32& h : hashes) out.push_back(B(h));
  return out;
}

std::vector<Hash32> MakeLeaves(size_t n) {
  std::vector<Hash32> leaves;
  for (size_t i = 0; i < n; ++i) leaves.push_back(HashLeaf(AsBytes("leaf " + std::to_string(i))));
  return leaves;
}

Hash32 Mth(const std::vector<Hash32>& leaves, uint64_t begin, uint64_t end) {
  return RootFromLeafHashes(std::span<const Hash32>(leaves).subspan(begin, end - begin));
}

// Returns a description of the first damaged copy of `proof` that `accepts` lets through, or "".
// Flips one bit in every byte (all 256 bits would make the all-subtrees sweep below too slow; the
// RFC proofs in merkle_test.cc get every bit), removes each element, and appends one.
std::string FirstAcceptedDamage(std::vector<Bytes> proof,
                                const std::function<bool(std::span<const Bytes>)>& accepts) {
  for (size_t i = 0; i < proof.size(); ++i) {
    for (size_t byte = 0; byte < proof[i].size(); ++byte) {
      const uint8_t mask = static_cast<uint8_t>(1u << (byte % 8));
      proof[i][byte] ^= mask;
      const bool accepted = accepts(proof);
      proof[i][byte] ^= mask;
      if (accepted) return "byte " + std::to_string(byte) + " of element " + std::to_string(i);
    }
    std::vector<Bytes> removed = proof;
    removed.erase(removed.begin() + static_cast<std::ptrdiff_t>(i));
    if (accepts(removed)) return "element " + std::to_string(i) + " removed";
  }
  std::vector<Bytes> appended = proof;
  appended.push_back(proof.empty() ? Bytes(32, 0) : proof.back());
  if (accepts(appended)) return "element appended";
  return "";
}

TEST(SubtreeTest, ValidSubtreesAreAlignedToTheirRoundedUpWidth) {
  EXPECT_TRUE(IsValidSubtree(0, 0));
  EXPECT_TRUE(IsValidSubtree(5, 5));
  EXPECT_TRUE(IsValidSubtree(0, 13));
  EXPECT_TRUE(IsValidSubtree(4, 7));
  EXPECT_TRUE(IsValidSubtree(8, 13));
  EXPECT_TRUE(IsValidSubtree(8, 16));
  EXPECT_TRUE(IsValidSubtree(6, 7));
  EXPECT_FALSE(IsValidSubtree(2, 1));
  EXPECT_FALSE(IsValidSubtree(1, 3));
  EXPECT_FALSE(IsValidSubtree(2, 5));
  EXPECT_FALSE(IsValidSubtree(2, 6));
  EXPECT_FALSE(IsValidSubtree(3, 5));
  EXPECT_FALSE(IsValidSubtree(1, 15));
  // Widths above 2^63 round up to 2^64, which does not fit; only start 0 is aligned to it.
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  EXPECT_TRUE(IsValidSubtree(0, kMax));
  EXPECT_FALSE(IsValidSubtree(1, (uint64_t{1} << 63) + 2));
  EXPECT_TRUE(IsValidSubtree(uint64_t{1} << 63, kMax));
}

TEST(SubtreeTest, ConsistencyProofsMatchTheDraftExamples) {
  // The draft's figures: subtrees [4, 8) and [8, 13) of a tree of 14 leaves.
  const std::vector<Hash32> leaves = MakeLeaves(14);
  InMemorySubtreeSource source(leaves);
  ASSERT_OK_AND_ASSIGN(std::vector<Hash32> direct, SubtreeConsistencyProof(4, 8, 14, source));
  EXPECT_EQ(direct, (std::vector<Hash32>{Mth(leaves, 0, 4), Mth(leaves, 8, 14)}));
  ASSERT_OK_AND_ASSIGN(std::vector<Hash32> straddling, SubtreeConsistencyProof(8, 13, 14, source));
  EXPECT_EQ(straddling, (std::vector<Hash32>{Mth(leaves, 12, 13), Mth(leaves, 13, 14),
                                             Mth(leaves, 8, 12), Mth(leaves, 0, 8)}));
  const Bytes root = B(Mth(leaves, 0, 14));
  EXPECT_OK(VerifySubtreeConsistency(4, 8, 14, B(Mth(leaves, 4, 8)), root, ToBytes(direct)));
  EXPECT_OK(VerifySubtreeConsistency(8, 13, 14, B(Mth(leaves, 8, 13)), root, ToBytes(straddling)));
}

TEST(SubtreeTest, InclusionProofsForEverySubtreeVerifyAndDamagedOnesAreRejected) {
  // A subtree inclusion proof does not depend on the tree around the subtree, so one tree of 64
  // leaves covers every subtree that ends at or before leaf 64.
  constexpr uint64_t kLeaves = 64;
  const std::vector<Hash32> leaves = MakeLeaves(kLeaves);
  InMemorySubtreeSource source(leaves);
  for (uint64_t start = 0; start < kLeaves; ++start) {
    for (uint64_t end = start + 1; end <= kLeaves; ++end) {
      if (!IsValidSubtree(start, end)) {
        EXPECT_EQ(SubtreeInclusionProof(start, start, end, source).status().code(),
                  StatusCode::kInvalidArgument);
        continue;
      }
      const Bytes root = B(Mth(leaves, start, end));
      for (uint64_t leaf = start; leaf < end; ++leaf) {
        SCOPED_TRACE("leaf " + std::to_string(leaf) + " in [" + std::to_string(start) + ", " +
                     std::to_string(end) + ")");
        ASSERT_OK_AND_ASSIGN(std::vector<Hash32> generated,
                             SubtreeInclusionProof(leaf, start, end, source));
        const std::vector<Bytes> proof = ToBytes(generated);
        const Bytes leaf_hash = B(leaves[leaf]);
        EXPECT_OK(VerifySubtreeInclusion(leaf, start, end, leaf_hash, proof, root));
        EXPECT_EQ(FirstAcceptedDamage(
                      proof,
                      [&](std::span<const Bytes> p) {
                        return VerifySubtreeInclusion(leaf, start, end, leaf_hash, p, root).ok();
                      }),
                  "");
        if (leaf + 1 < end) {
          EXPECT_FALSE(VerifySubtreeInclusion(leaf + 1, start, end, leaf_hash, proof, root).ok());
        }
      }
      EXPECT_EQ(SubtreeInclusionProof(end, start, end, source).status().code(),
                StatusCode::kInvalidArgument);
    }
  }
}

TEST(SubtreeTest, ConsistencyProofsForEverySubtreeVerifyAndDamagedOnesAreRejected) {
  constexpr uint64_t kMaxSize = 40;
  const std::vector<Hash32> leaves = MakeLeaves(kMaxSize);
  const Bytes empty = B(EmptyTreeRoot());
  for (uint64_t size = 1; size <= kMaxSize; ++size) {
    InMemorySubtreeSource source(std::vector<Hash32>(leaves.begin(), leaves.begin() + size));
    const Bytes root = B(Mth(leaves, 0, size));
    for (uint64_t start = 0; start <= size; ++start) {
      for (uint64_t end = start; end <= size; ++end) {
        SCOPED_TRACE("[" + std::to_string(start) + ", " + std::to_string(end) + ") in " +
                     std::to_string(size));
        if (!IsValidSubtree(start, end)) {
          EXPECT_EQ(SubtreeConsistencyProof(start, end, size, source).status().code(),
                    StatusCode::kInvalidArgument);
          continue;
        }
        ASSERT_OK_AND_ASSIGN(std::vector<Hash32> generated,
                             SubtreeConsistencyProof(start, end, size, source));
        const std::vector<Bytes> proof = ToBytes(generated);
        const Bytes subtree_root = B(Mth(leaves, start, end));
        EXPECT_OK(VerifySubtreeConsistency(start, end, size, subtree_root, root, proof));
        if (start == end) {
          EXPECT_TRUE(proof.empty());
          continue;
        }
        EXPECT_EQ(
            FirstAcceptedDamage(
                proof,
                [&](std::span<const Bytes> p) {
                  return VerifySubtreeConsistency(start, end, size, subtree_root, root, p).ok();
                }),
            "");
        // The proof places this subtree hash here and nowhere else.
        EXPECT_FALSE(VerifySubtreeConsistency(start, end, size, empty, root, proof).ok());
        if (size > 1) {
          EXPECT_FALSE(VerifySubtreeConsistency(start, end, size, subtree_root,
                                                B(Mth(leaves, 0, size - 1)), proof)
                           .ok());
        }
        if (size < kMaxSize) {
          EXPECT_FALSE(VerifySubtreeConsistency(start, end, size + 1, subtree_root,
                                                B(Mth(leaves, 0, size + 1)), proof)
                           .ok());
        }
        const uint64_t width = end - start;
        if (start >= width && IsValidSubtree(start - width, end - width)) {
          EXPECT_FALSE(
              VerifySubtreeConsistency(start - width, end - width, size, subtree_root, root, proof)
                  .ok());
        }

        // From the start of the log, a subtree consistency proof is the RFC 9162 one.
        if (start == 0) {
          ASSERT_OK_AND_ASSIGN(std::vector<Hash32> rfc, ConsistencyProof(end, size, source));
          EXPECT_EQ(generated, rfc);
          EXPECT_OK(VerifyConsistency(end, size, subtree_root, root, proof));
        }
      }
    }
    EXPECT_EQ(SubtreeConsistencyProof(0, size + 1, size, source).status().code(),
              StatusCode::kInvalidArgument);
  }
}

TEST(SubtreeTest, EmptySubtreesNeedTheEmptyRootAndNoProof) {
  const Bytes empty = B(EmptyTreeRoot());
  const Bytes other = B(HashLeaf(AsBytes("x")));
  EXPECT_OK(VerifySubtreeConsistency(2, 2, 5, empty, other, {}));
  EXPECT_FALSE(VerifySubtreeConsistency(2, 2, 5, other, other, {}).ok());
  EXPECT_FALSE(VerifySubtreeConsistency(2, 2, 5, empty, other, std::vector<Bytes>{empty}).ok());
  EXPECT_FALSE(VerifySubtreeConsistency(6, 6, 5, empty, other, {}).ok()) << "past the tree";
  EXPECT_FALSE(VerifySubtreeInclusion(2, 2, 2, other, {}, empty).ok());
}

}  // namespace
}  // namespace confide::audit
