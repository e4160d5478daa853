// The server over real loopback HTTP, with cpp-httplib as the client (and raw sockets where
// httplib would tidy the request up).
#include "http/server.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <atomic>
#include <future>
#include <sstream>
#include <thread>

#include "http/health_routes.h"
#include "http/http_test_util.h"
#include "http/status_problem.h"
#include "testing/test_util.h"

namespace confide::http {
namespace {

using namespace std::chrono_literals;
using testing::RawBody;
using testing::RawConnection;
using testing::RawExchange;
using testing::RawStatus;
using testing::TestOptions;

// Turns a Result error into a problem inside a handler.
#define ASSIGN_OR_PROBLEM(lhs, rexpr, req)                                                  \
  auto CONFIDE_CONCAT_(r_, __LINE__) = (rexpr);                                           \
  if (!CONFIDE_CONCAT_(r_, __LINE__).ok())                                                \
    return ProblemFromStatus(CONFIDE_CONCAT_(r_, __LINE__).status(), (req).request_id); \
  lhs = std::move(CONFIDE_CONCAT_(r_, __LINE__)).value()

const char* const kSecurityHeaders[] = {"Cache-Control",
                                        "X-Content-Type-Options",
                                        "Referrer-Policy",
                                        "X-Frame-Options",
                                        "Content-Security-Policy",
                                        "Cross-Origin-Opener-Policy",
                                        "Cross-Origin-Resource-Policy",
                                        "Permissions-Policy"};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK(AddHealthRoutes(router_, metrics_));
    ASSERT_OK(router_.Add("GET", "/api/people/{id}/records", [](const Request& req, const PathParams& params) {
      ASSIGN_OR_PROBLEM(int64_t id, params.Int("id"), req);
      nlohmann::json out{{"id", id}, {"path", req.path}, {"query", req.query}, {"request_id", req.request_id},
                         {"params", req.query_params}, {"tls", req.tls}, {"remote", req.remote_address}};
      return Json(200, out);
    }));
    ASSERT_OK(router_.Add("POST", "/api/echo", [](const Request& req, const PathParams&) {
      return Text(200, req.body, "application/octet-stream");
    }));
    RouteOptions raw;
    raw.json_body = false;
    ASSERT_OK(router_.Add("POST", "/api/raw", [](const Request& req, const PathParams&) { return Text(200, req.body); },
                          raw));
    ASSERT_OK(router_.Add("GET", "/files/{name}", [](const Request&, const PathParams& params) {
      return Text(200, std::string(*params.Get("name")));
    }));
    ASSERT_OK(router_.Add("GET", "/throw", [](const Request&, const PathParams&) -> Response {
      throw std::runtime_error("record of Jane Doe, NHS 999 000 0000");
    }));
    ASSERT_OK(router_.Add("GET", "/echo-n", [](const Request& req, const PathParams&) {
      return Json(200, {{"n", req.query_params.at("n")}});
    }));
  }

  void Start(ServerOptions options = TestOptions(), Hooks hooks = {}) {
    hooks.metrics = &metrics_;
    Result<std::unique_ptr<Server>> server = Server::Start(router_, std::move(options), std::move(hooks));
    ASSERT_OK(server);
    server_ = std::move(server).value();
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_keep_alive(true);
    c.set_read_timeout(5, 0);
    return c;
  }

  static void ExpectSecurityHeaders(const httplib::Response& r) {
    for (const char* h : kSecurityHeaders) EXPECT_TRUE(r.has_header(h)) << h << " missing on " << r.status;
    EXPECT_EQ(r.get_header_value("Cache-Control"), "no-store");
    EXPECT_FALSE(r.has_header("Strict-Transport-Security"));  // plain HTTP
    EXPECT_EQ(r.get_header_value("X-Request-Id").size(), 16u);
    EXPECT_TRUE(r.get_header_value("Date").ends_with(" GMT")) << r.get_header_value("Date");
  }

  static nlohmann::json Body(const httplib::Result& r) { return nlohmann::json::parse(r->body); }

