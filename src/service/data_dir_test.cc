// The data directory's configuration (confide.toml) and the sharing policy it puts in force:
// [sharing] policy_file relative to the data directory or absolute; without it
// DATA/sharing-policy.toml if it exists, else the shipped default; a file that does not validate
// is refused with its name and line, and a configured file that is missing is never replaced by
// the default.
#include "service/data_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "service/sharing_policy_file.h"
#include "testing/test_util.h"

namespace confide::service {
namespace {

constexpr const char* kSmallPolicy = R"([policy]
name = "Little Acorns sharing policy"
version = "3"
no_basis_says = "no basis"
nothing_needed_says = "nothing needed"
withheld_says = "withheld"
escalate_says = "escalate"
approval_follows_says = "afterwards"

[[category]]
id = "identity"
says = "who"

[[purpose]]
id = "care_and_support"
says = "care"
categories = ["identity"]
)";

class DataDirTest : public ::testing::Test {
 protected:
  void SetUp() override { std::filesystem::create_directories(data_); }
  void Write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(data_ + "/" + name).parent_path());
    std::ofstream(data_ + "/" + name, std::ios::trunc) << text;
  }

  confide::testing::TempDir dir_;
  const std::string data_ = dir_.Str("data");
};

TEST_F(DataDirTest, WithoutAConfigurationTheSharingPolicyIsTheShippedDefault) {
  ASSERT_OK_AND_ASSIGN(DataDirConfig cfg, LoadDataDirConfig(data_));
  EXPECT_EQ(cfg.sharing_policy_path, "");
  EXPECT_EQ(SharingPolicyFileInForce(cfg), "");
  ASSERT_OK_AND_ASSIGN(sharing::SharingPolicy p, LoadSharingPolicy(cfg));
  EXPECT_EQ(p.name(), sharing::SharingPolicy::Default().name());
}

TEST_F(DataDirTest, ASharingPolicyFileInTheDataDirectoryIsInForceWithoutASetting) {
  Write("sharing-policy.toml", kSmallPolicy);
  ASSERT_OK_AND_ASSIGN(DataDirConfig cfg, LoadDataDirConfig(data_));
  EXPECT_EQ(SharingPolicyFileInForce(cfg), data_ + "/sharing-policy.toml");
  ASSERT_OK_AND_ASSIGN(sharing::SharingPolicy p, LoadSharingPolicy(cfg));
  EXPECT_EQ(p.name(), "Little Acorns sharing policy");
  EXPECT_EQ(p.version(), "3");
}

TEST_F(DataDirTest, ThePolicyFileSettingIsRelativeToTheDataDirectoryOrAbsolute) {
  Write("confide.toml", "[sharing]\npolicy_file = \"policies/sharing.toml\"\n");
  Write("policies/sharing.toml", kSmallPolicy);
  Write("sharing-policy.toml", "not read: the setting wins");
  ASSERT_OK_AND_ASSIGN(DataDirConfig cfg, LoadDataDirConfig(data_));
  EXPECT_EQ(cfg.sharing_policy_path, data_ + "/policies/sharing.toml");
  ASSERT_OK_AND_ASSIGN(sharing::SharingPolicy p, LoadSharingPolicy(cfg));
  EXPECT_EQ(p.name(), "Little Acorns sharing policy");

  const std::string elsewhere = dir_.Str("elsewhere.toml");
  std::ofstream(elsewhere) << kSmallPolicy;
  Write("confide.toml", "[sharing]\npolicy_file = \"" + elsewhere + "\"\n");
  ASSERT_OK_AND_ASSIGN(cfg, LoadDataDirConfig(data_));
  EXPECT_EQ(cfg.sharing_policy_path, elsewhere);
}

TEST_F(DataDirTest, MistakesInTheSharingSectionAreRefused) {
  Write("confide.toml", "[sharing]\npolicy = \"sharing.toml\"\n");
  auto typo = LoadDataDirConfig(data_);
  EXPECT_EQ(typo.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(typo.status().message().find("sharing.policy"), std::string::npos) << typo.status().message();

  Write("confide.toml", "[sharing]\npolicy_file = \"\"\n");
  EXPECT_EQ(LoadDataDirConfig(data_).status().code(), StatusCode::kInvalidArgument);
  Write("confide.toml", "[sharing]\npolicy_file = 7\n");
  EXPECT_EQ(LoadDataDirConfig(data_).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(DataDirTest, AConfiguredPolicyThatIsMissingIsNeverReplacedByTheDefault) {
  Write("confide.toml", "[sharing]\npolicy_file = \"gone.toml\"\n");
  ASSERT_OK_AND_ASSIGN(DataDirConfig cfg, LoadDataDirConfig(data_));
  auto p = LoadSharingPolicy(cfg);
  EXPECT_EQ(p.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(p.status().message().find(data_ + "/gone.toml"), std::string::npos) << p.status().message();
}

TEST_F(DataDirTest, APolicyThatDoesNotValidateIsRefusedWithItsFileAndLine) {
  // A rule for a purpose this policy does not have.
  const std::string text =
      std::string(kSmallPolicy) + "\n[[rule]]\nid = \"r\"\nsays = \"s\"\nwhen.purpose = [\"safeguarding\"]\nbasis = \"public_task\"\n";
  const std::string before = text.substr(0, text.find("when.purpose"));
  const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  Write("sharing-policy.toml", text);
  ASSERT_OK_AND_ASSIGN(DataDirConfig cfg, LoadDataDirConfig(data_));
  auto p = LoadSharingPolicy(cfg);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(p.status().message().find(data_ + "/sharing-policy.toml:" + std::to_string(line) + ":"), std::string::npos) << p.status().message();
  EXPECT_NE(p.status().message().find("does not validate"), std::string::npos) << p.status().message();
}

TEST_F(DataDirTest, TheDefaultConfigurationNamesTheSharingPolicyAndInitsCopyIsTheShippedOne) {
  ASSERT_OK(WriteDefaultConfig(data_));
  ASSERT_OK(WriteDefaultSharingPolicy(data_));
  ASSERT_OK_AND_ASSIGN(DataDirConfig cfg, LoadDataDirConfig(data_));
  EXPECT_EQ(cfg.sharing_policy_path, data_ + "/sharing-policy.toml");
  EXPECT_EQ(confide::testing::ReadFileForTest(cfg.sharing_policy_path), std::string(sharing::DefaultSharingPolicyToml()));
  // Never overwrites the organisation's own.
  Write("sharing-policy.toml", kSmallPolicy);
  ASSERT_OK(WriteDefaultSharingPolicy(data_));
  ASSERT_OK_AND_ASSIGN(sharing::SharingPolicy p, LoadSharingPolicy(cfg));
  EXPECT_EQ(p.name(), "Little Acorns sharing policy");
}

}  // namespace
}  // namespace confide::service
