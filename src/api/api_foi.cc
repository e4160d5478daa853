// The Freedom of Information register over HTTP (docs/governance.md): requests, their steps and
// the grounds a reply may rely on. The data protection officer's (foi.manage).
#include "api/api_context.h"
#include "codec/foi_json.h"
#include "service/foi.h"

namespace confide::api {

Status AddFoiRoutes(http::Router& r, ApiContext& ctx) {
  service::FoiRegister& foi = *ctx.foi;
  using Req = const http::Request&;
  using Params = const http::PathParams&;

  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/foi-requests", Authed(ctx, Need::kFullSession,
      [&foi](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"all"}));
        CONFIDE_ASSIGN_OR_RETURN(const bool all, QueryBool(req, "all"));
        CONFIDE_ASSIGN_OR_RETURN(auto list, foi.List(c.staff_id, all));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& x : list) out.push_back(codec::FoiCaseToJson(x));
        return http::Json(200, {{"requests", out}, {"maintained_school", foi.maintained_school()}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/foi-requests", Authed(ctx, Need::kFullSession,
      [&foi](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(service::FoiIntake intake, codec::FoiIntakeFromJson(body));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, foi.Open(c.staff_id, intake));
        CONFIDE_ASSIGN_OR_RETURN(service::FoiCase got, foi.Get(c.staff_id, id));
        return http::Json(201, codec::FoiCaseToJson(got));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/foi-requests/{id}", Authed(ctx, Need::kFullSession,
      [&foi](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(service::FoiCase got, foi.Get(c.staff_id, id));
        return http::Json(200, codec::FoiCaseToJson(got));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/foi-requests/{id}/steps", Authed(ctx, Need::kFullSession,
      [&foi](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(service::FoiStepInput step, codec::FoiStepFromJson(body));
        CONFIDE_ASSIGN_OR_RETURN(int64_t step_id, foi.AddStep(c.staff_id, id, step));
        CONFIDE_ASSIGN_OR_RETURN(service::FoiCase got, foi.Get(c.staff_id, id));
        nlohmann::json out = codec::FoiCaseToJson(got);
        out["step_id"] = step_id;
        return http::Json(201, out);
      })));
  // The grounds are the Act's sections, no one's personal data: any member of staff may read them.
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/foi-exemptions", Authed(ctx, Need::kFullSession,
      [](Req req, Params, const Caller&) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        return http::Json(200, {{"exemptions", codec::FoiExemptionsToJson()}});
      })));
  return Status::Ok();
}

}  // namespace confide::api
