// The need-to-know facts over a real SQLite file: training, restrictions, break-glass grants,
// allocations and staff roles, and the access epoch the schema's triggers keep.
#include <gtest/gtest.h>

#include <functional>

#include "store/sqlite/sqlite_test_fixture.h"

namespace confide::store::sqlite {
namespace {

class SqliteAccessStoreTest : public SqliteStoreFixture {
 protected:
  void SetUp() override {
    SqliteStoreFixture::SetUp();
    auto uow = Write();
    ASSERT_OK(uow);
    auto a = AddStaff(**uow);
    ASSERT_OK(a);
    auto b = AddStaff(**uow, "team_manager", "south");
    ASSERT_OK(b);
    auto c = AddPerson(**uow, "child");
    ASSERT_OK(c);
    auto m = AddPerson(**uow, "adult");
    ASSERT_OK(m);
    alice_ = *a;
    bob_ = *b;
    child_ = *c;
    mother_ = *m;
    ASSERT_OK((*uow)->Commit());
  }

  Result<int64_t> Epoch() {
    CONFIDE_ASSIGN_OR_RETURN(auto uow, Read());
    return uow->access().AccessEpoch();
  }

  AllocationRow Allocation(int64_t staff_id, UnixMicros starts_at, std::optional<UnixMicros> ends_at = std::nullopt) {
    return AllocationRow{0, child_, staff_id, "social_worker", "north", starts_at, ends_at, bob_};
  }

  int64_t alice_ = 0, bob_ = 0, child_ = 0, mother_ = 0;
};

// ---- training ----

TEST_F(SqliteAccessStoreTest, TrainingIsListedPerStaffMemberAndScannedWhole) {
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  ASSERT_OK_AND_ASSIGN(int64_t t1, uow->access().InsertTraining({0, alice_, "safeguarding", 300, 900, bob_, 310}));
  ASSERT_OK_AND_ASSIGN(int64_t t2, uow->access().InsertTraining({0, alice_, "induction", 100, std::nullopt, bob_, 110}));
  ASSERT_OK_AND_ASSIGN(int64_t t3, uow->access().InsertTraining({0, bob_, "confidentiality", 200, 700, bob_, 210}));
  EXPECT_LT(t1, t2);
  EXPECT_LT(t2, t3);

  ASSERT_OK_AND_ASSIGN(auto alices, uow->access().ListTraining(alice_));
  ASSERT_EQ(alices.size(), 2u);
  // In order of completion.
  EXPECT_EQ(alices[0].id, t2);
  EXPECT_EQ(alices[0].course, "induction");
  EXPECT_EQ(alices[0].completed_at, 100);
  EXPECT_FALSE(alices[0].expires_at.has_value());
  EXPECT_EQ(alices[0].recorded_by, bob_);
  EXPECT_EQ(alices[0].recorded_at, 110);
  EXPECT_EQ(alices[1].id, t1);
  EXPECT_EQ(alices[1].staff_id, alice_);
  EXPECT_EQ(alices[1].expires_at, 900);
  ASSERT_OK_AND_ASSIGN(auto nobodys, uow->access().ListTraining(9999));
  EXPECT_TRUE(nobodys.empty());

  std::vector<int64_t> seen;
  ASSERT_OK(uow->access().ScanTraining([&](const TrainingRow& r) {
    seen.push_back(r.id);
    return Status::Ok();
  }));
  EXPECT_EQ(seen, (std::vector<int64_t>{t1, t2, t3}));
  // A visitor's error stops the scan and comes back.
  int visits = 0;
  Status stopped = uow->access().ScanTraining([&](const TrainingRow&) {
    ++visits;
    return Status::Internal("stop");
  });
  EXPECT_EQ(stopped.code(), StatusCode::kInternal);
  EXPECT_EQ(visits, 1);
  EXPECT_FALSE(uow->access().InsertTraining({0, 9999, "induction", 1, std::nullopt, bob_, 1}).ok());  // no such staff
  ASSERT_OK(uow->Commit());
  // Training records are evidence: never deleted.
  EXPECT_FALSE(conn().Exec("DELETE FROM training_records").ok());
}

// ---- restrictions ----

TEST_F(SqliteAccessStoreTest, RestrictionsAreSealedRemovedOnceListedAndScannedWhileActive) {
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  ASSERT_OK_AND_ASSIGN(int64_t r1, uow->access().InsertRestriction({0, child_, alice_, {}, bob_, 100, std::nullopt, 0}));
  ASSERT_OK(uow->access().UpdateRestrictionSealed(r1, Bytes(48, 0x5E)));
  ASSERT_OK_AND_ASSIGN(int64_t r2, uow->access().InsertRestriction({0, child_, bob_, Bytes(8, 1), bob_, 110, std::nullopt, 0}));
  ASSERT_OK_AND_ASSIGN(int64_t r3, uow->access().InsertRestriction({0, mother_, alice_, Bytes(8, 2), bob_, 120, std::nullopt, 0}));
  EXPECT_EQ(uow->access().UpdateRestrictionSealed(9999, Bytes(8, 3)).code(), StatusCode::kNotFound);

  ASSERT_OK_AND_ASSIGN(auto got, uow->access().GetRestriction(r1));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->person_id, child_);
  EXPECT_EQ(got->staff_id, alice_);
  EXPECT_EQ(got->sealed_reason, Bytes(48, 0x5E));
  EXPECT_EQ(got->created_by, bob_);
  EXPECT_EQ(got->created_at, 100);
  EXPECT_FALSE(got->removed_at.has_value());
  EXPECT_EQ(got->removed_by, 0);

