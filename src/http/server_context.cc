#include "http/server_context.h"

namespace confide::http {

ServerMetrics::ServerMetrics(Registry& registry)
    : requests(&registry.CounterFamily("confide_http_requests_total",
                                       "HTTP requests answered, by method, route pattern and status class.",
                                       {"method", "route", "status"})),
      duration(&registry.HistogramFamily("confide_http_request_duration_seconds",
                                         "Time from a request's first byte to its response being written.",
                                         {"method", "route"}, DefaultLatencyBuckets())),
      connections_open(&registry.GetGauge("confide_http_connections_open", "Open HTTP connections.")) {
  Family<Counter>& family = registry.CounterFamily(
      "confide_http_rejected_total", "Requests and connections the server refused or dropped, by reason.", {"reason"});
  // Indexed by Rejection; created now so that every reason is exported from the start, as 0.
  static constexpr std::string_view kReasons[] = {"body_too_large", "headers_too_large", "malformed",
                                                  "timeout",        "connection_limit",  "tls_handshake"};
  for (size_t i = 0; i < std::size(kReasons); ++i) rejected[i] = &family.WithLabels({kReasons[i]});
}

void ServerMetrics::Reject(Rejection why) const { rejected[static_cast<size_t>(why)]->Inc(); }

bool ServerContext::Add(const std::shared_ptr<Session>& session, std::list<std::weak_ptr<Session>>::iterator& where) {
  std::lock_guard lock(mu);
  if (stopping) return false;
  if (sessions.size() >= options.max_connections) {
    metrics.Reject(Rejection::kConnectionLimit);
    return false;
  }
  where = sessions.insert(sessions.end(), session);
  metrics.connections_open->Inc();
  return true;
}

void ServerContext::Remove(std::list<std::weak_ptr<Session>>::iterator where) {
  {
    std::lock_guard lock(mu);
    sessions.erase(where);
    metrics.connections_open->Dec();
  }
  changed.notify_all();
}

}  // namespace confide::http
