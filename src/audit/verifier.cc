#include "audit/verifier.h"

#include <future>
#include <map>

#include "audit/audit_entry.h"
#include "audit/audit_log.h"
#include "audit/merkle.h"
#include "crypto/hash.h"

namespace confide::audit {
namespace {

class Problems {
 public:
  Problems(VerifyReport& report, size_t max) : report_(report), max_(max) {}
  void Add(std::string problem) {
    if (report_.problems.size() < max_) {
      report_.problems.push_back(std::move(problem));
    } else if (report_.problems.size() == max_) {
      report_.problems.push_back("... further problems not listed");
    }
  }

 private:
  VerifyReport& report_;
  size_t max_;
};

std::string SizeText(uint64_t n) { return std::to_string(n); }

constexpr size_t kVerifyChunk = 4096;

// A stored hash as a Hash32 (all zeros if it is not 32 bytes, which then never matches).
Hash32 Hash32FromView(ByteView v) {
  Hash32 h{};
  if (v.size() == h.size()) std::copy(v.begin(), v.end(), h.begin());
  return h;
}

// Entries copied out of the store's cursor into flat buffers, so another thread can hash them.
struct EntryChunk {
  std::vector<uint64_t> seqs;
  std::vector<size_t> ends;  // entry i is bytes [ends[i-1], ends[i]) of `entries`
  Bytes entries;
  std::vector<Hash32> stored_leaves;
  std::vector<bool> leaf_well_formed;

  void Add(uint64_t seq, ByteView entry, ByteView stored_leaf) {
    seqs.push_back(seq);
    entries.insert(entries.end(), entry.begin(), entry.end());
    ends.push_back(entries.size());
    stored_leaves.push_back(Hash32FromView(stored_leaf));
    leaf_well_formed.push_back(stored_leaf.size() == sizeof(Hash32));
  }
  size_t size() const { return seqs.size(); }
};

struct HashedChunk {
  std::vector<Hash32> leaves;
  std::vector<std::string> problems;
};

HashedChunk HashEntryChunk(EntryChunk c) {
  HashedChunk out;
  out.leaves.reserve(c.size());
  size_t begin = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    const ByteView entry(c.entries.data() + begin, c.ends[i] - begin);
    begin = c.ends[i];
    const uint64_t seq = c.seqs[i];
    Result<uint64_t> own_seq = CheckAuditEntry(entry);
    if (!own_seq.ok()) {
      out.problems.push_back("entry " + SizeText(seq) + ": " + own_seq.status().message());
    } else if (*own_seq != seq) {
      out.problems.push_back("entry stored at " + SizeText(seq) + " says it is entry " + SizeText(*own_seq) +
                             ": entries were reordered, moved or inserted");
    }
    const Hash32 leaf = HashLeaf(entry);
    // Hashes of a public log are not secrets: an ordinary comparison is fine here.
    if (!c.leaf_well_formed[i] || leaf != c.stored_leaves[i]) {
      out.problems.push_back("entry " + SizeText(seq) + " was modified: its content does not match its leaf hash");
    }
    out.leaves.push_back(leaf);
  }
  return out;
}

}  // namespace

