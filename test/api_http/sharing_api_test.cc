// Information sharing over the JSON API, over real HTTP against a real vault: a referral from the
// allocated social worker to a verified recipient waits for the designated person's backing, then
// leaves as a disclosure package only the recipient can open; consent is recorded, checked and
// withdrawn; bad bodies are 400 problems that name the member and never quote its value; and a
// stranger cannot tell a request exists.
#include <gtest/gtest.h>

#include "api_http/api_fixture.h"
#include "common/bytes.h"
#include "crypto/signing.h"
#include "disclosure/disclosure_package.h"

namespace confide::api_http {
namespace {

using nlohmann::json;

constexpr int64_t kMissing = 9'000'000'000;

std::string Str(int64_t v) { return std::to_string(v); }

class SharingApi : public WorldSuite<SharingApi> {
 protected:
  // A recipient added to the directory by the DSL over the API, with its verification recorded.
  int64_t VerifiedRecipient(const crypto::SigningKey& key) {
    const Actor& dsl = w().actor("designated_safeguarding_lead");
    const Reply added = w().Call("POST", "/api/recipients", dsl.token,
                                 json{{"kind", "childrens_social_care"},
                                      {"name", "Northtown MASH"},
                                      {"organisation", "Northtown Council"},
                                      {"contact", "01632 960000 (switchboard)"},
                                      {"secure_channel", "Egress secure email"},
                                      {"public_key", HexEncode(key.public_key())}});
    EXPECT_EQ(added.status, 201) << added.Describe();
    if (added.status != 201) return 0;
    const int64_t id = added.json.at("id").get<int64_t>();
    EXPECT_EQ(added.Header("Location"), "/api/recipients/" + Str(id));
    const Reply verified = w().Call("POST", "/api/recipients/" + Str(id) + "/verification", dsl.token,
                                    json{{"method", "Call-back to the council switchboard"}, {"notes", "Spoke to the duty manager"}});
    EXPECT_EQ(verified.status, 204) << verified.Describe();
    return id;
  }

  static json Referral(int64_t child, int64_t recipient) {
    return json{{"person_id", child},
                {"direction", "outgoing"},
                {"recipient_id", recipient},
                {"purpose", "safeguarding"},
                {"categories", {"identity", "address", "safeguarding_concerns", "third_party_identities"}},
                {"channel", "secure_email"},
                {"urgency", "urgent"},
                {"answers", {"significant_harm", "consent_would_increase_risk", "telling_would_put_at_risk"}},
                {"reasons", "Unexplained bruising and the child's account point to physical abuse at home"}};
  }

