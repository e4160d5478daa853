#include "auth/password_policy.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "testing/test_util.h"

namespace confide::auth {
namespace {

using ::confide::testing::SourceDir;
using ::confide::testing::TempDir;

const PasswordBlocklist& Shipped() {
  static const PasswordBlocklist list = [] {
    Result<PasswordBlocklist> r =
        PasswordBlocklist::Load((SourceDir() / "data/passwords/common-passwords.txt").string());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : PasswordBlocklist::FromEntries({});
  }();
  return list;
}

StatusCode Check(std::string_view password, const std::vector<std::string>& context = {}) {
  return CheckNewPassword(password, Shipped(), context).code();
}

TEST(PasswordBlocklistTest, ShippedListLoadsWithoutComments) {
  // John the Ripper's 3,546 entries are 3,410 once case is ignored and its one blank entry (the
  // empty password, which the length rule refuses) is skipped; Confide adds 119.
  EXPECT_EQ(Shipped().size(), 3410u + 119u);
  EXPECT_FALSE(Shipped().Contains("#!comment:"));
  EXPECT_TRUE(Shipped().Contains("123456"));
  EXPECT_TRUE(Shipped().Contains("liverpool1"));  // a Confide addition
  EXPECT_TRUE(Shipped().Contains("summer2024"));
}

TEST(PasswordBlocklistTest, ComparesIgnoringCaseAndSurroundingSpace) {
  EXPECT_TRUE(Shipped().Contains("password1"));
  EXPECT_TRUE(Shipped().Contains("Password1"));
  EXPECT_TRUE(Shipped().Contains("PASSWORD1"));
  EXPECT_TRUE(Shipped().Contains(" password1\t"));
  EXPECT_FALSE(Shipped().Contains("pass word1"));
}

TEST(PasswordBlocklistTest, LoadSkipsCommentsAndBlankLinesAndTrims) {
  TempDir dir;
  {
    std::ofstream out(dir.Str("list.txt"), std::ios::binary);
    out << "#!comment: header\n# plain comment\n\n  Hunter2  \r\nsecret\n#notapassword\n   \nlast";
  }
  ASSERT_OK_AND_ASSIGN(PasswordBlocklist list, PasswordBlocklist::Load(dir.Str("list.txt")));
  EXPECT_EQ(list.size(), 3u);
  EXPECT_TRUE(list.Contains("hunter2"));
  EXPECT_TRUE(list.Contains("SECRET"));
  EXPECT_TRUE(list.Contains("last"));  // no final newline
  EXPECT_FALSE(list.Contains("#notapassword"));
  EXPECT_FALSE(list.Contains(""));
}

TEST(PasswordBlocklistTest, FromTextMatchesLoad) {
  const PasswordBlocklist list =
      PasswordBlocklist::FromText("#!comment: x\r\nabc\r\n\n Def \nlast");
  EXPECT_EQ(list.size(), 3u);
  EXPECT_TRUE(list.Contains("ABC"));
  EXPECT_TRUE(list.Contains("def"));
  EXPECT_TRUE(list.Contains("last"));
  const std::string shipped =
      ::confide::testing::ReadFileForTest(SourceDir() / "data/passwords/common-passwords.txt");
  EXPECT_EQ(PasswordBlocklist::FromText(shipped).size(), Shipped().size());
  EXPECT_EQ(PasswordBlocklist::FromText("").size(), 0u);
}

TEST(PasswordBlocklistTest, FromEntriesAppliesTheSameRules) {
  const PasswordBlocklist list = PasswordBlocklist::FromEntries({"# comment", "  Hunter2 ", ""});
  EXPECT_EQ(list.size(), 1u);
  EXPECT_TRUE(list.Contains("HUNTER2"));
}

TEST(PasswordBlocklistTest, MissingFileIsNotFound) {
  TempDir dir;
  EXPECT_EQ(PasswordBlocklist::Load(dir.Str("absent.txt")).status().code(), StatusCode::kNotFound);
}

TEST(CheckNewPasswordTest, CommonPasswordsRefusedIgnoringCase) {
  const Status s = CheckNewPassword("password1", Shipped(), {});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("too common"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("password1"), std::string::npos)
      << "message must not echo the password";
  EXPECT_EQ(Check("Password1"), StatusCode::kInvalidArgument);
  EXPECT_EQ(Check("PASSWORD1"), StatusCode::kInvalidArgument);
  EXPECT_EQ(Check("Liverpool1"), StatusCode::kInvalidArgument);
  EXPECT_EQ(Check("qwerty123"), StatusCode::kInvalidArgument);
}

TEST(CheckNewPasswordTest, LengthCountsCodePoints) {
  EXPECT_EQ(Check("tQ7#vz!"), StatusCode::kInvalidArgument);  // 7
  EXPECT_OK(CheckNewPassword("tQ7#vz!k", Shipped(), {}));     // 8
  const Status s = CheckNewPassword("tQ7#vz!", Shipped(), {});
  EXPECT_EQ(s.message(), "The password must be at least 8 characters.");
  // Seven 2-byte characters are 14 bytes but 7 characters: refused. Eight are accepted.
  EXPECT_EQ(Check("\u00e9\u00e8\u00ea\u00eb\u00e0\u00e2\u00e4"), StatusCode::kInvalidArgument);
  EXPECT_OK(CheckNewPassword("\u00e9\u00e8\u00ea\u00eb\u00e0\u00e2\u00e4\u00e7", Shipped(), {}));
  // Two emoji are 8 bytes but 2 characters.
  EXPECT_EQ(Check("\U0001F511\U0001F512"), StatusCode::kInvalidArgument);
  EXPECT_OK(CheckNewPassword("\U0001F511\U0001F512\U0001F513\U0001F510 tea", Shipped(), {}));
}

TEST(CheckNewPasswordTest, MaximumLength) {
  std::string p128;
  for (int i = 0; i < 128; ++i) p128 += static_cast<char>('a' + (i * 7) % 26);
  EXPECT_OK(CheckNewPassword(p128, Shipped(), {}));
  EXPECT_EQ(Check(p128 + "x"), StatusCode::kInvalidArgument);
  // 128 three-byte characters (384 bytes) are still 128 characters.
  std::string euros;
  for (int i = 0; i < 128; ++i) euros += "\u20ac";
  EXPECT_OK(CheckNewPassword(euros, Shipped(), {}));
}

TEST(CheckNewPasswordTest, NoCompositionRules) {
  EXPECT_OK(CheckNewPassword("correct horse battery staple", Shipped(), {}));
  EXPECT_OK(CheckNewPassword("allowercaseletters", Shipped(), {}));
  EXPECT_OK(CheckNewPassword("        ", Shipped(), {}));  // eight spaces: length is what counts
}

TEST(CheckNewPasswordTest, InvalidUtf8Refused) {
  const Status s = CheckNewPassword("abcdefgh\xff", Shipped(), {});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Check("abc\xc0\xafzzzzzz"), StatusCode::kInvalidArgument);
  EXPECT_EQ(Check("abcdefg\xed\xa0\x80"), StatusCode::kInvalidArgument);
}

TEST(CheckNewPasswordTest, ServiceNameAlwaysRefused) {
  EXPECT_EQ(Check("confide"), StatusCode::kInvalidArgument);
  EXPECT_EQ(Check("MyConfide2025"), StatusCode::kInvalidArgument);
  EXPECT_EQ(Check("CONFIDEconfide"), StatusCode::kInvalidArgument);
}

TEST(CheckNewPasswordTest, ContextWordsRefusedIgnoringCase) {
  const std::vector<std::string> context =
      PasswordContextWords("Northshire County Council", "jane.smithson@northshire.gov.uk");
  const Status s = CheckNewPassword("northshire-rocks", Shipped(), context);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message().find("northshire"), std::string::npos) << "message must not echo the word";
  EXPECT_EQ(Check("NorthShire2025!", context), StatusCode::kInvalidArgument);
  EXPECT_EQ(Check("jane.smithson", context), StatusCode::kInvalidArgument);    // equal
  EXPECT_EQ(Check("Smithson-family", context), StatusCode::kInvalidArgument);  // part of local part
  EXPECT_EQ(Check("janejanejane", context), StatusCode::kInvalidArgument);
  EXPECT_OK(CheckNewPassword("northern shire", Shipped(), context));
  // The mail domain is not a context word (only the local part), and short words are ignored.
  EXPECT_OK(CheckNewPassword("gov.uk is where I work", Shipped(),
                             PasswordContextWords("St Al", "al@x.gov.uk")));
}

TEST(CheckNewPasswordTest, ShortContextWordsIgnored) {
  EXPECT_OK(CheckNewPassword("ann went to the sea", Shipped(), {"ann", "sea"}));
  EXPECT_EQ(Check("anne went to the sea", {"anne"}), StatusCode::kInvalidArgument);
  // Four characters counted as code points: "zoë" is 3 characters (4 bytes), so it is ignored.
  EXPECT_OK(CheckNewPassword("zo\u00eb went to the sea", Shipped(), {"zo\u00eb"}));
}

TEST(PasswordContextWordsTest, SplitsOrganisationAndLocalPart) {
  const std::vector<std::string> words =
      PasswordContextWords("St Mary's Nursery", "first.last+tag@example.org");
  const std::vector<std::string> expected = {"St Mary's Nursery", "St",    "Mary", "s",  "Nursery",
                                             "first.last+tag",    "first", "last", "tag"};
  EXPECT_EQ(words, expected);
  EXPECT_TRUE(PasswordContextWords("", "").empty());
}

}  // namespace
}  // namespace confide::auth
