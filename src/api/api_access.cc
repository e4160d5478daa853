// Access-log reviews, anomalies, break-glass alerts and policy explanations.
#include "api/api_context.h"
#include "codec/domain_json.h"

namespace confide::api {
namespace {

constexpr UnixMicros kDay = int64_t{86400} * 1000000;

struct Period {
  UnixMicros from, to;
  size_t limit;
};

Result<Period> ReadPeriod(const http::Request& req, UnixMicros now) {
  CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"from", "to", "limit"}));
  CONFIDE_ASSIGN_OR_RETURN(auto from, QueryTime(req, "from"));
  CONFIDE_ASSIGN_OR_RETURN(auto to, QueryTime(req, "to"));
  CONFIDE_ASSIGN_OR_RETURN(auto limit, QueryInt(req, "limit"));
  if (limit && (*limit < 1 || *limit > 10000)) return Status::InvalidArgument("query parameter limit must be 1 to 10000");
  return Period{from.value_or(now - 30 * kDay), to.value_or(now + 1), limit ? static_cast<size_t>(*limit) : 500};
}

http::Response Events(const std::vector<service::AccessEvent>& events) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : events) out.push_back(codec::AccessEventToJson(e));
  return http::Json(200, {{"events", out}});
}

}  // namespace

Status AddAccessRoutes(http::Router& r, ApiContext& ctx) {
  service::Vault& v = ctx.vault;
  using Req = const http::Request&;
  using Params = const http::PathParams&;

  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/people/{id}/access-log", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(Period period, ReadPeriod(req, v.clock().NowMicros()));
        CONFIDE_ASSIGN_OR_RETURN(auto events, v.AccessLogForPerson(c.staff_id, id, period.from, period.to, period.limit));
        return Events(events);
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/staff/{id}/access-log", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(Period period, ReadPeriod(req, v.clock().NowMicros()));
        CONFIDE_ASSIGN_OR_RETURN(auto events, v.AccessLogForStaff(c.staff_id, id, period.from, period.to, period.limit));
        return Events(events);
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/me/access-log", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(Period period, ReadPeriod(req, v.clock().NowMicros()));
        CONFIDE_ASSIGN_OR_RETURN(auto events, v.AccessLogForStaff(c.staff_id, c.staff_id, period.from, period.to, period.limit));
        return Events(events);
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/access-anomalies", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(Period period, ReadPeriod(req, v.clock().NowMicros()));
        CONFIDE_ASSIGN_OR_RETURN(auto found, v.AccessAnomalies(c.staff_id, period.from, period.to));
        if (found.size() > period.limit) found.resize(period.limit);
        nlohmann::json out = nlohmann::json::array();
        for (const auto& a : found) out.push_back(codec::AnomalyToJson(a));
        return http::Json(200, {{"anomalies", out}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/break-glass", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"since"}));
        CONFIDE_ASSIGN_OR_RETURN(auto since, QueryTime(req, "since"));
        CONFIDE_ASSIGN_OR_RETURN(auto grants, v.ListBreakGlass(c.staff_id, since.value_or(v.clock().NowMicros() - 30 * kDay)));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& g : grants) out.push_back(codec::BreakGlassToJson(g));
        return http::Json(200, {{"grants", out}});
      })));
  return r.Add("GET", "/api/policy/explain", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"staff", "record", "person", "action"}));
        CONFIDE_ASSIGN_OR_RETURN(auto staff, QueryInt(req, "staff"));
        CONFIDE_ASSIGN_OR_RETURN(auto record, QueryInt(req, "record"));
        CONFIDE_ASSIGN_OR_RETURN(auto person, QueryInt(req, "person"));
        if (record && person) return Status::InvalidArgument("give record or person, not both");
        auto it = req.query_params.find("action");
        std::string name = it != req.query_params.end() ? it->second : (record ? "record.read" : "person.read");
        auto action = policy::ParseAction(name);
        if (!action) return Status::InvalidArgument("query parameter action is not an action Confide knows");
        CONFIDE_ASSIGN_OR_RETURN(policy::Decision d,
                                 v.ExplainAccess(c.staff_id, staff.value_or(c.staff_id), *action, person.value_or(0), record.value_or(0)));
        nlohmann::json steps = nlohmann::json::array();
        for (const auto& s : d.chain) steps.push_back({{"id", s.id}, {"says", s.says}});
        return http::Json(200, {{"allowed", d.allowed}, {"flagged", d.flagged}, {"rule", d.rule_id},
                                {"policy", {{"name", d.policy_name}, {"version", d.policy_version}}},
                                {"steps", steps}, {"explanation", d.Explain()}});
      }));
}

}  // namespace confide::api
