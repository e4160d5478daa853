#include "auth/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace confide::auth {
namespace {

TEST(Utf8Test, CountsCodePointsNotBytes) {
  EXPECT_EQ(CountUtf8CodePoints(""), 0u);
  EXPECT_EQ(CountUtf8CodePoints("abc"), 3u);
  EXPECT_EQ(CountUtf8CodePoints("\u00e9"), 1u);      // 2 bytes
  EXPECT_EQ(CountUtf8CodePoints("\u20ac"), 1u);      // 3 bytes
  EXPECT_EQ(CountUtf8CodePoints("\U0001F511"), 1u);  // 4 bytes
  EXPECT_EQ(CountUtf8CodePoints("a\u00e9\u20ac\U0001F511"), 4u);
  EXPECT_EQ(CountUtf8CodePoints(std::string("a\0b", 3)), 3u);
}

TEST(Utf8Test, BoundaryCodePointsAccepted) {
  EXPECT_EQ(CountUtf8CodePoints("\x7f"), 1u);
  EXPECT_EQ(CountUtf8CodePoints("\xc2\x80"), 1u);          // U+0080
  EXPECT_EQ(CountUtf8CodePoints("\xe0\xa0\x80"), 1u);      // U+0800
  EXPECT_EQ(CountUtf8CodePoints("\xed\x9f\xbf"), 1u);      // U+D7FF
  EXPECT_EQ(CountUtf8CodePoints("\xee\x80\x80"), 1u);      // U+E000
  EXPECT_EQ(CountUtf8CodePoints("\xf0\x90\x80\x80"), 1u);  // U+10000
  EXPECT_EQ(CountUtf8CodePoints("\xf4\x8f\xbf\xbf"), 1u);  // U+10FFFF
}

TEST(Utf8Test, InvalidSequencesRefused) {
  for (const char* bad : {
           "\x80",              // stray continuation byte
           "\xbf",              // stray continuation byte
           "\xc3",              // truncated 2-byte sequence
           "\xe2\x82",          // truncated 3-byte sequence
           "\xf0\x9f\x94",      // truncated 4-byte sequence
           "\xc3\x28",          // bad continuation
           "\xc0\xaf",          // overlong '/'
           "\xc1\xbf",          // overlong
           "\xe0\x80\xaf",      // overlong
           "\xf0\x80\x80\xaf",  // overlong
           "\xed\xa0\x80",      // surrogate U+D800
           "\xed\xbf\xbf",      // surrogate U+DFFF
           "\xf4\x90\x80\x80",  // U+110000
           "\xf8\x88\x80\x80\x80", "\xff",
           "abc\xe9xyz",  // Latin-1, not UTF-8
       }) {
    EXPECT_FALSE(CountUtf8CodePoints(bad).has_value())
        << ::testing::PrintToString(std::string(bad));
  }
}

}  // namespace
}  // namespace confide::auth
