#include "http/json_body.h"

#include <gtest/gtest.h>

#include "http/status_problem.h"
#include "testing/test_util.h"

namespace confide::http {
namespace {

Request WithBody(std::string body) {
  Request r;
  r.body = std::move(body);
  return r;
}

std::string Nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(JsonBodyTest, ParsesAnObject) {
  ASSERT_OK_AND_ASSIGN(nlohmann::json j, ParseJsonBody(WithBody(R"({"a":1,"b":{"c":[1,2,{"d":null}]}})")));
  EXPECT_EQ(j["b"]["c"][2].contains("d"), true);
}

TEST(JsonBodyTest, RefusesEmptyInvalidAndNonObject) {
  EXPECT_EQ(ParseJsonBody(WithBody("")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseJsonBody(WithBody("{\"a\":")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseJsonBody(WithBody("{\"a\":1} trailing")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseJsonBody(WithBody("{\"a\":\"\xff\"}")).status().code(), StatusCode::kInvalidArgument);  // bad UTF-8
  EXPECT_EQ(ParseJsonBody(WithBody("[1,2]")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_OK(ParseJsonBody(WithBody("[1,2]"), /*require_object=*/false));
  EXPECT_OK(ParseJsonBody(WithBody("3"), false));
}

TEST(JsonBodyTest, MessageGivesPositionButNotContent) {
  Result<nlohmann::json> r = ParseJsonBody(WithBody("{\"name\": Jane}"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("at byte"), std::string::npos);
  EXPECT_EQ(r.status().message().find("Jane"), std::string::npos);
}

TEST(JsonBodyTest, LimitsNestingTo32) {
  EXPECT_OK(ParseJsonBody(WithBody(Nested(32)), false));
  EXPECT_EQ(ParseJsonBody(WithBody(Nested(33)), false).status().code(), StatusCode::kInvalidArgument);
  // Deep enough to hurt a recursive parser or destructor: refused before any tree is built.
  Result<nlohmann::json> deep = ParseJsonBody(WithBody(Nested(100000)), false);
  EXPECT_NE(deep.status().message().find("deeper than 32"), std::string::npos);
  std::string objects;
  for (int i = 0; i < 33; ++i) objects += "{\"a\":";
  objects += "1" + std::string(33, '}');
  EXPECT_EQ(ParseJsonBody(WithBody(objects)).status().code(), StatusCode::kInvalidArgument);
}

TEST(JsonBodyTest, RefusesRepeatedKeysInOneObject) {
  Result<nlohmann::json> r = ParseJsonBody(WithBody(R"({"role":"viewer","role":"admin"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("repeats a key"), std::string::npos);
  EXPECT_EQ(r.status().message().find("role"), std::string::npos);
  EXPECT_EQ(ParseJsonBody(WithBody(R"({"a":{"x":1,"x":2}})")).status().code(), StatusCode::kInvalidArgument);
  // The same key in different objects is fine.
  EXPECT_OK(ParseJsonBody(WithBody(R"({"x":{"x":1},"y":[{"x":1},{"x":2}]})")));
}

TEST(StatusProblemTest, MapsCodes) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kCorruption), 500);
  EXPECT_EQ(HttpStatusFor(StatusCode::kIOError), 500);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInternal), 500);
}

TEST(StatusProblemTest, ClientErrorsCarryTheMessage) {
  Response r = ProblemFromStatus(Status::Conflict("the record was amended since version 3"), "0123456789abcdef");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  nlohmann::json body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["type"], "https://confide.invalid/problems/conflict");
  EXPECT_EQ(body["title"], "Conflict");
  EXPECT_EQ(body["status"], 409);
  EXPECT_EQ(body["detail"], "the record was amended since version 3");
  EXPECT_EQ(body["instance"], "0123456789abcdef");
  EXPECT_EQ(nlohmann::json::parse(ProblemFromStatus(Status::InvalidArgument("x"), "").body)["type"],
            "https://confide.invalid/problems/invalid-argument");
}

TEST(StatusProblemTest, ServerErrorsHideTheMessage) {
  for (const Status& s : {Status::Corruption("bad MAC on record 12 of Jane Doe"), Status::IOError("disk /dev/vda full"),
                          Status::Internal("invariant x broken"), Status::Ok()}) {
    Response r = ProblemFromStatus(s, "id");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body.find(s.message().empty() ? "\x01" : s.message()), std::string::npos);
    EXPECT_EQ(r.body.find("corruption"), std::string::npos);
    EXPECT_EQ(nlohmann::json::parse(r.body)["type"], "https://confide.invalid/problems/internal");
  }
}

}  // namespace
}  // namespace confide::http
