// What the API does with input it must refuse, over real HTTP: malformed JSON, wrong types,
// missing and unknown fields, deep nesting, repeated keys, bodies over the limit, the wrong media
// type, bad ids in paths, unknown query parameters and bad dates. Each gets a 4xx problem+json
// (Content-Type application/problem+json; type, title, status, detail), never a 500 or a crash, and
// leaves the database as it was.
//
// Which refusals write anything: none of the 400s, 413s and 415s here does — they are refused
// before the vault is asked, or inside a transaction that is rolled back, and invalid input is not
// an auditable failure. A well-formed id of nothing ("0") is a missing id like any other: 404,
// audited as an attempt to reach a subject (vault_tx.h, IsAuditableFailure). A failed sign-in is
// audited (auth.sign_in, failed) and, for a real account, counted towards its lock-out.
//
// Also here: authentication and session handling at the HTTP edge (401 with WWW-Authenticate, CSRF
// for cookie sessions, the session cookie's attributes, uniform sign-in failures, half-signed-in
// sessions, re-authentication before an export), and Cache-Control: no-store.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "api_http/api_fixture.h"
#include "domain/civil_date.h"

namespace confide::api_http {
namespace {

using domain::SensitivityTier;
using http::testing::RawBody;
using http::testing::RawExchange;
using http::testing::RawStatus;
using nlohmann::json;

std::string Str(int64_t v) { return std::to_string(v); }

std::string QueryEscape(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// A 4xx problem, not a 500.
void ExpectRefused(const Reply& r, int status = 400) {
  EXPECT_EQ(r.status, status) << r.Describe();
  EXPECT_LT(r.status, 500) << r.Describe();
  EXPECT_GE(r.status, 400) << r.Describe();
  ExpectProblem(r);
  EXPECT_EQ(r.Header("Cache-Control"), "no-store");
}

void ExpectSameRows(const std::map<std::string, int64_t>& before, const std::map<std::string, int64_t>& after,
                    bool audit_may_grow = false) {
  for (const auto& [table, n] : before) {
    if (audit_may_grow && table.rfind("audit_", 0) == 0) continue;
    EXPECT_EQ(after.at(table), n) << "table " << table << " changed";
  }
}

std::string Nested(int depth, bool objects) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += objects ? "{\"a\":" : "[";
  s += "1";
  for (int i = 0; i < depth; ++i) s += objects ? "}" : "]";
  return s;
}

json ChildBody(const std::string& family) {
  return json{{"kind", "child"}, {"details", {{"given_names", "Newt"}, {"family_name", family}, {"date_of_birth", "2021-03-04"}}}};
}

class BadInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { world_ = World::Create().release(); }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(world_, nullptr) << "the world could not be built"; }

  static World& w() { return *world_; }
  static const Actor& dsl() { return world_->actor("designated_safeguarding_lead"); }
  static const Actor& admin() { return world_->actor("administrator"); }
  static const ChildInfo& dsl_child() { return *world_->ChildFor(dsl(), Rel::kAllocated); }

  // A request that takes a JSON body, with a body that would be accepted, and the fields it needs.
  struct BodyRoute {
    std::string method;
    std::string path;
    std::string token;
    json valid;
    std::vector<std::string> required;
  };

  // One per route with a JSON body (the routes whose handlers read one), with ids that exist and a
  // caller the policy allows, so that the input is the only thing wrong.
  static std::vector<BodyRoute> BodyRoutes() {
    World& x = w();
    const ChildInfo& c = dsl_child();
    const std::string half = x.SignInPasswordOnly(dsl()).token;
    const domain::RecordId record = c.records.at(SensitivityTier::kGeneral);
    const domain::AllocationId allocation = x.DisposableAllocation(c.id);
    const std::string staff = "/api/staff/" + Str(x.spare());
    return {
        {"POST", "/api/session", "", {{"email", dsl().email}, {"password", "not the password at all"}}, {"email", "password"}},
        {"POST", "/api/session/mfa", half, {{"code", "123456"}}, {"code"}},
        {"POST", "/api/session/totp-enrolment", half, json::object(), {}},
        {"POST", "/api/session/totp-enrolment/confirm", half, {{"code", "123456"}}, {"code"}},
        {"POST", "/api/session/password", dsl().token, {{"current_password", "x"}, {"new_password", "y"}},
         {"current_password", "new_password"}},
        {"POST", "/api/session/reauth", dsl().token, {{"password", "x"}, {"code", "123456"}}, {"password", "code"}},
        {"POST", "/api/people/search", dsl().token, {{"nhs_number", c.details.nhs_number->digits()}}, {}},
        {"POST", "/api/people", dsl().token, ChildBody("Valid"), {"kind", "details"}},
        {"PUT", "/api/people/" + Str(c.id), dsl().token,
         {{"details", {{"given_names", "A"}, {"family_name", "B"}, {"date_of_birth", "2020-01-01"}}},
          {"reason", "r"},
          {"expected_version", 1}},
         {"details", "reason", "expected_version"}},
        {"POST", "/api/people/" + Str(c.id) + "/relationships", dsl().token, {{"person_id", c.parent}, {"kind", "carer"}},
         {"person_id", "kind"}},
        {"POST", "/api/people/" + Str(c.id) + "/allocations", dsl().token, {{"staff_id", x.spare()}, {"role", "other"}},
         {"staff_id", "role"}},
        {"POST", "/api/allocations/" + Str(allocation) + "/end", dsl().token, {{"ends_at", "2026-12-01"}}, {}},
        {"POST", "/api/people/" + Str(c.id) + "/restrictions", dsl().token, {{"staff_id", x.spare()}, {"reason", "r"}},
         {"staff_id", "reason"}},
        {"POST", "/api/people/" + Str(c.id) + "/break-glass", dsl().token, {{"reason", "r"}}, {"reason"}},
        {"POST", "/api/people/" + Str(c.id) + "/records", dsl().token,
         {{"kind", "case_note"}, {"tier", "general"}, {"occurred_at", "2026-11-23"}, {"content", {{"summary", "s"}}}},
         {"kind", "tier", "occurred_at", "content"}},
        {"POST", "/api/records/" + Str(record) + "/amendments", dsl().token,
         {{"expected_version", 1}, {"reason", "r"}, {"content", {{"summary", "s"}}}},
         {"expected_version", "reason", "content"}},
        {"POST", "/api/records/" + Str(record) + "/export", dsl().token, {{"version", 1}}, {}},
        {"POST", "/api/staff", admin().token, {{"role", "practitioner"}, {"team", "T"}, {"name", "N"}, {"email", "n@example.org"}},
         {"role", "team", "name", "email"}},
        {"PATCH", staff, admin().token, {{"team", "Spare Team"}, {"active", true}}, {}},
        {"POST", staff + "/password", admin().token, {{"password", "amber meadow compass 7730"}, {"must_change", true}}, {"password"}},
        {"POST", staff + "/training", admin().token, {{"course", "safeguarding"}, {"completed_at", "2026-01-15"}},
         {"course", "completed_at"}},
    };
  }