  ASSERT_OK(uow->access().RemoveRestriction(r2, alice_, 500));
  EXPECT_EQ(uow->access().RemoveRestriction(r2, alice_, 600).code(), StatusCode::kConflict);
  EXPECT_EQ(uow->access().RemoveRestriction(9999, alice_, 600).code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto removed, uow->access().GetRestriction(r2));
  ASSERT_TRUE(removed.has_value());
  EXPECT_EQ(removed->removed_at, 500);  // the refused second removal changed nothing
  EXPECT_EQ(removed->removed_by, alice_);
  ASSERT_OK_AND_ASSIGN(auto missing, uow->access().GetRestriction(9999));
  EXPECT_FALSE(missing.has_value());

  // Listing keeps the history; the scan sees only what is in force.
  ASSERT_OK_AND_ASSIGN(auto of_child, uow->access().ListRestrictionsOfPerson(child_));
  ASSERT_EQ(of_child.size(), 2u);
  EXPECT_EQ(of_child[0].id, r1);
  EXPECT_EQ(of_child[1].id, r2);
  ASSERT_OK_AND_ASSIGN(auto of_mother, uow->access().ListRestrictionsOfPerson(mother_));
  ASSERT_EQ(of_mother.size(), 1u);
  EXPECT_EQ(of_mother[0].id, r3);
  std::vector<int64_t> active;
  ASSERT_OK(uow->access().ScanActiveRestrictions([&](const RestrictionRow& r) {
    EXPECT_FALSE(r.removed_at.has_value());
    active.push_back(r.id);
    return Status::Ok();
  }));
  EXPECT_EQ(active, (std::vector<int64_t>{r1, r3}));
  ASSERT_OK(uow->Commit());
  EXPECT_FALSE(conn().Exec("DELETE FROM person_restrictions").ok());
}

// ---- break glass ----

TEST_F(SqliteAccessStoreTest, BreakGlassGrantsEndOnceAreListedNewestFirstAndScannedWhileActive) {
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  ASSERT_OK_AND_ASSIGN(int64_t g1, uow->access().InsertBreakGlass({0, alice_, child_, {}, 100, 1100, std::nullopt}));
  ASSERT_OK(uow->access().UpdateBreakGlassSealed(g1, Bytes(40, 0xB6)));
  ASSERT_OK_AND_ASSIGN(int64_t g2, uow->access().InsertBreakGlass({0, bob_, child_, Bytes(8, 1), 300, 1300, std::nullopt}));
  ASSERT_OK_AND_ASSIGN(int64_t g3, uow->access().InsertBreakGlass({0, alice_, mother_, Bytes(8, 2), 200, 1000, std::nullopt}));
  ASSERT_OK_AND_ASSIGN(int64_t g4, uow->access().InsertBreakGlass({0, bob_, mother_, Bytes(8, 3), 400, 2000, std::nullopt}));
  EXPECT_EQ(uow->access().UpdateBreakGlassSealed(9999, Bytes(8, 4)).code(), StatusCode::kNotFound);

  ASSERT_OK_AND_ASSIGN(auto got, uow->access().GetBreakGlass(g1));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->staff_id, alice_);
  EXPECT_EQ(got->person_id, child_);
  EXPECT_EQ(got->sealed_reason, Bytes(40, 0xB6));
  EXPECT_EQ(got->started_at, 100);
  EXPECT_EQ(got->expires_at, 1100);
  EXPECT_FALSE(got->ended_at.has_value());
  ASSERT_OK_AND_ASSIGN(auto missing, uow->access().GetBreakGlass(9999));
  EXPECT_FALSE(missing.has_value());

