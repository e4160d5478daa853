// Internal: what the server's connections share (server.cc creates it, session.cc uses it).
// Thread-safety: the fields set at start are read-only afterwards; the connection registry is
// guarded by `mu`.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server_options.h"

namespace confide::http {

// Why the server refused or dropped a connection or request without a handler's answer.
enum class Rejection { kBodyTooLarge, kHeadersTooLarge, kMalformed, kTimeout, kConnectionLimit, kTlsHandshake };

// Handles into the registry, resolved once so recording a request never registers anything.
struct ServerMetrics {
  explicit ServerMetrics(Registry& registry);
  void Reject(Rejection why) const;

  Family<Counter>* requests;       // confide_http_requests_total{method,route,status}
  Family<Histogram>* duration;     // confide_http_request_duration_seconds{method,route}
  Gauge* connections_open;         // confide_http_connections_open
  Counter* rejected[6];            // confide_http_rejected_total{reason}, by Rejection
};

// A connection, as the server sees it for a graceful stop.
class Session {
 public:
  virtual ~Session() = default;
  // Asks the connection to finish: close if idle, else after the current response. Any thread.
  virtual void RequestStop() = 0;
};

struct ServerContext {
  ServerContext(const Router& r, ServerOptions o, Hooks h, Registry& registry, boost::asio::thread_pool& pool,
                boost::asio::thread_pool& read_pool, boost::asio::ssl::context* tls_context)
      : router(r), options(std::move(o)), hooks(std::move(h)), metrics(registry), handlers(pool), readers(read_pool),
        tls(tls_context) {}

  const Router& router;
  const ServerOptions options;
  const Hooks hooks;
  const ServerMetrics metrics;
  boost::asio::thread_pool& handlers;  // handlers that may wait (writes)
  boost::asio::thread_pool& readers;   // GET and HEAD handlers, which answer without waiting
  boost::asio::ssl::context* const tls;  // null: plain HTTP

  // Registers a new connection; false if the server is stopping or full (the caller drops it).
  bool Add(const std::shared_ptr<Session>& session, std::list<std::weak_ptr<Session>>::iterator& where);
  void Remove(std::list<std::weak_ptr<Session>>::iterator where);

  std::mutex mu;
  std::condition_variable changed;                 // signalled when a connection closes
  bool stopping = false;                           // guarded by mu
  std::list<std::weak_ptr<Session>> sessions;      // guarded by mu
};

// Takes over an accepted socket (bound to its own strand) and serves it until it closes.
void StartSession(ServerContext& ctx, boost::asio::ip::tcp::socket socket);

}  // namespace confide::http