  static World* world_;
};

World* BadInput::world_ = nullptr;

// ---- bodies ----

TEST_F(BadInput, MalformedJsonIsRefusedByEveryRouteThatReadsABody) {
  const std::vector<std::string> bodies = {
      "{",
      "{\"a\":",
      "{\"a\":1,}",
      "{'a':1}",
      "{} trailing",
      "[]",
      "\"text\"",
      "42",
      "null",
      "true",
      "{\"a\":1,\"a\":2}",                 // a repeated key
      "{\"a\":{\"b\":1,\"b\":1}}",          // ... in a nested object
      Nested(100, true),                    // nested 100 deep
      Nested(100, false),
      "{\"a\":" + Nested(40, false) + "}",  // deeper than 32 inside a field
      std::string("{\"a\":\"\xc3\x28\"}"),  // ill-formed UTF-8
      std::string("{\"a\":\"\0\"}", 9),     // a raw NUL inside a string
  };
  const std::vector<BodyRoute> routes = BodyRoutes();
  const auto before = w().RowCounts();
  int requests = 0;
  for (const BodyRoute& r : routes) {
    for (const std::string& body : bodies) {
      SCOPED_TRACE(r.method + " " + r.path + " body " + json(body).dump(-1, ' ', false, json::error_handler_t::replace));
      httplib::Headers h{{"Content-Type", "application/json"}};
      if (!r.token.empty()) h.emplace("Authorization", "Bearer " + r.token);
      ExpectRefused(w().Send(r.method, r.path, h, body));
      ++requests;
    }
  }
  EXPECT_GT(requests, 300);
  ExpectSameRows(before, w().RowCounts());
}

TEST_F(BadInput, WrongTypesMissingAndUnknownFieldsAreRefused) {
  const std::vector<BodyRoute> routes = BodyRoutes();
  const auto before = w().RowCounts();
  for (const BodyRoute& r : routes) {
    SCOPED_TRACE(r.method + " " + r.path);
    auto send = [&](const json& body, const std::string& what) {
      SCOPED_TRACE(what + ": " + body.dump());
      ExpectRefused(w().Call(r.method, r.path, r.token, body));
    };
    for (const std::string& field : r.required) {
      json b = r.valid;
      b.erase(field);
      send(b, "without " + field);
      b[field] = nullptr;
      send(b, field + " null");
    }
    for (auto it = r.valid.begin(); it != r.valid.end(); ++it) {
      json b = r.valid;
      const json& v = it.value();
      b[it.key()] = v.is_string() ? json(12345) : v.is_object() || v.is_array() ? json("text") : json("12");
      send(b, it.key() + " of the wrong type");
      if (v.is_string()) {
        b[it.key()] = json::array({v});
        send(b, it.key() + " as an array");
      }
      if (v.is_number_integer()) {
        for (const json& n : {json(1.5), json(1e300), json(18446744073709551615ull), json(true)}) {
          b[it.key()] = n;
          send(b, it.key() + " not an int64");
        }
      }
    }
    json unknown = r.valid;
    unknown["unexpected"] = true;
    send(unknown, "an unknown field");
    json typo = r.valid;
    typo["Unexpected"] = "x";
    send(typo, "another unknown field");
  }
  // Inside nested objects too.
  const ChildInfo& c = dsl_child();
  const std::string records = "/api/people/" + Str(c.id) + "/records";
  json record{{"kind", "case_note"}, {"tier", "general"}, {"occurred_at", "2026-11-23"}, {"content", {{"summary", "s"}}}};
  for (const json& content : {json{{"summary", "s"}, {"colour", "red"}}, json{{"summary", 5}}, json{{"text", "no summary"}},
                              json{{"summary", "s"}, {"source", {{"kind", "child"}, {"age", 5}}}},
                              json{{"summary", "s"}, {"source", {{"kind", "martian"}}}},
                              json{{"summary", "s"}, {"concern", {{"what_happened", "not a list"}}}},
                              json{{"summary", "s"}, {"concern", {{"what_happened", {{{"text", "t"}, {"basis", "hunch"}}}}}}},
                              json{{"summary", "s"}, {"attachment", {{"file_name", "a.txt"}, {"media_type", "text/plain"},
                                                                       {"content_base64", "!!!not base64!!!"}}}},
                              json{{"summary", std::string(501, 's')}}}) {
    json b = record;
    b["content"] = content;
    SCOPED_TRACE(b.dump());
    ExpectRefused(w().Call("POST", records, dsl().token, b));
  }
  for (const json& bad : {json{{"kind", "letter"}}, json{{"tier", "secret"}}, json{{"tier", "GENERAL"}}}) {
    json b = record;
    b.update(bad);
    SCOPED_TRACE(b.dump());
    ExpectRefused(w().Call("POST", records, dsl().token, b));
  }
  for (const json& details : {json{{"given_names", "A"}, {"family_name", "B"}, {"date_of_birth", "2020-01-01"}, {"eye_colour", "x"}},
                              json{{"given_names", "A"}, {"date_of_birth", "2020-01-01"}},
                              json{{"given_names", "A"}, {"family_name", "B"}, {"date_of_birth", "2020-01-01"}, {"nhs_number", "1234567890"}},
                              json{{"given_names", "A"}, {"family_name", "B"}, {"date_of_birth", "2020-01-01"},
                                   {"status", {{"looked_after", "yes"}}}},
                              json{{"given_names", "A"}, {"family_name", std::string(2001, 'b')}, {"date_of_birth", "2020-01-01"}}}) {
    SCOPED_TRACE(details.dump());
    ExpectRefused(w().Call("POST", "/api/people", dsl().token, json{{"kind", "child"}, {"details", details}}));
  }
  ExpectRefused(w().Call("POST", "/api/people", dsl().token, json{{"kind", "alien"}, {"details", ChildBody("X")["details"]}}));
  ExpectRefused(w().Call("POST", "/api/people/" + Str(c.id) + "/relationships", dsl().token,
                         json{{"person_id", c.parent}, {"kind", "carer"}, {"restrictions", {"no_contact", 5}}}));
  ExpectRefused(w().Call("POST", "/api/people/" + Str(c.id) + "/relationships", dsl().token,
                         json{{"person_id", c.parent}, {"kind", "carer"}, {"restrictions", {"never_heard_of_it"}}}));
  ExpectRefused(w().Call("POST", "/api/staff", admin().token,
                         json{{"role", "superuser"}, {"team", "T"}, {"name", "N"}, {"email", "n@example.org"}}));
  ExpectSameRows(before, w().RowCounts());
}

