#include "http/health_routes.h"

namespace confide::http {

Status AddHealthRoutes(Router& router, Metrics& metrics) {
  RouteOptions cheap;
  cheap.inline_handler = true;
  CONFIDE_RETURN_IF_ERROR(router.Add(
      "GET", "/healthz", [](const Request&, const PathParams&) { return Json(200, {{"status", "ok"}}); }, cheap));
  return router.Add(
      "GET", "/metrics",
      [&metrics](const Request&, const PathParams&) {
        return Text(200, metrics.RenderPrometheus(), "text/plain; version=0.0.4; charset=utf-8");
      },
      cheap);
}

}  // namespace confide::http
