#include "web/subject_access_routes.h"

#include "domain/text.h"
#include "domain/uk_time.h"
#include "web/signed_in_page.h"
#include "web/subject_access_pages.h"

namespace confide::web {
namespace {

using Req = const http::Request&;
using Params = const http::PathParams&;

constexpr http::RouteOptions kSarForm{.json_body = false, .max_body_bytes = 32 * 1024};
// The search, the preview, a redaction and a release read and decrypt everything about a person
// (a thousand records or more): they wait on the handler pool, not the quick reads.
constexpr http::RouteOptions kWholeFile{.may_block = true};
constexpr http::RouteOptions kWholeFileForm{.may_block = true, .json_body = false, .max_body_bytes = 32 * 1024};

// Which input a service's refusal of the intake form is about (the messages name the problem).
std::string IntakeField(std::string_view message) {
  if (message.find("day received") != std::string_view::npos) return "received_day";
  if (message.find("the requester, person") != std::string_view::npos || message.find("is the person themself") != std::string_view::npos) {
    return "requester_person_id";
  }
  if (message.find("a parent asks") != std::string_view::npos) return "requester-subject";
  if (message.find("request text") != std::string_view::npos) return "request_text";
  if (message.find("requester's name") != std::string_view::npos) return "requester_name";
  if (message.find("contact") != std::string_view::npos) return "contact";
  if (message.find("identity") != std::string_view::npos) return "identity_method";
  return "person_id";
}

// ... and of a step: the form's own inputs while it is shown, else the request's summary.
std::string StepField(std::string_view message, bool form_shown) {
  if (!form_shown) return "sar-summary";
  if (message.find("day") != std::string_view::npos || message.find("future") != std::string_view::npos) return "on_day";
  if (message.find("month") != std::string_view::npos && message.find("further") != std::string_view::npos) return "months";
  if (message.find("note") != std::string_view::npos) return "note";
  return "kind";
}

std::string Notice(Req req) {
  if (req.query_params.count("opened")) return "Request recorded.";
  if (req.query_params.count("step")) return "Step recorded. The deadline below is worked out again from it.";
  if (req.query_params.count("redacted")) return "Redaction recorded. Preview the bundle and approve it again.";
  if (req.query_params.count("withdrawn")) return "Redaction withdrawn. Preview the bundle and approve it again.";
  if (req.query_params.count("approved")) return "Approved for release.";
  return "";
}

http::Response ShowRequest(WebContext& ctx, const WebSession& s, const SignedIn& who, int64_t id, SarRequestView v) {
  auto c = ctx.subject_access->Get(s.info.staff_id, id);
  if (!c.ok()) return Failed(ctx, who, c.status());
  v.request = std::move(c).value();
  return SarRequestPage(ctx.options, who, v);
}

http::Response ShowSearch(WebContext& ctx, const WebSession& s, const SignedIn& who, int64_t id, SarRedactionForm form) {
  auto c = ctx.subject_access->Get(s.info.staff_id, id);
  if (!c.ok()) return Failed(ctx, who, c.status());
  auto items = ctx.subject_access->Search(s.info.staff_id, id);
  if (!items.ok()) return Failed(ctx, who, items.status());
  SarSearchView v{id, c->person_id, std::move(items).value(), std::move(form)};
  return SarSearchPage(ctx.options, who, v);
}

http::Response ShowPreview(WebContext& ctx, const WebSession& s, const SignedIn& who, int64_t id, SarPreviewView v) {
  auto c = ctx.subject_access->Get(s.info.staff_id, id);
  if (!c.ok()) return Failed(ctx, who, c.status());
  auto b = c->release ? ctx.subject_access->GetReleased(s.info.staff_id, id) : ctx.subject_access->Preview(s.info.staff_id, id);
  if (!b.ok()) return Failed(ctx, who, b.status());
  v.request = std::move(c).value();
  v.bundle = std::move(b).value();
  return SarPreviewPage(ctx.options, who, v);
}

// The intake form's answers, checked as far as the page can.
std::optional<service::SubjectAccessIntake> ReadIntake(FormBody& form, SarIntakeForm& f) {
  f.person_id = form.Get("person_id", 20);
  form.GetDate("received", &f.day, &f.month, &f.year);
  f.requester = form.Get("requester", 20);
  f.requester_name = form.Get("requester_name", 400);
  f.requester_person_id = form.Get("requester_person_id", 20);
  f.contact = form.Get("contact", 4000);
  f.request_text = form.Get("request_text", 4000);
  f.identity = form.Get("identity", 20);
  f.identity_method = form.Get("identity_method", 4000);
  service::SubjectAccessIntake in;
  const std::optional<int64_t> person = PositiveId(domain::Trim(f.person_id));
  if (!person) f.errors.push_back({"person_id", "Enter the person's id, a number"});
  const std::optional<domain::CivilDate> received = DateFromBoxes(f.day, f.month, f.year);
  if (!received) f.errors.push_back({"received_day", "Enter the day the request arrived, as a real date"});
  const std::optional<service::SarRequester> requester = service::ParseSarRequester(f.requester);
  if (!requester) f.errors.push_back({"requester-subject", "Choose who is asking"});
  if (domain::IsBlank(f.requester_name)) f.errors.push_back({"requester_name", "Enter the requester's name"});
  std::optional<int64_t> requester_person;
  if (!domain::IsBlank(f.requester_person_id)) {
    requester_person = PositiveId(domain::Trim(f.requester_person_id));
    if (!requester_person) f.errors.push_back({"requester_person_id", "Enter the requester's person id as a number, or leave it empty"});
  }
  if (domain::IsBlank(f.request_text)) f.errors.push_back({"request_text", "Enter what they asked for"});
  if (f.identity != "confirmed" && f.identity != "requested") {
    f.errors.push_back({"identity-confirmed", "Choose whether their identity is confirmed"});
  }
  if (domain::IsBlank(f.identity_method)) {
    f.errors.push_back({"identity_method", "Enter how their identity was confirmed, or what evidence was asked for"});
  }
  if (!f.errors.empty()) return std::nullopt;
  in.person_id = *person;
  in.received_on = *received;
  in.requester = *requester;
  in.requester_name = std::string(domain::Trim(f.requester_name));
  in.requester_person_id = requester_person;
  in.contact = std::string(domain::Trim(f.contact));
  in.request_text = std::string(domain::Trim(f.request_text));
  in.identity_confirmed = f.identity == "confirmed";
  in.identity_method = std::string(domain::Trim(f.identity_method));
  return in;
}

std::optional<service::SarStepInput> ReadStep(FormBody& form, SarStepForm& f) {
  f.kind = form.Get("kind", 40);
  form.GetDate("on", &f.day, &f.month, &f.year);
  f.months = form.Get("months", 4);
  f.note = form.Get("note", 4000);
  service::SarStepInput step;
  const auto kind = service::ParseSarStepKind(f.kind);
  if (!kind) f.errors.push_back({"kind", "Choose what happened"});
  const std::optional<domain::CivilDate> on = DateFromBoxes(f.day, f.month, f.year);
  if (!on) f.errors.push_back({"on_day", "Enter the day it happened, as a real date"});
  if (kind == service::SarStepKind::kExtended && f.months != "1" && f.months != "2") {
    f.errors.push_back({"months", "Enter 1 or 2 further months"});
  }
  if (kind != service::SarStepKind::kClarificationReceived && domain::IsBlank(f.note)) {
    f.errors.push_back({"note", "Enter a note: how, what was asked, or why"});
  }
  if (!f.errors.empty()) return std::nullopt;
  step.kind = *kind;
  step.on = *on;
  step.note = std::string(domain::Trim(f.note));
  step.months = step.kind == service::SarStepKind::kExtended ? std::stoi(f.months) : 0;
  return step;
}

}  // namespace

Status AddSubjectAccessRoutes(http::Router& router, WebContext& ctx) {
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/subject-access", SignedInPage(ctx, "", [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    const bool all = req.query_params.count("all") > 0;
    auto list = ctx.subject_access->List(s.info.staff_id, all);
    if (!list.ok()) return Failed(ctx, who, list.status());
    return SarRegisterPage(ctx.options, who, SarRegisterView{std::move(list).value(), all});
  }), kWholeFile));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/subject-access/new", SignedInPage(ctx, "", [&ctx](Req, Params, const WebSession& s, const SignedIn& who) {
    // Only those who keep the register see its form (the service refuses anyone else).
    if (Status may = ctx.subject_access->MayManage(s.info.staff_id); !may.ok()) return Failed(ctx, who, may);
    SarIntakeForm f;
    const domain::CivilDate today = domain::ToUkLocal(ctx.vault.clock().NowMicros()).date;
    f.day = std::to_string(today.day);
    f.month = std::to_string(today.month);
    f.year = std::to_string(today.year);
    return SarNewPage(ctx.options, who, f);
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/subject-access", SignedInPage(ctx, "", [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    auto form = SignedInForm(req, s);
    if (!form.ok()) return NotAvailablePage(ctx.options, who);
    // Refused before anything typed is looked at: to anyone else this is a page that is not there.
    if (Status may = ctx.subject_access->MayManage(s.info.staff_id); !may.ok()) return Failed(ctx, who, may);
    SarIntakeForm f;
    const std::optional<service::SubjectAccessIntake> in = ReadIntake(*form, f);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    if (in) {
      auto id = ctx.subject_access->Open(s.info.staff_id, *in);
      if (id.ok()) return Redirect("/subject-access/" + std::to_string(*id) + "?opened=1");
      // A person who does not exist, or is hidden from the DPO, is named as the field's problem.
      if (id.status().code() == StatusCode::kNotFound) {
        f.errors.push_back({"person_id", "There is no person with that id that you can record a request about"});
      } else if (IsFormRefusal(id.status())) {
        f.errors.push_back({IntakeField(id.status().message()), MessageSentence(id.status().message())});
      } else {
        return Failed(ctx, who, id.status());
      }
    }
    return SarNewPage(ctx.options, who, f);
  }), kSarForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/subject-access/{id}", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    SarRequestView v;
    v.notice = Notice(req);
    return ShowRequest(ctx, s, who, *id, std::move(v));
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/subject-access/{id}/steps", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    SarRequestView v;
    const std::optional<service::SarStepInput> step = ReadStep(*form, v.step);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    if (step) {
      auto added = ctx.subject_access->AddStep(s.info.staff_id, *id, *step);
      if (added.ok()) return Redirect("/subject-access/" + std::to_string(*id) + "?step=1");
      if (!IsFormRefusal(added.status())) return Failed(ctx, who, added.status());
      const bool finished = added.status().message().find("nothing more can be added") != std::string::npos;
      v.step.errors.push_back({StepField(added.status().message(), !finished), MessageSentence(added.status().message())});
    }
    return ShowRequest(ctx, s, who, *id, std::move(v));
  }), kSarForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/subject-access/{id}/redactions/withdraw", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    SarRequestView v;
    v.withdraw.redaction = form->Get("redaction", 20);
    v.withdraw.reason = form->Get("withdraw_reason", 4000);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    const std::optional<int64_t> redaction = PositiveId(v.withdraw.redaction);
    if (!redaction) v.withdraw.errors.push_back({"redaction", "Choose the redaction to withdraw"});
    if (domain::IsBlank(v.withdraw.reason)) v.withdraw.errors.push_back({"withdraw_reason", "Enter why it is withdrawn"});
    if (v.withdraw.errors.empty()) {
      Status done = ctx.subject_access->WithdrawRedaction(s.info.staff_id, *id, *redaction, std::string(domain::Trim(v.withdraw.reason)));
      if (done.ok()) return Redirect("/subject-access/" + std::to_string(*id) + "?withdrawn=1");
      if (!IsFormRefusal(done) && done.code() != StatusCode::kNotFound) return Failed(ctx, who, done);
      // The form is gone once no redaction is in force or the request is finished: the problem is
      // the request's, linked to its summary.
      v.withdraw.errors.push_back({"sar-summary", MessageSentence(done.message())});
    }
    return ShowRequest(ctx, s, who, *id, std::move(v));
  }), kSarForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/subject-access/{id}/search", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    return ShowSearch(ctx, s, who, *id, {});
  }), kWholeFile));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/subject-access/{id}/redactions", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    SarRedactionForm f;
    f.ref = std::string(domain::Trim(form->Get("ref", 200)));
    f.field = std::string(domain::Trim(form->Get("field", 200)));
    f.text = form->Get("text", 4000);
    f.ground = form->Get("ground", 40);
    f.reason = form->Get("reason", 4000);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    const auto ground = governance::ParseRedactionGround(f.ground);
    if (f.ref.empty()) f.errors.push_back({"ref", "Enter what the redaction covers: an item's reference, or *"});
    if (!ground) f.errors.push_back({"ground-third_party", "Choose why the law allows it"});
    if (domain::IsBlank(f.reason)) f.errors.push_back({"reason", "Enter the reason"});
    if (f.errors.empty()) {
      auto made = ctx.subject_access->Redact(s.info.staff_id, *id,
                                             governance::Redaction{0, f.ref, f.field, f.text, *ground, std::string(domain::Trim(f.reason))});
      if (made.ok()) return Redirect("/subject-access/" + std::to_string(*id) + "?redacted=1");
      if (!IsFormRefusal(made.status())) return Failed(ctx, who, made.status());
      f.errors.push_back({"ref", MessageSentence(made.status().message())});
    }
    return ShowSearch(ctx, s, who, *id, std::move(f));
  }), kWholeFileForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/subject-access/{id}/preview", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    return ShowPreview(ctx, s, who, *id, {});
  }), kWholeFile));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/subject-access/{id}/approve", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    SarPreviewView v;
    const std::string digest = form->Get("content_sha256", 64);
    v.note = form->Get("note", 4000);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    // Bound to the digest the page showed: what was read is what is approved.
    auto approved = ctx.subject_access->Approve(s.info.staff_id, *id, digest, std::string(domain::Trim(v.note)));
    if (approved.ok()) return Redirect("/subject-access/" + std::to_string(*id) + "/preview");
    if (!IsFormRefusal(approved.status())) return Failed(ctx, who, approved.status());
    // The note is the form's own problem; anything else (changed since, identity awaited) is the
    // bundle's, and the page that follows may offer no approval form.
    const bool about_note = approved.status().message().find("note") != std::string::npos;
    v.errors.push_back({about_note ? "note" : "sar-bundle", MessageSentence(approved.status().message())});
    return ShowPreview(ctx, s, who, *id, std::move(v));
  }), kWholeFileForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/subject-access/{id}/release", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    SarPreviewView v;
    v.channel = form->Get("channel", 200);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    if (domain::IsBlank(v.channel)) {
      v.errors.push_back({"channel", "Enter how the bundle is sent, for example secure email"});
    } else {
      auto released = ctx.subject_access->Release(s.info.staff_id, *id, std::string(domain::Trim(v.channel)));
      if (released.ok()) return Redirect("/subject-access/" + std::to_string(*id) + "/preview");
      if (!IsFormRefusal(released.status())) return Failed(ctx, who, released.status());
      // Refused (changed since approval, released already): the page that follows may offer
      // approval, or nothing, rather than the release form.
      v.errors.push_back({"sar-bundle", MessageSentence(released.status().message())});
    }
    return ShowPreview(ctx, s, who, *id, std::move(v));
  }), kWholeFileForm));

  // The released files, exactly as released (their digest checked by the service).
  for (const char* kind : {"json", "txt"}) {
    const bool json = std::string_view(kind) == "json";
    CONFIDE_RETURN_IF_ERROR(router.Add("GET", std::string("/subject-access/{id}/bundle.") + kind,
                                       SignedInPage(ctx, "", [&ctx, json](Req, Params p, const WebSession& s, const SignedIn& who) {
      auto id = p.Int("id");
      if (!id.ok()) return NotAvailablePage(ctx.options, who);
      auto b = ctx.subject_access->GetReleased(s.info.staff_id, *id);
      if (!b.ok()) return Failed(ctx, who, b.status());
      http::Response r;
      r.status = 200;
      r.SetHeader("Content-Type", json ? "application/json" : "text/plain; charset=utf-8");
      r.SetHeader("Content-Disposition", "attachment; filename=\"" + b->header.bundle_id + (json ? ".json\"" : ".txt\""));
      r.SetHeader("Cache-Control", "no-store");
      r.body = json ? b->json : b->document;
      return r;
    })));
  }
  return Status::Ok();
}

}  // namespace confide::web
