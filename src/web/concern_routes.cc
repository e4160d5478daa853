#include "web/concern_routes.h"

#include "web/concern_draft.h"
#include "web/signed_in_page.h"

namespace confide::web {
namespace {

using Req = const http::Request&;
using Params = const http::PathParams&;

constexpr http::RouteOptions kConcernForm{.json_body = false, .max_body_bytes = 256 * 1024};

std::string_view NextStep(std::string_view step) {
  for (size_t i = 0; i + 1 < std::size(kConcernSteps); ++i) {
    if (step == kConcernSteps[i]) return kConcernSteps[i + 1];
  }
  return "check";
}

bool IsQuestionStep(std::string_view s) { return s == "when" || s == "what" || s == "action"; }

}  // namespace

Status AddConcernRoutes(http::Router& router, WebContext& ctx) {
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/children/{id}/concerns/new", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession& s, const SignedIn& who) {
    auto child = LoadChild(ctx, s.info.staff_id, p);
    if (!child.ok()) return Failed(ctx, who, child.status());
    return ConcernStepPage(ctx.options, who, *child, "when", ConcernDraft{}, {});
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/children/{id}/concerns", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    const std::string step = form->Get("step", 20);
    const std::string go = form->Get("go", 20);
    ConcernDraft d;
    d.Read(*form);
    if (!form->Finish().ok() || !(IsQuestionStep(step) || step == "check")) return NotAvailablePage(ctx.options, who);
    auto child = ctx.vault.GetPerson(s.info.staff_id, *id);
    if (!child.ok()) return Failed(ctx, who, child.status());
    if (child->kind != domain::PersonKind::kChild) return NotAvailablePage(ctx.options, who);
    const UnixMicros now = ctx.vault.clock().NowMicros();
    if (IsQuestionStep(go)) return ConcernStepPage(ctx.options, who, *child, go, d, {});  // "Change" from the check page
    if (go == "next") {
      std::vector<FieldError> errors = CheckStep(d, step, now);
      if (!errors.empty()) return ConcernStepPage(ctx.options, who, *child, step, d, errors);
      return ConcernStepPage(ctx.options, who, *child, NextStep(step), d, {});
    }
    if (go != "save") return NotAvailablePage(ctx.options, who);
    // Every step again: the hidden fields came back from the browser.
    for (std::string_view question : {"when", "what", "action"}) {
      std::vector<FieldError> errors = CheckStep(d, question, now);
      if (!errors.empty()) return ConcernStepPage(ctx.options, who, *child, question, d, errors);
    }
    auto record = ctx.vault.AddRecord(s.info.staff_id, ToRecord(d, *id));
    if (!record.ok()) {
      if (record.status().code() == StatusCode::kInvalidArgument) {
        return ConcernStepPage(ctx.options, who, *child, "action", d, {{"summary", record.status().message()}});
      }
      return Failed(ctx, who, record.status());
    }
    // After the POST, a GET: reloading the confirmation must not record the concern twice.
    return Redirect("/records/" + std::to_string(*record) + "/recorded");
  }), kConcernForm));

  return router.Add("GET", "/records/{id}/recorded", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    auto loaded = LoadRecordAndChild(ctx, s.info.staff_id, *id);
    if (!loaded.ok()) return Failed(ctx, who, loaded.status());
    return ConcernRecordedPage(ctx.options, who, loaded->child, *id);
  }));
}

}  // namespace confide::web
