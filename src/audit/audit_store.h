// AuditStore: the persistence port the audit log needs. A storage adapter implements it inside its
// unit of work, so audit entries commit in the same transaction as the action they record.
// Not thread-safe: one per transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "audit/audit_entry.h"
#include "audit/tree_head.h"
#include "common/bytes.h"
#include "confide/result.h"
#include "crypto/hash.h"

namespace confide::audit {

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // Number of entries in the log (= the next seq).
  virtual Result<uint64_t> EntryCount() = 0;
  // `event` is the decoded `entry`, for the adapter's lookup index (who, about whom, when).
  virtual Status AppendEntry(uint64_t seq, ByteView entry, const crypto::Hash32& leaf_hash, const AuditEvent& event) = 0;
  // kNotFound if absent.
  virtual Result<Bytes> GetEntry(uint64_t seq) = 0;
  // Stored leaf hashes of entries [begin, end). kCorruption if any is missing.
  virtual Result<std::vector<crypto::Hash32>> LeafHashes(uint64_t begin, uint64_t end) = 0;

  // Interior nodes of level >= kStoredNodeMinLevel (audit_log.h), for fast proofs.
  virtual Status PutNode(int level, uint64_t index, const crypto::Hash32& hash) = 0;
  virtual Result<crypto::Hash32> GetNode(int level, uint64_t index) = 0;  // kNotFound if absent

  // The latest head: one row, replaced at every commit; it always covers every entry.
  virtual Status PutLatestTreeHead(const SignedTreeHead& head) = 0;
  virtual Result<std::optional<SignedTreeHead>> LatestTreeHead() = 0;
  // Checkpoints: heads kept for ever (append-only), so history can be proven consistent.
  virtual Status AppendCheckpoint(const SignedTreeHead& head) = 0;
  virtual Result<std::optional<SignedTreeHead>> LatestCheckpoint() = 0;
  virtual Result<std::optional<SignedTreeHead>> CheckpointAtSize(uint64_t tree_size) = 0;

  // Full scans for verification, in ascending order. The callback may stop the scan by returning
  // a non-OK status, which the scan returns.
  using EntryVisitor = std::function<Status(uint64_t seq, ByteView entry, ByteView leaf_hash)>;
  virtual Status ScanEntries(uint64_t begin, const EntryVisitor& visit) = 0;
  virtual Status ScanCheckpoints(const std::function<Status(const SignedTreeHead&)>& visit) = 0;
  virtual Status ScanNodes(const std::function<Status(int level, uint64_t index, ByteView hash)>& visit) = 0;
};

}  // namespace confide::audit
