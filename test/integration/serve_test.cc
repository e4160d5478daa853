// `confide serve` through the real binary: it picks and prints a free port, serves the API on the
// data directory, writes an access log without personal data, serves TLS from certificate files,
// refuses to listen beyond loopback without TLS unless told, and stops cleanly on SIGTERM.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/output.h"
#include "http/http_test_util.h"
#include "integration/integration_util.h"

namespace confide::integration {
namespace {
using namespace std::chrono_literals;

struct SignIn {
  std::string email, password;
};

class ServeCommandTest : public ::testing::Test {
 protected:
  void SetUp() override { data_ = tmp_.Str("data"); }

  // A data directory with one administrator: enough for the server to start.
  void Init() {
    CliRun init = RunConfide({"--data", data_, "init", "--org-name", "Serve Test Council", "--admin-name", "Ada Admin"});
    ASSERT_EQ(init.exit_code, cli::kExitOk) << Describe(init);
  }

  // The demo organisation, and its designated safeguarding lead's sign-in.
  void LoadDemo() {
    CliRun demo = RunConfide({"--data", data_, "--json", "demo", "--seed", "1"});
    ASSERT_EQ(demo.exit_code, cli::kExitOk) << Describe(demo);
    const nlohmann::json demo_out = nlohmann::json::parse(demo.out);  // kept: the loop refers into it
    for (const auto& s : demo_out.at("sign_ins")) {
      if (s.at("role").get<std::string>() == "designated_safeguarding_lead") {
        dsl_.email = s.at("email").get<std::string>();
        dsl_.password = s.at("password").get<std::string>();
      }
    }
    ASSERT_FALSE(dsl_.email.empty()) << demo.out.substr(0, 3000);
  }

  // Starts `confide --json serve ARGS...` and returns the URL it printed ("" if it printed none).
  std::string Serve(ConfideProcess& p) {
    const std::string out = p.WaitForOutput("\"listening\"", 20s);
    if (out.empty()) return "";
    const auto j = nlohmann::json::parse(out.substr(0, out.find('\n')), nullptr, false);
    if (j.is_discarded()) return "";
    port_ = j.at("port").get<int>();
    return j.at("listening").get<std::string>();
  }

