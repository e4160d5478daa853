// AuditLog: the append-only, tamper-evident log of every action on personal data.
//
// Entries are leaves of an RFC 6962 Merkle tree. Each transaction that appends entries ends by
// signing a new tree head with the organisation's key, in the same database transaction, so a
// committed action always has its entry and a signed head covering it. That per-commit head
// replaces the previous "latest head" (its root commits to every earlier entry, so nothing is lost);
// in addition a checkpoint head is kept for ever whenever the last checkpoint is older than
// CheckpointPolicy allows. Keeping every per-commit head would make verification cost one Ed25519
// verification per transaction (~50 us), capping it far below a million entries a second.
//
// Interior nodes of level >= kStoredNodeMinLevel are stored as they complete; lower subtrees are
// recomputed from at most 2^(kStoredNodeMinLevel-1) stored leaf hashes. That keeps the node table
// at ~1/128 of the entries while proofs at 10^7 entries stay well under a millisecond.
//
// Thread-safety: AuditLog is safe to share; it caches the tree's right edge under a mutex. An
// Appender belongs to one transaction and one thread. Several processes may write to the same
// database: Begin() checks the cached edge against the stored entry count and reloads if another
// writer has appended.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "audit/audit_entry.h"
#include "audit/audit_store.h"
#include "audit/merkle.h"
#include "audit/tree_head.h"
#include "common/clock.h"
#include "crypto/signing.h"

namespace confide::audit {

inline constexpr int kStoredNodeMinLevel = 8;

// When a commit also appends a permanent checkpoint head.
struct CheckpointPolicy {
  UnixMicros max_age = 10LL * 1000 * 1000;  // at least one checkpoint every 10 s of activity
  uint64_t max_entries = 10'000;            // and every 10,000 entries
};

// Perfect-subtree hashes from an AuditStore: stored nodes where they exist, recomputed below.
class StoredSubtreeSource final : public SubtreeSource {
 public:
  explicit StoredSubtreeSource(AuditStore& store) : store_(store) {}
  Result<Hash32> PerfectSubtree(int level, uint64_t index) override;

 private:
  AuditStore& store_;
};

// Rebuilds the right edge of a tree of `size` entries from the store.
Result<CompactRange> LoadCompactRange(AuditStore& store, uint64_t size);

class AuditLog {
 public:
  // `key` and `clock` must outlive the AuditLog.
  AuditLog(const crypto::SigningKey& key, const Clock& clock, CheckpointPolicy policy = {})
      : key_(key), clock_(clock), policy_(policy) {}

  class Appender {
   public:
    // Appends one event (its time is taken from the clock if unset). Returns its seq.
    Result<uint64_t> Append(const AuditEvent& event);
    // Signs a head over everything appended so far and stores it as the latest head, and as a
    // checkpoint when the policy says one is due (or `force_checkpoint`). Call last, before commit.
    Result<SignedTreeHead> SignHead(bool force_checkpoint = false);
    uint64_t size() const { return range_.size(); }
    const CompactRange& range() const { return range_; }
    // True once an event has been appended in this transaction.
    bool appended() const { return range_.size() != start_size_; }

   private:
    friend class AuditLog;
    Appender(AuditLog& log, AuditStore& store, CompactRange range, std::optional<SignedTreeHead> last_checkpoint)
        : log_(log), store_(store), range_(std::move(range)), last_checkpoint_(std::move(last_checkpoint)),
          start_size_(range_.size()) {}
    AuditLog& log_;
    AuditStore& store_;
    CompactRange range_;
    std::optional<SignedTreeHead> last_checkpoint_;
    uint64_t start_size_;
  };

  // Starts appending inside the caller's transaction on `store`.
  Result<Appender> Begin(AuditStore& store);
  // Tells the log that the transaction holding `appender` committed, so its edge is current.
  void Committed(const Appender& appender);
  // Tells the log a transaction failed: drop the cache, reload next time.
  void Invalidate();

  const crypto::SigningKey& signing_key() const { return key_; }

 private:
  const crypto::SigningKey& key_;
  const Clock& clock_;
  const CheckpointPolicy policy_;
  // The tree's right edge and its latest checkpoint as of the last commit seen by this process.
  // Both change only when entries are appended, so an edge whose size equals the stored entry count
  // is current, and so is the checkpoint beside it.
  struct Cached {
    CompactRange range;
    std::optional<SignedTreeHead> last_checkpoint;
  };
  std::mutex mu_;
  std::optional<Cached> cached_;  // GUARDED_BY(mu_)
};

// Proofs served from a store, for `confide audit proof` and the API.
Result<std::vector<Hash32>> StoredInclusionProof(AuditStore& store, uint64_t seq, uint64_t tree_size);
Result<std::vector<Hash32>> StoredConsistencyProof(AuditStore& store, uint64_t size1, uint64_t size2);

}  // namespace confide::audit
