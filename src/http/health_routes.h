// Built-in routes the API mounts: GET /healthz and GET /metrics, both inline (cheap, never block).
//   /healthz  200 {"status":"ok"}: the process is up and its I/O threads answer.
//   /metrics  200 text/plain; version=0.0.4: the registry in Prometheus' text format.
// /metrics reveals request counts per route, nothing personal; still, expose it only where
// operators need it (docs/http.md).
// Thread-safety: call before the server starts, like Router::Add.
#pragma once

#include "confide/status.h"
#include "http/metrics.h"
#include "http/router.h"

namespace confide::http {

// Adds both routes; `metrics` must outlive the router. kInvalidArgument if either is already routed.
Status AddHealthRoutes(Router& router, Metrics& metrics);

}  // namespace confide::http