  std::vector<std::string> ServeArgs(std::vector<std::string> extra) {
    std::vector<std::string> args{"--data", data_, "--json", "serve"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  confide::testing::TempDir tmp_;
  std::string data_;
  SignIn dsl_;
  int port_ = 0;
};

TEST_F(ServeCommandTest, ServesTheApiOnAPortItPicksAndStopsOnSigterm) {
  ASSERT_NO_FATAL_FAILURE(LoadDemo());
  ConfideProcess server(ServeArgs({"--listen", "127.0.0.1:0"}));
  const std::string url = Serve(server);
  ASSERT_FALSE(url.empty()) << "stderr: " << server.err();
  EXPECT_EQ(url, "http://127.0.0.1:" + std::to_string(port_));
  ASSERT_GT(port_, 0);
  ASSERT_NE(port_, 8080);

  httplib::Client client("127.0.0.1", port_);
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  auto openapi = client.Get("/api/openapi.json");
  ASSERT_TRUE(openapi);
  EXPECT_EQ(openapi->status, 200);
  EXPECT_EQ(nlohmann::json::parse(openapi->body).at("openapi"), "3.1.0");
  // The demo organisation is there: its designated safeguarding lead can start signing in.
  const nlohmann::json credentials{{"email", dsl_.email}, {"password", dsl_.password}};
  auto session = client.Post("/api/session", credentials.dump(), "application/json");
  ASSERT_TRUE(session);
  EXPECT_EQ(session->status, 201) << session->body;
  EXPECT_TRUE(nlohmann::json::parse(session->body).contains("token")) << session->body;
  const nlohmann::json wrong{{"email", dsl_.email}, {"password", "not the password"}};
  auto refused = client.Post("/api/session", wrong.dump(), "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);

  EXPECT_EQ(server.Stop(SIGTERM, 20s), cli::kExitOk);
  EXPECT_NE(server.err().find("Stopping"), std::string::npos) << server.err();

  // The default access log: a JSON line per request, and no personal data or secrets in it.
  std::ifstream log(data_ + "/logs/access.log");
  ASSERT_TRUE(log) << "no access log at DATA/logs/access.log";
  std::string line;
  int lines = 0;
  while (std::getline(log, line)) {
    ++lines;
    EXPECT_FALSE(nlohmann::json::parse(line, nullptr, false).is_discarded()) << line;
    EXPECT_EQ(line.find(dsl_.email), std::string::npos) << line;
    EXPECT_EQ(line.find(dsl_.password), std::string::npos) << line;
  }
  EXPECT_GE(lines, 4);
}

TEST_F(ServeCommandTest, RefusesToListenBeyondLoopbackWithoutTls) {
  ASSERT_NO_FATAL_FAILURE(Init());
  ConfideProcess server(ServeArgs({"--listen", "0.0.0.0:0"}));
  const int code = server.WaitExit(20s);
  EXPECT_NE(code, cli::kExitOk);
  EXPECT_NE(code, -1);
  const std::string said = server.out() + server.err();
  EXPECT_NE(said.find("TLS"), std::string::npos) << said;
  EXPECT_EQ(said.find("\"listening\""), std::string::npos) << said;
}

TEST_F(ServeCommandTest, ListensBeyondLoopbackWhenExplicitlyToldTo) {
  ASSERT_NO_FATAL_FAILURE(Init());
  ConfideProcess server(ServeArgs({"--listen", "0.0.0.0:0", "--allow-insecure-listen", "--no-access-log"}));
  ASSERT_FALSE(Serve(server).empty()) << server.err();
  httplib::Client client("127.0.0.1", port_);
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(server.Stop(SIGTERM, 20s), cli::kExitOk);
}

TEST_F(ServeCommandTest, ServesTlsFromCertificateAndKeyFiles) {
  ASSERT_NO_FATAL_FAILURE(Init());
  const http::testing::TestCert cert = http::testing::MakeSelfSignedCert(tmp_.path());
  ASSERT_FALSE(cert.cert_file.empty());
  // With TLS, listening on every interface needs no extra flag.
  ConfideProcess server(ServeArgs({"--listen", "0.0.0.0:0", "--tls-cert", cert.cert_file, "--tls-key", cert.key_file}));
  const std::string url = Serve(server);
  ASSERT_FALSE(url.empty()) << server.err();
  EXPECT_EQ(url.rfind("https://", 0), 0u) << url;

  httplib::SSLClient tls("127.0.0.1", port_);
  tls.set_ca_cert_path(cert.cert_file);
  tls.enable_server_certificate_verification(true);
  auto health = tls.Get("/healthz");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(health->get_header_value("Strict-Transport-Security"), "max-age=31536000");
  // Plain HTTP to the TLS port gets no response.
  httplib::Client plain("127.0.0.1", port_);
  plain.set_read_timeout(5, 0);
  auto cleartext = plain.Get("/healthz");
  EXPECT_TRUE(!cleartext || cleartext->status != 200);
  EXPECT_EQ(server.Stop(SIGTERM, 20s), cli::kExitOk);
}

TEST_F(ServeCommandTest, BadTlsFilesAreRefusedWithAClearMessage) {
  ASSERT_NO_FATAL_FAILURE(Init());
  const std::string not_a_key = tmp_.Str("not-a-key.pem");
  std::ofstream(not_a_key) << "this is not PEM\n";
  const http::testing::TestCert cert = http::testing::MakeSelfSignedCert(tmp_.path());
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--listen", "127.0.0.1:0", "--tls-cert", cert.cert_file, "--tls-key", not_a_key},
           {"--listen", "127.0.0.1:0", "--tls-cert", tmp_.Str("missing.crt"), "--tls-key", cert.key_file},
           {"--listen", "127.0.0.1:0", "--tls-cert", cert.cert_file},
           {"--listen", "127.0.0.1:99999"},
           {"--listen", "nowhere"}}) {
    ConfideProcess server(ServeArgs(args));
    const int code = server.WaitExit(20s);
    EXPECT_NE(code, cli::kExitOk) << args.back();
    EXPECT_NE(code, -1) << args.back();
    const std::string said = server.out();
    const auto j = nlohmann::json::parse(said, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << said;
    EXPECT_TRUE(j.contains("error")) << said;
  }
}

}  // namespace
}  // namespace confide::integration
