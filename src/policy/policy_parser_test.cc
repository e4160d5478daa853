// Parsing policy files and every validation problem, with the line it is reported on.
#include <gtest/gtest.h>

#include <string>

#include "policy/access_policy.h"
#include "policy/policy_test_util.h"
#include "testing/test_util.h"

namespace confide::policy {
namespace {

// Line numbers below count from the first line of kHeader.
constexpr const char* kHeader = R"([policy]
name = "Test policy"
version = "7"
)";

constexpr const char* kRule = R"(
[[rule]]
id = "allocated-read"
roles = ["practitioner"]
relations = ["allocated"]
actions = ["record.read"]
tiers = ["general"]
says = "Allocated practitioners read general records."
)";

std::string Message(const std::string& text) {
  Result<AccessPolicy> p = AccessPolicy::Parse(text, "test.toml");
  EXPECT_FALSE(p.ok()) << "parsed, but should not have:\n" << text;
  if (p.ok()) return "";
  EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument);
  return p.status().message();
}

void ExpectProblem(const std::string& text, const std::string& expected) {
  const std::string msg = Message(text);
  EXPECT_NE(msg.find(expected), std::string::npos) << "expected: " << expected << "\ngot: " << msg;
}

TEST(PolicyParserTest, MinimalPolicyParses) {
  ASSERT_OK_AND_ASSIGN(AccessPolicy p, AccessPolicy::Parse(std::string(kHeader) + kRule, "test.toml"));
  EXPECT_EQ(p.name(), "Test policy");
  EXPECT_EQ(p.version(), "7");
  EXPECT_EQ(p.training_mode(), TrainingMode::kDeny);  // defaults: the safe choices
  EXPECT_FALSE(p.team_access());
  EXPECT_EQ(p.break_glass_minutes(), 60);
  EXPECT_TRUE(p.required_training().empty());
  EXPECT_EQ(p.digest().substr(0, 8), "fnv1a64:");
  EXPECT_EQ(p.digest().size(), 8u + 16u);
  using testing::Req;
  EXPECT_TRUE(p.Decide(Req(domain::StaffRole::kPractitioner, Action::kRecordRead, Relation::kAllocated)).allowed);
  EXPECT_FALSE(p.Decide(Req(domain::StaffRole::kPractitioner, Action::kRecordRead, Relation::kTeam)).allowed);
}

TEST(PolicyParserTest, SettingsAreRead) {
  const std::string text = R"([policy]
name = "N"
version = "v"
training = "flag"
team_access = true
break_glass_minutes = 15
required_training = ["confidentiality", "safeguarding"]
)" + std::string(kRule);
  ASSERT_OK_AND_ASSIGN(AccessPolicy p, AccessPolicy::Parse(text, "test.toml"));
  EXPECT_EQ(p.training_mode(), TrainingMode::kFlag);
  EXPECT_TRUE(p.team_access());
  EXPECT_EQ(p.break_glass_minutes(), 15);
  EXPECT_EQ(p.required_training(), (std::vector<std::string>{"confidentiality", "safeguarding"}));
}

TEST(PolicyParserTest, DifferentTextsHaveDifferentDigests) {
  ASSERT_OK_AND_ASSIGN(AccessPolicy a, AccessPolicy::Parse(std::string(kHeader) + kRule, "a.toml"));
  ASSERT_OK_AND_ASSIGN(AccessPolicy b, AccessPolicy::Parse(std::string(kHeader) + kRule + "\n", "b.toml"));
  EXPECT_NE(a.digest(), b.digest());
}

TEST(PolicyParserTest, GateConditionsInlineOrDotted) {
  const std::string text = std::string(kHeader) + R"(
[[gate]]
id = "no-volunteers-export"
when = { roles = ["volunteer"], actions = ["record.export"] }
effect = "deny"
says = "Volunteers never export."
[[gate]]
id = "flag-exports"
when.actions = ["record.export"]
when.tiers = ["sensitive", "restricted"]
effect = "flag"
says = "Sensitive exports are reviewed."
[[rule]]
id = "exports"
roles = ["volunteer", "social_worker"]
relations = ["allocated"]
actions = ["record.export"]
tiers = ["general", "sensitive"]
says = "Allocated staff export."
)";
  ASSERT_OK_AND_ASSIGN(AccessPolicy p, AccessPolicy::Parse(text, "test.toml"));
  using testing::Req;
  const Decision& v = p.Decide(Req(domain::StaffRole::kVolunteer, Action::kRecordExport, Relation::kAllocated));
  EXPECT_FALSE(v.allowed);
  EXPECT_EQ(v.rule_id, "no-volunteers-export");
  const Decision& s = p.Decide(
      Req(domain::StaffRole::kSocialWorker, Action::kRecordExport, Relation::kAllocated, domain::SensitivityTier::kSensitive));
  EXPECT_TRUE(s.allowed);
  EXPECT_TRUE(s.flagged);
  ASSERT_EQ(s.chain.size(), 2u);
  EXPECT_EQ(s.chain[0].id, "flag-exports");
  EXPECT_EQ(s.chain[1].id, "exports");
  const Decision& g = p.Decide(Req(domain::StaffRole::kSocialWorker, Action::kRecordExport, Relation::kAllocated));
  EXPECT_TRUE(g.allowed);
  EXPECT_FALSE(g.flagged);
}

