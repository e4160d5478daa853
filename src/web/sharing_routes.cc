#include "web/sharing_routes.h"

#include "domain/text.h"
#include "web/sharing_request_form.h"
#include "web/signed_in_page.h"

namespace confide::web {
namespace {

using Req = const http::Request&;
using Params = const http::PathParams&;

constexpr http::RouteOptions kSharingForm{.json_body = false, .max_body_bytes = 32 * 1024};

const sharing::SharingPolicy& Policy(WebContext& ctx) { return ctx.vault.sharing_policy(); }

std::string Notice(Req req) {
  if (req.query_params.count("recorded")) return "Recorded and decided. The decision and its reasons are below.";
  if (req.query_params.count("decided")) return "Decided again on today's facts. The earlier decision is kept.";
  if (req.query_params.count("approved")) return "Your approval is recorded, and the request decided again with it.";
  return "";
}

// The child as far as this viewer may see them: a manager backing a share may read the request
// without the child's records, and then sees only the id.
ChildLabel LabelFor(WebContext& ctx, domain::StaffId viewer, domain::PersonId id) {
  auto person = ctx.vault.GetPerson(viewer, id);
  return {id, person.ok() ? domain::DisplayName(person->details) : ""};
}

// Names of staff for the task list; ids alone if the viewer may not read the staff list.
std::map<int64_t, std::string> StaffNames(WebContext& ctx, domain::StaffId viewer) {
  std::map<int64_t, std::string> names;
  auto staff = ctx.vault.ListStaff(viewer);
  if (staff.ok()) {
    for (const domain::StaffMember& s : *staff) names[s.id] = s.details.full_name;
  }
  return names;
}

http::Response ShowCase(WebContext& ctx, const WebSession& s, const SignedIn& who, int64_t id, std::string notice, ApprovalForm form) {
  auto c = ctx.vault.GetSharingCase(s.info.staff_id, id);
  if (!c.ok()) return Failed(ctx, who, c.status());
  SharingCaseView v;
  v.child = LabelFor(ctx, s.info.staff_id, c->request.person_id);
  v.sharing_case = std::move(c).value();
  v.policy = &Policy(ctx);
  v.staff_names = StaffNames(ctx, s.info.staff_id);
  v.notice = std::move(notice);
  v.approval = std::move(form);
  return SharingCasePage(ctx.options, who, v);
}

// What the request form offers: the directory and the agreements the viewer may read.
Result<SharingChoices> Choices(WebContext& ctx, domain::StaffId viewer) {
  SharingChoices choices;
  choices.policy = &Policy(ctx);
  CONFIDE_ASSIGN_OR_RETURN(choices.recipients, ctx.vault.ListRecipients(viewer));
  auto agreements = ctx.vault.ListAgreements(viewer);
  if (agreements.ok()) choices.agreements = std::move(agreements).value();
  return choices;
}

// The vault's refusal of a form, in words for the form: its messages name what was wrong, never
// the values typed.
bool IsFormProblem(const Status& s) {
  return s.code() == StatusCode::kInvalidArgument || s.code() == StatusCode::kFailedPrecondition ||
         s.code() == StatusCode::kConflict || s.code() == StatusCode::kPermissionDenied;
}

http::Response ShowPreview(WebContext& ctx, const WebSession& s, const SignedIn& who, int64_t id, SendForm form) {
  auto c = ctx.vault.GetSharingCase(s.info.staff_id, id);
  if (!c.ok()) return Failed(ctx, who, c.status());
  if (sharing::StageOf(*c) != sharing::CaseStage::kReadyToSend) return Redirect("/sharing/" + std::to_string(id));
  auto dataset = ctx.vault.PrepareDisclosure(s.info.staff_id, id);
  if (!dataset.ok()) {
    if (dataset.status().code() == StatusCode::kFailedPrecondition) return Redirect("/sharing/" + std::to_string(id));
    return Failed(ctx, who, dataset.status());
  }
  return DisclosurePreviewPage(ctx.options, who, LabelFor(ctx, s.info.staff_id, c->request.person_id), *c, *dataset, form);
}

}  // namespace

Status AddSharingRoutes(http::Router& router, WebContext& ctx) {
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/children/{id}/sharing", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession& s, const SignedIn& who) {
    auto child = LoadChild(ctx, s.info.staff_id, p);
    if (!child.ok()) return Failed(ctx, who, child.status());
    auto cases = ctx.vault.ListSharingCases(s.info.staff_id, child->id);
    if (!cases.ok()) return Failed(ctx, who, cases.status());
    return ChildSharingPage(ctx.options, who, *child, *cases, Policy(ctx));
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/children/{id}/sharing/new", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession& s, const SignedIn& who) {
    auto child = LoadChild(ctx, s.info.staff_id, p);
    if (!child.ok()) return Failed(ctx, who, child.status());
    auto choices = Choices(ctx, s.info.staff_id);
    if (!choices.ok()) return Failed(ctx, who, choices.status());
    return NewSharingRequestPage(ctx.options, who, *child, *choices, SharingRequestForm{});
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/children/{id}/sharing", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto form = SignedInForm(req, s);
    if (!form.ok()) return NotAvailablePage(ctx.options, who);
    SharingRequestForm f = ReadSharingRequestForm(*form, Policy(ctx));
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    auto child = LoadChild(ctx, s.info.staff_id, p);
    if (!child.ok()) return Failed(ctx, who, child.status());
    auto choices = Choices(ctx, s.info.staff_id);
    if (!choices.ok()) return Failed(ctx, who, choices.status());
    auto request = CheckSharingRequestForm(f, *choices, child->id);
    if (!request) return NewSharingRequestPage(ctx.options, who, *child, *choices, f);
    request->received_at = ctx.vault.clock().NowMicros();
    auto recorded = ctx.vault.RecordSharingRequest(s.info.staff_id, *request);
    if (!recorded.ok()) {
      if (recorded.status().code() != StatusCode::kInvalidArgument) return Failed(ctx, who, recorded.status());
      f.errors.push_back({"reasons", MessageSentence(recorded.status().message())});
      return NewSharingRequestPage(ctx.options, who, *child, *choices, f);
    }
    return Redirect("/sharing/" + std::to_string(recorded->request.id) + "?recorded=1");
  }), kSharingForm));

  // A literal segment: wins over /sharing/{id}.
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/sharing/awaiting-approval", SignedInPage(ctx, "", [&ctx](Req, Params, const WebSession& s, const SignedIn& who) {
    auto queue = ctx.vault.ListAwaitingApproval(s.info.staff_id);
    if (!queue.ok()) return Failed(ctx, who, queue.status());
    return AwaitingApprovalPage(ctx.options, who, Policy(ctx), *queue);
  })));
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/sharing/{id}", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    return ShowCase(ctx, s, who, *id, Notice(req), {});
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/sharing/{id}/decide", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok() || !form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    auto decided = ctx.vault.DecideSharingRequest(s.info.staff_id, *id);
    if (!decided.ok()) return Failed(ctx, who, decided.status());
    return Redirect("/sharing/" + std::to_string(*id) + "?decided=1#decision");
  }), kSharingForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/sharing/{id}/approvals", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    ApprovalForm f;
    f.approval = form->Get("approval", 40);
    f.reason = form->Get("reason", 2000);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    const auto approval = sharing::ParseName<sharing::Approval>(f.approval);
    if (!approval) f.errors.push_back({"approval-" + (f.approval.empty() ? std::string("designated_person") : f.approval), "Choose the approval you give"});
    if (domain::Trim(f.reason).empty()) f.errors.push_back({"reason", "Enter why you back this share"});
    if (f.errors.empty()) {
      auto approved = ctx.vault.ApproveSharingRequest(s.info.staff_id, *id, *approval, std::string(domain::Trim(f.reason)));
      if (approved.ok()) return Redirect("/sharing/" + std::to_string(*id) + "?approved=1#approval");
      // Not found here, after the case was readable, means the role cannot back shares at all.
      if (!IsFormProblem(approved.status()) && approved.status().code() != StatusCode::kNotFound) return Failed(ctx, who, approved.status());
      f.errors.push_back({"approval-" + f.approval, approved.status().code() == StatusCode::kNotFound
                                                        ? "Your role does not let you back sharing decisions"
                                                        : MessageSentence(approved.status().message())});
    }
    return ShowCase(ctx, s, who, *id, "", std::move(f));
  }), kSharingForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/sharing/{id}/disclosure", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    return ShowPreview(ctx, s, who, *id, {});
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/sharing/{id}/send", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    SendForm f;
    f.told = form->Get("told", 3);
    f.not_told_reason = form->Get("not_told_reason", 2000);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    if (f.told != "yes" && f.told != "no") f.errors.push_back({"told-yes", "Choose whether the person will be told what was shared"});
    if (f.told == "no" && domain::Trim(f.not_told_reason).empty()) {
      f.errors.push_back({"not_told_reason", "Enter why the person will not be told"});
    }
    if (!f.errors.empty()) return ShowPreview(ctx, s, who, *id, std::move(f));
    service::Vault::SendOptions options;
    options.subject_told = f.told == "yes";
    if (!options.subject_told) options.not_told_reason = std::string(domain::Trim(f.not_told_reason));
    auto sent = ctx.vault.SendDisclosure(s.info.staff_id, *id, options);
    if (!sent.ok()) {
      if (!IsFormProblem(sent.status())) return Failed(ctx, who, sent.status());
      f.errors.push_back({"told-yes", MessageSentence(sent.status().message())});
      return ShowPreview(ctx, s, who, *id, std::move(f));
    }
    const auto& disclosures = sent->sharing_case.disclosures;
    return Redirect("/sharing/" + std::to_string(*id) + "/disclosures/" + std::to_string(disclosures.back().id) + "/sent");
  }), kSharingForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/sharing/{id}/disclosures/{disclosure}/sent", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto disclosure = p.Int("disclosure");
    if (!id.ok() || !disclosure.ok()) return NotAvailablePage(ctx.options, who);
    auto c = ctx.vault.GetSharingCase(s.info.staff_id, *id);
    if (!c.ok()) return Failed(ctx, who, c.status());
    for (const sharing::RecordedDisclosure& d : c->disclosures) {
      if (d.id == *disclosure && !d.package_id.empty()) {
        return DisclosureSentPage(ctx.options, who, LabelFor(ctx, s.info.staff_id, c->request.person_id), *c, d);
      }
    }
    return NotAvailablePage(ctx.options, who);
  })));

  // The sealed package as a file: only the recipient's key opens it.
  return router.Add("GET", "/sharing/{id}/disclosures/{disclosure}/package", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto disclosure = p.Int("disclosure");
    if (!id.ok() || !disclosure.ok()) return NotAvailablePage(ctx.options, who);
    auto package = ctx.vault.GetDisclosurePackage(s.info.staff_id, *id, *disclosure);
    if (!package.ok()) return Failed(ctx, who, package.status());
    http::Response r;
    r.status = 200;
    r.SetHeader("Content-Type", "application/json");
    r.SetHeader("Content-Disposition", "attachment; filename=\"disclosure-" + std::to_string(*id) + "-" + std::to_string(*disclosure) +
                                           ".confide-package.json\"");
    r.SetHeader("Cache-Control", "no-store");
    r.body = std::move(package).value();
    return r;
  }));
}

}  // namespace confide::web
