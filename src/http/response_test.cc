#include "http/response.h"

#include <gtest/gtest.h>

#include "http/security_headers.h"

namespace confide::http {
namespace {

TEST(ResponseTest, ProblemIsRfc9457) {
  Response r = Problem(404, "Not Found", "No person has this id.", "not-found", {{"instance", "abc"}, {"status", 1}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Header("Content-Type"), "application/problem+json");
  nlohmann::json j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["type"], "https://confide.invalid/problems/not-found");
  EXPECT_EQ(j["title"], "Not Found");
  EXPECT_EQ(j["status"], 404);  // extra cannot override the standard members
  EXPECT_EQ(j["detail"], "No person has this id.");
  EXPECT_EQ(j["instance"], "abc");
}

TEST(ResponseTest, ProblemWithoutSuffixIsAboutBlank) {
  nlohmann::json j = nlohmann::json::parse(Problem(429, "Too Many Requests", "Slow down.").body);
  EXPECT_EQ(j["type"], "about:blank");
  EXPECT_FALSE(j.contains("instance"));
}

TEST(ResponseTest, JsonTextNoContent) {
  Response j = Json(201, {{"id", 7}});
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.body, R"({"id":7})");
  EXPECT_EQ(j.Header("content-type"), "application/json");
  Response t = Text(200, "hi");
  EXPECT_EQ(t.Header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(NoContent().status, 204);
  EXPECT_TRUE(NoContent().body.empty());
  // Invalid UTF-8 from a handler is replaced, not thrown.
  EXPECT_NO_THROW(Json(200, {{"s", "\xff"}}));
}

TEST(ResponseTest, SetHeaderReplacesAllCaseInsensitively) {
  Response r;
  r.headers = {{"x-a", "1"}, {"X-A", "2"}, {"B", "3"}};
  r.SetHeader("X-a", "9");
  EXPECT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.Header("x-A"), "9");
  r.SetHeaderIfAbsent("b", "4");
  EXPECT_EQ(r.Header("B"), "3");
}

TEST(SecurityHeadersTest, DefaultsYieldToWhatIsSetAndHstsOnlyOverTls) {
  Response r;
  r.SetHeader("content-security-policy", "default-src 'self'");
  AddSecurityHeaders(r, /*tls=*/false);
  EXPECT_EQ(r.Header("Content-Security-Policy"), "default-src 'self'");
  EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.Header("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(r.Header("X-Frame-Options"), "DENY");
  EXPECT_EQ(r.Header("Cross-Origin-Opener-Policy"), "same-origin");
  EXPECT_EQ(r.Header("Cross-Origin-Resource-Policy"), "same-origin");
  EXPECT_TRUE(r.Header("Permissions-Policy").has_value());
  EXPECT_FALSE(r.Header("Strict-Transport-Security").has_value());
  Response tls;
  AddSecurityHeaders(tls, /*tls=*/true);
  EXPECT_EQ(tls.Header("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_EQ(tls.Header("Content-Security-Policy"), "default-src 'none'; frame-ancestors 'none'");
}

}  // namespace
}  // namespace confide::http
