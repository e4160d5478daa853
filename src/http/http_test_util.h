// Test helpers for the HTTP layer: a loopback server fixture, raw-socket clients for what a
// well-behaved client would never send, and a self-signed certificate made at test time.
// Include <httplib.h> only through this header: Debian builds cpp-httplib as a library with TLS
// support, and every translation unit must see the same declarations.
#pragma once

#define CPPHTTPLIB_OPENSSL_SUPPORT 1
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <poll.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "http/server.h"

namespace confide::http::testing {

using namespace std::chrono_literals;

// Loopback, a free port, few threads: fast to start and stop.
inline ServerOptions TestOptions() {
  ServerOptions o;
  o.listen = "127.0.0.1:0";
  o.io_threads = 2;
  o.handler_threads = 8;
  return o;
}

// One TCP connection driven byte by byte.
class RawConnection {
 public:
  explicit RawConnection(int port) : socket_(io_) {
    boost::system::error_code ec;
    socket_.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)}, ec);
    connected_ = !ec;
  }
  bool connected() const { return connected_; }

  // False if the server already closed or reset the connection.
  bool Send(std::string_view bytes) {
    boost::system::error_code ec;
    boost::asio::write(socket_, boost::asio::buffer(bytes.data(), bytes.size()), ec);
    return !ec;
  }

  // Everything received until the server closes (closed() is then true) or `timeout` passes.
  std::string ReadUntilClosed(std::chrono::milliseconds timeout = 3000ms) {
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!closed_ && Fill(out, deadline)) {
    }
    return out;
  }

  // One response (status line, header, Content-Length body), or "" on timeout or close.
  std::string ReadResponse(std::chrono::milliseconds timeout = 3000ms) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      const size_t end = pending_.find("\r\n\r\n");
      if (end != std::string::npos) {
        size_t length = 0;
        const size_t cl = Lower(pending_.substr(0, end)).find("\r\ncontent-length:");
        if (cl != std::string::npos) length = std::stoul(pending_.substr(cl + 17));
        if (pending_.size() >= end + 4 + length) {
          std::string response = pending_.substr(0, end + 4 + length);
          pending_.erase(0, end + 4 + length);
          return response;
        }
      }
      if (closed_ || !Fill(pending_, deadline)) return "";
    }
  }

  bool closed() const { return closed_; }

 private:
  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  // Appends what arrives before the deadline; false on timeout or close.
  bool Fill(std::string& out, std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd pfd{socket_.native_handle(), POLLIN, 0};
    if (::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) return false;
    char buf[16384];
    boost::system::error_code ec;
    const size_t n = socket_.read_some(boost::asio::buffer(buf), ec);
    out.append(buf, n);
    if (ec) {
      closed_ = true;  // EOF or reset
      return false;
    }
    return true;
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
  bool connected_ = false;
  bool closed_ = false;
  std::string pending_;
};

// Sends `bytes` on a new connection and returns all the server sent until it closed.
inline std::string RawExchange(int port, std::string_view bytes, std::chrono::milliseconds timeout = 3000ms,
                               bool* closed = nullptr) {
  RawConnection c(port);
  c.Send(bytes);
  std::string out = c.ReadUntilClosed(timeout);
  if (closed) *closed = c.closed();
  return out;
}

// The status code of a raw response ("HTTP/1.1 404 Not Found..." -> 404), or 0.
inline int RawStatus(std::string_view response) {
  if (response.size() < 12 || !response.starts_with("HTTP/1.")) return 0;
  return std::atoi(std::string(response.substr(9, 3)).c_str());
}

// The body after the header of a raw response.
inline std::string RawBody(std::string_view response) {
  const size_t end = response.find("\r\n\r\n");
  return end == std::string_view::npos ? std::string() : std::string(response.substr(end + 4));
}

struct TestCert {
  std::string cert_file;
  std::string key_file;
};

// A self-signed P-256 certificate for localhost and 127.0.0.1, valid for a day, written as PEM into
// `dir` as <name>.crt and <name>.key. Empty paths if OpenSSL fails.
inline TestCert MakeSelfSignedCert(const std::filesystem::path& dir, const std::string& name = "server") {
  using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
  using Cert = std::unique_ptr<X509, decltype(&X509_free)>;
  Key key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  Cert cert(X509_new(), X509_free);
  if (!key || !cert) return {};
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* subject = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(), subject);
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, cert.get(), cert.get(), nullptr, nullptr, 0);
  X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &v3, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
  if (san == nullptr) return {};
  X509_add_ext(cert.get(), san, -1);
  X509_EXTENSION_free(san);
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return {};

  TestCert out{(dir / (name + ".crt")).string(), (dir / (name + ".key")).string()};
  FILE* f = std::fopen(out.cert_file.c_str(), "w");
  if (f == nullptr) return {};
  PEM_write_X509(f, cert.get());
  std::fclose(f);
  f = std::fopen(out.key_file.c_str(), "w");
  if (f == nullptr) return {};
  PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  return out;
}

}  // namespace confide::http::testing
