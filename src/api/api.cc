#include "api/api.h"

#include <fstream>
#include <sstream>

#include "api/api_context.h"
#include "http/health_routes.h"

namespace confide::api {

Status AddAllRoutes(http::Router& router, ApiContext& ctx, http::Metrics& metrics, const ApiOptions& options);

Api::Api(std::unique_ptr<ApiContext> ctx) : ctx_(std::move(ctx)) {}
Api::~Api() = default;

Result<std::unique_ptr<Api>> Api::Register(http::Router& router, service::Vault& vault, service::Identity& identity,
                                           http::Metrics& metrics, const ApiOptions& options) {
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<service::Retention> retention, service::Retention::Create(vault));
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<service::SubjectAccess> subject_access, service::SubjectAccess::Create(vault));
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<service::Deadlines> deadlines, service::Deadlines::Create(vault));
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<service::FoiRegister> foi, service::FoiRegister::Create(vault));
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<service::BreachRegister> breach, service::BreachRegister::Create(vault));
  std::unique_ptr<Api> api(new Api(std::make_unique<ApiContext>(ApiContext{vault, identity, std::move(retention),
                                                                           std::move(subject_access), std::move(deadlines),
                                                                           std::move(foi), std::move(breach)})));
  CONFIDE_RETURN_IF_ERROR(AddAllRoutes(router, *api->ctx_, metrics, options));
  return api;
}

// The audit group committer's figures, copied into /metrics at each scrape.
void AddAuditCommitMetrics(http::Metrics& metrics, service::Vault& vault) {
  http::Counter& batches = metrics.GetCounter("confide_audit_group_commits_total",
                                              "Group commits of audit events (one write transaction and fsync each)");
  http::Counter& events = metrics.GetCounter("confide_audit_group_committed_events_total",
                                             "Audit events made durable by group commits (reads' and failures' events)");
  http::Gauge& queued = metrics.GetGauge("confide_audit_queued_appends", "Appends waiting for the next group commit");
  metrics.OnScrape([&vault, &batches, &events, &queued] {
    const service::Vault::AuditCommitFigures f = vault.AuditCommitStats();
    batches.AdvanceTo(f.batches);
    events.AdvanceTo(f.events);
    queued.Set(static_cast<int64_t>(f.queued));
  });
}

Status AddAllRoutes(http::Router& router, ApiContext& ctx, http::Metrics& metrics, const ApiOptions& options) {
  CONFIDE_RETURN_IF_ERROR(http::AddHealthRoutes(router, metrics));
  AddAuditCommitMetrics(metrics, ctx.vault);
  std::string openapi(OpenApiJson());
  if (!options.openapi_path.empty()) {
    std::ifstream in(options.openapi_path);
    if (!in) return Status::NotFound("cannot read the OpenAPI document " + options.openapi_path);
    std::stringstream ss;
    ss << in.rdbuf();
    openapi = ss.str();
  }
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/api/openapi.json",
                                     [openapi](const http::Request&, const http::PathParams&) {
                                       return http::Text(200, openapi, "application/json");
                                     },
                                     http::RouteOptions{.inline_handler = true}));
  CONFIDE_RETURN_IF_ERROR(AddSessionRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddPeopleRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddRecordRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddStaffRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddTrainingRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddAccessRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddAuditRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddSharingRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddRetentionRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddSubjectAccessRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddFoiRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddBreachRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddDeadlineRoutes(router, ctx));
  return AddRecordOfProcessingRoutes(router, ctx);
}

}  // namespace confide::api
