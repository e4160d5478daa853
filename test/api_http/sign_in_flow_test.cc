// The sign-in steps over HTTP for a new starter whose administrator set a temporary password:
// each step's answer names the next (`next`), down to the password change the temporary password
// requires, after which the session is fully signed in.
#include <gtest/gtest.h>

#include "api_http/api_fixture.h"

namespace confide::api_http {
namespace {

using nlohmann::json;

TEST(SignInFlow, EachStepNamesTheNextUntilTheTemporaryPasswordIsReplaced) {
  std::unique_ptr<World> w = World::Create();
  ASSERT_NE(w, nullptr);
  const Actor& admin = w->actor("administrator");
  const Reply created = w->Call("POST", "/api/staff", admin.token,
                                json{{"role", "practitioner"}, {"team", kTeam}, {"name", "Nia Newstarter"},
                                     {"email", "nia.newstarter@example.org"}});
  ASSERT_EQ(created.status, 201) << created.Describe();
  const std::string id = std::to_string(created.json.at("id").get<int64_t>());
  const std::string temporary = "temporary passphrase 5521";
  const Reply set = w->Call("POST", "/api/staff/" + id + "/password", admin.token, json{{"password", temporary}});
  ASSERT_EQ(set.status, 204) << set.Describe();

  const Reply signed_in = w->Call("POST", "/api/session", "", json{{"email", "nia.newstarter@example.org"}, {"password", temporary}});
  ASSERT_EQ(signed_in.status, 201) << signed_in.Describe();
  EXPECT_EQ(signed_in.json.value("next", ""), "enrol_totp");
  const std::string token = signed_in.json.at("token");
  const Reply enrolment = w->Call("POST", "/api/session/totp-enrolment", token);
  ASSERT_EQ(enrolment.status, 201) << enrolment.Describe();
  const Bytes secret = Base32Decode(enrolment.json.at("secret"));
  const Reply confirmed = w->Call("POST", "/api/session/totp-enrolment/confirm", token, json{{"code", w->Code(secret)}});
  ASSERT_EQ(confirmed.status, 200) << confirmed.Describe();
  EXPECT_EQ(confirmed.json.at("recovery_codes").size(), 10u);
  EXPECT_EQ(confirmed.json.value("next", ""), "change_password");
  // Not yet signed in fully: the data is closed until the password is the starter's own.
  EXPECT_EQ(w->Call("GET", "/api/me/caseload", token).status, 401);
  const Reply changed = w->Call("POST", "/api/session/password", token,
                                json{{"current_password", temporary}, {"new_password", "my own chosen passphrase 0937"}});
  ASSERT_EQ(changed.status, 204) << changed.Describe();
  const Reply session = w->Call("GET", "/api/session", token);
  ASSERT_EQ(session.status, 200) << session.Describe();
  EXPECT_EQ(w->Call("GET", "/api/me/caseload", token).status, 200);
}

}  // namespace
}  // namespace confide::api_http
