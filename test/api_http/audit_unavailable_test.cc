// An API answer that carries personal data leaves only once the audit event of that access is
// durable (api_context.cc holds the response; the AuditCommitter writes the event). When the event
// cannot be written, the client gets a 500 problem of type audit-unavailable and none of the data,
// and the log is as it was.
#include <gtest/gtest.h>

#include "api_http/api_fixture.h"
#include "store/sqlite/sqlite_store.h"

namespace confide::api_http {
namespace {

using domain::SensitivityTier;

class AuditUnavailable : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = World::Create();
    ASSERT_NE(world_, nullptr) << "the world could not be built";
  }
  store::sqlite::Connection& Writer() {
    return static_cast<store::sqlite::SqliteStore&>(world_->vault().StoreForTest()).ConnectionForTest();
  }
  std::unique_ptr<World> world_;
};

TEST_F(AuditUnavailable, ARecordReadWhoseAuditCannotBeWrittenSendsNoData) {
  const Actor& dsl = world_->actor("designated_safeguarding_lead");
  const ChildInfo& child = *world_->ChildFor(dsl, Rel::kAllocated);
  const std::string path = "/api/records/" + std::to_string(child.records.at(SensitivityTier::kGeneral));
  const Reply good = world_->Call("GET", path, dsl.token);
  ASSERT_EQ(good.status, 200) << good.Describe();
  const std::string text = good.json.at("text");
  ASSERT_FALSE(text.empty());

  const uint64_t before = world_->AuditSize();
  Writer().FailNthWriteForTest(1);  // the first write of the audit batch
  const Reply failed = world_->Call("GET", path, dsl.token);
  Writer().FailNthWriteForTest(0);
  EXPECT_EQ(failed.status, 500) << failed.Describe();
  ExpectProblem(failed);
  EXPECT_EQ(failed.json.value("type", ""), "https://confide.invalid/problems/audit-unavailable");
  EXPECT_EQ(failed.body.find(text), std::string::npos);
  EXPECT_EQ(failed.Header("Cache-Control"), "no-store");
  EXPECT_EQ(world_->AuditSize(), before);

  // The next read is audited and answered as usual.
  const Reply again = world_->Call("GET", path, dsl.token);
  ASSERT_EQ(again.status, 200) << again.Describe();
  const std::vector<audit::AuditEvent> events = world_->AuditSince(before);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "record.read");
  EXPECT_EQ(events[0].actor, dsl.id);
}

TEST_F(AuditUnavailable, AListWhoseAuditCannotBeWrittenSendsNoData) {
  const Actor& dsl = world_->actor("designated_safeguarding_lead");
  const ChildInfo& child = *world_->ChildFor(dsl, Rel::kAllocated);
  const std::string path = "/api/people/" + std::to_string(child.id) + "/chronology";
  const Reply good = world_->Call("GET", path, dsl.token);
  ASSERT_EQ(good.status, 200) << good.Describe();
  ASSERT_TRUE(good.json.contains("items")) << good.Describe();
  const uint64_t before = world_->AuditSize();
  Writer().FailNthWriteForTest(1);
  const Reply failed = world_->Call("GET", path, dsl.token);
  Writer().FailNthWriteForTest(0);
  EXPECT_EQ(failed.status, 500) << failed.Describe();
  EXPECT_EQ(failed.json.value("type", ""), "https://confide.invalid/problems/audit-unavailable");
  EXPECT_FALSE(failed.json.contains("items")) << failed.Describe();
  EXPECT_EQ(world_->AuditSize(), before);
}

// /metrics shows the group commits and the events they made durable.
TEST_F(AuditUnavailable, MetricsCountGroupCommits) {
  auto figure = [&](const std::string& name) -> int64_t {
    const Reply m = world_->Call("GET", "/metrics", "");
    EXPECT_EQ(m.status, 200);
    const size_t at = m.body.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stoll(m.body.substr(at + name.size() + 2));
  };
  const int64_t commits = figure("confide_audit_group_commits_total");
  const int64_t events = figure("confide_audit_group_committed_events_total");
  ASSERT_GE(commits, 1);  // the set-up's sign-ins read and were audited
  const Actor& dsl = world_->actor("designated_safeguarding_lead");
  const ChildInfo& child = *world_->ChildFor(dsl, Rel::kAllocated);
  ASSERT_EQ(world_->Call("GET", "/api/people/" + std::to_string(child.id), dsl.token).status, 200);
  EXPECT_EQ(figure("confide_audit_group_commits_total"), commits + 1);
  EXPECT_EQ(figure("confide_audit_group_committed_events_total"), events + 1);
  EXPECT_EQ(figure("confide_audit_queued_appends"), 0);
}

}  // namespace
}  // namespace confide::api_http
