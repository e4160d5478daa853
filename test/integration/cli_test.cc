// The `confide` command-line contract, through the real binary: documented exit codes
// (cli/output.h), JSON that parses, bad input that changes nothing, and key rotation.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/output.h"
#include "integration/integration_util.h"

namespace confide::integration {
namespace {
namespace fs = std::filesystem;
using testing::TempDir;

class CliContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = tmp_.Str("data");
    CliRun init = RunConfide({"--data", data_, "init", "--org-name", "CLI Contract Council", "--admin-name", "Ada Admin",
                              "--admin-email", "ada@example.org"});
    ASSERT_EQ(init.exit_code, cli::kExitOk) << Describe(init);
    // The administrator records their own training, adds a designated safeguarding lead (staff 2,
    // who may see every child) and records theirs: the access policy gates on training.
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"training", "add", "--staff", "1", "--course", "confidentiality", "--completed", DaysAgo(30)},
             {"staff", "add", "--role", "designated_safeguarding_lead", "--team", "Safeguarding", "--name", "Dee Lead"},
             {"training", "add", "--staff", "2", "--course", "confidentiality", "--completed", DaysAgo(30)}}) {
      CliRun setup = RunAs("1", args);
      ASSERT_EQ(setup.exit_code, cli::kExitOk) << Describe(setup);
    }
    CliRun person = Run({"--json", "person", "add", "--given", "Callum", "--family", "Contractor", "--dob", "2014-03-02",
                         "--nhs", TestNhsNumber(7)});
    ASSERT_EQ(person.exit_code, cli::kExitOk) << Describe(person);
    child_ = std::to_string(nlohmann::json::parse(person.out).at("id").get<int64_t>());
    CliRun record = Run({"--json", "record", "add", "--person", child_, "--kind", "case_note", "--occurred",
                         "2024-02-01T09:15:00Z", "--summary", "Initial visit", "--text", "Callum showed me his drawings."});
    ASSERT_EQ(record.exit_code, cli::kExitOk) << Describe(record);
    record_ = std::to_string(nlohmann::json::parse(record.out).at("id").get<int64_t>());
  }

  // Runs with --data and --as 2 (the designated safeguarding lead).
  CliRun Run(std::vector<std::string> args) { return RunAs("2", std::move(args)); }
  // The same, with `stdin_json` on standard input.
  CliRun RunWithStdin(std::vector<std::string> args, const nlohmann::json& stdin_json) {
    args.insert(args.begin(), {"--data", data_, "--as", "2"});
    return RunConfide(args, {}, WriteJson(stdin_json));
  }
  // Writes `j` to a new file outside the data directory and returns its path.
  std::string WriteJson(const nlohmann::json& j) {
    const std::string path = tmp_.Str("input" + std::to_string(++inputs_) + ".json");
    std::ofstream(path) << j.dump();
    return path;
  }
  CliRun RunAs(const std::string& staff, std::vector<std::string> args) {
    args.insert(args.begin(), {"--data", data_, "--as", staff});
    return RunConfide(args);
  }

  int64_t AuditEntries() {
    auto db = RawDb::Open(data_ + "/confide.db", /*read_only=*/true);
    return db ? db->Int("SELECT count(*) FROM audit_entries") : -1;
  }

  // The database and WAL bytes. An empty WAL holds nothing, so it counts as missing: SQLite leaves
  // one behind after a read-only connection (this test's own AuditEntries()) and deletes it when
  // the next read-write connection closes.
  std::vector<std::string> Snapshot() {
    std::vector<std::string> out;
    for (const char* f : {"/confide.db", "/confide.db-wal"}) {
      std::error_code ec;
      const std::string p = data_ + f;
      const std::string content = fs::exists(p, ec) ? testing::ReadFileForTest(p) : "";
      out.push_back(content.empty() ? "missing or empty" : "present:" + content);
    }
    return out;
  }

  TempDir tmp_;
  std::string data_;
  std::string child_, record_;
  int inputs_ = 0;
};

TEST_F(CliContractTest, InvalidNhsNumberExits4) {
  CliRun add = Run({"person", "add", "--given", "Nia", "--family", "Numbers", "--dob", "2015-01-01", "--nhs", "9434765918"});
  EXPECT_EQ(add.exit_code, cli::kExitInvalidInput) << Describe(add);
  EXPECT_NE(add.err.find("--nhs"), std::string::npos) << Describe(add);
  CliRun find = Run({"person", "find", "--nhs", "12345"});
  EXPECT_EQ(find.exit_code, cli::kExitInvalidInput) << Describe(find);
  CliRun letters = Run({"person", "find", "--nhs", "999abc1234"});
  EXPECT_EQ(letters.exit_code, cli::kExitInvalidInput) << Describe(letters);
}

TEST_F(CliContractTest, UnknownPersonExits3) {
  CliRun show = Run({"person", "show", "987654"});
  EXPECT_EQ(show.exit_code, cli::kExitNotFound) << Describe(show);
  CliRun chronology = Run({"chronology", "987654"});
  EXPECT_EQ(chronology.exit_code, cli::kExitNotFound) << Describe(chronology);
  CliRun record = Run({"record", "add", "--person", "987654", "--occurred", "2024-01-01", "--summary", "x"});
  EXPECT_EQ(record.exit_code, cli::kExitNotFound) << Describe(record);
  CliRun missing_record = Run({"record", "show", "987654"});
  EXPECT_EQ(missing_record.exit_code, cli::kExitNotFound) << Describe(missing_record);
}

