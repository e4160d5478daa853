// `confide sharing` through the real binary: the policy's decision for a request's facts, in JSON
// and in words; a policy file checked (the shipped one passes, a broken one names its line); bad
// requests refused with exit 4. With --data, the policy in force in that data directory.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/output.h"
#include "integration/integration_util.h"

namespace confide::integration {
namespace {

class SharingCliTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_.Str(name);
    std::ofstream(path) << text;
    return path;
  }
  testing::TempDir dir_;
};

TEST_F(SharingCliTest, DecidesARequestAndSaysWhy) {
  const std::string referral = Write("referral.json", nlohmann::json{{"direction", "outgoing"},
                                                                     {"recipient", "childrens_social_care"},
                                                                     {"purpose", "safeguarding"},
                                                                     {"categories", {"identity", "address", "third_party_identities"}},
                                                                     {"channel", "portal"},
                                                                     {"significant_harm", true},
                                                                     {"consent_would_increase_risk", true}}
                                                          .dump());
  CliRun json = RunConfide({"--json", "sharing", "decide", "--input", referral});
  ASSERT_EQ(json.exit_code, cli::kExitOk) << Describe(json);
  const nlohmann::json d = nlohmann::json::parse(json.out);
  EXPECT_EQ(d["outcome"], "escalate") << "the designated person has not backed it yet";
  EXPECT_EQ(d["basis"], "safeguarding");
  EXPECT_EQ(d["approvals_missing"], nlohmann::json::array({"designated_person"}));
  EXPECT_EQ(d["withheld"], nlohmann::json::array({"third_party_identities"}));
  EXPECT_EQ(d["seek_consent"], false);

  CliRun words = RunConfide({"sharing", "decide", "--input", referral});
  ASSERT_EQ(words.exit_code, cli::kExitOk) << Describe(words);
  EXPECT_NE(words.out.find("Outcome: escalate"), std::string::npos) << words.out;
  EXPECT_NE(words.out.find("[safeguarding-overrides-confidentiality]"), std::string::npos) << words.out;

  const std::string press = Write("press.json", R"({"recipient": "press", "purpose": "media_enquiry", "categories": ["identity"]})");
  CliRun redirect = RunConfide({"--json", "sharing", "decide", "--input", press});
  ASSERT_EQ(redirect.exit_code, cli::kExitOk) << Describe(redirect);
  EXPECT_EQ(nlohmann::json::parse(redirect.out)["redirect_to"], "press_office");

  const std::string bad = Write("bad.json", R"({"recipient": "journalist", "purpose": "media_enquiry", "categories": ["identity"]})");
  CliRun refused = RunConfide({"sharing", "decide", "--input", bad});
  EXPECT_EQ(refused.exit_code, cli::kExitInvalidInput) << Describe(refused);
  EXPECT_NE(refused.err.find("recipient"), std::string::npos) << Describe(refused);
}

TEST_F(SharingCliTest, ChecksPolicyFiles) {
  CliRun shipped = RunConfide({"sharing", "check-policy", testing::SourceDir().string() + "/config/policy/sharing-policy.toml"});
  EXPECT_EQ(shipped.exit_code, cli::kExitOk) << Describe(shipped);
  EXPECT_NE(shipped.out.find("no problems"), std::string::npos) << shipped.out;
  const std::string broken = Write("broken.toml", "[policy]\nname = \"x\"\nversion = \"1\"\n\n[[rule]]\nid = \"r\"\nsays = \"s\"\nbasis = \"vibes\"\n");
  CliRun bad = RunConfide({"sharing", "check-policy", broken});
  EXPECT_EQ(bad.exit_code, cli::kExitInvalidInput) << Describe(bad);
  EXPECT_NE(bad.err.find("broken.toml:8"), std::string::npos) << Describe(bad);
  CliRun missing = RunConfide({"sharing", "check-policy", dir_.Str("none.toml")});
  EXPECT_EQ(missing.exit_code, cli::kExitNotFound) << Describe(missing);
}

TEST_F(SharingCliTest, WithADataDirectoryThePolicyInForceThereIsCheckedAndDecides) {
  const std::string data = dir_.Str("data");
  std::filesystem::create_directories(data);
  const std::string own = R"([policy]
name = "Little Acorns sharing policy"
version = "4"
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

[[rule]]
id = "little-acorns-asks-parents-first"
says = "We ask the parents before sharing for care and support"
when.purpose = ["care_and_support"]
decide = "decline"
)";
  Write("data/sharing-policy.toml", own);

  CliRun check = RunConfide({"--data", data, "sharing", "check-policy"});
  ASSERT_EQ(check.exit_code, cli::kExitOk) << Describe(check);
  EXPECT_NE(check.out.find(data + "/sharing-policy.toml: Little Acorns sharing policy (version 4)"), std::string::npos) << check.out;

  const std::string facts = Write("facts.json", R"({"recipient": "health", "purpose": "care_and_support", "categories": ["identity"]})");
  CliRun decided = RunConfide({"--json", "--data", data, "sharing", "decide", "--input", facts});
  ASSERT_EQ(decided.exit_code, cli::kExitOk) << Describe(decided);
  const nlohmann::json d = nlohmann::json::parse(decided.out);
  EXPECT_EQ(d["outcome"], "decline");
  EXPECT_EQ(d["policy"]["version"], "4");
  // --policy still overrides the data directory's.
  CliRun shipped = RunConfide({"--json", "--data", data, "sharing", "decide", "--input", facts, "--policy",
                               testing::SourceDir().string() + "/config/policy/sharing-policy.toml"});
  ASSERT_EQ(shipped.exit_code, cli::kExitOk) << Describe(shipped);
  EXPECT_NE(nlohmann::json::parse(shipped.out)["policy"]["name"], "Little Acorns sharing policy");

  Write("data/sharing-policy.toml", own + "alert = [\"everyone\"]\n");
  CliRun broken = RunConfide({"--data", data, "sharing", "check-policy"});
  EXPECT_EQ(broken.exit_code, cli::kExitInvalidInput) << Describe(broken);
  const auto alert_line = 1 + std::count(own.begin(), own.end(), '\n');
  EXPECT_NE(broken.err.find(data + "/sharing-policy.toml:" + std::to_string(alert_line) + ":"), std::string::npos) << Describe(broken);
}

}  // namespace
}  // namespace confide::integration
