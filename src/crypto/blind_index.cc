#include "crypto/blind_index.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

#include "crypto/hash.h"
#include "crypto/sodium_init.h"

namespace confide::crypto {
namespace {

std::array<uint8_t, 8> U64BE(uint64_t v) {
  std::array<uint8_t, 8> out;
  for (int i = 7; i >= 0; --i, v >>= 8) out[i] = static_cast<uint8_t>(v);
  return out;
}

}  // namespace

Bytes BlindIndexer::Compute(std::string_view domain, std::string_view normalised_value) const {
  // An empty key (a moved-from SecretKey) would give an unkeyed hash, and an NHS number's hash can
  // be reversed by trying every number. Indexing without a proper key is a bug; never do it.
  if (key_.size() < crypto_generichash_KEYBYTES_MIN ||
      key_.size() > crypto_generichash_KEYBYTES_MAX) {
    std::fputs("confide: BlindIndexer used without a 16..64-byte key\n", stderr);
    std::abort();
  }
  // Each field is preceded by its 64-bit big-endian length, so ("ab", "c") and ("a", "bc") hash
  // differently whatever bytes the strings hold. The parts are streamed into the hash rather than
  // concatenated, so the personal value is never copied into unwiped heap memory.
  const std::array<uint8_t, 8> domain_len = U64BE(domain.size());
  const std::array<uint8_t, 8> value_len = U64BE(normalised_value.size());
  const Hash32 full =
      Blake2b256({domain_len, AsBytes(domain), value_len, AsBytes(normalised_value)}, key_.view());
  return Bytes(full.begin(), full.begin() + kBlindIndexBytes);
}

}  // namespace confide::crypto
