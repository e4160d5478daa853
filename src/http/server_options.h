// ServerOptions and Hooks: how a Server is configured and observed.
// Thread-safety: plain values; Hooks' callables are called from I/O threads concurrently.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "http/access_log.h"
#include "http/metrics.h"
#include "http/request.h"
#include "http/response.h"

namespace confide::http {

struct ServerOptions {
  // ADDR:PORT with a numeric IPv4 or [IPv6] address; port 0 picks a free port (Server::port()).
  std::string listen = "127.0.0.1:8080";
  // PEM files: the certificate followed by its chain, and its unencrypted private key. Both or
  // neither; with them every connection is TLS (1.2 minimum, 1.3 preferred).
  std::string tls_cert_file;
  std::string tls_key_file;
  // Plain HTTP on an address other than loopback is refused unless this is set (for a deployment
  // behind a TLS-terminating proxy on a private network).
  bool allow_insecure_non_loopback = false;
  size_t max_body_bytes = 1 << 20;     // per request, unless the route says otherwise (413 beyond)
  size_t max_header_bytes = 16 << 10;  // request line and header fields together (431 beyond)
  int io_threads = 0;                  // 0 = std::thread::hardware_concurrency()
  int handler_threads = 64;            // the pool that runs non-inline handlers that may block
  // The pool that runs GET and HEAD handlers (unless their route may block): reads answer from a
  // snapshot and wait for nothing (a response held for its audit takes no thread), so a thread per
  // core does them with the fewest context switches. 0 = as many as io_threads.
  int read_threads = 0;
  // From a request's first byte to its last: a client slower than this gets 408 and is closed.
  std::chrono::seconds read_timeout{30};
  // A keep-alive connection with no request for this long is closed.
  std::chrono::seconds idle_timeout{60};
  // A client that does not take a response (or a TLS handshake) within this long is closed.
  std::chrono::seconds write_timeout{30};
  // Connections beyond this are closed as soon as they are accepted.
  size_t max_connections = 4096;
};

struct Hooks {
  // Called on the I/O thread for every response, including the server's own errors, before the
  // security headers and X-Request-Id are added (so it can set its own). Must be cheap and must not
  // block; an exception turns the response into a 500. For requests refused before they were
  // parsed, the Request holds only request_id, remote_address and tls (and what was parsed).
  std::function<void(const Request&, Response&)> before_send = {};
  // Where the server's metrics go (confide_http_*); null = a registry of the server's own.
  Registry* metrics = nullptr;
  // One JSON line per response; null = no access log.
  std::shared_ptr<AccessLog> access_log = {};
};

}  // namespace confide::http
