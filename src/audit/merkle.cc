#include "audit/proof_bytes.h"
#include "audit/merkle.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <utility>

namespace confide::audit {

namespace {

using proof_bytes::kHashSize;
constexpr uint8_t kLeafPrefix[1] = {0x00};
constexpr uint8_t kNodePrefix[1] = {0x01};

// The largest power of two strictly below n: where RFC 9162 splits a tree of n leaves.
// REQUIRES: n >= 2.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

// Proof elements arrive as Bytes of any length; only exact hashes take part in hashing.
Hash32 HashNode(ByteView left, ByteView right) {
  return crypto::Sha256({ByteView(kNodePrefix), left, right});
}

using proof_bytes::AllHashes;
using proof_bytes::IsHash;
using proof_bytes::SameBytes;
using proof_bytes::ToHash;

// MTH of leaves [begin, end), folded from its perfect subtrees (largest first), so it costs one
// PerfectSubtree call per set bit of end - begin. Every range that proof generation asks for is a
// node of the tree or the right edge of one, so `begin` is a multiple of each piece's width; a
// range that is not is a bug in the caller and is reported as kInternal.
Result<Hash32> RangeHash(uint64_t begin, uint64_t end, SubtreeSource& source) {
  if (begin == end) return EmptyTreeRoot();
  std::vector<Hash32> pieces;
  uint64_t pos = begin;
  const uint64_t width = end - begin;
  for (int level = 63; level >= 0; --level) {
    const uint64_t piece = uint64_t{1} << level;
    if ((width & piece) == 0) continue;
    if (pos % piece != 0) return Status::Internal("merkle range is not aligned to its subtrees");
    CONFIDE_ASSIGN_OR_RETURN(Hash32 h, source.PerfectSubtree(level, pos >> level));
    pieces.push_back(h);
    pos += piece;
  }
  Hash32 root = pieces.back();
  for (size_t i = pieces.size() - 1; i-- > 0;) root = HashChildren(pieces[i], root);
  return root;
}

// RFC 9162 2.1.3.1 PATH(m, D[begin:end]), appended to `out` innermost sibling first.
Status AppendInclusionPath(uint64_t leaf, uint64_t begin, uint64_t end, SubtreeSource& source,
                           std::vector<Hash32>& out) {
  if (end - begin == 1) return Status::Ok();
  const uint64_t mid = begin + SplitPoint(end - begin);
  if (leaf < mid) {
    CONFIDE_RETURN_IF_ERROR(AppendInclusionPath(leaf, begin, mid, source, out));
    CONFIDE_ASSIGN_OR_RETURN(Hash32 right, RangeHash(mid, end, source));
    out.push_back(right);
  } else {
    CONFIDE_RETURN_IF_ERROR(AppendInclusionPath(leaf, mid, end, source, out));
    CONFIDE_ASSIGN_OR_RETURN(Hash32 left, RangeHash(begin, mid, source));
    out.push_back(left);
  }
  return Status::Ok();
}

// RFC 9162 2.1.4.1 SUBPROOF(size1, D[begin:end], known). `known` says whether the verifier already
// holds the hash of the node that ends at size1 (true until the old tree's edge leaves the path).
Status AppendConsistencyPath(uint64_t size1, uint64_t begin, uint64_t end, bool known,
                             SubtreeSource& source, std::vector<Hash32>& out) {
  if (size1 == end) {
    if (known) return Status::Ok();
    CONFIDE_ASSIGN_OR_RETURN(Hash32 node, RangeHash(begin, end, source));
    out.push_back(node);
    return Status::Ok();
  }
  const uint64_t mid = begin + SplitPoint(end - begin);
  if (size1 <= mid) {
    CONFIDE_RETURN_IF_ERROR(AppendConsistencyPath(size1, begin, mid, known, source, out));
    CONFIDE_ASSIGN_OR_RETURN(Hash32 right, RangeHash(mid, end, source));
    out.push_back(right);
  } else {
    CONFIDE_RETURN_IF_ERROR(AppendConsistencyPath(size1, mid, end, false, source, out));
    CONFIDE_ASSIGN_OR_RETURN(Hash32 left, RangeHash(begin, mid, source));
    out.push_back(left);
  }
  return Status::Ok();
}

}  // namespace

Hash32 HashLeaf(ByteView entry) { return crypto::Sha256({ByteView(kLeafPrefix), entry}); }

Hash32 HashChildren(const Hash32& left, const Hash32& right) { return HashNode(left, right); }

Hash32 EmptyTreeRoot() { return crypto::Sha256(ByteView()); }

Hash32 RootFromLeafHashes(std::span<const Hash32> leaf_hashes) {
  // The RFC's recursive definition, kept literal because tests use it as the reference for
  // every faster way of computing a root. Depth is at most 64.
  if (leaf_hashes.empty()) return EmptyTreeRoot();
  if (leaf_hashes.size() == 1) return leaf_hashes[0];
  const size_t k = SplitPoint(leaf_hashes.size());
  return HashChildren(RootFromLeafHashes(leaf_hashes.first(k)),
                      RootFromLeafHashes(leaf_hashes.subspan(k)));
}

Result<Hash32> InMemorySubtreeSource::PerfectSubtree(int level, uint64_t index) {
  if (level < 0 || level > 63 || index > (std::numeric_limits<uint64_t>::max() >> level)) {
    return Status::InvalidArgument("subtree level or index out of range");
  }
  const uint64_t width = uint64_t{1} << level;
  const uint64_t begin = index << level;
  if (begin > leaves_.size() || width > leaves_.size() - begin) {
    return Status::InvalidArgument("subtree extends past the end of the tree");
  }
  return RootFromLeafHashes(std::span<const Hash32>(leaves_).subspan(begin, width));
}

Result<Hash32> RootAt(uint64_t tree_size, SubtreeSource& source) {
  return RangeHash(0, tree_size, source);
}

Result<std::vector<Hash32>> InclusionProof(uint64_t leaf_index, uint64_t tree_size,
                                           SubtreeSource& source) {
  if (leaf_index >= tree_size) return Status::InvalidArgument("leaf index is outside the tree");
  std::vector<Hash32> proof;
  CONFIDE_RETURN_IF_ERROR(AppendInclusionPath(leaf_index, 0, tree_size, source, proof));
  return proof;
}

Result<std::vector<Hash32>> ConsistencyProof(uint64_t size1, uint64_t size2,
                                             SubtreeSource& source) {
  if (size1 > size2) return Status::InvalidArgument("consistency proof to a smaller tree");
  if (size1 == size2) return std::vector<Hash32>();
  if (size1 == 0) return Status::InvalidArgument("consistency proof from the empty tree");
  std::vector<Hash32> proof;
  CONFIDE_RETURN_IF_ERROR(AppendConsistencyPath(size1, 0, size2, true, source, proof));
  return proof;
}

Status VerifyInclusion(uint64_t leaf_index, uint64_t tree_size, ByteView leaf_hash,
                       std::span<const Bytes> proof, ByteView root) {
  if (leaf_index >= tree_size) return Status::Corruption("inclusion: leaf index outside the tree");
  if (!IsHash(leaf_hash) || !IsHash(root) || !AllHashes(proof)) {
    return Status::Corruption("inclusion: a hash is not 32 bytes");
  }
  // RFC 9162 2.1.3.2. fn walks the leaf's path up the tree and sn the right edge's; a proof of
  // the right length brings sn to zero with its last element, never before.
  uint64_t fn = leaf_index;
  uint64_t sn = tree_size - 1;
  Hash32 r = ToHash(leaf_hash);
  for (const Bytes& p : proof) {
    if (sn == 0) return Status::Corruption("inclusion: proof is too long");
    if ((fn & 1) == 1 || fn == sn) {
      r = HashNode(p, r);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = HashNode(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Status::Corruption("inclusion: proof is too short");
  if (!SameBytes(r, root)) return Status::Corruption("inclusion: root does not match");
  return Status::Ok();
}

Status VerifyConsistency(uint64_t size1, uint64_t size2, ByteView root1, ByteView root2,
                         std::span<const Bytes> proof) {
  if (size1 > size2) return Status::Corruption("consistency: size1 is larger than size2");
  if (size1 == size2) {
    if (!proof.empty()) return Status::Corruption("consistency: equal sizes need an empty proof");
    // The empty tree has exactly one root; any other claimed root is a false statement.
    if (size1 == 0 && !SameBytes(root1, EmptyTreeRoot())) {
      return Status::Corruption("consistency: wrong root for the empty tree");
    }
    if (!SameBytes(root1, root2)) return Status::Corruption("consistency: roots differ");
    return Status::Ok();
  }
  // Every tree extends the empty tree, so such a proof would say nothing: refuse it rather than
  // accept a check that a caller might believe binds root2.
  if (size1 == 0) return Status::Corruption("consistency: proof from the empty tree");
  if (proof.empty()) return Status::Corruption("consistency: empty proof");
  if (!IsHash(root1) || !IsHash(root2) || !AllHashes(proof)) {
    return Status::Corruption("consistency: a hash is not 32 bytes");
  }

  // RFC 9162 2.1.4.2. When size1 is a power of two the old root is itself a node of the new tree
  // and the proof omits it; the verifier supplies it as the first element.
  const bool root1_is_node = std::has_single_bit(size1);
  ByteView seed = root1_is_node ? root1 : ByteView(proof[0]);
  std::span<const Bytes> rest = root1_is_node ? proof : proof.subspan(1);
  uint64_t fn = size1 - 1;
  uint64_t sn = size2 - 1;
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash32 fr = ToHash(seed);
  Hash32 sr = fr;
  for (const Bytes& c : rest) {
    if (sn == 0) return Status::Corruption("consistency: proof is too long");
    if ((fn & 1) == 1 || fn == sn) {
      fr = HashNode(c, fr);
      sr = HashNode(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = HashNode(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Status::Corruption("consistency: proof is too short");
  if (!SameBytes(fr, root1)) return Status::Corruption("consistency: root1 does not match");
  if (!SameBytes(sr, root2)) return Status::Corruption("consistency: root2 does not match");
  return Status::Ok();
}

Result<CompactRange> CompactRange::FromHashes(uint64_t size, std::vector<Hash32> hashes) {
  if (hashes.size() != static_cast<size_t>(std::popcount(size))) {
    return Status::InvalidArgument("compact range needs one hash per set bit of its size");
  }
  CompactRange range;
  range.size_ = size;
  range.hashes_ = std::move(hashes);
  return range;
}

void CompactRange::Append(
    const Hash32& leaf_hash,
    const std::function<void(int level, uint64_t index, const Hash32& hash)>& on_complete) {
  // Each trailing set bit of size_ is a perfect subtree that the new leaf's subtree now pairs
  // with, exactly like carrying in binary addition. A log never reaches 2^64 - 1 entries, so
  // size_ + 1 does not wrap.
  Hash32 node = leaf_hash;
  int level = 0;
  while (((size_ >> level) & 1) == 1) {
    node = HashChildren(hashes_.back(), node);
    hashes_.pop_back();
    ++level;
    if (on_complete) on_complete(level, size_ >> level, node);
  }
  hashes_.push_back(node);
  ++size_;
}

Hash32 CompactRange::Root() const {
  if (hashes_.empty()) return EmptyTreeRoot();
  Hash32 root = hashes_.back();
  for (size_t i = hashes_.size() - 1; i-- > 0;) root = HashChildren(hashes_[i], root);
  return root;
}

}  // namespace confide::audit
