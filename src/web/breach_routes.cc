// The personal data breach pages' routes (web/breach_routes.h): the forms read and checked as far
// as the page can (web/breach_forms.h), the register's refusals named against the input they are
// about, and a redirect after every change (post, redirect, get).
#include "web/breach_routes.h"

#include <optional>
#include <string>

#include "domain/uk_time.h"
#include "web/breach_forms.h"
#include "web/breach_pages.h"
#include "web/signed_in_page.h"

namespace confide::web {
namespace {

using Req = const http::Request&;
using Params = const http::PathParams&;

constexpr int64_t kMicrosPerDay = 86400LL * 1000000;

// The register decrypts every breach in it, and the candidates look through disclosures, break-glass
// uses and the access log: both wait on the handler pool, not the quick reads.
constexpr http::RouteOptions kRegister{.may_block = true};
constexpr http::RouteOptions kBreachForm{.json_body = false, .max_body_bytes = 256 * 1024};

// A page of the register keeper's: anyone else is refused (and the refusal audited) before the
// breach, the form or anything typed is looked at.
http::Handler KeeperPage(WebContext& ctx, SignedInHandler page) {
  return SignedInPage(ctx, "", [&ctx, page = std::move(page)](Req req, Params p, const WebSession& s, const SignedIn& who) {
    if (Status may = ctx.breaches->MayManage(s.info.staff_id); !may.ok()) return Failed(ctx, who, may);
    return page(req, p, s, who);
  });
}

std::string Notice(Req req) {
  if (req.query_params.count("opened")) return "Breach opened. Its 72 hours are below.";
  if (req.query_params.count("step")) return "Step recorded.";
  return "";
}

// The current time in UK boxes: where a step's "when" starts, since most are recorded as they happen.
void StartAtNow(WebContext& ctx, BreachStepForm& f) {
  const domain::UkLocalTime now = domain::ToUkLocal(ctx.vault.clock().NowMicros());
  f.at_day = std::to_string(now.date.day);
  f.at_month = std::to_string(now.date.month);
  f.at_year = std::to_string(now.date.year);
  f.at_hour = std::to_string(now.hour);
  f.at_minute = (now.minute < 10 ? "0" : "") + std::to_string(now.minute);
}

http::Response ShowBreach(WebContext& ctx, const WebSession& s, const SignedIn& who, int64_t id, BreachView v) {
  auto c = ctx.breaches->Get(s.info.staff_id, id);
  // The breach's words were shredded when its retention ended.
  if (!c.ok() && c.status().code() == StatusCode::kFailedPrecondition && c.status().message().find("destroyed") != std::string::npos) {
    return DestroyedRecordsPage(ctx.options, who);
  }
  if (!c.ok()) return Failed(ctx, who, c.status());
  v.breach = std::move(c).value();
  return BreachPage(ctx.options, who, v);
}

// How many days back the candidates go: ?days=N, 1 to 3650 (90 when not given); nullopt otherwise.
std::optional<int> DaysFrom(std::string_view text) {
  if (text.empty()) return 90;
  if (text.size() > 4 || text.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  const int days = std::stoi(std::string(text));
  if (days < 1 || days > 3650) return std::nullopt;
  return days;
}

http::Response ShowCandidates(WebContext& ctx, const WebSession& s, const SignedIn& who, BreachCandidatesView v) {
  const UnixMicros since = ctx.vault.clock().NowMicros() - v.days * kMicrosPerDay;
  auto candidates = ctx.breaches->Candidates(s.info.staff_id, since);
  if (!candidates.ok()) return Failed(ctx, who, candidates.status());
  v.candidates = std::move(candidates).value();
  return BreachCandidatesPage(ctx.options, who, v);
}

// Where a refusal of opening candidate `key` is shown: its form has only the kind, the time and
// what happened.
std::string OpeningField(const std::string& key, std::string_view message) {
  const std::string field = ReportFieldFor(message);
  if (field == "what_happened") return key + "-what_happened";
  if (field == BreachKindField()) return key + "-kind";
  return key + "-aware_day";
}

}  // namespace

Status AddBreachRoutes(http::Router& router, WebContext& ctx) {
  if (!ctx.breaches) {
    auto made = service::BreachRegister::Create(ctx.vault);
    if (!made.ok()) return made.status();
    ctx.breaches = std::move(made).value();
  }

  // ---- reporting: anyone signed in ----

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/breaches/report", SignedInPage(ctx, "", [&ctx](Req, Params, const WebSession&, const SignedIn& who) {
    return BreachReportPage(ctx.options, who, {});
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/breaches/report", SignedInPage(ctx, "", [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    auto form = SignedInForm(req, s);
    if (!form.ok()) return NotAvailablePage(ctx.options, who);
    BreachReportForm f;
    const std::optional<service::BreachReport> report = ReadBreachReport(*form, f, ctx.vault.clock().NowMicros());
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    if (report) {
      auto id = ctx.breaches->Report(s.info.staff_id, *report);
      if (id.ok()) return Redirect("/breaches/reported/" + std::to_string(*id));
      if (!IsFormRefusal(id.status())) return Failed(ctx, who, id.status());
      f.errors.push_back({ReportFieldFor(id.status().message()), MessageSentence(id.status().message())});
    }
    return BreachReportPage(ctx.options, who, f);
  }), kBreachForm));

  // The confirmation says only the number in its address: the reporter may not read the breach.
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/breaches/reported/{id}", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession&, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok() || *id < 1) return NotAvailablePage(ctx.options, who);
    return BreachReportedPage(ctx.options, who, *id);
  })));

  // ---- the register: the data protection officer's ----

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/breaches", KeeperPage(ctx, [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    auto all = req.query_params.find("all");
    const bool include_closed = all != req.query_params.end() && all->second != "false";
    auto list = ctx.breaches->List(s.info.staff_id, include_closed);
    if (!list.ok()) return Failed(ctx, who, list.status());
    return BreachRegisterPage(ctx.options, who, BreachRegisterView{std::move(list).value(), include_closed});
  }), kRegister));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/breaches/candidates", KeeperPage(ctx, [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    auto it = req.query_params.find("days");
    const std::optional<int> days = DaysFrom(it == req.query_params.end() ? "" : it->second);
    if (!days) return NotAvailablePage(ctx.options, who);
    BreachCandidatesView v;
    v.days = *days;
    if (req.query_params.count("dismissed")) v.notice = "Dismissed. It is no longer on the list.";
    if (req.query_params.count("gone")) v.gone = "That one had already been opened as a breach or dismissed.";
    return ShowCandidates(ctx, s, who, std::move(v));
  }), kRegister));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/breaches/candidates/open", KeeperPage(ctx, [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    auto form = SignedInForm(req, s);
    if (!form.ok()) return NotAvailablePage(ctx.options, who);
    const std::string source = form->Get("source", 200);
    const std::optional<int> days = DaysFrom(form->Get("days", 4));
    const std::string key = CandidateKey(source);
    CandidateForm f;
    const std::optional<service::BreachReport> report = ReadCandidateOpening(*form, key, f, ctx.vault.clock().NowMicros());
    if (!form->Finish().ok() || !days || source.empty()) return NotAvailablePage(ctx.options, who);
    if (report) {
      auto id = ctx.breaches->OpenCandidate(s.info.staff_id, source, *report);
      if (id.ok()) return Redirect("/breaches/" + std::to_string(*id) + "?opened=1");
      // Someone else opened or dismissed it first (kConflict: opened at the same moment).
      if (id.status().code() == StatusCode::kNotFound || id.status().code() == StatusCode::kConflict) {
        return Redirect("/breaches/candidates?gone=1&days=" + std::to_string(*days));
      }
      if (!IsFormRefusal(id.status())) return Failed(ctx, who, id.status());
      f.errors.push_back({OpeningField(key, id.status().message()), MessageSentence(id.status().message())});
    }
    BreachCandidatesView v;
    v.days = *days;
    v.typed[source] = std::move(f);
    return ShowCandidates(ctx, s, who, std::move(v));
  }), kBreachForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/breaches/candidates/dismiss", KeeperPage(ctx, [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    auto form = SignedInForm(req, s);
    if (!form.ok()) return NotAvailablePage(ctx.options, who);
    const std::string source = form->Get("source", 200);
    const std::optional<int> days = DaysFrom(form->Get("days", 4));
    const std::string key = CandidateKey(source);
    CandidateForm f;
    const std::optional<std::string> reason = ReadCandidateDismissal(*form, key, f);
    if (!form->Finish().ok() || !days || source.empty()) return NotAvailablePage(ctx.options, who);
    const std::string back = "/breaches/candidates?days=" + std::to_string(*days);
    if (reason) {
      Status dismissed = ctx.breaches->DismissCandidate(s.info.staff_id, source, *reason);
      if (dismissed.ok()) return Redirect(back + "&dismissed=1");
      if (dismissed.code() == StatusCode::kNotFound) return Redirect(back + "&gone=1");
      if (!IsFormRefusal(dismissed)) return Failed(ctx, who, dismissed);
      f.errors.push_back({key + "-reason", MessageSentence(dismissed.message())});
    }
    BreachCandidatesView v;
    v.days = *days;
    v.typed[source] = std::move(f);
    return ShowCandidates(ctx, s, who, std::move(v));
  }), kBreachForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/breaches/{id}", KeeperPage(ctx, [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    BreachView v;
    v.notice = Notice(req);
    StartAtNow(ctx, v.step);
    return ShowBreach(ctx, s, who, *id, std::move(v));
  })));

  return router.Add("POST", "/breaches/{id}/steps", KeeperPage(ctx, [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    BreachView v;
    const std::optional<service::BreachStepInput> step = ReadBreachStep(*form, v.step, ctx.vault.clock().NowMicros());
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    if (step) {
      auto added = ctx.breaches->AddStep(s.info.staff_id, *id, *step);
      if (added.ok()) return Redirect("/breaches/" + std::to_string(*id) + "?step=1");
      if (!IsFormRefusal(added.status())) return Failed(ctx, who, added.status());
      v.step.errors.push_back({StepFieldFor(added.status().message()), MessageSentence(added.status().message())});
    }
    return ShowBreach(ctx, s, who, *id, std::move(v));
  }), kBreachForm);
}

}  // namespace confide::web