// The version a write expects must be a real one: 0 and values beyond a version number's range
// (once truncated, 2^32 + 1 read as 1) must not slip past the optimistic check.
TEST_F(BadInput, ExpectedVersionsOutOfRangeAreRefused) {
  const ChildInfo& c = dsl_child();
  const int32_t version = w().PersonVersion(c.id);
  const auto before = w().RowCounts();
  for (int64_t v : {int64_t{0}, int64_t{-1}, (int64_t{1} << 32) + version, int64_t{INT64_MAX}}) {
    SCOPED_TRACE(v);
    json body{{"details", {{"given_names", "A"}, {"family_name", "B"}, {"date_of_birth", "2020-01-01"}}},
              {"reason", "r"},
              {"expected_version", v}};
    Reply r = w().Call("PUT", "/api/people/" + Str(c.id), dsl().token, body);
    EXPECT_TRUE(r.status == 400 || r.status == 409) << r.Describe();
    ExpectProblem(r);
    json amend{{"expected_version", v}, {"reason", "r"}, {"content", {{"summary", "s"}}}};
    Reply a = w().Call("POST", "/api/records/" + Str(c.records.at(SensitivityTier::kGeneral)) + "/amendments", dsl().token, amend);
    EXPECT_TRUE(a.status == 400 || a.status == 409) << a.Describe();
  }
  EXPECT_EQ(w().PersonVersion(c.id), version);
  ExpectSameRows(before, w().RowCounts(), /*audit_may_grow=*/true);  // a 409 is an audited conflict
}

// A route that takes no body refuses one rather than ignoring it.
TEST_F(BadInput, RoutesWithoutABodyRefuseOne) {
  const auto before = w().RowCounts();
  const std::string body = "{\"unexpected\":true}";
  httplib::Headers h{{"Content-Type", "application/json"}, {"Authorization", "Bearer " + admin().token}};
  ExpectRefused(w().Send("POST", "/api/audit/verify", {{"Content-Type", "application/json"},
                                                      {"Authorization", "Bearer " + w().actor("auditor").token}},
                         body));
  ExpectRefused(w().Send("POST", "/api/staff/" + Str(w().spare()) + "/totp-reset", h, body));
  ExpectRefused(w().Send("POST", "/api/session/totp-enrolment", h, body));
  ExpectSameRows(before, w().RowCounts());
}

// `base` with a padding field added so that its text is exactly `size` bytes.
std::string Padded(const json& base, size_t size) {
  std::string text = base.dump();
  const std::string open = ",\"padding\":\"";
  const size_t fixed = text.size() + open.size() + 1;  // and the closing quote
  text.insert(text.size() - 1, open + std::string(size > fixed ? size - fixed : 0, 'x') + "\"");
  return text;
}

