// Staff administration, training records and the caller's own caseload.
#include "api/api_context.h"
#include "codec/domain_json.h"
#include "codec/json_reader.h"

namespace confide::api {

Status AddStaffRoutes(http::Router& r, ApiContext& ctx) {
  service::Vault& v = ctx.vault;
  using Req = const http::Request&;
  using Params = const http::PathParams&;

  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/me/caseload", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(auto items, v.Caseload(c.staff_id));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& i : items) out.push_back(codec::CaseloadItemToJson(i));
        return http::Json(200, {{"children", out}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/staff", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(auto staff, v.ListStaff(c.staff_id));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& s : staff) out.push_back(codec::StaffToJson(s));
        return http::Json(200, {{"staff", out}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/staff", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto role, rd.String("role", true));
        CONFIDE_ASSIGN_OR_RETURN(auto team, rd.String("team", true, 200));
        CONFIDE_ASSIGN_OR_RETURN(auto name, rd.String("name", true, 200));
        CONFIDE_ASSIGN_OR_RETURN(auto email, rd.String("email", true, 320));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        auto parsed = domain::ParseStaffRole(*role);
        if (!parsed) return Status::InvalidArgument("body.role is not a role Confide knows");
        CONFIDE_ASSIGN_OR_RETURN(domain::StaffId id, v.AddStaff(c.staff_id, *parsed, *team, {*name, *email}));
        return http::Json(201, {{"id", id}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/staff/{id}", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(domain::StaffMember s, v.GetStaff(c.staff_id, id));
        return http::Json(200, codec::StaffToJson(s));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("PATCH", "/api/staff/{id}", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto role, rd.String("role"));
        CONFIDE_ASSIGN_OR_RETURN(auto team, rd.String("team", false, 200));
        CONFIDE_ASSIGN_OR_RETURN(auto active, rd.Bool("active"));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        CONFIDE_ASSIGN_OR_RETURN(domain::StaffMember s, v.GetStaff(c.staff_id, id));
        if (role) {
          auto parsed = domain::ParseStaffRole(*role);
          if (!parsed) return Status::InvalidArgument("body.role is not a role Confide knows");
          s.role = *parsed;
        }
        CONFIDE_RETURN_IF_ERROR(v.UpdateStaff(c.staff_id, id, s.role, team.value_or(s.team), active.value_or(s.active)));
        return http::NoContent();
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/staff/{id}/password", Authed(ctx, Need::kFullSession,
      [&ctx](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto password, rd.String("password", true, 4096));
        CONFIDE_ASSIGN_OR_RETURN(auto must_change, rd.Bool("must_change"));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        // Setting one's own password here would skip the current-password check of a change: a
        // stolen session must not be enough to take over the account.
        if (id == c.staff_id) {
          return Status::InvalidArgument("change your own password with POST /api/session/password");
        }
        CONFIDE_RETURN_IF_ERROR(ctx.identity.SetPassword(c.staff_id, id, *password, must_change.value_or(true)));
        return http::NoContent();
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/staff/{id}/totp-reset", Authed(ctx, Need::kFullSession,
      [&ctx](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        if (!req.body.empty()) return Status::InvalidArgument("this request takes no body");
        CONFIDE_RETURN_IF_ERROR(ctx.identity.ResetTotp(c.staff_id, id));
        return http::NoContent();
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/staff/{id}/training", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(auto rows, v.ListTraining(c.staff_id, id));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& t : rows) out.push_back(codec::TrainingToJson(t));
        return http::Json(200, {{"training", out}});
      })));
  return r.Add("POST", "/api/staff/{id}/training", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto course, rd.String("course", true, 64));
        CONFIDE_ASSIGN_OR_RETURN(auto completed, rd.String("completed_at", true));
        CONFIDE_ASSIGN_OR_RETURN(auto expires, rd.String("expires_at"));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        domain::TrainingRecord t{0, id, *course, 0, std::nullopt, 0, 0};
        CONFIDE_ASSIGN_OR_RETURN(t.completed_at, codec::ParseTime(*completed, "body.completed_at"));
        if (expires) {
          CONFIDE_ASSIGN_OR_RETURN(UnixMicros e, codec::ParseTime(*expires, "body.expires_at"));
          t.expires_at = e;
        }
        CONFIDE_ASSIGN_OR_RETURN(int64_t tid, v.RecordTraining(c.staff_id, t));
        return http::Json(201, {{"id", tid}});
      }));
}

}  // namespace confide::api