TEST(PolicyParserTest, TomlSyntaxErrorNamesTheLine) {
  ExpectProblem(std::string(kHeader) + "[[rule]\nid = \"x\"\n", "test.toml:4: not valid TOML");
}

TEST(PolicyParserTest, DuplicateKeyIsASyntaxError) {
  ExpectProblem(std::string(kHeader) + "name = \"again\"\n" + kRule, "test.toml:4: not valid TOML");
}

TEST(PolicyParserTest, UnknownTopLevelSection) {
  ExpectProblem(std::string(kHeader) + kRule + "[colours]\nred = 1\n",
                "test.toml:12: unknown section or key \"colours\" (a policy has [policy], [[gate]] and [[rule]])");
}

TEST(PolicyParserTest, UnknownPolicySetting) {
  ExpectProblem("[policy]\nname = \"N\"\nversion = \"1\"\nteam_acess = true\n" + std::string(kRule),
                "test.toml:4: [policy]: unknown key \"team_acess\"");
}

TEST(PolicyParserTest, UnknownRuleKeyAndTheMissingOneItHid) {
  const std::string msg = Message(std::string(kHeader) + R"(
[[rule]]
id = "r"
role = ["practitioner"]
actions = ["staff.read"]
says = "x"
)");
  EXPECT_NE(msg.find("test.toml:7: rule \"r\": unknown key \"role\""), std::string::npos) << msg;
  EXPECT_NE(msg.find("test.toml:5: rule \"r\": roles missing"), std::string::npos) << msg;
  EXPECT_NE(msg.find("2 problems in the access policy test.toml:"), std::string::npos) << msg;
}

TEST(PolicyParserTest, UnknownNamesAreReportedWithTheKnownOnes) {
  const std::string msg = Message(std::string(kHeader) + R"(
[[rule]]
id = "r"
roles = ["practioner"]
relations = ["allocate"]
actions = ["record.view"]
tiers = ["secret"]
says = "x"
)");
  EXPECT_NE(msg.find("test.toml:7: rule \"r\": unknown role \"practioner\" (roles are: practitioner, key_person,"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("test.toml:8: rule \"r\": unknown relation \"allocate\" (relations are: allocated, team, "
                     "break_glass, none)"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("test.toml:9: rule \"r\": unknown action \"record.view\""), std::string::npos) << msg;
  EXPECT_NE(msg.find("test.toml:10: rule \"r\": unknown tier \"secret\" (tiers are: general, sensitive, restricted)"),
            std::string::npos)
      << msg;
  // Reported in file order, although toml++ keeps keys sorted by name.
  EXPECT_LT(msg.find(":7:"), msg.find(":8:"));
  EXPECT_LT(msg.find(":9:"), msg.find(":10:"));
}

TEST(PolicyParserTest, UnknownTrainingState) {
  ExpectProblem(std::string(kHeader) + R"(
[[gate]]
id = "g"
when.training = ["expired"]
says = "x"
)" + kRule,
                "test.toml:7: gate \"g\" when: unknown training state \"expired\"");
}

TEST(PolicyParserTest, DuplicateIdsAcrossGatesAndRules) {
  ExpectProblem(std::string(kHeader) + R"(
[[gate]]
id = "allocated-read"
when.active = false
effect = "deny"
says = "x"
)" + kRule,
                "test.toml:12: rule \"allocated-read\": id already used on line 6");
}

TEST(PolicyParserTest, EmptyList) {
  ExpectProblem(std::string(kHeader) + R"(
[[rule]]
id = "r"
roles = []
actions = ["staff.read"]
says = "x"
)",
                "test.toml:7: rule \"r\": roles is empty; name at least one");
}

TEST(PolicyParserTest, NameListedTwice) {
  ExpectProblem(std::string(kHeader) + R"(
[[rule]]
id = "r"
roles = ["auditor", "auditor"]
actions = ["staff.read"]
says = "x"
)",
                "test.toml:7: rule \"r\": role \"auditor\" is listed twice");
}

TEST(PolicyParserTest, ListMustHoldNames) {
  ExpectProblem(std::string(kHeader) + R"(
[[rule]]
id = "r"
roles = "auditor"
actions = ["staff.read", 3]
says = "x"
)",
                "test.toml:7: rule \"r\": roles must be a list of names");
  ExpectProblem(std::string(kHeader) + R"(
[[rule]]
id = "r"
roles = ["auditor"]
actions = ["staff.read", 3]
says = "x"
)",
                "test.toml:8: rule \"r\": actions must hold names in quotes");
}

