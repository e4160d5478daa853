// `confide breach` through the real binary: a letter posted to the wrong address, reported by the
// designated safeguarding lead (who learns only its number), its 72 hours running across the end
// of British Summer Time and explained in words, then assessed, decided, reported late with the
// reasons and closed by the data protection officer; bad input exits 4 and records nothing; the
// register and its candidates are the DPO's alone; break-glass uses are candidates the DPO opens
// or dismisses; the report's words are not readable in the database file.
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cli/output.h"
#include "domain/civil_date.h"
#include "integration/integration_util.h"
#include "testing/test_util.h"

namespace confide::integration {
namespace {

using nlohmann::json;

class BreachCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = tmp_.Str("data");
    // Staff 2: a designated safeguarding lead; staff 3: the data protection officer; staff 4
    // (added here): a practitioner, who may break glass.
    ASSERT_EQ(InitWithGovernanceStaff(data_, "Access Council"), "");
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"staff", "add", "--role", "practitioner", "--team", "Family Support", "--name", "Pip Practitioner"},
          std::vector<std::string>{"training", "add", "--staff", "4", "--course", "confidentiality", "--completed", DaysAgo(30)}}) {
      CliRun run = As("1", args);
      ASSERT_EQ(run.exit_code, cli::kExitOk) << Describe(run);
    }
  }

  CliRun As(const std::string& staff, std::vector<std::string> args) {
    args.insert(args.begin(), {"--data", data_, "--as", staff});
    return RunConfide(args);
  }
  CliRun Dpo(std::vector<std::string> args) { return As("3", std::move(args)); }

  std::string Child(const std::string& given) {
    CliRun added = As("2", {"--json", "person", "add", "--given", given, "--family", "Oyelaran", "--dob", "2016-05-04"});
    EXPECT_EQ(added.exit_code, cli::kExitOk) << Describe(added);
    if (added.exit_code != cli::kExitOk) return "0";
    return std::to_string(json::parse(added.out).at("id").get<int64_t>());
  }

  // Reported by the designated safeguarding lead, aware at 15:30 BST on Friday 23 October 2026.
  std::string Report(const std::string& child) {
    CliRun reported = As("2", {"--json", "breach", "report", "--kind", "misdirected_post", "--aware-at", "2026-10-23T15:30+01:00",
                               "--what", "A child protection plan was posted to the wrong address", "--data",
                               "Names, address, the plan", "--people-affected", "2", "--person", child, "--immediate-action",
                               "The neighbour returned it unopened", "--discovered-by", "The neighbour"});
    EXPECT_EQ(reported.exit_code, cli::kExitOk) << Describe(reported);
    if (reported.exit_code != cli::kExitOk) return "0";
    const json j = json::parse(reported.out);
    EXPECT_EQ(j.size(), 1u) << "the reporter is told the number and nothing more: " << reported.out;
    return std::to_string(j.at("id").get<int64_t>());
  }

  std::vector<std::string> Candidates(const std::string& kind) {
    CliRun listed = Dpo({"--json", "breach", "candidates"});
    EXPECT_EQ(listed.exit_code, cli::kExitOk) << Describe(listed);
    std::vector<std::string> out;
    if (listed.exit_code != cli::kExitOk) return out;
    for (const json& c : json::parse(listed.out)) {
      if (c.at("kind") == kind) out.push_back(c.at("source").get<std::string>());
    }
    return out;
  }

  testing::TempDir tmp_;
  std::string data_;
};

