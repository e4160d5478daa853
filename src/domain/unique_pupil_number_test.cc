#include "domain/unique_pupil_number.h"

#include <gtest/gtest.h>

#include <string>

#include "testing/test_util.h"

namespace confide::domain {
namespace {

TEST(UniquePupilNumberTest, ValidPermanentUpnsParse) {
  // Worked by hand: 8*2 + 1*4 + 2*5 + 5*10 + 1*13 = 93 = 4*23 + 1, and index 1 is B.
  ASSERT_OK_AND_ASSIGN(UniquePupilNumber a, UniquePupilNumber::Parse("B801200005001"));
  EXPECT_EQ(a.value(), "B801200005001");
  EXPECT_FALSE(a.IsTemporary());
  // 2*2 + 7*4 + 1*9 + 6*10 + 4*12 + 9*13 = 266 = 11*23 + 13, and index 13 is P (I and O skipped).
  ASSERT_OK_AND_ASSIGN(UniquePupilNumber b, UniquePupilNumber::Parse("P207000016049"));
  EXPECT_EQ(b.value(), "P207000016049");
}

TEST(UniquePupilNumberTest, TemporaryUpnEndsInALetterThatCountsByItsPosition) {
  // Final A counts as 0.
  ASSERT_OK_AND_ASSIGN(UniquePupilNumber a, UniquePupilNumber::Parse("T93812345678A"));
  EXPECT_TRUE(a.IsTemporary());
  // Final Z counts as 22, the last position of the check alphabet.
  ASSERT_OK_AND_ASSIGN(UniquePupilNumber z, UniquePupilNumber::Parse("Y20700001604Z"));
  EXPECT_TRUE(z.IsTemporary());
}

TEST(UniquePupilNumberTest, LowerCaseAndSpacesAreAccepted) {
  ASSERT_OK_AND_ASSIGN(UniquePupilNumber u, UniquePupilNumber::Parse(" b801 2000 05001 "));
  EXPECT_EQ(u.value(), "B801200005001");
  ASSERT_OK_AND_ASSIGN(UniquePupilNumber t, UniquePupilNumber::Parse("t93812345678a"));
  EXPECT_EQ(t.value(), "T93812345678A");
  ASSERT_OK_AND_ASSIGN(UniquePupilNumber again, UniquePupilNumber::Parse("B801200005001"));
  EXPECT_EQ(u, again);
}

TEST(UniquePupilNumberTest, WrongCheckLetterIsRejected) {
  for (const char* text : {"A801200005001", "C801200005001", "Q207000016049", "T93812345678B"}) {
    Result<UniquePupilNumber> r = UniquePupilNumber::Parse(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), "UPN check letter is wrong") << text;
  }
}

TEST(UniquePupilNumberTest, WrongLengthIsRejected) {
  for (const char* text : {"", "    ", "B80120000500", "B8012000050011", "B801200005001B801200005001"}) {
    Result<UniquePupilNumber> r = UniquePupilNumber::Parse(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message(), "UPN must have 13 characters") << text;
  }
}

TEST(UniquePupilNumberTest, FirstCharacterMustBeACheckLetter) {
  for (const char* text : {"8801200005001", "I801200005001", "O801200005001", "S801200005001", "-801200005001", "~801200005001"}) {
    Result<UniquePupilNumber> r = UniquePupilNumber::Parse(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message(), "UPN must start with a check letter") << text;
  }
}

TEST(UniquePupilNumberTest, MiddleCharactersMustBeDigits) {
  for (const char* text : {"X80120000A001", "BA01200005001", "B8012000050A1", "B8012-0005001"}) {
    Result<UniquePupilNumber> r = UniquePupilNumber::Parse(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(UniquePupilNumber::Parse("X80120000A001").status().message(), "UPN characters 2 to 12 must be digits");
}

TEST(UniquePupilNumberTest, TemporaryUpnCannotEndInIOrSOrPunctuation) {
  for (const char* text : {"B80120000500I", "B80120000500O", "B80120000500S", "B80120000500-"}) {
    Result<UniquePupilNumber> r = UniquePupilNumber::Parse(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message(), "UPN must end with a digit or a letter other than I, O or S") << text;
  }
}

TEST(UniquePupilNumberTest, ErrorMessagesNeverEchoTheInput) {
  for (const char* text : {"A801200005001", "B80120000500", "X80120000A001"}) {
    const std::string s = UniquePupilNumber::Parse(text).status().ToString();
    EXPECT_EQ(s.find("80120000"), std::string::npos) << s;
  }
}

}  // namespace
}  // namespace confide::domain
