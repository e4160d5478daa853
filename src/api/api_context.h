// What every API handler shares: the vault, sign-in, authentication of the caller, and the
// mapping from Status to problem+json. Internal to src/api.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "service/breach.h"
#include "service/identity.h"
#include "service/retention.h"
#include "service/deadlines.h"
#include "service/foi.h"
#include "service/subject_access.h"
#include "service/vault.h"

namespace confide::api {

inline constexpr const char* kSessionCookie = "__Host-confide_session";

// The signed-in caller of a request.
struct Caller {
  domain::StaffId staff_id = 0;
  service::SessionInfo session;
  std::string token;
  bool via_cookie = false;
};

struct ApiContext {
  service::Vault& vault;
  service::Identity& identity;
  std::unique_ptr<service::Retention> retention;  // with the governance policy in force
  std::unique_ptr<service::SubjectAccess> subject_access;  // with the governance policy's bank holidays
  std::unique_ptr<service::Deadlines> deadlines;
  std::unique_ptr<service::FoiRegister> foi;  // with the governance policy's bank holidays and school closures
  std::unique_ptr<service::BreachRegister> breach;  // with the governance policy's bank holidays
};

// The session token of a request: Bearer header first, then the cookie.
std::optional<std::string> SessionToken(const http::Request& req, bool* via_cookie);

// Status → problem+json. kPermissionDenied from sign-in is 401; everything else as http/status_problem.
http::Response Fail(const http::Request& req, const Status& s);
http::Response Unauthorised(const http::Request& req, std::string_view detail);

using AuthedHandler = std::function<Result<http::Response>(const http::Request&, const http::PathParams&, const Caller&)>;

enum class Need {
  kFullSession,     // signed in with both factors (almost everything)
  kPartialSession,  // the password only: the second-factor and enrolment steps
};

// Wraps a handler: authenticates the caller, checks CSRF for cookie sessions on unsafe methods,
// and turns a failed Result into problem+json.
http::Handler Authed(ApiContext& ctx, Need need, AuthedHandler handler);
// For handlers without a caller (sign-in).
http::Handler Public(std::function<Result<http::Response>(const http::Request&, const http::PathParams&)> handler);

// The JSON object body of a request (kInvalidArgument if not one).
Result<nlohmann::json> Body(const http::Request& req);
// An optional query parameter as an integer or time; kInvalidArgument naming the parameter.
Result<std::optional<int64_t>> QueryInt(const http::Request& req, const std::string& name);
Result<std::optional<UnixMicros>> QueryTime(const http::Request& req, const std::string& name);
// An optional query parameter "true" or "false" (false when absent); kInvalidArgument otherwise.
Result<bool> QueryBool(const http::Request& req, const std::string& name);
// Refuses query parameters the route does not take.
Status OnlyQuery(const http::Request& req, std::initializer_list<const char*> allowed);

// Route groups (api_*.cc).
Status AddSessionRoutes(http::Router& r, ApiContext& ctx);
Status AddPeopleRoutes(http::Router& r, ApiContext& ctx);
Status AddRecordRoutes(http::Router& r, ApiContext& ctx);
Status AddStaffRoutes(http::Router& r, ApiContext& ctx);
Status AddTrainingRoutes(http::Router& r, ApiContext& ctx);  // api_training.cc
Status AddAccessRoutes(http::Router& r, ApiContext& ctx);
Status AddAuditRoutes(http::Router& r, ApiContext& ctx);
// Consent, the directory of recipients and agreements, the sharing register (api_sharing.cc).
Status AddSharingRoutes(http::Router& r, ApiContext& ctx);
// The retention schedule, legal holds and destruction certificates (api_retention.cc).
Status AddRetentionRoutes(http::Router& r, ApiContext& ctx);
// Subject access requests (api_subject_access.cc).
Status AddSubjectAccessRoutes(http::Router& r, ApiContext& ctx);
// The Freedom of Information register (api_foi.cc).
Status AddFoiRoutes(http::Router& r, ApiContext& ctx);
// The personal data breach register and its candidates (api_breach.cc).
Status AddBreachRoutes(http::Router& r, ApiContext& ctx);
// Deadlines at a glance (api_deadlines.cc).
Status AddDeadlineRoutes(http::Router& r, ApiContext& ctx);
// The record of processing activities (api_record_of_processing.cc).
Status AddRecordOfProcessingRoutes(http::Router& r, ApiContext& ctx);

}  // namespace confide::api
