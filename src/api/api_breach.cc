// The personal data breach register over HTTP (service/breach.h): anyone reports (breach.report)
// and learns only the breach's id; the data protection officer keeps the register, its steps and
// the candidates Confide raises (breach.manage).
#include "api/api_context.h"
#include "codec/breach_json.h"
#include "service/breach.h"

namespace confide::api {
namespace {

constexpr UnixMicros kDay = int64_t{86400} * 1000000;

}  // namespace

Status AddBreachRoutes(http::Router& r, ApiContext& ctx) {
  service::BreachRegister& breaches = *ctx.breach;
  service::Vault& v = ctx.vault;
  using Req = const http::Request&;
  using Params = const http::PathParams&;

  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/breaches", Authed(ctx, Need::kFullSession,
      [&breaches](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"all"}));
        CONFIDE_ASSIGN_OR_RETURN(const bool all, QueryBool(req, "all"));
        CONFIDE_ASSIGN_OR_RETURN(auto list, breaches.List(c.staff_id, all));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& x : list) out.push_back(codec::BreachCaseToJson(x));
        return http::Json(200, {{"breaches", out}});
      })));
  // The reporter is told the id and nothing else: the register is the DPO's.
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/breaches", Authed(ctx, Need::kFullSession,
      [&breaches](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(service::BreachReport report, codec::BreachReportFromJson(body));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, breaches.Report(c.staff_id, report));
        return http::Json(201, {{"id", id}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/breaches/{id}", Authed(ctx, Need::kFullSession,
      [&breaches](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(service::BreachCase got, breaches.Get(c.staff_id, id));
        return http::Json(200, codec::BreachCaseToJson(got));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/breaches/{id}/steps", Authed(ctx, Need::kFullSession,
      [&breaches](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(service::BreachStepInput step, codec::BreachStepFromJson(body));
        CONFIDE_ASSIGN_OR_RETURN(int64_t step_id, breaches.AddStep(c.staff_id, id, step));
        CONFIDE_ASSIGN_OR_RETURN(service::BreachCase got, breaches.Get(c.staff_id, id));
        nlohmann::json out = codec::BreachCaseToJson(got);
        out["step_id"] = step_id;
        return http::Json(201, out);
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/breach-candidates", Authed(ctx, Need::kFullSession,
      [&breaches, &v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"since"}));
        CONFIDE_ASSIGN_OR_RETURN(auto since, QueryTime(req, "since"));
        CONFIDE_ASSIGN_OR_RETURN(auto list, breaches.Candidates(c.staff_id, since.value_or(v.clock().NowMicros() - 30 * kDay)));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& x : list) out.push_back(codec::BreachCandidateToJson(x));
        return http::Json(200, {{"candidates", out}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/breach-candidates/open", Authed(ctx, Need::kFullSession,
      [&breaches](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(codec::BreachOpening opening, codec::BreachOpeningFromJson(body));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, breaches.OpenCandidate(c.staff_id, opening.source, opening.report));
        return http::Json(201, {{"id", id}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/breach-candidates/dismiss", Authed(ctx, Need::kFullSession,
      [&breaches](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(codec::BreachDismissal dismissal, codec::BreachDismissalFromJson(body));
        CONFIDE_RETURN_IF_ERROR(breaches.DismissCandidate(c.staff_id, dismissal.source, dismissal.reason));
        return http::NoContent();
      })));
  // The kinds are the reporting form's choices, no one's personal data: any member of staff may read them.
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/breach-kinds", Authed(ctx, Need::kFullSession,
      [](Req req, Params, const Caller&) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        return http::Json(200, {{"kinds", codec::BreachKindsToJson()}});
      })));
  return Status::Ok();
}

}  // namespace confide::api
