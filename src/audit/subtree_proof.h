// Subtree inclusion and consistency proofs, as defined by the Merkle Tree Certificates draft
// (draft-ietf-plants-merkle-tree-certs, section 4) and implemented by transparency-dev/merkle.
//
// A subtree [start, end) of a log is a range of leaves with start <= end and start a multiple of
// BIT_CEIL(end - start) (BIT_CEIL(0) == 1). Such a range is a node of every tree that contains it,
// or the right edge of one, so its hash MTH(D[start:end]) is well defined and can be vouched for
// on its own:
//   - a subtree inclusion proof shows that a leaf is in the subtree with a given hash;
//   - a subtree consistency proof shows that the subtree with a given hash sits at [start, end) in
//     the tree of `tree_size` leaves with a given root. With start == 0 it is exactly the RFC 9162
//     consistency proof from size `end` to `tree_size`.
//
// Verification is pure and strict in the same way as merkle.h: kCorruption for any proof that
// does not check out, including hashes that are not 32 bytes and extra or missing elements.
// Thread-safe: all functions are pure; generation is as thread-safe as its SubtreeSource.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "audit/merkle.h"
#include "common/bytes.h"
#include "confide/result.h"

namespace confide::audit {

// Whether [start, end) is a subtree in the sense above. Handles ranges wider than 2^63, whose
// BIT_CEIL does not fit in 64 bits: only start == 0 is aligned to it.
bool IsValidSubtree(uint64_t start, uint64_t end);

// The audit path of leaf `leaf_index` inside the subtree [start, end), innermost sibling first.
// kInvalidArgument unless [start, end) is a valid, non-empty subtree containing leaf_index.
// REQUIRES of `source`: it serves a tree that contains the subtree.
Result<std::vector<Hash32>> SubtreeInclusionProof(uint64_t leaf_index, uint64_t start, uint64_t end,
                                                  SubtreeSource& source);

// The proof that subtree [start, end) is part of the tree of `tree_size` leaves. Empty when
// start == end or when [start, end) is the whole tree. kInvalidArgument unless [start, end) is a
// valid subtree with end <= tree_size.
Result<std::vector<Hash32>> SubtreeConsistencyProof(uint64_t start, uint64_t end,
                                                    uint64_t tree_size, SubtreeSource& source);

// OK only if `proof` proves `leaf_hash` at `leaf_index` in the subtree [start, end) whose hash is
// `subtree_root`. kCorruption otherwise, including for an invalid or empty subtree and a leaf
// outside it.
Status VerifySubtreeInclusion(uint64_t leaf_index, uint64_t start, uint64_t end, ByteView leaf_hash,
                              std::span<const Bytes> proof, ByteView subtree_root);

// OK only if `proof` shows that the subtree [start, end) with hash `subtree_root` sits inside the
// tree of `tree_size` leaves with root `tree_root`. kCorruption otherwise. Edge cases, as the
// shared test vectors require:
//   start == end: an empty range is in every tree, so OK iff the proof is empty and subtree_root is
//     EmptyTreeRoot(); tree_root is not examined and this call says nothing about it.
//   start == 0 and end == tree_size: OK iff the proof is empty and the roots are equal byte for
//     byte (they are only compared with each other).
//   otherwise: both roots and every proof element must be 32 bytes.
Status VerifySubtreeConsistency(uint64_t start, uint64_t end, uint64_t tree_size,
                                ByteView subtree_root, ByteView tree_root,
                                std::span<const Bytes> proof);

}  // namespace confide::audit
