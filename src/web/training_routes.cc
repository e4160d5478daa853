// The training and confidentiality policy pages' routes (web/training_routes.h). The vault decides
// who may see what and audits it; the pages only word it. Acknowledging redirects (post, redirect,
// get), with nothing personal in the address.
#include "web/training_routes.h"

#include <string>
#include <utility>

#include "web/signed_in_page.h"
#include "web/training_pages.h"

namespace confide::web {
namespace {

using Req = const http::Request&;
using Params = const http::PathParams&;

// The report reads and decrypts every active member of staff: it waits on the handler pool.
constexpr http::RouteOptions kReport{.may_block = true};
constexpr http::RouteOptions kAcknowledgeForm{.json_body = false, .max_body_bytes = 16 * 1024};

// Whether `who` may do `action` (about nobody), as the access policy decides it: the decision the
// vault would make, without asking it (and auditing a question nobody asked) to choose a link.
bool StaffMay(WebContext& ctx, const service::Vault::StaffTrainingStanding& who, policy::Action action) {
  policy::AccessRequest r;
  r.role = who.staff.role;
  r.active = who.staff.active;
  r.training = who.gate;
  r.action = action;
  r.about_person = false;
  return ctx.vault.access_policy().Decide(r).allowed;
}

policy::TrainingMode Mode(WebContext& ctx) { return ctx.vault.access_policy().training_mode(); }

const governance::ConfidentialityPolicy* InForce(WebContext& ctx) {
  const auto& in_force = ctx.vault.governance_policy().confidentiality_policy;
  return in_force ? &*in_force : nullptr;
}

}  // namespace

Result<HomeTraining> HomeTrainingOf(WebContext& ctx, domain::StaffId staff) {
  CONFIDE_ASSIGN_OR_RETURN(service::Vault::StaffTrainingStanding mine, ctx.vault.TrainingStandingOf(staff, staff));
  HomeTraining out;
  out.notice_html = TrainingNotice(mine.standing, ctx.vault.governance_policy().training, mine.gate, Mode(ctx));
  out.report = StaffMay(ctx, mine, policy::Action::kTrainingReport);
  return out;
}

http::Response ConfidentialityPolicyResponse(WebContext& ctx, domain::StaffId viewer, const SignedIn& who, bool thanks,
                                             std::vector<FieldError> errors) {
  ConfidentialityPolicyView v;
  v.in_force = InForce(ctx);
  if (v.in_force) {
    auto mine = ctx.vault.TrainingStandingOf(viewer, viewer);
    if (!mine.ok()) return Failed(ctx, who, mine.status());
    v.acknowledgement = std::move(mine->standing.acknowledgement);
    v.gate = mine->gate;
    v.digest = ctx.vault.ConfidentialityPolicyDigest();
  }
  v.mode = Mode(ctx);
  v.thanks = thanks;
  v.errors = std::move(errors);
  return ConfidentialityPolicyPage(ctx.options, who, v);
}

http::Response AcknowledgeResponse(WebContext& ctx, domain::StaffId viewer, const SignedIn& who, std::string_view version,
                                   std::string_view digest) {
  auto acknowledged = ctx.vault.AcknowledgeConfidentialityPolicy(viewer, version, digest);
  if (acknowledged.ok()) return Redirect("/confidentiality-policy?acknowledged=1");
  if (acknowledged.status().code() != StatusCode::kFailedPrecondition) return Failed(ctx, who, acknowledged.status());
  // No policy in force: nothing to acknowledge, as the page says.
  if (!InForce(ctx)) return Redirect("/confidentiality-policy");
  // The version shown is no longer the one in force: the page shows the one that is, to read.
  return ConfidentialityPolicyResponse(ctx, viewer, who, false,
                                       {{std::string(kPolicyTextId), MessageSentence(acknowledged.status().message())}});
}

http::Response MyTrainingResponse(WebContext& ctx, domain::StaffId viewer, const SignedIn& who) {
  auto mine = ctx.vault.TrainingStandingOf(viewer, viewer);
  if (!mine.ok()) return Failed(ctx, who, mine.status());
  MyTrainingView v;
  v.mine = std::move(mine).value();
  v.catalogue = ctx.vault.governance_policy().training;
  v.mode = Mode(ctx);
  return MyTrainingPage(ctx.options, who, v);
}

http::Response TrainingReportResponse(WebContext& ctx, domain::StaffId viewer, const SignedIn& who, bool overdue_only) {
  // The service refuses anyone without training.report (audited) before it reads anyone's training.
  auto report = ctx.vault.TrainingReport(viewer);
  if (!report.ok()) return Failed(ctx, who, report.status());
  TrainingReportView v;
  v.staff = std::move(report).value();
  v.catalogue = ctx.vault.governance_policy().training;
  v.in_force = InForce(ctx);
  v.mode = Mode(ctx);
  v.overdue_only = overdue_only;
  // The viewer is active, so in the report: their own role says whether they manage staff.
  for (const service::Vault::StaffTrainingStanding& s : v.staff) {
    if (s.staff.id == viewer) v.link_staff = StaffMay(ctx, s, policy::Action::kStaffManage);
  }
  return TrainingReportPage(ctx.options, who, v);
}

Status AddTrainingRoutes(http::Router& router, WebContext& ctx) {
  // ---- the confidentiality policy: anyone signed in ----

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/confidentiality-policy", SignedInPage(ctx, "", [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    return ConfidentialityPolicyResponse(ctx, s.info.staff_id, who, req.query_params.count("acknowledged") > 0);
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/confidentiality-policy/acknowledge", SignedInPage(ctx, "", [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    auto form = SignedInForm(req, s);
    if (!form.ok()) return NotAvailablePage(ctx.options, who);
    const std::string version = form->Get("version", 64);
    const std::string digest = form->Get("digest", 128);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    return AcknowledgeResponse(ctx, s.info.staff_id, who, version, digest);
  }), kAcknowledgeForm));

  // ---- training: one's own, and the report for those who may read staff ----

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/training/mine", SignedInPage(ctx, "", [&ctx](Req, Params, const WebSession& s, const SignedIn& who) {
    return MyTrainingResponse(ctx, s.info.staff_id, who);
  })));

  return router.Add("GET", "/training", SignedInPage(ctx, "", [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    auto show = req.query_params.find("show");
    return TrainingReportResponse(ctx, s.info.staff_id, who, show != req.query_params.end() && show->second == "overdue");
  }), kReport);
}

}  // namespace confide::web
