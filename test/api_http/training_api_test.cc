// Training and the confidentiality policy over the JSON API, over real HTTP against a real vault:
// everyone reads the policy in force and the catalogue; a practitioner is in time to acknowledge
// until the policy's date, is refused children's records once it has passed, and is let back in by
// acknowledging the text they were shown (a stale digest is a 409 that records nothing); training
// recorded without an expiry takes the course's refresher interval, an unknown course is a 400;
// the report is for those who may see staff, with ?overdue=true.
#include <gtest/gtest.h>

#include <algorithm>

#include "api_http/api_fixture.h"

namespace confide::api_http {
namespace {

using nlohmann::json;

class TrainingApi : public WorldSuite<TrainingApi> {};

const json* StandingOf(const Reply& report, int64_t staff) {
  for (const json& s : report.json.at("staff")) {
    if (s.at("staff").at("id") == staff) return &s;
  }
  return nullptr;
}

TEST_F(TrainingApi, EveryoneReadsThePolicyAndTheCourses) {
  const Actor& volunteer = w().actor("volunteer");
  Reply policy = w().Call("GET", "/api/confidentiality-policy", volunteer.token);
  ASSERT_EQ(policy.status, 200) << policy.Describe();
  const json& p = policy.json.at("policy");
  EXPECT_EQ(p.at("version"), "2026.1");
  EXPECT_EQ(p.at("in_force_from"), "2026-11-20");
  EXPECT_EQ(p.at("acknowledge_by"), "2026-12-20");
  EXPECT_EQ(p.at("digest").get<std::string>().size(), 64u);
  EXPECT_NE(p.at("text").get<std::string>().find("share it only to protect a child"), std::string::npos);

  Reply courses = w().Call("GET", "/api/training-courses", volunteer.token);
  ASSERT_EQ(courses.status, 200) << courses.Describe();
  std::vector<std::string> ids;
  for (const json& c : courses.json.at("courses")) ids.push_back(c.at("id"));
  EXPECT_EQ(ids, (std::vector<std::string>{"induction", "confidentiality", "safeguarding", "information_sharing",
                                           "designated_safeguarding_lead"}));
  EXPECT_EQ(courses.json.at("courses").at(1).at("refresher_months"), 12);
  EXPECT_EQ(courses.json.at("courses").at(4).at("roles"), json::array({"designated_safeguarding_lead", "deputy_safeguarding_lead"}));
}

TEST_F(TrainingApi, TrainingWithoutAnExpiryTakesTheRefresherAndAnUnknownCourseIsRefused) {
  const Actor& admin = w().actor("administrator");
  const std::string path = "/api/staff/" + std::to_string(w().spare()) + "/training";
  Reply made = w().Call("POST", path, admin.token, json{{"course", "safeguarding"}, {"completed_at", "2026-01-31"}});
  ASSERT_EQ(made.status, 201) << made.Describe();
  Reply list = w().Call("GET", path, admin.token);
  ASSERT_EQ(list.status, 200) << list.Describe();
  const json& all = list.json.at("training");
  const auto it = std::find_if(all.begin(), all.end(), [&](const json& t) { return t.at("id") == made.json.at("id"); });
  ASSERT_NE(it, all.end());
  // Three years on: 31 January 2029, the start of the UK day (GMT in winter).
  EXPECT_EQ(it->at("expires_at"), "2029-01-31T00:00:00Z");

  const auto before = Tables();
  Reply bad = w().Call("POST", path, admin.token, json{{"course", "first_aid"}, {"completed_at", "2026-01-31"}});
  EXPECT_EQ(bad.status, 400) << bad.Describe();
  EXPECT_NE(bad.json.value("detail", "").find("no course named first_aid"), std::string::npos) << bad.Describe();
  EXPECT_EQ(Tables(), before);
}

TEST_F(TrainingApi, TheReportIsForThoseWhoMaySeeStaff) {
  const Actor& manager = w().actor("manager");
  Reply report = w().Call("GET", "/api/training-report", manager.token);
  ASSERT_EQ(report.status, 200) << report.Describe();
  EXPECT_EQ(report.json.at("policy").at("version"), "2026.1");
  EXPECT_FALSE(report.json.at("policy").contains("text")) << "the report names the version, not the whole text";
  const json* lapsed = StandingOf(report, w().actor("practitioner_lapsed").id);
  ASSERT_NE(lapsed, nullptr);
  EXPECT_EQ(lapsed->at("gate"), "lapsed");
  EXPECT_TRUE(lapsed->at("overdue").get<bool>());
  // Overdue first: nobody up to date comes before someone overdue.
  bool seen_not_overdue = false;
  for (const json& s : report.json.at("staff")) {
    if (!s.at("overdue").get<bool>()) {
      seen_not_overdue = true;
    } else {
      EXPECT_FALSE(seen_not_overdue) << s.at("staff").at("name");
    }
  }
  Reply overdue = w().Call("GET", "/api/training-report?overdue=true", manager.token);
  ASSERT_EQ(overdue.status, 200) << overdue.Describe();
  for (const json& s : overdue.json.at("staff")) EXPECT_TRUE(s.at("overdue").get<bool>());
  EXPECT_NE(StandingOf(overdue, w().actor("practitioner_untrained").id), nullptr);

  Reply refused = w().Call("GET", "/api/training-report", w().actor("volunteer").token);
  EXPECT_EQ(refused.status, 403) << refused.Describe();
  EXPECT_EQ(w().Call("GET", "/api/training-report?overdue=maybe", manager.token).status, 400);
}

// Runs last in the suite: it moves the clock past the date to acknowledge by.
TEST_F(TrainingApi, ZAcknowledgingInTimeAndAfterTheGateHasClosed) {
  const Actor& social_worker = w().actor("social_worker");
  const ChildInfo* child = w().ChildFor(social_worker, Rel::kAllocated);
  ASSERT_NE(child, nullptr);
  const std::string me = "/api/staff/" + std::to_string(social_worker.id) + "/training-standing";
  Reply mine = w().Call("GET", me, social_worker.token);
  ASSERT_EQ(mine.status, 200) << mine.Describe();
  EXPECT_EQ(mine.json.at("acknowledgement").at("state"), "due");
  EXPECT_EQ(mine.json.at("acknowledgement").at("due_by"), "2026-12-20");
  EXPECT_EQ(mine.json.at("gate"), "current");
  const std::string person = "/api/people/" + std::to_string(child->id);
  EXPECT_EQ(w().Call("GET", person, social_worker.token).status, 200);

  // 21 December: the time to acknowledge is over. A new session (the old one has long expired).
  w().Advance(int64_t{27} * 86400 * 1000000);
  const Session s = w().SignInFully(social_worker);
  Reply closed = w().Call("GET", person, s.token);
  EXPECT_EQ(closed.status, 404) << "a denial looks like a missing person: " << closed.Describe();
  mine = w().Call("GET", me, s.token);
  ASSERT_EQ(mine.status, 200) << mine.Describe();
  EXPECT_EQ(mine.json.at("acknowledgement").at("state"), "overdue");
  EXPECT_EQ(mine.json.at("gate"), "missing");

  Reply policy = w().Call("GET", "/api/confidentiality-policy", s.token);
  ASSERT_EQ(policy.status, 200) << policy.Describe();
  const std::string digest = policy.json.at("policy").at("digest");
  const std::string acks = "/api/confidentiality-policy/acknowledgements";
  const auto before = Tables();
  for (const json& body : {json{{"version", "2026.1"}, {"digest", std::string(64, '0')}},
                           json{{"version", "2025.1"}, {"digest", digest}}}) {
    Reply stale = w().Call("POST", acks, s.token, body);
    EXPECT_EQ(stale.status, 409) << stale.Describe();
  }
  for (const json& body : {json{{"version", "2026.1"}}, json{{"version", "2026.1"}, {"digest", digest}, {"read", true}},
                           json{{"version", 2026}, {"digest", digest}}}) {
    Reply bad = w().Call("POST", acks, s.token, body);
    EXPECT_EQ(bad.status, 400) << bad.Describe();
  }
  EXPECT_EQ(Tables(), before) << "refused acknowledgements record nothing";

  Reply ack = w().Call("POST", acks, s.token, json{{"version", "2026.1"}, {"digest", digest}});
  ASSERT_EQ(ack.status, 201) << ack.Describe();
  Reply again = w().Call("POST", acks, s.token, json{{"version", "2026.1"}, {"digest", digest}});
  ASSERT_EQ(again.status, 201) << again.Describe();
  EXPECT_EQ(again.json.at("id"), ack.json.at("id"));
  EXPECT_EQ(w().Call("GET", person, s.token).status, 200) << "acknowledged: current again";
  mine = w().Call("GET", me, s.token);
  EXPECT_EQ(mine.json.at("acknowledgement").at("state"), "acknowledged");
}

}  // namespace
}  // namespace confide::api_http
