// Records and chronologies.
#include "api/api_context.h"
#include "codec/domain_json.h"
#include "codec/json_reader.h"
#include "codec/request_bodies.h"

namespace confide::api {
namespace {

template <typename T, typename F>
Result<std::vector<T>> ParseList(const http::Request& req, const char* name, F parse) {
  std::vector<T> out;
  auto it = req.query_params.find(name);
  if (it == req.query_params.end()) return out;
  // Every comma-separated item must be a value: an empty parameter or item is refused, not read as
  // "no filter".
  std::string_view rest = it->second;
  for (;;) {
    const size_t comma = rest.find(',');
    auto v = parse(rest.substr(0, comma));
    if (!v) return Status::InvalidArgument(std::string("query parameter ") + name + " has a value Confide does not know");
    out.push_back(*v);
    if (comma == std::string_view::npos) return out;
    rest = rest.substr(comma + 1);
  }
}

}  // namespace

// Records may carry an attachment (base64 in JSON): room for the codec's 8 MiB of base64.
constexpr http::RouteOptions kRecordBody{.max_body_bytes = 9 * 1024 * 1024};

Status AddRecordRoutes(http::Router& r, ApiContext& ctx) {
  service::Vault& v = ctx.vault;
  using Req = const http::Request&;
  using Params = const http::PathParams&;

  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/people/{id}/chronology", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"kind", "tier", "from", "to", "limit"}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        service::ChronologyQuery q;
        CONFIDE_ASSIGN_OR_RETURN(q.kinds, ParseList<domain::RecordKind>(req, "kind", domain::ParseRecordKind));
        CONFIDE_ASSIGN_OR_RETURN(q.tiers, ParseList<domain::SensitivityTier>(req, "tier", domain::ParseSensitivityTier));
        CONFIDE_ASSIGN_OR_RETURN(q.from, QueryTime(req, "from"));
        CONFIDE_ASSIGN_OR_RETURN(q.to, QueryTime(req, "to"));
        CONFIDE_ASSIGN_OR_RETURN(auto limit, QueryInt(req, "limit"));
        if (limit && (*limit < 1 || *limit > 100000)) return Status::InvalidArgument("query parameter limit must be 1 to 100000");
        q.limit = limit ? static_cast<size_t>(*limit) : 0;
        CONFIDE_ASSIGN_OR_RETURN(auto items, v.Chronology(c.staff_id, id, q));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& i : items) out.push_back(codec::ChronologyItemToJson(i));
        return http::Json(200, {{"person_id", id}, {"items", out}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/people/{id}/records", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(service::RecordDraft draft, codec::RecordDraftFromJson(body, id));
        CONFIDE_ASSIGN_OR_RETURN(domain::RecordId rid, v.AddRecord(c.staff_id, draft));
        http::Response resp = http::Json(201, {{"id", rid}, {"version", 1}});
        resp.SetHeader("Location", "/api/records/" + std::to_string(rid));
        return resp;
      }), kRecordBody));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/records/{id}", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"version"}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(auto version, QueryInt(req, "version"));
        std::optional<domain::VersionNumber> wanted;
        if (version) {
          if (*version < 1 || *version > INT32_MAX) return Status::InvalidArgument("query parameter version must be 1 or more");
          wanted = static_cast<domain::VersionNumber>(*version);
        }
        CONFIDE_ASSIGN_OR_RETURN(service::RecordView view, v.GetRecord(c.staff_id, id, wanted));
        nlohmann::json j = codec::RecordVersionToJson(view.version);
        j["current_version"] = view.current_version;
        return http::Json(200, j);
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/records/{id}/versions", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(auto versions, v.GetRecordHistory(c.staff_id, id));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& x : versions) out.push_back(codec::RecordVersionToJson(x));
        return http::Json(200, {{"record_id", id}, {"versions", out}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/records/{id}/amendments", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(service::RecordAmendment a, codec::RecordAmendmentFromJson(body, id));
        CONFIDE_ASSIGN_OR_RETURN(domain::VersionNumber version, v.AmendRecord(c.staff_id, a));
        return http::Json(201, {{"id", id}, {"version", version}});
      }), kRecordBody));
  return r.Add("POST", "/api/records/{id}/export", Authed(ctx, Need::kFullSession,
      [&v, &ctx](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        std::optional<domain::VersionNumber> wanted;
        if (!req.body.empty()) {
          CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
          codec::JsonReader rd(body, "body");
          CONFIDE_ASSIGN_OR_RETURN(auto version, rd.Int("version"));
          CONFIDE_RETURN_IF_ERROR(rd.Finish());
          if (version) {
            if (*version < 1 || *version > INT32_MAX) return Status::InvalidArgument("body.version must be 1 or more");
            wanted = static_cast<domain::VersionNumber>(*version);
          }
        }
        // Taking data out of Confide needs a fresh proof of who is at the keyboard.
        if (!c.session.RecentlyReauthenticated(ctx.vault.clock().NowMicros(), ctx.identity.config().reauth_window_micros)) {
          return http::Problem(403, "Forbidden", "Confirm your password and a current code (POST /api/session/reauth) before exporting",
                               "reauthentication-required", {{"instance", req.request_id}});
        }
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json exported, v.ExportRecord(c.staff_id, id, wanted));
        return http::Json(200, exported);
      }));
}

}  // namespace confide::api