  ASSERT_OK(uow->access().EndBreakGlass(g2, 500));
  EXPECT_EQ(uow->access().EndBreakGlass(g2, 600).code(), StatusCode::kConflict);
  EXPECT_EQ(uow->access().EndBreakGlass(9999, 600).code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto ended, uow->access().GetBreakGlass(g2));
  EXPECT_EQ(ended->ended_at, 500);

  // Started at or after 200, newest first; ended grants are still history.
  ASSERT_OK_AND_ASSIGN(auto since, uow->access().ListBreakGlassSince(200));
  ASSERT_EQ(since.size(), 3u);
  EXPECT_EQ(since[0].id, g4);
  EXPECT_EQ(since[1].id, g2);
  EXPECT_EQ(since[2].id, g3);
  ASSERT_OK_AND_ASSIGN(auto all, uow->access().ListBreakGlassSince(0));
  EXPECT_EQ(all.size(), 4u);

  // At 1000: g1 runs to 1100 (active), g2 ended, g3 expires at exactly 1000 (over), g4 active.
  std::vector<int64_t> active;
  ASSERT_OK(uow->access().ScanActiveBreakGlass(1000, [&](const BreakGlassRow& r) {
    active.push_back(r.id);
    return Status::Ok();
  }));
  EXPECT_EQ(active, (std::vector<int64_t>{g1, g4}));
  active.clear();
  ASSERT_OK(uow->access().ScanActiveBreakGlass(999, [&](const BreakGlassRow& r) {
    active.push_back(r.id);
    return Status::Ok();
  }));
  EXPECT_EQ(active, (std::vector<int64_t>{g1, g3, g4}));
  active.clear();
  ASSERT_OK(uow->access().ScanActiveBreakGlass(5000, [&](const BreakGlassRow& r) {
    active.push_back(r.id);
    return Status::Ok();
  }));
  EXPECT_TRUE(active.empty());
  ASSERT_OK(uow->Commit());
  EXPECT_FALSE(conn().Exec("DELETE FROM break_glass").ok());
}

// ---- allocations, relationships and staff roles ----

TEST_F(SqliteAccessStoreTest, AllocationsEndOnceAndAreScannedWhole) {
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  ASSERT_OK_AND_ASSIGN(int64_t a1, uow->care().InsertAllocation(Allocation(alice_, 100)));
  ASSERT_OK_AND_ASSIGN(int64_t a2, uow->care().InsertAllocation(Allocation(bob_, 200, 5000)));  // planned end

  ASSERT_OK(uow->care().EndAllocation(a1, 1000));
  ASSERT_OK_AND_ASSIGN(auto got, uow->care().GetAllocation(a1));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->ends_at, 1000);
  EXPECT_EQ(got->child_id, child_);
  EXPECT_EQ(got->staff_id, alice_);
  EXPECT_EQ(got->role, "social_worker");
  EXPECT_EQ(got->team, "north");
  EXPECT_EQ(got->starts_at, 100);
  EXPECT_EQ(got->created_by, bob_);
  EXPECT_EQ(uow->care().EndAllocation(a1, 1000).code(), StatusCode::kConflict);
  EXPECT_EQ(uow->care().EndAllocation(a1, 2000).code(), StatusCode::kConflict);
  EXPECT_EQ(uow->care().EndAllocation(9999, 1000).code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(got, uow->care().GetAllocation(a1));
  EXPECT_EQ(got->ends_at, 1000);

  // An allocation whose planned end is still ahead has not ended: ending it brings the end forward.
  ASSERT_OK(uow->care().EndAllocation(a2, 3000));
  ASSERT_OK_AND_ASSIGN(auto brought_forward, uow->care().GetAllocation(a2));
  EXPECT_EQ(brought_forward->ends_at, 3000);
  EXPECT_EQ(uow->care().EndAllocation(a2, 4000).code(), StatusCode::kConflict);
  ASSERT_OK_AND_ASSIGN(auto missing, uow->care().GetAllocation(9999));
  EXPECT_FALSE(missing.has_value());

  std::vector<int64_t> seen;
  ASSERT_OK(uow->care().ScanAllocations([&](const AllocationRow& r) {
    seen.push_back(r.id);
    return Status::Ok();
  }));
  EXPECT_EQ(seen, (std::vector<int64_t>{a1, a2}));
  ASSERT_OK(uow->Commit());
}

