#include "governance/governance_policy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "testing/test_util.h"

namespace confide::governance {
namespace {

using domain::CivilDate;

bool Contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// Seven lines: the table at line L, then id, name, basis, start, years and review_months.
std::string ClassToml(const std::string& id, const std::string& start, int years, int review_months) {
  return "[[retention_class]]\nid = \"" + id + "\"\nname = \"Name of " + id + "\"\nbasis = \"Basis of " + id +
         "\"\nstart = \"" + start + "\"\nyears = " + std::to_string(years) +
         "\nreview_months = " + std::to_string(review_months) + "\n";
}

// A valid file of 36 lines: version at line 1, the five automatic classes (class k's table at line
// 2 + 7k, its years at 7 + 7k). Text appended starts at line 37.
std::string Minimal() {
  return "version = 1\n" + ClassToml("looked_after_child", "date_of_birth", 75, 6) +
         ClassToml("child_protection", "date_of_birth", 25, 6) + ClassToml("child", "date_of_birth", 25, 6) +
         ClassToml("family_member", "linked_children", 0, 0) + ClassToml("adult", "last_activity", 6, 6);
}

// The error a text gives, or a test failure.
std::string ErrorOf(const std::string& text) {
  Result<GovernancePolicy> r = ParseGovernancePolicy(text, "test.toml");
  EXPECT_FALSE(r.ok()) << "parsed, but should not have";
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  return r.status().message();
}

TEST(GovernancePolicyTest, TheDefaultParsesWithTheSevenClasses) {
  const GovernancePolicy& policy = DefaultGovernancePolicy();
  EXPECT_OK(ValidateRetentionSchedule(policy.retention));
  EXPECT_TRUE(policy.bank_holidays.additions.empty());
  EXPECT_TRUE(policy.bank_holidays.moves.empty());
  using Expected = std::tuple<std::string, RetentionStart, int, int>;
  const std::vector<Expected> expected = {
      {"looked_after_child", RetentionStart::kDateOfBirth, 75, 6},
      {"child_protection", RetentionStart::kDateOfBirth, 25, 6},
      {"child", RetentionStart::kDateOfBirth, 25, 6},
      {"family_member", RetentionStart::kLinkedChildren, 0, 0},
      {"adult", RetentionStart::kLastActivity, 6, 6},
      {"adoption", RetentionStart::kTriggerDate, 100, 6},
      {"foster_carer", RetentionStart::kTriggerDate, 10, 6},
  };
  ASSERT_EQ(policy.retention.classes.size(), expected.size());
  for (const auto& [id, start, years, review] : expected) {
    const RetentionClass* c = policy.retention.Find(id);
    ASSERT_NE(c, nullptr) << id;
    EXPECT_EQ(c->start, start) << id;
    EXPECT_EQ(c->years, years) << id;
    EXPECT_EQ(c->review_months, review) << id;
    EXPECT_FALSE(c->name.empty()) << id;
    EXPECT_FALSE(c->basis.empty()) << id;
  }
  EXPECT_TRUE(Contains(policy.retention.Find("looked_after_child")->basis, "regulation 50"));
  EXPECT_TRUE(Contains(policy.retention.Find("adoption")->basis, "Adoption Agencies Regulations 2005, regulation 42"));
  EXPECT_TRUE(Contains(policy.retention.Find("foster_carer")->basis, "regulation 32"));
}

TEST(GovernancePolicyTest, TheEmbeddedDefaultIsTheFileInTheSourceTree) {
  const std::string on_disk =
      confide::testing::ReadFileForTest(confide::testing::SourceDir() / "config/policy/governance-policy.toml");
  ASSERT_FALSE(on_disk.empty());
  EXPECT_EQ(std::string(DefaultGovernancePolicyToml()), on_disk);
}

TEST(GovernancePolicyTest, TheMinimalFileParses) {
  ASSERT_OK_AND_ASSIGN(GovernancePolicy p, ParseGovernancePolicy(Minimal(), "test.toml"));
  ASSERT_EQ(p.retention.classes.size(), 5u);
  EXPECT_EQ(p.retention.classes[3].id, "family_member");
  EXPECT_EQ(p.retention.classes[3].name, "Name of family_member");
  EXPECT_EQ(p.retention.classes[3].basis, "Basis of family_member");
  EXPECT_EQ(p.retention.classes[3].start, RetentionStart::kLinkedChildren);
}

TEST(GovernancePolicyTest, AnUnknownKeyIsAnErrorAtItsLine) {
  const std::string top = ErrorOf("retention = 5\n" + Minimal());
  EXPECT_TRUE(Contains(top, "test.toml:1: the file: unknown key \"retention\"")) << top;

  const std::string in_class =
      ErrorOf(Minimal() + ClassToml("adoption", "trigger_date", 100, 6) + "colour = \"red\"\n");
  EXPECT_TRUE(Contains(in_class, "test.toml:44:")) << in_class;
  EXPECT_TRUE(Contains(in_class, "unknown key \"colour\"")) << in_class;

  const std::string in_holiday =
      ErrorOf(Minimal() + "[[bank_holiday]]\ndate = \"2026-03-17\"\nname = \"St Patrick's Day\"\nregion = \"ni\"\n");
  EXPECT_TRUE(Contains(in_holiday, "test.toml:40:")) << in_holiday;
  EXPECT_TRUE(Contains(in_holiday, "unknown key \"region\"")) << in_holiday;
}

TEST(GovernancePolicyTest, EveryProblemIsReportedTogetherInLineOrder) {
  const std::string text = "version = 1\n" + ClassToml("looked_after_child", "date_of_birth", 200, 6) +
                           ClassToml("child_protection", "birthday", 25, 6) +
                           ClassToml("child", "date_of_birth", 25, -1) +
                           ClassToml("family_member", "linked_children", 0, 0);  // no adult class
  const std::string msg = ErrorOf(text);
  EXPECT_TRUE(Contains(msg, "4 problems in the governance policy test.toml:")) << msg;
  const size_t years =
      msg.find("test.toml:7: retention class \"looked_after_child\": years is 200; it must be 0 to 150");
  const size_t start = msg.find("test.toml:13: retention class \"child_protection\": start must be one of");
  const size_t review = msg.find("test.toml:22: retention class \"child\": review_months is -1");
  const size_t adult = msg.find("test.toml: the retention schedule has no class \"adult\"");
  ASSERT_NE(years, std::string::npos) << msg;
  ASSERT_NE(start, std::string::npos) << msg;
  ASSERT_NE(review, std::string::npos) << msg;
  ASSERT_NE(adult, std::string::npos) << msg;
  // Missing classes (no line) first, then in line order.
  EXPECT_LT(adult, years);
  EXPECT_LT(years, start);
  EXPECT_LT(start, review);
  // child_protection was not read, but it was written: it is not also reported as missing.
  EXPECT_FALSE(Contains(msg, "no class \"child_protection\"")) << msg;
}

TEST(GovernancePolicyTest, FieldProblemsInAClass) {
  std::string text = Minimal();
  text.replace(text.find("years = 6\n"), 10, "years = \"six\"\n");  // the adult class, line 35
  const std::string six = ErrorOf(text);
  EXPECT_TRUE(Contains(six, "test.toml:35: retention class \"adult\": years must be a whole number")) << six;
  EXPECT_FALSE(Contains(six, "problems")) << "one problem only: " << six;

  text = Minimal();
  text.replace(text.find("basis = \"Basis of child\"\n"), 25, "");  // class 2's table is at line 16
  const std::string no_basis = ErrorOf(text);
  EXPECT_TRUE(Contains(no_basis, "test.toml:16: retention class \"child\": basis is missing")) << no_basis;

  const std::string dup = ErrorOf(Minimal() + ClassToml("child", "date_of_birth", 18, 6));
  EXPECT_TRUE(Contains(dup, "test.toml:38: retention class \"child\": the id is used by an earlier class too")) << dup;

  const std::string bad_id = ErrorOf(Minimal() + ClassToml("Adoption", "trigger_date", 100, 6));
  EXPECT_TRUE(Contains(bad_id, "test.toml:38: retention class \"Adoption\": the id must be")) << bad_id;

  text = "version = 1\n" + ClassToml("looked_after_child", "date_of_birth", 75, 6) +
         ClassToml("child_protection", "date_of_birth", 25, 6) + ClassToml("child", "trigger_date", 25, 6) +
         ClassToml("family_member", "linked_children", 0, 0) + ClassToml("adult", "last_activity", 6, 6);
  const std::string trigger = ErrorOf(text);  // the child class's start, line 20
  EXPECT_TRUE(Contains(
      trigger,
      "test.toml:20: retention class \"child\": a class Confide assigns by itself cannot start from trigger_date"))
      << trigger;
}

TEST(GovernancePolicyTest, RetentionClassMustBeAnArrayOfTables) {
  const std::string msg = ErrorOf("version = 1\n[retention_class]\nid = \"child\"\n");
  EXPECT_TRUE(Contains(msg, "retention_class must be written [[retention_class]]")) << msg;
}

TEST(GovernancePolicyTest, OnlyVersionOneIsRead) {
  std::string two = Minimal();
  two.replace(0, 11, "version = 2");
  EXPECT_TRUE(Contains(ErrorOf(two), "test.toml:1: version must be 1"));
  std::string text = Minimal();
  text.replace(0, 11, "version = \"1\"");
  EXPECT_TRUE(Contains(ErrorOf(text), "test.toml:1: version must be 1"));
  const std::string missing = ErrorOf(Minimal().substr(12));
  EXPECT_TRUE(Contains(missing, "test.toml: version is missing")) << missing;
}

TEST(GovernancePolicyTest, ASyntaxErrorNamesItsLine) {
  const std::string msg = ErrorOf(Minimal() + "\n\nyears = = 3\n");
  EXPECT_TRUE(Contains(msg, "test.toml:39:")) << msg;
}

TEST(GovernancePolicyTest, AnAddedBankHolidayIsInTheCalendar) {
  const CivilDate st_patrick{2026, 3, 17};
  ASSERT_OK_AND_ASSIGN(GovernancePolicy p,
                       ParseGovernancePolicy(std::string(DefaultGovernancePolicyToml()) +
                                                 "[[bank_holiday]]\ndate = \"2026-03-17\"\n"
                                                 "name = \"St Patrick's Day (Northern Ireland)\"\n"
                                                 "[[bank_holiday]]\ndate = 2026-11-30\nname = \"St Andrew's Day\"\n",
                                             "test.toml"));
  ASSERT_EQ(p.bank_holidays.additions.size(), 2u);
  EXPECT_EQ(p.bank_holidays.additions[0].date, st_patrick);
  EXPECT_EQ(p.bank_holidays.additions[0].name, "St Patrick's Day (Northern Ireland)");
  EXPECT_EQ(p.bank_holidays.additions[1].date, (CivilDate{2026, 11, 30}));  // a TOML date, unquoted
  ASSERT_OK_AND_ASSIGN(BankHolidayCalendar calendar, BankHolidayCalendar::Create(p.bank_holidays));
  EXPECT_TRUE(calendar.IsBankHoliday(st_patrick));
  EXPECT_EQ(calendar.Find(st_patrick)->name, "St Patrick's Day (Northern Ireland)");
  EXPECT_TRUE(calendar.IsBankHoliday(CivilDate{2026, 11, 30}));
  EXPECT_TRUE(calendar.IsBankHoliday(CivilDate{2026, 12, 25}));  // England and Wales's are still there
  EXPECT_FALSE(BankHolidayCalendar::Default().IsBankHoliday(st_patrick));
}

TEST(GovernancePolicyTest, AMovedBankHolidayIsMovedInTheCalendar) {
  ASSERT_OK_AND_ASSIGN(GovernancePolicy p,
                       ParseGovernancePolicy(Minimal() + "[[bank_holiday_moved]]\nfrom = \"2027-05-03\"\nto = "
                                                         "\"2027-05-10\"\nname = \"Early May bank holiday\"\n"
                                                         "[[bank_holiday_moved]]\nfrom = \"2027-08-30\"\nto = "
                                                         "\"2027-08-31\"\n",
                                             "test.toml"));
  ASSERT_EQ(p.bank_holidays.moves.size(), 2u);
  EXPECT_EQ(p.bank_holidays.moves[0].from, (CivilDate{2027, 5, 3}));
  EXPECT_EQ(p.bank_holidays.moves[0].to, (CivilDate{2027, 5, 10}));
  EXPECT_EQ(p.bank_holidays.moves[1].name, "");  // optional
  ASSERT_OK_AND_ASSIGN(BankHolidayCalendar calendar, BankHolidayCalendar::Create(p.bank_holidays));
  EXPECT_FALSE(calendar.IsBankHoliday(CivilDate{2027, 5, 3}));
  EXPECT_TRUE(calendar.IsBankHoliday(CivilDate{2027, 5, 10}));
  EXPECT_TRUE(calendar.IsBankHoliday(CivilDate{2027, 8, 31}));
}

TEST(GovernancePolicyTest, BadBankHolidayDatesAreErrorsAtTheirLines) {
  const std::string bad_day = ErrorOf(Minimal() + "[[bank_holiday]]\ndate = \"2026-02-30\"\nname = \"x\"\n");
  EXPECT_TRUE(Contains(bad_day, "test.toml:38: [[bank_holiday]] at line 37: date \"2026-02-30\" is not a date written"))
      << bad_day;
  const std::string uk_order = ErrorOf(Minimal() + "[[bank_holiday]]\ndate = \"17/03/2026\"\nname = \"x\"\n");
  EXPECT_TRUE(Contains(uk_order, "test.toml:38:")) << uk_order;
  EXPECT_TRUE(Contains(uk_order, "\"17/03/2026\" is not a date")) << uk_order;
  const std::string number = ErrorOf(Minimal() + "[[bank_holiday]]\ndate = 20260317\nname = \"x\"\n");
  EXPECT_TRUE(Contains(number, "test.toml:38:")) << number;
  EXPECT_TRUE(Contains(number, "date must be a date written")) << number;
  const std::string too_early =
      ErrorOf(Minimal() + "[[bank_holiday_moved]]\nfrom = \"1990-05-07\"\nto = \"1990-05-08\"\n");
  EXPECT_TRUE(Contains(too_early, "test.toml:38:")) << too_early;
  EXPECT_TRUE(Contains(too_early, "from 1990-05-07 is outside the years 1995 to 2100")) << too_early;
  EXPECT_TRUE(Contains(too_early, "test.toml:39:")) << "both dates reported: " << too_early;
  const std::string no_name = ErrorOf(Minimal() + "[[bank_holiday]]\ndate = \"2026-03-17\"\n");
  EXPECT_TRUE(Contains(no_name, "test.toml:37: [[bank_holiday]] at line 37: name is missing")) << no_name;
}

TEST(GovernancePolicyTest, WhatTheCalendarRefusesIsReportedAtTheEntry) {
  // 4 May 2027 is a Tuesday with no holiday to move.
  const std::string not_a_holiday = ErrorOf(Minimal() +
                                            "[[bank_holiday]]\ndate = \"2026-03-17\"\nname = \"x\"\n"
                                            "[[bank_holiday_moved]]\nfrom = \"2027-05-04\"\nto = \"2027-05-10\"\n");
  EXPECT_TRUE(Contains(not_a_holiday, "test.toml:40: bank holidays: cannot move a bank holiday from 2027-05-04"))
      << not_a_holiday;
  // An addition on Christmas Day.
  const std::string twice = ErrorOf(Minimal() + "[[bank_holiday]]\ndate = \"2026-12-25\"\nname = \"Extra\"\n");
  EXPECT_TRUE(Contains(twice, "test.toml:37: bank holidays: two bank holidays fall on 2026-12-25")) << twice;
}

TEST(GovernancePolicyTest, AMaintainedSchoolListsItsClosures) {
  ASSERT_OK_AND_ASSIGN(GovernancePolicy p, ParseGovernancePolicy(Minimal() +
                                                                     "[foi]\nmaintained_school = true\n"
                                                                     "[[school_closure]]\nfirst_day = \"2026-12-21\"\n"
                                                                     "last_day = \"2027-01-01\"\nname = \"Christmas holiday\"\n"
                                                                     "[[school_closure]]\nfirst_day = 2027-01-04\n"
                                                                     "last_day = 2027-01-04\n",
                                                                 "test.toml"));
  EXPECT_TRUE(p.maintained_school);
  ASSERT_EQ(p.school_closures.size(), 2u);
  EXPECT_EQ(p.school_closures[0].first_day, (CivilDate{2026, 12, 21}));
  EXPECT_EQ(p.school_closures[0].last_day, (CivilDate{2027, 1, 1}));
  EXPECT_EQ(p.school_closures[0].name, "Christmas holiday");
  EXPECT_EQ(p.school_closures[1].name, "");
  EXPECT_FALSE(DefaultGovernancePolicy().maintained_school);  // a council or agency: 20 working days
}

TEST(GovernancePolicyTest, SchoolClosuresAreCheckedAndNeverIgnored) {
  // At line 37: [foi]; a school with no closures would count every weekday as a school day.
  EXPECT_TRUE(Contains(ErrorOf(Minimal() + "[foi]\nmaintained_school = true\n"), "test.toml:37: [foi] maintained_school = true needs the school's closures"));
  // Closures for an organisation that is not a school would silently do nothing.
  EXPECT_TRUE(Contains(ErrorOf(Minimal() + "[[school_closure]]\nfirst_day = \"2026-12-21\"\nlast_day = \"2026-12-22\"\n"),
                       "school closures are only counted for a maintained school"));
  const std::string school = Minimal() + "[foi]\nmaintained_school = true\n";
  const std::string backwards = ErrorOf(school + "[[school_closure]]\nfirst_day = \"2026-12-22\"\nlast_day = \"2026-12-21\"\n");
  EXPECT_TRUE(Contains(backwards, "last_day 2026-12-21 is before first_day 2026-12-22")) << backwards;
  EXPECT_TRUE(Contains(ErrorOf(school + "[[school_closure]]\nfirst_day = \"2026-12-22\"\n"), "last_day is missing"));
  EXPECT_TRUE(Contains(ErrorOf(school + "[[school_closure]]\nfirst_day = \"22/12/2026\"\nlast_day = \"2026-12-23\"\n"),
                       "is not a date written"));
  EXPECT_TRUE(Contains(ErrorOf(Minimal() + "[foi]\nmaintained_school = \"yes\"\n"), "maintained_school"));
  EXPECT_TRUE(Contains(ErrorOf(Minimal() + "[foi]\nschool = true\n"), "school"));
}

// --- Training and the confidentiality policy -----------------------------------------------------

// Five lines (six with roles): the table at line L, then id, name, basis, refresher_months and
// (if given) roles.
std::string CourseToml(const std::string& id, int refresher_months, const std::string& roles = "") {
  return "[[course]]\nid = \"" + id + "\"\nname = \"Name of " + id + "\"\nbasis = \"Basis of " + id +
         "\"\nrefresher_months = " + std::to_string(refresher_months) + "\n" +
         (roles.empty() ? std::string() : "roles = " + roles + "\n");
}

// Ten lines from line 37 after Minimal(): the table at 37, version 38, title 39, in_force_from 40,
// acknowledge_within_days 41, text 42 to 46.
std::string PolicyToml() {
  return "[confidentiality_policy]\n"
         "version = \"2026.1\"\n"
         "title = \"Confidentiality and information sharing policy\"\n"
         "in_force_from = \"2026-04-01\"\n"
         "acknowledge_within_days = 14\n"
         "text = '''\n"
         "What we learn about children and families stays with those who need to know it.\n"
         "\n"
         "We share it only when the law allows and the child's welfare needs it.\n"
         "'''\n";
}

// PolicyToml() with the line starting with `key` replaced by `line` (or removed, if empty).
std::string PolicyWith(const std::string& key, const std::string& line) {
  std::string text = PolicyToml();
  const size_t found = text.find("\n" + key + " ");
  EXPECT_NE(found, std::string::npos) << key;
  if (found == std::string::npos) return text;
  const size_t at = found + 1;
  const size_t end = text.find('\n', at);
  text.replace(at, end - at + 1, line.empty() ? std::string() : line + "\n");
  return text;
}

TEST(GovernancePolicyTest, TheDefaultParsesWithTheFiveCourses) {
  const GovernancePolicy& policy = DefaultGovernancePolicy();
  using Expected = std::tuple<std::string, int>;
  const std::vector<Expected> expected = {
      {"induction", 0}, {"confidentiality", 12}, {"safeguarding", 36}, {"information_sharing", 36},
      {"designated_safeguarding_lead", 24},
  };
  ASSERT_EQ(policy.training.courses.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto& [id, months] = expected[i];
    const Course& c = policy.training.courses[i];
    EXPECT_EQ(c.id, id);
    EXPECT_EQ(c.refresher_months, months) << id;
    EXPECT_FALSE(c.name.empty()) << id;
    EXPECT_FALSE(c.basis.empty()) << id;
    if (id != "designated_safeguarding_lead") {
      EXPECT_TRUE(c.roles.empty()) << id;
    }
  }
  // The access policy's training gate requires "confidentiality" by default: it must be there.
  ASSERT_NE(policy.training.Find("confidentiality"), nullptr);
  EXPECT_EQ(policy.training.Find("confidentiality")->name, "Confidentiality and data protection");
  const Course* lead = policy.training.Find("designated_safeguarding_lead");
  ASSERT_NE(lead, nullptr);
  EXPECT_EQ(lead->roles, (std::vector<domain::StaffRole>{domain::StaffRole::kDesignatedSafeguardingLead,
                                                         domain::StaffRole::kDeputySafeguardingLead}));
  EXPECT_FALSE(lead->RequiredOf(domain::StaffRole::kSocialWorker));
  EXPECT_TRUE(Contains(lead->basis, "Keeping Children Safe in Education"));
  EXPECT_TRUE(policy.training.Find("induction")->RequiredOf(domain::StaffRole::kVolunteer));
  // The confidentiality policy is the organisation's own document: none by default.
  EXPECT_FALSE(policy.confidentiality_policy.has_value());
}

TEST(GovernancePolicyTest, CoursesParse) {
  ASSERT_OK_AND_ASSIGN(
      GovernancePolicy p,
      ParseGovernancePolicy(Minimal() + CourseToml("first_aid", 36) +
                                CourseToml("lead_update", 24, "[\"designated_safeguarding_lead\", \"manager\"]"),
                            "test.toml"));
  ASSERT_EQ(p.training.courses.size(), 2u);
  EXPECT_EQ(p.training.courses[0].id, "first_aid");
  EXPECT_EQ(p.training.courses[0].name, "Name of first_aid");
  EXPECT_EQ(p.training.courses[0].basis, "Basis of first_aid");
  EXPECT_EQ(p.training.courses[0].refresher_months, 36);
  EXPECT_TRUE(p.training.courses[0].roles.empty());
  EXPECT_EQ(p.training.courses[1].roles,
            (std::vector<domain::StaffRole>{domain::StaffRole::kDesignatedSafeguardingLead, domain::StaffRole::kManager}));
  EXPECT_FALSE(p.confidentiality_policy.has_value());
  // No courses at all is allowed (the access policy's required courses are checked elsewhere).
  ASSERT_OK_AND_ASSIGN(GovernancePolicy none, ParseGovernancePolicy(Minimal(), "test.toml"));
  EXPECT_TRUE(none.training.courses.empty());
}

TEST(GovernancePolicyTest, AConfidentialityPolicyParses) {
  ASSERT_OK_AND_ASSIGN(GovernancePolicy p, ParseGovernancePolicy(Minimal() + PolicyToml(), "test.toml"));
  ASSERT_TRUE(p.confidentiality_policy.has_value());
  const ConfidentialityPolicy& c = *p.confidentiality_policy;
  EXPECT_EQ(c.version, "2026.1");
  EXPECT_EQ(c.title, "Confidentiality and information sharing policy");
  EXPECT_EQ(c.in_force_from, (CivilDate{2026, 4, 1}));
  EXPECT_EQ(c.acknowledge_within_days, 14);
  EXPECT_EQ(c.AcknowledgeBy(), (CivilDate{2026, 4, 15}));
  // The newline after the opening ''' is not part of the text; the blank line between paragraphs is.
  EXPECT_EQ(c.text,
            "What we learn about children and families stays with those who need to know it.\n\n"
            "We share it only when the law allows and the child's welfare needs it.\n");

  // Without acknowledge_within_days: 30 days. A bare TOML date works too.
  ASSERT_OK_AND_ASSIGN(GovernancePolicy d,
                       ParseGovernancePolicy(Minimal() + PolicyWith("acknowledge_within_days", ""), "test.toml"));
  ASSERT_TRUE(d.confidentiality_policy.has_value());
  EXPECT_EQ(d.confidentiality_policy->acknowledge_within_days, 30);
  EXPECT_EQ(d.confidentiality_policy->AcknowledgeBy(), (CivilDate{2026, 5, 1}));
  ASSERT_OK_AND_ASSIGN(
      GovernancePolicy bare,
      ParseGovernancePolicy(Minimal() + PolicyWith("in_force_from", "in_force_from = 2026-09-01"), "test.toml"));
  ASSERT_TRUE(bare.confidentiality_policy.has_value());
  EXPECT_EQ(bare.confidentiality_policy->in_force_from, (CivilDate{2026, 9, 1}));

  // With the shipped default's courses, as an organisation would write it.
  ASSERT_OK_AND_ASSIGN(GovernancePolicy both,
                       ParseGovernancePolicy(std::string(DefaultGovernancePolicyToml()) + PolicyToml(), "test.toml"));
  EXPECT_EQ(both.training.courses.size(), 5u);
  ASSERT_TRUE(both.confidentiality_policy.has_value());
  EXPECT_EQ(both.confidentiality_policy->version, "2026.1");
}

TEST(GovernancePolicyTest, ConfidentialityPolicyProblemsNameTheirLines) {
  const std::string version = ErrorOf(Minimal() + PolicyWith("version", "version = \"2026 1\""));
  EXPECT_TRUE(Contains(version, "test.toml:38: [confidentiality_policy]: version \"2026 1\" must be a label")) << version;
  EXPECT_FALSE(Contains(version, "problems")) << "one problem only: " << version;
  const std::string number = ErrorOf(Minimal() + PolicyWith("version", "version = 2026"));
  EXPECT_TRUE(Contains(number, "test.toml:38: [confidentiality_policy]: version must be a label")) << number;

  const std::string date = ErrorOf(Minimal() + PolicyWith("in_force_from", "in_force_from = \"01/04/2026\""));
  EXPECT_TRUE(Contains(date, "test.toml:40: [confidentiality_policy]: in_force_from \"01/04/2026\" is not a date"))
      << date;
  const std::string no_day = ErrorOf(Minimal() + PolicyWith("in_force_from", "in_force_from = \"2026-02-30\""));
  EXPECT_TRUE(Contains(no_day, "test.toml:40:")) << no_day;

  const std::string days = ErrorOf(Minimal() + PolicyWith("acknowledge_within_days", "acknowledge_within_days = 400"));
  EXPECT_TRUE(
      Contains(days, "test.toml:41: [confidentiality_policy]: acknowledge_within_days is 400; it must be 0 to 365"))
      << days;
  const std::string negative =
      ErrorOf(Minimal() + PolicyWith("acknowledge_within_days", "acknowledge_within_days = -1"));
  EXPECT_TRUE(Contains(negative, "test.toml:41:")) << negative;

  std::string no_text = Minimal() + PolicyToml();
  no_text.erase(no_text.find("text = '''"));
  const std::string empty = ErrorOf(no_text + "text = \"\"\n");
  EXPECT_TRUE(Contains(empty, "test.toml:42: [confidentiality_policy]: text is empty")) << empty;
  const std::string blank = ErrorOf(no_text + "text = '''\n   \n\n'''\n");
  EXPECT_TRUE(Contains(blank, "test.toml:42: [confidentiality_policy]: text is empty")) << blank;
  const std::string huge = ErrorOf(no_text + "text = \"" + std::string(100001, 'x') + "\"\n");
  EXPECT_TRUE(Contains(huge, "test.toml:42: [confidentiality_policy]: text is 100001 bytes")) << huge.substr(0, 300);
  ASSERT_OK(ParseGovernancePolicy(no_text + "text = \"" + std::string(100000, 'x') + "\"\n", "test.toml"));
  const std::string missing = ErrorOf(no_text);
  EXPECT_TRUE(Contains(missing, "test.toml:37: [confidentiality_policy]: text is missing")) << missing;

  const std::string title = ErrorOf(Minimal() + PolicyWith("title", "title = \"Line one\\nline two\""));
  EXPECT_TRUE(Contains(title, "test.toml:39: [confidentiality_policy]: title must be one line")) << title;

  std::string unknown = Minimal() + PolicyToml();
  unknown.insert(unknown.find("version = \"2026.1\""), "owner = \"DPO\"\n");  // line 38
  const std::string owner = ErrorOf(unknown);
  EXPECT_TRUE(Contains(owner, "test.toml:38: [confidentiality_policy]: unknown key \"owner\"")) << owner;

  // A top-level key (before the first table): line 2.
  std::string not_a_table = Minimal();
  not_a_table.insert(not_a_table.find('\n') + 1, "confidentiality_policy = \"ours.pdf\"\n");
  const std::string not_table = ErrorOf(not_a_table);
  EXPECT_TRUE(Contains(not_table, "test.toml:2: confidentiality_policy must be a table")) << not_table;
}

TEST(GovernancePolicyTest, CourseProblemsNameTheirLines) {
  // Each course from line 37: id 38, name 39, basis 40, refresher_months 41, roles 42.
  const std::string role =
      ErrorOf(Minimal() + CourseToml("lead_update", 24, "[\"designated_safeguarding_lead\", \"head_teacher\"]"));
  EXPECT_TRUE(Contains(role, "test.toml:42: course \"lead_update\": unknown role \"head_teacher\" (roles are: "
                             "practitioner, key_person,"))
      << role;
  EXPECT_FALSE(Contains(role, "problems")) << "one problem only: " << role;
  const std::string empty_roles = ErrorOf(Minimal() + CourseToml("lead_update", 24, "[]"));
  EXPECT_TRUE(Contains(empty_roles, "test.toml:42: course \"lead_update\": roles is empty")) << empty_roles;
  const std::string twice = ErrorOf(Minimal() + CourseToml("lead_update", 24, "[\"manager\", \"manager\"]"));
  EXPECT_TRUE(Contains(twice, "test.toml:42: course \"lead_update\": role \"manager\" is listed twice")) << twice;
  const std::string not_list = ErrorOf(Minimal() + CourseToml("lead_update", 24, "\"manager\""));
  EXPECT_TRUE(Contains(not_list, "test.toml:42: course \"lead_update\": roles must be a list")) << not_list;

  const std::string dup = ErrorOf(Minimal() + CourseToml("safeguarding", 36) + CourseToml("safeguarding", 12));
  EXPECT_TRUE(Contains(dup, "test.toml:43: course \"safeguarding\": the id is used by an earlier course too")) << dup;
  EXPECT_FALSE(Contains(dup, "problems")) << "one problem only: " << dup;

  const std::string upper = ErrorOf(Minimal() + CourseToml("Safeguarding", 36));
  EXPECT_TRUE(Contains(upper, "test.toml:38: course \"Safeguarding\": the id must be")) << upper;
  const std::string digit = ErrorOf(Minimal() + CourseToml("1st_aid", 36));
  EXPECT_TRUE(Contains(digit, "test.toml:38: course \"1st_aid\": the id must be")) << digit;
  const std::string dash = ErrorOf(Minimal() + CourseToml("first-aid", 36));
  EXPECT_TRUE(Contains(dash, "test.toml:38: course \"first-aid\": the id must be")) << dash;

  const std::string months = ErrorOf(Minimal() + CourseToml("first_aid", 121));
  EXPECT_TRUE(Contains(months, "test.toml:41: course \"first_aid\": refresher_months is 121; it must be 0 to 120"))
      << months;
  const std::string minus = ErrorOf(Minimal() + CourseToml("first_aid", -1));
  EXPECT_TRUE(Contains(minus, "test.toml:41: course \"first_aid\": refresher_months is -1")) << minus;

  std::string no_name = Minimal() + CourseToml("first_aid", 36);
  no_name.replace(no_name.find("name = \"Name of first_aid\"\n"), 27, "");
  const std::string missing = ErrorOf(no_name);
  EXPECT_TRUE(Contains(missing, "test.toml:37: course \"first_aid\": name is missing")) << missing;

  const std::string colour = ErrorOf(Minimal() + CourseToml("first_aid", 36) + "colour = \"red\"\n");
  EXPECT_TRUE(Contains(colour, "test.toml:42: [[course]] at line 37: unknown key \"colour\"")) << colour;

  const std::string table = ErrorOf(Minimal() + "[course]\nid = \"first_aid\"\n");
  EXPECT_TRUE(Contains(table, "course must be written [[course]]")) << table;
}

TEST(GovernancePolicyTest, TrainingProblemsAreReportedWithTheRest) {
  std::string text = Minimal() + CourseToml("first_aid", 200) + PolicyWith("version", "version = \"\"");
  text.replace(text.find("years = 6\n"), 10, "years = \"six\"\n");  // the adult class, line 35
  const std::string msg = ErrorOf(text);
  EXPECT_TRUE(Contains(msg, "3 problems in the governance policy test.toml:")) << msg;
  const size_t years = msg.find("test.toml:35:");
  const size_t months = msg.find("test.toml:41: course \"first_aid\": refresher_months is 200");
  const size_t version = msg.find("test.toml:43: [confidentiality_policy]: version \"\" must be a label");
  ASSERT_NE(years, std::string::npos) << msg;
  ASSERT_NE(months, std::string::npos) << msg;
  ASSERT_NE(version, std::string::npos) << msg;
  EXPECT_LT(years, months);
  EXPECT_LT(months, version);
}

TEST(GovernancePolicyTest, RegisterRetentionIsReadAndCheckedWithItsLines) {
  ASSERT_OK_AND_ASSIGN(GovernancePolicy shipped, ParseGovernancePolicy(DefaultGovernancePolicyToml(), "default.toml"));
  EXPECT_EQ(shipped.foi_keep_years, 3);
  EXPECT_EQ(shipped.breach_keep_years, 6);
  ASSERT_OK_AND_ASSIGN(GovernancePolicy none, ParseGovernancePolicy(Minimal(), "test.toml"));
  EXPECT_FALSE(none.foi_keep_years.has_value()) << "an older file without the table keeps every entry";
  EXPECT_FALSE(none.breach_keep_years.has_value());
  ASSERT_OK_AND_ASSIGN(GovernancePolicy foi_only, ParseGovernancePolicy(Minimal() + "[register_retention]\nfoi_years = 2\n", "test.toml"));
  EXPECT_EQ(foi_only.foi_keep_years, 2);
  EXPECT_FALSE(foi_only.breach_keep_years.has_value());
  // Minimal() ends on line 36: the table on 37, its keys from 38.
  const std::string zero = ErrorOf(Minimal() + "[register_retention]\nfoi_years = 0\nbreach_years = 101\nforever = true\n");
  EXPECT_TRUE(Contains(zero, "test.toml:38: [register_retention]: foi_years is 0, not 1 to 100")) << zero;
  EXPECT_TRUE(Contains(zero, "test.toml:39: [register_retention]: breach_years is 101, not 1 to 100")) << zero;
  EXPECT_TRUE(Contains(zero, "unknown key \"forever\"")) << zero;
  const std::string text = ErrorOf(Minimal() + "[register_retention]\nfoi_years = \"three\"\n");
  EXPECT_TRUE(Contains(text, "test.toml:38: [register_retention]: foi_years must be a whole number")) << text;
}

TEST(GovernancePolicyTest, AClassCannotTakeTheNameOfARegistersHold) {
  const std::string clash = ErrorOf(Minimal() + ClassToml("breach_register", "last_activity", 6, 6));
  EXPECT_TRUE(Contains(clash, "the id is the name of a register's legal hold")) << clash;
}

}  // namespace
}  // namespace confide::governance
