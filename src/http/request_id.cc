#include "http/request_id.h"

#include <openssl/rand.h>

#include <cstdint>
#include <random>

namespace confide::http {

std::string NewRequestId() {
  // OpenSSL's per-thread DRBG: unpredictable ids cost ~0.1 µs, so nobody can guess another
  // request's id from their own.
  uint8_t bytes[8];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    thread_local std::mt19937_64 fallback{std::random_device{}()};  // ids are not secrets
    const uint64_t r = fallback();
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<uint8_t>(r >> (8 * i));
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  for (int i = 0; i < 8; ++i) {
    id[2 * i] = kHex[bytes[i] >> 4];
    id[2 * i + 1] = kHex[bytes[i] & 0xf];
  }
  return id;
}

}  // namespace confide::http
