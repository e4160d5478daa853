#include "audit/audit_log.h"

#include <bit>

namespace confide::audit {

Result<Hash32> StoredSubtreeSource::PerfectSubtree(int level, uint64_t index) {
  if (level >= kStoredNodeMinLevel) return store_.GetNode(level, index);
  const uint64_t begin = index << level;
  const uint64_t end = begin + (uint64_t{1} << level);
  CONFIDE_ASSIGN_OR_RETURN(std::vector<Hash32> leaves, store_.LeafHashes(begin, end));
  if (leaves.size() != end - begin) return Status::Corruption("audit leaf hashes are missing");
  return RootFromLeafHashes(leaves);
}

Result<CompactRange> LoadCompactRange(AuditStore& store, uint64_t size) {
  StoredSubtreeSource source(store);
  std::vector<Hash32> hashes;
  uint64_t begin = 0;
  // The maximal perfect subtrees of a tree of `size` leaves, left to right: one per set bit.
  for (int level = 63; level >= 0; --level) {
    const uint64_t width = uint64_t{1} << level;
    if ((size & width) == 0) continue;
    CONFIDE_ASSIGN_OR_RETURN(Hash32 h, source.PerfectSubtree(level, begin >> level));
    hashes.push_back(h);
    begin += width;
  }
  return CompactRange::FromHashes(size, std::move(hashes));
}

Result<uint64_t> AuditLog::Appender::Append(const AuditEvent& event) {
  AuditEvent e = event;
  if (e.time == 0) e.time = log_.clock_.NowMicros();
  const uint64_t seq = range_.size();
  Bytes entry = EncodeAuditEntry(seq, e);
  const Hash32 leaf = HashLeaf(entry);
  CONFIDE_RETURN_IF_ERROR(store_.AppendEntry(seq, entry, leaf, e));
  Status node_status;
  range_.Append(leaf, [&](int level, uint64_t index, const Hash32& hash) {
    if (level >= kStoredNodeMinLevel && node_status.ok()) node_status = store_.PutNode(level, index, hash);
  });
  CONFIDE_RETURN_IF_ERROR(node_status);
  return seq;
}

Result<SignedTreeHead> AuditLog::Appender::SignHead(bool force_checkpoint) {
  SignedTreeHead head = SignTreeHead(log_.key_, range_.size(), range_.Root(), log_.clock_.NowMicros());
  CONFIDE_RETURN_IF_ERROR(store_.PutLatestTreeHead(head));
  const std::optional<SignedTreeHead>& last = last_checkpoint_;
  // Checkpoints are keyed by tree size: one already at this size makes another pointless.
  if (last && last->tree_size == head.tree_size) return head;
  const bool due = force_checkpoint || !last || head.timestamp - last->timestamp >= log_.policy_.max_age ||
                   head.tree_size - last->tree_size >= log_.policy_.max_entries;
  if (due) {
    CONFIDE_RETURN_IF_ERROR(store_.AppendCheckpoint(head));
    last_checkpoint_ = head;
  }
  return head;
}

Result<AuditLog::Appender> AuditLog::Begin(AuditStore& store) {
  CONFIDE_ASSIGN_OR_RETURN(uint64_t count, store.EntryCount());
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (cached_ && cached_->range.size() == count) return Appender(*this, store, cached_->range, cached_->last_checkpoint);
  }
  CONFIDE_ASSIGN_OR_RETURN(CompactRange range, LoadCompactRange(store, count));
  // Never extend a log that does not match its own latest signed head: signing a new head over a
  // log someone cut back or rewrote would launder the tampering into a log that verifies.
  CONFIDE_ASSIGN_OR_RETURN(std::optional<SignedTreeHead> latest, store.LatestTreeHead());
  if (count > 0 || latest) {
    if (!latest || latest->tree_size != count || latest->root != range.Root() ||
        !VerifyTreeHead(key_.public_key(), *latest).ok()) {
      return Status::Corruption("the audit log does not match its latest signed head: refusing to write; run `confide audit verify`");
    }
  }
  CONFIDE_ASSIGN_OR_RETURN(std::optional<SignedTreeHead> last_checkpoint, store.LatestCheckpoint());
  return Appender(*this, store, std::move(range), std::move(last_checkpoint));
}

void AuditLog::Committed(const Appender& appender) {
  std::lock_guard<std::mutex> lock(mu_);
  cached_ = Cached{appender.range(), appender.last_checkpoint_};
}

void AuditLog::Invalidate() {
  std::lock_guard<std::mutex> lock(mu_);
  cached_.reset();
}

Result<std::vector<Hash32>> StoredInclusionProof(AuditStore& store, uint64_t seq, uint64_t tree_size) {
  StoredSubtreeSource source(store);
  return InclusionProof(seq, tree_size, source);
}

Result<std::vector<Hash32>> StoredConsistencyProof(AuditStore& store, uint64_t size1, uint64_t size2) {
  StoredSubtreeSource source(store);
  return ConsistencyProof(size1, size2, source);
}

}  // namespace confide::audit
