// `confide retention` through the real binary: a dry run lists a care leaver past their 75th
// birthday and destroys nothing; --apply destroys only after a review; afterwards no command reads
// them, the database file holds neither their wrapped key nor their search terms, the certificate
// verifies and the audit log still does. Bad input exits 4 and changes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cli/output.h"
#include "integration/integration_util.h"
#include "store/sqlite/sqlite_db.h"
#include "testing/test_util.h"

namespace confide::integration {
namespace {

class RetentionCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = tmp_.Str("data");
    // Staff 2: a designated safeguarding lead (sees every child); staff 3: the data protection officer.
    ASSERT_EQ(InitWithGovernanceStaff(data_, "Retention Council"), "");
    CliRun person = As("2", {"--json", "person", "add", "--given", "Percival", "--family", "Quennell", "--dob", "1941-06-15",
                             "--looked-after-by", "Retention Council"});
    ASSERT_EQ(person.exit_code, cli::kExitOk) << Describe(person);
    leaver_ = std::to_string(nlohmann::json::parse(person.out).at("id").get<int64_t>());
    CliRun young = As("2", {"--json", "person", "add", "--given", "Ivy", "--family", "Quennell", "--dob", "2018-02-02"});
    ASSERT_EQ(young.exit_code, cli::kExitOk) << Describe(young);
    young_ = std::to_string(nlohmann::json::parse(young.out).at("id").get<int64_t>());
    CliRun record = As("2", {"--json", "record", "add", "--person", leaver_, "--kind", "case_note", "--occurred",
                             "2024-02-01T09:15:00Z", "--summary", "Percival visited the archive"});
    ASSERT_EQ(record.exit_code, cli::kExitOk) << Describe(record);
    record_ = std::to_string(nlohmann::json::parse(record.out).at("id").get<int64_t>());
  }

  CliRun As(const std::string& staff, std::vector<std::string> args) {
    args.insert(args.begin(), {"--data", data_, "--as", staff});
    return RunConfide(args);
  }
  CliRun Dpo(std::vector<std::string> args) { return As("3", std::move(args)); }

  std::string FileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  testing::TempDir tmp_;
  std::string data_, leaver_, young_, record_;
};

