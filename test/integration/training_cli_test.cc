// `confide training` and `confide confidentiality-policy` through the real binary: the catalogue
// from the governance policy; a course it does not know refused (exit 4, nothing recorded); a
// completion without an expiry lapsing after the course's refresher interval; the report, overdue
// first; a confidentiality policy whose time to acknowledge has passed closing the gate for the
// designated safeguarding lead until they acknowledge the text they were shown.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/output.h"
#include "domain/civil_date.h"
#include "integration/integration_util.h"
#include "testing/test_util.h"

namespace confide::integration {
namespace {

using nlohmann::json;

class TrainingCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = tmp_.Str("data");
    // Staff 2: a designated safeguarding lead; staff 3: the data protection officer.
    ASSERT_EQ(InitWithGovernanceStaff(data_, "Training Council"), "");
  }

  CliRun As(const std::string& staff, std::vector<std::string> args) {
    args.insert(args.begin(), {"--data", data_, "--as", staff});
    return RunConfide(args);
  }

  size_t Rows(const std::string& table) {
    auto db = RawDb::Open(data_ + "/confide.db", /*read_only=*/true);
    return db ? static_cast<size_t>(db->Int("SELECT COUNT(*) FROM " + table)) : 0;
  }

  confide::testing::TempDir tmp_;
  std::string data_;
};

TEST_F(TrainingCliTest, CoursesComeFromTheGovernancePolicyAndTakeTheirRefresherInterval) {
  CliRun courses = As("1", {"--json", "training", "courses"});
  ASSERT_EQ(courses.exit_code, cli::kExitOk) << Describe(courses);
  const json c = json::parse(courses.out);
  ASSERT_EQ(c.size(), 5u);
  EXPECT_EQ(c.at(2).at("id"), "safeguarding");
  EXPECT_EQ(c.at(2).at("refresher_months"), 36);
  CliRun words = As("1", {"training", "courses"});
  EXPECT_NE(words.out.find("36 months"), std::string::npos) << words.out;
  EXPECT_NE(words.out.find("everyone"), std::string::npos) << words.out;

  const size_t before = Rows("training_records");
  CliRun unknown = As("1", {"training", "add", "--staff", "2", "--course", "first_aid", "--completed", DaysAgo(3)});
  EXPECT_EQ(unknown.exit_code, cli::kExitInvalidInput) << Describe(unknown);
  EXPECT_NE(unknown.err.find("no course named first_aid"), std::string::npos) << unknown.err;
  EXPECT_EQ(Rows("training_records"), before);

  const std::string completed = DaysAgo(30);
  CliRun added = As("1", {"training", "add", "--staff", "2", "--course", "safeguarding", "--completed", completed});
  ASSERT_EQ(added.exit_code, cli::kExitOk) << Describe(added);
  CliRun listed = As("1", {"--json", "training", "list", "--staff", "2"});
  ASSERT_EQ(listed.exit_code, cli::kExitOk) << Describe(listed);
  const json rows = json::parse(listed.out);
  ASSERT_EQ(rows.size(), 2u);
  const domain::CivilDate done = domain::CivilDate::Parse(completed).value();
  // Three years on, at the start of the UK day: the date shows in the UTC text (GMT or BST).
  const std::string expires = rows.at(1).at("expires");
  const domain::CivilDate due = domain::AddMonths(done, 36);
  EXPECT_TRUE(expires.find(due.ToIso()) != std::string::npos || expires.find(domain::AddDays(due, -1).ToIso()) != std::string::npos)
      << expires;
}

TEST_F(TrainingCliTest, TheReportListsThoseOverdueFirst) {
  CliRun report = As("1", {"--json", "training", "report"});
  ASSERT_EQ(report.exit_code, cli::kExitOk) << Describe(report);
  const json r = json::parse(report.out);
  EXPECT_TRUE(r.at("policy").is_null());
  ASSERT_EQ(r.at("staff").size(), 3u);
  // Only confidentiality is recorded: induction and the rest are missing for all three.
  for (const json& s : r.at("staff")) EXPECT_TRUE(s.at("overdue").get<bool>()) << s.dump();
  CliRun words = As("1", {"training", "report", "--overdue"});
  ASSERT_EQ(words.exit_code, cli::kExitOk) << Describe(words);
  EXPECT_NE(words.out.find("No confidentiality policy is set"), std::string::npos) << words.out;
  EXPECT_NE(words.out.find("induction missing"), std::string::npos) << words.out;
  CliRun standing = As("2", {"training", "standing", "--staff", "2"});
  ASSERT_EQ(standing.exit_code, cli::kExitOk) << Describe(standing);
  EXPECT_NE(standing.out.find("the access gate sees training current"), std::string::npos) << standing.out;
}

TEST_F(TrainingCliTest, AnOverdueAcknowledgementClosesTheGateUntilTheTextShownIsAcknowledged) {
  {
    // In force from 40 days ago with 10 days to acknowledge: the time is over.
    std::ofstream out(data_ + "/governance-policy.toml", std::ios::app);
    out << "\n[confidentiality_policy]\nversion = \"v3\"\ntitle = \"Confidentiality policy\"\nin_force_from = \""
        << DaysAgo(40) << "\"\nacknowledge_within_days = 10\ntext = \"Share only what a child's safety needs.\"\n";
  }
  CliRun closed = As("2", {"person", "find", "--family", "Nobody", "--dob", "2015-01-01"});
  EXPECT_EQ(closed.exit_code, cli::kExitPermissionDenied) << Describe(closed);
  EXPECT_NE(closed.err.find("training"), std::string::npos) << closed.err;

  CliRun shown = As("2", {"--json", "confidentiality-policy", "show"});
  ASSERT_EQ(shown.exit_code, cli::kExitOk) << Describe(shown);
  const json policy = json::parse(shown.out);
  EXPECT_EQ(policy.at("text"), "Share only what a child's safety needs.");
  const std::string digest = policy.at("digest");
  CliRun text = As("2", {"confidentiality-policy", "show"});
  EXPECT_NE(text.out.find("Version v3"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(digest), std::string::npos) << text.out;

  CliRun stale = As("2", {"confidentiality-policy", "acknowledge", "--version", "v2", "--digest", digest});
  EXPECT_EQ(stale.exit_code, cli::kExitPrecondition) << Describe(stale);
  EXPECT_EQ(Rows("policy_acknowledgements"), 0u);

  CliRun ack = As("2", {"confidentiality-policy", "acknowledge", "--version", "v3", "--digest", digest});
  ASSERT_EQ(ack.exit_code, cli::kExitOk) << Describe(ack);
  EXPECT_NE(ack.out.find("Acknowledged version v3"), std::string::npos) << ack.out;
  EXPECT_EQ(Rows("policy_acknowledgements"), 1u);
  CliRun open = As("2", {"person", "find", "--family", "Nobody", "--dob", "2015-01-01"});
  EXPECT_EQ(open.exit_code, cli::kExitOk) << Describe(open);

  CliRun report = As("1", {"--json", "training", "report"});
  ASSERT_EQ(report.exit_code, cli::kExitOk) << Describe(report);
  const json r = json::parse(report.out);
  EXPECT_EQ(r.at("policy").at("version"), "v3");
  for (const json& s : r.at("staff")) {
    const bool dsl = s.at("staff").at("id") == 2;
    EXPECT_EQ(s.at("acknowledgement").at("state"), dsl ? "acknowledged" : "overdue") << s.dump();
    EXPECT_EQ(s.at("gate"), dsl ? "current" : "missing") << s.dump();
  }
}

}  // namespace
}  // namespace confide::integration
