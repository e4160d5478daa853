// The Freedom of Information register over the JSON API, over real HTTP against a real vault: a
// request from receipt to a reply that withholds part under s.40(2), its clock moved by a
// clarification; the grounds listed; bad bodies are 400 problems naming the field; the register is
// the DPO's alone.
#include <gtest/gtest.h>

#include "api_http/api_fixture.h"

namespace confide::api_http {
namespace {

using nlohmann::json;

class FoiApi : public WorldSuite<FoiApi> {};

const json kIntake{{"received_on", "2026-11-02"},
                   {"requester_name", "Pat Ledger"},
                   {"contact", "pat@example.net"},
                   {"request_text", "The number of agency social workers employed each month in 2025"},
                   {"channel", "web form"}};

TEST_F(FoiApi, FromReceiptToAReplyThatWithholdsPart) {
  const Actor& dpo = w().actor("data_protection_officer");
  Reply opened = w().Call("POST", "/api/foi-requests", dpo.token, kIntake);
  ASSERT_EQ(opened.status, 201) << opened.Describe();
  EXPECT_EQ(opened.json.at("state"), "open");
  EXPECT_EQ(opened.json.at("requester_name"), "Pat Ledger");
  EXPECT_EQ(opened.json.at("deadline").at("due_on"), "2026-11-30");
  const std::string base = "/api/foi-requests/" + std::to_string(opened.json.at("id").get<int64_t>());

  Reply asked = w().Call("POST", base + "/steps", dpo.token,
                         json{{"kind", "clarification_requested"}, {"on", "2026-11-03"}, {"note", "Headcount or full-time equivalent?"}});
  ASSERT_EQ(asked.status, 201) << asked.Describe();
  EXPECT_EQ(asked.json.at("state"), "awaiting_clarification");
  EXPECT_TRUE(asked.json.at("deadline").at("due_on").is_null());
  EXPECT_EQ(asked.json.at("deadline").at("waiting_for"), "clarification");
  Reply clarified = w().Call("POST", base + "/steps", dpo.token, json{{"kind", "clarification_received"}, {"on", "2026-11-09"}});
  ASSERT_EQ(clarified.status, 201) << clarified.Describe();
  EXPECT_EQ(clarified.json.at("deadline").at("due_on"), "2026-12-07");

  // Refusing part needs the exemption and its reason.
  Reply bare = w().Call("POST", base + "/steps", dpo.token,
                        json{{"kind", "responded"}, {"on", "2026-11-23"}, {"note", "Figures sent"}, {"outcome", "disclosed_in_part"}});
  EXPECT_EQ(bare.status, 400) << bare.Describe();
  Reply replied = w().Call("POST", base + "/steps", dpo.token,
                           json{{"kind", "responded"},
                                {"on", "2026-11-23"},
                                {"note", "Monthly figures sent; agencies' names withheld"},
                                {"outcome", "disclosed_in_part"},
                                {"exemptions", json::array({json{{"exemption", "s40_2"},
                                                                 {"reason", "months with fewer than five are personal data"}}})}});
  ASSERT_EQ(replied.status, 201) << replied.Describe();
  EXPECT_EQ(replied.json.at("state"), "responded");
  EXPECT_EQ(replied.json.at("answered_on"), "2026-11-23");
  EXPECT_FALSE(replied.json.at("answered_late").get<bool>());
  const json& step = replied.json.at("steps").back();
  EXPECT_EQ(step.at("exemptions").at(0).at("section"), "s.40(2)");
  EXPECT_EQ(step.at("outcome"), "disclosed_in_part");
  EXPECT_EQ(w().Call("POST", base + "/steps", dpo.token, json{{"kind", "closed"}, {"on", "2026-11-24"}, {"note", "x"}}).status, 409);

  Reply open_only = w().Call("GET", "/api/foi-requests", dpo.token);
  ASSERT_EQ(open_only.status, 200) << open_only.Describe();
  for (const json& r : open_only.json.at("requests")) EXPECT_NE(r.at("id"), opened.json.at("id"));
  Reply all = w().Call("GET", "/api/foi-requests?all=true", dpo.token);
  ASSERT_EQ(all.status, 200) << all.Describe();
  bool listed = false;
  for (const json& r : all.json.at("requests")) listed = listed || r.at("id") == opened.json.at("id");
  EXPECT_TRUE(listed);
  EXPECT_FALSE(all.json.at("maintained_school").get<bool>());

  Reply grounds = w().Call("GET", "/api/foi-exemptions", dpo.token);
  ASSERT_EQ(grounds.status, 200) << grounds.Describe();
  bool confidence = false;
  for (const json& g : grounds.json.at("exemptions")) {
    confidence = confidence || (g.at("id") == "s41" && g.at("qualified") == false);
  }
  EXPECT_TRUE(confidence);
}

TEST_F(FoiApi, TheRegisterIsTheDataProtectionOfficersAlone) {
  for (const char* role : {"social_worker", "manager", "designated_safeguarding_lead"}) {
    const Actor& a = w().actor(role);
    EXPECT_EQ(w().Call("GET", "/api/foi-requests", a.token).status, 403) << role;
    EXPECT_EQ(w().Call("POST", "/api/foi-requests", a.token, kIntake).status, 403) << role;
    EXPECT_EQ(w().Call("GET", "/api/foi-exemptions", a.token).status, 200) << role;  // the Act's sections, no one's data
  }
  EXPECT_EQ(w().Call("GET", "/api/foi-requests/999999", w().actor("data_protection_officer").token).status, 404);
}

TEST_F(FoiApi, BadBodiesAreProblemsNamingTheField) {
  const Actor& dpo = w().actor("data_protection_officer");
  struct Bad {
    json body;
    const char* names;
  };
  json unknown = kIntake;
  unknown["colour"] = "blue";
  json bad_date = kIntake;
  bad_date["received_on"] = "2026-02-30";
  json missing = kIntake;
  missing.erase("request_text");
  for (const Bad& b : {Bad{unknown, "colour"}, Bad{bad_date, "received_on"}, Bad{missing, "request_text"}}) {
    Reply r = w().Call("POST", "/api/foi-requests", dpo.token, b.body);
    EXPECT_EQ(r.status, 400) << r.Describe();
    EXPECT_NE(r.body.find(b.names), std::string::npos) << r.body;
  }
  Reply opened = w().Call("POST", "/api/foi-requests", dpo.token, kIntake);
  ASSERT_EQ(opened.status, 201) << opened.Describe();
  const std::string steps = "/api/foi-requests/" + std::to_string(opened.json.at("id").get<int64_t>()) + "/steps";
  for (const Bad& b : {Bad{json{{"kind", "approved"}, {"on", "2026-11-21"}}, "kind"},
                       Bad{json{{"kind", "responded"}, {"on", "2026-11-21"}, {"note", "n"}, {"outcome", "maybe"}}, "outcome"},
                       Bad{json{{"kind", "responded"}, {"on", "2026-11-21"}, {"note", "n"}, {"outcome", "refused"},
                                {"exemptions", json::array({json{{"exemption", "s41"}, {"why", "x"}}})}},
                           "exemptions[0].why"},
                       Bad{json{{"kind", "extended"}, {"on", "2026-11-21"}, {"note", "n"}, {"working_days", 10},
                                {"exemptions", json::array({json{{"exemption", "s99"}, {"reason", "x"}}})}},
                           "s99"}}) {
    Reply r = w().Call("POST", steps, dpo.token, b.body);
    EXPECT_EQ(r.status, 400) << r.Describe();
    EXPECT_NE(r.body.find(b.names), std::string::npos) << r.body;
  }
  EXPECT_EQ(w().Call("GET", "/api/foi-requests?all=maybe", dpo.token).status, 400);
}

}  // namespace
}  // namespace confide::api_http
