// What a hostile or broken client can send, over raw sockets: oversized bodies and headers,
// malformed requests, smuggling attempts, slow requests.
#include <gtest/gtest.h>

#include "http/health_routes.h"
#include "http/http_test_util.h"
#include "http/server.h"
#include "testing/test_util.h"

namespace confide::http {
namespace {

using namespace std::chrono_literals;
using testing::RawBody;
using testing::RawConnection;
using testing::RawExchange;
using testing::RawStatus;
using testing::TestOptions;

class ServerLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK(AddHealthRoutes(router_, metrics_));
    ASSERT_OK(router_.Add("POST", "/echo", [](const Request& req, const PathParams&) {
      return Text(200, req.body, "application/json");
    }));
    RouteOptions tiny;
    tiny.max_body_bytes = 10;
    ASSERT_OK(router_.Add("POST", "/tiny", [](const Request& req, const PathParams&) {
      return Text(200, req.body, "application/json");
    }, tiny));
    RouteOptions large;
    large.max_body_bytes = 4096;
    ASSERT_OK(router_.Add("POST", "/large", [](const Request& req, const PathParams&) {
      return Text(200, std::to_string(req.body.size()), "application/json");
    }, large));
  }

  void Start(ServerOptions options = Defaults()) {
    Result<std::unique_ptr<Server>> server = Server::Start(router_, std::move(options), {.metrics = &metrics_});
    ASSERT_OK(server);
    server_ = std::move(server).value();
  }

  static ServerOptions Defaults() {
    ServerOptions o = TestOptions();
    o.max_body_bytes = 1024;
    return o;
  }

  std::string Metrics() const { return metrics_.RenderPrometheus(); }

  Router router_;
  Registry metrics_;
  std::unique_ptr<Server> server_;
};

std::string Post(std::string_view path, std::string_view body, std::string_view extra_headers = "") {
  return std::string("POST ") + std::string(path) + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
         std::string(extra_headers) + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

TEST_F(ServerLimitsTest, BodyOverTheLimitIs413AndTheConnectionCloses) {
  Start();
  bool closed = false;
  // Declared length over the limit: refused before the body is read, then closed.
  std::string r = RawExchange(server_->port(), Post("/echo", std::string(2000, 'x')), 3000ms, &closed);
  EXPECT_EQ(RawStatus(r), 413) << r;
  EXPECT_NE(r.find("application/problem+json"), std::string::npos);
  EXPECT_NE(r.find("Connection: close"), std::string::npos);
  EXPECT_NE(r.find("X-Frame-Options: DENY"), std::string::npos);
  EXPECT_TRUE(closed);
  // Exactly at the limit is fine.
  std::string at_limit = RawExchange(server_->port(), Post("/echo", std::string(1024, 'x'), "Connection: close\r\n"));
  EXPECT_EQ(RawStatus(at_limit), 200);
  EXPECT_NE(Metrics().find("confide_http_rejected_total{reason=\"body_too_large\"} 1"), std::string::npos);
}

TEST_F(ServerLimitsTest, ChunkedBodyOverTheLimitIs413) {
  Start();
  std::string chunked =
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) chunked += "200\r\n" + std::string(512, 'y') + "\r\n";
  chunked += "0\r\n\r\n";
  bool closed = false;
  std::string r = RawExchange(server_->port(), chunked, 3000ms, &closed);
  EXPECT_EQ(RawStatus(r), 413) << r;
  EXPECT_TRUE(closed);
}

TEST_F(ServerLimitsTest, RouteLimitOverridesTheServerDefault) {
  Start();
  EXPECT_EQ(RawStatus(RawExchange(server_->port(), Post("/tiny", "0123456789", "Connection: close\r\n"))), 200);
  EXPECT_EQ(RawStatus(RawExchange(server_->port(), Post("/tiny", "0123456789a"))), 413);
  // Larger than the server's default too, declared or chunked.
  std::string large = RawExchange(server_->port(), Post("/large", std::string(3000, 'x'), "Connection: close\r\n"));
  EXPECT_EQ(RawStatus(large), 200) << large;
  EXPECT_EQ(RawBody(large), "3000");
  std::string chunked =
      "POST /large HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
      "Connection: close\r\n\r\n";
  for (int i = 0; i < 3; ++i) chunked += "3e8\r\n" + std::string(1000, 'y') + "\r\n";
  chunked += "0\r\n\r\n";
  EXPECT_EQ(RawBody(RawExchange(server_->port(), chunked)), "3000");
  EXPECT_EQ(RawStatus(RawExchange(server_->port(), Post("/large", std::string(4097, 'x')))), 413);
}

TEST_F(ServerLimitsTest, UnknownRouteWithAHugeBodyIs404NotA413) {
  Start();
  bool closed = false;
  std::string r = RawExchange(server_->port(), Post("/nowhere", std::string(5000, 'x')), 3000ms, &closed);
  EXPECT_EQ(RawStatus(r), 404) << r;
  EXPECT_TRUE(closed);  // the body was not read
}

TEST_F(ServerLimitsTest, HeadersOverTheLimitAre431) {
  Start();
  bool closed = false;
  std::string r = RawExchange(server_->port(),
                              "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'h') + "\r\n\r\n",
                              3000ms, &closed);
  EXPECT_EQ(RawStatus(r), 431) << r;
  EXPECT_NE(r.find("application/problem+json"), std::string::npos);
  EXPECT_TRUE(closed);
  EXPECT_NE(Metrics().find("confide_http_rejected_total{reason=\"headers_too_large\"} 1"), std::string::npos);
}

