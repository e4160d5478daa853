// The Freedom of Information pages' routes (web/foi_routes.h): the forms read and checked as far as
// the page can, the register's refusals named against the input they are about, and a redirect
// after every change (post, redirect, get).
#include "web/foi_routes.h"

#include "domain/text.h"
#include "domain/uk_time.h"
#include "governance/foi_exemptions.h"
#include "web/foi_pages.h"
#include "web/signed_in_page.h"

namespace confide::web {
namespace {

using Req = const http::Request&;
using Params = const http::PathParams&;
using service::FoiStepKind;

// The register decrypts every request in it: it waits on the handler pool, not the quick reads.
constexpr http::RouteOptions kRegister{.may_block = true};
// A reply may give a reason and a public interest test for every ground: room for them all.
constexpr http::RouteOptions kFoiForm{.json_body = false, .max_body_bytes = 256 * 1024};

// A page of the register keeper's: anyone else is refused (and the refusal audited) before the
// request, the form or anything typed is looked at.
http::Handler KeeperPage(WebContext& ctx, SignedInHandler page) {
  return SignedInPage(ctx, "", [&ctx, page = std::move(page)](Req req, Params p, const WebSession& s, const SignedIn& who) {
    if (Status may = ctx.foi->MayManage(s.info.staff_id); !may.ok()) return Failed(ctx, who, may);
    return page(req, p, s, who);
  });
}

std::string Notice(Req req) {
  if (req.query_params.count("opened")) return "Request recorded. Its deadline is below.";
  if (req.query_params.count("step")) return "Step recorded. The deadline below is worked out again from it.";
  return "";
}

http::Response ShowRequest(WebContext& ctx, const WebSession& s, const SignedIn& who, int64_t id, FoiRequestView v) {
  auto c = ctx.foi->Get(s.info.staff_id, id);
  // The requester's details were shredded when the request's retention ended.
  if (!c.ok() && c.status().code() == StatusCode::kFailedPrecondition && c.status().message().find("destroyed") != std::string::npos) {
    return DestroyedRecordsPage(ctx.options, who);
  }
  if (!c.ok()) return Failed(ctx, who, c.status());
  v.request = std::move(c).value();
  return FoiRequestPage(ctx.options, who, v);
}

// Which input a refusal of the intake form is about (the register's messages name the problem).
std::string IntakeField(std::string_view message) {
  if (message.find("requester's name") != std::string_view::npos) return "requester_name";
  if (message.find("request text") != std::string_view::npos) return "request_text";
  if (message.find("contact") != std::string_view::npos) return "contact";
  if (message.find("channel") != std::string_view::npos) return "channel-email";
  return "received_day";
}

// The ground a refusal names by its section ("s.40(2)"), as its id ("s40_2"); "" if none.
std::string GroundNamed(std::string_view message) {
  for (const governance::FoiExemption& e : governance::FoiExemptions()) {
    if (message.find(e.section) != std::string_view::npos) return std::string(e.id);
  }
  return "";
}

// The first ground ticked (the first of all when none is): where a refusal about the exemptions
// as a whole is shown.
std::string FirstTicked(const FoiStepForm& f) {
  for (const governance::FoiExemption& e : governance::FoiExemptions()) {
    auto it = f.exemptions.find(std::string(e.id));
    if (it != f.exemptions.end() && it->second.ticked) return std::string(e.id);
  }
  return std::string(governance::FoiExemptions().front().id);
}

// Which input a refusal of a step is about. Once the request is finished the page has no form,
// and shows it on the request's summary instead.
std::string StepField(std::string_view message, const FoiStepForm& f) {
  auto says = [message](std::string_view words) { return message.find(words) != std::string_view::npos; };
  const std::string ground = GroundNamed(message);
  // "an extension is given by the 20th working day, ... (the refusal notice names the exemption ...)"
  if (says("20th working day")) return "on_day";
  if (!ground.empty() && says("public interest test for")) return "public_interest_" + ground;
  if (!ground.empty() && says("(reason)")) return "reason_" + ground;
  if (!ground.empty() || says("exemption")) return "exemption_" + (ground.empty() ? FirstTicked(f) : ground);
  if (says("note")) return "note";
  if (says("outcome")) return std::string(kFoiOutcomeField);
  if (says("working days")) return "working_days";
  if (says("subject access request")) return "subject_access_request_id";
  if (says("day") || says("in order") || says("no longer")) return "on_day";
  return "kind";
}

// The intake form's answers, checked as far as the page can.
std::optional<service::FoiIntake> ReadIntake(FormBody& form, FoiIntakeForm& f) {
  form.GetDate("received", &f.day, &f.month, &f.year);
  f.requester_name = form.Get("requester_name", 400);
  f.contact = form.Get("contact", 4000);
  f.request_text = form.Get("request_text", 4000);
  f.channel = form.Get("channel", 20);
  const std::optional<domain::CivilDate> received = DateFromBoxes(f.day, f.month, f.year);
  if (!received) f.errors.push_back({"received_day", "Enter the day the request arrived, as a real date"});
  if (domain::IsBlank(f.requester_name)) f.errors.push_back({"requester_name", "Enter the requester's name"});
  if (domain::IsBlank(f.request_text)) f.errors.push_back({"request_text", "Enter what they asked for"});
  if (!f.channel.empty() && f.channel != "email" && f.channel != "letter" && f.channel != "web_form" && f.channel != "other") {
    f.errors.push_back({"channel-email", "Choose how it arrived"});
  }
  if (!f.errors.empty()) return std::nullopt;
  service::FoiIntake in;
  in.received_on = *received;
  in.requester_name = std::string(domain::Trim(f.requester_name));
  in.contact = std::string(domain::Trim(f.contact));
  in.request_text = std::string(domain::Trim(f.request_text));
  in.channel = f.channel == "web_form" ? "web form" : f.channel;
  return in;
}

// The exemptions ticked, with their reasons: for a reply or an extension only (anything ticked
// with another kind of step is left out, as the form's hint says).
void ReadExemptions(FormBody& form, std::optional<FoiStepKind> kind, FoiStepForm& f, service::FoiStepInput& step) {
  const bool reply = kind == FoiStepKind::kResponded;
  for (const governance::FoiExemption& e : governance::FoiExemptions()) {
    const std::string id(e.id), section(e.section);
    FoiExemptionAnswer& a = f.exemptions[id];
    a.ticked = form.Get("exemption_" + id, 3) == "yes";
    a.reason = form.Get("reason_" + id, 4000);
    if (e.qualified) a.public_interest = form.Get("public_interest_" + id, 4000);
    if (!a.ticked || (!reply && kind != FoiStepKind::kExtended)) continue;
    if (domain::IsBlank(a.reason)) f.errors.push_back({"reason_" + id, "Enter why " + section + " applies"});
    if (reply && e.qualified && domain::IsBlank(a.public_interest)) {
      f.errors.push_back({"public_interest_" + id,
                          "Enter the public interest test for " + section + ": why withholding the information outweighs disclosing it"});
    }
    step.exemptions.push_back({id, std::string(domain::Trim(a.reason)), std::string(domain::Trim(a.public_interest))});
  }
}

// The step form's answers, checked as far as the page can; the errors in the page's order.
std::optional<service::FoiStepInput> ReadStep(FormBody& form, FoiStepForm& f) {
  f.kind = form.Get("kind", 40);
  form.GetDate("on", &f.day, &f.month, &f.year);
  f.note = form.Get("note", 4000);
  f.working_days = form.Get("working_days", 4);
  f.subject_access_request_id = form.Get("subject_access_request_id", 20);
  f.outcome = form.Get("outcome", 40);
  service::FoiStepInput step;
  const std::optional<FoiStepKind> kind = service::ParseFoiStepKind(f.kind);
  if (!kind) f.errors.push_back({"kind", "Choose what happened"});
  const std::optional<domain::CivilDate> on = DateFromBoxes(f.day, f.month, f.year);
  if (!on) f.errors.push_back({"on_day", "Enter the day it happened, as a real date"});
  const bool note_needed = kind && kind != FoiStepKind::kClarificationReceived && kind != FoiStepKind::kFeeReceived;
  if (note_needed && domain::IsBlank(f.note)) {
    f.errors.push_back({"note", "Enter a note: what was asked, the fee, why, or the reply in brief"});
  }
  if (kind == FoiStepKind::kExtended) {
    const std::optional<int64_t> days = PositiveId(domain::Trim(f.working_days));
    if (days && *days <= 20) {
      step.working_days = static_cast<int>(*days);
    } else {
      f.errors.push_back({"working_days", "Enter the further working days, a whole number from 1 to 20"});
    }
  }
  if (kind == FoiStepKind::kRoutedToSubjectAccess && !domain::IsBlank(f.subject_access_request_id)) {
    step.subject_access_request_id = PositiveId(domain::Trim(f.subject_access_request_id));
    if (!step.subject_access_request_id) {
      f.errors.push_back({"subject_access_request_id", "Enter the subject access request's number, or leave it empty"});
    }
  }
  if (kind == FoiStepKind::kResponded) {
    step.outcome = service::ParseFoiOutcome(f.outcome);
    if (!step.outcome) f.errors.push_back({std::string(kFoiOutcomeField), "Choose the outcome of the reply"});
  }
  ReadExemptions(form, kind, f, step);
  if (!f.errors.empty()) return std::nullopt;
  step.kind = *kind;
  step.on = *on;
  step.note = std::string(domain::Trim(f.note));
  return step;
}

}  // namespace

Status AddFoiRoutes(http::Router& router, WebContext& ctx) {
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/foi", KeeperPage(ctx, [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    auto all = req.query_params.find("all");
    const bool include_finished = all != req.query_params.end() && all->second != "false";
    auto list = ctx.foi->List(s.info.staff_id, include_finished);
    if (!list.ok()) return Failed(ctx, who, list.status());
    return FoiRegisterPage(ctx.options, who, FoiRegisterView{std::move(list).value(), include_finished, ctx.foi->maintained_school()});
  }), kRegister));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/foi/new", KeeperPage(ctx, [&ctx](Req, Params, const WebSession&, const SignedIn& who) {
    FoiIntakeForm f;
    const domain::CivilDate today = domain::ToUkLocal(ctx.vault.clock().NowMicros()).date;
    f.day = std::to_string(today.day);
    f.month = std::to_string(today.month);
    f.year = std::to_string(today.year);
    return FoiNewPage(ctx.options, who, f);
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/foi/new", KeeperPage(ctx, [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    auto form = SignedInForm(req, s);
    if (!form.ok()) return NotAvailablePage(ctx.options, who);
    FoiIntakeForm f;
    const std::optional<service::FoiIntake> in = ReadIntake(*form, f);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    if (in) {
      auto id = ctx.foi->Open(s.info.staff_id, *in);
      if (id.ok()) return Redirect("/foi/" + std::to_string(*id) + "?opened=1");
      if (!IsFormRefusal(id.status())) return Failed(ctx, who, id.status());
      f.errors.push_back({IntakeField(id.status().message()), MessageSentence(id.status().message())});
    }
    return FoiNewPage(ctx.options, who, f);
  }), kFoiForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/foi/{id}", KeeperPage(ctx, [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    FoiRequestView v;
    v.notice = Notice(req);
    return ShowRequest(ctx, s, who, *id, std::move(v));
  })));

  return router.Add("POST", "/foi/{id}/steps", KeeperPage(ctx, [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    FoiRequestView v;
    const std::optional<service::FoiStepInput> step = ReadStep(*form, v.step);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    if (step) {
      auto added = ctx.foi->AddStep(s.info.staff_id, *id, *step);
      if (added.ok()) return Redirect("/foi/" + std::to_string(*id) + "?step=1");
      if (!IsFormRefusal(added.status())) return Failed(ctx, who, added.status());
      v.step.errors.push_back({StepField(added.status().message(), v.step), MessageSentence(added.status().message())});
    }
    return ShowRequest(ctx, s, who, *id, std::move(v));
  }), kFoiForm);
}

}  // namespace confide::web
