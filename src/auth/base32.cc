#include "auth/base32.h"

#include <cstdint>

namespace confide::auth {

std::string Base32(ByteView bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  uint32_t buffer = 0;  // at most 12 pending bits: 4 left over plus the next byte
  int bits = 0;
  for (uint8_t b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kAlphabet[(buffer >> bits) & 0x1F];
    }
    buffer &= (1u << bits) - 1;
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 0x1F];  // final bits, zero-filled
  return out;
}

}  // namespace confide::auth
