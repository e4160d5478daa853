// The audit verifier: recomputes the whole Merkle tree from the stored entries and checks it
// against every signed head, so a modified, deleted, reordered or inserted entry is found.
//
// What it checks, in one pass over the entries:
//   - entries are numbered 0..n-1 with no gap, and each entry's own seq matches its position
//     (a deleted, inserted or reordered row breaks this);
//   - each entry decodes and its recomputed leaf hash equals the stored one (a modified entry);
//   - the tree recomputed from the entries has, at every checkpoint's size, that checkpoint's root,
//     and at n the latest head's root; every head's signature verifies under the organisation key;
//   - the latest head covers every entry, no checkpoint claims more entries than exist (deleted
//     tail), checkpoint times never go backwards;
//   - the stored interior nodes (used for proofs) equal the recomputed ones;
//   - optionally, a head the auditor kept from earlier ("trusted head") is consistent with the log.
// Thread-safety: a function; use one store per call.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_store.h"
#include "audit/tree_head.h"

namespace confide::audit {

struct VerifyOptions {
  std::optional<SignedTreeHead> trusted_head;
  // Called now and then with (entries checked, total entries).
  std::function<void(uint64_t, uint64_t)> progress;
  size_t max_problems = 100;  // stop listing after this many
};

struct VerifyReport {
  uint64_t entries = 0;
  uint64_t checkpoints = 0;
  uint64_t nodes = 0;
  std::optional<SignedTreeHead> latest_head;
  std::vector<std::string> problems;  // empty when the log verifies
  bool ok() const { return problems.empty(); }
};

// Returns a report; a non-OK Status only when the store itself cannot be read.
Result<VerifyReport> VerifyAuditLog(AuditStore& store, ByteView organisation_public_key,
                                    const VerifyOptions& options = {});

}  // namespace confide::audit
