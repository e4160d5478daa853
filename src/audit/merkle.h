// RFC 6962 / RFC 9162 Merkle tree hashing, proofs and proof verification.
//
//   leaf hash  = SHA-256(0x00 || entry bytes)
//   node hash  = SHA-256(0x01 || left || right)
//   empty tree = SHA-256("")
//
// Proof *generation* reads hashes of perfect subtrees through a SubtreeSource so the same code
// works over an in-memory vector (tests) and over the audit log's stored nodes (10^7 entries and
// more); a proof costs O(log n) PerfectSubtree calls. Proof *verification* is pure and strict: it
// rejects hashes that are not 32 bytes, a consistency proof from an empty tree, and extra or
// missing proof elements. A proof binds a size and a root together: a wrong size paired with the
// root it came with can still verify, so take both from the same signed tree head.
//
// Thread-safe: the free functions are pure (generation is as thread-safe as the SubtreeSource it
// reads); CompactRange is a value type without internal locking.
//
// Merkle Tree Certificates "subtree" proofs, built on the same pieces, are in subtree_proof.h.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "common/bytes.h"
#include "confide/result.h"
#include "crypto/hash.h"

namespace confide::audit {

using crypto::Hash32;

Hash32 HashLeaf(ByteView entry);
Hash32 HashChildren(const Hash32& left, const Hash32& right);
Hash32 EmptyTreeRoot();

// Merkle tree hash (MTH) of an explicit list of leaf hashes; EmptyTreeRoot() for none. O(n): the
// reference definition, for tests and small trees.
Hash32 RootFromLeafHashes(std::span<const Hash32> leaf_hashes);

// The hash of the perfect subtree of 2^level leaves starting at leaf index << level (level 0 is a
// leaf hash). Implementations may fail (I/O, corruption); proof generation propagates the failure
// unchanged and returns no partial proof.
class SubtreeSource {
 public:
  virtual ~SubtreeSource() = default;
  // REQUIRES: the subtree lies wholly inside the tree the caller is proving over.
  virtual Result<Hash32> PerfectSubtree(int level, uint64_t index) = 0;
};

// A SubtreeSource over leaf hashes held in memory (tests, small trees). Each call costs 2^level
// hashes. kInvalidArgument for a subtree that does not lie wholly inside the leaves.
class InMemorySubtreeSource final : public SubtreeSource {
 public:
  explicit InMemorySubtreeSource(std::vector<Hash32> leaf_hashes) : leaves_(std::move(leaf_hashes)) {}
  Result<Hash32> PerfectSubtree(int level, uint64_t index) override;
  size_t size() const { return leaves_.size(); }

 private:
  std::vector<Hash32> leaves_;
};

// MTH of the first `tree_size` leaves, from popcount(tree_size) PerfectSubtree calls.
Result<Hash32> RootAt(uint64_t tree_size, SubtreeSource& source);

// RFC 9162 section 2.1.3.1: audit path for leaf `leaf_index` in a tree of `tree_size` leaves,
// innermost sibling first. kInvalidArgument if leaf_index >= tree_size.
Result<std::vector<Hash32>> InclusionProof(uint64_t leaf_index, uint64_t tree_size,
                                           SubtreeSource& source);

// RFC 9162 section 2.1.4.1: consistency proof between sizes size1 <= size2; empty when
// size1 == size2. kInvalidArgument if size1 > size2 or size1 == 0 and size2 > 0 is asked
// (nothing to prove, and VerifyConsistency rejects it).
Result<std::vector<Hash32>> ConsistencyProof(uint64_t size1, uint64_t size2, SubtreeSource& source);

// RFC 9162 section 2.1.3.2. OK only if `proof` proves `leaf_hash` at `leaf_index` in the tree of
// `tree_size` with root `root`. kCorruption (with a reason, no data) otherwise, including when
// leaf_index >= tree_size or the leaf hash, the root or any proof element is not 32 bytes.
Status VerifyInclusion(uint64_t leaf_index, uint64_t tree_size, ByteView leaf_hash,
                       std::span<const Bytes> proof, ByteView root);

// RFC 9162 section 2.1.4.2. OK only if `proof` shows the tree of size2 with root2 extends the tree
// of size1 with root1. kCorruption otherwise. Edge cases, as the shared test vectors require:
//   size1 > size2: rejected.
//   size1 == size2: OK iff the proof is empty and root1 == root2 byte for byte (the roots are only
//     compared with each other, so their length is not checked), and for size 0 both roots are
//     EmptyTreeRoot().
//   size1 == 0 < size2: rejected, whatever the proof: every tree extends the empty tree, so the
//     check would prove nothing about root2.
//   otherwise: root1, root2 and every proof element must be 32 bytes.
Status VerifyConsistency(uint64_t size1, uint64_t size2, ByteView root1, ByteView root2,
                         std::span<const Bytes> proof);

// The right edge of a tree being appended to: the hashes of its maximal perfect subtrees, largest
// (leftmost) first. Appending is O(log n); the root is the right-to-left fold of the hashes.
class CompactRange {
 public:
  CompactRange() = default;
  // Rebuilds a range from stored subtree hashes. kInvalidArgument if `hashes.size()` is not the
  // number of set bits in `size`.
  static Result<CompactRange> FromHashes(uint64_t size, std::vector<Hash32> hashes);

  // Appends a leaf hash. `on_complete(level, index, hash)` is called for every perfect subtree of
  // level >= 1 that the append completes (lowest first), so a store can persist interior nodes;
  // `index` is as in SubtreeSource::PerfectSubtree. O(log n).
  void Append(const Hash32& leaf_hash,
              const std::function<void(int level, uint64_t index, const Hash32& hash)>& on_complete = {});

  uint64_t size() const { return size_; }
  const std::vector<Hash32>& hashes() const { return hashes_; }
  // MTH of the leaves appended so far; EmptyTreeRoot() when size() == 0.
  Hash32 Root() const;

 private:
  uint64_t size_ = 0;
  std::vector<Hash32> hashes_;
};

}  // namespace confide::audit