TEST_F(ServerLimitsTest, MalformedRequestsAre400AndClose) {
  Start();
  for (const char* bad : {"GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET /healthz HTTP/1.1 extra\r\nHost: x\r\n\r\n",
                          "GET /healthz HTTX/1.1\r\nHost: x\r\n\r\n", "GET /healthz HTTP/1.1\r\nHost x\r\n\r\n",
                          "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                          "G\x01T /healthz HTTP/1.1\r\nHost: x\r\n\r\n", "GET /heal thz HTTP/1.1\r\nHost: x\r\n\r\n"}) {
    bool closed = false;
    std::string r = RawExchange(server_->port(), bad, 3000ms, &closed);
    EXPECT_EQ(RawStatus(r), 400) << bad << "\n" << r;
    EXPECT_NE(r.find("\"type\":\"https://confide.invalid/problems/malformed-request\""), std::string::npos) << r;
    EXPECT_TRUE(closed) << bad;
  }
}

TEST_F(ServerLimitsTest, FramingAmbiguitiesAreRefused) {
  Start();
  const int port = server_->port();
  // Request smuggling: both framings, or two lengths.
  EXPECT_EQ(RawStatus(RawExchange(port,
                                  "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                  "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")),
            400);
  EXPECT_EQ(RawStatus(RawExchange(port,
                                  "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                  "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}")),
            400);
  EXPECT_EQ(RawStatus(RawExchange(port, "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")), 400);
  EXPECT_EQ(RawStatus(RawExchange(port, "GET /healthz HTTP/1.1\r\n\r\n")), 400);  // no Host
  // Beast accepts HTTP/1.0 and HTTP/1.1 only.
  EXPECT_EQ(RawStatus(RawExchange(port, "GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n")), 400);
  EXPECT_EQ(RawStatus(RawExchange(port, "GET /healthz HTTP/1.2\r\nHost: x\r\n\r\n")), 400);
}

TEST_F(ServerLimitsTest, SlowRequestGets408AfterTheReadTimeout) {
  ServerOptions o = Defaults();
  o.read_timeout = std::chrono::seconds(1);
  Start(o);
  RawConnection conn(server_->port());
  const auto start = std::chrono::steady_clock::now();
  // Slowloris: a byte now and then, never finishing the header. Each byte arriving in time must
  // not extend the deadline: the timeout covers the whole request.
  ASSERT_TRUE(conn.Send("GET /healthz HTTP/1.1\r\n"));
  std::string received;
  for (int i = 0; i < 8 && !conn.closed(); ++i) {
    received += conn.ReadUntilClosed(200ms);
    if (!conn.closed()) conn.Send("X");
  }
  received += conn.ReadUntilClosed(2000ms);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(RawStatus(received), 408) << received;
  EXPECT_NE(received.find("application/problem+json"), std::string::npos);
  EXPECT_TRUE(conn.closed());
  EXPECT_GE(took, 900ms);
  EXPECT_LT(took, 1900ms);
  EXPECT_NE(Metrics().find("confide_http_rejected_total{reason=\"timeout\"} 1"), std::string::npos);
}

TEST_F(ServerLimitsTest, SlowBodyGets408Too) {
  ServerOptions o = Defaults();
  o.read_timeout = std::chrono::seconds(1);
  Start(o);
  RawConnection conn(server_->port());
  ASSERT_TRUE(conn.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{"));
  std::string r = conn.ReadUntilClosed(2500ms);
  EXPECT_EQ(RawStatus(r), 408) << r;
  EXPECT_TRUE(conn.closed());
}

TEST_F(ServerLimitsTest, IdleConnectionIsClosedSilently) {
  ServerOptions o = Defaults();
  o.idle_timeout = std::chrono::seconds(1);
  Start(o);
  RawConnection conn(server_->port());
  ASSERT_TRUE(conn.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(RawStatus(conn.ReadResponse()), 200);
  const auto start = std::chrono::steady_clock::now();
  std::string rest = conn.ReadUntilClosed(2500ms);
  EXPECT_TRUE(conn.closed());
  EXPECT_TRUE(rest.empty()) << rest;  // nothing owed, nothing sent
  EXPECT_GE(std::chrono::steady_clock::now() - start, 900ms);
}

TEST_F(ServerLimitsTest, ConnectionsBeyondTheLimitAreClosed) {
  ServerOptions o = Defaults();
  o.max_connections = 2;
  Start(o);
  RawConnection a(server_->port()), b(server_->port());
  ASSERT_TRUE(a.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(b.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(RawStatus(a.ReadResponse()), 200);
  EXPECT_EQ(RawStatus(b.ReadResponse()), 200);
  bool closed = false;
  std::string third = RawExchange(server_->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 2000ms, &closed);
  EXPECT_TRUE(third.empty()) << third;
  EXPECT_TRUE(closed);
  EXPECT_NE(Metrics().find("confide_http_rejected_total{reason=\"connection_limit\"} 1"), std::string::npos);
}

TEST_F(ServerLimitsTest, ExpectContinueOverTheLimitIsRefusedWithoutContinue) {
  Start();
  RawConnection conn(server_->port());
  ASSERT_TRUE(conn.Send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n"
      "Expect: 100-continue\r\n\r\n"));
  std::string r = conn.ReadUntilClosed(3000ms);
  EXPECT_EQ(RawStatus(r), 413) << r;
  EXPECT_EQ(r.find("100 Continue"), std::string::npos);
}

}  // namespace
}  // namespace confide::http