TEST_F(BadInput, BodiesOverTheLimitAre413) {
  const auto before = w().RowCounts();
  httplib::Headers h{{"Content-Type", "application/json"}, {"Authorization", "Bearer " + dsl().token}};
  const std::string records = "/api/people/" + Str(dsl_child().id) + "/records";
  // Each route's own limit: 1 MiB unless it says otherwise (records take attachments).
  for (const auto& route : w().router().routes()) {
    if (route->method != "POST" && route->method != "PUT" && route->method != "PATCH") continue;
    if (route->pattern != "/api/people" && route->pattern != "/api/session" && route->pattern != "/api/people/{id}/records" &&
        route->pattern != "/api/records/{id}/amendments" && route->pattern != "/api/people/{id}") {
      continue;
    }
    const size_t limit = route->options.max_body_bytes ? route->options.max_body_bytes : size_t{1} << 20;
    std::string path = route->pattern;
    if (path.find("{id}") != std::string::npos) {
      const int64_t id = path.starts_with("/api/records/") ? dsl_child().records.at(SensitivityTier::kGeneral) : dsl_child().id;
      path.replace(path.find("{id}"), 4, Str(id));
    }
    SCOPED_TRACE(route->method + " " + path + " limit " + Str(static_cast<int64_t>(limit)));
    // Refused on the declared length, before the body is read: a raw connection sends the header
    // and only the start of the body (a client writing all of it would meet a closed socket).
    const std::string over = Padded(ChildBody("Big"), limit + 1);
    ASSERT_EQ(over.size(), limit + 1);
    http::testing::RawConnection raw(w().port());
    ASSERT_TRUE(raw.connected());
    raw.Send(route->method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer " +
             dsl().token + "\r\nContent-Length: " + Str(static_cast<int64_t>(over.size())) + "\r\n\r\n" + over.substr(0, 65536));
    const std::string response = raw.ReadResponse();
    EXPECT_EQ(RawStatus(response), 413) << response.substr(0, 300);
    EXPECT_NE(response.find("application/problem+json"), std::string::npos) << response.substr(0, 300);
    EXPECT_TRUE(json::parse(RawBody(response), nullptr, false).contains("detail")) << response.substr(0, 300);
    // At the limit the body is read, and refused for what it says (a field nobody asked for).
    ExpectRefused(w().Send(route->method, path, h, Padded(ChildBody("Under"), limit)), 400);
  }
  // Chunked, so the size is known only while reading.
  std::string chunked = "POST /api/people HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer " +
                        dsl().token + "\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string chunk(64 * 1024, 'x');
  for (int i = 0; i < 20; ++i) chunked += "10000\r\n" + chunk + "\r\n";
  chunked += "0\r\n\r\n";
  http::testing::RawConnection connection(w().port());
  connection.Send(chunked);
  const std::string raw = connection.ReadResponse();  // not until closed: the server lingers a while
  EXPECT_EQ(RawStatus(raw), 413) << raw.substr(0, 300);
  EXPECT_NE(raw.find("application/problem+json"), std::string::npos);
  ExpectSameRows(before, w().RowCounts());
}

TEST_F(BadInput, BodiesThatAreNotJsonAre415) {
  const auto before = w().RowCounts();
  const std::string body = ChildBody("Typed").dump();
  for (const std::string type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                  "application/jsonp", "application/xml", "json", "application/json+xml"}) {
    SCOPED_TRACE(type);
    Reply r = w().Send("POST", "/api/people", {{"Content-Type", type}, {"Authorization", "Bearer " + dsl().token}}, body);
    ExpectRefused(r, 415);
  }
  // No Content-Type at all (httplib would add one).
  const std::string raw = RawExchange(w().port(), "POST /api/people HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                                                      dsl().token + "\r\nContent-Length: " + Str(static_cast<int64_t>(body.size())) +
                                                      "\r\nConnection: close\r\n\r\n" + body);
  EXPECT_EQ(RawStatus(raw), 415) << raw.substr(0, 300);
  EXPECT_TRUE(json::parse(RawBody(raw), nullptr, false).contains("detail")) << raw;
  ExpectSameRows(before, w().RowCounts());
  // Parameters and a +json type are fine.
  Reply ok = w().Send("POST", "/api/people", {{"Content-Type", "application/json; charset=utf-8"}, {"Authorization", "Bearer " + dsl().token}},
                      body);
  EXPECT_EQ(ok.status, 201) << ok.Describe();
}

// ---- paths and queries ----

TEST_F(BadInput, BadIdsInPathsAreRefused) {
  const std::vector<std::string> bad = {"-1", "01", "00", "abc", "1.5", "+1", "1e3", "0x10", "99999999999999999999",
                                        "9223372036854775808", "%2F", "%2e%2e", "%00", "%201", "1%20"};
  int checked = 0;
  for (const auto& route : w().router().routes()) {
    const std::string pattern = route->pattern;
    const size_t open = pattern.find('{');
    if (open == std::string::npos) continue;
    const size_t close = pattern.find('}', open);
    const bool has_body = route->method != "GET" && route->method != "DELETE";
    const std::string token = pattern.starts_with("/api/staff") ? admin().token : dsl().token;
    for (const std::string& id : bad) {
      const std::string path = pattern.substr(0, open) + id + pattern.substr(close + 1);
      SCOPED_TRACE(route->method + " " + path);
      const auto before = w().RowCounts();
      Reply r = w().Call(route->method, path, token, has_body ? std::optional<json>(json::object()) : std::nullopt);
      ExpectRefused(r, 400);
      ExpectSameRows(before, w().RowCounts());
      ++checked;
    }
    // "0" is a well-formed id of nothing: a 4xx (404 for a person or record, 403 for an audit entry
    // the caller may not read), audited like any other missing id.
    const std::string zero = pattern.substr(0, open) + "0" + pattern.substr(close + 1);
    SCOPED_TRACE(route->method + " " + zero);
    const auto before = w().RowCounts();
    Reply r = w().Call(route->method, zero, token, has_body ? std::optional<json>(json::object()) : std::nullopt);
    EXPECT_GE(r.status, 400) << r.Describe();
    EXPECT_LT(r.status, 500) << r.Describe();
    ExpectProblem(r);
    ExpectSameRows(before, w().RowCounts(), /*audit_may_grow=*/true);
  }
  EXPECT_GT(checked, 200);
}