TEST_F(SqliteAccessStoreTest, RelationshipLinksAreScannedAsClearIds) {
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  ASSERT_OK_AND_ASSIGN(int64_t other_child, AddPerson(*uow, "child"));
  ASSERT_OK(uow->care().InsertRelationship({0, child_, mother_, 1, bob_, Bytes(8, 1)}));
  ASSERT_OK(uow->care().InsertRelationship({0, other_child, mother_, 2, bob_, Bytes(8, 2)}));
  std::vector<std::pair<int64_t, int64_t>> links;
  ASSERT_OK(uow->care().ScanRelationshipLinks([&](const RelationshipLink& l) {
    links.emplace_back(l.child_id, l.person_id);
    return Status::Ok();
  }));
  EXPECT_EQ(links, (std::vector<std::pair<int64_t, int64_t>>{{child_, mother_}, {other_child, mother_}}));
  Status stopped = uow->care().ScanRelationshipLinks([](const RelationshipLink&) { return Status::Conflict("stop"); });
  EXPECT_EQ(stopped.code(), StatusCode::kConflict);
}

TEST_F(SqliteAccessStoreTest, StaffRoleTeamAndActiveFlagAreUpdated) {
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK(uow->staff().UpdateRole(alice_, "team_manager", "south", false));
    EXPECT_EQ(uow->staff().UpdateRole(9999, "team_manager", "south", true).code(), StatusCode::kNotFound);
    ASSERT_OK(uow->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto uow, Read());
  ASSERT_OK_AND_ASSIGN(auto alice, uow->staff().Get(alice_));
  ASSERT_TRUE(alice.has_value());
  EXPECT_EQ(alice->role, "team_manager");
  EXPECT_EQ(alice->team, "south");
  EXPECT_FALSE(alice->active);
  EXPECT_EQ(alice->sealed, (Bytes{0x5E, 0xA1}));  // untouched
  ASSERT_OK_AND_ASSIGN(auto bob, uow->staff().Get(bob_));
  EXPECT_EQ(bob->role, "team_manager");
  EXPECT_TRUE(bob->active);
}

// ---- the access epoch ----

TEST_F(SqliteAccessStoreTest, EveryChangeToAnAccessFactMovesTheEpoch) {
  int64_t allocation = 0, restriction = 0, grant = 0;
  const std::vector<std::pair<const char*, std::function<Status(UnitOfWork&)>>> changes = {
      {"staff insert", [](UnitOfWork& u) { return AddStaff(u).status(); }},
      {"role update", [&](UnitOfWork& u) { return u.staff().UpdateRole(alice_, "senior_practitioner", "north", true); }},
      {"staff disabled", [&](UnitOfWork& u) { return u.staff().UpdateRole(alice_, "senior_practitioner", "north", false); }},
      {"allocation insert",
       [&](UnitOfWork& u) {
         auto id = u.care().InsertAllocation(Allocation(alice_, 100));
         if (id.ok()) allocation = *id;
         return id.status();
       }},
      {"allocation end", [&](UnitOfWork& u) { return u.care().EndAllocation(allocation, 500); }},
      {"relationship insert",
       [&](UnitOfWork& u) { return u.care().InsertRelationship({0, child_, mother_, 1, bob_, Bytes(8, 1)}).status(); }},
      {"training insert",
       [&](UnitOfWork& u) { return u.access().InsertTraining({0, alice_, "induction", 1, std::nullopt, bob_, 1}).status(); }},
      {"restriction insert",
       [&](UnitOfWork& u) {
         auto id = u.access().InsertRestriction({0, child_, alice_, Bytes(8, 1), bob_, 1, std::nullopt, 0});
         if (id.ok()) restriction = *id;
         return id.status();
       }},
      {"restriction removal", [&](UnitOfWork& u) { return u.access().RemoveRestriction(restriction, bob_, 2); }},
      {"break-glass insert",
       [&](UnitOfWork& u) {
         auto id = u.access().InsertBreakGlass({0, alice_, child_, Bytes(8, 1), 1, 100, std::nullopt});
         if (id.ok()) grant = *id;
         return id.status();
       }},
      {"break-glass end", [&](UnitOfWork& u) { return u.access().EndBreakGlass(grant, 50); }},
  };
  for (const auto& [what, change] : changes) {
    ASSERT_OK_AND_ASSIGN(int64_t before, Epoch());
    {
      ASSERT_OK_AND_ASSIGN(auto uow, Write());
      Status changed = change(*uow);
      ASSERT_TRUE(changed.ok()) << what << ": " << changed.ToString();
      // The transaction sees its own move at once (a service notes the epoch before and after).
      ASSERT_OK_AND_ASSIGN(int64_t inside, uow->access().AccessEpoch());
      EXPECT_GT(inside, before) << what;
      ASSERT_OK(uow->Commit());
    }
    ASSERT_OK_AND_ASSIGN(int64_t after, Epoch());
    EXPECT_GT(after, before) << what;
  }
}

