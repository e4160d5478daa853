#include "crypto/encoding.h"

#include <sodium.h>

namespace confide::crypto {

// libsodium's base64 runs in constant time for a given length, which matters because key files
// pass secret keys through it.
std::string Base64Encode(ByteView bytes) {
  const size_t encoded_len =
      sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(encoded_len, '\0');  // encoded_len counts the terminating NUL
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(encoded_len - 1);
  return out;
}

Result<Bytes> Base64Decode(std::string_view text) {
  // Four characters carry at most three bytes; the bound is exact for padded input.
  Bytes out((text.size() / 4 + 1) * 3);
  size_t decoded_len = 0;
  // `ignore` is null so no character is skipped (no whitespace, no line breaks), and `b64_end` is
  // null so libsodium itself fails if anything is left after the padding. It also rejects missing
  // or extra padding and non-zero unused bits, so every byte string has exactly one accepted text.
  const int rc = sodium_base642bin(out.data(), out.size(), text.data(), text.size(),
                                   /*ignore=*/nullptr, &decoded_len, /*b64_end=*/nullptr,
                                   sodium_base64_VARIANT_ORIGINAL);
  if (rc != 0) {
    // A rejected key file must not leave part of a key behind in freed memory.
    sodium_memzero(out.data(), out.size());
    return Status::InvalidArgument("malformed base64");
  }
  out.resize(decoded_len);
  return out;
}

}  // namespace confide::crypto
