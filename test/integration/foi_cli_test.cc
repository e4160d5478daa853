// `confide foi` through the real binary: a request from receipt to a refusal under s.41, its
// clock moved by clarification and explained in words, the register and the grounds listed; bad
// input exits 4 and records nothing; the register is the DPO's alone; the requester's details are
// not readable in the database file.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cli/output.h"
#include "integration/integration_util.h"
#include "testing/test_util.h"

namespace confide::integration {
namespace {

class FoiCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = tmp_.Str("data");
    // Staff 2: a designated safeguarding lead; staff 3: the data protection officer.
    ASSERT_EQ(InitWithGovernanceStaff(data_, "Access Council"), "");
  }

  CliRun As(const std::string& staff, std::vector<std::string> args) {
    args.insert(args.begin(), {"--data", data_, "--as", staff});
    return RunConfide(args);
  }
  CliRun Dpo(std::vector<std::string> args) { return As("3", std::move(args)); }

  std::string Open() {
    CliRun opened = Dpo({"--json", "foi", "open", "--received", "2026-11-02", "--name", "Ottilie Vanterpool", "--contact",
                         "ottilie@example.net", "--request", "Spending on residential placements in 2025", "--channel", "email"});
    EXPECT_EQ(opened.exit_code, cli::kExitOk) << Describe(opened);
    if (opened.exit_code != cli::kExitOk) return "0";
    return std::to_string(nlohmann::json::parse(opened.out).at("id").get<int64_t>());
  }

  testing::TempDir tmp_;
  std::string data_;
};

