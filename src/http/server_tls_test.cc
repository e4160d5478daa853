// TLS: certificates made at test time, served over loopback, checked with cpp-httplib and with
// OpenSSL directly for protocol versions.
#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <fstream>
#include <thread>

#include "http/health_routes.h"
#include "http/http_test_util.h"
#include "http/server.h"
#include "testing/test_util.h"

namespace confide::http {
namespace {

using namespace std::chrono_literals;
using testing::MakeSelfSignedCert;
using testing::TestCert;
using testing::TestOptions;

class ServerTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK(AddHealthRoutes(router_, metrics_));
    cert_ = MakeSelfSignedCert(dir_.path());
    ASSERT_FALSE(cert_.cert_file.empty());
  }

  ServerOptions TlsOptions() const {
    ServerOptions o = TestOptions();
    o.tls_cert_file = cert_.cert_file;
    o.tls_key_file = cert_.key_file;
    return o;
  }

  void Start(ServerOptions o) {
    Result<std::unique_ptr<Server>> server = Server::Start(router_, std::move(o), {.metrics = &metrics_});
    ASSERT_OK(server);
    server_ = std::move(server).value();
  }

  // Handshakes with OpenSSL limited to [min, max]; returns the negotiated version or "" on failure.
  std::string Handshake(int min_version, int max_version) {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(server_->port())});
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
    SSL_CTX_set_security_level(ctx.get(), 0);  // let the client really offer old versions
    SSL_CTX_set_cipher_list(ctx.get(), "DEFAULT:@SECLEVEL=0");
    SSL_CTX_set_min_proto_version(ctx.get(), min_version);
    SSL_CTX_set_max_proto_version(ctx.get(), max_version);
    std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
    SSL_set_fd(ssl.get(), socket.native_handle());
    if (SSL_connect(ssl.get()) != 1) return "";
    std::string version = SSL_get_version(ssl.get());
    SSL_shutdown(ssl.get());
    return version;
  }

  std::string Metric(const std::string& needle) {
    // The server counts a failed handshake after the client has seen it fail.
    for (int i = 0; i < 100; ++i) {
      const std::string text = metrics_.RenderPrometheus();
      if (text.find(needle) != std::string::npos) return needle;
      std::this_thread::sleep_for(10ms);
    }
    return metrics_.RenderPrometheus();
  }

  confide::testing::TempDir dir_;
  TestCert cert_;
  Router router_;
  Registry metrics_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTlsTest, ServesOverTlsWithHsts) {
  Start(TlsOptions());
  EXPECT_TRUE(server_->tls());
  httplib::SSLClient client("127.0.0.1", server_->port());
  client.set_ca_cert_path(cert_.cert_file);
  client.enable_server_certificate_verification(true);
  client.set_keep_alive(true);
  for (int i = 0; i < 3; ++i) {
    auto r = client.Get(i == 2 ? "/nope" : "/healthz");
    ASSERT_TRUE(r) << httplib::to_string(r.error());
    EXPECT_EQ(r->status, i == 2 ? 404 : 200);
    EXPECT_EQ(r->get_header_value("Strict-Transport-Security"), "max-age=31536000");
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  }
}

TEST_F(ServerTlsTest, NegotiatesTls13AndAllowsTls12) {
  Start(TlsOptions());
  EXPECT_EQ(Handshake(TLS1_2_VERSION, TLS1_3_VERSION), "TLSv1.3");
  EXPECT_EQ(Handshake(TLS1_2_VERSION, TLS1_2_VERSION), "TLSv1.2");
}

TEST_F(ServerTlsTest, RefusesTls11AndTls10) {
  Start(TlsOptions());
  EXPECT_EQ(Handshake(TLS1_1_VERSION, TLS1_1_VERSION), "");
  // The refusal came from the server (the client really offered TLS 1.1).
  EXPECT_EQ(Metric("confide_http_rejected_total{reason=\"tls_handshake\"} 1"),
            "confide_http_rejected_total{reason=\"tls_handshake\"} 1");
  EXPECT_EQ(Handshake(TLS1_VERSION, TLS1_VERSION), "");
}

TEST_F(ServerTlsTest, PlainHttpToTheTlsPortIsDropped) {
  Start(TlsOptions());
  bool closed = false;
  std::string r =
      testing::RawExchange(server_->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 3000ms, &closed);
  EXPECT_TRUE(closed);
  EXPECT_EQ(r.find("200"), std::string::npos);
  // Still serving.
  EXPECT_EQ(Handshake(TLS1_2_VERSION, TLS1_3_VERSION), "TLSv1.3");
}

TEST_F(ServerTlsTest, SlowTlsRequestGets408) {
  ServerOptions o = TlsOptions();
  o.read_timeout = std::chrono::seconds(1);
  Start(o);
  httplib::SSLClient client("127.0.0.1", server_->port());
  client.enable_server_certificate_verification(false);
  // httplib cannot send half a request; the raw TLS check is that a request still works after
  // one timed out on another connection.
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(server_->port())});
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
  SSL_set_fd(ssl.get(), socket.native_handle());
  ASSERT_EQ(SSL_connect(ssl.get()), 1);
  const std::string partial = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  ASSERT_GT(SSL_write(ssl.get(), partial.data(), static_cast<int>(partial.size())), 0);
  std::string received;
  char buf[4096];
  int n;
  while ((n = SSL_read(ssl.get(), buf, sizeof buf)) > 0) received.append(buf, static_cast<size_t>(n));
  EXPECT_EQ(testing::RawStatus(received), 408) << received;
  auto r = client.Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ServerTlsTest, MissingOrBadFilesAreClearErrorsAtStart) {
  ServerOptions o = TlsOptions();
  o.tls_cert_file = dir_.Str("missing.crt");
  Result<std::unique_ptr<Server>> missing = Server::Start(router_, o);
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("missing.crt"), std::string::npos) << missing.status().ToString();

  std::ofstream(dir_.Str("garbage.crt")) << "not a certificate\n";
  o.tls_cert_file = dir_.Str("garbage.crt");
  Result<std::unique_ptr<Server>> garbage = Server::Start(router_, o);
  EXPECT_EQ(garbage.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(garbage.status().message().find("garbage.crt"), std::string::npos) << garbage.status().ToString();

  o = TlsOptions();
  o.tls_key_file.clear();
  EXPECT_EQ(Server::Start(router_, o).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ServerTlsTest, MismatchedKeyIsAClearErrorAtStart) {
  TestCert other = MakeSelfSignedCert(dir_.path(), "other");
  ServerOptions o = TlsOptions();
  o.tls_key_file = other.key_file;
  Result<std::unique_ptr<Server>> r = Server::Start(router_, o);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("does not match"), std::string::npos) << r.status().ToString();
}

TEST_F(ServerTlsTest, TlsMayListenBeyondLoopback) {
  ServerOptions o = TlsOptions();
  o.listen = "0.0.0.0:0";
  Start(o);
  EXPECT_GT(server_->port(), 0);
}

}  // namespace
}  // namespace confide::http
