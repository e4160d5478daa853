#include "audit/merkle.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "audit/subtree_proof.h"
#include "testing/test_util.h"

namespace confide::audit {
namespace {

using ::nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Helpers

std::optional<Bytes> Base64Decode(const std::string& text) {
  // libsodium wants a real buffer even for no output; an empty vector's data() may be null.
  if (text.empty()) return Bytes();
  Bytes out(text.size());  // base64 never decodes to more bytes than it has characters
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

Bytes B(const Hash32& h) { return Bytes(h.begin(), h.end()); }

// The same bytes with the lowest bit of the first byte flipped: a wrong hash of the right length.
Bytes Flipped(Bytes b) {
  if (!b.empty()) b[0] ^= 1;
  return b;
}

std::vector<Bytes> ToBytes(const std::vector<Hash32>& hashes) {
  std::vector<Bytes> out;
  for (const Hash32& h : hashes) out.push_back(B(h));
  return out;
}

Hash32 FromHex(std::string_view hex) {
  Result<Bytes> bytes = HexDecode(hex);
  Hash32 h{};
  if (bytes.ok() && bytes->size() == h.size()) std::copy(bytes->begin(), bytes->end(), h.begin());
  return h;
}

// Leaf hashes of distinct entries, so that a proof for one position cannot pass for another.
std::vector<Hash32> MakeLeaves(size_t n) {
  std::vector<Hash32> leaves;
  for (size_t i = 0; i < n; ++i) leaves.push_back(HashLeaf(AsBytes("entry " + std::to_string(i))));
  return leaves;
}

std::vector<Hash32> Prefix(const std::vector<Hash32>& leaves, size_t n) {
  return {leaves.begin(), leaves.begin() + static_cast<std::ptrdiff_t>(n)};
}

// Offers `accepts` every damaged copy of `proof`: each single bit flipped, each element removed,
// an element appended or prepended, each element cut to 31 bytes or grown to 33. Returns a
// description of the first damaged proof that was accepted, or "" if every one was rejected.
std::string FirstAcceptedDamage(std::vector<Bytes> proof,
                                const std::function<bool(std::span<const Bytes>)>& accepts) {
  for (size_t i = 0; i < proof.size(); ++i) {
    for (size_t bit = 0; bit < proof[i].size() * 8; ++bit) {
      proof[i][bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
      const bool accepted = accepts(proof);
      proof[i][bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
      if (accepted) return "bit " + std::to_string(bit) + " of element " + std::to_string(i);
    }
  }
  for (size_t i = 0; i < proof.size(); ++i) {
    std::vector<Bytes> removed = proof;
    removed.erase(removed.begin() + static_cast<std::ptrdiff_t>(i));
    if (accepts(removed)) return "element " + std::to_string(i) + " removed";

    std::vector<Bytes> cut = proof;
    cut[i].pop_back();
    if (accepts(cut)) return "element " + std::to_string(i) + " cut to 31 bytes";

    std::vector<Bytes> grown = proof;
    grown[i].push_back(0);
    if (accepts(grown)) return "element " + std::to_string(i) + " grown to 33 bytes";
  }
  std::vector<Bytes> extras = {Bytes(32, 0)};
  if (!proof.empty()) extras.push_back(proof.front());
  if (!proof.empty()) extras.push_back(proof.back());
  for (const Bytes& extra : extras) {
    std::vector<Bytes> appended = proof;
    appended.push_back(extra);
    if (accepts(appended)) return "element appended";
    std::vector<Bytes> prepended = proof;
    prepended.insert(prepended.begin(), extra);
    if (accepts(prepended)) return "element prepended";
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// Published vectors (transparency-dev/merkle testdata, in ../shared/testvectors/merkle/).

struct VectorFile {
  std::filesystem::path path;
  json body;
};

std::vector<VectorFile> LoadVectors(const std::string& folder) {
  const std::filesystem::path root = testing::SharedDir() / "testvectors" / "merkle" / folder;
  std::vector<VectorFile> files;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".json") continue;
    json body =
        json::parse(testing::ReadFileForTest(it->path()), nullptr, /*allow_exceptions=*/false);
    files.push_back({it->path(), std::move(body)});
  }
  std::sort(files.begin(), files.end(),
            [](const VectorFile& a, const VectorFile& b) { return a.path < b.path; });
  return files;
}

// Reads the fields a vector needs; records a test failure and returns false if one is missing or
// malformed, so a broken file is never counted as a correctly rejected proof.
class VectorReader {
 public:
  explicit VectorReader(const json& body) : body_(body) {}

  bool U64(const char* key, uint64_t& out) {
    if (!body_.contains(key) || !body_[key].is_number_unsigned()) return Fail(key);
    out = body_[key].get<uint64_t>();
    return true;
  }
  bool Hash(const char* key, Bytes& out) {
    if (!body_.contains(key) || !body_[key].is_string()) return Fail(key);
    std::optional<Bytes> decoded = Base64Decode(body_[key].get<std::string>());
    if (!decoded) return Fail(key);
    out = std::move(*decoded);
    return true;
  }
  bool Proof(std::vector<Bytes>& out) {
    out.clear();
    if (!body_.contains("proof")) return Fail("proof");
    const json& proof = body_["proof"];
    if (proof.is_null()) return true;  // how the vectors spell an empty proof
    if (!proof.is_array()) return Fail("proof");
    for (const json& element : proof) {
      if (!element.is_string()) return Fail("proof");
      std::optional<Bytes> decoded = Base64Decode(element.get<std::string>());
      if (!decoded) return Fail("proof");
      out.push_back(std::move(*decoded));
    }
    return true;
  }
  bool WantErr(bool& out) {
    if (!body_.contains("wantErr") || !body_["wantErr"].is_boolean()) return Fail("wantErr");
    out = body_["wantErr"].get<bool>();
    return true;
  }

 private:
  bool Fail(const char* key) {
    ADD_FAILURE() << "missing or malformed field " << key;
    return false;
  }
  const json& body_;
};

struct VectorCounts {
  int valid_verified = 0;
  int invalid_rejected = 0;
};

// Runs `check` on every vector in `folder`: a vector with wantErr=false must verify, one with
// wantErr=true must be rejected as kCorruption.
//
// The published negative vectors spell their wrong roots as short strings ("WrongRoot"), which the
// length check alone rejects. So each check also re-verifies a vector that passed with each of
// its 32-byte hashes flipped; otherwise a verifier that never compared root1 would pass them all.
VectorCounts RunVectors(const std::string& folder,
                        const std::function<std::optional<Status>(VectorReader&)>& check) {
  VectorCounts counts;
  for (const VectorFile& file : LoadVectors(folder)) {
    SCOPED_TRACE(file.path.string());
    if (file.body.is_discarded()) {
      ADD_FAILURE() << "not JSON";
      continue;
    }
    VectorReader reader(file.body);
    bool want_err = false;
    if (!reader.WantErr(want_err)) continue;
    std::optional<Status> status = check(reader);
    if (!status) continue;  // a field was malformed; already reported
    if (want_err) {
      EXPECT_EQ(status->code(), StatusCode::kCorruption) << status->ToString();
      if (status->code() == StatusCode::kCorruption) ++counts.invalid_rejected;
    } else {
      EXPECT_OK(*status);
      if (status->ok()) ++counts.valid_verified;
    }
  }
  std::printf("[ vectors  ] %s: %d valid verified, %d invalid rejected\n", folder.c_str(),
              counts.valid_verified, counts.invalid_rejected);
  return counts;
}

TEST(MerkleVectorTest, InclusionVectorsVerifyOrAreRejectedAsMarked) {
  VectorCounts counts = RunVectors("inclusion", [](VectorReader& v) -> std::optional<Status> {
    uint64_t leaf_index = 0, tree_size = 0;
    Bytes root, leaf_hash;
    std::vector<Bytes> proof;
    if (!v.U64("leafIdx", leaf_index) || !v.U64("treeSize", tree_size) || !v.Hash("root", root) ||
        !v.Hash("leafHash", leaf_hash) || !v.Proof(proof)) {
      return std::nullopt;
    }
    Status status = VerifyInclusion(leaf_index, tree_size, leaf_hash, proof, root);
    if (status.ok()) {
      EXPECT_FALSE(VerifyInclusion(leaf_index, tree_size, Flipped(leaf_hash), proof, root).ok());
      EXPECT_FALSE(VerifyInclusion(leaf_index, tree_size, leaf_hash, proof, Flipped(root)).ok());
    }
    return status;
  });
  // A missing or moved folder must fail the test, not pass it vacuously.
  EXPECT_GT(counts.valid_verified, 0);
  EXPECT_GT(counts.invalid_rejected, 0);
}

TEST(MerkleVectorTest, ConsistencyVectorsVerifyOrAreRejectedAsMarked) {
  VectorCounts counts = RunVectors("consistency", [](VectorReader& v) -> std::optional<Status> {
    uint64_t size1 = 0, size2 = 0;
    Bytes root1, root2;
    std::vector<Bytes> proof;
    if (!v.U64("size1", size1) || !v.U64("size2", size2) || !v.Hash("root1", root1) ||
        !v.Hash("root2", root2) || !v.Proof(proof)) {
      return std::nullopt;
    }
    Status status = VerifyConsistency(size1, size2, root1, root2, proof);
    if (status.ok()) {
      EXPECT_FALSE(VerifyConsistency(size1, size2, Flipped(root1), root2, proof).ok());
      EXPECT_FALSE(VerifyConsistency(size1, size2, root1, Flipped(root2), proof).ok());
    }
    return status;
  });
  EXPECT_GT(counts.valid_verified, 0);
  EXPECT_GT(counts.invalid_rejected, 0);
}

TEST(MerkleVectorTest, SubtreeInclusionVectorsVerifyOrAreRejectedAsMarked) {
  VectorCounts counts =
      RunVectors("subtreeinclusion", [](VectorReader& v) -> std::optional<Status> {
        uint64_t leaf_index = 0, start = 0, end = 0;
        Bytes root, leaf_hash;
        std::vector<Bytes> proof;
        if (!v.U64("leafIdx", leaf_index) || !v.U64("start", start) || !v.U64("end", end) ||
            !v.Hash("root", root) || !v.Hash("leafHash", leaf_hash) || !v.Proof(proof)) {
          return std::nullopt;
        }
        Status status = VerifySubtreeInclusion(leaf_index, start, end, leaf_hash, proof, root);
        if (status.ok()) {
          EXPECT_FALSE(
              VerifySubtreeInclusion(leaf_index, start, end, Flipped(leaf_hash), proof, root).ok());
          EXPECT_FALSE(
              VerifySubtreeInclusion(leaf_index, start, end, leaf_hash, proof, Flipped(root)).ok());
        }
        return status;
      });
  EXPECT_GT(counts.valid_verified, 0);
  EXPECT_GT(counts.invalid_rejected, 0);
}

TEST(MerkleVectorTest, SubtreeConsistencyVectorsVerifyOrAreRejectedAsMarked) {
  VectorCounts counts =
      RunVectors("subtreeconsistency", [](VectorReader& v) -> std::optional<Status> {
        uint64_t start = 0, end = 0, size = 0;
        Bytes root1, root2;
        std::vector<Bytes> proof;
        if (!v.U64("start", start) || !v.U64("end", end) || !v.U64("size", size) ||
            !v.Hash("root1", root1) || !v.Hash("root2", root2) || !v.Proof(proof)) {
          return std::nullopt;
        }
        Status status = VerifySubtreeConsistency(start, end, size, root1, root2, proof);
        if (status.ok()) {
          EXPECT_FALSE(
              VerifySubtreeConsistency(start, end, size, Flipped(root1), root2, proof).ok());
          // An empty subtree is in every tree, so its check never reads root2.
          if (start != end) {
            EXPECT_FALSE(
                VerifySubtreeConsistency(start, end, size, root1, Flipped(root2), proof).ok());
          }
        }
        return status;
      });
  EXPECT_GT(counts.valid_verified, 0);
  EXPECT_GT(counts.invalid_rejected, 0);
}

// ---------------------------------------------------------------------------------------------
// Hashing

TEST(MerkleHashTest, MatchesRfc6962KnownAnswers) {
  EXPECT_EQ(EmptyTreeRoot(),
            FromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  // The leaves and roots of the RFC 6962 reference test tree, as used by transparency-dev.
  const std::vector<std::string> entries = {"",
                                            "00",
                                            "10",
                                            "2021",
                                            "3031",
                                            "40414243",
                                            "5051525354555657",
                                            "606162636465666768696a6b6c6d6e6f"};
  const std::vector<std::string> roots = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
  std::vector<Hash32> leaves;
  for (size_t i = 0; i < entries.size(); ++i) {
    ASSERT_OK_AND_ASSIGN(Bytes entry, HexDecode(entries[i]));
    leaves.push_back(HashLeaf(entry));
    EXPECT_EQ(RootFromLeafHashes(leaves), FromHex(roots[i])) << "size " << i + 1;
  }
}

TEST(MerkleHashTest, LeafAndNodeHashesAreDomainSeparated) {
  // A node's hash input must never be mistaken for a leaf's (the second-preimage attack the 0x00
  // and 0x01 prefixes exist to stop).
  const Hash32 a = HashLeaf(AsBytes("a"));
  const Hash32 b = HashLeaf(AsBytes("b"));
  Bytes concatenated = B(a);
  concatenated.insert(concatenated.end(), b.begin(), b.end());
  EXPECT_NE(HashChildren(a, b), HashLeaf(concatenated));
  EXPECT_NE(HashChildren(a, b), HashChildren(b, a));
}

// ---------------------------------------------------------------------------------------------
// Proof generation and verification over every small tree

constexpr size_t kMaxSmallTree = 70;

class SmallTreesTest : public ::testing::Test {
 protected:
  SmallTreesTest() : leaves_(MakeLeaves(kMaxSmallTree)) {
    for (size_t n = 0; n <= kMaxSmallTree; ++n)
      roots_.push_back(RootFromLeafHashes(Prefix(leaves_, n)));
  }

  std::vector<Hash32> leaves_;
  std::vector<Hash32> roots_;  // roots_[n] is the root of the first n leaves
};

TEST_F(SmallTreesTest, RootAtMatchesRootFromLeafHashes) {
  for (size_t n = 0; n <= kMaxSmallTree; ++n) {
    InMemorySubtreeSource source(Prefix(leaves_, n));
    ASSERT_OK_AND_ASSIGN(Hash32 root, RootAt(n, source));
    EXPECT_EQ(root, roots_[n]) << "n=" << n;
  }
}

TEST_F(SmallTreesTest, GeneratedInclusionProofsVerifyAndDamagedOnesAreRejected) {
  for (uint64_t n = 1; n <= kMaxSmallTree; ++n) {
    InMemorySubtreeSource source(Prefix(leaves_, n));
    const Bytes root = B(roots_[n]);
    for (uint64_t m = 0; m < n; ++m) {
      SCOPED_TRACE("leaf " + std::to_string(m) + " of " + std::to_string(n));
      ASSERT_OK_AND_ASSIGN(std::vector<Hash32> generated, InclusionProof(m, n, source));
      const std::vector<Bytes> proof = ToBytes(generated);
      const Bytes leaf = B(leaves_[m]);
      EXPECT_OK(VerifyInclusion(m, n, leaf, proof, root));

      EXPECT_EQ(FirstAcceptedDamage(proof,
                                    [&](std::span<const Bytes> p) {
                                      return VerifyInclusion(m, n, leaf, p, root).ok();
                                    }),
                "");
      // The same proof does not place the leaf anywhere else, nor in another tree.
      for (uint64_t other = 0; other < n; ++other) {
        if (other != m) {
          EXPECT_FALSE(VerifyInclusion(other, n, leaf, proof, root).ok()) << other;
        }
      }
      // A proof binds size and root together (callers take both from one signed tree head), so
      // a wrong size is checked against that size's own root.
      if (n < kMaxSmallTree) {
        EXPECT_FALSE(VerifyInclusion(m, n + 1, leaf, proof, B(roots_[n + 1])).ok());
      }
      EXPECT_FALSE(VerifyInclusion(m, n - 1, leaf, proof, B(roots_[n - 1])).ok());
      EXPECT_FALSE(VerifyInclusion(m, n, B(leaves_[(m + 1) % kMaxSmallTree]), proof, root).ok());
      EXPECT_FALSE(VerifyInclusion(m, n, leaf, proof, B(roots_[n - 1])).ok());
    }
  }
}

TEST_F(SmallTreesTest, GeneratedConsistencyProofsVerifyAndDamagedOnesAreRejected) {
  for (uint64_t n = 1; n <= kMaxSmallTree; ++n) {
    InMemorySubtreeSource source(Prefix(leaves_, n));
    const Bytes root2 = B(roots_[n]);
    for (uint64_t m = 1; m <= n; ++m) {
      SCOPED_TRACE("sizes " + std::to_string(m) + " -> " + std::to_string(n));
      ASSERT_OK_AND_ASSIGN(std::vector<Hash32> generated, ConsistencyProof(m, n, source));
      const std::vector<Bytes> proof = ToBytes(generated);
      const Bytes root1 = B(roots_[m]);
      EXPECT_OK(VerifyConsistency(m, n, root1, root2, proof));
      if (m == n) {
        EXPECT_TRUE(proof.empty());
      }

      EXPECT_EQ(FirstAcceptedDamage(proof,
                                    [&](std::span<const Bytes> p) {
                                      return VerifyConsistency(m, n, root1, root2, p).ok();
                                    }),
                "");
      if (m < n) {
        EXPECT_FALSE(VerifyConsistency(m, n, root2, root1, proof).ok()) << "swapped roots";
        EXPECT_FALSE(VerifyConsistency(m - 1, n, B(roots_[m - 1]), root2, proof).ok());
        EXPECT_FALSE(VerifyConsistency(m + 1, n, B(roots_[m + 1]), root2, proof).ok());
        if (n < kMaxSmallTree) {
          EXPECT_FALSE(VerifyConsistency(m, n + 1, root1, B(roots_[n + 1]), proof).ok());
        }
        EXPECT_FALSE(VerifyConsistency(m, n, B(roots_[m - 1]), root2, proof).ok());
        EXPECT_FALSE(VerifyConsistency(m, n, root1, B(roots_[n - 1]), proof).ok());
      }
    }
  }
}

TEST(MerkleProofTest, GenerationRejectsImpossibleRequests) {
  InMemorySubtreeSource source(MakeLeaves(8));
  EXPECT_EQ(InclusionProof(8, 8, source).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(InclusionProof(0, 0, source).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ConsistencyProof(5, 4, source).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ConsistencyProof(0, 4, source).status().code(), StatusCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(std::vector<Hash32> none, ConsistencyProof(0, 0, source));
  EXPECT_TRUE(none.empty());
  // Asking about a tree larger than the source holds is the source's error to report.
  EXPECT_EQ(InclusionProof(0, 9, source).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ConsistencyProof(3, 9, source).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(RootAt(9, source).status().code(), StatusCode::kInvalidArgument);
}

TEST(MerkleProofTest, InMemorySourceRejectsSubtreesOutsideTheLeaves) {
  InMemorySubtreeSource source(MakeLeaves(6));
  EXPECT_OK(source.PerfectSubtree(2, 0));
  EXPECT_OK(source.PerfectSubtree(1, 2));
  EXPECT_FALSE(source.PerfectSubtree(2, 1).ok());  // leaves 4..7: only 4 and 5 exist
  EXPECT_FALSE(source.PerfectSubtree(0, 6).ok());
  EXPECT_FALSE(source.PerfectSubtree(-1, 0).ok());
  EXPECT_FALSE(source.PerfectSubtree(64, 0).ok());
  EXPECT_FALSE(source.PerfectSubtree(1, uint64_t{1} << 63).ok());  // index << level overflows
}

// A store whose reads fail; proof generation must report the failure, not a partial proof.
class FailingSource final : public SubtreeSource {
 public:
  Result<Hash32> PerfectSubtree(int level, uint64_t /*index*/) override {
    if (level >= 1) return Status::IOError("disk on fire");
    return Hash32{};
  }
};

TEST(MerkleProofTest, SourceFailuresPropagate) {
  FailingSource source;
  EXPECT_EQ(InclusionProof(0, 8, source).status().code(), StatusCode::kIOError);
  EXPECT_EQ(ConsistencyProof(3, 8, source).status().code(), StatusCode::kIOError);
  EXPECT_EQ(RootAt(6, source).status().code(), StatusCode::kIOError);
}

TEST(MerkleProofTest, VerificationRejectsHashesThatAreNot32Bytes) {
  const std::vector<Hash32> leaves = MakeLeaves(5);
  InMemorySubtreeSource source(leaves);
  ASSERT_OK_AND_ASSIGN(std::vector<Hash32> inclusion, InclusionProof(1, 5, source));
  ASSERT_OK_AND_ASSIGN(std::vector<Hash32> consistency, ConsistencyProof(3, 5, source));
  const Bytes root5 = B(RootFromLeafHashes(leaves));
  const Bytes root3 = B(RootFromLeafHashes(Prefix(leaves, 3)));
  Bytes long_root = root5;
  long_root.push_back(0);
  Bytes short_leaf = B(leaves[1]);
  short_leaf.pop_back();

  EXPECT_OK(VerifyInclusion(1, 5, B(leaves[1]), ToBytes(inclusion), root5));
  EXPECT_EQ(VerifyInclusion(1, 5, short_leaf, ToBytes(inclusion), root5).code(),
            StatusCode::kCorruption);
  EXPECT_EQ(VerifyInclusion(1, 5, B(leaves[1]), ToBytes(inclusion), long_root).code(),
            StatusCode::kCorruption);
  EXPECT_OK(VerifyConsistency(3, 5, root3, root5, ToBytes(consistency)));
  EXPECT_EQ(VerifyConsistency(3, 5, root3, long_root, ToBytes(consistency)).code(),
            StatusCode::kCorruption);
  // A one-leaf tree: the leaf is the root, so the proof is empty and only the lengths can differ.
  EXPECT_OK(VerifyInclusion(0, 1, B(leaves[0]), {}, B(leaves[0])));
  EXPECT_FALSE(VerifyInclusion(0, 1, Bytes(), {}, Bytes()).ok());
}

TEST(MerkleProofTest, ConsistencyEdgeCasesFollowTheStrictRules) {
  const Bytes empty = B(EmptyTreeRoot());
  const Bytes other = B(HashLeaf(AsBytes("x")));
  EXPECT_OK(VerifyConsistency(0, 0, empty, empty, {}));
  EXPECT_FALSE(VerifyConsistency(0, 0, other, other, {}).ok()) << "wrong empty-tree root";
  EXPECT_FALSE(VerifyConsistency(0, 0, empty, empty, std::vector<Bytes>{empty}).ok())
      << "proof for equal sizes";
  EXPECT_FALSE(VerifyConsistency(0, 1, empty, other, {}).ok()) << "from the empty tree";
  EXPECT_FALSE(VerifyConsistency(0, 1, empty, other, std::vector<Bytes>{other}).ok())
      << "from the empty tree";
  EXPECT_OK(VerifyConsistency(7, 7, other, other, {}));
  EXPECT_FALSE(VerifyConsistency(7, 7, other, empty, {}).ok());
  EXPECT_FALSE(VerifyConsistency(8, 7, other, other, {}).ok());
  EXPECT_FALSE(VerifyConsistency(3, 7, other, other, {}).ok()) << "empty proof";
}

// ---------------------------------------------------------------------------------------------
// Large trees: proof cost must not depend on the number of leaves.

// A tree of identical leaves, so every perfect subtree of a level has the same hash and a proof
// over 10^7 leaves can be checked without 10^7 hashes. Counts reads, and refuses any subtree
// outside the tree as a store would.
class UniformSource final : public SubtreeSource {
 public:
  explicit UniformSource(uint64_t size) : size_(size) {
    level_hash_[0] = HashLeaf(AsBytes("same entry"));
    for (int level = 1; level < 64; ++level) {
      level_hash_[level] = HashChildren(level_hash_[level - 1], level_hash_[level - 1]);
    }
  }

  Result<Hash32> PerfectSubtree(int level, uint64_t index) override {
    ++calls_;
    if (level < 0 || level > 40 || ((index + 1) << level) > size_) {
      return Status::InvalidArgument("subtree outside the tree");
    }
    return level_hash_[level];
  }

  const Hash32& leaf() const { return level_hash_[0]; }
  int calls() const { return calls_; }
  void ResetCalls() { calls_ = 0; }

 private:
  uint64_t size_;
  Hash32 level_hash_[64];
  int calls_ = 0;
};

TEST(MerkleLargeTreeTest, ProofsOverTenMillionLeavesNeedLogarithmicSubtreeReads) {
  constexpr uint64_t kSize = 10'000'000;
  // One read per proof element plus the pieces of at most one right-edge node.
  const int kMaxReads = 2 * std::bit_width(kSize) + 2;
  UniformSource source(kSize);
  ASSERT_OK_AND_ASSIGN(Hash32 root, RootAt(kSize, source));
  EXPECT_EQ(source.calls(), std::popcount(kSize));

  for (uint64_t leaf : {uint64_t{0}, uint64_t{1}, kSize / 2, uint64_t{8388607}, uint64_t{8388608},
                        kSize - 2, kSize - 1}) {
    source.ResetCalls();
    ASSERT_OK_AND_ASSIGN(std::vector<Hash32> proof, InclusionProof(leaf, kSize, source));
    EXPECT_LE(source.calls(), kMaxReads) << "leaf " << leaf;
    EXPECT_OK(VerifyInclusion(leaf, kSize, B(source.leaf()), ToBytes(proof), B(root)));
  }
  for (uint64_t size1 : {uint64_t{1}, uint64_t{3}, uint64_t{1234567}, uint64_t{5000000},
                         uint64_t{8388608}, uint64_t{8388609}, kSize - 1}) {
    UniformSource old_tree(size1);
    ASSERT_OK_AND_ASSIGN(Hash32 root1, RootAt(size1, old_tree));
    source.ResetCalls();
    ASSERT_OK_AND_ASSIGN(std::vector<Hash32> proof, ConsistencyProof(size1, kSize, source));
    EXPECT_LE(source.calls(), kMaxReads) << "size1 " << size1;
    EXPECT_OK(VerifyConsistency(size1, kSize, B(root1), B(root), ToBytes(proof)));
  }
}

// ---------------------------------------------------------------------------------------------
// CompactRange

// The perfect subtrees of level >= 1 that appending leaf `leaf` completes, lowest first.
std::vector<std::tuple<int, uint64_t>> CompletedBy(uint64_t leaf) {
  std::vector<std::tuple<int, uint64_t>> out;
  for (int level = 1; ((leaf + 1) & ((uint64_t{1} << level) - 1)) == 0; ++level) {
    out.emplace_back(level, leaf >> level);
  }
  return out;
}

TEST(CompactRangeTest, AppendingGivesTheSameRootsAndReportsExactlyThePerfectSubtrees) {
  constexpr size_t kLeaves = 300;
  const std::vector<Hash32> leaves = MakeLeaves(kLeaves);
  InMemorySubtreeSource source(leaves);
  CompactRange range;
  EXPECT_EQ(range.size(), 0u);
  EXPECT_EQ(range.Root(), EmptyTreeRoot());
  EXPECT_EQ(RootFromLeafHashes({}), EmptyTreeRoot());

  std::set<std::tuple<int, uint64_t>> all_reported;
  for (uint64_t i = 0; i < kLeaves; ++i) {
    std::vector<std::tuple<int, uint64_t>> reported;
    range.Append(leaves[i], [&](int level, uint64_t index, const Hash32& hash) {
      reported.emplace_back(level, index);
      Result<Hash32> expected = source.PerfectSubtree(level, index);
      ASSERT_OK(expected);
      EXPECT_EQ(hash, *expected) << "level " << level << " index " << index;
      EXPECT_TRUE(all_reported.emplace(level, index).second) << "reported twice";
    });
    EXPECT_EQ(reported, CompletedBy(i)) << "appending leaf " << i;

    const uint64_t n = i + 1;
    ASSERT_EQ(range.size(), n);
    EXPECT_EQ(range.Root(), RootFromLeafHashes(Prefix(leaves, n))) << "n=" << n;
    ASSERT_EQ(range.hashes().size(), static_cast<size_t>(std::popcount(n)));
    // hashes() holds the maximal perfect subtrees, largest (leftmost) first.
    uint64_t begin = 0;
    size_t k = 0;
    for (int level = 63; level >= 0; --level) {
      if (((n >> level) & 1) == 0) continue;
      Result<Hash32> expected = source.PerfectSubtree(level, begin >> level);
      ASSERT_OK(expected);
      EXPECT_EQ(range.hashes()[k++], *expected) << "n=" << n << " level " << level;
      begin += uint64_t{1} << level;
    }
  }
  // Every perfect subtree of level >= 1 in the final tree was reported once.
  size_t expected_count = 0;
  for (int level = 1; (uint64_t{1} << level) <= kLeaves; ++level)
    expected_count += kLeaves >> level;
  EXPECT_EQ(all_reported.size(), expected_count);
}

TEST(CompactRangeTest, AppendingNoLeavesGivesTheEmptyRoot) {
  CompactRange range;
  EXPECT_EQ(range.Root(), RootFromLeafHashes({}));
  ASSERT_OK_AND_ASSIGN(CompactRange rebuilt, CompactRange::FromHashes(0, {}));
  EXPECT_EQ(rebuilt.Root(), EmptyTreeRoot());
}

TEST(CompactRangeTest, FromHashesRoundTripsAndKeepsAppending) {
  const std::vector<Hash32> leaves = MakeLeaves(300);
  CompactRange range;
  for (uint64_t n = 0; n < leaves.size(); ++n) {
    ASSERT_OK_AND_ASSIGN(CompactRange rebuilt, CompactRange::FromHashes(n, range.hashes()));
    EXPECT_EQ(rebuilt.size(), n);
    EXPECT_EQ(rebuilt.Root(), range.Root());
    rebuilt.Append(leaves[n]);
    range.Append(leaves[n]);
    EXPECT_EQ(rebuilt.hashes(), range.hashes());
    EXPECT_EQ(rebuilt.Root(), RootFromLeafHashes(Prefix(leaves, n + 1)));
  }
}

TEST(CompactRangeTest, FromHashesRejectsTheWrongNumberOfHashes) {
  const Hash32 h = HashLeaf(AsBytes("x"));
  EXPECT_EQ(CompactRange::FromHashes(0, {h}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CompactRange::FromHashes(1, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CompactRange::FromHashes(6, {h}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CompactRange::FromHashes(6, {h, h, h}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_OK(CompactRange::FromHashes(6, {h, h}));
  EXPECT_OK(
      CompactRange::FromHashes(10'000'000, std::vector<Hash32>(std::popcount(10'000'000u), h)));
}

}  // namespace
}  // namespace confide::audit
