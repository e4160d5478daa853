// `confide sar` through the real binary: a request from intake to release, the deadline explained,
// a redaction absent from both files written (mode 0600), the release recorded once and fetched
// again identically, the audit log still verifying; bad input exits 4 and records nothing.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cli/output.h"
#include "integration/integration_util.h"
#include "testing/test_util.h"

namespace confide::integration {
namespace {

class SarCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = tmp_.Str("data");
    // Staff 2: a designated safeguarding lead (sees every child); staff 3: the data protection officer.
    ASSERT_EQ(InitWithGovernanceStaff(data_, "Access Council"), "");
    CliRun person = As("2", {"--json", "person", "add", "--given", "Lottie", "--family", "Penhallow", "--dob", "2012-04-01"});
    ASSERT_EQ(person.exit_code, cli::kExitOk) << Describe(person);
    child_ = std::to_string(nlohmann::json::parse(person.out).at("id").get<int64_t>());
    CliRun record = As("2", {"--json", "record", "add", "--person", child_, "--kind", "case_note", "--occurred",
                             "2026-10-01T09:15:00Z", "--summary", "Call from Mrs Ottoline Grebe next door"});
    ASSERT_EQ(record.exit_code, cli::kExitOk) << Describe(record);
  }

  CliRun As(const std::string& staff, std::vector<std::string> args) {
    args.insert(args.begin(), {"--data", data_, "--as", staff});
    return RunConfide(args);
  }
  CliRun Dpo(std::vector<std::string> args) { return As("3", std::move(args)); }
  static std::string FileText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  testing::TempDir tmp_;
  std::string data_, child_;
};

