// The JSON API: every capability of the vault, sign-in and sessions, staff administration and
// access reviews, over HTTP (docs/api.md; the contract is api/openapi.json, served at
// /api/openapi.json).
//
// - Authentication: `Authorization: Bearer <token>` (API clients) or the `__Host-confide_session`
//   cookie (browsers). A cookie session must send its CSRF token in `X-CSRF-Token` with every
//   request that changes something.
// - Only ids appear in URLs; searches by name or NHS number are POSTed.
// - Errors are RFC 9457 problem+json. Something the caller may not know exists gets exactly the
//   404 a missing id gets.
// - Every response carries `Cache-Control: no-store` (http/security_headers.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "http/metrics.h"
#include "http/router.h"
#include "service/identity.h"
#include "service/vault.h"

namespace confide::api {

struct ApiOptions {
  std::string openapi_path;  // the OpenAPI document to serve; empty: the compiled-in copy
};

struct ApiContext;

// The API's routes and the state its handlers share. Adds every API route (and /healthz,
// /metrics) to `router`; the Api must outlive the server serving them, and `vault` and `identity`
// must outlive the Api.
class Api {
 public:
  static Result<std::unique_ptr<Api>> Register(http::Router& router, service::Vault& vault, service::Identity& identity,
                                               http::Metrics& metrics, const ApiOptions& options = {});
  ~Api();

 private:
  explicit Api(std::unique_ptr<ApiContext> ctx);
  std::unique_ptr<ApiContext> ctx_;
};

// The OpenAPI document compiled into Confide (api/openapi.json).
std::string_view OpenApiJson();

}  // namespace confide::api