  // A 400 problem that names `member` and does not quote `secret`.
  static void ExpectBad(const Reply& r, const std::string& member, const std::string& secret = "") {
    EXPECT_EQ(r.status, 400) << r.Describe();
    ExpectProblem(r);
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
    const std::string detail = r.json.value("detail", "");
    EXPECT_NE(detail.find(member), std::string::npos) << "the detail does not name " << member << ": " << detail;
    if (!secret.empty()) {
      EXPECT_EQ(r.body.find(secret), std::string::npos) << "the problem quotes the submitted value: " << r.body;
    }
  }
};

TEST_F(SharingApi, AReferralIsBackedByTheDesignatedPersonThenSentAsAPackage) {
  const Actor& worker = w().actor("social_worker");
  const Actor& dsl = w().actor("designated_safeguarding_lead");
  const ChildInfo* child = w().ChildFor(worker, Rel::kAllocated);
  ASSERT_NE(child, nullptr);
  const crypto::SigningKey mash_key = crypto::SigningKey::Generate();
  const int64_t mash = VerifiedRecipient(mash_key);
  ASSERT_NE(mash, 0);
  const Reply listed = w().Call("GET", "/api/recipients/" + Str(mash), worker.token);
  ASSERT_EQ(listed.status, 200) << listed.Describe();
  EXPECT_EQ(listed.json.value("verified", false), true);

  // The worker records the referral: decided at once, waiting for the designated person.
  const Reply recorded = w().Call("POST", "/api/sharing-requests", worker.token, Referral(child->id, mash));
  ASSERT_EQ(recorded.status, 201) << recorded.Describe();
  const int64_t id = recorded.json.at("request").at("id").get<int64_t>();
  EXPECT_EQ(recorded.Header("Location"), "/api/sharing-requests/" + Str(id));
  EXPECT_EQ(recorded.Header("Cache-Control"), "no-store");
  EXPECT_EQ(recorded.json.value("stage", ""), "awaiting_approval");
  const json& first = recorded.json.at("decisions").back();
  EXPECT_EQ(first.at("explanation").at("outcome"), "escalate");
  EXPECT_EQ(first.at("explanation").at("approvals_missing"), json::array({"designated_person"}));
  EXPECT_EQ(first.at("facts").at("verified"), true) << "the directory says the recipient was verified";

  // Nothing leaves before the backing; the worker cannot back it.
  const Reply early = w().Call("GET", "/api/sharing-requests/" + Str(id) + "/dataset", worker.token);
  EXPECT_EQ(early.status, 409) << early.Describe();
  ExpectProblem(early);
  const Reply self_backed = w().Call("POST", "/api/sharing-requests/" + Str(id) + "/approvals", worker.token,
                                     json{{"approval", "designated_person"}, {"reason", "I think so"}});
  EXPECT_EQ(self_backed.status, 404) << "the worker has no sharing.approve: " << self_backed.Describe();

  // The DSL backs it.
  const Reply backed = w().Call("POST", "/api/sharing-requests/" + Str(id) + "/approvals", dsl.token,
                                json{{"approval", "designated_person"}, {"reason", "Discussed with the worker: refer today"}});
  ASSERT_EQ(backed.status, 201) << backed.Describe();
  EXPECT_EQ(backed.json.value("stage", ""), "ready_to_send");
  EXPECT_EQ(backed.json.at("approvals").size(), 1u);
  EXPECT_EQ(backed.json.at("decisions").size(), 2u);
  const Reply again = w().Call("POST", "/api/sharing-requests/" + Str(id) + "/approvals", dsl.token,
                               json{{"approval", "designated_person"}, {"reason", "Again"}});
  EXPECT_EQ(again.status, 409) << again.Describe();

  // The worker reads the minimum dataset, then sends it.
  const Reply dataset = w().Call("GET", "/api/sharing-requests/" + Str(id) + "/dataset", worker.token);
  ASSERT_EQ(dataset.status, 200) << dataset.Describe();
  EXPECT_EQ(dataset.Header("Cache-Control"), "no-store");
  EXPECT_FALSE(dataset.json.at("fields").empty());
  EXPECT_TRUE(dataset.json.at("withheld").is_array());
  EXPECT_NE(dataset.json.at("document").get<std::string>().find(child->details.family_name), std::string::npos);
  EXPECT_NE(dataset.json.at("data").dump().find(child->details.family_name), std::string::npos);

  const Reply told = w().Call("POST", "/api/sharing-requests/" + Str(id) + "/send", worker.token, json{{"subject_told", true}});
  EXPECT_EQ(told.status, 400) << "the decision says the person is not told: " << told.Describe();
  const Reply sent = w().Call("POST", "/api/sharing-requests/" + Str(id) + "/send", worker.token,
                              json{{"subject_told", false}, {"valid_for_days", 7}});
  ASSERT_EQ(sent.status, 201) << sent.Describe();
  EXPECT_EQ(sent.json.at("case").value("stage", ""), "sent");
  const std::string package_id = sent.json.at("package_id");
  ASSERT_EQ(sent.json.at("case").at("disclosures").size(), 1u);
  EXPECT_EQ(sent.json.at("case").at("disclosures")[0].at("package_id"), package_id);
  EXPECT_EQ(sent.json.at("case").at("disclosures")[0].at("fields"), dataset.json.at("fields"));
  // Only the recipient can open it, and it is the council's.
  auto opened = disclosure::OpenPackage(sent.json.at("package").get<std::string>(), mash_key, w().vault().organisation_public_key(),
                                        w().Now() + kDay, {});
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->files.size(), 2u);

