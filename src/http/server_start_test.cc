#include <gtest/gtest.h>

#include "http/health_routes.h"
#include "http/http_test_util.h"
#include "http/listen_address.h"
#include "http/server.h"
#include "testing/test_util.h"

namespace confide::http {
namespace {

using testing::TestOptions;

TEST(ListenAddressTest, ParsesNumericAddressesOnly) {
  ASSERT_OK_AND_ASSIGN(auto v4, ParseListenAddress("127.0.0.1:8080"));
  EXPECT_EQ(v4.port(), 8080);
  ASSERT_OK_AND_ASSIGN(auto v6, ParseListenAddress("[::1]:0"));
  EXPECT_TRUE(v6.address().is_v6());
  for (const char* bad : {"localhost:80", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:8o", "::1:80",
                          "[127.0.0.1]:80", "[::1]", ":80", "127.0.0.1:-1", "127.0.0.1:123456"}) {
    EXPECT_EQ(ParseListenAddress(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(ListenAddressTest, KnowsLoopback) {
  namespace ip = boost::asio::ip;
  EXPECT_TRUE(IsLoopback(ip::make_address("127.0.0.1")));
  EXPECT_TRUE(IsLoopback(ip::make_address("127.3.2.1")));
  EXPECT_TRUE(IsLoopback(ip::make_address("::1")));
  EXPECT_TRUE(IsLoopback(ip::make_address("::ffff:127.0.0.1")));
  EXPECT_FALSE(IsLoopback(ip::make_address("0.0.0.0")));
  EXPECT_FALSE(IsLoopback(ip::make_address("::")));
  EXPECT_FALSE(IsLoopback(ip::make_address("10.0.0.1")));
  EXPECT_FALSE(IsLoopback(ip::make_address("::ffff:10.0.0.1")));
}

class ServerStartTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK(AddHealthRoutes(router_, metrics_)); }
  Router router_;
  Registry metrics_;
};

TEST_F(ServerStartTest, PortZeroReportsTheActualPort) {
  ASSERT_OK_AND_ASSIGN(auto server, Server::Start(router_, TestOptions()));
  EXPECT_GT(server->port(), 0);
  EXPECT_EQ(server->BoundAddress(), "127.0.0.1:" + std::to_string(server->port()));
  EXPECT_FALSE(server->tls());
  httplib::Client c("127.0.0.1", server->port());
  auto r = c.Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"status":"ok"})");
}

TEST_F(ServerStartTest, PlainHttpBeyondLoopbackIsRefused) {
  for (const char* listen : {"0.0.0.0:0", "[::]:0"}) {
    ServerOptions o = TestOptions();
    o.listen = listen;
    Result<std::unique_ptr<Server>> r = Server::Start(router_, o);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << listen;
    EXPECT_NE(r.status().message().find("allow_insecure_non_loopback"), std::string::npos);
  }
}

TEST_F(ServerStartTest, PlainHttpBeyondLoopbackWhenAllowed) {
  ServerOptions o = TestOptions();
  o.listen = "0.0.0.0:0";
  o.allow_insecure_non_loopback = true;
  ASSERT_OK_AND_ASSIGN(auto server, Server::Start(router_, o));
  EXPECT_EQ(server->BoundAddress(), "0.0.0.0:" + std::to_string(server->port()));
  httplib::Client c("127.0.0.1", server->port());
  auto r = c.Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ServerStartTest, Ipv6Loopback) {
  ServerOptions o = TestOptions();
  o.listen = "[::1]:0";
  Result<std::unique_ptr<Server>> server = Server::Start(router_, o);
  if (!server.ok() && server.status().code() == StatusCode::kIOError) GTEST_SKIP() << "no IPv6 loopback here";
  ASSERT_OK(server);
  EXPECT_EQ((*server)->BoundAddress(), "[::1]:" + std::to_string((*server)->port()));
}

TEST_F(ServerStartTest, AddressInUseIsAnIOError) {
  ASSERT_OK_AND_ASSIGN(auto first, Server::Start(router_, TestOptions()));
  ServerOptions o = TestOptions();
  o.listen = first->BoundAddress();
  Result<std::unique_ptr<Server>> second = Server::Start(router_, o);
  EXPECT_EQ(second.status().code(), StatusCode::kIOError);
  EXPECT_NE(second.status().message().find(first->BoundAddress()), std::string::npos);
}

TEST_F(ServerStartTest, BadOptionsAreRefused) {
  auto refused = [this](auto change) {
    ServerOptions o = TestOptions();
    change(o);
    return Server::Start(router_, o).status().code() == StatusCode::kInvalidArgument;
  };
  EXPECT_TRUE(refused([](ServerOptions& o) { o.listen = "localhost:0"; }));
  EXPECT_TRUE(refused([](ServerOptions& o) { o.max_body_bytes = 0; }));
  EXPECT_TRUE(refused([](ServerOptions& o) { o.max_header_bytes = 10; }));
  EXPECT_TRUE(refused([](ServerOptions& o) { o.handler_threads = 0; }));
  EXPECT_TRUE(refused([](ServerOptions& o) { o.io_threads = -1; }));
  EXPECT_TRUE(refused([](ServerOptions& o) { o.read_timeout = std::chrono::seconds(0); }));
  EXPECT_TRUE(refused([](ServerOptions& o) { o.max_connections = 0; }));
  EXPECT_TRUE(refused([](ServerOptions& o) { o.tls_cert_file = "/x.crt"; }));
}

TEST_F(ServerStartTest, StopIsIdempotentAndWaitReturnsAfterIt) {
  ASSERT_OK_AND_ASSIGN(auto server, Server::Start(router_, TestOptions()));
  std::thread waiter([&] { server->Wait(); });
  server->Stop();
  waiter.join();
  server->Stop();
}

}  // namespace
}  // namespace confide::http
