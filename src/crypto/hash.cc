#include "crypto/hash.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

#include "crypto/sodium_init.h"

namespace confide::crypto {

Hash32 Sha256(std::initializer_list<ByteView> parts) {
  // sodium_init selects the hash implementations for this CPU; hashing before it ran would race
  // with another thread's first EnsureSodium().
  (void)EnsureSodium();
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (ByteView p : parts) crypto_hash_sha256_update(&state, p.data(), p.size());
  Hash32 out;
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

Hash32 Blake2b256(std::initializer_list<ByteView> parts, ByteView key) {
  (void)EnsureSodium();
  crypto_generichash_state state;
  // Key sizes outside libsodium's range (1..64 bytes) are a programming error: callers pass keys
  // they generated. Carrying on would hash with an uninitialised state, so stop instead.
  if (crypto_generichash_init(&state, key.empty() ? nullptr : key.data(), key.size(), 32) != 0) {
    std::fputs("confide: BLAKE2b key size outside 1..64 bytes\n", stderr);
    std::abort();
  }
  for (ByteView p : parts) crypto_generichash_update(&state, p.data(), p.size());
  Hash32 out;
  crypto_generichash_final(&state, out.data(), out.size());
  // A keyed state holds material derived from the key; do not leave it on the stack.
  sodium_memzero(&state, sizeof state);
  return out;
}

bool ConstantTimeEquals(ByteView a, ByteView b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace confide::crypto