TEST_F(SarCliTest, FromIntakeToReleaseWithTheRedactionInNeitherFile) {
  CliRun opened = Dpo({"--json", "sar", "open", "--person", child_, "--received", "2026-11-02", "--requester", "subject",
                       "--name", "Lottie Penhallow", "--request", "Everything about me", "--identity-method",
                       "School photo card asked for"});
  ASSERT_EQ(opened.exit_code, cli::kExitOk) << Describe(opened);
  const nlohmann::json c = nlohmann::json::parse(opened.out);
  const std::string id = std::to_string(c.at("id").get<int64_t>());
  EXPECT_EQ(c.at("state"), "awaiting_identity");

  CliRun step = Dpo({"sar", "step", id, "--kind", "identity_received", "--on", "2026-11-05", "--note", "Photo card seen"});
  ASSERT_EQ(step.exit_code, cli::kExitOk) << Describe(step);
  EXPECT_NE(step.out.find("2026-12-07"), std::string::npos) << step.out;  // 5 December 2026 is a Saturday
  EXPECT_NE(step.out.find("Saturday"), std::string::npos) << step.out;

  // The deadlines view lists it with its countdown (overdue once the day has passed: still listed).
  CliRun due = Dpo({"--json", "due", "--within", "60"});
  ASSERT_EQ(due.exit_code, cli::kExitOk) << Describe(due);
  bool on_the_list = false;
  const nlohmann::json due_json = nlohmann::json::parse(due.out);
  for (const auto& d : due_json.at("deadlines")) {
    on_the_list = on_the_list || (d.at("ref") == "subject_access/" + id && d.at("due_on") == "2026-12-07");
  }
  EXPECT_TRUE(on_the_list) << due.out;
  CliRun explained = Dpo({"due", "--within", "60", "--explain"});
  ASSERT_EQ(explained.exit_code, cli::kExitOk) << Describe(explained);
  EXPECT_NE(explained.out.find("One calendar month later"), std::string::npos) << explained.out;
  // The designated safeguarding lead is told the register is left out, not that nothing is due.
  CliRun dsl_due = As("2", {"due"});
  ASSERT_EQ(dsl_due.exit_code, cli::kExitOk) << Describe(dsl_due);
  EXPECT_NE(dsl_due.out.find("Not shown (the access policy does not let you see them): subject access requests"), std::string::npos)
      << dsl_due.out;
  EXPECT_EQ(Dpo({"due", "--within", "-3"}).exit_code, cli::kExitUsage);

  CliRun search = Dpo({"sar", "search", id});
  ASSERT_EQ(search.exit_code, cli::kExitOk) << Describe(search);
  EXPECT_NE(search.out.find("Ottoline Grebe"), std::string::npos);
  ASSERT_EQ(Dpo({"sar", "redact", id, "--ref", "*", "--text", "Ottoline Grebe", "--ground", "third_party", "--reason",
                 "A neighbour who has not consented"}).exit_code,
            cli::kExitOk);

  const std::string out_json = tmp_.Str("bundle.json"), out_doc = tmp_.Str("bundle.txt");
  // Not approved: refused, and nothing written.
  CliRun early = Dpo({"sar", "release", id, "--channel", "secure email", "--out-json", out_json, "--out-document", out_doc});
  EXPECT_EQ(early.exit_code, cli::kExitPrecondition) << Describe(early);
  EXPECT_FALSE(std::filesystem::exists(out_json));

  CliRun preview = Dpo({"--json", "sar", "preview", id});
  ASSERT_EQ(preview.exit_code, cli::kExitOk) << Describe(preview);
  const std::string digest = nlohmann::json::parse(preview.out).at("content_sha256");
  ASSERT_EQ(Dpo({"sar", "approve", id, "--sha256", digest}).exit_code, cli::kExitOk);
  CliRun released = Dpo({"sar", "release", id, "--channel", "secure email", "--out-json", out_json, "--out-document", out_doc});
  ASSERT_EQ(released.exit_code, cli::kExitOk) << Describe(released);
  for (const std::string& f : {out_json, out_doc}) {
    const std::string text = FileText(f);
    EXPECT_EQ(text.find("Ottoline"), std::string::npos) << f;
    EXPECT_NE(text.find("[redacted] next door"), std::string::npos) << f;
    struct stat st {};
    ASSERT_EQ(stat(f.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << f;
  }
  EXPECT_EQ(nlohmann::json::parse(FileText(out_json)).at("subject").at("name"), "Lottie Penhallow");

  // Once only; the same bundle can be fetched again.
  EXPECT_EQ(Dpo({"sar", "release", id, "--channel", "post", "--out-json", tmp_.Str("b2.json"), "--out-document",
                 tmp_.Str("b2.txt")}).exit_code,
            cli::kExitPrecondition);
  CliRun again = Dpo({"sar", "bundle", id, "--out-json", tmp_.Str("again.json"), "--out-document", tmp_.Str("again.txt")});
  ASSERT_EQ(again.exit_code, cli::kExitOk) << Describe(again);
  EXPECT_EQ(FileText(tmp_.Str("again.json")), FileText(out_json));
  EXPECT_EQ(FileText(tmp_.Str("again.txt")), FileText(out_doc));

  CliRun listed = Dpo({"--json", "sar", "list", "--all"});
  ASSERT_EQ(listed.exit_code, cli::kExitOk) << Describe(listed);
  EXPECT_EQ(nlohmann::json::parse(listed.out).at(0).at("state"), "released");
  CliRun verify = As("1", {"audit", "verify"});
  EXPECT_EQ(verify.exit_code, cli::kExitOk) << Describe(verify);
}

TEST_F(SarCliTest, TheRecordOfProcessingIsGeneratedAndWrittenOnce) {
  CliRun text = Dpo({"ropa"});
  ASSERT_EQ(text.exit_code, cli::kExitOk) << Describe(text);
  EXPECT_NE(text.out.find("RECORD OF PROCESSING ACTIVITIES"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Controller: Access Council"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Looked-after child"), std::string::npos) << text.out;
  const std::string out = tmp_.Str("ropa.json");
  CliRun written = Dpo({"ropa", "--out", out});
  ASSERT_EQ(written.exit_code, cli::kExitOk) << Describe(written);
  EXPECT_EQ(nlohmann::json::parse(FileText(out)).at("format"), "confide-record-of-processing/1");
  struct stat st {};
  ASSERT_EQ(stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(Dpo({"ropa", "--out", out}).exit_code, cli::kExitConflict);  // never overwritten
}

TEST_F(SarCliTest, BadInputExitsFourAndOnlyTheDpoMayAct) {
  const std::vector<std::string> good{"sar", "open", "--person", child_, "--received", "2026-11-02", "--requester", "subject",
                                      "--name", "Lottie", "--request", "All of it"};
  std::vector<std::string> bad_date = good;
  bad_date[5] = "2026-02-30";
  std::vector<std::string> bad_requester = good;
  bad_requester[7] = "neighbour";
  for (const auto& args : {bad_date, bad_requester}) {
    CliRun r = Dpo(args);
    EXPECT_EQ(r.exit_code, cli::kExitInvalidInput) << Describe(r);
  }
  // A parent asks for a child, and the identity method is needed when confirmed at intake.
  std::vector<std::string> confirmed = good;
  confirmed.push_back("--identity-confirmed");
  EXPECT_EQ(Dpo(confirmed).exit_code, cli::kExitInvalidInput);
  // The designated safeguarding lead is not the DPO: the person reads as absent.
  EXPECT_EQ(As("2", good).exit_code, cli::kExitNotFound);
  CliRun list = Dpo({"--json", "sar", "list", "--all"});
  ASSERT_EQ(list.exit_code, cli::kExitOk) << Describe(list);
  EXPECT_TRUE(nlohmann::json::parse(list.out).empty()) << list.out;
}

}  // namespace
}  // namespace confide::integration