TEST_F(RetentionCliTest, ADryRunListsWhoIsDueAndAnAppliedRunDestroysOnlyWhatWasReviewed) {
  CliRun dry = Dpo({"retention", "run"});
  ASSERT_EQ(dry.exit_code, cli::kExitOk) << Describe(dry);
  EXPECT_NE(dry.out.find("dry run"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("looked_after_child"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("awaiting_review"), std::string::npos) << dry.out;
  CliRun dry_json = Dpo({"--json", "retention", "run"});
  ASSERT_EQ(dry_json.exit_code, cli::kExitOk) << Describe(dry_json);
  const nlohmann::json report = nlohmann::json::parse(dry_json.out);
  ASSERT_EQ(report["items"].size(), 1u) << dry_json.out;
  EXPECT_EQ(report["items"][0]["destroy_on"], "2016-06-15");
  EXPECT_EQ(report["not_due"], 1);

  // Only the DPO; not before a review.
  EXPECT_EQ(As("2", {"retention", "run"}).exit_code, cli::kExitPermissionDenied);
  CliRun unreviewed = Dpo({"--json", "retention", "run", "--apply"});
  ASSERT_EQ(unreviewed.exit_code, cli::kExitOk) << Describe(unreviewed);
  EXPECT_TRUE(nlohmann::json::parse(unreviewed.out)["certificate"].is_null());
  EXPECT_EQ(As("2", {"person", "show", leaver_}).exit_code, cli::kExitOk);

  ASSERT_EQ(Dpo({"retention", "review", leaver_, "--decision", "destroy", "--reason", "Past the 75th birthday"}).exit_code,
            cli::kExitOk);
  CliRun applied = Dpo({"--json", "retention", "run", "--apply"});
  ASSERT_EQ(applied.exit_code, cli::kExitOk) << Describe(applied);
  const std::string certificate = nlohmann::json::parse(applied.out)["certificate"];

  // No command reads them now.
  for (const std::vector<std::string>& read : std::vector<std::vector<std::string>>{
           {"person", "show", leaver_}, {"record", "show", record_}, {"chronology", leaver_}}) {
    CliRun r = As("2", read);
    EXPECT_NE(r.exit_code, cli::kExitOk) << Describe(r);
    EXPECT_EQ(r.out.find("Percival"), std::string::npos);
  }
  CliRun found = As("2", {"--json", "person", "find", "--family", "Quennell", "--given", "Percival", "--dob", "1941-06-15"});
  ASSERT_EQ(found.exit_code, cli::kExitOk) << Describe(found);
  EXPECT_EQ(nlohmann::json::parse(found.out).size(), 0u) << found.out;
  EXPECT_EQ(As("2", {"person", "show", young_}).exit_code, cli::kExitOk);

  // The certificate verifies under the organisation's key and names no one.
  CliRun cert = Dpo({"--json", "retention", "certificate", certificate});
  ASSERT_EQ(cert.exit_code, cli::kExitOk) << Describe(cert);
  const nlohmann::json c = nlohmann::json::parse(cert.out);
  EXPECT_TRUE(c["signature_valid"].get<bool>());
  EXPECT_EQ(c["body"]["destroyed"][0]["person_id"], std::stoll(leaver_));
  EXPECT_EQ(c["body"]["destroyed"][0]["records"], 1);
  EXPECT_EQ(cert.out.find("Percival"), std::string::npos);
  // The audit log verifies with the destruction in it.
  CliRun verify = As("1", {"audit", "verify"});
  EXPECT_EQ(verify.exit_code, cli::kExitOk) << Describe(verify);

  // In the database file: their wrapped data key and their search terms are gone (the name was
  // never there in clear), and a later run counts them as destroyed before.
  {
    ASSERT_OK_AND_ASSIGN(auto conn, store::sqlite::Connection::Open(data_ + "/confide.db", false));
    // Literal SQL: the connection caches statements by the text's address.
    auto count = [&](const char* sql, const std::string& person) -> int64_t {
      auto stmt = conn->Prepare(sql);
      EXPECT_TRUE(stmt.ok());
      if (!stmt.ok()) return -1;
      (*stmt)->Bind(1, static_cast<int64_t>(std::stoll(person)));
      auto row = (*stmt)->Step();
      return row.ok() && *row ? (*stmt)->Int(0) : -1;
    };
    const char* kKeys = "SELECT COUNT(*) FROM subject_keys k JOIN persons p ON p.subject_id = k.subject_id WHERE p.id = ?";
    const char* kTerms = "SELECT COUNT(*) FROM person_index WHERE person_id = ?";
    EXPECT_EQ(count(kKeys, leaver_), 0);
    EXPECT_EQ(count(kTerms, leaver_), 0);
    EXPECT_EQ(count(kKeys, young_), 1) << "the queries find what is there";
    EXPECT_GT(count(kTerms, young_), 0);
  }
  const std::string db = FileBytes(data_ + "/confide.db") + FileBytes(data_ + "/confide.db-wal");
  EXPECT_EQ(db.find("Percival"), std::string::npos);
  CliRun again = Dpo({"--json", "retention", "run"});
  ASSERT_EQ(again.exit_code, cli::kExitOk) << Describe(again);
  EXPECT_EQ(nlohmann::json::parse(again.out)["destroyed_before"], 1);
}

TEST_F(RetentionCliTest, HoldsKeepRecordsAndBadInputExits4) {
  ASSERT_EQ(Dpo({"retention", "review", leaver_, "--decision", "destroy", "--reason", "Due"}).exit_code, cli::kExitOk);
  CliRun hold = Dpo({"--json", "retention", "hold", "--everyone", "--reason", "Inquiry moratorium"});
  ASSERT_EQ(hold.exit_code, cli::kExitOk) << Describe(hold);
  CliRun applied = Dpo({"--json", "retention", "run", "--apply"});
  ASSERT_EQ(applied.exit_code, cli::kExitOk) << Describe(applied);
  EXPECT_TRUE(nlohmann::json::parse(applied.out)["certificate"].is_null());
  EXPECT_EQ(nlohmann::json::parse(applied.out)["items"][0]["state"], "held");
  EXPECT_EQ(As("2", {"person", "show", leaver_}).exit_code, cli::kExitOk);
  CliRun holds = Dpo({"retention", "holds"});
  EXPECT_NE(holds.out.find("Inquiry moratorium"), std::string::npos) << holds.out;

  for (const std::vector<std::string>& bad : std::vector<std::vector<std::string>>{
           {"retention", "hold", "--everyone", "--class", "adoption", "--reason", "both"},
           {"retention", "hold", "--reason", "nothing"},
           {"retention", "review", leaver_, "--decision", "shred", "--reason", "x"},
           {"retention", "review", leaver_, "--decision", "retain", "--reason", "x"},
           {"retention", "assign", young_, "--class", "no_such_class", "--reason", "x"},
           {"retention", "assign", young_, "--class", "adoption", "--trigger-date", "2019-02-30", "--reason", "x"},
           {"retention", "run", "--apply", "--as-of", "2090-01-01"},
           {"retention", "run", "--as-of", "tomorrow"}}) {
    CliRun r = Dpo(bad);
    EXPECT_EQ(r.exit_code, cli::kExitInvalidInput) << Describe(r);
  }
  CliRun reviews = Dpo({"--json", "retention", "reviews", leaver_});
  ASSERT_EQ(reviews.exit_code, cli::kExitOk) << Describe(reviews);
  EXPECT_EQ(nlohmann::json::parse(reviews.out).size(), 1u) << "bad input recorded nothing";
}

TEST_F(RetentionCliTest, ChecksTheGovernancePolicy) {
  CliRun shipped = RunConfide({"retention", "check-policy", testing::SourceDir().string() + "/config/policy/governance-policy.toml"});
  EXPECT_EQ(shipped.exit_code, cli::kExitOk) << Describe(shipped);
  EXPECT_NE(shipped.out.find("foster_carer"), std::string::npos) << shipped.out;
  CliRun in_force = RunConfide({"--data", data_, "retention", "check-policy"});
  EXPECT_EQ(in_force.exit_code, cli::kExitOk) << Describe(in_force);
  EXPECT_NE(in_force.out.find("governance-policy.toml"), std::string::npos) << in_force.out;
  const std::string broken = tmp_.Str("broken.toml");
  std::ofstream(broken) << "version = 1\n[[retention_class]]\nid = \"child\"\nyears = 200\n";
  CliRun bad = RunConfide({"retention", "check-policy", broken});
  EXPECT_EQ(bad.exit_code, cli::kExitInvalidInput) << Describe(bad);
  EXPECT_NE(bad.err.find("broken.toml"), std::string::npos) << Describe(bad);
}

// An FOI request answered in 2021 has been kept its three years: the dry run lists it, a hold on
// the FOI register keeps it, and once the hold is lifted the applied run destroys it.
TEST_F(RetentionCliTest, AnFoiRequestKeptItsYearsIsDestroyedUnlessTheRegisterIsHeld) {
  CliRun opened = Dpo({"--json", "foi", "open", "--received", "2021-03-01", "--name", "Ottilie Vanterpool", "--request",
                       "Spending on residential placements in 2020"});
  ASSERT_EQ(opened.exit_code, cli::kExitOk) << Describe(opened);
  const std::string id = std::to_string(nlohmann::json::parse(opened.out).at("id").get<int64_t>());
  CliRun replied = Dpo({"foi", "step", id, "--kind", "responded", "--on", "2021-03-22", "--outcome", "disclosed", "--note",
                        "Figures sent"});
  ASSERT_EQ(replied.exit_code, cli::kExitOk) << Describe(replied);

  CliRun dry = Dpo({"retention", "run"});
  ASSERT_EQ(dry.exit_code, cli::kExitOk) << Describe(dry);
  EXPECT_NE(dry.out.find("Registers about no child"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("2024-03-22"), std::string::npos) << "the reply plus three years: " << dry.out;

  CliRun hold = Dpo({"retention", "hold", "--class", "foi_register", "--reason", "Tribunal appeal EA/2021/0042"});
  ASSERT_EQ(hold.exit_code, cli::kExitOk) << Describe(hold);
  CliRun held = Dpo({"--json", "retention", "run", "--apply"});
  ASSERT_EQ(held.exit_code, cli::kExitOk) << Describe(held);
  const nlohmann::json h = nlohmann::json::parse(held.out);
  ASSERT_EQ(h.at("registers").size(), 1u) << held.out;
  EXPECT_EQ(h.at("registers")[0].at("state"), "held");
  EXPECT_EQ(Dpo({"foi", "show", id}).exit_code, cli::kExitOk);

  CliRun holds = Dpo({"--json", "retention", "holds"});
  ASSERT_EQ(holds.exit_code, cli::kExitOk) << Describe(holds);
  const std::string hold_id = std::to_string(nlohmann::json::parse(holds.out).at(0).at("id").get<int64_t>());
  ASSERT_EQ(Dpo({"retention", "lift", hold_id}).exit_code, cli::kExitOk);
  CliRun applied = Dpo({"--json", "retention", "run", "--apply"});
  ASSERT_EQ(applied.exit_code, cli::kExitOk) << Describe(applied);
  const nlohmann::json a = nlohmann::json::parse(applied.out);
  ASSERT_EQ(a.at("registers").size(), 1u) << applied.out;
  EXPECT_EQ(a.at("registers")[0].at("state"), "destroyed");
  EXPECT_FALSE(a.at("certificate").is_null());
  CliRun gone = Dpo({"foi", "show", id});
  EXPECT_EQ(gone.exit_code, cli::kExitPrecondition) << Describe(gone);
  EXPECT_EQ(gone.out.find("Ottilie"), std::string::npos);
}

}  // namespace
}  // namespace confide::integration
