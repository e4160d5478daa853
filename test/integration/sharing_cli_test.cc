// `confide sharing` through the real binary: the policy's decision for a request's facts, in JSON
// and in words; a policy file checked (the shipped one passes, a broken one names its line); bad
// requests refused with exit 4. No data directory is involved.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace confide::integration
