// The access log: one JSON line per response, for operators.
//
// A line holds the time, request id, method, route PATTERN, status, duration, body sizes, the
// peer's address and whether TLS was used. Never the path or query (they hold ids and search
// terms), headers, bodies, cookies or tokens. A request that matched no route is logged with route
// "-". Methods other than the standard ones are logged as "OTHER" (a method is client input).
//   {"ts":"2026-11-21T10:15:02.123456Z","level":"info","event":"http_request","request_id":"5f0c...",
//    "method":"GET","route":"/api/people/{id}","status":200,"duration_ms":1.234,"bytes":512,
//    "bytes_in":0,"remote":"127.0.0.1","tls":true}
// Logging is off unless the server is given an AccessLog (Hooks::access_log).
// Thread-safety: safe from any thread if the sink is (spdlog's *_mt sinks are).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <spdlog/logger.h>

#include "confide/result.h"

namespace confide::http {

struct AccessLogEntry {
  std::string_view request_id = {};
  std::string_view method = {};
  std::string_view route = {};  // the pattern, or "-"
  int status = 0;
  double duration_ms = 0;
  uint64_t bytes = 0;     // response body
  uint64_t bytes_in = 0;  // request body
  std::string_view remote_address = {};
  bool tls = false;
};

class AccessLog {
 public:
  // Lines go to `sink`, which this log reserves: its formatter is replaced by the JSON-line
  // pattern. `flush_each_line` trades a write(2) per request for lines that are on disk at once.
  explicit AccessLog(spdlog::sink_ptr sink, bool flush_each_line = true);

  // Appends to the file at `path` (created if needed, parent directories too).
  static Result<std::shared_ptr<AccessLog>> ToFile(const std::string& path, bool flush_each_line = true);

  void Log(const AccessLogEntry& entry);
  // A handler threw: logged at error level with the route only (an exception's text may hold
  // anything, so it is not logged).
  void HandlerFailed(std::string_view request_id, std::string_view method, std::string_view route);

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

// `method` if it is a standard HTTP method, else "OTHER": what logs and metric labels show.
std::string_view MethodLabel(std::string_view method);

}  // namespace confide::http
