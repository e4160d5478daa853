#include "web/deadline_routes.h"

#include "domain/uk_time.h"
#include "web/deadline_pages.h"
#include "web/signed_in_page.h"

namespace confide::web {

Status AddDeadlineRoutes(http::Router& router, WebContext& ctx) {
  return router.Add("GET", "/deadlines", SignedInPage(ctx, "", [&ctx](const http::Request& req, const http::PathParams&,
                                                                        const WebSession& s, const SignedIn& who) {
    int within = 60;
    if (auto it = req.query_params.find("within"); it != req.query_params.end()) {
      const std::string& v = it->second;
      if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos) return NotAvailablePage(ctx.options, who);
      within = std::stoi(v);
      if (within > 3650) return NotAvailablePage(ctx.options, who);
    }
    const domain::CivilDate today = domain::ToUkLocal(ctx.vault.clock().NowMicros()).date;
    auto report = ctx.deadlines->Due(s.info.staff_id, today, within);
    if (!report.ok()) return Failed(ctx, who, report.status());
    return DeadlinesPage(ctx.options, who, *report);
  }), http::RouteOptions{.may_block = true});
}

}  // namespace confide::web
