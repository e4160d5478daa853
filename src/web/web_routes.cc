#include "web/web_routes.h"

#include "web/admin_routes.h"
#include "web/allocation_routes.h"
#include "web/breach_routes.h"
#include "web/child_routes.h"
#include "web/concern_routes.h"
#include "web/embedded_assets.h"
#include "web/foi_routes.h"
#include "web/record_of_processing_routes.h"
#include "web/record_routes.h"
#include "web/retention_routes.h"
#include "web/deadline_routes.h"
#include "web/subject_access_routes.h"
#include "web/review_routes.h"
#include "web/sharing_routes.h"
#include "web/pages.h"
#include "web/sign_in_routes.h"
#include "web/training_routes.h"
#include "web/web_context.h"

namespace confide::web {
namespace {

constexpr http::RouteOptions kStatic{.inline_handler = true};

http::Response ServeAsset(const EmbeddedAsset& asset, const http::Request& req) {
  // The URL changes whenever the bytes do, so a browser may keep a copy for a year.
  http::Response r;
  r.SetHeader("Cache-Control", "public, max-age=31536000, immutable");
  r.SetHeader("ETag", std::string(asset.etag));
  if (auto match = req.Header("If-None-Match"); match && *match == asset.etag) {
    r.status = 304;
    return r;
  }
  r.status = 200;
  r.SetHeader("Content-Type", std::string(asset.content_type));
  r.body = std::string(asset.body);
  return r;
}

}  // namespace

Status AddWebRoutes(http::Router& router, WebContext& ctx) {
  for (const EmbeddedAsset& asset : EmbeddedAssets()) {
    CONFIDE_RETURN_IF_ERROR(router.Add(
        "GET", std::string(asset.url), [&asset](const http::Request& req, const http::PathParams&) { return ServeAsset(asset, req); },
        kStatic));
  }
  CONFIDE_RETURN_IF_ERROR(AddSignInRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddChildRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddRecordRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddConcernRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddReviewRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddAdminRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddAllocationRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddSharingRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddRetentionRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddSubjectAccessRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddFoiRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddBreachRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddDeadlineRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddRecordOfProcessingRoutes(router, ctx));
  CONFIDE_RETURN_IF_ERROR(AddTrainingRoutes(router, ctx));
  return router.Add(
      "GET", "/accessibility",
      [options = ctx.options](const http::Request&, const http::PathParams&) { return AccessibilityStatementPage(options); },
      kStatic);
}

}  // namespace confide::web
