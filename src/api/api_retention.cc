// The retention schedule over HTTP (docs/governance.md): the report (a dry run), applied runs,
// classes given to people, reviews, legal holds and destruction certificates.
#include "api/api_context.h"
#include "codec/json_reader.h"
#include "codec/retention_json.h"
#include "service/retention.h"

namespace confide::api {
namespace {

Result<std::optional<domain::CivilDate>> OptionalDate(codec::JsonReader& r, const std::string& key) {
  CONFIDE_ASSIGN_OR_RETURN(std::optional<std::string> text, r.String(key, false, 10));
  if (!text) return std::optional<domain::CivilDate>();
  auto d = domain::CivilDate::Parse(*text);
  if (!d.ok()) return Status::InvalidArgument(r.Field(key) + " must be a date YYYY-MM-DD");
  return std::optional<domain::CivilDate>(*d);
}

domain::CivilDate Today(const service::Vault& v) { return domain::CivilDate::FromUnixMicros(v.clock().NowMicros()); }

template <typename T, typename F>
nlohmann::json Array(const std::vector<T>& items, F to_json) {
  nlohmann::json out = nlohmann::json::array();
  for (const T& item : items) out.push_back(to_json(item));
  return out;
}

}  // namespace

Status AddRetentionRoutes(http::Router& r, ApiContext& ctx) {
  service::Vault& v = ctx.vault;
  service::Retention& ret = *ctx.retention;
  using Req = const http::Request&;
  using Params = const http::PathParams&;

  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/retention/report", Authed(ctx, Need::kFullSession,
      [&v, &ret](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"as_of"}));
        domain::CivilDate as_of = Today(v);
        if (auto it = req.query_params.find("as_of"); it != req.query_params.end()) {
          auto d = domain::CivilDate::Parse(it->second);
          if (!d.ok()) return Status::InvalidArgument("query parameter as_of must be a date YYYY-MM-DD");
          as_of = *d;
        }
        CONFIDE_ASSIGN_OR_RETURN(service::RetentionReport report, ret.Run(c.staff_id, as_of, false));
        return http::Json(200, codec::RetentionReportToJson(report));
      })));
  // An applied run is always as of today: destroying "as of" another day would destroy early.
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/retention/runs", Authed(ctx, Need::kFullSession,
      [&v, &ret](Req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(service::RetentionReport report, ret.Run(c.staff_id, Today(v), true));
        return http::Json(200, codec::RetentionReportToJson(report));
      })));

  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/people/{id}/retention-classes", Authed(ctx, Need::kFullSession,
      [&ret](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(auto list, ret.ListAssignments(c.staff_id, id));
        return http::Json(200, {{"classes", Array(list, codec::RetentionAssignmentToJson)}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/people/{id}/retention-classes", Authed(ctx, Need::kFullSession,
      [&ret](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto class_id, rd.String("class", true, 64));
        CONFIDE_ASSIGN_OR_RETURN(auto trigger, OptionalDate(rd, "trigger_date"));
        CONFIDE_ASSIGN_OR_RETURN(auto reason, rd.String("reason", true, 4000));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        CONFIDE_ASSIGN_OR_RETURN(int64_t assignment, ret.AssignClass(c.staff_id, id, *class_id, trigger, *reason));
        return http::Json(201, {{"id", assignment}});
      })));

  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/people/{id}/retention-reviews", Authed(ctx, Need::kFullSession,
      [&ret](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(auto list, ret.ListReviews(c.staff_id, id));
        return http::Json(200, {{"reviews", Array(list, codec::RetentionReviewToJson)}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/people/{id}/retention-reviews", Authed(ctx, Need::kFullSession,
      [&v, &ret](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto decision_text, rd.String("decision", true, 16));
        CONFIDE_ASSIGN_OR_RETURN(auto until, OptionalDate(rd, "retain_until"));
        CONFIDE_ASSIGN_OR_RETURN(auto reason, rd.String("reason", true, 4000));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        auto decision = service::ParseReviewDecision(*decision_text);
        if (!decision) return Status::InvalidArgument("body.decision must be destroy or retain");
        CONFIDE_ASSIGN_OR_RETURN(int64_t review, ret.Review(c.staff_id, id, *decision, until, *reason, Today(v)));
        return http::Json(201, {{"id", review}});
      })));

  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/legal-holds", Authed(ctx, Need::kFullSession,
      [&ret](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"all"}));
        CONFIDE_ASSIGN_OR_RETURN(const bool include_lifted, QueryBool(req, "all"));
        CONFIDE_ASSIGN_OR_RETURN(auto list, ret.ListHolds(c.staff_id, include_lifted));
        return http::Json(200, {{"holds", Array(list, codec::LegalHoldToJson)}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/legal-holds", Authed(ctx, Need::kFullSession,
      [&ret](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto person, rd.Int("person_id"));
        CONFIDE_ASSIGN_OR_RETURN(auto class_id, rd.String("class", false, 64));
        CONFIDE_ASSIGN_OR_RETURN(auto everyone, rd.Bool("everyone"));
        CONFIDE_ASSIGN_OR_RETURN(auto reason, rd.String("reason", true, 4000));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        const int targets = (person ? 1 : 0) + (class_id ? 1 : 0) + (everyone.value_or(false) ? 1 : 0);
        if (targets != 1) return Status::InvalidArgument("a legal hold is on one of: person_id, class, or everyone = true");
        service::LegalHold hold;
        hold.person_id = person;
        hold.class_id = class_id.value_or("");
        hold.reason = *reason;
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, ret.PlaceHold(c.staff_id, hold));
        return http::Json(201, {{"id", id}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/legal-holds/{id}/lift", Authed(ctx, Need::kFullSession,
      [&ret](Req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_RETURN_IF_ERROR(ret.LiftHold(c.staff_id, id));
        return http::Json(200, {{"id", id}, {"lifted", true}});
      })));

  // Certificates are few (one per applied run that destroyed anyone): the list carries each whole.
  return r.Add("GET", "/api/destruction-certificates", Authed(ctx, Need::kFullSession,
      [&ret](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(auto list, ret.ListCertificates(c.staff_id));
        return http::Json(200, {{"certificates", Array(list, codec::DestructionCertificateToJson)}});
      }));
}

}  // namespace confide::api