TEST(PolicyParserTest, MissingSays) {
  ExpectProblem(std::string(kHeader) + R"(
[[rule]]
id = "r"
roles = ["auditor"]
actions = ["audit.read"]
)",
                "test.toml:5: rule \"r\": says missing");
}

TEST(PolicyParserTest, SaysMustBeOneShortLine) {
  ExpectProblem(std::string(kHeader) + R"(
[[rule]]
id = "r"
roles = ["auditor"]
actions = ["audit.read"]
says = """two
lines"""
)",
                "test.toml:9: rule \"r\": says must be one line");
  ExpectProblem(std::string(kHeader) + "\n[[rule]]\nid = \"r\"\nroles = [\"auditor\"]\nactions = [\"audit.read\"]\nsays = \"" +
                    std::string(401, 'a') + "\"\n",
                "test.toml:9: rule \"r\": says is longer than 400 characters");
  ExpectProblem(std::string(kHeader) + "\n[[rule]]\nid = \"r\"\nroles = [\"auditor\"]\nactions = [\"audit.read\"]\nsays = \"  \"\n",
                "test.toml:9: rule \"r\": says is empty");
}

TEST(PolicyParserTest, RelationsOnActionsWithoutAPerson) {
  ExpectProblem(std::string(kHeader) + R"(
[[rule]]
id = "r"
roles = ["administrator"]
relations = ["none"]
actions = ["staff.read", "staff.manage", "allocation.manage"]
says = "x"
)",
                "test.toml:8: rule \"r\": relations given, but staff.read, staff.manage never concern a person; put them "
                "in a rule without relations");
}

TEST(PolicyParserTest, RelationsMissingForPersonActions) {
  ExpectProblem(std::string(kHeader) + R"(
[[rule]]
id = "r"
roles = ["administrator"]
actions = ["person.read"]
says = "x"
)",
                "test.toml:5: rule \"r\": relations missing");
  // access_log.read is sometimes about a person, so it needs relations too.
  ExpectProblem(std::string(kHeader) + R"(
[[rule]]
id = "r"
roles = ["auditor"]
actions = ["access_log.read"]
says = "x"
)",
                "test.toml:5: rule \"r\": relations missing");
}

TEST(PolicyParserTest, TiersMustFitTheActions) {
  ExpectProblem(std::string(kHeader) + R"(
[[rule]]
id = "r"
roles = ["practitioner"]
relations = ["allocated"]
actions = ["person.read"]
tiers = ["general"]
says = "x"
)",
                "test.toml:10: rule \"r\": tiers given, but none of its actions has a tier");
  ExpectProblem(std::string(kHeader) + R"(
[[rule]]
id = "r"
roles = ["practitioner"]
relations = ["allocated"]
actions = ["person.read", "chronology.read"]
says = "x"
)",
                "test.toml:5: rule \"r\": tiers missing: chronology.read need the tiers it covers");
}

TEST(PolicyParserTest, GateEffects) {
  ExpectProblem(std::string(kHeader) + R"(
[[gate]]
id = "g"
when.training = ["lapsed"]
effect = "deny"
says = "x"
)" + kRule,
                "test.toml:8: gate \"g\": a gate that tests training takes its effect from [policy] training");
  ExpectProblem(std::string(kHeader) + R"(
[[gate]]
id = "g"
when.active = false
says = "x"
)" + kRule,
                "test.toml:5: gate \"g\": effect missing (\"deny\" or \"flag\")");
  ExpectProblem(std::string(kHeader) + R"(
[[gate]]
id = "g"
when.active = false
effect = "warn"
says = "x"
)" + kRule,
                "test.toml:8: gate \"g\": effect must be \"deny\" or \"flag\"");
}

TEST(PolicyParserTest, GateConditions) {
  ExpectProblem(std::string(kHeader) + R"(
[[gate]]
id = "g"
when = {}
effect = "deny"
says = "x"
)" + kRule,
                "test.toml:7: gate \"g\": when names no condition");
  ExpectProblem(std::string(kHeader) + R"(
[[gate]]
id = "g"
when.enabled = false
effect = "deny"
says = "x"
)" + kRule,
                "test.toml:7: gate \"g\" when: unknown key \"enabled\"");
  ExpectProblem(std::string(kHeader) + R"(
[[gate]]
id = "g"
when.active = "no"
effect = "deny"
says = "x"
)" + kRule,
                "test.toml:7: gate \"g\" when: active must be true or false");
  ExpectProblem(std::string(kHeader) + R"(
[[gate]]
id = "g"
effect = "deny"
says = "x"
)" + kRule,
                "test.toml:5: gate \"g\": when missing");
}

