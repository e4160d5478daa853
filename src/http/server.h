// Server: the HTTP/1.1 server (Boost.Beast over Asio, optionally TLS) that serves a Router.
//
//   http::Router router;
//   http::Registry metrics;
//   http::AddHealthRoutes(router, metrics);
//   CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/api/people/{id}", GetPerson));
//   CONFIDE_ASSIGN_OR_RETURN(auto server, http::Server::Start(router, options, {.metrics = &metrics}));
//   ...; server->Stop();
//
// I/O runs on `io_threads` threads, each connection on its own strand; non-inline GET and HEAD
// handlers run on a pool of `read_threads` (one per I/O thread by default), and the others on a
// pool of `handler_threads`, where they may block. Limits, timeouts, error responses and headers are in
// docs/http.md.
// Thread-safety: all members are safe from any thread, except that Stop and Wait must not be called
// from a handler, a hook or an I/O thread (they wait for those to finish).
#pragma once

#include <memory>
#include <string>

#include "confide/result.h"
#include "http/router.h"
#include "http/server_options.h"

namespace confide::http {

class Server {
 public:
  // Validates the options, loads the TLS files, binds and starts serving. The router must outlive
  // the server and not change after this call. kInvalidArgument for bad options (including plain
  // HTTP on a non-loopback address without allow_insecure_non_loopback, or unreadable/mismatched
  // TLS files); kIOError if the address cannot be bound.
  static Result<std::unique_ptr<Server>> Start(const Router& router, ServerOptions options, Hooks hooks = {});

  ~Server();  // Stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound address, e.g. "127.0.0.1:41873" or "[::1]:8443".
  std::string BoundAddress() const;
  int port() const;
  bool tls() const;

  // Graceful: stops accepting, closes idle connections, lets requests being read or handled finish
  // (each answered with Connection: close) and then closes their connections. Returns when every
  // connection is closed and every thread has finished. Idempotent.
  void Stop();
  // Blocks until Stop has completed (called by another thread, e.g. on SIGTERM).
  void Wait();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace confide::http
