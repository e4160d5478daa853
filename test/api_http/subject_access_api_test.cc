// Subject access over the JSON API, over real HTTP against a real vault: a request from intake to
// release, with a redaction that holds in both the JSON bundle and the readable document, the
// approval bound to what was previewed, the release recorded once; bad bodies are 400 problems.
#include <gtest/gtest.h>

#include "api_http/api_fixture.h"

namespace confide::api_http {
namespace {

using nlohmann::json;

std::string Str(int64_t v) { return std::to_string(v); }

class SubjectAccessApi : public WorldSuite<SubjectAccessApi> {};

TEST_F(SubjectAccessApi, FromIntakeToReleaseWithARedactionThatHoldsInBothForms) {
  const Actor& dpo = w().actor("data_protection_officer");
  const domain::PersonId child = w().none_child().id;
  service::RecordDraft note;
  note.person_id = child;
  note.occurred_at = w().Now() - int64_t{86400} * 1'000'000;
  note.content.summary = "Call from a neighbour";
  note.content.text = "Mr Quentin Vell from number 4 rang, and asked not to be named.";
  ASSERT_TRUE(w().vault().Batch(domain::kSystemActor, [&](service::BatchWriter& b) { return b.AddRecord(note).status(); }).ok());

  Reply opened = w().Call("POST", "/api/subject-access-requests", dpo.token,
                          json{{"person_id", child},
                               {"received_on", "2026-11-20"},
                               {"requester", "parent"},
                               {"requester_name", "A parent"},
                               {"request_text", "All records about my child"},
                               {"identity_method", "Passport copy asked for"}});
  ASSERT_EQ(opened.status, 201) << opened.Describe();
  const std::string base = "/api/subject-access-requests/" + Str(opened.json.at("id"));
  EXPECT_EQ(opened.json.at("state"), "awaiting_identity");
  EXPECT_TRUE(opened.json.at("deadline").at("due_on").is_null());

  Reply step = w().Call("POST", base + "/steps", dpo.token,
                        json{{"kind", "identity_received"}, {"on", "2026-11-23"}, {"note", "Passport copy checked"}});
  ASSERT_EQ(step.status, 201) << step.Describe();
  EXPECT_EQ(step.json.at("state"), "open");
  EXPECT_EQ(step.json.at("deadline").at("due_on"), "2026-12-23");
  EXPECT_FALSE(step.json.at("deadline").at("explanation").empty());

  Reply search = w().Call("GET", base + "/search", dpo.token);
  ASSERT_EQ(search.status, 200) << search.Describe();
  EXPECT_NE(search.body.find("Quentin Vell"), std::string::npos);

  Reply redacted = w().Call("POST", base + "/redactions", dpo.token,
                            json{{"ref", "*"}, {"text", "Quentin Vell"}, {"ground", "anonymous_informant"}, {"reason", "Asked not to be named"}});
  ASSERT_EQ(redacted.status, 201) << redacted.Describe();
  // A slip covers nothing: refused, and the words are not echoed.
  Reply slip = w().Call("POST", base + "/redactions", dpo.token,
                        json{{"ref", "*"}, {"text", "Quentin Bell"}, {"ground", "third_party"}, {"reason", "Typo"}});
  EXPECT_EQ(slip.status, 400) << slip.Describe();
  EXPECT_EQ(slip.body.find("Bell"), std::string::npos);

  Reply preview = w().Call("GET", base + "/preview", dpo.token);
  ASSERT_EQ(preview.status, 200) << preview.Describe();
  EXPECT_EQ(preview.body.find("Quentin"), std::string::npos) << preview.body;
  EXPECT_NE(preview.json.at("document").get<std::string>().find("[redacted] from number 4 rang"), std::string::npos);
  EXPECT_FALSE(preview.json.at("approved").get<bool>());

  EXPECT_EQ(w().Call("POST", base + "/release", dpo.token, json{{"channel", "secure email"}}).status, 409);
  const std::string answer = "Parental responsibility seen on the birth certificate";
  EXPECT_EQ(w().Call("POST", base + "/approvals", dpo.token, json{{"content_sha256", std::string(64, 'f')}, {"note", answer}}).status, 409);
  // The checks before release (the parent is not in Confide) are answered in the note.
  EXPECT_EQ(w().Call("POST", base + "/approvals", dpo.token, json{{"content_sha256", preview.json.at("content_sha256")}}).status, 400);
  Reply approved = w().Call("POST", base + "/approvals", dpo.token,
                            json{{"content_sha256", preview.json.at("content_sha256")}, {"note", answer}});
  ASSERT_EQ(approved.status, 201) << approved.Describe();

  const uint64_t audit_before = w().AuditSize();
  Reply released = w().Call("POST", base + "/release", dpo.token, json{{"channel", "secure email"}});
  ASSERT_EQ(released.status, 201) << released.Describe();
  EXPECT_EQ(released.body.find("Quentin"), std::string::npos);
  EXPECT_EQ(released.json.at("json").at("subject").at("person_id"), child);
  bool recorded = false;
  for (const audit::AuditEvent& e : w().AuditSince(audit_before)) {
    recorded = recorded || (e.action == "subject_access.release" && e.person_id == child && e.actor == dpo.id &&
                            e.detail.find(released.json.at("bundle").get<std::string>()) != std::string::npos);
  }
  EXPECT_TRUE(recorded) << "the release is not in the audit log";
  EXPECT_EQ(w().Call("POST", base + "/release", dpo.token, json{{"channel", "post"}}).status, 409);

  Reply again = w().Call("GET", base + "/bundle", dpo.token);
  ASSERT_EQ(again.status, 200) << again.Describe();
  EXPECT_EQ(again.json.at("json"), released.json.at("json"));
  EXPECT_EQ(again.json.at("document"), released.json.at("document"));
  Reply shown = w().Call("GET", base, dpo.token);
  EXPECT_EQ(shown.json.at("state"), "released");
  EXPECT_EQ(shown.json.at("release").at("channel"), "secure email");
}

TEST_F(SubjectAccessApi, BadBodiesAreProblemsNamingTheField) {
  const Actor& dpo = w().actor("data_protection_officer");
  const int64_t child = w().none_child().id;
  const json good{{"person_id", child}, {"received_on", "2026-11-20"}, {"requester", "subject"},
                  {"requester_name", "Them"}, {"request_text", "All of it"}};
  struct Bad {
    json body;
    const char* names;
  };
  json unknown = good;
  unknown["colour"] = "blue";
  json bad_date = good;
  bad_date["received_on"] = "2026-02-30";
  json bad_requester = good;
  bad_requester["requester"] = "neighbour";
  json missing = good;
  missing.erase("request_text");
  for (const Bad& b : {Bad{unknown, "colour"}, Bad{bad_date, "received_on"}, Bad{bad_requester, "requester"},
                       Bad{missing, "request_text"}}) {
    Reply r = w().Call("POST", "/api/subject-access-requests", dpo.token, b.body);
    EXPECT_EQ(r.status, 400) << r.Describe();
    EXPECT_NE(r.body.find(b.names), std::string::npos) << r.body;
  }
  Reply opened = w().Call("POST", "/api/subject-access-requests", dpo.token, good);
  ASSERT_EQ(opened.status, 201) << opened.Describe();
  const std::string base = "/api/subject-access-requests/" + Str(opened.json.at("id"));
  Reply bad_kind = w().Call("POST", base + "/steps", dpo.token, json{{"kind", "approved"}, {"on", "2026-11-21"}});
  EXPECT_EQ(bad_kind.status, 400) << bad_kind.Describe();
  Reply bad_ground = w().Call("POST", base + "/redactions", dpo.token,
                              json{{"ref", "*"}, {"text", "x"}, {"ground", "because"}, {"reason", "r"}});
  EXPECT_EQ(bad_ground.status, 400) << bad_ground.Describe();
  EXPECT_EQ(w().Call("GET", "/api/subject-access-requests?all=maybe", dpo.token).status, 400);
}

}  // namespace
}  // namespace confide::api_http