TEST_F(FoiCliTest, FromReceiptToARefusalWithTheClockExplained) {
  const std::string id = Open();
  CliRun shown = Dpo({"foi", "show", id});
  ASSERT_EQ(shown.exit_code, cli::kExitOk) << Describe(shown);
  EXPECT_NE(shown.out.find("due: 2026-11-30"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("The 20th working day is Monday 30 November 2026"), std::string::npos) << shown.out;

  ASSERT_EQ(Dpo({"foi", "step", id, "--kind", "clarification_requested", "--on", "2026-11-03", "--note", "Which homes?"}).exit_code,
            cli::kExitOk);
  CliRun clarified = Dpo({"foi", "step", id, "--kind", "clarification_received", "--on", "2026-11-09"});
  ASSERT_EQ(clarified.exit_code, cli::kExitOk) << Describe(clarified);
  EXPECT_NE(clarified.out.find("due: 2026-12-07"), std::string::npos) << clarified.out;
  EXPECT_NE(clarified.out.find("Clarification arrived Monday 9 November 2026: day zero."), std::string::npos) << clarified.out;

  CliRun replied = Dpo({"--json", "foi", "step", id, "--kind", "responded", "--on", "2026-11-20", "--outcome", "refused", "--note",
                        "Refusal notice sent", "--exemption", "s41=the homes' inspection notes were given in confidence"});
  ASSERT_EQ(replied.exit_code, cli::kExitOk) << Describe(replied);
  const nlohmann::json c = nlohmann::json::parse(replied.out);
  EXPECT_EQ(c.at("state"), "responded");
  EXPECT_EQ(c.at("steps").back().at("exemptions").at(0).at("section"), "s.41");

  CliRun list = Dpo({"foi", "list", "--all"});
  ASSERT_EQ(list.exit_code, cli::kExitOk) << Describe(list);
  EXPECT_NE(list.out.find("answered 2026-11-20"), std::string::npos) << list.out;
  CliRun open_only = Dpo({"--json", "foi", "list"});
  ASSERT_EQ(open_only.exit_code, cli::kExitOk) << Describe(open_only);
  EXPECT_TRUE(nlohmann::json::parse(open_only.out).empty());
  CliRun grounds = Dpo({"foi", "exemptions"});
  ASSERT_EQ(grounds.exit_code, cli::kExitOk) << Describe(grounds);
  EXPECT_NE(grounds.out.find("s40_2"), std::string::npos) << grounds.out;
  EXPECT_NE(grounds.out.find("qualified"), std::string::npos) << grounds.out;

  // The requester and their words are sealed; the audit log still verifies.
  for (const char* suffix : {"/confide.db", "/confide.db-wal"}) {
    std::ifstream in(data_ + suffix, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find("Vanterpool"), std::string::npos) << suffix;
    EXPECT_EQ(bytes.find("residential placements"), std::string::npos) << suffix;
  }
  CliRun verify = As("3", {"audit", "verify"});
  EXPECT_EQ(verify.exit_code, cli::kExitOk) << Describe(verify);
}

TEST_F(FoiCliTest, BadInputExitsFourAndRecordsNothing) {
  CliRun no_name = Dpo({"foi", "open", "--received", "2026-11-02", "--name", " ", "--request", "x"});
  EXPECT_EQ(no_name.exit_code, cli::kExitInvalidInput) << Describe(no_name);
  CliRun bad_day = Dpo({"foi", "open", "--received", "2026-02-30", "--name", "A", "--request", "x"});
  EXPECT_EQ(bad_day.exit_code, cli::kExitInvalidInput) << Describe(bad_day);
  CliRun list = Dpo({"--json", "foi", "list", "--all"});
  ASSERT_EQ(list.exit_code, cli::kExitOk) << Describe(list);
  EXPECT_TRUE(nlohmann::json::parse(list.out).empty());

  const std::string id = Open();
  CliRun no_equals = Dpo({"foi", "step", id, "--kind", "responded", "--on", "2026-11-20", "--outcome", "refused", "--note", "n",
                          "--exemption", "s41"});
  EXPECT_EQ(no_equals.exit_code, cli::kExitInvalidInput) << Describe(no_equals);
  EXPECT_NE(no_equals.err.find("ID=REASON"), std::string::npos) << no_equals.err;
  CliRun qualified = Dpo({"foi", "step", id, "--kind", "responded", "--on", "2026-11-20", "--outcome", "refused", "--note", "n",
                          "--exemption", "s43=a contractor's prices"});
  EXPECT_EQ(qualified.exit_code, cli::kExitInvalidInput) << Describe(qualified);
  EXPECT_NE(qualified.err.find("public interest"), std::string::npos) << qualified.err;
  CliRun bad_kind = Dpo({"foi", "step", id, "--kind", "approved", "--on", "2026-11-20"});
  EXPECT_EQ(bad_kind.exit_code, cli::kExitInvalidInput) << Describe(bad_kind);
  CliRun shown = Dpo({"--json", "foi", "show", id});
  ASSERT_EQ(shown.exit_code, cli::kExitOk) << Describe(shown);
  EXPECT_TRUE(nlohmann::json::parse(shown.out).at("steps").empty());
  // A qualified exemption with its public interest test is accepted.
  CliRun weighed = Dpo({"foi", "step", id, "--kind", "responded", "--on", "2026-11-20", "--outcome", "refused", "--note", "n",
                        "--exemption", "s43=a contractor's prices|the contract is being retendered: disclosure now harms it"});
  EXPECT_EQ(weighed.exit_code, cli::kExitOk) << Describe(weighed);
}

TEST_F(FoiCliTest, OnlyTheDataProtectionOfficerKeepsTheRegister) {
  const std::string id = Open();
  EXPECT_EQ(As("2", {"foi", "list"}).exit_code, cli::kExitPermissionDenied);
  EXPECT_EQ(As("2", {"foi", "show", id}).exit_code, cli::kExitPermissionDenied);
  EXPECT_EQ(As("2", {"foi", "open", "--received", "2026-11-02", "--name", "A", "--request", "x"}).exit_code,
            cli::kExitPermissionDenied);
}

}  // namespace
}  // namespace confide::integration