  Router router_;
  Registry metrics_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, RoutesWithPathParamsAndQuery) {
  Start();
  auto c = Client();
  auto r = c.Get("/api/people/42/records?kind=case_note&q=a%20b");  // (httplib would encode a '+')
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  nlohmann::json body = Body(r);
  EXPECT_EQ(body["id"], 42);
  EXPECT_EQ(body["path"], "/api/people/42/records");
  EXPECT_EQ(body["query"], "kind=case_note&q=a%20b");
  EXPECT_EQ(body["params"]["q"], "a b");
  EXPECT_EQ(body["tls"], false);
  EXPECT_EQ(body["remote"], "127.0.0.1");
  EXPECT_EQ(body["request_id"], r->get_header_value("X-Request-Id"));
  ExpectSecurityHeaders(*r);

  auto bad_id = c.Get("/api/people/042/records");
  ASSERT_TRUE(bad_id);
  EXPECT_EQ(bad_id->status, 400);
  EXPECT_EQ(Body(bad_id)["instance"], bad_id->get_header_value("X-Request-Id"));
}

TEST_F(ServerTest, NotFoundIsAProblem) {
  Start();
  auto c = Client();
  auto r = c.Get("/api/people/42/records/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
  nlohmann::json body = Body(r);
  EXPECT_EQ(body["type"], "https://confide.invalid/problems/not-found");
  EXPECT_EQ(body["title"], "Not Found");
  EXPECT_EQ(body["status"], 404);
  EXPECT_TRUE(body["detail"].is_string());
  EXPECT_EQ(body["instance"], r->get_header_value("X-Request-Id"));
  ExpectSecurityHeaders(*r);
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  Start();
  auto c = Client();
  auto r = c.Delete("/api/people/1/records");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->get_header_value("Allow"), "GET");
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(Body(r)["status"], 405);
  ExpectSecurityHeaders(*r);
}

