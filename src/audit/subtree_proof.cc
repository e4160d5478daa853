#include "audit/proof_bytes.h"
#include "audit/subtree_proof.h"

#include <algorithm>
#include <bit>

namespace confide::audit {

namespace {

using proof_bytes::kHashSize;

// The largest power of two strictly below n. REQUIRES: n >= 2.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

using proof_bytes::AllHashes;
using proof_bytes::IsHash;
using proof_bytes::SameBytes;
using proof_bytes::ToHash;

// Presents the tree that starts at leaf `base` of `inner` as a tree of its own, so the RFC 9162
// generators in merkle.cc can work inside a subtree.
class OffsetSource final : public SubtreeSource {
 public:
  OffsetSource(SubtreeSource& inner, uint64_t base) : inner_(inner), base_(base) {}

  Result<Hash32> PerfectSubtree(int level, uint64_t index) override {
    // Callers only offset by subtree starts, which are multiples of every width inside them; a
    // misaligned request would silently name the wrong node, so refuse it.
    if (level < 0 || level > 63 || base_ % (uint64_t{1} << level) != 0) {
      return Status::Internal("subtree offset is not aligned to the requested node");
    }
    return inner_.PerfectSubtree(level, (base_ >> level) + index);
  }

 private:
  SubtreeSource& inner_;
  uint64_t base_;
};

// MTH(D[begin:end]). REQUIRES: [begin, end) is a valid subtree.
Result<Hash32> RangeHash(uint64_t begin, uint64_t end, SubtreeSource& source) {
  OffsetSource shifted(source, begin);
  return RootAt(end - begin, shifted);
}

// The draft's SUBTREE_SUBPROOF over the node D[base:base+size], in coordinates relative to base.
// `known` says whether the verifier holds the hash of the node where the recursion stops; it
// turns false once the subtree straddles a split, because then that node is only part of it.
Status AppendSubtreePath(uint64_t start, uint64_t end, uint64_t size, uint64_t base, bool known,
                         SubtreeSource& source, std::vector<Hash32>& out) {
  if (start == 0 && end == size) {
    if (known) return Status::Ok();
    CONFIDE_ASSIGN_OR_RETURN(Hash32 node, RangeHash(base, base + size, source));
    out.push_back(node);
    return Status::Ok();
  }
  const uint64_t k = SplitPoint(size);
  if (end <= k) {
    CONFIDE_RETURN_IF_ERROR(AppendSubtreePath(start, end, k, base, known, source, out));
    CONFIDE_ASSIGN_OR_RETURN(Hash32 right, RangeHash(base + k, base + size, source));
    out.push_back(right);
  } else {
    // Either the subtree lies in the right half, or it straddles k; a valid subtree can only
    // straddle a split when it starts at 0 (see Rebuild below).
    const bool straddles = start < k;
    CONFIDE_RETURN_IF_ERROR(AppendSubtreePath(straddles ? 0 : start - k, end - k, size - k,
                                              base + k, known && !straddles, source, out));
    CONFIDE_ASSIGN_OR_RETURN(Hash32 left, RangeHash(base, base + k, source));
    out.push_back(left);
  }
  return Status::Ok();
}

// Reads proof elements in order.
class ProofReader {
 public:
  explicit ProofReader(std::span<const Bytes> proof) : proof_(proof) {}
  bool Next(Hash32& out) {
    if (pos_ == proof_.size()) return false;
    out = ToHash(proof_[pos_++]);
    return true;
  }
  bool AtEnd() const { return pos_ == proof_.size(); }

