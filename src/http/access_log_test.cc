#include "http/access_log.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "testing/test_util.h"

namespace confide::http {
namespace {

TEST(AccessLogTest, WritesOneJsonLinePerEntry) {
  std::ostringstream out;
  AccessLog log(std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  log.Log({.request_id = "00112233445566778",
           .method = "PATCH",
           .route = "/api/records/{id}",
           .status = 204,
           .duration_ms = 1.23456,
           .bytes = 0,
           .bytes_in = 17,
           .remote_address = "::1",
           .tls = true});
  log.Log({.request_id = "x", .method = "BREW", .route = "-", .status = 405});
  std::istringstream lines(out.str());
  std::string line;
  std::getline(lines, line);
  nlohmann::json first = nlohmann::json::parse(line);
  EXPECT_EQ(first["level"], "info");
  EXPECT_TRUE(first["ts"].get<std::string>().ends_with("Z"));
  EXPECT_EQ(first["event"], "http_request");
  EXPECT_EQ(first["method"], "PATCH");
  EXPECT_EQ(first["route"], "/api/records/{id}");
  EXPECT_EQ(first["status"], 204);
  EXPECT_DOUBLE_EQ(first["duration_ms"].get<double>(), 1.235);
  EXPECT_EQ(first["bytes_in"], 17);
  EXPECT_EQ(first["remote"], "::1");
  EXPECT_EQ(first["tls"], true);
  std::getline(lines, line);
  EXPECT_EQ(nlohmann::json::parse(line)["method"], "OTHER");  // a client's method is not logged verbatim
}

TEST(AccessLogTest, ToFileCreatesDirectories) {
  confide::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto log, AccessLog::ToFile(dir.Str("logs/access.log")));
  log->Log({.request_id = "r", .method = "GET", .route = "/healthz", .status = 200});
  EXPECT_NE(confide::testing::ReadFileForTest(dir.path() / "logs/access.log").find("\"route\":\"/healthz\""),
            std::string::npos);
  EXPECT_FALSE(AccessLog::ToFile("/proc/no/such/dir/access.log").ok());
}

}  // namespace
}  // namespace confide::http
