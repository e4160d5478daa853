// Retention over the JSON API, over real HTTP against a real vault: the DPO's report finds a care
// leaver past their 75th birthday, a review approves destruction, an applied run destroys them,
// and afterwards nothing about them can be read through the API by anyone; the certificate is
// signed and names no one. Bad bodies are 400 problems.
#include <gtest/gtest.h>

#include "api_http/api_fixture.h"
#include "crypto/signing.h"

namespace confide::api_http {
namespace {

using nlohmann::json;

std::string Str(int64_t v) { return std::to_string(v); }

class RetentionApi : public WorldSuite<RetentionApi> {
 protected:
  // A care leaver born in 1940, looked after: due since their 75th birthday in 2015.
  domain::PersonId CareLeaver(domain::RecordId* record) {
    const Actor& dsl = w().actor("designated_safeguarding_lead");
    domain::PersonDetails d;
    d.given_names = "Winifred";
    d.family_name = "Ashcombe";
    d.date_of_birth = domain::CivilDate::Parse("1940-02-29").value();
    d.status.looked_after = true;
    d.status.looked_after_by = "Northtown Council";
    auto id = w().vault().AddPerson(dsl.id, domain::PersonKind::kChild, d);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    service::RecordDraft note;
    note.person_id = *id;
    note.tier = domain::SensitivityTier::kGeneral;
    note.occurred_at = w().Now() - int64_t{86400} * 1'000'000;
    note.content.summary = "Winifred's care file was scanned";
    auto rec = w().vault().AddRecord(dsl.id, note);
    EXPECT_TRUE(rec.ok()) << rec.status().ToString();
    *record = *rec;
    return *id;
  }
};

TEST_F(RetentionApi, AReviewedCareLeaverIsDestroyedAndNoRouteReadsThemAfterwards) {
  const Actor& dpo = w().actor("data_protection_officer");
  const Actor& dsl = w().actor("designated_safeguarding_lead");
  domain::RecordId record = 0;
  const domain::PersonId person = CareLeaver(&record);

  Reply report = w().Call("GET", "/api/retention/report", dpo.token);
  ASSERT_EQ(report.status, 200) << report.Describe();
  json item;
  for (const json& i : report.json.at("items")) {
    if (i.at("person_id") == person) item = i;
  }
  ASSERT_TRUE(item.is_object()) << report.body;
  EXPECT_EQ(item.at("class"), "looked_after_child");
  EXPECT_EQ(item.at("destroy_on"), "2015-03-01");  // born 29 February: the anniversary falls on 1 March
  EXPECT_EQ(item.at("state"), "awaiting_review");

  // Before review, an applied run leaves them alone.
  Reply early = w().Call("POST", "/api/retention/runs", dpo.token);
  ASSERT_EQ(early.status, 200) << early.Describe();
  EXPECT_TRUE(early.json.at("certificate").is_null());
  EXPECT_EQ(w().Call("GET", "/api/people/" + Str(person), dsl.token).status, 200);

  Reply reviewed = w().Call("POST", "/api/people/" + Str(person) + "/retention-reviews", dpo.token,
                            json{{"decision", "destroy"}, {"reason", "Past the 75th birthday; no claims or inquiries"}});
  ASSERT_EQ(reviewed.status, 201) << reviewed.Describe();
  Reply run = w().Call("POST", "/api/retention/runs", dpo.token);
  ASSERT_EQ(run.status, 200) << run.Describe();
  ASSERT_TRUE(run.json.at("certificate").is_string()) << run.body;
  const std::string certificate = run.json.at("certificate");

  // Nothing about them comes back from any route, to anyone: what was sealed with their key
  // cannot be opened (lists of what they never had are empty, as before).
  for (const Actor* a : {&dsl, &dpo}) {
    for (const std::string& path : {"/api/people/" + Str(person), "/api/people/" + Str(person) + "/chronology",
                                    "/api/records/" + Str(record), "/api/records/" + Str(record) + "/versions",
                                    "/api/people/" + Str(person) + "/relationships", "/api/people/" + Str(person) + "/consents"}) {
      Reply r = w().Call("GET", path, a->token);
      const bool empty_list = r.status == 200 && (r.body.find("[]") != std::string::npos) && r.body.size() < 64;
      EXPECT_TRUE(r.status != 200 || empty_list) << a->name << " " << path << ": " << r.Describe();
      EXPECT_EQ(r.body.find("Winifred"), std::string::npos) << path;
      EXPECT_EQ(r.body.find("Ashcombe"), std::string::npos) << path;
      EXPECT_EQ(r.body.find("care file"), std::string::npos) << path;
    }
  }
  Reply search = w().Call("POST", "/api/people/search", dsl.token, json{{"family_name", "Ashcombe"}, {"date_of_birth", "1940-02-29"}});
  ASSERT_EQ(search.status, 200) << search.Describe();
  EXPECT_EQ(search.body.find(Str(person) + ","), std::string::npos) << search.body;
  EXPECT_EQ(search.body.find("Winifred"), std::string::npos);

  // The certificate: only the DPO reads it; signed; no one's name.
  EXPECT_EQ(w().Call("GET", "/api/destruction-certificates", dsl.token).status, 403);
  Reply certs = w().Call("GET", "/api/destruction-certificates", dpo.token);
  ASSERT_EQ(certs.status, 200) << certs.Describe();
  json cert;
  for (const json& c : certs.json.at("certificates")) {
    if (c.at("id") == certificate) cert = c;
  }
  ASSERT_TRUE(cert.is_object()) << certs.body;
  EXPECT_TRUE(cert.at("signature_valid").get<bool>());
  EXPECT_EQ(cert.at("body").at("destroyed").at(0).at("person_id"), person);
  EXPECT_EQ(cert.at("body_text").get<std::string>().find("Winifred"), std::string::npos);

  // The audit log still verifies.
  Reply verify = w().Call("POST", "/api/audit/verify", w().actor("auditor").token);
  ASSERT_EQ(verify.status, 200) << verify.Describe();
  EXPECT_TRUE(verify.json.at("ok").get<bool>()) << verify.body;
}

TEST_F(RetentionApi, BadRequestsAreProblemsThatNameTheMember) {
  const Actor& dpo = w().actor("data_protection_officer");
  const std::string child = Str(w().none_child().id);
  struct BadCase {
    std::string method, path;
    std::optional<json> body;
    std::string says;
  };
  const std::vector<BadCase> cases = {
      {"GET", "/api/retention/report?as_of=2026-13-01", std::nullopt, "as_of"},
      {"GET", "/api/retention/report?when=today", std::nullopt, "when"},
      {"POST", "/api/people/" + child + "/retention-reviews", json{{"decision", "shred"}, {"reason", "x"}}, "decision"},
      {"POST", "/api/people/" + child + "/retention-reviews", json{{"decision", "destroy"}}, "reason"},
      {"POST", "/api/people/" + child + "/retention-classes", json{{"class", "adoption"}, {"trigger_date", "yesterday"}, {"reason", "x"}},
       "trigger_date"},
      {"POST", "/api/people/" + child + "/retention-classes", json{{"class", "no_such"}, {"reason", "x"}}, "no_such"},
      {"POST", "/api/legal-holds", json{{"everyone", true}, {"class", "adoption"}, {"reason", "x"}}, "one of"},
      {"POST", "/api/legal-holds", json{{"everyone", true}, {"reason", "x"}, {"colour", "red"}}, "colour"},
      {"GET", "/api/legal-holds?all=maybe", std::nullopt, "all"},
  };
  for (const BadCase& c : cases) {
    Reply r = w().Call(c.method, c.path, dpo.token, c.body);
    EXPECT_EQ(r.status, 400) << c.path << " " << (c.body ? c.body->dump() : "") << ": " << r.Describe();
    EXPECT_NE(r.json.value("detail", "").find(c.says), std::string::npos) << r.Describe();
  }
}

}  // namespace
}  // namespace confide::api_http