TEST_F(CliContractTest, MalformedDateExits4) {
  for (const char* dob : {"2015-13-01", "2015-02-30", "01/02/2015", "yesterday"}) {
    CliRun run = Run({"person", "add", "--given", "Dara", "--family", "Dates", "--dob", dob});
    EXPECT_EQ(run.exit_code, cli::kExitInvalidInput) << dob << ": " << Describe(run);
  }
  CliRun occurred = Run({"record", "add", "--person", child_, "--occurred", "2024-02-01 09:15", "--summary", "x"});
  EXPECT_EQ(occurred.exit_code, cli::kExitInvalidInput) << Describe(occurred);
  CliRun from = Run({"chronology", child_, "--from", "last week"});
  EXPECT_EQ(from.exit_code, cli::kExitInvalidInput) << Describe(from);
}

TEST_F(CliContractTest, MissingActorExits4) {
  CliRun run = RunConfide({"--data", data_, "person", "find", "--family", "Contractor"});
  EXPECT_EQ(run.exit_code, cli::kExitInvalidInput) << Describe(run);
  EXPECT_NE(run.err.find("--as"), std::string::npos) << Describe(run);
  // The environment variable works in its place.
  CliRun env = RunConfide({"--data", data_, "person", "find", "--family", "Contractor", "--dob", "2014-03-02"},
                          {{"CONFIDE_ACTOR", "2"}});
  EXPECT_EQ(env.exit_code, cli::kExitOk) << Describe(env);
}