TEST_F(BadInput, UnknownQueryParametersAreRefused) {
  // Every GET route that serves data takes only the parameters it names.
  const auto before = w().RowCounts();
  int checked = 0;
  for (const auto& route : w().router().routes()) {
    if (route->method != "GET" || !route->pattern.starts_with("/api/") || route->pattern == "/api/openapi.json") continue;
    std::string path = route->pattern;
    for (const auto& [param, value] : {std::pair<std::string, std::string>{"{id}", Str(dsl_child().id)}, {"{seq}", "0"}}) {
      const size_t at = path.find(param);
      if (at != std::string::npos) path.replace(at, param.size(), value);
    }
    if (route->pattern.starts_with("/api/records/")) {
      path = "/api/records/" + Str(dsl_child().records.at(SensitivityTier::kGeneral)) + route->pattern.substr(std::string("/api/records/{id}").size());
    }
    if (route->pattern.starts_with("/api/staff/")) {
      path = "/api/staff/" + Str(w().spare()) + route->pattern.substr(std::string("/api/staff/{id}").size());
    }
    const std::string token = route->pattern.starts_with("/api/audit") ? w().actor("auditor").token : dsl().token;
    for (const std::string query : {"?unexpected=1", "?Limit=5", "?id=1", "?=1"}) {
      SCOPED_TRACE(path + query);
      ExpectRefused(w().Call("GET", path + query, token));
      ++checked;
    }
  }
  EXPECT_GT(checked, 80);
  // A repeated parameter is ambiguous: refused by the server itself.
  ExpectRefused(w().Call("GET", "/api/people/" + Str(dsl_child().id) + "/chronology?limit=1&limit=2", dsl().token));
  // Known parameters with bad values.
  const std::string chronology = "/api/people/" + Str(dsl_child().id) + "/chronology";
  for (const std::string q : {"?limit=0", "?limit=-1", "?limit=abc", "?limit=100001", "?limit=01", "?tier=secret", "?kind=letter",
                               "?from=2026-11-24&from=2026-11-25", "?kind=", "?tier=", "?kind=case_note,", "?tier=,general"}) {
    SCOPED_TRACE(chronology + q);
    ExpectRefused(w().Call("GET", chronology + q, dsl().token));
  }
  ExpectSameRows(before, w().RowCounts());
  // Proofs the log cannot give are refused after the (audited) check that the caller may ask.
  for (const std::string q : {"?seq=-1", "?seq=x", "", "?seq=0&tree_size=999999999"}) {
    SCOPED_TRACE("inclusion" + q);
    ExpectRefused(w().Call("GET", "/api/audit/proofs/inclusion" + q, w().actor("auditor").token));
  }
  for (const std::string q : {"?from=2&to=1", "?from=1", "?from=1&to=999999999"}) {
    SCOPED_TRACE("consistency" + q);
    ExpectRefused(w().Call("GET", "/api/audit/proofs/consistency" + q, w().actor("auditor").token));
  }
  for (const std::string q : {"?record=1&person=1", "?action=record.burn", "?staff=abc"}) {
    SCOPED_TRACE("explain" + q);
    ExpectRefused(w().Call("GET", "/api/policy/explain" + q, dsl().token));
  }
  ExpectSameRows(before, w().RowCounts(), /*audit_may_grow=*/true);
}

// Changes take their input from the body: a query string on any other method is refused (it
// would end up in logs and browser histories), and a DELETE takes no body.
TEST_F(BadInput, ChangesRefuseQueryStringsAndDeletesRefuseBodies) {
  const auto before = w().RowCounts();
  int checked = 0;
  for (const auto& route : w().router().routes()) {
    if (route->method == "GET" || !route->pattern.starts_with("/api/")) continue;
    std::string path = route->pattern;
    const size_t at = path.find('{');
    if (at != std::string::npos) path.replace(at, path.find('}') - at + 1, "1");
    SCOPED_TRACE(route->method + " " + path);
    const Reply r = w().Send(route->method, path + "?note=x", {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + admin().token}}, "{}");
    ExpectRefused(r);
    EXPECT_NE(r.json.value("detail", "").find("query parameter"), std::string::npos) << r.Describe();
    ++checked;
  }
  EXPECT_GT(checked, 20);
  ExpectRefused(w().Send("POST", "/api/session?email=a@example.org", {{"Content-Type", "application/json"}},
                         json{{"email", admin().email}, {"password", kPassword}}.dump()));
  for (const std::string path : {"/api/session", "/api/restrictions/1"}) {
    SCOPED_TRACE(path);
    const Reply r = w().Send("DELETE", path, {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + admin().token}},
                             "{\"reason\":\"x\"}");
    ExpectRefused(r);
    EXPECT_NE(r.json.value("detail", "").find("takes no body"), std::string::npos) << r.Describe();
  }
  ExpectSameRows(before, w().RowCounts());
  // The session survived its refused DELETE.
  EXPECT_EQ(w().Call("GET", "/api/session", admin().token).status, 200);
}

