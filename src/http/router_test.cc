#include "http/router.h"

#include <gtest/gtest.h>

#include "http/target.h"
#include "testing/test_util.h"

namespace confide::http {
namespace {

Handler Named(std::string name) {
  return [name](const Request&, const PathParams&) { return Text(200, name); };
}

std::vector<std::string> Segments(std::string_view path) {
  Result<Target> t = ParseTarget(path);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? t->segments : std::vector<std::string>();
}

std::string Matched(const RouteMatch& m) {
  if (m.route == nullptr) return "none";
  return m.route->handler(Request(), m.params).body;
}

TEST(RouterTest, MatchesLiteralAndParamSegments) {
  Router r;
  ASSERT_OK(r.Add("GET", "/api/people/{id}/records", Named("records")));
  ASSERT_OK(r.Add("GET", "/api/people/{id}", Named("person")));
  ASSERT_OK(r.Add("GET", "/", Named("root")));

  RouteMatch m = r.Match("GET", Segments("/api/people/42/records"));
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/people/{id}/records");
  EXPECT_EQ(m.params.Get("id"), "42");
  EXPECT_EQ(Matched(r.Match("GET", Segments("/api/people/7"))), "person");
  EXPECT_EQ(Matched(r.Match("GET", Segments("/"))), "root");
}

TEST(RouterTest, IsExact) {
  Router r;
  ASSERT_OK(r.Add("GET", "/api/people/{id}", Named("person")));
  EXPECT_EQ(r.Match("GET", Segments("/api/people/7/")).route, nullptr);  // no trailing-slash leniency
  EXPECT_EQ(r.Match("GET", Segments("/api/people")).route, nullptr);
  EXPECT_EQ(r.Match("GET", Segments("/api/people/")).route, nullptr);  // {id} never matches ""
  EXPECT_EQ(r.Match("GET", Segments("/API/people/7")).route, nullptr);
  EXPECT_EQ(r.Match("GET", Segments("/api/people/7/x")).route, nullptr);
  EXPECT_EQ(r.Match("GET", Segments("//api/people/7")).route, nullptr);
}

TEST(RouterTest, LiteralSegmentBeatsParam) {
  Router r;
  ASSERT_OK(r.Add("GET", "/people/{id}", Named("by-id")));
  ASSERT_OK(r.Add("GET", "/people/search", Named("search")));
  EXPECT_EQ(Matched(r.Match("GET", Segments("/people/search"))), "search");
  EXPECT_EQ(Matched(r.Match("GET", Segments("/people/12"))), "by-id");
}

TEST(RouterTest, BacktracksToParamWhenLiteralBranchDeadEnds) {
  Router r;
  ASSERT_OK(r.Add("GET", "/a/b/c", Named("abc")));
  ASSERT_OK(r.Add("GET", "/a/{x}/d", Named("axd")));
  RouteMatch m = r.Match("GET", Segments("/a/b/d"));
  EXPECT_EQ(Matched(m), "axd");
  EXPECT_EQ(m.params.Get("x"), "b");
}

TEST(RouterTest, PathMatchedByOtherMethodsGivesAllow) {
  Router r;
  ASSERT_OK(r.Add("GET", "/things/{id}", Named("get")));
  ASSERT_OK(r.Add("PUT", "/things/{id}", Named("put")));
  ASSERT_OK(r.Add("DELETE", "/things/{id}", Named("delete")));
  RouteMatch m = r.Match("POST", Segments("/things/1"));
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allow, "DELETE, GET, PUT");
  EXPECT_EQ(r.Match("POST", Segments("/nothing")).allow, "");
  EXPECT_EQ(r.Match("get", Segments("/things/1")).route, nullptr);  // methods are case-sensitive
}

TEST(RouterTest, MethodDecidesBetweenOverlappingPatterns) {
  Router r;
  ASSERT_OK(r.Add("GET", "/people/search", Named("search")));
  ASSERT_OK(r.Add("POST", "/people/{id}", Named("post-person")));
  EXPECT_EQ(Matched(r.Match("POST", Segments("/people/search"))), "post-person");
}

TEST(RouterTest, PercentDecodedSegmentsMatchAndCapture) {
  Router r;
  ASSERT_OK(r.Add("GET", "/files/{name}", Named("file")));
  ASSERT_OK(r.Add("GET", "/caf\xc3\xa9", Named("cafe")));
  RouteMatch m = r.Match("GET", Segments("/files/a%20b%3Fc"));
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.Get("name"), "a b?c");
  EXPECT_EQ(Matched(r.Match("GET", Segments("/caf%C3%A9"))), "cafe");
}

TEST(RouterTest, RefusesMalformedPatterns) {
  Router r;
  for (const char* bad : {"", "api", "/api/", "/api//x", "/a/{}", "/a/{1x}", "/a/{x", "/a/x}", "/a/{x}y",
                          "/a/{x}/{x}", "/a/../b", "/a/./b", "/a/%2F", "/a?b", "/a#b", "/a/b\n"}) {
    EXPECT_EQ(r.Add("GET", bad, Named("x")).code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(r.Add("get", "/a", Named("x")).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.Add("", "/a", Named("x")).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.Add("GET", "/a", Handler()).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(r.routes().empty());
}

TEST(RouterTest, RefusesConflictingRoutes) {
  Router r;
  ASSERT_OK(r.Add("GET", "/a/{x}", Named("x")));
  EXPECT_EQ(r.Add("GET", "/a/{y}", Named("y")).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.Add("GET", "/a/{x}", Named("x2")).code(), StatusCode::kInvalidArgument);
  EXPECT_OK(r.Add("POST", "/a/{y}", Named("post")));  // another method: fine
  // Different names at one position in different shapes are fine; each route keeps its own names.
  ASSERT_OK(r.Add("GET", "/a/{other}/b", Named("b")));
  RouteMatch m = r.Match("GET", Segments("/a/1/b"));
  EXPECT_EQ(m.params.Get("other"), "1");
  EXPECT_EQ(m.params.Get("x"), std::nullopt);
  EXPECT_EQ(r.Match("POST", Segments("/a/1")).params.Get("y"), "1");
}

}  // namespace
}  // namespace confide::http
