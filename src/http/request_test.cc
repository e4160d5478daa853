#include "http/request.h"

#include <gtest/gtest.h>

#include "testing/test_util.h"

namespace confide::http {
namespace {

TEST(PathParamsTest, IntAcceptsCanonicalNonNegativeNumbers) {
  PathParams p;
  p.Set("zero", "0");
  p.Set("id", "42");
  p.Set("max", "9223372036854775807");
  ASSERT_OK_AND_ASSIGN(int64_t zero, p.Int("zero"));
  ASSERT_OK_AND_ASSIGN(int64_t id, p.Int("id"));
  ASSERT_OK_AND_ASSIGN(int64_t max, p.Int("max"));
  EXPECT_EQ(zero, 0);
  EXPECT_EQ(id, 42);
  EXPECT_EQ(max, INT64_MAX);
}

TEST(PathParamsTest, IntRefusesEverythingElse) {
  for (const char* bad : {"", "01", "00", "+1", "-1", "-0", "1e3", " 1", "1 ", "0x10", "1.0", "١", "9223372036854775808",
                          "99999999999999999999999", "1/2", "abc"}) {
    PathParams p;
    p.Set("id", bad);
    Result<int64_t> r = p.Int("id");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(r.status().message().find("'id'"), std::string::npos);
    if (std::string_view(bad).size() > 2) {
      EXPECT_EQ(r.status().message().find(bad), std::string::npos);  // not quoted
    }
  }
}

TEST(PathParamsTest, UnknownNameIsABugInTheRoute) {
  PathParams p;
  EXPECT_EQ(p.Int("id").status().code(), StatusCode::kInternal);
  EXPECT_EQ(p.Get("id"), std::nullopt);
}

TEST(RequestTest, HeaderLookupIsCaseInsensitiveAndReturnsTheFirst) {
  Request r;
  r.headers = {{"Content-Type", "application/json"}, {"X-Thing", "1"}, {"x-thing", "2"}};
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Header("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(r.Header("X-THING"), "1");
  EXPECT_EQ(r.Header("Content-Typ"), std::nullopt);
}

}  // namespace
}  // namespace confide::http