 private:
  std::span<const Bytes> proof_;
  size_t pos_ = 0;
};

// The two hashes a verifier rebuilds while walking a subtree consistency proof: MTH of the
// subtree and MTH of the node being walked.
struct Rebuilt {
  Hash32 subtree;
  Hash32 node;
};

// Walks the proof in the order AppendSubtreePath wrote it, over the node [0, size) in relative
// coordinates. False if the proof runs out.
//
// Why a straddling subtree starts at 0: [start, end) is aligned to B = BIT_CEIL(end - start). If
// B <= k then start and k are both multiples of B, so start < k implies end <= start + B <= k and
// the subtree does not straddle. Hence B > k, so B >= 2k, and the only multiple of 2k below k is 0.
// This holds at every level because the recursion keeps the range aligned.
bool Rebuild(uint64_t start, uint64_t end, uint64_t size, bool known, const Hash32& subtree_root,
             ProofReader& reader, Rebuilt& out) {
  if (start == 0 && end == size) {
    if (known) {
      out = {subtree_root, subtree_root};
      return true;
    }
    Hash32 node;
    if (!reader.Next(node)) return false;
    out = {node, node};
    return true;
  }
  const uint64_t k = SplitPoint(size);
  Hash32 sibling;
  if (end <= k) {
    if (!Rebuild(start, end, k, known, subtree_root, reader, out)) return false;
    if (!reader.Next(sibling)) return false;
    out.node = HashChildren(out.node, sibling);
    return true;
  }
  if (start >= k) {
    if (!Rebuild(start - k, end - k, size - k, known, subtree_root, reader, out)) return false;
    if (!reader.Next(sibling)) return false;
    out.node = HashChildren(sibling, out.node);
    return true;
  }
  // Straddling, so start == 0 (see above) and k < end <= size <= 2k: the split of D[0:end] is
  // also k, and its left half D[0:k] is the sibling read next.
  if (start != 0) return false;
  if (!Rebuild(0, end - k, size - k, false, subtree_root, reader, out)) return false;
  if (!reader.Next(sibling)) return false;
  out.node = HashChildren(sibling, out.node);
  out.subtree = HashChildren(sibling, out.subtree);
  return true;
}

}  // namespace

bool IsValidSubtree(uint64_t start, uint64_t end) {
  if (start > end) return false;
  const uint64_t width = end - start;
  if (width > (uint64_t{1} << 63)) return start == 0;
  return start % std::bit_ceil(width) == 0;
}

Result<std::vector<Hash32>> SubtreeInclusionProof(uint64_t leaf_index, uint64_t start, uint64_t end,
                                                  SubtreeSource& source) {
  if (!IsValidSubtree(start, end) || start == end) {
    return Status::InvalidArgument("not a valid non-empty subtree");
  }
  if (leaf_index < start || leaf_index >= end) {
    return Status::InvalidArgument("leaf index is outside the subtree");
  }
  OffsetSource shifted(source, start);
  return InclusionProof(leaf_index - start, end - start, shifted);
}

Result<std::vector<Hash32>> SubtreeConsistencyProof(uint64_t start, uint64_t end,
                                                    uint64_t tree_size, SubtreeSource& source) {
  if (!IsValidSubtree(start, end)) return Status::InvalidArgument("not a valid subtree");
  if (end > tree_size) return Status::InvalidArgument("subtree extends past the tree");
  std::vector<Hash32> proof;
  if (start == end) return proof;
  CONFIDE_RETURN_IF_ERROR(AppendSubtreePath(start, end, tree_size, 0, true, source, proof));
  return proof;
}

Status VerifySubtreeInclusion(uint64_t leaf_index, uint64_t start, uint64_t end, ByteView leaf_hash,
                              std::span<const Bytes> proof, ByteView subtree_root) {
  if (!IsValidSubtree(start, end) || start == end) {
    return Status::Corruption("subtree inclusion: not a valid non-empty subtree");
  }
  if (leaf_index < start || leaf_index >= end) {
    return Status::Corruption("subtree inclusion: leaf index outside the subtree");
  }
  // A valid subtree hashes exactly like a tree of end - start leaves, so the RFC check applies.
  return VerifyInclusion(leaf_index - start, end - start, leaf_hash, proof, subtree_root);
}

Status VerifySubtreeConsistency(uint64_t start, uint64_t end, uint64_t tree_size,
                                ByteView subtree_root, ByteView tree_root,
                                std::span<const Bytes> proof) {
  if (!IsValidSubtree(start, end)) {
    return Status::Corruption("subtree consistency: invalid subtree");
  }
  if (end > tree_size) return Status::Corruption("subtree consistency: subtree past the tree");
  if (start == end) {
    if (!proof.empty()) {
      return Status::Corruption("subtree consistency: empty subtree needs no proof");
    }
    if (!SameBytes(subtree_root, EmptyTreeRoot())) {
      return Status::Corruption("subtree consistency: wrong hash for an empty subtree");
    }
    return Status::Ok();
  }
  if (start == 0 && end == tree_size) {
    if (!proof.empty()) return Status::Corruption("subtree consistency: whole tree needs no proof");
    if (!SameBytes(subtree_root, tree_root)) {
      return Status::Corruption("subtree consistency: roots differ");
    }
    return Status::Ok();
  }
  if (proof.empty()) return Status::Corruption("subtree consistency: empty proof");
  if (!IsHash(subtree_root) || !IsHash(tree_root) || !AllHashes(proof)) {
    return Status::Corruption("subtree consistency: a hash is not 32 bytes");
  }
  ProofReader reader(proof);
  Rebuilt rebuilt;
  if (!Rebuild(start, end, tree_size, true, ToHash(subtree_root), reader, rebuilt)) {
    return Status::Corruption("subtree consistency: proof is too short");
  }
  if (!reader.AtEnd()) return Status::Corruption("subtree consistency: proof is too long");
  if (!SameBytes(rebuilt.subtree, subtree_root)) {
    return Status::Corruption("subtree consistency: subtree root does not match");
  }
  if (!SameBytes(rebuilt.node, tree_root)) {
    return Status::Corruption("subtree consistency: tree root does not match");
  }
  return Status::Ok();
}

}  // namespace confide::audit
