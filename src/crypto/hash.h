// Hash functions (libsodium): SHA-256 for the RFC 6962 audit tree, BLAKE2b for content digests and
// keyed blind indexes. Pure, thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>

#include "common/bytes.h"

namespace confide::crypto {

using Hash32 = std::array<uint8_t, 32>;

// SHA-256 over the concatenation of `parts`.
Hash32 Sha256(std::initializer_list<ByteView> parts);
inline Hash32 Sha256(ByteView data) { return Sha256({data}); }

// BLAKE2b-256, optionally keyed (key 16..64 bytes), over the concatenation of `parts`. An empty
// key means unkeyed. A key longer than 64 bytes is a programming error and aborts.
Hash32 Blake2b256(std::initializer_list<ByteView> parts, ByteView key = {});

// Constant-time equality of two byte strings (false if lengths differ).
bool ConstantTimeEquals(ByteView a, ByteView b);

}  // namespace confide::crypto
