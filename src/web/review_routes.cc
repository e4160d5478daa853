#include "web/review_routes.h"

#include "common/bytes.h"
#include "domain/uk_time.h"
#include "web/form_body.h"
#include "web/signed_in_page.h"

namespace confide::web {
namespace {

using Req = const http::Request&;
using Params = const http::PathParams&;

// Reviews show the last 30 days, up to 500 events.
constexpr int64_t kReviewPeriodMicros = int64_t{30} * 86400 * 1000000;
constexpr size_t kReviewLimit = 500;

}  // namespace

Status AddReviewRoutes(http::Router& router, WebContext& ctx) {
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/children/{id}/access-log", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    const UnixMicros now = ctx.vault.clock().NowMicros();
    auto events = ctx.vault.AccessLogForPerson(s.info.staff_id, *id, now - kReviewPeriodMicros, now + 1, kReviewLimit);
    if (!events.ok()) return Failed(ctx, who, events.status());
    auto child = ctx.vault.GetPerson(s.info.staff_id, *id);
    if (!child.ok()) return Failed(ctx, who, child.status());
    return ChildAccessLogPage(ctx.options, who, *child, *events, domain::FormatUkDateTime(now - kReviewPeriodMicros));
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/my-access", SignedInPage(ctx, "/my-access", [&ctx](Req, Params, const WebSession& s, const SignedIn& who) {
    const UnixMicros now = ctx.vault.clock().NowMicros();
    auto events = ctx.vault.AccessLogForStaff(s.info.staff_id, s.info.staff_id, now - kReviewPeriodMicros, now + 1, kReviewLimit);
    if (!events.ok()) return Failed(ctx, who, events.status());
    return MyAccessPage(ctx.options, who, *events, domain::FormatUkDateTime(now - kReviewPeriodMicros));
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/audit", SignedInPage(ctx, "", [&ctx](Req, Params, const WebSession& s, const SignedIn& who) {
    if (Status allowed = ctx.vault.Authorize(s.info.staff_id, policy::Action::kAuditRead, "audit.head"); !allowed.ok()) {
      return Failed(ctx, who, allowed);
    }
    auto head = ctx.vault.LatestAuditHead();
    std::optional<audit::SignedTreeHead> shown;
    if (head.ok()) shown = *head;
    return AuditPage(ctx.options, who, shown, HexEncode(ctx.vault.organisation_public_key()), nullptr);
  })));

  return router.Add("POST", "/audit/verify", SignedInPage(ctx, "", [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    auto form = FormBody::Parse(req);
    if (CrossSite(req) || !form.ok() || !CsrfMatches(s, form->Get("csrf_token", 200)) || !form->Finish().ok()) {
      return NotAvailablePage(ctx.options, who);
    }
    if (Status allowed = ctx.vault.Authorize(s.info.staff_id, policy::Action::kAuditRead, "audit.verify"); !allowed.ok()) {
      return Failed(ctx, who, allowed);
    }
    auto report = ctx.vault.VerifyAudit();
    if (!report.ok()) return Failed(ctx, who, report.status());
    std::optional<audit::SignedTreeHead> head = report->latest_head;
    return AuditPage(ctx.options, who, head, HexEncode(ctx.vault.organisation_public_key()), &*report);
  }), http::RouteOptions{.json_body = false, .max_body_bytes = 4096});
}

}  // namespace confide::web
