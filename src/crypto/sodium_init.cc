#include "crypto/sodium_init.h"

#include <sodium.h>

namespace confide::crypto {

Status EnsureSodium() {
  // sodium_init is itself thread-safe and idempotent; caching the outcome avoids the call cost.
  static const int rc = sodium_init();
  if (rc < 0) return Status::Internal("libsodium failed to initialise");
  return Status::Ok();
}

void RandomBytes(void* out, size_t n) {
  (void)EnsureSodium();
  randombytes_buf(out, n);
}

}  // namespace confide::crypto
