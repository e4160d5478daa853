#include "http/target.h"

#include <gtest/gtest.h>

#include "testing/test_util.h"

namespace confide::http {
namespace {

TEST(TargetTest, SplitsPathAndQuery) {
  ASSERT_OK_AND_ASSIGN(Target t, ParseTarget("/api/people/12?kind=case_note&q=a+b%26c"));
  EXPECT_EQ(t.path, "/api/people/12");
  EXPECT_EQ(t.segments, (std::vector<std::string>{"api", "people", "12"}));
  EXPECT_EQ(t.query, "kind=case_note&q=a+b%26c");
  EXPECT_EQ(t.query_params.at("kind"), "case_note");
  EXPECT_EQ(t.query_params.at("q"), "a b&c");
}

TEST(TargetTest, RootAndTrailingSlash) {
  ASSERT_OK_AND_ASSIGN(Target root, ParseTarget("/"));
  EXPECT_TRUE(root.segments.empty());
  EXPECT_EQ(root.path, "/");
  ASSERT_OK_AND_ASSIGN(Target trailing, ParseTarget("/a/"));
  EXPECT_EQ(trailing.segments, (std::vector<std::string>{"a", ""}));
  EXPECT_EQ(trailing.path, "/a/");
}

TEST(TargetTest, DecodesEachSegment) {
  ASSERT_OK_AND_ASSIGN(Target t, ParseTarget("/files/a%20b+c/%C3%A9t%c3%a9"));
  EXPECT_EQ(t.segments, (std::vector<std::string>{"files", "a b+c", "\xc3\xa9t\xc3\xa9"}));  // '+' is literal in paths
  EXPECT_EQ(t.path, "/files/a b+c/\xc3\xa9t\xc3\xa9");
}

TEST(TargetTest, RefusesEncodedSlashNulControlsAndDotSegments) {
  for (const char* bad : {"/a%2Fb", "/a%2fb", "/a%00b", "/a%0Ab", "/a%0d%0aSet-Cookie:x", "/a/../b", "/a/./b", "/..",
                          "/a/%2E%2E/b", "/a/%2e/b", "/a/.%2E", "/a%7F"}) {
    Result<Target> t = ParseTarget(bad);
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument) << bad;
  }
  // A dot inside a segment is just a character.
  EXPECT_OK(ParseTarget("/files/report.v2..pdf"));
  EXPECT_OK(ParseTarget("/a/.../b"));
}

TEST(TargetTest, RefusesMalformedEscapesAndOtherForms) {
  for (const char* bad : {"/a%", "/a%2", "/a%G0", "/a%0G", "/a?x=%", "/a?x=%zz", "/a?%=1", "", "a/b", "*",
                          "http://example.com/a", "/a#frag"}) {
    EXPECT_EQ(ParseTarget(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(TargetTest, QueryRules) {
  EXPECT_EQ(ParseTarget("/a?x=1&x=2").status().code(), StatusCode::kInvalidArgument);  // repeated
  EXPECT_EQ(ParseTarget("/a?x=1&%78=2").status().code(), StatusCode::kInvalidArgument);  // repeated once decoded
  EXPECT_EQ(ParseTarget("/a?x=%00").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseTarget("/a?=1").status().code(), StatusCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(Target t, ParseTarget("/a?flag&&empty=&b=%2F"));
  EXPECT_EQ(t.query_params.at("flag"), "");
  EXPECT_EQ(t.query_params.at("empty"), "");
  EXPECT_EQ(t.query_params.at("b"), "/");  // an encoded '/' is fine in a query value
  ASSERT_OK_AND_ASSIGN(Target none, ParseTarget("/a?"));
  EXPECT_TRUE(none.query_params.empty());
}

TEST(TargetTest, MessagesNeverQuoteTheTarget) {
  Result<Target> t = ParseTarget("/people/Jane%2FDoe");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message().find("Jane"), std::string::npos);
}

}  // namespace
}  // namespace confide::http
