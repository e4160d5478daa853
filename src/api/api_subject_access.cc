// Subject access requests over HTTP (docs/governance.md): the register, steps, the search,
// redactions, preview, approval, release and the released bundle. The data protection officer's.
#include "api/api_context.h"
#include "codec/json_reader.h"
#include "codec/subject_access_json.h"
#include "service/subject_access.h"

namespace confide::api {

Status AddSubjectAccessRoutes(http::Router& r, ApiContext& ctx) {
  service::SubjectAccess& sar = *ctx.subject_access;
  using Req = const http::Request&;
  using Params = const http::PathParams&;

  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/subject-access-requests", Authed(ctx, Need::kFullSession,
      [&sar](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"all"}));
        CONFIDE_ASSIGN_OR_RETURN(const bool all, QueryBool(req, "all"));
        CONFIDE_ASSIGN_OR_RETURN(auto list, sar.List(c.staff_id, all));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& x : list) out.push_back(codec::SubjectAccessCaseToJson(x));
        return http::Json(200, {{"requests", out}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/subject-access-requests", Authed(ctx, Need::kFullSession,
      [&sar](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(service::SubjectAccessIntake intake, codec::SarIntakeFromJson(body));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, sar.Open(c.staff_id, intake));
        CONFIDE_ASSIGN_OR_RETURN(service::SubjectAccessCase got, sar.Get(c.staff_id, id));
        return http::Json(201, codec::SubjectAccessCaseToJson(got));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/subject-access-requests/{id}", Authed(ctx, Need::kFullSession,
      [&sar](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(service::SubjectAccessCase got, sar.Get(c.staff_id, id));
        return http::Json(200, codec::SubjectAccessCaseToJson(got));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/subject-access-requests/{id}/steps", Authed(ctx, Need::kFullSession,
      [&sar](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(service::SarStepInput step, codec::SarStepFromJson(body));
        CONFIDE_ASSIGN_OR_RETURN(int64_t step_id, sar.AddStep(c.staff_id, id, step));
        CONFIDE_ASSIGN_OR_RETURN(service::SubjectAccessCase got, sar.Get(c.staff_id, id));
        nlohmann::json out = codec::SubjectAccessCaseToJson(got);
        out["step_id"] = step_id;
        return http::Json(201, out);
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/subject-access-requests/{id}/search", Authed(ctx, Need::kFullSession,
      [&sar](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(auto items, sar.Search(c.staff_id, id));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : items) out.push_back(codec::BundleItemToJson(item));
        return http::Json(200, {{"items", out}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/subject-access-requests/{id}/redactions", Authed(ctx, Need::kFullSession,
      [&sar](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(governance::Redaction redaction, codec::RedactionFromJson(body));
        CONFIDE_ASSIGN_OR_RETURN(int64_t redaction_id, sar.Redact(c.staff_id, id, redaction));
        return http::Json(201, {{"id", redaction_id}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/subject-access-requests/{id}/redactions/{redaction}/withdraw",
      Authed(ctx, Need::kFullSession, [&sar](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(int64_t redaction, p.Int("redaction"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto reason, rd.String("reason", true, 4000));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        CONFIDE_RETURN_IF_ERROR(sar.WithdrawRedaction(c.staff_id, id, redaction, *reason));
        return http::Json(200, {{"withdrawn", redaction}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/subject-access-requests/{id}/preview", Authed(ctx, Need::kFullSession,
      [&sar](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(service::SubjectAccessBundle b, sar.Preview(c.staff_id, id));
        return http::Json(200, codec::SubjectAccessBundleToJson(b, true));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/subject-access-requests/{id}/approvals", Authed(ctx, Need::kFullSession,
      [&sar](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto digest, rd.String("content_sha256", false, 64));
        CONFIDE_ASSIGN_OR_RETURN(auto note, rd.String("note", false, 4000));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        CONFIDE_ASSIGN_OR_RETURN(int64_t step, sar.Approve(c.staff_id, id, digest.value_or(""), note.value_or("")));
        return http::Json(201, {{"id", step}});
      })));
  // The release is a disclosure to the requester: recorded once, and the bundle returned.
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/subject-access-requests/{id}/release", Authed(ctx, Need::kFullSession,
      [&sar](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto channel, rd.String("channel", true, 200));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        CONFIDE_ASSIGN_OR_RETURN(service::SubjectAccessBundle b, sar.Release(c.staff_id, id, *channel));
        return http::Json(201, codec::SubjectAccessBundleToJson(b, true));
      })));
  return r.Add("GET", "/api/subject-access-requests/{id}/bundle", Authed(ctx, Need::kFullSession,
      [&sar](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(service::SubjectAccessBundle b, sar.GetReleased(c.staff_id, id));
        return http::Json(200, codec::SubjectAccessBundleToJson(b, true));
      }));
}

}  // namespace confide::api
