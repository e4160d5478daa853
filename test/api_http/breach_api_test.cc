// The personal data breach register over the JSON API, over real HTTP against a real vault: a
// practitioner reports an email sent to the wrong school and learns only its id; the data
// protection officer assesses it, decides to report, reports it late with the reasons, tells the
// family and closes it; bad bodies are 400 problems naming the field and record nothing; the
// register and its candidates are the DPO's alone; candidates raised from break-glass use are
// opened or dismissed and leave the list.
#include <gtest/gtest.h>

#include <algorithm>

#include "api_http/api_fixture.h"

namespace confide::api_http {
namespace {

using nlohmann::json;

class BreachApi : public WorldSuite<BreachApi> {
 protected:
  std::string Path(const Reply& created) { return "/api/breaches/" + std::to_string(created.json.at("id").get<int64_t>()); }
};

// The clock stands at 2026-11-24T10:00Z: awareness on the 20th puts the 72 hours behind us.
json Report(domain::PersonId child) {
  return json{{"kind", "misdirected_email"},
              {"became_aware_at", "2026-11-20T09:00:00Z"},
              {"happened_at", "2026-11-20T08:45:00Z"},
              {"discovered_by", "The receiving school's office"},
              {"what_happened", "A review summary was emailed to the wrong primary school"},
              {"data_affected", "Name, date of birth, a summary of concerns"},
              {"people_affected", 1},
              {"people", json::array({child})},
              {"immediate_action", "Asked the school to delete it; they confirmed by phone"}};
}

bool Lists(const Reply& list, const json& id) {
  const json& all = list.json.at("breaches");
  return std::any_of(all.begin(), all.end(), [&](const json& b) { return b.at("id") == id; });
}

TEST_F(BreachApi, ReportedByAPractitionerAndTakenToClosingByTheDpo) {
  const Actor& practitioner = w().actor("practitioner");
  const Actor& dpo = w().actor("data_protection_officer");
  const ChildInfo* child = w().ChildFor(practitioner, Rel::kAllocated);
  ASSERT_NE(child, nullptr);

  Reply reported = w().Call("POST", "/api/breaches", practitioner.token, Report(child->id));
  ASSERT_EQ(reported.status, 201) << reported.Describe();
  EXPECT_EQ(reported.json.size(), 1u) << "the reporter is told the id and nothing more: " << reported.body;
  const std::string base = Path(reported);
  EXPECT_EQ(w().Call("GET", base, practitioner.token).status, 403);

  Reply shown = w().Call("GET", base, dpo.token);
  ASSERT_EQ(shown.status, 200) << shown.Describe();
  const json& c = shown.json;
  EXPECT_EQ(c.at("kind"), "misdirected_email");
  EXPECT_FALSE(c.at("kind_words").get<std::string>().empty());
  EXPECT_TRUE(c.at("source").is_null());
  EXPECT_EQ(c.at("state"), "awaiting_decision");
  EXPECT_TRUE(c.at("overdue").get<bool>()) << "72 hours since awareness, no report and no decision";
  EXPECT_EQ(c.at("became_aware_at"), "2026-11-20T09:00:00Z");
  EXPECT_EQ(c.at("happened_at"), "2026-11-20T08:45:00Z");
  EXPECT_EQ(c.at("deadline").at("became_aware_at"), "2026-11-20T09:00:00Z");
  EXPECT_EQ(c.at("deadline").at("report_by"), "2026-11-23T09:00:00Z");
  EXPECT_FALSE(c.at("deadline").at("explanation").empty());
  EXPECT_TRUE(c.at("risk").is_null());
  EXPECT_EQ(c.at("people"), json::array({child->id}));
  EXPECT_EQ(c.at("people_affected"), 1);
  EXPECT_EQ(c.at("what_happened"), "A review summary was emailed to the wrong primary school");
  EXPECT_TRUE(c.at("steps").empty());

  Reply assessed = w().Call("POST", base + "/steps", dpo.token,
                            json{{"kind", "assessed"},
                                 {"at", "2026-11-24T09:00:00Z"},
                                 {"note", "Concerns about a named child reached a school that does not know the family"},
                                 {"likelihood", "likely"},
                                 {"severity", "significant"}});
  ASSERT_EQ(assessed.status, 201) << assessed.Describe();
  EXPECT_TRUE(assessed.json.contains("step_id"));
  EXPECT_EQ(assessed.json.at("risk").at("level"), "high_risk");
  EXPECT_TRUE(assessed.json.at("risk").at("report_to_ico").get<bool>());
  EXPECT_TRUE(assessed.json.at("risk").at("tell_people").get<bool>());
  const json& step = assessed.json.at("steps").back();
  EXPECT_EQ(step.at("kind"), "assessed");
  EXPECT_EQ(step.at("at"), "2026-11-24T09:00:00Z");
  EXPECT_EQ(step.at("likelihood"), "likely");
  EXPECT_EQ(step.at("severity"), "significant");
  EXPECT_EQ(step.at("risk").at("level"), "high_risk");
  EXPECT_EQ(step.at("recorded_by"), dpo.id);

  Reply decided = w().Call("POST", base + "/steps", dpo.token,
                           json{{"kind", "decided"}, {"at", "2026-11-24T09:10:00Z"}, {"note", "High risk: report"}, {"report", true}});
  ASSERT_EQ(decided.status, 201) << decided.Describe();
  EXPECT_EQ(decided.json.at("state"), "to_report");
  EXPECT_EQ(decided.json.at("steps").back().at("report"), true);

  // After the 72 hours the report needs the reasons for the delay (Art. 33(1)).
  const json late{{"kind", "reported"}, {"at", "2026-11-24T09:30:00Z"}, {"note", "The ICO's online form"}, {"ico_reference", "IC-48213-K7Q2"}};
  Reply no_reason = w().Call("POST", base + "/steps", dpo.token, late);
  EXPECT_EQ(no_reason.status, 400) << no_reason.Describe();
  ExpectProblem(no_reason);
  json with_reason = late;
  with_reason["delay_reason"] = "The email was found on Friday evening and the DPO was on leave until Tuesday";
  Reply made = w().Call("POST", base + "/steps", dpo.token, with_reason);
  ASSERT_EQ(made.status, 201) << made.Describe();
  EXPECT_EQ(made.json.at("state"), "reported");
  EXPECT_EQ(made.json.at("reported_at"), "2026-11-24T09:30:00Z");
  EXPECT_TRUE(made.json.at("reported_late").get<bool>());
  EXPECT_FALSE(made.json.at("overdue").get<bool>());
  EXPECT_EQ(made.json.at("steps").back().at("ico_reference"), "IC-48213-K7Q2");
  // A high risk and the family not yet told: the record departs from the assessment.
  auto warns_of_telling = [](const Reply& r) {
    const json& w = r.json.at("warnings");
    return std::any_of(w.begin(), w.end(), [](const json& s) { return s.get<std::string>().find("told") != std::string::npos; });
  };
  EXPECT_TRUE(warns_of_telling(made)) << made.body;

  Reply told = w().Call("POST", base + "/steps", dpo.token,
                        json{{"kind", "people_told"}, {"at", "2026-11-24T09:45:00Z"}, {"note", "Phoned the mother"}, {"told", true}});
  ASSERT_EQ(told.status, 201) << told.Describe();
  EXPECT_EQ(told.json.at("people_told"), true);
  EXPECT_FALSE(warns_of_telling(told)) << told.body;

  Reply closed = w().Call("POST", base + "/steps", dpo.token,
                          json{{"kind", "closed"}, {"at", "2026-11-24T09:50:00Z"}, {"note", "Addresses are now checked by a second person"}});
  ASSERT_EQ(closed.status, 201) << closed.Describe();
  EXPECT_EQ(closed.json.at("state"), "closed");
  EXPECT_EQ(closed.json.at("steps").size(), 5u);
  Reply after = w().Call("POST", base + "/steps", dpo.token, json{{"kind", "action"}, {"at", "2026-11-24T09:55:00Z"}, {"note", "x"}});
  EXPECT_EQ(after.status, 409) << after.Describe();

  Reply open_only = w().Call("GET", "/api/breaches", dpo.token);
  ASSERT_EQ(open_only.status, 200) << open_only.Describe();
  EXPECT_FALSE(Lists(open_only, reported.json.at("id")));
  Reply all = w().Call("GET", "/api/breaches?all=true", dpo.token);
  ASSERT_EQ(all.status, 200) << all.Describe();
  EXPECT_TRUE(Lists(all, reported.json.at("id")));
}

TEST_F(BreachApi, TheRegisterIsTheDataProtectionOfficersAlone) {
  const Actor& dpo = w().actor("data_protection_officer");
  Reply reported = w().Call("POST", "/api/breaches", dpo.token,
                            json{{"kind", "lost_paper"}, {"became_aware_at", "2026-11-24T08:00:00Z"}, {"what_happened", "A diary left on a bus"}});
  ASSERT_EQ(reported.status, 201) << reported.Describe();
  const std::string base = Path(reported);
  for (const char* role : {"practitioner", "social_worker", "manager", "designated_safeguarding_lead"}) {
    SCOPED_TRACE(role);
    const Actor& a = w().actor(role);
    Reply list = w().Call("GET", "/api/breaches", a.token);
    EXPECT_EQ(list.status, 403) << list.Describe();
    ExpectProblem(list);
    EXPECT_EQ(w().Call("GET", base, a.token).status, 403);
    EXPECT_EQ(w().Call("POST", base + "/steps", a.token, json{{"kind", "action"}, {"at", "2026-11-24T09:00:00Z"}, {"note", "x"}}).status, 403);
    EXPECT_EQ(w().Call("GET", "/api/breach-candidates", a.token).status, 403);
    Reply kinds = w().Call("GET", "/api/breach-kinds", a.token);  // the form's choices, no one's data
    EXPECT_EQ(kinds.status, 200) << kinds.Describe();
  }
  EXPECT_EQ(w().Call("GET", "/api/breaches/999999", dpo.token).status, 404);
  EXPECT_EQ(w().Call("POST", "/api/breaches/999999/steps", dpo.token, json{{"kind", "action"}, {"at", "2026-11-24T09:00:00Z"}, {"note", "x"}}).status,
            404);
}

TEST_F(BreachApi, BadBodiesAreProblemsNamingTheFieldAndRecordNothing) {
  const Actor& practitioner = w().actor("practitioner");
  const ChildInfo* child = w().ChildFor(practitioner, Rel::kAllocated);
  ASSERT_NE(child, nullptr);
  struct Bad {
    json body;
    const char* names;  // in the problem's detail; "" when the service words it
  };
  auto with = [&](const char* key, json value) {
    json j = Report(child->id);
    if (value.is_null()) {
      j.erase(key);
    } else {
      j[key] = std::move(value);
    }
    return j;
  };
  std::vector<Bad> bad{{with("colour", "blue"), "colour"},
                       {with("kind", "spilt_tea"), "kind"},
                       {with("became_aware_at", "last Tuesday"), "became_aware_at"},
                       {with("became_aware_at", nullptr), "became_aware_at"},
                       {with("what_happened", nullptr), "what_happened"},
                       {with("people", json::array({"12"})), "people[0]"},
                       {with("people_affected", -3), "people_affected"},
                       {with("became_aware_at", "2027-03-01T09:00:00Z"), ""},   // in the future
                       {with("happened_at", "2026-11-21T09:00:00Z"), ""}};     // after awareness
  const domain::PersonId hidden = w().none_child().id;
  if (!w().Allowed(practitioner, policy::Action::kPersonRead, hidden)) {
    bad.push_back({with("people", json::array({hidden})), "no person with id"});
  }
  const auto before = Tables();
  for (const Bad& b : bad) {
    Reply r = w().Call("POST", "/api/breaches", practitioner.token, b.body);
    EXPECT_EQ(r.status, 400) << r.Describe();
    ExpectProblem(r);
    EXPECT_NE(r.body.find(b.names), std::string::npos) << r.body;
  }
  EXPECT_EQ(Tables(), before) << "a refused report recorded something";

  const Actor& dpo = w().actor("data_protection_officer");
  Reply reported = w().Call("POST", "/api/breaches", practitioner.token, Report(child->id));
  ASSERT_EQ(reported.status, 201) << reported.Describe();
  const std::string steps = Path(reported) + "/steps";
  for (const Bad& b : {Bad{json{{"kind", "approved"}, {"at", "2026-11-24T09:00:00Z"}, {"note", "n"}}, "kind"},
                       Bad{json{{"kind", "action"}, {"at", "soon"}, {"note", "n"}}, "at"},
                       Bad{json{{"kind", "action"}, {"at", "2026-11-24T09:00:00Z"}}, "note"},
                       Bad{json{{"kind", "assessed"}, {"at", "2026-11-24T09:00:00Z"}, {"note", "n"}, {"likelihood", "certain"}, {"severity", "severe"}},
                           "likelihood"},
                       Bad{json{{"kind", "decided"}, {"at", "2026-11-24T09:00:00Z"}, {"note", "n"}, {"report", "yes"}}, "report"},
                       Bad{json{{"kind", "action"}, {"at", "2026-11-24T09:00:00Z"}, {"note", "n"}, {"colour", "blue"}}, "colour"}}) {
    Reply r = w().Call("POST", steps, dpo.token, b.body);
    EXPECT_EQ(r.status, 400) << r.Describe();
    ExpectProblem(r);
    EXPECT_NE(r.body.find(b.names), std::string::npos) << r.body;
  }
  Reply shown = w().Call("GET", Path(reported), dpo.token);
  ASSERT_EQ(shown.status, 200) << shown.Describe();
  EXPECT_TRUE(shown.json.at("steps").empty());
  EXPECT_EQ(w().Call("GET", "/api/breaches?all=maybe", dpo.token).status, 400);
  EXPECT_EQ(w().Call("GET", "/api/breaches?colour=blue", dpo.token).status, 400);
  EXPECT_EQ(w().Call("GET", "/api/breach-candidates?since=yesterday", dpo.token).status, 400);
}

TEST_F(BreachApi, CandidatesAreOpenedOrDismissedAndLeaveTheList) {
  const Actor& dpo = w().actor("data_protection_officer");
  auto sources = [&]() {
    Reply r = w().Call("GET", "/api/breach-candidates", dpo.token);
    EXPECT_EQ(r.status, 200) << r.Describe();
    std::vector<std::string> out;
    if (r.status == 200) {
      for (const json& c : r.json.at("candidates")) out.push_back(c.at("source").get<std::string>());
    }
    return out;
  };
  // The fixture's staff broke glass on a child each: every use is a candidate, its reason to be judged.
  Reply listed = w().Call("GET", "/api/breach-candidates", dpo.token);
  ASSERT_EQ(listed.status, 200) << listed.Describe();
  std::vector<std::string> break_glass;
  for (const json& c : listed.json.at("candidates")) {
    EXPECT_FALSE(c.at("suggested_kind").get<std::string>().empty());
    if (c.at("kind") == "break_glass") break_glass.push_back(c.at("source").get<std::string>());
  }
  ASSERT_GE(break_glass.size(), 2u) << listed.body;
  const std::string dismissed = break_glass[0], opened = break_glass[1];

  const Actor& practitioner = w().actor("practitioner");
  EXPECT_EQ(w().Call("POST", "/api/breach-candidates/dismiss", practitioner.token, json{{"source", dismissed}, {"reason", "x"}}).status, 403);
  EXPECT_EQ(w().Call("POST", "/api/breach-candidates/dismiss", dpo.token, json{{"source", dismissed}}).status, 400);

  Reply gone = w().Call("POST", "/api/breach-candidates/dismiss", dpo.token,
                        json{{"source", dismissed}, {"reason", "Cover for a colleague off sick, as the reason says"}});
  ASSERT_EQ(gone.status, 204) << gone.Describe();
  std::vector<std::string> now = sources();
  EXPECT_EQ(std::count(now.begin(), now.end(), dismissed), 0);
  EXPECT_EQ(w().Call("POST", "/api/breach-candidates/dismiss", dpo.token, json{{"source", dismissed}, {"reason", "again"}}).status, 404);

  json body{{"source", opened},
            {"kind", "unauthorised_viewing"},
            {"became_aware_at", "2026-11-24T09:00:00Z"},
            {"what_happened", "Emergency access with no emergency on the record"}};
  Reply made = w().Call("POST", "/api/breach-candidates/open", dpo.token, body);
  ASSERT_EQ(made.status, 201) << made.Describe();
  Reply shown = w().Call("GET", Path(made), dpo.token);
  ASSERT_EQ(shown.status, 200) << shown.Describe();
  EXPECT_EQ(shown.json.at("source"), opened);
  EXPECT_EQ(shown.json.at("kind"), "unauthorised_viewing");
  now = sources();
  EXPECT_EQ(std::count(now.begin(), now.end(), opened), 0);
  EXPECT_EQ(w().Call("POST", "/api/breach-candidates/open", dpo.token, body).status, 404);
  body["source"] = "break_glass/999999999";
  EXPECT_EQ(w().Call("POST", "/api/breach-candidates/open", dpo.token, body).status, 404);
}

// The kinds the API offers are the kinds the OpenAPI document names, each with its words.
TEST_F(BreachApi, KindsWithTheirWords) {
  Reply kinds = w().Call("GET", "/api/breach-kinds", w().actor("volunteer").token);
  ASSERT_EQ(kinds.status, 200) << kinds.Describe();
  std::vector<std::string> names;
  for (const json& k : kinds.json.at("kinds")) {
    names.push_back(k.at("kind").get<std::string>());
    EXPECT_FALSE(k.at("words").get<std::string>().empty()) << k;
  }
  Reply doc = w().Call("GET", "/api/openapi.json", "");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(json(names), doc.json.at("components").at("schemas").at("BreachKind").at("enum"));
}

}  // namespace
}  // namespace confide::api_http
