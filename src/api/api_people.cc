// People, relationships, allocations, restrictions and break-glass.
#include "api/api_context.h"
#include "codec/domain_json.h"
#include "codec/json_reader.h"
#include "codec/request_bodies.h"

namespace confide::api {
namespace {

nlohmann::json Array(const auto& items, auto render) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& i : items) out.push_back(render(i));
  return out;
}

}  // namespace

Status AddPeopleRoutes(http::Router& r, ApiContext& ctx) {
  service::Vault& v = ctx.vault;
  using Req = const http::Request&;
  using Params = const http::PathParams&;

  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/people/search", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(service::PersonQuery q, codec::PersonQueryFromJson(body));
        CONFIDE_ASSIGN_OR_RETURN(auto matches, v.FindPeople(c.staff_id, q));
        return http::Json(200, {{"matches", Array(matches, codec::PersonMatchToJson)}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/people", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(codec::NewPerson person, codec::NewPersonFromJson(body));
        CONFIDE_ASSIGN_OR_RETURN(domain::PersonId id, v.AddPerson(c.staff_id, person.kind, person.details));
        http::Response resp = http::Json(201, {{"id", id}});
        resp.SetHeader("Location", "/api/people/" + std::to_string(id));
        return resp;
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/people/{id}", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(domain::Person person, v.GetPerson(c.staff_id, id));
        return http::Json(200, codec::PersonToJson(person));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("PUT", "/api/people/{id}", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(codec::PersonAmendment a, codec::PersonAmendmentFromJson(body));
        CONFIDE_ASSIGN_OR_RETURN(domain::VersionNumber version,
                                 v.AmendPerson(c.staff_id, id, [&](domain::PersonDetails& d) { d = a.details; return Status::Ok(); },
                                               a.reason, a.expected_version));
        return http::Json(200, {{"id", id}, {"version", version}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/people/{id}/relationships", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(auto rels, v.ListRelationships(c.staff_id, id));
        return http::Json(200, {{"relationships", Array(rels, codec::RelationshipToJson)}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/people/{id}/relationships", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        CONFIDE_ASSIGN_OR_RETURN(domain::RelationshipDetails d, codec::RelationshipDetailsFromJson(body));
        const int64_t person = body.at("person_id").get<int64_t>();
        CONFIDE_ASSIGN_OR_RETURN(domain::RelationshipId rid, v.AddRelationship(c.staff_id, id, person, d));
        return http::Json(201, {{"id", rid}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/people/{id}/allocations", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(auto allocs, v.ListAllocations(c.staff_id, id));
        return http::Json(200, {{"allocations", Array(allocs, codec::AllocationToJson)}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/people/{id}/allocations", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto staff, rd.Int("staff_id", true));
        CONFIDE_ASSIGN_OR_RETURN(auto role, rd.String("role", true));
        CONFIDE_ASSIGN_OR_RETURN(auto team, rd.String("team", false, 200));
        CONFIDE_ASSIGN_OR_RETURN(auto starts, rd.String("starts_at"));
        CONFIDE_ASSIGN_OR_RETURN(auto ends, rd.String("ends_at"));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        auto parsed_role = domain::ParseAllocationRole(*role);
        if (!parsed_role) return Status::InvalidArgument("body.role is not an allocation role Confide knows");
        domain::Allocation a;
        a.child_id = id;
        a.staff_id = *staff;
        a.role = *parsed_role;
        a.team = team.value_or("");
        if (starts) {
          CONFIDE_ASSIGN_OR_RETURN(a.starts_at, codec::ParseTime(*starts, "body.starts_at"));
        }
        if (ends) {
          CONFIDE_ASSIGN_OR_RETURN(UnixMicros e, codec::ParseTime(*ends, "body.ends_at"));
          a.ends_at = e;
        }
        CONFIDE_ASSIGN_OR_RETURN(domain::AllocationId aid, v.Allocate(c.staff_id, a));
        return http::Json(201, {{"id", aid}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/allocations/{id}/end", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        std::optional<UnixMicros> at;
        if (!req.body.empty()) {
          CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
          codec::JsonReader rd(body, "body");
          CONFIDE_ASSIGN_OR_RETURN(auto ends, rd.String("ends_at"));
          CONFIDE_RETURN_IF_ERROR(rd.Finish());
          if (ends) {
            CONFIDE_ASSIGN_OR_RETURN(UnixMicros e, codec::ParseTime(*ends, "body.ends_at"));
            at = e;
          }
        }
        CONFIDE_RETURN_IF_ERROR(v.EndAllocation(c.staff_id, id, at));
        return http::NoContent();
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/people/{id}/restrictions", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(auto rows, v.ListRestrictions(c.staff_id, id));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& x : rows) {
          out.push_back({{"id", x.id}, {"staff_id", x.staff_id}, {"reason", x.reason}, {"created_at", codec::TimeText(x.created_at)},
                         {"lifted_at", x.removed_at ? nlohmann::json(codec::TimeText(*x.removed_at)) : nlohmann::json(nullptr)}});
        }
        return http::Json(200, {{"restrictions", out}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/people/{id}/restrictions", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto staff, rd.Int("staff_id", true));
        CONFIDE_ASSIGN_OR_RETURN(auto reason, rd.String("reason", true, 2000));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        CONFIDE_ASSIGN_OR_RETURN(int64_t rid, v.RestrictPerson(c.staff_id, id, *staff, *reason));
        return http::Json(201, {{"id", rid}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("DELETE", "/api/restrictions/{id}", Authed(ctx, Need::kFullSession,
      [&v](Req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_RETURN_IF_ERROR(v.LiftRestriction(c.staff_id, id));
        return http::NoContent();
      })));
  return r.Add("POST", "/api/people/{id}/break-glass", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto reason, rd.String("reason", true, 2000));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        CONFIDE_ASSIGN_OR_RETURN(domain::BreakGlassGrant g, v.BreakGlass(c.staff_id, id, *reason));
        return http::Json(201, codec::BreakGlassToJson(g));
      }));
}

}  // namespace confide::api
