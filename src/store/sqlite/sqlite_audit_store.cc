// SQLite implementation of the audit log's storage port.
#include <cstring>

#include "store/sqlite/sqlite_repositories.h"

namespace confide::store::sqlite {
namespace {

Result<crypto::Hash32> ToHash(ByteView v) {
  crypto::Hash32 h;
  if (v.size() != h.size()) return Status::Corruption("stored audit hash is not 32 bytes");
  std::memcpy(h.data(), v.data(), h.size());
  return h;
}

Result<audit::SignedTreeHead> ReadHead(const Stmt& s) {
  audit::SignedTreeHead head;
  head.tree_size = static_cast<uint64_t>(s.Int(0));
  CONFIDE_ASSIGN_OR_RETURN(head.root, ToHash(s.BlobView(1)));
  head.timestamp = s.Int(2);
  ByteView sig = s.BlobView(3);
  if (sig.size() != head.signature.size()) return Status::Corruption("stored tree head signature is not 64 bytes");
  std::memcpy(head.signature.data(), sig.data(), sig.size());
  return head;
}

Result<std::optional<audit::SignedTreeHead>> ReadOptionalHead(Stmt& s) {
  CONFIDE_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<audit::SignedTreeHead>();
  CONFIDE_ASSIGN_OR_RETURN(audit::SignedTreeHead head, ReadHead(s));
  return std::optional<audit::SignedTreeHead>(head);
}

}  // namespace

Result<uint64_t> SqliteAuditStore::EntryCount() {
  // seq is the rowid: MAX is an O(log n) lookup, COUNT(*) would scan.
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT COALESCE(MAX(seq) + 1, 0) FROM audit_entries"));
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? static_cast<uint64_t>(s->Int(0)) : 0;
}

Status SqliteAuditStore::AppendEntry(uint64_t seq, ByteView entry, const crypto::Hash32& leaf_hash,
                                     const audit::AuditEvent& event) {
  {
    CONFIDE_RETURN_IF_ERROR(c_.MaybeInjectFault());
    CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("INSERT INTO audit_entries(seq, entry, leaf_hash) VALUES (?, ?, ?)"));
    s->Bind(1, static_cast<int64_t>(seq)).Bind(2, entry).Bind(3, ByteView(leaf_hash));
    CONFIDE_RETURN_IF_ERROR(s->Run());
  }
  // The lookup row, in the same transaction, so the index never lags the entries it was written
  // with. Derived data: reviews decode the entries it points to.
  SqliteAuditIndexRepository index(c_);
  return index.Insert({seq, event.time, event.actor, event.person_id, event.action, event.outcome});
}

Result<Bytes> SqliteAuditStore::GetEntry(uint64_t seq) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT entry FROM audit_entries WHERE seq = ?"));
  s->Bind(1, static_cast<int64_t>(seq));
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::NotFound("no audit entry " + std::to_string(seq));
  return s->Blob(0);
}

Result<std::vector<crypto::Hash32>> SqliteAuditStore::LeafHashes(uint64_t begin, uint64_t end) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT seq, leaf_hash FROM audit_entries WHERE seq >= ? AND seq < ? ORDER BY seq"));
  s->Bind(1, static_cast<int64_t>(begin)).Bind(2, static_cast<int64_t>(end));
  std::vector<crypto::Hash32> out;
  out.reserve(end - begin);
  for (uint64_t expect = begin;; ++expect) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    if (static_cast<uint64_t>(s->Int(0)) != expect) return Status::Corruption("audit entries are missing");
    CONFIDE_ASSIGN_OR_RETURN(crypto::Hash32 h, ToHash(s->BlobView(1)));
    out.push_back(h);
  }
  if (out.size() != end - begin) return Status::Corruption("audit entries are missing");
  return out;
}

