// Deadlines at a glance over HTTP (docs/governance.md): everything with a clock the caller may see.
#include "api/api_context.h"
#include "codec/deadlines_json.h"
#include "domain/uk_time.h"

namespace confide::api {

Status AddDeadlineRoutes(http::Router& r, ApiContext& ctx) {
  service::Vault& v = ctx.vault;
  service::Deadlines& deadlines = *ctx.deadlines;
  // A dry retention run and every staff member's training are read: it may take a while.
  return r.Add("GET", "/api/deadlines", Authed(ctx, Need::kFullSession,
      [&v, &deadlines](const http::Request& req, const http::PathParams&, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"within"}));
        CONFIDE_ASSIGN_OR_RETURN(std::optional<int64_t> within, QueryInt(req, "within"));
        if (within && (*within < 0 || *within > 3650)) return Status::InvalidArgument("query parameter within must be 0 to 3650 days");
        const domain::CivilDate today = domain::ToUkLocal(v.clock().NowMicros()).date;
        CONFIDE_ASSIGN_OR_RETURN(service::DeadlineReport report, deadlines.Due(c.staff_id, today, static_cast<int>(within.value_or(60))));
        return http::Json(200, codec::DeadlineReportToJson(report));
      }), http::RouteOptions{.may_block = true});
}

}  // namespace confide::api