TEST_F(BadInput, BadDatesAreRefused) {
  World& x = w();
  const ChildInfo& c = dsl_child();
  const std::string person = "/api/people/" + Str(c.id);
  const std::vector<std::string> dates = {"2026-13-01", "2026-02-30", "2026-11-31T00:00:00Z", "23/11/2026", "yesterday", "",
                                          "2026-11-23T25:00:00Z", "2026-11-23T10:00:00+01:00x", "20261123", "-2026-01-01"};
  const auto before = x.RowCounts();
  for (const std::string& d : dates) {
    SCOPED_TRACE("date '" + d + "'");
    // In queries.
    const std::string q = QueryEscape(d);
    for (const std::string& path : {person + "/chronology?from=" + q, person + "/chronology?to=" + q, person + "/access-log?from=" + q,
                                    std::string("/api/me/access-log?to=") + q, std::string("/api/access-anomalies?from=") + q,
                                    std::string("/api/break-glass?since=") + q}) {
      SCOPED_TRACE(path);
      ExpectRefused(x.Call("GET", path, dsl().token));
    }
    // In bodies.
    json record{{"kind", "case_note"}, {"tier", "general"}, {"occurred_at", d}, {"content", {{"summary", "s"}}}};
    ExpectRefused(x.Call("POST", person + "/records", dsl().token, record));
    json child = ChildBody("Dated");
    child["details"]["date_of_birth"] = d;
    if (!d.empty()) ExpectRefused(x.Call("POST", "/api/people", dsl().token, child));  // "" is no date: a child needs one
    ExpectRefused(x.Call("POST", person + "/allocations", dsl().token, json{{"staff_id", x.spare()}, {"role", "other"}, {"starts_at", d}}));
    ExpectRefused(x.Call("POST", person + "/allocations", dsl().token, json{{"staff_id", x.spare()}, {"role", "other"}, {"ends_at", d}}));
    ExpectRefused(x.Call("POST", "/api/staff/" + Str(x.spare()) + "/training", admin().token,
                         json{{"course", "safeguarding"}, {"completed_at", d}}));
    ExpectRefused(x.Call("POST", "/api/people/search", dsl().token, json{{"family_name", "Abernethy"}, {"date_of_birth", d.empty() ? "x" : d}}));
    ExpectRefused(x.Call("POST", "/api/records/" + Str(c.records.at(SensitivityTier::kGeneral)) + "/amendments", dsl().token,
                         json{{"expected_version", 1}, {"reason", "r"}, {"occurred_at", d}, {"content", {{"summary", "s"}}}}));
  }
  // Dates that parse but make no sense.
  ExpectRefused(x.Call("POST", "/api/people", dsl().token, [] {
    json b = ChildBody("Unborn");
    b["details"]["date_of_birth"] = "2099-01-01";
    return b;
  }()));
  ExpectRefused(x.Call("POST", person + "/records", dsl().token,
                       json{{"kind", "case_note"}, {"tier", "general"}, {"occurred_at", "2099-01-01"}, {"content", {{"summary", "s"}}}}));
  ExpectRefused(x.Call("POST", person + "/allocations", dsl().token,
                       json{{"staff_id", x.spare()}, {"role", "other"}, {"starts_at", "2026-12-01"}, {"ends_at", "2026-11-01"}}));
  ExpectRefused(x.Call("POST", "/api/staff/" + Str(x.spare()) + "/training", admin().token,
                       json{{"course", "safeguarding"}, {"completed_at", "2099-01-01"}}));
  ExpectRefused(x.Call("POST", "/api/staff/" + Str(x.spare()) + "/training", admin().token,
                       json{{"course", "safeguarding"}, {"completed_at", "2026-01-01"}, {"expires_at", "2025-01-01"}}));
  ExpectRefused(x.Call("GET", person + "/access-log?from=2026-11-24&to=2026-11-01", dsl().token));
  ExpectRefused(x.Call("GET", "/api/access-anomalies?from=2026-11-24&to=2026-11-01", dsl().token));
  const domain::AllocationId allocation = x.DisposableAllocation(c.id);
  const auto mid = x.RowCounts();
  for (const std::string& d : {std::string("soon"), std::string("2026-02-30"), std::string("2020-01-01")}) {
    SCOPED_TRACE("ending an allocation at '" + d + "'");
    ExpectRefused(x.Call("POST", "/api/allocations/" + Str(allocation) + "/end", dsl().token, json{{"ends_at", d}}));
  }
  ExpectSameRows(mid, x.RowCounts());
  const auto after = x.RowCounts();
  for (const auto& [table, n] : before) {
    if (table == "allocations" || table.rfind("audit_", 0) == 0 || table == "access_epoch") continue;  // the disposable allocation
    EXPECT_EQ(after.at(table), n) << table;
  }
}

// ---- authentication and sessions at the edge ----

TEST_F(BadInput, NoTokenIs401WithWwwAuthenticate) {
  const std::string path = "/api/people/" + Str(dsl_child().id);
  for (const httplib::Headers& h : std::vector<httplib::Headers>{
           {},
           {{"Authorization", "Bearer"}},
           {{"Authorization", "Bearer "}},
           {{"Authorization", "Basic ZHNsOnBhc3N3b3Jk"}},
           {{"Authorization", "bearer " + dsl().token}},
           {{"Cookie", std::string(kSessionCookie) + "=nonsense"}},
           {{"Cookie", std::string("confide_session=") + dsl().token}},  // not the __Host- cookie
       }) {
    SCOPED_TRACE(h.empty() ? std::string("no header") : h.begin()->second);
    Reply r = w().Send("GET", path, h, "");
    ExpectRefused(r, 401);
    EXPECT_EQ(r.Header("WWW-Authenticate"), "Bearer realm=\"confide\"");
    EXPECT_EQ(r.json.value("type", ""), std::string(http::kProblemTypeBase) + "unauthenticated");
  }
}