TEST_F(ServerTest, PercentDecodedPathsAndRefusals) {
  Start();
  const int port = server_->port();
  std::string ok = RawExchange(port, "GET /files/a%20b%C3%A9 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(RawStatus(ok), 200) << ok;
  EXPECT_EQ(RawBody(ok), "a b\xc3\xa9");
  for (const char* target : {"/files/a%2Fb", "/files/a%2fb", "/files/a%00b", "/files/..", "/files/%2e%2E",
                             "/files/../api/echo", "/files/%zz", "/files/x?a=1&a=2"}) {
    std::string r = RawExchange(port, std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(RawStatus(r), 400) << target << "\n" << r;
    EXPECT_NE(r.find("application/problem+json"), std::string::npos) << target;
    EXPECT_NE(r.find("X-Content-Type-Options: nosniff"), std::string::npos) << target;
  }
}

TEST_F(ServerTest, HandlerExceptionIs500WithoutItsText) {
  std::ostringstream log;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
  Start(TestOptions(), Hooks{.access_log = std::make_shared<AccessLog>(sink)});
  auto c = Client();
  auto r = c.Get("/throw");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(r->body.find("Jane"), std::string::npos);
  EXPECT_EQ(r->body.find("999"), std::string::npos);
  EXPECT_EQ(Body(r)["instance"], r->get_header_value("X-Request-Id"));
  ExpectSecurityHeaders(*r);
  server_->Stop();  // every line written
  EXPECT_NE(log.str().find("http_handler_exception"), std::string::npos) << log.str();
  EXPECT_NE(log.str().find("\"route\":\"/throw\""), std::string::npos) << log.str();
  EXPECT_EQ(log.str().find("Jane"), std::string::npos);
  // The server still serves.
}

TEST_F(ServerTest, InvalidResponseHeaderFromHandlerIs500) {
  ASSERT_OK(router_.Add("GET", "/inject", [](const Request&, const PathParams&) {
    Response r = Text(200, "x");
    r.headers.emplace_back("X-Name", "a\r\nSet-Cookie: session=evil");
    return r;
  }));
  Start();
  std::string r = RawExchange(server_->port(), "GET /inject HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(RawStatus(r), 500) << r;
  EXPECT_EQ(r.find("Set-Cookie"), std::string::npos);
}

TEST_F(ServerTest, SecurityHeadersOnEveryKindOfResponse) {
  Start();
  auto c = Client();
  std::vector<httplib::Result> results;
  results.push_back(c.Get("/healthz"));
  results.push_back(c.Get("/nope"));
  results.push_back(c.Put("/healthz", "", "application/json"));
  results.push_back(c.Get("/throw"));
  results.push_back(c.Post("/api/echo", "x", "text/plain"));
  results.push_back(c.Get("/api/people/x/records"));
  std::vector<int> statuses;
  for (auto& r : results) {
    ASSERT_TRUE(r);
    statuses.push_back(r->status);
    ExpectSecurityHeaders(*r);
  }
  EXPECT_EQ(statuses, (std::vector<int>{200, 404, 405, 500, 415, 400}));
}

TEST_F(ServerTest, JsonRoutesRequireJsonBodies) {
  Start();
  auto c = Client();
  auto wrong = c.Post("/api/echo", "{}", "text/plain");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 415);
  EXPECT_EQ(Body(wrong)["type"], "https://confide.invalid/problems/unsupported-media-type");
  auto json = c.Post("/api/echo", R"({"a":1})", "application/json; charset=utf-8");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 200);
  EXPECT_EQ(json->body, R"({"a":1})");
  auto patch = c.Post("/api/echo", "{}", "application/merge-patch+json");
  ASSERT_TRUE(patch);
  EXPECT_EQ(patch->status, 200);
  auto no_body = c.Post("/api/echo", "", "");  // nothing sent, nothing to type
  ASSERT_TRUE(no_body);
  EXPECT_EQ(no_body->status, 200);
  auto raw = c.Post("/api/raw", "plain words", "text/plain");  // json_body = false
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->status, 200);
  EXPECT_EQ(raw->body, "plain words");
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Start();
  RawConnection conn(server_->port());
  ASSERT_TRUE(conn.connected());
  std::set<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(conn.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    std::string r = conn.ReadResponse();
    EXPECT_EQ(RawStatus(r), 200) << r;
    EXPECT_EQ(RawBody(r), R"({"status":"ok"})");
    ids.insert(r.substr(r.find("X-Request-Id: ") + 14, 16));
  }
  // Pipelined: two requests in one write, answered in order.
  ASSERT_TRUE(conn.Send("GET /files/one HTTP/1.1\r\nHost: x\r\n\r\nGET /files/two HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(RawBody(conn.ReadResponse()), "one");
  EXPECT_EQ(RawBody(conn.ReadResponse()), "two");
  EXPECT_FALSE(conn.closed());
  EXPECT_EQ(ids.size(), 3u);  // a fresh request id each time
  EXPECT_NE(metrics_.RenderPrometheus().find("confide_http_connections_open 1\n"), std::string::npos);
}

TEST_F(ServerTest, HeadGetsHeadersWithoutABody) {
  Start();
  RawConnection conn(server_->port());
  ASSERT_TRUE(conn.Send("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::string head = conn.ReadUntilClosed(500ms);
  // 405 (no route serves HEAD) and no body, so the GET's response follows the header at once.
  EXPECT_TRUE(head.starts_with("HTTP/1.1 405 ")) << head;
  const size_t second = head.find("HTTP/1.1 200 OK\r\n");
  ASSERT_NE(second, std::string::npos) << head;
  EXPECT_EQ(head.find("\r\n\r\n") + 4, second);
}

TEST_F(ServerTest, Http10ClosesAfterTheResponse) {
  Start();
  bool closed = false;
  std::string r = RawExchange(server_->port(), "GET /healthz HTTP/1.0\r\n\r\n", 2000ms, &closed);
  EXPECT_TRUE(r.starts_with("HTTP/1.0 200")) << r;
  EXPECT_TRUE(closed);
}

TEST_F(ServerTest, ExpectContinue) {
  Start();
  RawConnection conn(server_->port());
  ASSERT_TRUE(conn.Send(
      "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
      "Expect: 100-continue\r\n\r\n"));
  std::string interim = conn.ReadResponse();
  EXPECT_TRUE(interim.starts_with("HTTP/1.1 100 Continue\r\n")) << interim;
  ASSERT_TRUE(conn.Send("{}"));
  std::string r = conn.ReadResponse();
  EXPECT_EQ(RawStatus(r), 200) << r;
  EXPECT_EQ(RawBody(r), "{}");
}

TEST_F(ServerTest, MetricsCountRequestsByRoutePattern) {
  Start();
  auto c = Client();
  ASSERT_TRUE(c.Get("/api/people/7/records"));
  ASSERT_TRUE(c.Get("/api/people/8/records"));
  ASSERT_TRUE(c.Get("/nope/123"));
  auto m = c.Get("/metrics");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, 200);
  EXPECT_EQ(m->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = m->body;
  EXPECT_NE(text.find("# TYPE confide_http_requests_total counter"), std::string::npos);
  EXPECT_NE(text.find("confide_http_requests_total{method=\"GET\",route=\"/api/people/{id}/records\",status=\"2xx\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("confide_http_requests_total{method=\"GET\",route=\"-\",status=\"4xx\"} 1"), std::string::npos);
  EXPECT_NE(text.find("confide_http_request_duration_seconds_count{method=\"GET\",route=\"/api/people/{id}/records\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("confide_http_connections_open 1"), std::string::npos);
  EXPECT_NE(text.find("confide_http_rejected_total{reason=\"timeout\"} 0"), std::string::npos);
  EXPECT_EQ(text.find("/api/people/7"), std::string::npos);  // never a path
}

TEST_F(ServerTest, AccessLogNamesThePatternNeverThePath) {
  std::ostringstream log;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
  Start(TestOptions(), Hooks{.access_log = std::make_shared<AccessLog>(sink)});
  auto c = Client();
  ASSERT_TRUE(c.Get("/api/people/4242/records?q=Smith", {{"Authorization", "Bearer tok3n"}, {"Cookie", "s=c00kie"}}));
  ASSERT_TRUE(c.Get("/nope/4242"));
  server_->Stop();
  std::istringstream lines(log.str());
  std::string line;
  std::vector<nlohmann::json> entries;
  while (std::getline(lines, line)) entries.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(entries.size(), 2u) << log.str();
  EXPECT_EQ(entries[0]["event"], "http_request");
  EXPECT_EQ(entries[0]["route"], "/api/people/{id}/records");
  EXPECT_EQ(entries[0]["method"], "GET");
  EXPECT_EQ(entries[0]["status"], 200);
  EXPECT_EQ(entries[0]["remote"], "127.0.0.1");
  EXPECT_EQ(entries[0]["tls"], false);
  EXPECT_EQ(entries[0]["request_id"].get<std::string>().size(), 16u);
  EXPECT_TRUE(entries[0]["duration_ms"].is_number());
  EXPECT_TRUE(entries[0]["bytes"].get<int>() > 0);
  EXPECT_TRUE(entries[0].contains("ts"));
  EXPECT_EQ(entries[1]["route"], "-");
  EXPECT_EQ(entries[1]["status"], 404);
  for (const char* secret : {"4242", "Smith", "tok3n", "c00kie", "Bearer"}) {
    EXPECT_EQ(log.str().find(secret), std::string::npos) << secret;
  }
}

TEST_F(ServerTest, BeforeSendHookSeesEveryResponseAndOverridesDefaults) {
  std::atomic<int> calls{0};
  Hooks hooks;
  hooks.before_send = [&calls](const Request& req, Response& res) {
    calls++;
    res.SetHeader("Content-Security-Policy", "default-src 'self'");
    res.SetHeader("X-Route-Seen", req.path.empty() ? "none" : "yes");
  };
  Start(TestOptions(), std::move(hooks));
  auto c = Client();
  auto ok = c.Get("/healthz");
  auto missing = c.Get("/nope");
  ASSERT_TRUE(ok && missing);
  EXPECT_EQ(ok->get_header_value("Content-Security-Policy"), "default-src 'self'");
  EXPECT_EQ(missing->get_header_value("Content-Security-Policy"), "default-src 'self'");
  EXPECT_EQ(ok->get_header_value("X-Route-Seen"), "yes");
  EXPECT_EQ(ok->get_header_value("X-Frame-Options"), "DENY");  // the other defaults remain
  EXPECT_EQ(calls.load(), 2);
}

TEST_F(ServerTest, TwoHundredConcurrentKeepAliveClients) {
  Start();
  constexpr int kClients = 200;
  constexpr int kRequestsEach = 5;
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([this, i, &good] {
      auto c = Client();
      for (int j = 0; j < kRequestsEach; ++j) {
        const std::string n = std::to_string(i * 100 + j);
        auto r = c.Get("/echo-n?n=" + n);
        if (r && r->status == 200 && nlohmann::json::parse(r->body)["n"] == n) good++;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(good.load(), kClients * kRequestsEach);
}

TEST_F(ServerTest, BlockingHandlerDoesNotStallInlineHealthz) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> entered{false};
  ASSERT_OK(router_.Add("GET", "/block", [&](const Request&, const PathParams&) {
    entered = true;
    released.wait();
    return Text(200, "released");
  }));
  ServerOptions options = TestOptions();
  options.io_threads = 1;
  options.handler_threads = 1;  // the one handler thread is taken
  Start(options);
  std::thread blocked([this] {
    auto c = Client();
    auto r = c.Get("/block");
    EXPECT_TRUE(r && r->body == "released");
  });
  while (!entered) std::this_thread::sleep_for(1ms);
  auto c = Client();
  const auto start = std::chrono::steady_clock::now();
  auto health = c.Get("/healthz");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_LT(elapsed, 500ms);
  release.set_value();
  blocked.join();
}

// GET and HEAD run on the read pool, other methods on the handler pool: a write waiting for a lock
// holds up no read, and a GET whose route may block runs with the writes.
TEST_F(ServerTest, ReadsAndBlockingHandlersRunOnSeparatePools) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> entered{0};
  auto blocking = [&](const Request&, const PathParams&) {
    ++entered;
    released.wait();
    return Text(200, "released");
  };
  RouteOptions no_body;
  no_body.json_body = false;
  ASSERT_OK(router_.Add("POST", "/write", blocking, no_body));
  RouteOptions may_block;
  may_block.may_block = true;
  ASSERT_OK(router_.Add("GET", "/slow-read", blocking, may_block));
  ASSERT_OK(router_.Add("GET", "/read", [](const Request&, const PathParams&) { return Text(200, "read"); }));
  ServerOptions options = TestOptions();
  options.handler_threads = 2;
  options.read_threads = 1;
  Start(options);
  // Both handler threads wait: one write, one read that may block.
  std::thread writer([this] {
    auto c = Client();
    auto r = c.Post("/write", "", "text/plain");
    EXPECT_TRUE(r && r->body == "released");
  });
  std::thread slow_reader([this] {
    auto c = Client();
    auto r = c.Get("/slow-read");
    EXPECT_TRUE(r && r->body == "released");
  });
  while (entered < 2) std::this_thread::sleep_for(1ms);
  auto c = Client();
  auto r = c.Get("/read");  // the one read thread is free
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "read");
  release.set_value();
  writer.join();
  slow_reader.join();
}

TEST_F(ServerTest, GracefulStopFinishesTheRequestInFlight) {
  std::atomic<bool> entered{false};
  ASSERT_OK(router_.Add("GET", "/slow", [&](const Request&, const PathParams&) {
    entered = true;
    std::this_thread::sleep_for(300ms);
    return Text(200, "done");
  }));
  Start();
  // An idle keep-alive connection too: Stop closes it rather than waiting for it.
  RawConnection idle(server_->port());
  ASSERT_TRUE(idle.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_EQ(RawStatus(idle.ReadResponse()), 200);

  std::optional<httplib::Result> slow;
  std::thread client([&] {
    auto c = Client();
    slow.emplace(c.Get("/slow"));
  });
  while (!entered) std::this_thread::sleep_for(1ms);
  const auto start = std::chrono::steady_clock::now();
  server_->Stop();
  const auto took = std::chrono::steady_clock::now() - start;
  client.join();
  ASSERT_TRUE(slow && *slow);
  EXPECT_EQ((*slow)->status, 200);
  EXPECT_EQ((*slow)->body, "done");
  EXPECT_EQ((*slow)->get_header_value("Connection"), "close");
  EXPECT_LT(took, 1500ms);
  idle.ReadUntilClosed(1000ms);
  EXPECT_TRUE(idle.closed());
  // No longer accepting.
  httplib::Client after("127.0.0.1", server_->port());
  after.set_connection_timeout(1, 0);
  EXPECT_FALSE(after.Get("/healthz"));
  server_->Wait();  // returns at once: stopped
}

// A hold the test releases by hand.
class ManualHold : public ResponseHold {
 public:
  void WhenReleased(std::function<void(std::optional<Response>)> release) override {
    std::lock_guard<std::mutex> lock(mu_);
    release_ = std::move(release);
    registered_.set_value();
  }
  void WaitUntilRegistered() { registered_future_.wait(); }
  void Release(std::optional<Response> instead = std::nullopt) {
    std::function<void(std::optional<Response>)> release;
    {
      std::lock_guard<std::mutex> lock(mu_);
      release = std::move(release_);
    }
    release(std::move(instead));
  }

 private:
  std::mutex mu_;
  std::function<void(std::optional<Response>)> release_;
  std::promise<void> registered_;
  std::shared_future<void> registered_future_ = registered_.get_future().share();
};

class HeldResponseTest : public ServerTest {
 protected:
  // GET /held runs on the handler pool, GET /held-inline on the I/O thread.
  void SetUp() override {
    ServerTest::SetUp();
    for (bool inline_handler : {false, true}) {
      RouteOptions options;
      options.inline_handler = inline_handler;
      ASSERT_OK(router_.Add("GET", inline_handler ? "/held-inline" : "/held",
                            [this](const Request&, const PathParams&) {
                              Response r = Text(200, "held body");
                              r.hold = hold_;
                              return r;
                            },
                            options));
    }
  }
  std::future<httplib::Result> GetAsync(std::string path) {
    return std::async(std::launch::async, [this, path] {
      auto c = Client();
      return c.Get(path);
    });
  }
  std::shared_ptr<ManualHold> hold_ = std::make_shared<ManualHold>();
};

TEST_F(HeldResponseTest, NothingIsSentUntilTheHoldIsReleased) {
  for (const char* path : {"/held", "/held-inline"}) {
    SCOPED_TRACE(path);
    hold_ = std::make_shared<ManualHold>();
    Start();
    auto held = GetAsync(path);
    hold_->WaitUntilRegistered();
    EXPECT_EQ(held.wait_for(150ms), std::future_status::timeout);
    hold_->Release();
    httplib::Result r = held.get();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "held body");
    ExpectSecurityHeaders(*r);
    server_->Stop();
  }
}

TEST_F(HeldResponseTest, AFailedHoldSendsItsReplacementInstead) {
  Start();
  auto held = GetAsync("/held");
  hold_->WaitUntilRegistered();
  hold_->Release(Problem(500, "Internal Server Error", "The audit log could not be written.", "audit-unavailable"));
  httplib::Result r = held.get();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(Body(r)["type"], std::string(kProblemTypeBase) + "audit-unavailable");
  EXPECT_EQ(r->body.find("held body"), std::string::npos);  // what was held never leaves
  ExpectSecurityHeaders(*r);
}

TEST_F(HeldResponseTest, AHeldResponseTakesNoThread) {
  ASSERT_OK(router_.Add("GET", "/other", [](const Request&, const PathParams&) { return Text(200, "other"); }));
  ServerOptions options = TestOptions();
  options.io_threads = 1;
  options.handler_threads = 1;
  Start(options);
  auto held = GetAsync("/held");
  hold_->WaitUntilRegistered();
  // The only handler thread and the only I/O thread are free for the next request.
  auto c = Client();
  auto other = c.Get("/other");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->body, "other");
  EXPECT_EQ(held.wait_for(0ms), std::future_status::timeout);
  hold_->Release();
  ASSERT_TRUE(held.get());
}

TEST_F(HeldResponseTest, StoppingTheServerWaitsForAHeldResponse) {
  Start();
  auto held = GetAsync("/held");
  hold_->WaitUntilRegistered();
  auto stopped = std::async(std::launch::async, [this] { server_->Stop(); });
  EXPECT_EQ(stopped.wait_for(150ms), std::future_status::timeout);
  hold_->Release();
  stopped.get();
  httplib::Result r = held.get();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "held body");
  EXPECT_EQ(r->get_header_value("Connection"), "close");
}

}  // namespace
}  // namespace confide::http