TEST(PolicyParserTest, SingleBracketBlocks) {
  ExpectProblem(std::string(kHeader) + R"(
[rule]
id = "r"
)",
                "test.toml:5: rule must be written [[rule]], one block per rule");
}

TEST(PolicyParserTest, PolicySectionRequired) {
  const std::string msg = Message(kRule);
  EXPECT_NE(msg.find("test.toml:1: missing [policy] section"), std::string::npos) << msg;
  ExpectProblem("[policy]\nversion = \"1\"\n" + std::string(kRule), "test.toml:1: [policy]: name missing");
  ExpectProblem("[policy]\nname = \"N\"\n" + std::string(kRule), "test.toml:1: [policy]: version missing");
  ExpectProblem("[policy]\nname = 'The \"best\" policy'\nversion = \"1\"\n" + std::string(kRule),
                "test.toml:2: [policy]: name must not contain double quotes");
}

TEST(PolicyParserTest, APolicyWithoutRulesWouldDenyEverything) {
  ExpectProblem(kHeader, "test.toml: no [[rule]]: this policy would deny everything");
}

TEST(PolicyParserTest, BadSettings) {
  ExpectProblem(std::string(kHeader) + "training = \"warn\"\n" + kRule,
                "test.toml:4: [policy]: training must be \"deny\" or \"flag\"");
  ExpectProblem(std::string(kHeader) + "break_glass_minutes = 0\n" + kRule,
                "test.toml:4: [policy]: break_glass_minutes must be a whole number from 1 to 1440");
  ExpectProblem(std::string(kHeader) + "break_glass_minutes = \"sixty\"\n" + kRule,
                "test.toml:4: [policy]: break_glass_minutes must be a whole number");
  ExpectProblem(std::string(kHeader) + "team_access = \"yes\"\n" + kRule,
                "test.toml:4: [policy]: team_access must be true or false");
  ExpectProblem(std::string(kHeader) + "required_training = [\"Data Protection\"]\n" + kRule,
                "test.toml:4: [policy]: required_training holds course names");
  ExpectProblem(std::string(kHeader) + "required_training = [\"a\", \"a\"]\n" + kRule,
                "test.toml:4: [policy]: course \"a\" is listed twice");
  ExpectProblem("[policy]\nname = \"two\nlines\"\nversion = \"1\"\n" + std::string(kRule), "test.toml:2: not valid TOML");
}

TEST(PolicyParserTest, IdsAreShortLowerCaseWords) {
  ExpectProblem(std::string(kHeader) + R"(
[[rule]]
id = "Allocated Staff"
roles = ["auditor"]
actions = ["audit.read"]
says = "x"
)",
                "test.toml:6: rule #1: id must be lower-case letters, digits, '-' and '_'");
  ExpectProblem(std::string(kHeader) + R"(
[[rule]]
roles = ["auditor"]
actions = ["audit.read"]
says = "x"
)",
                "test.toml:5: rule #1: id missing");
}

TEST(PolicyParserTest, ManyProblemsAreReportedAtOnce) {
  const std::string msg = Message(R"([policy]
name = "N"
version = "1"
training = "sometimes"

[[gate]]
id = "g"
when.active = false
says = "x"

[[rule]]
id = "g"
roles = ["nobody"]
actions = ["person.read"]
)");
  EXPECT_NE(msg.find("6 problems in the access policy test.toml:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("test.toml:4: [policy]: training must be"), std::string::npos) << msg;
  EXPECT_NE(msg.find("test.toml:6: gate \"g\": effect missing"), std::string::npos) << msg;
  EXPECT_NE(msg.find("test.toml:11: rule \"g\": says missing"), std::string::npos) << msg;
  EXPECT_NE(msg.find("test.toml:11: rule \"g\": relations missing"), std::string::npos) << msg;
  EXPECT_NE(msg.find("test.toml:12: rule \"g\": id already used on line 7"), std::string::npos) << msg;
  EXPECT_NE(msg.find("test.toml:13: rule \"g\": unknown role \"nobody\""), std::string::npos) << msg;
}

TEST(PolicyParserTest, LoadFileReportsAMissingFile) {
  Result<AccessPolicy> p = AccessPolicy::LoadFile("/nonexistent/access-policy.toml");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kNotFound);
}

TEST(PolicyParserTest, LoadFileNamesTheFileInProblems) {
  confide::testing::TempDir dir;
  const std::string path = dir.Str("policy.toml");
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("[policy]\nname = 1\n", f);
    std::fclose(f);
  }
  Result<AccessPolicy> p = AccessPolicy::LoadFile(path);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find(path + ":2: [policy]: name must be text in quotes"), std::string::npos)
      << p.status().message();
}

}  // namespace
}  // namespace confide::policy
