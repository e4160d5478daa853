// Strict UTF-8 decoding (RFC 3629), enough to count what a person would call characters in a
// password. Pure, thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace confide::auth {

// The number of Unicode code points in `text`, or nullopt if `text` is not valid UTF-8: overlong
// forms, UTF-16 surrogates (U+D800..U+DFFF), values above U+10FFFF, stray continuation bytes and
// truncated sequences are all invalid. A NUL byte is a valid code point.
std::optional<size_t> CountUtf8CodePoints(std::string_view text);

}  // namespace confide::auth
