#include "domain/nhs_number.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "testing/test_util.h"

namespace confide::domain {
namespace {

TEST(NhsNumberTest, KnownValidNumbersParse) {
  ASSERT_OK_AND_ASSIGN(NhsNumber a, NhsNumber::Parse("9434765919"));
  EXPECT_EQ(a.digits(), "9434765919");
  ASSERT_OK_AND_ASSIGN(NhsNumber b, NhsNumber::Parse("4010232137"));
  EXPECT_EQ(b.digits(), "4010232137");
}

TEST(NhsNumberTest, SpacesAndHyphensInAnyGroupingAreIgnored) {
  for (const char* text : {"943 476 5919", "943-476-5919", " 9434765919 ", "94-34 76591 9", "9434765919--",
                           "9 4 3 4 7 6 5 9 1 9"}) {
    ASSERT_OK_AND_ASSIGN(NhsNumber n, NhsNumber::Parse(text));
    EXPECT_EQ(n.digits(), "9434765919") << text;
  }
}

TEST(NhsNumberTest, RemainderZeroGivesCheckDigitZero) {
  // 400000002 weighs to a multiple of 11, so 11 - 0 = 11, which is written as 0.
  EXPECT_OK(NhsNumber::Parse("4000000020"));
  EXPECT_EQ(NhsNumber::Parse("4000000021").status().code(), StatusCode::kInvalidArgument);
}

TEST(NhsNumberTest, WrongCheckDigitIsRejected) {
  Result<NhsNumber> r = NhsNumber::Parse("9434765918");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "NHS number check digit is wrong");
}

TEST(NhsNumberTest, PrefixWhoseCheckDigitWouldBeTenIsRejectedWhateverTheLastDigit) {
  // 400000008 weighs to 1 mod 11, so its check digit would be 10: no number starts with it.
  for (char last = '0'; last <= '9'; ++last) {
    const std::string text = std::string("400000008") + last;
    Result<NhsNumber> r = NhsNumber::Parse(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message(), "NHS number check digit is wrong");
  }
}

TEST(NhsNumberTest, WrongLengthIsRejected) {
  for (const char* text : {"", "   ", "943476591", "94347659190", "943 476 591", "94347659199999999999"}) {
    Result<NhsNumber> r = NhsNumber::Parse(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), "NHS number must have 10 digits");
  }
}

TEST(NhsNumberTest, LettersAndOtherSeparatorsAreRejected) {
  for (const char* text : {"943476591X", "A434765919", "943.476.5919", "943/476/5919", "943\t476\t5919",
                           "９４３４７６５９１９"}) {
    Result<NhsNumber> r = NhsNumber::Parse(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), "NHS number may contain only digits, spaces and hyphens");
  }
}

TEST(NhsNumberTest, ErrorMessagesNeverEchoTheInput) {
  for (const char* text : {"9434765918", "943476591", "943476591X"}) {
    Result<NhsNumber> r = NhsNumber::Parse(text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().ToString().find("943476"), std::string::npos) << r.status().ToString();
  }
}

TEST(NhsNumberTest, FormattedGroupsThreeThreeFour) {
  ASSERT_OK_AND_ASSIGN(NhsNumber n, NhsNumber::Parse("943-4765-919"));
  EXPECT_EQ(n.Formatted(), "943 476 5919");
  ASSERT_OK_AND_ASSIGN(NhsNumber again, NhsNumber::Parse(n.Formatted()));
  EXPECT_EQ(again, n);
}

TEST(NhsNumberTest, OnlyNumbersStartingNineNineNineAreTestRange) {
  ASSERT_OK_AND_ASSIGN(NhsNumber real, NhsNumber::Parse("9434765919"));
  EXPECT_FALSE(real.IsTestRange());
  ASSERT_OK_AND_ASSIGN(NhsNumber test, NhsNumber::Parse(GenerateTestNhsNumber(0)));
  EXPECT_TRUE(test.IsTestRange());
}

TEST(NhsNumberTest, EqualityAndOrderFollowTheDigits) {
  ASSERT_OK_AND_ASSIGN(NhsNumber a, NhsNumber::Parse("4010232137"));
  ASSERT_OK_AND_ASSIGN(NhsNumber b, NhsNumber::Parse("9434765919"));
  ASSERT_OK_AND_ASSIGN(NhsNumber b2, NhsNumber::Parse("943 476 5919"));
  EXPECT_LT(a, b);
  EXPECT_EQ(b, b2);
  EXPECT_NE(a, b);
}

TEST(GenerateTestNhsNumberTest, TenThousandSeedsGiveDistinctValidTestRangeNumbers) {
  std::set<std::string> seen;
  for (uint64_t seed = 0; seed < 10000; ++seed) {
    const std::string text = GenerateTestNhsNumber(seed);
    ASSERT_OK_AND_ASSIGN(NhsNumber n, NhsNumber::Parse(text));
    EXPECT_TRUE(n.IsTestRange()) << seed;
    EXPECT_EQ(n.digits(), text);
    seen.insert(text);
  }
  EXPECT_EQ(seen.size(), 10000u);
}

TEST(GenerateTestNhsNumberTest, IsDeterministicAndWrapsAfterNineHundredThousand) {
  EXPECT_EQ(GenerateTestNhsNumber(12345), GenerateTestNhsNumber(12345));
  EXPECT_NE(GenerateTestNhsNumber(12345), GenerateTestNhsNumber(12346));
  EXPECT_EQ(GenerateTestNhsNumber(899999 + 1), GenerateTestNhsNumber(0));
  ASSERT_OK_AND_ASSIGN(NhsNumber last, NhsNumber::Parse(GenerateTestNhsNumber(899999)));
  EXPECT_TRUE(last.digits().starts_with("99999999"));
  ASSERT_OK_AND_ASSIGN(NhsNumber huge, NhsNumber::Parse(GenerateTestNhsNumber(UINT64_MAX)));
  EXPECT_TRUE(huge.IsTestRange());
}

}  // namespace
}  // namespace confide::domain