TEST_F(BreachCliTest, FromAReportToClosingWithTheClockExplained) {
  const std::string id = Report(Child("Tolu"));
  EXPECT_EQ(As("2", {"breach", "show", id}).exit_code, cli::kExitPermissionDenied);

  CliRun shown = Dpo({"breach", "show", id});
  ASSERT_EQ(shown.exit_code, cli::kExitOk) << Describe(shown);
  EXPECT_NE(shown.out.find("Became aware: 2026-10-23T14:30:00Z; report by: 2026-10-26T14:30:00Z OVERDUE"), std::string::npos)
      << shown.out;
  EXPECT_NE(shown.out.find("clocks go back"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("A child protection plan was posted to the wrong address"), std::string::npos) << shown.out;

  CliRun assessed = Dpo({"--json", "breach", "step", id, "--kind", "assessed", "--at", "2026-10-27T09:00:00Z", "--note",
                         "Returned unopened; the neighbour knows the family", "--likelihood", "possible", "--severity",
                         "significant"});
  ASSERT_EQ(assessed.exit_code, cli::kExitOk) << Describe(assessed);
  const json risk = json::parse(assessed.out).at("risk");
  EXPECT_EQ(risk.at("level"), "risk");
  EXPECT_TRUE(risk.at("report_to_ico").get<bool>());
  EXPECT_FALSE(risk.at("tell_people").get<bool>());

  CliRun decided = Dpo({"breach", "step", id, "--kind", "decided", "--at", "2026-10-27T09:30:00Z", "--note",
                        "A risk to the family: report", "--report", "yes"});
  ASSERT_EQ(decided.exit_code, cli::kExitOk) << Describe(decided);
  EXPECT_NE(decided.out.find("to_report"), std::string::npos) << decided.out;

  // Past the 72 hours: the report needs the reasons for the delay.
  const std::vector<std::string> report{"breach", "step", id, "--kind", "reported", "--at", "2026-10-27T10:00:00Z", "--note",
                                        "The ICO's online form", "--ico-reference", "IC-51730-P3X9"};
  CliRun no_reason = Dpo(report);
  EXPECT_EQ(no_reason.exit_code, cli::kExitInvalidInput) << Describe(no_reason);
  std::vector<std::string> with_reason = report;
  with_reason.insert(with_reason.begin(), "--json");
  with_reason.insert(with_reason.end(), {"--delay-reason", "Found on a Friday evening; the DPO was on leave until Tuesday"});
  CliRun made = Dpo(with_reason);
  ASSERT_EQ(made.exit_code, cli::kExitOk) << Describe(made);
  const json c = json::parse(made.out);
  EXPECT_EQ(c.at("state"), "reported");
  EXPECT_TRUE(c.at("reported_late").get<bool>());
  EXPECT_EQ(c.at("reported_at"), "2026-10-27T10:00:00Z");
  EXPECT_EQ(c.at("steps").back().at("ico_reference"), "IC-51730-P3X9");

  CliRun closed = Dpo({"--json", "breach", "step", id, "--kind", "closed", "--at", "2026-10-28T09:00:00Z", "--note",
                       "Addresses are now checked against the record before posting"});
  ASSERT_EQ(closed.exit_code, cli::kExitOk) << Describe(closed);
  EXPECT_EQ(json::parse(closed.out).at("state"), "closed");

  CliRun open_only = Dpo({"--json", "breach", "list"});
  ASSERT_EQ(open_only.exit_code, cli::kExitOk) << Describe(open_only);
  EXPECT_TRUE(json::parse(open_only.out).empty()) << open_only.out;
  CliRun all = Dpo({"breach", "list", "--all"});
  ASSERT_EQ(all.exit_code, cli::kExitOk) << Describe(all);
  EXPECT_NE(all.out.find("misdirected_post"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("reported 2026-10-27T10:00:00Z (LATE)"), std::string::npos) << all.out;
  CliRun kinds = As("2", {"breach", "kinds"});
  ASSERT_EQ(kinds.exit_code, cli::kExitOk) << Describe(kinds);
  EXPECT_NE(kinds.out.find("misdirected_email"), std::string::npos) << kinds.out;

  // The report's words are sealed; the audit log still verifies.
  for (const char* suffix : {"/confide.db", "/confide.db-wal"}) {
    std::ifstream in(data_ + suffix, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find("child protection plan was posted"), std::string::npos) << suffix;
    EXPECT_EQ(bytes.find("on leave until Tuesday"), std::string::npos) << suffix;
  }
  CliRun verify = Dpo({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, cli::kExitOk) << Describe(verify);
}

TEST_F(BreachCliTest, BadInputExitsFourAndRecordsNothing) {
  const std::string child = Child("Ade");
  const std::vector<std::string> good{"breach", "report", "--kind", "lost_device", "--aware-at", "2026-11-02T08:00Z", "--what",
                                      "A laptop left on a train"};
  auto with = [&](const std::string& option, const std::string& value) {
    std::vector<std::string> args = good;
    const auto at = std::find(args.begin(), args.end(), option);
    if (at == args.end()) {
      args.insert(args.end(), {option, value});
    } else {
      *(at + 1) = value;
    }
    return args;
  };
  for (const auto& args : {with("--kind", "spilt_tea"), with("--aware-at", "yesterday"), with("--aware-at", "2099-01-01T00:00Z"),
                           with("--happened-at", "2026-11-03T08:00Z"), with("--people-affected", "lots"),
                           with("--person", "999999")}) {
    CliRun run = As("2", args);
    EXPECT_EQ(run.exit_code, cli::kExitInvalidInput) << Describe(run);
  }
  CliRun list = Dpo({"--json", "breach", "list", "--all"});
  ASSERT_EQ(list.exit_code, cli::kExitOk) << Describe(list);
  EXPECT_TRUE(json::parse(list.out).empty()) << list.out;

  std::vector<std::string> good_json = good;
  good_json.insert(good_json.begin(), "--json");
  CliRun reported = As("2", good_json);
  ASSERT_EQ(reported.exit_code, cli::kExitOk) << Describe(reported);
  const std::string id = std::to_string(json::parse(reported.out).at("id").get<int64_t>());
  const std::vector<std::string> step{"breach", "step", id, "--at", "2026-11-03T09:00:00Z", "--note", "n"};
  auto step_with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = step;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  for (const auto& args : {step_with({"--kind", "approved"}), step_with({"--kind", "decided", "--report", "maybe"}),
                           step_with({"--kind", "people_told", "--told", "perhaps"}),
                           step_with({"--kind", "assessed", "--likelihood", "certain", "--severity", "severe"}),
                           step_with({"--kind", "assessed", "--likelihood", "likely", "--severity", "catastrophic"})}) {
    CliRun run = Dpo(args);
    EXPECT_EQ(run.exit_code, cli::kExitInvalidInput) << Describe(run);
  }
  CliRun shown = Dpo({"--json", "breach", "show", id});
  ASSERT_EQ(shown.exit_code, cli::kExitOk) << Describe(shown);
  EXPECT_TRUE(json::parse(shown.out).at("steps").empty()) << shown.out;
}

TEST_F(BreachCliTest, CandidatesAreTheDposToOpenOrDismiss) {
  for (const std::string& child : {Child("Femi"), Child("Bisi")}) {
    CliRun broke = As("4", {"break-glass", "start", "--person", child, "--reason", "Covering for a colleague who is off sick"});
    ASSERT_EQ(broke.exit_code, cli::kExitOk) << Describe(broke);
  }
  EXPECT_EQ(As("2", {"breach", "candidates"}).exit_code, cli::kExitPermissionDenied);
  EXPECT_EQ(As("2", {"breach", "list"}).exit_code, cli::kExitPermissionDenied);

  std::vector<std::string> sources = Candidates("break_glass");
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(As("4", {"breach", "dismiss", sources[0], "--reason", "x"}).exit_code, cli::kExitPermissionDenied);
  CliRun dismissed = Dpo({"breach", "dismiss", sources[0], "--reason", "The colleague was off sick: access was justified"});
  ASSERT_EQ(dismissed.exit_code, cli::kExitOk) << Describe(dismissed);
  EXPECT_EQ(Dpo({"breach", "dismiss", sources[0], "--reason", "again"}).exit_code, cli::kExitNotFound);

  // Aware now: the moment the DPO judged the use unjustified.
  const std::string now = domain::FormatTimestampIso(static_cast<int64_t>(std::time(nullptr)) * 1'000'000);
  CliRun opened = Dpo({"--json", "breach", "open", sources[1], "--kind", "unauthorised_viewing", "--aware-at", now, "--what",
                       "Emergency access with no emergency on the record"});
  ASSERT_EQ(opened.exit_code, cli::kExitOk) << Describe(opened);
  EXPECT_EQ(json::parse(opened.out).at("source"), sources[1]);
  EXPECT_TRUE(Candidates("break_glass").empty());
  CliRun list = Dpo({"--json", "breach", "list"});
  ASSERT_EQ(list.exit_code, cli::kExitOk) << Describe(list);
  EXPECT_EQ(json::parse(list.out).size(), 1u) << list.out;
}

}  // namespace
}  // namespace confide::integration