TEST_F(SqliteAccessStoreTest, WritesThatDecideNothingLeaveTheEpochAlone) {
  ASSERT_OK_AND_ASSIGN(int64_t before, Epoch());
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    // A record, a person, a staff member's and a relationship's sealed details.
    ASSERT_OK_AND_ASSIGN(int64_t record, uow->records().Insert({0, child_, "case_note", 1, "general", 10, 10}));
    ASSERT_OK(uow->records().InsertVersion({record, 1, "general", 10, 10, alice_, "staff_observation", Bytes(8, 1), Bytes(64, 2)}));
    ASSERT_OK(AddPerson(*uow, "adult"));
    ASSERT_OK(uow->staff().UpdateSealed(alice_, Bytes(8, 3)));
    // Sign-in bookkeeping.
    CredentialRow cred{alice_, Bytes(16, 1), "$argon2id$first", 1, false, {}, std::nullopt, 0, std::nullopt};
    ASSERT_OK(uow->identity().PutCredential(cred));
    cred.totp_last_step = 42;  // a TOTP code accepted: same password
    cred.locked_until = 99;
    ASSERT_OK(uow->identity().PutCredential(cred));
    ASSERT_OK(uow->identity().RecordSignInFailure(alice_, 5));
    ASSERT_OK(uow->identity().InsertSession({Bytes(32, 1), alice_, 1, 1, std::nullopt, std::nullopt, std::nullopt, "", {}}));
    ASSERT_OK(uow->Commit());
  }
  ASSERT_OK_AND_ASSIGN(int64_t after, Epoch());
  EXPECT_EQ(after, before);
  {
    // Sealing the reason of a restriction or grant inserted earlier moves nothing either.
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK_AND_ASSIGN(int64_t r, uow->access().InsertRestriction({0, child_, alice_, {}, bob_, 1, std::nullopt, 0}));
    ASSERT_OK_AND_ASSIGN(int64_t g, uow->access().InsertBreakGlass({0, alice_, child_, {}, 1, 100, std::nullopt}));
    ASSERT_OK_AND_ASSIGN(int64_t inserted, uow->access().AccessEpoch());
    ASSERT_OK(uow->access().UpdateRestrictionSealed(r, Bytes(8, 1)));
    ASSERT_OK(uow->access().UpdateBreakGlassSealed(g, Bytes(8, 1)));
    ASSERT_OK_AND_ASSIGN(int64_t sealed, uow->access().AccessEpoch());
    EXPECT_EQ(sealed, inserted);
    ASSERT_OK(uow->Commit());
  }
}

TEST_F(SqliteAccessStoreTest, APasswordChangeMovesTheEpoch) {
  CredentialRow cred{alice_, Bytes(16, 1), "$argon2id$first", 1, false, {}, std::nullopt, 0, std::nullopt};
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK(uow->identity().PutCredential(cred));
    ASSERT_OK(uow->Commit());
  }
  ASSERT_OK_AND_ASSIGN(int64_t before, Epoch());
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    cred.password_hash = "$argon2id$second";
    ASSERT_OK(uow->identity().PutCredential(cred));
    ASSERT_OK(uow->Commit());
  }
  ASSERT_OK_AND_ASSIGN(int64_t after, Epoch());
  EXPECT_EQ(after, before + 1);
}

TEST_F(SqliteAccessStoreTest, AnotherProcessSeesTheEpochMove) {
  ASSERT_OK_AND_ASSIGN(auto other, SqliteStore::Open(path(), false));  // another connection, as another process would
  int64_t seen = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto uow, other->Begin(TransactionMode::kRead));
    ASSERT_OK_AND_ASSIGN(seen, uow->access().AccessEpoch());
  }
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK(uow->care().InsertAllocation(Allocation(alice_, 100)));
    ASSERT_OK(uow->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto uow, other->Begin(TransactionMode::kRead));
  ASSERT_OK_AND_ASSIGN(int64_t now_seen, uow->access().AccessEpoch());
  EXPECT_GT(now_seen, seen);
}

TEST_F(SqliteAccessStoreTest, TheEpochRowCannotBeDeleted) {
  EXPECT_FALSE(conn().Exec("DELETE FROM access_epoch").ok());
  ASSERT_OK_AND_ASSIGN(int64_t epoch, Epoch());
  EXPECT_GE(epoch, 0);
}

}  // namespace
}  // namespace confide::store::sqlite
