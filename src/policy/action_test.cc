#include "policy/action.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "policy/access_request.h"

namespace confide::policy {
namespace {

TEST(ActionTest, EveryActionHasAUniqueNameThatParsesBack) {
  std::set<std::string_view> names;
  for (size_t i = 0; i < kActionCount; ++i) {
    const auto a = static_cast<Action>(i);
    const std::string_view name = ToString(a);
    EXPECT_NE(name, "unknown");
    EXPECT_TRUE(names.insert(name).second) << name;
    ASSERT_TRUE(ParseAction(name).has_value()) << name;
    EXPECT_EQ(*ParseAction(name), a);
  }
  EXPECT_FALSE(ParseAction("record.view").has_value());
  EXPECT_EQ(ToString(static_cast<Action>(kActionCount)), "unknown");
}

TEST(ActionTest, NamesAreStable) {
  // Stored in audit events and policy files: these must never change.
  EXPECT_EQ(ToString(Action::kPersonSearch), "person.search");
  EXPECT_EQ(ToString(Action::kRecordRead), "record.read");
  EXPECT_EQ(ToString(Action::kBreakGlassStart), "break_glass.start");
  EXPECT_EQ(ToString(Action::kAccessLogReadOwn), "access_log.read_own");
  EXPECT_EQ(ToString(Action::kPolicyExplain), "policy.explain");
}

TEST(ActionTest, OnlyRecordsAndTheChronologyHaveTiers) {
  std::set<std::string_view> tiered;
  for (size_t i = 0; i < kActionCount; ++i) {
    if (ActionTable()[i].tiered) tiered.insert(ActionTable()[i].name);
  }
  EXPECT_EQ(tiered, (std::set<std::string_view>{"record.create", "record.read", "record.amend", "record.export",
                                                  "chronology.read"}));
}

TEST(ActionTest, SubjectsOfActions) {
  EXPECT_EQ(Info(Action::kRecordRead).subject, Subject::kPerson);
  EXPECT_EQ(Info(Action::kStaffManage).subject, Subject::kNone);
  EXPECT_EQ(Info(Action::kPersonSearch).subject, Subject::kNone);
  EXPECT_EQ(Info(Action::kAccessLogRead).subject, Subject::kOptional);
}

// The policy engine sizes its table from these counts: they must match the domain's enums.
TEST(ActionTest, RoleAndTierCountsMatchTheDomain) {
  for (size_t i = 0; i < kRoleCount; ++i) {
    EXPECT_EQ(kAllRoles[i], static_cast<domain::StaffRole>(i));
    EXPECT_NE(domain::ToString(kAllRoles[i]), "unknown");
  }
  EXPECT_EQ(domain::ToString(static_cast<domain::StaffRole>(kRoleCount)), "unknown");
  EXPECT_NE(domain::ToString(static_cast<domain::SensitivityTier>(kTierCount - 1)), "unknown");
  EXPECT_EQ(domain::ToString(static_cast<domain::SensitivityTier>(kTierCount)), "unknown");
}

TEST(AccessRequestTest, RelationsAndTrainingStatesHaveNames) {
  for (auto r : {Relation::kAllocated, Relation::kTeam, Relation::kBreakGlass, Relation::kNone}) {
    EXPECT_EQ(ParseRelation(ToString(r)), r);
  }
  for (auto t : {TrainingState::kCurrent, TrainingState::kMissing, TrainingState::kLapsed}) {
    EXPECT_EQ(ParseTrainingState(ToString(t)), t);
  }
  EXPECT_EQ(ToString(Relation::kBreakGlass), "break_glass");
  EXPECT_FALSE(ParseRelation("allocate").has_value());
}

TEST(AccessRequestTest, RelationOrder) {
  EXPECT_TRUE(AtLeast(Relation::kAllocated, Relation::kBreakGlass));
  EXPECT_TRUE(AtLeast(Relation::kBreakGlass, Relation::kTeam));
  EXPECT_TRUE(AtLeast(Relation::kTeam, Relation::kNone));
  EXPECT_FALSE(AtLeast(Relation::kTeam, Relation::kBreakGlass));
  EXPECT_TRUE(AtLeast(Relation::kNone, Relation::kNone));
}

TEST(AccessRequestTest, DescribeNamesEveryFact) {
  AccessRequest r;
  r.role = domain::StaffRole::kPractitioner;
  r.action = Action::kRecordRead;
  r.tier = domain::SensitivityTier::kSensitive;
  r.relation = Relation::kAllocated;
  EXPECT_EQ(Describe(r),
            "practitioner (active, training current): record.read of a sensitive record, relation allocated, not "
            "restricted");
  r.action = Action::kStaffRead;
  r.about_person = false;
  r.active = false;
  r.training = TrainingState::kLapsed;
  EXPECT_EQ(Describe(r), "practitioner (disabled, training lapsed): staff.read, no data subject");
}

}  // namespace
}  // namespace confide::policy
