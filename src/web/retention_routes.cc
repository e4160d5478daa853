#include "web/retention_routes.h"

#include "domain/text.h"
#include "domain/uk_time.h"
#include "web/retention_pages.h"
#include "web/signed_in_page.h"

namespace confide::web {
namespace {

using Req = const http::Request&;
using Params = const http::PathParams&;

constexpr http::RouteOptions kRetentionForm{.json_body = false, .max_body_bytes = 16 * 1024};
// A run reads and decrypts everyone's details: with a large organisation that takes a while, so
// it waits on the handler pool rather than holding up the quick reads.
constexpr http::RouteOptions kWholeRun{.may_block = true};

// The day the DPO is working on: a run "as of today" means today in the UK.
domain::CivilDate Today(WebContext& ctx) { return domain::ToUkLocal(ctx.vault.clock().NowMicros()).date; }

const governance::RetentionSchedule& Schedule(WebContext& ctx) { return ctx.retention->policy().retention; }

std::string Notice(Req req) {
  if (req.query_params.count("reviewed")) return "Review recorded. Their state below is worked out from it.";
  if (req.query_params.count("held")) return "Legal hold placed. Nothing it covers is destroyed until it is lifted.";
  if (req.query_params.count("lifted")) return "Legal hold lifted.";
  return "";
}

bool IsFormProblem(const Status& s) {
  return s.code() == StatusCode::kInvalidArgument || s.code() == StatusCode::kFailedPrecondition;
}

http::Response ShowReport(WebContext& ctx, const WebSession& s, const SignedIn& who, std::string notice, HoldForm hold) {
  auto report = ctx.retention->Run(s.info.staff_id, Today(ctx), /*apply=*/false);
  if (!report.ok()) return Failed(ctx, who, report.status());
  auto holds = ctx.retention->ListHolds(s.info.staff_id, /*include_lifted=*/false);
  if (!holds.ok()) return Failed(ctx, who, holds.status());
  RetentionReportView v;
  v.report = std::move(report).value();
  v.holds = std::move(holds).value();
  v.schedule = &Schedule(ctx);
  v.notice = std::move(notice);
  v.hold = std::move(hold);
  return RetentionReportPage(ctx.options, who, v);
}

http::Response ShowPerson(WebContext& ctx, const WebSession& s, const SignedIn& who, domain::PersonId id, RetentionReviewForm form) {
  RetentionPersonView v;
  v.person_id = id;
  v.schedule = &Schedule(ctx);
  v.form = std::move(form);
  // First: it refuses an id that is no one (and anyone but the DPO) before a whole run is made.
  auto reviews = ctx.retention->ListReviews(s.info.staff_id, id);
  if (!reviews.ok()) {
    // Their reviews were sealed with their key: a person destroyed has reviews no one can open.
    if (reviews.status().code() != StatusCode::kFailedPrecondition) return Failed(ctx, who, reviews.status());
    v.destroyed = true;
    return RetentionPersonPage(ctx.options, who, v);
  }
  v.reviews = std::move(reviews).value();
  auto report = ctx.retention->Run(s.info.staff_id, Today(ctx), /*apply=*/false);
  if (!report.ok()) return Failed(ctx, who, report.status());
  for (service::RetentionItem& item : report->items) {
    if (item.person_id == id) v.item = std::move(item);
  }
  return RetentionPersonPage(ctx.options, who, v);
}

// The review form's answers, checked as far as the page can: a decision, a real later date to
// keep to, a reason.
std::optional<domain::CivilDate> ReadReview(FormBody& form, RetentionReviewForm& f, domain::CivilDate today) {
  f.decision = form.Get("decision", 20);
  form.GetDate("retain_until", &f.day, &f.month, &f.year);
  f.reason = form.Get("reason", 4000);
  std::optional<domain::CivilDate> until;
  if (f.decision != "destroy" && f.decision != "retain") {
    f.errors.push_back({"decision-destroy", "Choose whether to destroy their records when due or keep them"});
  } else if (f.decision == "retain") {
    until = DateFromBoxes(f.day, f.month, f.year);
    if (!until) {
      f.errors.push_back({"retain_until_day", "Enter the date to review them again, as a real date"});
    } else if (*until <= today) {
      f.errors.push_back({"retain_until_day", "The date to review them again must be after today"});
    }
  }
  if (domain::IsBlank(f.reason)) f.errors.push_back({"reason", "Enter the reason for your decision"});
  return until;
}

}  // namespace

Status AddRetentionRoutes(http::Router& router, WebContext& ctx) {
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/retention", SignedInPage(ctx, "", [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    return ShowReport(ctx, s, who, Notice(req), {});
  }), kWholeRun));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/retention/people/{id}", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    return ShowPerson(ctx, s, who, *id, {});
  }), kWholeRun));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/retention/people/{id}/review", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    const domain::CivilDate today = Today(ctx);
    RetentionReviewForm f;
    const std::optional<domain::CivilDate> until = ReadReview(*form, f, today);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    if (f.errors.empty()) {
      const auto decision = f.decision == "retain" ? service::ReviewDecision::kRetain : service::ReviewDecision::kDestroy;
      auto reviewed = ctx.retention->Review(s.info.staff_id, *id, decision, until, std::string(domain::Trim(f.reason)), today);
      if (reviewed.ok()) return Redirect("/retention?reviewed=1");
      if (!IsFormProblem(reviewed.status())) return Failed(ctx, who, reviewed.status());
      f.errors.push_back({"decision-destroy", MessageSentence(reviewed.status().message())});
    }
    return ShowPerson(ctx, s, who, *id, std::move(f));
  }), kRetentionForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/retention/holds", SignedInPage(ctx, "", [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    auto form = SignedInForm(req, s);
    if (!form.ok()) return NotAvailablePage(ctx.options, who);
    HoldForm f;
    f.scope = form->Get("scope", 20);
    f.class_id = form->Get("class_id", 100);
    f.reason = form->Get("hold_reason", 4000);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    if (f.scope != "everyone" && f.scope != "class") f.errors.push_back({"scope-everyone", "Choose who the hold covers"});
    if (f.scope == "class" && f.class_id.empty()) f.errors.push_back({"class_id", "Choose the class the hold covers"});
    if (domain::IsBlank(f.reason)) f.errors.push_back({"hold_reason", "Enter why the hold is needed"});
    if (f.errors.empty()) {
      service::LegalHold hold;
      if (f.scope == "class") hold.class_id = f.class_id;
      hold.reason = std::string(domain::Trim(f.reason));
      auto placed = ctx.retention->PlaceHold(s.info.staff_id, hold);
      if (placed.ok()) return Redirect("/retention?held=1#holds");
      if (!IsFormProblem(placed.status())) return Failed(ctx, who, placed.status());
      f.errors.push_back({"hold_reason", MessageSentence(placed.status().message())});
    }
    return ShowReport(ctx, s, who, "", std::move(f));
  }), kRetentionForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/retention/holds/{id}/lift", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok() || !form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    Status lifted = ctx.retention->LiftHold(s.info.staff_id, *id);
    if (!lifted.ok()) return Failed(ctx, who, lifted);
    return Redirect("/retention?lifted=1#holds");
  }), kRetentionForm));

  // Always as of today: destroying "as of" another day would destroy early. The result is shown,
  // not redirected to: it is the one place that says who this run destroyed.
  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/retention/run", SignedInPage(ctx, "", [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    auto form = SignedInForm(req, s);
    if (!form.ok() || !form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    auto report = ctx.retention->Run(s.info.staff_id, Today(ctx), /*apply=*/true);
    if (!report.ok()) return Failed(ctx, who, report.status());
    return RetentionRunPage(ctx.options, who, *report, Schedule(ctx));
  }), kRetentionForm));

  return router.Add("GET", "/retention/certificates", SignedInPage(ctx, "", [&ctx](Req, Params, const WebSession& s, const SignedIn& who) {
    auto certificates = ctx.retention->ListCertificates(s.info.staff_id);
    if (!certificates.ok()) return Failed(ctx, who, certificates.status());
    return DestructionCertificatesPage(ctx.options, who, *certificates, Schedule(ctx));
  }));
}

}  // namespace confide::web
