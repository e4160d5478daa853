#include "web/web_routes.h"

#include "web/embedded_assets.h"
#include "web/pages.h"

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

http::Response Redirect(std::string location) {
  http::Response r;
  r.status = 303;
  r.SetHeader("Location", std::move(location));
  return r;
}

}  // namespace

Status AddWebRoutes(http::Router& router, const WebOptions& options) {
  for (const EmbeddedAsset& asset : EmbeddedAssets()) {
    CONFIDE_RETURN_IF_ERROR(router.Add(
        "GET", std::string(asset.url), [&asset](const http::Request& req, const http::PathParams&) { return ServeAsset(asset, req); },
        kStatic));
  }
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/", [](const http::Request&, const http::PathParams&) { return Redirect("/sign-in"); },
                                     kStatic));
  CONFIDE_RETURN_IF_ERROR(router.Add(
      "GET", "/sign-in", [options](const http::Request&, const http::PathParams&) { return SignInPage(options, {}); }, kStatic));
  return router.Add(
      "GET", "/accessibility",
      [options](const http::Request&, const http::PathParams&) { return AccessibilityStatementPage(options); }, kStatic);
}

}  // namespace confide::web
