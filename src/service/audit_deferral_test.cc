// AuditDeferral: who waits for a read's audit events — the vault (no deferral) or its caller.
#include "service/audit_deferral.h"

#include <gtest/gtest.h>

#include <optional>

#include "testing/test_util.h"

namespace confide::service {
namespace {

TEST(AuditDeferralTest, InstalledForItsScopeAndNestedDeferralsRestoreTheOuterOne) {
  EXPECT_EQ(AuditDeferral::Current(), nullptr);
  {
    AuditDeferral outer;
    EXPECT_EQ(AuditDeferral::Current(), &outer);
    {
      AuditDeferral inner;
      EXPECT_EQ(AuditDeferral::Current(), &inner);
    }
    EXPECT_EQ(AuditDeferral::Current(), &outer);
  }
  EXPECT_EQ(AuditDeferral::Current(), nullptr);
}

TEST(AuditDeferralTest, NothingTrackedIsReadyAtOnce) {
  AuditDeferral deferral;
  EXPECT_FALSE(deferral.state()->tracked_any());
  std::optional<Status> outcome;
  deferral.state()->WhenDone([&](Status s) { outcome = s; });
  ASSERT_TRUE(outcome.has_value());
  EXPECT_OK(*outcome);
}

TEST(AuditDeferralTest, ReadyOnlyWhenEveryAppendHasFinishedWithTheFirstFailure) {
  AuditDeferral deferral;
  auto first = deferral.state()->Track();
  auto second = deferral.state()->Track();
  auto third = deferral.state()->Track();
  EXPECT_TRUE(deferral.state()->tracked_any());
  std::optional<Status> outcome;
  deferral.state()->WhenDone([&](Status s) { outcome = s; });
  first(Status::Ok());
  second(Status::IOError("disk full"));
  EXPECT_FALSE(outcome.has_value());
  third(Status::Internal("later failure"));
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->code(), StatusCode::kIOError);
}

TEST(AuditDeferralTest, AppendsThatFinishedBeforeWhenDoneAreReportedAtOnce) {
  AuditDeferral deferral;
  auto only = deferral.state()->Track();
  only(Status::IOError("disk full"));
  std::optional<Status> outcome;
  deferral.state()->WhenDone([&](Status s) { outcome = s; });
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->code(), StatusCode::kIOError);
}

TEST(AuditDeferralTest, TheStateOutlivesTheDeferralWhileAnAppendIsOutstanding) {
  std::function<void(Status)> pending;
  std::optional<Status> outcome;
  {
    AuditDeferral deferral;
    pending = deferral.state()->Track();
    deferral.state()->WhenDone([&](Status s) { outcome = s; });
  }
  EXPECT_FALSE(outcome.has_value());
  pending(Status::Ok());  // the committer finishes after the call has returned
  ASSERT_TRUE(outcome.has_value());
  EXPECT_OK(*outcome);
}

}  // namespace
}  // namespace confide::service