TEST_F(BadInput, CookieSessionsNeedTheCsrfTokenToChangeAnything) {
  World& x = w();
  const Session s = x.SignInFully(dsl());
  const Session other = x.SignInFully(dsl());
  const std::string cookie = std::string(kSessionCookie) + "=" + s.token;
  // Reading needs no CSRF token.
  Reply read = x.Send("GET", "/api/people/" + Str(dsl_child().id), {{"Cookie", cookie}}, "");
  EXPECT_EQ(read.status, 200) << read.Describe();

  const auto before = x.RowCounts();
  const std::string body = ChildBody("Csrf").dump();
  for (const httplib::Headers& extra : std::vector<httplib::Headers>{
           {},
           {{"X-CSRF-Token", ""}},
           {{"X-CSRF-Token", other.csrf}},  // another session's
           {{"X-CSRF-Token", s.token}},     // the session token is not the CSRF token
           {{"X-CSRF-Token", s.csrf + "x"}},
       }) {
    httplib::Headers h{{"Cookie", cookie}, {"Content-Type", "application/json"}};
    h.insert(extra.begin(), extra.end());
    SCOPED_TRACE(extra.empty() ? std::string("no X-CSRF-Token") : "X-CSRF-Token " + extra.begin()->second);
    Reply r = x.Send("POST", "/api/people", h, body);
    ExpectRefused(r, 403);
    EXPECT_EQ(r.json.value("type", ""), std::string(http::kProblemTypeBase) + "csrf");
    Reply out = x.Send("DELETE", "/api/session", h, "");
    ExpectRefused(out, 403);  // not even signing out: a hostile page could end the session
  }
  ExpectSameRows(before, x.RowCounts());
  httplib::Headers ok{{"Cookie", cookie}, {"Content-Type", "application/json"}, {"X-CSRF-Token", s.csrf}};
  Reply created = x.Send("POST", "/api/people", ok, body);
  EXPECT_EQ(created.status, 201) << created.Describe();
  // A Bearer token is not sent by browsers on their own: no CSRF token needed.
  Reply bearer = x.Call("POST", "/api/people", s.token, ChildBody("Bearer"));
  EXPECT_EQ(bearer.status, 201) << bearer.Describe();
  Reply out = x.Send("DELETE", "/api/session", {{"Cookie", cookie}, {"X-CSRF-Token", s.csrf}}, "");
  EXPECT_EQ(out.status, 204) << out.Describe();
}

TEST_F(BadInput, SignInSetsAStrictHostOnlySessionCookie) {
  const Session s = w().SignInPasswordOnly(w().actor("volunteer"));
  const std::string cookie = s.sign_in.Header("Set-Cookie");
  ASSERT_FALSE(cookie.empty());
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= cookie.size()) {
    size_t semi = cookie.find(';', start);
    if (semi == std::string::npos) semi = cookie.size();
    std::string p = cookie.substr(start, semi - start);
    while (!p.empty() && p.front() == ' ') p.erase(0, 1);
    parts.push_back(p);
    start = semi + 1;
  }
  ASSERT_FALSE(parts.empty());
  EXPECT_EQ(parts[0], std::string(kSessionCookie) + "=" + s.token);
  EXPECT_TRUE(std::string(kSessionCookie).starts_with("__Host-"));
  std::set<std::string> attrs(parts.begin() + 1, parts.end());
  EXPECT_TRUE(attrs.count("Secure")) << cookie;
  EXPECT_TRUE(attrs.count("HttpOnly")) << cookie;
  EXPECT_TRUE(attrs.count("SameSite=Strict")) << cookie;
  EXPECT_TRUE(attrs.count("Path=/")) << cookie;
  EXPECT_TRUE(attrs.count("Max-Age=" + Str(w().identity().config().absolute_timeout_micros / kSecond))) << cookie;
  for (const std::string& a : attrs) EXPECT_FALSE(a.starts_with("Domain")) << "a __Host- cookie has no Domain: " << cookie;
  EXPECT_EQ(s.sign_in.Header("Cache-Control"), "no-store");
}

TEST_F(BadInput, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
  World& x = w();
  const uint64_t audit_before = x.AuditSize();
  Reply wrong = x.Call("POST", "/api/session", "", json{{"email", dsl().email}, {"password", "not the password at all"}});
  Reply unknown = x.Call("POST", "/api/session", "", json{{"email", "nobody.here@example.org"}, {"password", "not the password at all"}});
  Reply unknown_right = x.Call("POST", "/api/session", "", json{{"email", "nobody.else@example.org"}, {"password", kPassword}});
  for (const Reply* r : {&wrong, &unknown, &unknown_right}) {
    ExpectRefused(*r, 401);
    EXPECT_EQ(r->Header("WWW-Authenticate"), "Bearer realm=\"confide\"");
    EXPECT_FALSE(r->Has("Set-Cookie"));
  }
  auto comparable = [](const Reply& r) {
    json j = r.json;
    j.erase("instance");
    std::map<std::string, std::string> h;
    for (const auto& [k, v] : r.headers) {
      if (k != "X-Request-Id" && k != "Date") h[k] = v;
    }
    return std::make_pair(j, h);
  };
  EXPECT_EQ(comparable(wrong), comparable(unknown));
  EXPECT_EQ(comparable(wrong), comparable(unknown_right));
  // All three are in the audit log as failed sign-ins (the wrong password also counts against the
  // account's lock-out, in sign_in_failures).
  int failed = 0;
  for (const auto& e : x.AuditSince(audit_before)) failed += e.action == "auth.sign_in" && e.outcome == "failed";
  EXPECT_EQ(failed, 3);
}