  // A client that lost it fetches the same package again, in the send's shape; nothing is sent twice.
  const int64_t disclosure = sent.json.at("case").at("disclosures")[0].at("id").get<int64_t>();
  const std::string package_path = "/api/sharing-requests/" + Str(id) + "/disclosures/" + Str(disclosure) + "/package";
  const Reply fetched = w().Call("GET", package_path, worker.token);
  ASSERT_EQ(fetched.status, 200) << fetched.Describe();
  EXPECT_EQ(fetched.Header("Content-Type"), sent.Header("Content-Type"));
  EXPECT_EQ(fetched.Header("Cache-Control"), "no-store");
  EXPECT_EQ(fetched.json.at("package"), sent.json.at("package"));
  EXPECT_EQ(fetched.json.at("package_id"), package_id);
  EXPECT_EQ(fetched.json.at("request_id"), id);
  EXPECT_EQ(fetched.json.at("disclosure_id"), disclosure);
  EXPECT_TRUE(disclosure::OpenPackage(fetched.json.at("package").get<std::string>(), mash_key, w().vault().organisation_public_key(),
                                      w().Now() + kDay, {})
                  .ok());
  EXPECT_EQ(w().Call("GET", package_path + "?x=1", worker.token).status, 400) << "no query parameters";
  EXPECT_EQ(w().Call("GET", "/api/sharing-requests/" + Str(id) + "/disclosures/" + Str(disclosure + 1000) + "/package", worker.token).status,
            404);

  const Reply after = w().Call("GET", "/api/sharing-requests/" + Str(id), worker.token);
  ASSERT_EQ(after.status, 200) << after.Describe();
  EXPECT_EQ(after.json.value("stage", ""), "sent");
  const Reply list = w().Call("GET", "/api/people/" + Str(child->id) + "/sharing-requests", worker.token);
  ASSERT_EQ(list.status, 200) << list.Describe();
  bool listed_case = false;
  for (const json& c : list.json.at("cases")) listed_case = listed_case || c.at("request").at("id") == id;
  EXPECT_TRUE(listed_case) << list.Describe();

  // Answered once.
  const Reply resend = w().Call("POST", "/api/sharing-requests/" + Str(id) + "/send", worker.token, json{{"subject_told", false}});
  EXPECT_EQ(resend.status, 409) << resend.Describe();
  const Reply redecide = w().Call("POST", "/api/sharing-requests/" + Str(id) + "/decide", worker.token);
  EXPECT_EQ(redecide.status, 409) << redecide.Describe();

