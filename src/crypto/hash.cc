#include "crypto/hash.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>

#include "crypto/sodium_init.h"

namespace confide::crypto {

namespace {

// SHA-256 comes from OpenSSL's libcrypto, not libsodium: libsodium 1.0.18's SHA-256 is portable C
// and ignores the CPU's SHA extensions, which makes it ~3.7x slower on the short messages of the
// audit tree (docs/performance.md). SHA-256 here only hashes public data (audit entries, tree
// nodes; content digests are BLAKE2b): every keyed or secret operation stays in libsodium.
const EVP_MD* Sha256Algorithm() {
  static const EVP_MD* md = [] {
    const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) {
      std::fputs("confide: OpenSSL has no SHA-256 implementation\n", stderr);
      std::abort();
    }
    return fetched;
  }();
  return md;
}

// One digest context per thread, reused: creating one per hash would cost more than the hash.
struct DigestContext {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~DigestContext() { EVP_MD_CTX_free(ctx); }
};

}  // namespace

Hash32 Sha256(std::initializer_list<ByteView> parts) {
  thread_local DigestContext context;
  Hash32 out;
  unsigned int length = 0;
  bool ok = context.ctx != nullptr && EVP_DigestInit_ex2(context.ctx, Sha256Algorithm(), nullptr) == 1;
  for (ByteView p : parts) ok = ok && EVP_DigestUpdate(context.ctx, p.data(), p.size()) == 1;
  ok = ok && EVP_DigestFinal_ex(context.ctx, out.data(), &length) == 1 && length == out.size();
  if (!ok) {
    // Only allocation failure inside OpenSSL gets here; a wrong hash would be worse than stopping.
    std::fputs("confide: SHA-256 failed\n", stderr);
    std::abort();
  }
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