TEST_F(BadInput, AHalfSignedInSessionCannotReadAPerson) {
  const Session half = w().SignInPasswordOnly(dsl());
  for (const std::string& path : {"/api/people/" + Str(dsl_child().id), "/api/people/" + Str(dsl_child().id) + "/chronology",
                                  std::string("/api/me/caseload")}) {
    SCOPED_TRACE(path);
    Reply r = w().Call("GET", path, half.token);
    ExpectRefused(r, 401);
    EXPECT_NE(r.json.value("detail", "").find("code"), std::string::npos) << "the detail should say what to do next";
  }
  Reply search = w().Call("POST", "/api/people/search", half.token, json{{"nhs_number", dsl_child().details.nhs_number->digits()}});
  ExpectRefused(search, 401);
  Reply session = w().Call("GET", "/api/session", half.token);
  EXPECT_EQ(session.status, 200);
  EXPECT_EQ(session.json.value("fully_signed_in", true), false);
}

// Changing one's own password goes through POST /api/session/password, which asks for the current
// one: the administrators' route must not let a stolen session skip that.
TEST_F(BadInput, OwnPasswordCannotBeSetWithoutTheCurrentOne) {
  World& x = w();
  const Actor& practitioner = x.actor("practitioner");
  const Session s = x.SignInFully(practitioner);
  const auto before = x.RowCounts();
  for (const Actor* who : {&practitioner, &admin()}) {
    const std::string token = who == &practitioner ? s.token : who->token;
    Reply r = x.Call("POST", "/api/staff/" + Str(who->id) + "/password", token,
                     json{{"password", "amber meadow compass 7730"}, {"must_change", false}});
    SCOPED_TRACE(who->name);
    EXPECT_GE(r.status, 400) << r.Describe();
    EXPECT_LT(r.status, 500) << r.Describe();
    Reply still = x.Call("GET", "/api/session", token);
    EXPECT_EQ(still.status, 200) << "the session was ended: " << still.Describe();
  }
  ExpectSameRows(before, x.RowCounts(), /*audit_may_grow=*/true);
  Reply old_password = x.Call("POST", "/api/session", "", json{{"email", practitioner.email}, {"password", kPassword}});
  EXPECT_EQ(old_password.status, 201) << "the password was changed: " << old_password.Describe();
}

TEST_F(BadInput, ExportNeedsAFreshReauthentication) {
  World& x = w();
  const Actor& sw = x.actor("social_worker");
  const domain::RecordId record = x.ChildFor(sw, Rel::kAllocated)->records.at(SensitivityTier::kSensitive);
  const std::string path = "/api/records/" + Str(record) + "/export";
  const Session s = x.SignInFully(sw);
  const uint64_t audit_before = x.AuditSize();
  Reply refused = x.Call("POST", path, s.token);
  ExpectRefused(refused, 403);
  EXPECT_TRUE(refused.json.value("type", "").ends_with("/reauthentication-required")) << refused.Describe();
  for (const auto& e : x.AuditSince(audit_before)) EXPECT_NE(e.action, "record.export") << "nothing was exported";

  Reply wrong = x.Call("POST", "/api/session/reauth", s.token, json{{"password", "not the password at all"}, {"code", x.Code(sw.totp_secret)}});
  ExpectRefused(wrong, 401);
  // A code no earlier one used: the next step.
  x.Advance(30 * kSecond);
  Reply reauth = x.Call("POST", "/api/session/reauth", s.token, json{{"password", kPassword}, {"code", x.Code(sw.totp_secret, 30)}});
  ASSERT_EQ(reauth.status, 204) << reauth.Describe();
  Reply exported = x.Call("POST", path, s.token);
  ASSERT_EQ(exported.status, 200) << exported.Describe();
  EXPECT_EQ(exported.Header("Cache-Control"), "no-store");
  // The same code does not work twice.
  Reply replay = x.Call("POST", "/api/session/reauth", s.token, json{{"password", kPassword}, {"code", x.Code(sw.totp_secret, 30)}});
  ExpectRefused(replay, 401);
  // Minutes later the re-authentication has lapsed.
  x.Advance(x.identity().config().reauth_window_micros + kSecond);
  Reply lapsed = x.Call("POST", path, s.token);
  ExpectRefused(lapsed, 403);
  EXPECT_TRUE(lapsed.json.value("type", "").ends_with("/reauthentication-required")) << lapsed.Describe();
}

// Personal data is never left in a cache, whatever the answer.
TEST_F(BadInput, EveryResponseSaysNoStore) {
  World& x = w();
  const ChildInfo& c = dsl_child();
  const std::string record = "/api/records/" + Str(c.records.at(SensitivityTier::kGeneral));
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/people/" + Str(c.id)},
           {"GET", "/api/people/" + Str(c.id) + "/chronology"},
           {"GET", "/api/people/" + Str(c.id) + "/relationships"},
           {"GET", record},
           {"GET", record + "/versions"},
           {"GET", "/api/me/caseload"},
           {"GET", "/api/people/999999"},
           {"GET", "/api/nowhere"},
           {"PATCH", "/api/people/" + Str(c.id)},
       }) {
    SCOPED_TRACE(method + " " + path);
    Reply r = x.Call(method, path, dsl().token);
    EXPECT_NE(r.status, 0);
    EXPECT_EQ(r.Header("Cache-Control"), "no-store") << r.Describe();
  }
  Reply search = x.Call("POST", "/api/people/search", dsl().token, json{{"nhs_number", c.details.nhs_number->digits()}});
  EXPECT_EQ(search.status, 200);
  EXPECT_EQ(search.Header("Cache-Control"), "no-store");
}

// After everything above: the server still answers and the audit log still verifies.
TEST_F(BadInput, ZzTheServerSurvivesAndTheLogVerifies) {
  Reply health = w().Call("GET", "/healthz", "");
  EXPECT_EQ(health.status, 200);
  auto report = w().vault().VerifyAudit();
  ASSERT_OK(report);
  EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems.front());
}

}  // namespace
}  // namespace confide::api_http