Status SqliteAuditStore::PutNode(int level, uint64_t index, const crypto::Hash32& hash) {
  CONFIDE_RETURN_IF_ERROR(c_.MaybeInjectFault());
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("INSERT INTO audit_nodes(level, idx, hash) VALUES (?, ?, ?)"));
  s->Bind(1, int64_t{level}).Bind(2, static_cast<int64_t>(index)).Bind(3, ByteView(hash));
  return s->Run();
}

Result<crypto::Hash32> SqliteAuditStore::GetNode(int level, uint64_t index) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT hash FROM audit_nodes WHERE level = ? AND idx = ?"));
  s->Bind(1, int64_t{level}).Bind(2, static_cast<int64_t>(index));
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::Corruption("audit tree node (" + std::to_string(level) + ", " + std::to_string(index) + ") is missing");
  return ToHash(s->BlobView(0));
}

Status SqliteAuditStore::PutLatestTreeHead(const audit::SignedTreeHead& h) {
  CONFIDE_RETURN_IF_ERROR(c_.MaybeInjectFault());
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO audit_latest_head(id, tree_size, root, signed_at, signature) VALUES (1, ?, ?, ?, ?) "
      "ON CONFLICT(id) DO UPDATE SET tree_size = excluded.tree_size, root = excluded.root, "
      "signed_at = excluded.signed_at, signature = excluded.signature"));
  s->Bind(1, static_cast<int64_t>(h.tree_size)).Bind(2, ByteView(h.root)).Bind(3, h.timestamp).Bind(4, ByteView(h.signature));
  return s->Run();
}

Result<std::optional<audit::SignedTreeHead>> SqliteAuditStore::LatestTreeHead() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT tree_size, root, signed_at, signature FROM audit_latest_head WHERE id = 1"));
  return ReadOptionalHead(*s);
}

Status SqliteAuditStore::AppendCheckpoint(const audit::SignedTreeHead& h) {
  CONFIDE_RETURN_IF_ERROR(c_.MaybeInjectFault());
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO audit_checkpoints(tree_size, root, signed_at, signature) VALUES (?, ?, ?, ?)"));
  s->Bind(1, static_cast<int64_t>(h.tree_size)).Bind(2, ByteView(h.root)).Bind(3, h.timestamp).Bind(4, ByteView(h.signature));
  return s->Run();
}

Result<std::optional<audit::SignedTreeHead>> SqliteAuditStore::LatestCheckpoint() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT tree_size, root, signed_at, signature FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1"));
  return ReadOptionalHead(*s);
}

Result<std::optional<audit::SignedTreeHead>> SqliteAuditStore::CheckpointAtSize(uint64_t tree_size) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT tree_size, root, signed_at, signature FROM audit_checkpoints WHERE tree_size = ?"));
  s->Bind(1, static_cast<int64_t>(tree_size));
  return ReadOptionalHead(*s);
}

Status SqliteAuditStore::ScanEntries(uint64_t begin, const EntryVisitor& visit) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT seq, entry, leaf_hash FROM audit_entries WHERE seq >= ? ORDER BY seq"));
  s->Bind(1, static_cast<int64_t>(begin));
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::Ok();
    CONFIDE_RETURN_IF_ERROR(visit(static_cast<uint64_t>(s->Int(0)), s->BlobView(1), s->BlobView(2)));
  }
}

Status SqliteAuditStore::ScanCheckpoints(const std::function<Status(const audit::SignedTreeHead&)>& visit) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT tree_size, root, signed_at, signature FROM audit_checkpoints ORDER BY tree_size"));
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::Ok();
    CONFIDE_ASSIGN_OR_RETURN(audit::SignedTreeHead head, ReadHead(*s));
    CONFIDE_RETURN_IF_ERROR(visit(head));
  }
}

Status SqliteAuditStore::ScanNodes(const std::function<Status(int, uint64_t, ByteView)>& visit) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT level, idx, hash FROM audit_nodes ORDER BY level, idx"));
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::Ok();
    CONFIDE_RETURN_IF_ERROR(visit(static_cast<int>(s->Int(0)), static_cast<uint64_t>(s->Int(1)), s->BlobView(2)));
  }
}

}  // namespace confide::store::sqlite
