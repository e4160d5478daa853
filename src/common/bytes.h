// Byte strings and their text encodings (hex). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "confide/result.h"

namespace confide {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

inline ByteView AsBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline std::string_view AsChars(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

std::string HexEncode(ByteView bytes);
// Accepts upper or lower case; rejects odd length and non-hex characters.
Result<Bytes> HexDecode(std::string_view hex);

// Big-endian fixed-width integers, for canonical (signed, hashed) encodings.
void AppendU64BE(Bytes& out, uint64_t v);
void AppendU32BE(Bytes& out, uint32_t v);
// Appends a 4-byte big-endian length and then the bytes: unambiguous concatenation.
void AppendLengthPrefixed(Bytes& out, ByteView field);
inline void AppendLengthPrefixed(Bytes& out, std::string_view field) { AppendLengthPrefixed(out, AsBytes(field)); }

// Reads the encodings above from a cursor; each returns false (cursor unchanged is not promised)
// when the input is too short.
class ByteReader {
 public:
  explicit ByteReader(ByteView data) : data_(data) {}
  bool ReadU64BE(uint64_t& v);
  bool ReadU32BE(uint32_t& v);
  bool ReadU8(uint8_t& v);
  bool ReadBytes(size_t n, ByteView& out);
  bool ReadLengthPrefixed(ByteView& out);
  bool AtEnd() const { return pos_ == data_.size(); }
  size_t remaining() const { return data_.size() - pos_; }

 private:
  ByteView data_;
  size_t pos_ = 0;
};

}  // namespace confide
