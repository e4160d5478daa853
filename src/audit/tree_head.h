// Signed tree heads: the organisation's Ed25519 signature over the audit tree's size and root at a
// moment. Anyone holding the organisation's public key can check a head, and a consistency proof
// between two heads shows the later log extends the earlier one (nothing rewritten or removed).
//
// Signed message (docs/formats/audit-entry.md):
//   "confide-tree-head-v1" || u64 tree_size || i64 timestamp_micros || root (32 bytes)
// Pure, thread-safe.
#pragma once

#include <cstdint>

#include "common/bytes.h"
#include "common/clock.h"
#include "confide/result.h"
#include "crypto/hash.h"
#include "crypto/signing.h"

namespace confide::audit {

struct SignedTreeHead {
  uint64_t tree_size = 0;
  crypto::Hash32 root{};
  UnixMicros timestamp = 0;
  crypto::Signature signature{};

  bool operator==(const SignedTreeHead&) const = default;
};

Bytes TreeHeadMessage(uint64_t tree_size, const crypto::Hash32& root, UnixMicros timestamp);
SignedTreeHead SignTreeHead(const crypto::SigningKey& key, uint64_t tree_size, const crypto::Hash32& root,
                            UnixMicros timestamp);
// kCorruption if the signature does not verify under `public_key`.
Status VerifyTreeHead(ByteView public_key, const SignedTreeHead& head);

}  // namespace confide::audit
