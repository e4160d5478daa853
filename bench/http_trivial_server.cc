// A server with only trivial endpoints, to measure the HTTP layer itself (bench/http_trivial.sh):
//   GET /healthz          inline handler (on the I/O thread)
//   GET /trivial          the same tiny JSON from an inline handler
//   GET /trivial-pooled   the same tiny JSON from the handler pool (the hop every API call pays)
//   GET /metrics
// Usage: http_trivial_server [--listen 127.0.0.1:0] [--io-threads N] [--handler-threads N]
//                            [--access-log PATH]
// Prints "listening on ADDR:PORT" once serving; stops gracefully on SIGINT or SIGTERM.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "http/health_routes.h"
#include "http/server.h"

namespace http = confide::http;

int main(int argc, char** argv) {
  http::ServerOptions options;
  options.listen = "127.0.0.1:0";
  std::string access_log;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--listen") {
      options.listen = value;
    } else if (flag == "--io-threads") {
      options.io_threads = std::atoi(value);
    } else if (flag == "--handler-threads") {
      options.handler_threads = std::atoi(value);
    } else if (flag == "--access-log") {
      access_log = value;
    } else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      return 64;
    }
  }

  // Block the signals before any thread starts, so only sigwait below sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  http::Registry metrics;
  http::Router router;
  confide::Status added = http::AddHealthRoutes(router, metrics);
  http::RouteOptions inline_route;
  inline_route.inline_handler = true;
  auto trivial = [](const http::Request&, const http::PathParams&) { return http::Json(200, {{"ok", true}}); };
  if (added.ok()) added = router.Add("GET", "/trivial", trivial, inline_route);
  if (added.ok()) added = router.Add("GET", "/trivial-pooled", trivial);
  if (!added.ok()) {
    std::fprintf(stderr, "%s\n", added.ToString().c_str());
    return 1;
  }

  http::Hooks hooks;
  hooks.metrics = &metrics;
  if (!access_log.empty()) {
    auto log = http::AccessLog::ToFile(access_log, /*flush_each_line=*/false);
    if (!log.ok()) {
      std::fprintf(stderr, "%s\n", log.status().ToString().c_str());
      return 1;
    }
    hooks.access_log = *log;
  }
  auto server = http::Server::Start(router, options, hooks);
  if (!server.ok()) {
    std::fprintf(stderr, "%s\n", server.status().ToString().c_str());
    return 1;
  }
  std::printf("listening on %s\n", (*server)->BoundAddress().c_str());
  std::fflush(stdout);
  int received = 0;
  sigwait(&signals, &received);
  (*server)->Stop();
  return 0;
}
