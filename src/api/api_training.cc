// Training and the confidentiality policy over HTTP: the catalogue of courses, the policy in force
// (anyone signed in reads it), acknowledging it (for oneself), one staff member's standing (their
// own, or anyone's with training.report) and the training report of every active member of staff.
#include "api/api_context.h"
#include "codec/training_json.h"

namespace confide::api {

Status AddTrainingRoutes(http::Router& r, ApiContext& ctx) {
  service::Vault& v = ctx.vault;
  using Req = const http::Request&;
  using Params = const http::PathParams&;

  // The catalogue and the policy are the organisation's documents, not personal data.
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/training-courses", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller&) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        return http::Json(200, {{"courses", codec::CoursesToJson(v.governance_policy().training)}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/confidentiality-policy", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller&) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        return http::Json(200, {{"policy", codec::ConfidentialityPolicyToJson(v.governance_policy().confidentiality_policy,
                                                                            v.ConfidentialityPolicyDigest(), true)}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/confidentiality-policy/acknowledgements", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(codec::AcknowledgementBody ack, codec::AcknowledgementFromJson(body));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, v.AcknowledgeConfidentialityPolicy(c.staff_id, ack.version, ack.digest));
        return http::Json(201, {{"id", id}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/staff/{id}/training-standing", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(auto standing, v.TrainingStandingOf(c.staff_id, id));
        return http::Json(200, codec::TrainingStandingToJson(standing, v.governance_policy().training));
      })));
  return r.Add("GET", "/api/training-report", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"overdue"}));
        CONFIDE_ASSIGN_OR_RETURN(const bool overdue_only, QueryBool(req, "overdue"));
        CONFIDE_ASSIGN_OR_RETURN(auto report, v.TrainingReport(c.staff_id));
        nlohmann::json staff = nlohmann::json::array();
        for (const auto& s : report) {
          if (overdue_only && !s.standing.overdue) continue;
          staff.push_back(codec::TrainingStandingToJson(s, v.governance_policy().training));
        }
        return http::Json(200, {{"policy", codec::ConfidentialityPolicyToJson(v.governance_policy().confidentiality_policy,
                                                                            v.ConfidentialityPolicyDigest(), false)},
                                {"staff", staff}});
      }));
}

}  // namespace confide::api
