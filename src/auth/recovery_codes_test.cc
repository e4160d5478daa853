#include "auth/recovery_codes.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace confide::auth {
namespace {

TEST(RecoveryCodesTest, TenCodesOfTheDocumentedShape) {
  const std::vector<std::string> codes = NewRecoveryCodes();
  ASSERT_EQ(codes.size(), 10u);
  for (const std::string& code : codes) {
    ASSERT_EQ(code.size(), 19u) << code;
    for (size_t i = 0; i < code.size(); ++i) {
      if (i % 5 == 4) {
        EXPECT_EQ(code[i], '-') << code;
      } else {
        EXPECT_NE(kRecoveryCodeAlphabet.find(code[i]), std::string_view::npos) << code;
      }
    }
    EXPECT_TRUE(LooksLikeRecoveryCode(code));
  }
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size());
}

TEST(RecoveryCodesTest, AlphabetHasNoAmbiguousCharacters) {
  EXPECT_EQ(kRecoveryCodeAlphabet.size(), 31u);
  for (char c : std::string_view("01oilOIL")) {
    EXPECT_EQ(kRecoveryCodeAlphabet.find(c), std::string_view::npos) << c;
  }
  EXPECT_EQ(std::set<char>(kRecoveryCodeAlphabet.begin(), kRecoveryCodeAlphabet.end()).size(), 31u);
}

TEST(RecoveryCodesTest, EveryCharacterIsUsed) {
  // 1,000 codes draw 16,000 characters: each of the 31 appears ~516 times; all must appear.
  std::map<char, int> counts;
  for (const std::string& code : NewRecoveryCodes(1000)) {
    for (char c : NormaliseRecoveryCode(code)) ++counts[c];
  }
  EXPECT_EQ(counts.size(), 31u);
  for (const auto& [c, n] : counts) EXPECT_GT(n, 300) << c;  // > 9 standard deviations below
}

TEST(RecoveryCodesTest, CountIsHonoured) {
  EXPECT_TRUE(NewRecoveryCodes(0).empty());
  EXPECT_EQ(NewRecoveryCodes(3).size(), 3u);
}

TEST(RecoveryCodesTest, NormaliseStripsSpacesAndDashesAndLowerCases) {
  EXPECT_EQ(NormaliseRecoveryCode("ABCD-efgh - 2345 6789"), "abcdefgh23456789");
  EXPECT_EQ(NormaliseRecoveryCode(""), "");
}

TEST(RecoveryCodesTest, LooksLikeRecoveryCodeChecksLengthAndAlphabet) {
  EXPECT_TRUE(LooksLikeRecoveryCode("abcd-efgh-jkmn-2345"));
  EXPECT_TRUE(LooksLikeRecoveryCode("ABCD EFGH JKMN 2345"));
  EXPECT_FALSE(LooksLikeRecoveryCode("abcd-efgh-jkmn-234"));
  EXPECT_FALSE(LooksLikeRecoveryCode("abcd-efgh-jkmn-23456"));
  EXPECT_FALSE(LooksLikeRecoveryCode("abcd-efgh-ijkl-2345"));  // i and l
  EXPECT_FALSE(LooksLikeRecoveryCode("abcd-efgh-jkmn-0345"));  // 0
  EXPECT_FALSE(LooksLikeRecoveryCode("abcd_efgh_jkmn_2345"));
}

TEST(RecoveryCodesTest, HashIgnoresFormattingButNotContent) {
  const crypto::Hash32 h = HashRecoveryCode("abcd-efgh-jkmn-2345");
  EXPECT_EQ(HashRecoveryCode("ABCDEFGHJKMN2345"), h);
  EXPECT_EQ(HashRecoveryCode(" abcd efgh jkmn 2345 "), h);
  EXPECT_NE(HashRecoveryCode("abcd-efgh-jkmn-2346"), h);
}

TEST(RecoveryCodesTest, HashIsDomainSeparated) {
  const crypto::Hash32 h = HashRecoveryCode("abcdefghjkmn2345");
  EXPECT_NE(h, crypto::Blake2b256({AsBytes("abcdefghjkmn2345")}));
  EXPECT_EQ(h, crypto::Blake2b256({AsBytes("confide recovery code v1:abcdefghjkmn2345")}));
}

}  // namespace
}  // namespace confide::auth
