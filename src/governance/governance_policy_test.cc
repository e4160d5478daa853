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

}  // namespace
}  // namespace confide::governance