Result<VerifyReport> VerifyAuditLog(AuditStore& store, ByteView public_key, const VerifyOptions& options) {
  VerifyReport report;
  Problems problems(report, options.max_problems);

  // Checkpoints: signatures and time order first; their roots are checked during the scan.
  std::map<uint64_t, SignedTreeHead> heads_by_size;
  UnixMicros last_time = 0;
  CONFIDE_RETURN_IF_ERROR(store.ScanCheckpoints([&](const SignedTreeHead& head) {
    ++report.checkpoints;
    if (Status s = VerifyTreeHead(public_key, head); !s.ok()) problems.Add(s.message());
    if (head.timestamp < last_time) {
      problems.Add("checkpoint at size " + SizeText(head.tree_size) + " is dated before an earlier checkpoint");
    }
    last_time = head.timestamp;
    heads_by_size.emplace(head.tree_size, head);
    return Status::Ok();
  }));
  CONFIDE_ASSIGN_OR_RETURN(report.latest_head, store.LatestTreeHead());
  if (report.latest_head) {
    if (Status s = VerifyTreeHead(public_key, *report.latest_head); !s.ok()) problems.Add("latest head: " + s.message());
  }
  if (options.trusted_head) {
    if (Status s = VerifyTreeHead(public_key, *options.trusted_head); !s.ok()) {
      problems.Add("trusted head: " + s.message());
    }
  }

  CONFIDE_ASSIGN_OR_RETURN(const uint64_t total, store.EntryCount());
  CompactRange range;
  std::map<std::pair<int, uint64_t>, Hash32> computed_nodes;
  uint64_t expected = 0;
  bool broken_sequence = false;

  auto check_roots_at = [&](uint64_t size) {
    if (auto it = heads_by_size.find(size); it != heads_by_size.end() && range.Root() != it->second.root) {
      problems.Add("checkpoint at size " + SizeText(size) +
                   " does not match the entries: entries before it were modified, deleted, inserted or reordered");
    }
    if (report.latest_head && report.latest_head->tree_size == size && range.Root() != report.latest_head->root) {
      problems.Add("latest head (size " + SizeText(size) + ") does not match the entries");
    }
    if (options.trusted_head && options.trusted_head->tree_size == size && range.Root() != options.trusted_head->root) {
      problems.Add("trusted head (size " + SizeText(size) + ") is not consistent with the log: history was rewritten");
    }
  };
  check_roots_at(0);

  // Adds a hashed chunk to the tree, in order. Roots are only compared at head sizes, so building
  // the tree stays one SHA-256 per entry on this thread.
  auto absorb = [&](HashedChunk hashed) {
    for (std::string& p : hashed.problems) problems.Add(std::move(p));
    for (const Hash32& leaf : hashed.leaves) {
      // Build from the recomputed hash: a modified entry must also break every later root.
      range.Append(leaf, [&](int level, uint64_t index, const Hash32& hash) {
        if (level >= kStoredNodeMinLevel) computed_nodes.emplace(std::make_pair(level, index), hash);
      });
      check_roots_at(range.size());
    }
    report.entries += hashed.leaves.size();
    if (options.progress) options.progress(report.entries, total);
  };

  // Reading rows (SQLite) and building the tree run here; decoding and leaf hashing of the previous
  // chunk run on a second thread meanwhile. Leaf and node hashing cost about the same, so two cores
  // nearly halve the time.
  EntryChunk chunk;
  std::future<HashedChunk> in_flight;
  auto dispatch = [&]() {
    if (in_flight.valid()) absorb(in_flight.get());
    in_flight = std::async(std::launch::async, HashEntryChunk, std::move(chunk));
    chunk = EntryChunk{};
  };
  CONFIDE_RETURN_IF_ERROR(store.ScanEntries(0, [&](uint64_t seq, ByteView entry, ByteView stored_leaf) {
    if (seq != expected && !broken_sequence) {
      problems.Add(seq > expected ? "entry " + SizeText(expected) + " is missing (deleted)"
                                  : "entry " + SizeText(seq) + " is out of sequence");
      broken_sequence = true;
    }
    expected = seq + 1;
    chunk.Add(seq, entry, stored_leaf);
    if (chunk.size() == kVerifyChunk) dispatch();
    return Status::Ok();
  }));
  if (chunk.size() > 0) dispatch();
  if (in_flight.valid()) absorb(in_flight.get());

  const uint64_t n = range.size();
  if (!heads_by_size.empty() && heads_by_size.rbegin()->first > n) {
    problems.Add("a checkpoint covers " + SizeText(heads_by_size.rbegin()->first) + " entries but only " +
                 SizeText(n) + " exist: entries were deleted from the end");
  }
  if (!report.latest_head) {
    if (n > 0) problems.Add("there is no signed tree head");
  } else if (report.latest_head->tree_size != n) {
    problems.Add("the latest signed head covers " + SizeText(report.latest_head->tree_size) + " entries but " +
                 SizeText(n) + " exist: entries were " +
                 (report.latest_head->tree_size > n ? "deleted" : "added without signing"));
  }
  if (options.trusted_head && options.trusted_head->tree_size > n) {
    problems.Add("the log is shorter than the trusted head: entries were deleted from the end");
  }

  size_t found_nodes = 0;  // stored nodes that correspond to a computed one (equal or not)
  CONFIDE_RETURN_IF_ERROR(store.ScanNodes([&](int level, uint64_t index, ByteView hash) {
    ++report.nodes;
    auto it = computed_nodes.find({level, index});
    if (it == computed_nodes.end()) {
      problems.Add("stored tree node (" + std::to_string(level) + ", " + SizeText(index) + ") has no entries under it");
      return Status::Ok();
    }
    ++found_nodes;
    if (it->second != Hash32FromView(hash)) {
      problems.Add("stored tree node (" + std::to_string(level) + ", " + SizeText(index) + ") was modified");
    }
    return Status::Ok();
  }));
  if (found_nodes < computed_nodes.size()) {
    problems.Add("stored tree nodes are missing: " + SizeText(computed_nodes.size() - found_nodes) + " of " +
                 SizeText(computed_nodes.size()));
  }
  return report;
}

}  // namespace confide::audit