  // A stranger gets exactly the 404 a request that does not exist gets.
  const Actor& stranger = w().actor("practitioner");
  const Reply hidden = w().Call("GET", "/api/sharing-requests/" + Str(id), stranger.token);
  const Reply missing = w().Call("GET", "/api/sharing-requests/" + Str(kMissing), stranger.token);
  ASSERT_EQ(hidden.status, 404) << hidden.Describe();
  ASSERT_EQ(missing.status, 404) << missing.Describe();
  json a = hidden.json, b = missing.json;
  a.erase("instance");
  b.erase("instance");
  a["detail"] = NormaliseIds(a.value("detail", ""), {id});
  b["detail"] = NormaliseIds(b.value("detail", ""), {kMissing});
  EXPECT_EQ(a, b);
  EXPECT_EQ(w().Call("GET", "/api/sharing-requests/" + Str(id) + "/dataset", stranger.token).status, 404);
  EXPECT_EQ(w().Call("GET", "/api/people/" + Str(child->id) + "/sharing-requests", stranger.token).status, 404);
  // The package too, exactly as for a request and a disclosure that do not exist.
  const Reply hidden_package = w().Call("GET", package_path, stranger.token);
  const Reply missing_package =
      w().Call("GET", "/api/sharing-requests/" + Str(kMissing) + "/disclosures/" + Str(kMissing) + "/package", stranger.token);
  ASSERT_EQ(hidden_package.status, 404) << hidden_package.Describe();
  ASSERT_EQ(missing_package.status, 404) << missing_package.Describe();
  a = hidden_package.json;
  b = missing_package.json;
  a.erase("instance");
  b.erase("instance");
  a["detail"] = NormaliseIds(a.value("detail", ""), {id, disclosure});
  b["detail"] = NormaliseIds(b.value("detail", ""), {kMissing});
  EXPECT_EQ(a, b);
  EXPECT_EQ(hidden_package.body.find(package_id), std::string::npos);
}

TEST_F(SharingApi, DisclosureMadeOutsideConfideIsRecorded) {
  const Actor& worker = w().actor("social_worker");
  const Actor& deputy = w().actor("deputy_safeguarding_lead");
  const ChildInfo* child = w().ChildFor(worker, Rel::kAllocated);
  ASSERT_NE(child, nullptr);
  const crypto::SigningKey key = crypto::SigningKey::Generate();
  const int64_t recipient = VerifiedRecipient(key);
  const Reply recorded = w().Call("POST", "/api/sharing-requests", worker.token, Referral(child->id, recipient));
  ASSERT_EQ(recorded.status, 201) << recorded.Describe();
  const std::string id = Str(recorded.json.at("request").at("id").get<int64_t>());
  ASSERT_EQ(w().Call("POST", "/api/sharing-requests/" + id + "/approvals", deputy.token,
                     json{{"approval", "designated_person"}, {"reason", "Agreed"}}).status, 201);
  const Reply bad_channel = w().Call("POST", "/api/sharing-requests/" + id + "/disclosures", worker.token,
                                     json{{"fields", {"person/1/given_names"}}, {"subject_told", false}, {"channel", "pigeon-secret"}});
  ExpectBad(bad_channel, "body.channel", "pigeon-secret");
  const Reply recorded_disclosure = w().Call("POST", "/api/sharing-requests/" + id + "/disclosures", worker.token,
                                             json{{"fields", {"person/" + Str(child->id) + "/given_names"}},
                                                  {"subject_told", false},
                                                  {"channel", "phone"},
                                                  {"not_told_reason", nullptr}});
  ASSERT_EQ(recorded_disclosure.status, 201) << recorded_disclosure.Describe();
  EXPECT_EQ(recorded_disclosure.json.value("stage", ""), "sent");
  EXPECT_EQ(recorded_disclosure.json.at("disclosures")[0].at("channel"), "phone");
  // Sent by phone: no package to fetch, and that reads as absent.
  const Reply no_package = w().Call("GET", "/api/sharing-requests/" + id + "/disclosures/" +
                                               Str(recorded_disclosure.json.at("disclosures")[0].at("id").get<int64_t>()) + "/package",
                                    worker.token);
  EXPECT_EQ(no_package.status, 404) << no_package.Describe();
  ExpectProblem(no_package);
}

TEST_F(SharingApi, ConsentIsRecordedCheckedAndWithdrawn) {
  const Actor& worker = w().actor("social_worker");
  const ChildInfo* child = w().ChildFor(worker, Rel::kAllocated);
  ASSERT_NE(child, nullptr);
  const std::string base = "/api/people/" + Str(child->id);
  const json check{{"purpose", "care_and_support"}, {"recipient", "health"}, {"categories", {"identity", "health"}}};
  const Reply none = w().Call("POST", base + "/consent-check", worker.token, check);
  ASSERT_EQ(none.status, 200) << none.Describe();
  EXPECT_EQ(none.json.value("consent", ""), "none");

  const json consent{{"given_by_id", child->parent},
                     {"capacity", "parent_with_parental_responsibility"},
                     {"purposes", {"care_and_support"}},
                     {"recipients", {"health"}},
                     {"categories", {"identity", "health"}},
                     {"explained", {{"why", true}, {"what", true}, {"who_will_see", true}, {"purpose", true}, {"implications", true}}},
                     {"voluntary", true},
                     {"method", "written"},
                     {"evidence", "Signed consent form, scanned to the file"},
                     {"given_at", "2026-11-23"},
                     {"privacy_notice_version", "2026-09"},
                     {"expires_at", nullptr}};
  const Reply added = w().Call("POST", base + "/consents", worker.token, consent);
  ASSERT_EQ(added.status, 201) << added.Describe();
  const int64_t consent_id = added.json.at("id").get<int64_t>();

  const Reply valid = w().Call("POST", base + "/consent-check", worker.token, check);
  ASSERT_EQ(valid.status, 200) << valid.Describe();
  EXPECT_EQ(valid.json.value("consent", ""), "valid");
  EXPECT_EQ(valid.json.value("relied_on", int64_t{0}), consent_id);
  EXPECT_EQ(valid.json.value("in_writing", false), true);

  const Reply list = w().Call("GET", base + "/consents", worker.token);
  ASSERT_EQ(list.status, 200) << list.Describe();
  EXPECT_EQ(list.Header("Cache-Control"), "no-store");
  ASSERT_EQ(list.json.at("consents").size(), 1u);
  EXPECT_EQ(list.json.at("consents")[0].at("subject_id"), child->id);
  EXPECT_EQ(list.json.at("consents")[0].at("evidence"), "Signed consent form, scanned to the file");

  const std::string withdraw = "/api/consents/" + Str(consent_id) + "/withdraw";
  const Reply withdrawn = w().Call("POST", withdraw, worker.token, json{{"withdrawn_by_id", child->parent}});
  ASSERT_EQ(withdrawn.status, 204) << withdrawn.Describe();
  const Reply twice = w().Call("POST", withdraw, worker.token, json{{"withdrawn_by_id", child->parent}});
  EXPECT_EQ(twice.status, 409) << twice.Describe();
  const Reply after = w().Call("POST", base + "/consent-check", worker.token, check);
  ASSERT_EQ(after.status, 200) << after.Describe();
  EXPECT_EQ(after.json.value("consent", ""), "withdrawn");
  const Reply list_after = w().Call("GET", base + "/consents", worker.token);
  ASSERT_EQ(list_after.status, 200);
  EXPECT_TRUE(list_after.json.at("consents")[0].contains("withdrawn_at"));

  // Someone else's consent record is absent, like one that does not exist.
  const Actor& stranger = w().actor("practitioner");
  const Reply hidden = w().Call("POST", withdraw, stranger.token, json{{"withdrawn_by_id", child->parent}});
  const Reply missing = w().Call("POST", "/api/consents/" + Str(kMissing) + "/withdraw", stranger.token,
                                 json{{"withdrawn_by_id", child->parent}});
  EXPECT_EQ(hidden.status, 404) << hidden.Describe();
  EXPECT_EQ(missing.status, 404) << missing.Describe();
  EXPECT_EQ(NormaliseIds(hidden.json.value("detail", ""), {consent_id}), NormaliseIds(missing.json.value("detail", ""), {kMissing}));
}

TEST_F(SharingApi, BadBodiesAreProblemsNamingTheMemberNotItsValue) {
  const Actor& worker = w().actor("social_worker");
  const Actor& dsl = w().actor("designated_safeguarding_lead");
  const ChildInfo* child = w().ChildFor(worker, Rel::kAllocated);
  ASSERT_NE(child, nullptr);
  const std::string base = "/api/people/" + Str(child->id);
  const auto rows = w().RowCounts();

  // Unknown members, and the members Confide sets itself.
  json referral = Referral(child->id, 0);
  referral.erase("recipient_id");
  referral["recipient_kind"] = "health";
  json unknown = referral;
  unknown["colour"] = "SECRET-VALUE-1";
  ExpectBad(w().Call("POST", "/api/sharing-requests", worker.token, unknown), "colour", "SECRET-VALUE-1");
  json claimed = referral;
  claimed["recorded_by"] = 1;
  ExpectBad(w().Call("POST", "/api/sharing-requests", worker.token, claimed), "recorded_by");
  json bad_purpose = referral;
  bad_purpose["purpose"] = "SECRET-PURPOSE-2";
  ExpectBad(w().Call("POST", "/api/sharing-requests", worker.token, bad_purpose), "purpose", "SECRET-PURPOSE-2");
  json wrong_type = referral;
  wrong_type["person_id"] = "SECRET-3";
  ExpectBad(w().Call("POST", "/api/sharing-requests", worker.token, wrong_type), "person_id", "SECRET-3");

  ExpectBad(w().Call("POST", base + "/consents", worker.token, json{{"id", 5}}), "body.id");
  ExpectBad(w().Call("POST", base + "/consents", worker.token, json{{"given_by_id", 1}, {"nickname", "SECRET-4"}}), "nickname", "SECRET-4");
  ExpectBad(w().Call("POST", base + "/consents", worker.token, json{{"given_by_id", 1}}), "capacity");
  ExpectBad(w().Call("POST", base + "/consent-check", worker.token,
                     json{{"purpose", "SECRET-5"}, {"recipient", "health"}, {"categories", {"identity"}}}),
            "body.purpose", "SECRET-5");
  ExpectBad(w().Call("POST", base + "/consent-check", worker.token,
                     json{{"purpose", "care_and_support"}, {"recipient", "health"}, {"categories", {"SECRET-6"}}}),
            "body.categories", "SECRET-6");
  ExpectBad(w().Call("POST", base + "/consent-check", worker.token, json{{"purpose", "care_and_support"}, {"recipient", "health"}}),
            "body.categories");
  ExpectBad(w().Call("POST", "/api/consents/1/withdraw", worker.token, json{{"withdrawn_by_id", "SECRET-7"}}), "body.withdrawn_by_id",
            "SECRET-7");
  ExpectBad(w().Call("POST", "/api/recipients", dsl.token, json{{"kind", "health"}, {"name", "GP"}, {"phone", "SECRET-8"}}), "phone",
            "SECRET-8");
  ExpectBad(w().Call("POST", "/api/recipients/1/verification", dsl.token, json{{"notes", "SECRET-9"}}), "body.method", "SECRET-9");
  ExpectBad(w().Call("POST", "/api/agreements", dsl.token, json{{"id", 3}}), "body.id");
  ExpectBad(w().Call("POST", "/api/sharing-requests/1/approvals", dsl.token, json{{"approval", "SECRET-10"}, {"reason", "x"}}),
            "body.approval", "SECRET-10");
  ExpectBad(w().Call("POST", "/api/sharing-requests/1/send", worker.token, json{{"not_told_reason", "SECRET-11"}}),
            "body.subject_told", "SECRET-11");
  ExpectBad(w().Call("POST", "/api/sharing-requests/1/send", worker.token, json{{"subject_told", false}, {"valid_for_days", 0}}),
            "body.valid_for_days");
  ExpectBad(w().Call("POST", "/api/sharing-requests/1/decide", worker.token, json{{"force", true}}), "body.force");
  ExpectBad(w().Call("POST", "/api/sharing-requests/1/disclosures", worker.token, json{{"subject_told", false}}), "body.fields");
  ExpectBad(w().Call("GET", "/api/recipients?name=SECRET-12", dsl.token), "name", "SECRET-12");
  ExpectBad(w().Call("GET", base + "/consents?all=1", worker.token), "all");
  // Not JSON, and the wrong media type.
  const Reply not_json = w().Send("POST", "/api/sharing-requests",
                                  {{"Authorization", "Bearer " + worker.token}, {"Content-Type", "application/json"}}, "{\"person_id\": ");
  EXPECT_EQ(not_json.status, 400) << not_json.Describe();
  ExpectProblem(not_json);
  const Reply text = w().Send("POST", "/api/recipients", {{"Authorization", "Bearer " + dsl.token}, {"Content-Type", "text/plain"}},
                              "name=GP");
  EXPECT_EQ(text.status, 415) << text.Describe();
  ExpectProblem(text);

  const auto after = w().RowCounts();
  for (const auto& [table, n] : rows) {
    if (table.rfind("audit_", 0) == 0) continue;
    EXPECT_EQ(after.at(table), n) << "a refused request changed table " << table;
  }
}

// A cookie session changes nothing without the CSRF token.
TEST_F(SharingApi, CookieSessionsNeedTheCsrfToken) {
  const Actor& dsl = w().actor("designated_safeguarding_lead");
  const json body{{"kind", "health"}, {"name", "Quarry Lane Surgery"}};
  const Reply without = w().Send("POST", "/api/recipients",
                                 {{"Cookie", std::string(kSessionCookie) + "=" + dsl.token}, {"Content-Type", "application/json"}},
                                 body.dump());
  EXPECT_EQ(without.status, 403) << without.Describe();
  EXPECT_EQ(without.json.value("type", ""), "https://confide.invalid/problems/csrf");
  const Reply with = w().Send("POST", "/api/recipients",
                              {{"Cookie", std::string(kSessionCookie) + "=" + dsl.token},
                               {"Content-Type", "application/json"},
                               {"X-CSRF-Token", dsl.csrf}},
                              body.dump());
  EXPECT_EQ(with.status, 201) << with.Describe();
}

}  // namespace
}  // namespace confide::api_http
