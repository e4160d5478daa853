// Base64 (RFC 4648, standard alphabet with padding), via libsodium. Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/bytes.h"
#include "confide/result.h"

namespace confide::crypto {

std::string Base64Encode(ByteView bytes);
// kInvalidArgument on any malformed input (bad characters, bad padding, trailing garbage).
Result<Bytes> Base64Decode(std::string_view text);

}  // namespace confide::crypto
