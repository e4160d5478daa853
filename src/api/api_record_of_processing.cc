// The record of processing activities over HTTP (docs/governance.md, "Record of processing").
#include "api/api_context.h"
#include "service/record_of_processing.h"

namespace confide::api {

Status AddRecordOfProcessingRoutes(http::Router& r, ApiContext& ctx) {
  service::Vault& v = ctx.vault;
  service::Retention& retention = *ctx.retention;
  return r.Add("GET", "/api/record-of-processing", Authed(ctx, Need::kFullSession,
      [&v, &retention](const http::Request& req, const http::PathParams&, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(service::RecordOfProcessing ropa,
                                 service::BuildRecordOfProcessing(v, c.staff_id, retention.policy().retention));
        nlohmann::json out = nlohmann::json::parse(ropa.json.dump());
        out["document"] = ropa.document;
        return http::Json(200, out);
      }));
}

}  // namespace confide::api
