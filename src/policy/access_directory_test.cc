// The facts directory: allocations, teams, family links, break-glass and restrictions turned into
// relations, and changes seen by the next decision, also while other threads decide.
#include "policy/access_directory.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "policy/access_decider.h"
#include "policy/policy_test_util.h"

namespace confide::policy {
namespace {

using domain::SensitivityTier;
using domain::StaffRole;

constexpr UnixMicros kHour = 3'600'000'000;
constexpr UnixMicros kNow = 1'790'000'000'000'000;

domain::Allocation Alloc(domain::AllocationId id, domain::PersonId child, domain::StaffId staff, std::string team = "",
                         UnixMicros starts = kNow - 24 * kHour, std::optional<UnixMicros> ends = std::nullopt) {
  domain::Allocation a;
  a.id = id;
  a.child_id = child;
  a.staff_id = staff;
  a.team = std::move(team);
  a.starts_at = starts;
  a.ends_at = ends;
  return a;
}

class AccessDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.UpsertStaff(1, StaffRole::kPractitioner, "Rainbow Room", true);
    dir_.UpsertStaff(2, StaffRole::kKeyPerson, "Sunshine Room", true);
    dir_.UpsertStaff(3, StaffRole::kVolunteer, "", true);
  }

  Relation RelationOf(domain::StaffId staff, domain::PersonId person, UnixMicros now = kNow) {
    Result<AccessRequest> r = dir_.Facts(staff, person, Action::kRecordRead, SensitivityTier::kGeneral, now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->relation : Relation::kNone;
  }

  AccessDirectory dir_;
};

TEST_F(AccessDirectoryTest, UnknownStaffIsNotFound) {
  Result<AccessRequest> r = dir_.Facts(99, 10, Action::kRecordRead, SensitivityTier::kGeneral, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST_F(AccessDirectoryTest, FactsCarryTheStaffMembersStanding) {
  dir_.UpsertStaff(4, StaffRole::kManager, "Rainbow Room", false, TrainingState::kLapsed);
  ASSERT_OK_AND_ASSIGN(AccessRequest r, dir_.Facts(4, 10, Action::kRecordRead, SensitivityTier::kSensitive, kNow));
  EXPECT_EQ(r.role, StaffRole::kManager);
  EXPECT_FALSE(r.active);
  EXPECT_EQ(r.training, TrainingState::kLapsed);
  EXPECT_EQ(r.action, Action::kRecordRead);
  EXPECT_TRUE(r.about_person);
  EXPECT_EQ(r.tier, SensitivityTier::kSensitive);
  EXPECT_EQ(r.relation, Relation::kNone);
  EXPECT_FALSE(r.restricted);
  dir_.SetTraining(4, TrainingState::kCurrent);
  dir_.UpsertStaff(4, StaffRole::kSocialWorker, "", true, TrainingState::kCurrent);
  ASSERT_OK_AND_ASSIGN(r, dir_.Facts(4, 10, Action::kRecordRead, SensitivityTier::kSensitive, kNow));
  EXPECT_EQ(r.role, StaffRole::kSocialWorker);
  EXPECT_TRUE(r.active);
  EXPECT_EQ(r.training, TrainingState::kCurrent);
  dir_.SetTraining(99, TrainingState::kLapsed);  // unknown: no effect, no entry
  EXPECT_FALSE(dir_.Facts(99, 0, Action::kStaffRead, SensitivityTier::kGeneral, kNow).ok());
}

TEST_F(AccessDirectoryTest, ActionsWithoutAPersonOrATier) {
  ASSERT_OK_AND_ASSIGN(AccessRequest r, dir_.Facts(1, 10, Action::kStaffRead, SensitivityTier::kRestricted, kNow));
  EXPECT_FALSE(r.about_person);
  EXPECT_EQ(r.tier, SensitivityTier::kGeneral);
  ASSERT_OK_AND_ASSIGN(r, dir_.Facts(1, 10, Action::kPersonRead, SensitivityTier::kRestricted, kNow));
  EXPECT_TRUE(r.about_person);
  EXPECT_EQ(r.tier, SensitivityTier::kGeneral);  // person-level data counts as general
  ASSERT_OK_AND_ASSIGN(r, dir_.Facts(1, 0, Action::kAccessLogRead, SensitivityTier::kGeneral, kNow));
  EXPECT_FALSE(r.about_person);
  EXPECT_FALSE(dir_.Facts(1, 10, static_cast<Action>(kActionCount), SensitivityTier::kGeneral, kNow).ok());
}

TEST_F(AccessDirectoryTest, AnAllocationCountsFromTheNextDecision) {
  EXPECT_EQ(RelationOf(1, 10), Relation::kNone);
  dir_.AddAllocation(Alloc(100, 10, 1));
  EXPECT_EQ(RelationOf(1, 10), Relation::kAllocated);
  EXPECT_EQ(RelationOf(2, 10), Relation::kNone);
  EXPECT_EQ(dir_.ChildrenOf(1, kNow), std::vector<domain::PersonId>{10});
}

TEST_F(AccessDirectoryTest, AnEndedAllocationDoesNotCount) {
  dir_.AddAllocation(Alloc(100, 10, 1, "", kNow - 48 * kHour, kNow - kHour));
  EXPECT_EQ(RelationOf(1, 10), Relation::kNone);
  EXPECT_EQ(RelationOf(1, 10, kNow - 2 * kHour), Relation::kAllocated);
  EXPECT_TRUE(dir_.ChildrenOf(1, kNow).empty());

  dir_.AddAllocation(Alloc(101, 11, 1));
  EXPECT_EQ(RelationOf(1, 11), Relation::kAllocated);
  dir_.EndAllocation(101, kNow);  // the end is exclusive
  EXPECT_EQ(RelationOf(1, 11), Relation::kNone);
  EXPECT_EQ(RelationOf(1, 11, kNow - 1), Relation::kAllocated);
  dir_.EndAllocation(999, kNow);  // unknown: no effect
}

TEST_F(AccessDirectoryTest, AFutureAllocationDoesNotCountYet) {
  dir_.AddAllocation(Alloc(100, 10, 1, "", kNow + kHour));
  EXPECT_EQ(RelationOf(1, 10), Relation::kNone);
  EXPECT_EQ(RelationOf(1, 10, kNow + kHour), Relation::kAllocated);  // the start is inclusive
  EXPECT_TRUE(dir_.ChildrenOf(1, kNow).empty());
  EXPECT_EQ(dir_.ChildrenOf(1, kNow + kHour), std::vector<domain::PersonId>{10});
}

TEST_F(AccessDirectoryTest, ReAddingAnAllocationReplacesIt) {
  dir_.AddAllocation(Alloc(100, 10, 1));
  dir_.AddAllocation(Alloc(100, 11, 1));  // corrected: it was for child 11
  EXPECT_EQ(RelationOf(1, 10), Relation::kNone);
  EXPECT_EQ(RelationOf(1, 11), Relation::kAllocated);
  dir_.RemoveAllocation(100);
  EXPECT_EQ(RelationOf(1, 11), Relation::kNone);
  dir_.RemoveAllocation(100);  // again: no effect
}

TEST_F(AccessDirectoryTest, AnAllocationsTeamGivesItsMembersTheTeamRelation) {
  dir_.AddAllocation(Alloc(100, 10, 2, "Rainbow Room"));
  EXPECT_EQ(RelationOf(1, 10), Relation::kTeam);       // staff 1 is in Rainbow Room
  EXPECT_EQ(RelationOf(2, 10), Relation::kAllocated);  // allocated beats team
  EXPECT_EQ(RelationOf(3, 10), Relation::kNone);       // no team
  EXPECT_EQ(dir_.TeamChildren("Rainbow Room", kNow), std::vector<domain::PersonId>{10});
  EXPECT_TRUE(dir_.TeamChildren("Sunshine Room", kNow).empty());
  EXPECT_TRUE(dir_.TeamChildren("", kNow).empty());
  EXPECT_TRUE(dir_.TeamChildren("Moon Room", kNow).empty());
  dir_.EndAllocation(100, kNow);
  EXPECT_EQ(RelationOf(1, 10), Relation::kNone);
  EXPECT_TRUE(dir_.TeamChildren("Rainbow Room", kNow).empty());
  // Moving a member to another team moves their team relation.
  dir_.AddAllocation(Alloc(101, 11, 2, "Sunshine Room"));
  EXPECT_EQ(RelationOf(1, 11), Relation::kNone);
  dir_.UpsertStaff(1, StaffRole::kPractitioner, "Sunshine Room", true);
  EXPECT_EQ(RelationOf(1, 11), Relation::kTeam);
}

TEST_F(AccessDirectoryTest, AnAdultTakesTheBestRelationToTheirChildren) {
  dir_.AddAllocation(Alloc(100, 10, 1));
  dir_.AddAllocation(Alloc(101, 11, 2, "Rainbow Room"));
  dir_.AddRelation(10, 50);  // 50 is a parent of 10 and 11
  dir_.AddRelation(11, 50);
  dir_.AddRelation(11, 51);  // 51 a parent of 11 only
  EXPECT_EQ(RelationOf(1, 50), Relation::kAllocated);
  EXPECT_EQ(RelationOf(1, 51), Relation::kTeam);
  EXPECT_EQ(RelationOf(2, 50), Relation::kAllocated);
  EXPECT_EQ(RelationOf(3, 50), Relation::kNone);
  dir_.RemoveRelation(10, 50);
  EXPECT_EQ(RelationOf(1, 50), Relation::kTeam);
  dir_.RemoveRelation(10, 999);  // unknown adult: no effect
}

TEST_F(AccessDirectoryTest, BreakGlassLastsUntilItExpires) {
  dir_.AddAllocation(Alloc(100, 10, 2, "Rainbow Room"));
  EXPECT_EQ(RelationOf(1, 10), Relation::kTeam);
  dir_.GrantBreakGlass(1, 10, kNow + kHour);
  EXPECT_EQ(RelationOf(1, 10), Relation::kBreakGlass);  // beats team
  EXPECT_EQ(RelationOf(1, 10, kNow + kHour - 1), Relation::kBreakGlass);
  EXPECT_EQ(RelationOf(1, 10, kNow + kHour), Relation::kTeam);  // expired
  dir_.GrantBreakGlass(1, 10, kNow + 2 * kHour);                // renewed
  EXPECT_EQ(RelationOf(1, 10, kNow + kHour), Relation::kBreakGlass);
  // A parent of the child is covered too.
  dir_.AddRelation(10, 50);
  EXPECT_EQ(RelationOf(1, 50), Relation::kBreakGlass);
  // Allocation still beats break-glass.
  dir_.AddAllocation(Alloc(101, 10, 1));
  EXPECT_EQ(RelationOf(1, 10), Relation::kAllocated);
}

TEST_F(AccessDirectoryTest, RestrictionsMarkThePerson) {
  dir_.AddAllocation(Alloc(100, 10, 1));
  dir_.AddRestriction(1, 10);
  dir_.AddRestriction(1, 10);  // twice: once
  ASSERT_OK_AND_ASSIGN(AccessRequest r, dir_.Facts(1, 10, Action::kRecordRead, SensitivityTier::kGeneral, kNow));
  EXPECT_TRUE(r.restricted);
  EXPECT_EQ(r.relation, Relation::kAllocated);
  ASSERT_OK_AND_ASSIGN(r, dir_.Facts(2, 10, Action::kRecordRead, SensitivityTier::kGeneral, kNow));
  EXPECT_FALSE(r.restricted);
  ASSERT_OK_AND_ASSIGN(r, dir_.Facts(1, 0, Action::kStaffRead, SensitivityTier::kGeneral, kNow));
  EXPECT_FALSE(r.restricted);
  dir_.RemoveRestriction(1, 10);
  ASSERT_OK_AND_ASSIGN(r, dir_.Facts(1, 10, Action::kRecordRead, SensitivityTier::kGeneral, kNow));
  EXPECT_FALSE(r.restricted);
  dir_.RemoveRestriction(77, 10);  // unknown: no effect
}

TEST_F(AccessDirectoryTest, RestrictionsMayArriveBeforeTheStaffMember) {
  dir_.AddRestriction(7, 10);
  dir_.GrantBreakGlass(7, 11, kNow + kHour);
  dir_.AddAllocation(Alloc(100, 12, 7));
  EXPECT_FALSE(dir_.Facts(7, 10, Action::kRecordRead, SensitivityTier::kGeneral, kNow).ok());  // still unknown
  dir_.UpsertStaff(7, StaffRole::kSocialWorker, "", true);
  ASSERT_OK_AND_ASSIGN(AccessRequest r, dir_.Facts(7, 10, Action::kRecordRead, SensitivityTier::kGeneral, kNow));
  EXPECT_TRUE(r.restricted);
  EXPECT_EQ(RelationOf(7, 11), Relation::kBreakGlass);
  EXPECT_EQ(RelationOf(7, 12), Relation::kAllocated);
}

TEST_F(AccessDirectoryTest, ReplaceWithSwapsEverythingAtOnce) {
  dir_.AddAllocation(Alloc(100, 10, 1));
  AccessDirectory fresh;
  fresh.UpsertStaff(1, StaffRole::kManager, "", true);
  fresh.AddAllocation(Alloc(200, 20, 1));
  dir_.ReplaceWith(std::move(fresh));
  EXPECT_EQ(RelationOf(1, 10), Relation::kNone);
  EXPECT_EQ(RelationOf(1, 20), Relation::kAllocated);
  EXPECT_FALSE(dir_.Facts(2, 10, Action::kRecordRead, SensitivityTier::kGeneral, kNow).ok());
  EXPECT_FALSE(fresh.Facts(1, 20, Action::kRecordRead, SensitivityTier::kGeneral, kNow).ok());  // NOLINT: left empty
}

TEST_F(AccessDirectoryTest, CaseloadsInIdOrder) {
  dir_.AddAllocation(Alloc(100, 30, 1));
  dir_.AddAllocation(Alloc(101, 10, 1));
  dir_.AddAllocation(Alloc(102, 20, 1, "", kNow - 2 * kHour, kNow - kHour));
  dir_.AddAllocation(Alloc(103, 10, 1));  // a second allocation to the same child
  EXPECT_EQ(dir_.ChildrenOf(1, kNow), (std::vector<domain::PersonId>{10, 30}));
  EXPECT_TRUE(dir_.ChildrenOf(99, kNow).empty());
}

TEST_F(AccessDirectoryTest, DeciderJoinsFactsAndPolicy) {
  ASSERT_OK_AND_ASSIGN(AccessPolicy policy, AccessPolicy::LoadFile(testing::DefaultPolicyPath()));
  AccessDecider decider(policy, dir_);
  EXPECT_FALSE(decider.Decide(1, 10, Action::kRecordRead, SensitivityTier::kSensitive, kNow).allowed);
  dir_.AddAllocation(Alloc(100, 10, 1));
  const Decision& d = decider.Decide(1, 10, Action::kRecordRead, SensitivityTier::kSensitive, kNow);
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.rule_id, "allocated-staff");
  EXPECT_FALSE(decider.Decide(1, 10, Action::kRecordRead, SensitivityTier::kRestricted, kNow).allowed);
  EXPECT_EQ(decider.Decide(99, 10, Action::kRecordRead, SensitivityTier::kGeneral, kNow).rule_id, "unknown-staff");
  EXPECT_EQ(decider.Decide(1, 10, static_cast<Action>(99), SensitivityTier::kGeneral, kNow).rule_id, "invalid-request");
  dir_.UpsertStaff(1, StaffRole::kPractitioner, "Rainbow Room", true, TrainingState::kLapsed);
  EXPECT_EQ(decider.Decide(1, 10, Action::kRecordRead, SensitivityTier::kGeneral, kNow).rule_id,
            "training-not-current");
}

// Readers decide while a writer changes allocations and staff. A fixed allocation is always seen;
// a toggled one is seen either in force or not, never as anything else; nothing crashes (run under
// ASan, and TSan where available).
TEST(AccessDirectoryConcurrencyTest, ReadersAndAWriter) {
  AccessDirectory dir;
  for (domain::StaffId s = 1; s <= 8; ++s) dir.UpsertStaff(s, StaffRole::kSocialWorker, "Team " + std::to_string(s % 2), true);
  for (domain::PersonId c = 1; c <= 64; ++c) dir.AddAllocation(Alloc(c, c, 1 + c % 8));

  std::atomic<bool> stop{false};
  std::atomic<long> decisions{0};
  std::atomic<long> wrong{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&, t] {
      long n = 0;
      while (!stop.load(std::memory_order_relaxed) || n < 1000) {
        const domain::PersonId child = 1 + (n + t) % 64;
        auto fixed = dir.Facts(1 + child % 8, child, Action::kRecordRead, SensitivityTier::kGeneral, kNow);
        if (!fixed.ok() || fixed->relation != Relation::kAllocated) ++wrong;
        auto toggled = dir.Facts(8, 1000, Action::kRecordRead, SensitivityTier::kGeneral, kNow);
        if (!toggled.ok() || (toggled->relation != Relation::kAllocated && toggled->relation != Relation::kNone)) ++wrong;
        (void)dir.ChildrenOf(8, kNow);
        ++n;
      }
      decisions += n;
    });
  }
  for (int i = 0; i < 2000; ++i) {
    dir.AddAllocation(Alloc(5000, 1000, 8));
    dir.EndAllocation(5000, kNow - 1);
    dir.UpsertStaff(8, StaffRole::kSocialWorker, i % 2 ? "Team 0" : "Team 1", true);
    dir.AddRestriction(8, 2000 + i);
    dir.GrantBreakGlass(8, 3000 + i % 10, kNow + kHour);
  }
  stop = true;
  for (auto& r : readers) r.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GE(decisions.load(), 3000);
}

}  // namespace
}  // namespace confide::policy
