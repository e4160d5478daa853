#include "crypto/hash.h"

#include <sodium.h>

#include "crypto/sodium_init.h"

namespace confide::crypto {

Hash32 Sha256(std::initializer_list<ByteView> parts) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (ByteView p : parts) crypto_hash_sha256_update(&state, p.data(), p.size());
  Hash32 out;
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

Hash32 Blake2b256(std::initializer_list<ByteView> parts, ByteView key) {
  crypto_generichash_state state;
  // Key sizes outside libsodium's range are a programming error; callers pass 32-byte keys.
  crypto_generichash_init(&state, key.empty() ? nullptr : key.data(), key.size(), 32);
  for (ByteView p : parts) crypto_generichash_update(&state, p.data(), p.size());
  Hash32 out;
  crypto_generichash_final(&state, out.data(), out.size());
  return out;
}

bool ConstantTimeEquals(ByteView a, ByteView b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace confide::crypto