TEST_F(CliContractTest, NoDataDirectoryExits4) {
  CliRun run = RunConfide({"--as", "1", "person", "find", "--family", "Contractor"});
  EXPECT_EQ(run.exit_code, cli::kExitInvalidInput) << Describe(run);
  EXPECT_NE(run.err.find("--data"), std::string::npos) << Describe(run);
  CliRun verify = RunConfide({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, cli::kExitInvalidInput) << Describe(verify);
  // A directory that is not a Confide data directory is "not found" (documented as 3).
  CliRun empty = RunConfide({"--data", tmp_.Str("nothing-here"), "--as", "1", "staff", "list"});
  EXPECT_EQ(empty.exit_code, cli::kExitNotFound) << Describe(empty);
}

TEST_F(CliContractTest, UsageErrorExits2) {
  const std::vector<std::vector<std::string>> cases = {
      {},                                        // no command
      {"frobnicate"},                            // unknown command
      {"person"},                                // group without a subcommand
      {"person", "add", "--given", "OnlyGiven"}, // a required option missing
      {"record", "show", "not-a-number"},        // wrong type
      {"--no-such-flag", "staff", "list"},       // unknown option
  };
  for (const auto& args : cases) {
    CliRun run = Run(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(run.exit_code, cli::kExitUsage) << joined << ": " << Describe(run);
  }
}

TEST_F(CliContractTest, JsonOutputParses) {
  const std::vector<std::vector<std::string>> commands = {
      {"--json", "staff", "list"},
      {"--json", "person", "find", "--family", "Contractor", "--dob", "2014-03-02"},
      {"--json", "person", "show", child_},
      {"--json", "chronology", child_},
      {"--json", "record", "show", record_},
      {"--json", "audit", "head"},
      {"--json", "audit", "verify"},
      {"--json", "audit", "entry", "0"},
      {"--json", "audit", "proof", "--seq", "1"},
  };
  for (const auto& args : commands) {
    CliRun run = Run(args);
    ASSERT_EQ(run.exit_code, cli::kExitOk) << args[1] << ": " << Describe(run);
    const auto j = nlohmann::json::parse(run.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << args[1] << " printed invalid JSON: " << run.out;
  }
  const auto person = nlohmann::json::parse(Run({"--json", "person", "show", child_}).out);
  EXPECT_EQ(person.at("family_name"), "Contractor");
  const auto record = nlohmann::json::parse(Run({"--json", "record", "show", record_}).out);
  EXPECT_EQ(record.at("summary"), "Initial visit");
  EXPECT_EQ(record.at("signature"), "verified");
  const auto verify = nlohmann::json::parse(Run({"--json", "audit", "verify"}).out);
  EXPECT_EQ(verify.at("ok"), true);

  // Errors in JSON mode are JSON too, on stdout, with the same exit code.
  CliRun error = Run({"--json", "person", "show", "987654"});
  EXPECT_EQ(error.exit_code, cli::kExitNotFound) << Describe(error);
  const auto e = nlohmann::json::parse(error.out, nullptr, false);
  ASSERT_FALSE(e.is_discarded()) << error.out;
  EXPECT_TRUE(e.contains("error") && e["error"].contains("code") && e["error"].contains("message")) << error.out;
  CliRun bad = Run({"--json", "person", "find", "--nhs", "12345"});
  EXPECT_EQ(bad.exit_code, cli::kExitInvalidInput) << Describe(bad);
  EXPECT_FALSE(nlohmann::json::parse(bad.out, nullptr, false).is_discarded()) << bad.out;
}

// `caseload`: the acting staff member's allocated children, and nobody else's.
TEST_F(CliContractTest, CaseloadListsTheActorsAllocatedChildren) {
  CliRun empty = Run({"--json", "caseload"});
  ASSERT_EQ(empty.exit_code, cli::kExitOk) << Describe(empty);
  EXPECT_EQ(nlohmann::json::parse(empty.out), nlohmann::json::array());
  CliRun allocate = Run({"allocate", "--child", child_, "--staff", "2", "--role", "allocated_social_worker", "--from", "2024-01-01"});
  ASSERT_EQ(allocate.exit_code, cli::kExitOk) << Describe(allocate);
  const int64_t before = AuditEntries();
  CliRun mine = Run({"--json", "caseload"});
  ASSERT_EQ(mine.exit_code, cli::kExitOk) << Describe(mine);
  const auto items = nlohmann::json::parse(mine.out);
  ASSERT_EQ(items.size(), 1u) << mine.out;
  EXPECT_EQ(std::to_string(items[0].at("person_id").get<int64_t>()), child_);
  EXPECT_EQ(items[0].at("role"), "allocated_social_worker");
  EXPECT_EQ(items[0].at("date_of_birth"), "2014-03-02");
  EXPECT_GT(AuditEntries(), before);  // the listing is an audited access
  CliRun table = Run({"caseload"});
  ASSERT_EQ(table.exit_code, cli::kExitOk) << Describe(table);
  EXPECT_NE(table.out.find("Callum"), std::string::npos) << table.out;
  // The administrator has nobody allocated.
  CliRun admin = RunAs("1", {"--json", "caseload"});
  ASSERT_EQ(admin.exit_code, cli::kExitOk) << Describe(admin);
  EXPECT_EQ(nlohmann::json::parse(admin.out), nlohmann::json::array());
}

// Bad input is refused before anything is written: the database and WAL bytes and the audit log
// are exactly as they were. (Not-found and permission failures are different by design: they are
// recorded in the audit log as failed attempts, so they are not in this list.)
TEST_F(CliContractTest, BadInputChangesNothing) {
  const std::vector<std::vector<std::string>> bad = {
      {"person", "add", "--given", "Nia", "--family", "Numbers", "--dob", "2015-01-01", "--nhs", "9434765918"},
      {"person", "add", "--given", "Dara", "--family", "Dates", "--dob", "2015-13-01"},
      {"person", "add", "--given", "Dara", "--family", "Dates", "--dob", "2099-01-01"},   // in the future
      {"person", "add", "--given", "Nodob", "--family", "Child"},                        // a child needs a dob
      {"person", "add", "--given", "   ", "--family", "Blank", "--dob", "2015-01-01"},   // blank name
      {"person", "add", "--kind", "adult", "--given", "Al", "--family", "Adult", "--cp-plan"},
      {"person", "find", "--nhs", "12345"},
      {"record", "add", "--person", child_, "--occurred", "not a date", "--summary", "x"},
      {"record", "add", "--person", child_, "--occurred", "2024-02-01", "--summary", ""},  // no summary
      {"record", "add", "--person", child_, "--occurred", "2099-02-01", "--summary", "future"},
      {"record", "add", "--person", child_, "--kind", "safeguarding_concern", "--occurred", "2024-02-01", "--summary",
       "no details"},
      {"record", "add", "--person", child_, "--kind", "safeguarding_concern", "--occurred", "2024-02-01", "--summary",
       "unmarked", "--what-happened", "no basis given"},
      {"record", "add", "--person", child_, "--kind", "no_such_kind", "--occurred", "2024-02-01", "--summary", "x"},
      {"record", "amend", record_, "--reason", "   ", "--summary", "blank reason"},
      {"record", "amend", record_, "--reason", "typo", "--source-kind", "no_such_source"},
      {"record", "amend", record_, "--reason", "typo", "--what-happened", "no basis given"},
      // Input only the amendment itself can judge (it needs the current version) must still leave
      // no audited read behind.
      {"record", "amend", record_, "--reason", "typo", "--occurred", "2100-01-01"},
      {"record", "amend", record_, "--reason", "typo", "--what-happened", "fact: a concern on a case note"},
      {"person", "amend", child_, "--reason", "typo", "--upn", "C801200005001"},
      {"person", "amend", child_, "--reason", "typo", "--dob", "2100-01-01"},
      {"chronology", child_, "--from", "last week"},
      {"frobnicate"},
      {"person", "add", "--given", "OnlyGiven"},
      // --input: not JSON, not an object, a field the body does not have, a missing file, and
      // options given beside it.
      {"person", "add", "--input", WriteJson("not json")},
      {"person", "add", "--input", WriteJson(nlohmann::json::array({1, 2}))},
      {"person", "add", "--input", WriteJson({{"kind", "child"}, {"details", {{"given_names", "Una"}, {"family_name", "Known"},
                                                                          {"date_of_birth", "2015-01-01"}}}, {"shoe_size", 3}})},
      {"person", "add", "--input", tmp_.Str("no-such-file.json")},
      {"person", "add", "--given", "Both", "--input", WriteJson({{"kind", "child"}})},
      {"record", "add", "--person", child_, "--summary", "both", "--input",
       WriteJson({{"kind", "case_note"}, {"tier", "general"}, {"occurred_at", "2024-02-01T09:00:00Z"}, {"content", {{"summary", "x"}}}})},
      {"record", "add", "--person", child_, "--input",
       WriteJson({{"kind", "case_note"}, {"occurred_at", "2024-02-01T09:00:00Z"}, {"content", {{"summary", "no tier"}}}})},
      {"record", "amend", record_, "--reason", "both", "--input",
       WriteJson({{"expected_version", 1}, {"reason", "r"}, {"content", {{"summary", "x"}}}})},
      {"record", "amend", record_, "--input", WriteJson({{"expected_version", 0}, {"reason", "r"}, {"content", {{"summary", "x"}}}})},
      {"person", "amend", child_, "--input", WriteJson({{"expected_version", 1}, {"reason", " "}, {"details", {{"given_names", "A"}}}})},
  };
  // Without --as, or without --data, nothing can be written either.
  const std::vector<std::vector<std::string>> bad_raw = {
      {"--data", data_, "person", "add", "--given", "No", "--family", "Actor", "--dob", "2015-01-01"},
      {"--as", "1", "person", "add", "--given", "No", "--family", "Datadir", "--dob", "2015-01-01"},
  };
  auto check = [&](const std::vector<std::string>& args, bool raw) {
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    SCOPED_TRACE(joined);
    const int64_t entries_before = AuditEntries();
    const auto before = Snapshot();
    CliRun run = raw ? RunConfide(args) : Run(args);
    const auto after = Snapshot();
    EXPECT_TRUE(run.exit_code == cli::kExitInvalidInput || run.exit_code == cli::kExitUsage) << Describe(run);
    EXPECT_TRUE(before[0] == after[0]) << "confide.db changed";
    EXPECT_TRUE(before[1] == after[1]) << "confide.db-wal changed (" << before[1].substr(0, 8) << " -> "
                                       << after[1].substr(0, 8) << ")";
    EXPECT_EQ(AuditEntries(), entries_before);
  };
  for (const auto& args : bad) check(args, false);
  for (const auto& args : bad_raw) check(args, true);
  // The control: a good command does change the database.
  const auto before = Snapshot();
  const int64_t entries_before = AuditEntries();
  CliRun good = Run({"person", "add", "--given", "Gwen", "--family", "Good", "--dob", "2015-01-01"});
  ASSERT_EQ(good.exit_code, cli::kExitOk) << Describe(good);
  EXPECT_FALSE(before == Snapshot());
  EXPECT_EQ(AuditEntries(), entries_before + 1);
}

// --input: personal data from a file or standard input, never on the command line, in the API's
// request body format.
TEST_F(CliContractTest, InputFileKeepsPersonalDataOffTheCommandLine) {
  CliRun add = Run({"--json", "person", "add", "--input",
                    WriteJson({{"kind", "child"},
                               {"details", {{"given_names", "Ifan"}, {"family_name", "Inputson"}, {"date_of_birth", "2016-05-04"},
                                            {"address", "1 Quiet Lane"}}}})});
  ASSERT_EQ(add.exit_code, cli::kExitOk) << Describe(add);
  const std::string ifan = std::to_string(nlohmann::json::parse(add.out).at("id").get<int64_t>());

  // Standard input: the search a practitioner would type.
  CliRun found = RunWithStdin({"--json", "person", "find", "--input", "-"}, {{"family_name", "Inputson"}, {"date_of_birth", "2016-05-04"}});
  ASSERT_EQ(found.exit_code, cli::kExitOk) << Describe(found);
  const auto matches = nlohmann::json::parse(found.out);
  ASSERT_EQ(matches.size(), 1u) << found.out;
  EXPECT_EQ(std::to_string(matches[0].at("id").get<int64_t>()), ifan);

  CliRun concern = Run({"--json", "record", "add", "--person", ifan, "--input",
                        WriteJson({{"kind", "safeguarding_concern"},
                                   {"tier", "sensitive"},
                                   {"occurred_at", "2024-03-01T10:30:00Z"},
                                   {"content", {{"summary", "Bruise seen at drop-off"},
                                                {"concern", {{"what_happened", {{{"basis", "fact"}, {"text", "A bruise on the left arm."}}}},
                                                             {"childs_words", "I fell off the trampoline"}}}}}})});
  ASSERT_EQ(concern.exit_code, cli::kExitOk) << Describe(concern);
  const std::string record = std::to_string(nlohmann::json::parse(concern.out).at("id").get<int64_t>());
  auto shown = nlohmann::json::parse(Run({"--json", "record", "show", record}).out);
  EXPECT_EQ(shown.at("summary"), "Bruise seen at drop-off");
  EXPECT_EQ(shown.at("tier"), "sensitive");
  EXPECT_EQ(shown.at("concern").at("childs_words"), "I fell off the trampoline");

  // An amendment by standard input replaces the content and keeps the first version.
  CliRun amend = RunWithStdin({"--json", "record", "amend", record, "--input", "-"},
                              {{"expected_version", 1},
                               {"reason", "Added what was said at pick-up"},
                               {"content", {{"summary", "Bruise seen at drop-off; explained at pick-up"},
                                            {"concern", {{"what_happened", {{{"basis", "fact"}, {"text", "A bruise on the left arm."}}}},
                                                         {"childs_words", "I fell off the trampoline"}}}}}});
  ASSERT_EQ(amend.exit_code, cli::kExitOk) << Describe(amend);
  EXPECT_EQ(nlohmann::json::parse(amend.out).at("version"), 2);
  shown = nlohmann::json::parse(Run({"--json", "record", "show", record}).out);
  EXPECT_EQ(shown.at("summary"), "Bruise seen at drop-off; explained at pick-up");
  EXPECT_EQ(shown.at("amendment_reason"), "Added what was said at pick-up");
  EXPECT_EQ(nlohmann::json::parse(Run({"--json", "record", "show", record, "--version", "1"}).out).at("summary"),
            "Bruise seen at drop-off");
  // The optimistic check holds: version 1 is no longer current.
  CliRun stale = RunWithStdin({"record", "amend", record, "--input", "-"},
                              {{"expected_version", 1}, {"reason", "late"}, {"content", {{"summary", "stale"}}}});
  EXPECT_EQ(stale.exit_code, cli::kExitConflict) << Describe(stale);

  CliRun moved = Run({"--json", "person", "amend", ifan, "--input",
                      WriteJson({{"expected_version", 1},
                                 {"reason", "Moved house"},
                                 {"details", {{"given_names", "Ifan"}, {"family_name", "Inputson"}, {"date_of_birth", "2016-05-04"},
                                              {"address", "2 New Road"}}}})});
  ASSERT_EQ(moved.exit_code, cli::kExitOk) << Describe(moved);
  const auto person = nlohmann::json::parse(Run({"--json", "person", "show", ifan}).out);
  EXPECT_EQ(person.at("address"), "2 New Road");
  EXPECT_EQ(person.at("version"), 2);
}

TEST_F(CliContractTest, KeyRotationKeepsDataReadable) {
  // Another record and an amendment, so there is more than one data key and version.
  CliRun amend = Run({"record", "amend", record_, "--reason", "Added the time", "--text", "At 9.15 Callum showed me his drawings."});
  ASSERT_EQ(amend.exit_code, cli::kExitOk) << Describe(amend);

  auto key_id_of_file = [&](const std::string& path) {
    const std::string line = testing::ReadFileForTest(path);  // "confide-kek-v1 <id> <key>\n"
    const size_t a = line.find(' '), b = line.find(' ', a + 1);
    return a == std::string::npos || b == std::string::npos ? std::string() : line.substr(a + 1, b - a - 1);
  };
  auto table = [&](const std::string& sql) {
    auto db = RawDb::Open(data_ + "/confide.db", true);
    std::vector<std::string> out;
    if (!db) return out;
    for (const auto& row : db->Query(sql)) {
      std::string s;
      for (const auto& v : row) s += std::to_string(v.i) + ":" + v.bytes + "|";
      out.push_back(s);
    }
    return out;
  };
  const std::string kek_path = data_ + "/keys/kek.key";
  const std::string old_id = key_id_of_file(kek_path);
  ASSERT_EQ(old_id.size(), 16u);
  const auto sealed_before = table("SELECT record_id, version, sealed, signature FROM record_versions ORDER BY 1, 2");
  const auto persons_before = table("SELECT person_id, version, sealed FROM person_versions ORDER BY 1, 2");
  const auto wrapped_before = table("SELECT subject_id, kek_id, wrapped_key FROM subject_keys ORDER BY 1");
  ASSERT_GE(sealed_before.size(), 2u);
  CliRun before = Run({"--json", "record", "show", record_});
  ASSERT_EQ(before.exit_code, cli::kExitOk) << Describe(before);

  CliRun rotate = RunAs("1", {"--json", "key", "rotate"});
  ASSERT_EQ(rotate.exit_code, cli::kExitOk) << Describe(rotate);
  const std::string new_id = nlohmann::json::parse(rotate.out).at("key_id").get<std::string>();
  EXPECT_NE(new_id, old_id);
  EXPECT_EQ(key_id_of_file(kek_path), new_id) << "the key file should now hold the new key";
  EXPECT_TRUE(fs::exists(kek_path + ".retired-" + old_id)) << "the old key is kept for old backups";
  EXPECT_FALSE(fs::exists(kek_path + ".next"));
  EXPECT_EQ(fs::status(kek_path).permissions() & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);

  // Still readable, same content.
  CliRun after = Run({"--json", "record", "show", record_});
  ASSERT_EQ(after.exit_code, cli::kExitOk) << Describe(after);
  EXPECT_EQ(nlohmann::json::parse(after.out), nlohmann::json::parse(before.out));
  CliRun person = Run({"--json", "person", "show", child_});
  ASSERT_EQ(person.exit_code, cli::kExitOk) << Describe(person);
  EXPECT_EQ(nlohmann::json::parse(person.out).at("family_name"), "Contractor");
  CliRun history = Run({"record", "show", record_, "--history"});
  EXPECT_EQ(history.exit_code, cli::kExitOk) << Describe(history);
  CliRun find = Run({"--json", "person", "find", "--family", "Contractor", "--dob", "2014-03-02"});
  ASSERT_EQ(find.exit_code, cli::kExitOk) << Describe(find);
  EXPECT_EQ(nlohmann::json::parse(find.out).size(), 1u) << "the blind index survives rotation";
  CliRun verify = Run({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, cli::kExitOk) << Describe(verify);

  // Rotation re-wraps data keys only: sealed record and person bytes are identical.
  EXPECT_EQ(table("SELECT record_id, version, sealed, signature FROM record_versions ORDER BY 1, 2"), sealed_before);
  EXPECT_EQ(table("SELECT person_id, version, sealed FROM person_versions ORDER BY 1, 2"), persons_before);
  const auto wrapped_after = table("SELECT subject_id, kek_id, wrapped_key FROM subject_keys ORDER BY 1");
  ASSERT_EQ(wrapped_after.size(), wrapped_before.size());
  for (size_t i = 0; i < wrapped_after.size(); ++i) {
    EXPECT_NE(wrapped_after[i], wrapped_before[i]) << "subject key " << i << " was not re-wrapped";
    EXPECT_NE(wrapped_after[i].find(new_id), std::string::npos);
  }
  auto db = RawDb::Open(data_ + "/confide.db", true);
  ASSERT_TRUE(db);
  EXPECT_EQ(db->Int("SELECT count(*) FROM org_secrets WHERE kek_id <> ?", {SqlText{new_id}}), 0);
  EXPECT_EQ(db->Int("SELECT count(*) FROM subject_keys WHERE kek_id <> ?", {SqlText{new_id}}), 0);
  db.reset();

  // The retired key no longer opens the data directory.
  fs::rename(kek_path, kek_path + ".new");
  fs::copy_file(kek_path + ".retired-" + old_id, kek_path);
  fs::permissions(kek_path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  CliRun old_key = Run({"staff", "list"});
  EXPECT_EQ(old_key.exit_code, cli::kExitPrecondition) << Describe(old_key);
}

}  // namespace
}  // namespace confide::integration

namespace confide::integration {
namespace {

// Synthetic children must never be mixed into an organisation's real records.
TEST_F(CliContractTest, DemoRefusesADataDirectoryThatHoldsPeople) {
  const int64_t before = AuditEntries();
  CliRun demo = Run({"demo", "--seed", "1"});
  EXPECT_EQ(demo.exit_code, cli::kExitConflict) << Describe(demo);
  EXPECT_NE(demo.err.find("already holds people"), std::string::npos) << Describe(demo);
  EXPECT_EQ(AuditEntries(), before);
  CliRun find = Run({"--json", "person", "find", "--family", "Contractor", "--dob", "2014-03-02"});
  ASSERT_EQ(find.exit_code, cli::kExitOk) << Describe(find);
  EXPECT_EQ(nlohmann::json::parse(find.out).size(), 1u);
}

}  // namespace
}  // namespace confide::integration

namespace confide::integration {
namespace {

// An unquoted name or note splits into stray words; the error must not repeat them.
TEST_F(CliContractTest, CommandLineErrorsNeverEchoWhatWasTyped) {
  CliRun split = Run({"person", "add", "--given", "Amy", "Quillfeather", "--family", "Doe", "--dob", "2019-01-01"});
  EXPECT_EQ(split.exit_code, cli::kExitUsage) << Describe(split);
  EXPECT_EQ(split.err.find("Quillfeather"), std::string::npos) << Describe(split);
  EXPECT_NE(split.err.find("quote values"), std::string::npos) << Describe(split);
  CliRun json = Run({"--json", "record", "add", "--person", child_, "--occurred", "2024-01-01", "--summary", "Disclosed",
                     "harm", "by", "Uncle", "Zebedee"});
  EXPECT_EQ(json.exit_code, cli::kExitUsage) << Describe(json);
  EXPECT_EQ(json.out.find("Zebedee"), std::string::npos) << Describe(json);
  EXPECT_EQ(json.err.find("Zebedee"), std::string::npos) << Describe(json);
  auto j = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << Describe(json);
  EXPECT_EQ(j["error"]["code"], "usage");
  CliRun bad_kind = Run({"person", "add", "--given", "A", "--family", "B", "--kind", "Wolstenholme"});
  EXPECT_EQ(bad_kind.exit_code, cli::kExitUsage) << Describe(bad_kind);
  EXPECT_EQ(bad_kind.err.find("Wolstenholme"), std::string::npos) << Describe(bad_kind);
}

// The consent registry from the command line: a parent's written consent recorded from a file,
// checked (valid), listed, withdrawn (then "withdrawn", never "none"); a record with an unknown
// field or without --input is refused and changes nothing.
TEST_F(CliContractTest, ConsentIsRecordedCheckedAndWithdrawn) {
  CliRun mum = Run({"--json", "person", "add", "--kind", "adult", "--given", "Jo", "--family", "Contractor"});
  ASSERT_EQ(mum.exit_code, cli::kExitOk) << Describe(mum);
  const std::string mum_id = std::to_string(nlohmann::json::parse(mum.out).at("id").get<int64_t>());
  CliRun rel = Run({"relationship", "add", "--child", child_, "--person", mum_id, "--kind", "mother", "--parental-responsibility",
                    "--lives-with"});
  ASSERT_EQ(rel.exit_code, cli::kExitOk) << Describe(rel);
  nlohmann::json consent = {{"given_by_id", std::stoll(mum_id)},
                            {"capacity", "parent_with_parental_responsibility"},
                            {"purposes", {"care_and_support"}},
                            {"recipients", {"health", "school"}},
                            {"categories", {"identity", "health", "education"}},
                            {"explained", {{"why", true}, {"what", true}, {"who_will_see", true}, {"purpose", true}, {"implications", true}}},
                            {"voluntary", true},
                            {"method", "written"},
                            {"evidence", "Consent form signed at registration, in the paper file"},
                            {"given_at", "2024-01-15"},
                            {"privacy_notice_version", "2023-09"}};
  CliRun add = Run({"--json", "consent", "add", "--person", child_, "--input", WriteJson(consent)});
  ASSERT_EQ(add.exit_code, cli::kExitOk) << Describe(add);
  const std::string id = std::to_string(nlohmann::json::parse(add.out).at("id").get<int64_t>());

  auto check = [&] {
    CliRun c = Run({"--json", "consent", "check", child_, "--purpose", "care_and_support", "--recipient", "health", "--category",
                    "identity", "--category", "health"});
    EXPECT_EQ(c.exit_code, cli::kExitOk) << Describe(c);
    return c.exit_code == 0 ? nlohmann::json::parse(c.out) : nlohmann::json::object();
  };
  const nlohmann::json valid = check();
  EXPECT_EQ(valid["consent"], "valid");
  EXPECT_EQ(valid["in_writing"], true);
  CliRun police = Run({"--json", "consent", "check", child_, "--purpose", "care_and_support", "--recipient", "police"});
  ASSERT_EQ(police.exit_code, cli::kExitOk) << Describe(police);
  EXPECT_EQ(nlohmann::json::parse(police.out)["consent"], "none") << "the consent does not cover the police";

  CliRun list = Run({"--json", "consent", "list", child_});
  ASSERT_EQ(list.exit_code, cli::kExitOk) << Describe(list);
  ASSERT_EQ(nlohmann::json::parse(list.out).size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(list.out)[0]["evidence"], "Consent form signed at registration, in the paper file");

  // Refused, changing nothing: an unknown field; no --input; an unknown recipient kind.
  nlohmann::json odd = consent;
  odd["favourite_colour"] = "blue";
  CliRun bad = Run({"--json", "consent", "add", "--person", child_, "--input", WriteJson(odd)});
  EXPECT_EQ(bad.exit_code, cli::kExitInvalidInput) << Describe(bad);
  CliRun no_input = Run({"consent", "add", "--person", child_});
  EXPECT_EQ(no_input.exit_code, cli::kExitUsage) << Describe(no_input);
  CliRun bad_kind = Run({"consent", "check", child_, "--purpose", "care_and_support", "--recipient", "neighbour"});
  EXPECT_EQ(bad_kind.exit_code, cli::kExitInvalidInput) << Describe(bad_kind);
  CliRun still = Run({"--json", "consent", "list", child_});
  EXPECT_EQ(nlohmann::json::parse(still.out).size(), 1u);

  CliRun withdraw = Run({"consent", "withdraw", id, "--by", mum_id});
  ASSERT_EQ(withdraw.exit_code, cli::kExitOk) << Describe(withdraw);
  EXPECT_EQ(check()["consent"], "withdrawn");
  CliRun again = Run({"consent", "withdraw", id, "--by", mum_id});
  EXPECT_EQ(again.exit_code, cli::kExitConflict) << Describe(again);
}

TEST_F(CliContractTest, ASharingRequestIsDecidedBackedAndSentAsAPackage) {
  // A deputy to back what the DSL (staff 2) asks; the MASH with a key of its own, verified.
  for (std::vector<std::string> args : {std::vector<std::string>{"staff", "add", "--role", "deputy_safeguarding_lead", "--team",
                                                                 "Safeguarding", "--name", "Dev Deputy"},
                                        {"training", "add", "--staff", "3", "--course", "confidentiality", "--completed", DaysAgo(30)}}) {
    CliRun setup = RunAs("1", args);
    ASSERT_EQ(setup.exit_code, cli::kExitOk) << Describe(setup);
  }
  const std::string key = tmp_.Str("mash.key");
  CliRun keygen = RunConfide({"--json", "package", "keygen", "--key", key});
  ASSERT_EQ(keygen.exit_code, cli::kExitOk) << Describe(keygen);
  const std::string mash_public = nlohmann::json::parse(keygen.out)["public_key"].get<std::string>();
  CliRun add = Run({"--json", "recipient", "add", "--input",
                    WriteJson({{"kind", "childrens_social_care"}, {"name", "Contract MASH"}, {"public_key", mash_public}})});
  ASSERT_EQ(add.exit_code, cli::kExitOk) << Describe(add);
  const int64_t mash = nlohmann::json::parse(add.out)["id"].get<int64_t>();
  CliRun verify = Run({"recipient", "verify", std::to_string(mash), "--input", WriteJson({{"method", "Call-back to the switchboard"}})});
  ASSERT_EQ(verify.exit_code, cli::kExitOk) << Describe(verify);

  const nlohmann::json referral = {{"person_id", std::stoll(child_)},
                                   {"direction", "outgoing"},
                                   {"recipient_id", mash},
                                   {"purpose", "safeguarding"},
                                   {"categories", {"identity", "case_notes"}},
                                   {"channel", "secure_email"},
                                   {"answers", {"significant_harm", "consent_would_increase_risk", "telling_would_put_at_risk"}},
                                   {"reasons", "Disclosure in school this morning"}};
  CliRun request = Run({"--json", "sharing", "request", "--input", WriteJson(referral)});
  ASSERT_EQ(request.exit_code, cli::kExitOk) << Describe(request);
  const nlohmann::json asked = nlohmann::json::parse(request.out);
  EXPECT_EQ(asked["stage"], "awaiting_approval");
  const std::string id = std::to_string(asked["request"]["id"].get<int64_t>());
  CliRun words = Run({"sharing", "show", id});
  ASSERT_EQ(words.exit_code, cli::kExitOk) << Describe(words);
  EXPECT_NE(words.out.find("Still to approve: designated_person"), std::string::npos) << words.out;

  // It waits on the other designated person's queue, not on the asker's; an administrator has none.
  CliRun queue = RunAs("3", {"--json", "sharing", "awaiting"});
  ASSERT_EQ(queue.exit_code, cli::kExitOk) << Describe(queue);
  const nlohmann::json waiting = nlohmann::json::parse(queue.out);
  EXPECT_EQ(waiting["approver"], true);
  ASSERT_EQ(waiting["requests"].size(), 1u) << queue.out;
  EXPECT_EQ(waiting["requests"][0]["request_id"], asked["request"]["id"]);
  EXPECT_EQ(waiting["requests"][0]["yours"], nlohmann::json::array({"designated_person"}));
  CliRun queue_words = RunAs("3", {"sharing", "awaiting"});
  EXPECT_NE(queue_words.out.find("designated_person"), std::string::npos) << queue_words.out;
  CliRun mine = Run({"sharing", "awaiting"});
  ASSERT_EQ(mine.exit_code, cli::kExitOk) << Describe(mine);
  EXPECT_NE(mine.out.find("Nothing waits for your backing."), std::string::npos) << mine.out;
  CliRun none = RunAs("1", {"sharing", "awaiting"});
  ASSERT_EQ(none.exit_code, cli::kExitOk) << Describe(none);
  EXPECT_NE(none.out.find("Your role backs no decisions to share"), std::string::npos) << none.out;

  const std::string reason = WriteJson({{"reason", "Agreed: refer today"}});
  CliRun own = Run({"sharing", "approve", id, "--approval", "designated_person", "--input", reason});
  EXPECT_EQ(own.exit_code, cli::kExitPermissionDenied) << Describe(own);
  CliRun backed = RunAs("3", {"--json", "sharing", "approve", id, "--approval", "designated_person", "--input", reason});
  ASSERT_EQ(backed.exit_code, cli::kExitOk) << Describe(backed);
  EXPECT_EQ(nlohmann::json::parse(backed.out)["stage"], "ready_to_send");

  CliRun dataset = Run({"sharing", "dataset", id});
  ASSERT_EQ(dataset.exit_code, cli::kExitOk) << Describe(dataset);
  EXPECT_NE(dataset.out.find("Callum"), std::string::npos) << dataset.out;
  const std::string package = tmp_.Str("referral.package");
  CliRun send = Run({"--json", "sharing", "send", id, "--out", package, "--input",
                     WriteJson({{"subject_told", false}, {"not_told_reason", "Telling the family now would put Callum at risk"}})});
  ASSERT_EQ(send.exit_code, cli::kExitOk) << Describe(send);
  EXPECT_EQ(nlohmann::json::parse(send.out)["case"]["stage"], "sent");
  CliRun again = Run({"sharing", "send", id, "--out", tmp_.Str("again.package"), "--input", WriteJson({{"subject_told", false}})});
  EXPECT_EQ(again.exit_code, cli::kExitConflict) << Describe(again);

  // The MASH opens it with its own key, trusting the council's key it was given.
  CliRun head = Run({"--json", "audit", "head"});
  ASSERT_EQ(head.exit_code, cli::kExitOk) << Describe(head);
  CliRun open = RunConfide({"--json", "package", "open", package, "--key", key, "--sender-key",
                            nlohmann::json::parse(head.out)["public_key"].get<std::string>(), "--receipts", tmp_.Str("receipts"),
                            "--out", tmp_.Str("opened")});
  ASSERT_EQ(open.exit_code, cli::kExitOk) << Describe(open);
  CliRun list = Run({"--json", "sharing", "list", child_});
  ASSERT_EQ(list.exit_code, cli::kExitOk) << Describe(list);
  ASSERT_EQ(nlohmann::json::parse(list.out).size(), 1u);

  // Refused, changing nothing: an unknown field, an answer Confide works out itself.
  nlohmann::json odd = referral;
  odd["verified"] = true;
  CliRun bad = Run({"sharing", "request", "--input", WriteJson(odd)});
  EXPECT_EQ(bad.exit_code, cli::kExitInvalidInput) << Describe(bad);
  odd = referral;
  odd["answers"] = {"verified"};
  CliRun claimed = Run({"sharing", "request", "--input", WriteJson(odd)});
  EXPECT_EQ(claimed.exit_code, cli::kExitInvalidInput) << Describe(claimed);
  CliRun still = Run({"--json", "sharing", "list", child_});
  EXPECT_EQ(nlohmann::json::parse(still.out).size(), 1u);

  // The package sent, fetched again from the register: the same bytes, never over a file, and
  // only for those who may send it.
  CliRun shown = Run({"--json", "sharing", "show", id});
  ASSERT_EQ(shown.exit_code, cli::kExitOk) << Describe(shown);
  const std::string disclosure = std::to_string(nlohmann::json::parse(shown.out)["disclosures"][0]["id"].get<int64_t>());
  const std::string copy = tmp_.Str("copy.package");
  CliRun fetched = Run({"--json", "sharing", "package", "--request", id, "--disclosure", disclosure, "--out", copy});
  ASSERT_EQ(fetched.exit_code, cli::kExitOk) << Describe(fetched);
  EXPECT_EQ(nlohmann::json::parse(fetched.out)["package_id"], nlohmann::json::parse(send.out)["package_id"]);
  EXPECT_EQ(testing::ReadFileForTest(copy), testing::ReadFileForTest(package));
  EXPECT_EQ(fs::status(copy).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  CliRun over = Run({"sharing", "package", "--request", id, "--disclosure", disclosure, "--out", copy});
  EXPECT_EQ(over.exit_code, cli::kExitConflict) << Describe(over);
  EXPECT_EQ(testing::ReadFileForTest(copy), testing::ReadFileForTest(package));
  // Nor through a symbolic link someone left at the path, even to a file that does not exist yet.
  const std::string planted = tmp_.Str("planted-link.package"), target = tmp_.Str("link-target.package");
  fs::create_symlink(target, planted);
  CliRun linked = Run({"sharing", "package", "--request", id, "--disclosure", disclosure, "--out", planted});
  EXPECT_EQ(linked.exit_code, cli::kExitConflict) << Describe(linked);
  EXPECT_FALSE(fs::exists(target));
  CliRun admin = RunAs("1", {"sharing", "package", "--request", id, "--disclosure", disclosure, "--out", tmp_.Str("admin.package")});
  EXPECT_EQ(admin.exit_code, cli::kExitNotFound) << Describe(admin);
  EXPECT_FALSE(fs::exists(tmp_.Str("admin.package")));

  // A package that could not be written after the commit is not lost, and not sent twice: the
  // message names the command that fetches it.
  CliRun second = Run({"--json", "sharing", "request", "--input", WriteJson(referral)});
  ASSERT_EQ(second.exit_code, cli::kExitOk) << Describe(second);
  const std::string second_id = std::to_string(nlohmann::json::parse(second.out)["request"]["id"].get<int64_t>());
  CliRun second_backed = RunAs("3", {"sharing", "approve", second_id, "--approval", "designated_person", "--input", reason});
  ASSERT_EQ(second_backed.exit_code, cli::kExitOk) << Describe(second_backed);
  CliRun lost = Run({"sharing", "send", second_id, "--out", tmp_.Str("no-such-folder/referral.package"), "--input",
                     WriteJson({{"subject_told", false}, {"not_told_reason", "Telling the family now would put Callum at risk"}})});
  EXPECT_EQ(lost.exit_code, cli::kExitIoError) << Describe(lost);
  CliRun recorded = Run({"--json", "sharing", "show", second_id});
  ASSERT_EQ(recorded.exit_code, cli::kExitOk) << Describe(recorded);
  const nlohmann::json second_case = nlohmann::json::parse(recorded.out);
  EXPECT_EQ(second_case["stage"], "sent") << "the disclosure was recorded";
  ASSERT_EQ(second_case["disclosures"].size(), 1u);
  const std::string second_disclosure = std::to_string(second_case["disclosures"][0]["id"].get<int64_t>());
  EXPECT_NE(lost.err.find("confide sharing package --request " + second_id + " --disclosure " + second_disclosure + " --out FILE"),
            std::string::npos)
      << lost.err;
  EXPECT_EQ(lost.err.find("Callum"), std::string::npos) << lost.err;
  const std::string recovered = tmp_.Str("recovered.package");
  CliRun fetch_lost = Run({"sharing", "package", "--request", second_id, "--disclosure", second_disclosure, "--out", recovered});
  ASSERT_EQ(fetch_lost.exit_code, cli::kExitOk) << Describe(fetch_lost);
  CliRun open_recovered = RunConfide({"--json", "package", "open", recovered, "--key", key, "--sender-key",
                                      nlohmann::json::parse(head.out)["public_key"].get<std::string>(), "--receipts", tmp_.Str("receipts"),
                                      "--out", tmp_.Str("opened-recovered")});
  EXPECT_EQ(open_recovered.exit_code, cli::kExitOk) << Describe(open_recovered);
  // One request's disclosure asked for through another is absent.
  CliRun crossed = Run({"sharing", "package", "--request", second_id, "--disclosure", disclosure, "--out", tmp_.Str("crossed.package")});
  EXPECT_EQ(crossed.exit_code, cli::kExitNotFound) << Describe(crossed);
  EXPECT_FALSE(fs::exists(tmp_.Str("crossed.package")));
}

}  // namespace
}  // namespace confide::integration
