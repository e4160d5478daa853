// Internal to audit/: proof elements arrive as byte strings of any length (from JSON, from the
// network); these helpers decide which are real 32-byte hashes. Pure, thread-safe.
#pragma once

#include <algorithm>
#include <span>

#include "common/bytes.h"
#include "crypto/hash.h"

namespace confide::audit::proof_bytes {

inline constexpr size_t kHashSize = sizeof(crypto::Hash32);

inline bool IsHash(ByteView b) { return b.size() == kHashSize; }

inline bool AllHashes(std::span<const Bytes> proof) {
  return std::all_of(proof.begin(), proof.end(), [](const Bytes& b) { return IsHash(b); });
}

inline bool SameBytes(ByteView a, ByteView b) { return std::ranges::equal(a, b); }

// REQUIRES: IsHash(b); a shorter input would be read past its end.
inline crypto::Hash32 ToHash(ByteView b) {
  crypto::Hash32 h;
  std::copy_n(b.begin(), kHashSize, h.begin());
  return h;
}

}  // namespace confide::audit::proof_bytes
