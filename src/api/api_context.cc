#include "api/api_context.h"

#include "api/audit_hold.h"
#include "auth/session_token.h"
#include "codec/domain_json.h"
#include "crypto/hash.h"
#include "http/cookies.h"
#include "http/json_body.h"
#include "http/status_problem.h"
#include "service/audit_deferral.h"

namespace confide::api {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool IsSafeMethod(std::string_view m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

// What every route refuses before its handler: changes take their input from the body, never the
// query string (which ends up in logs and histories), and a DELETE takes no body.
Status CheckRequestShape(const http::Request& req) {
  if (!IsSafeMethod(req.method) && !req.query_params.empty()) {
    return Status::InvalidArgument("unknown query parameter " + req.query_params.begin()->first);
  }
  if (req.method == "DELETE" && !req.body.empty()) return Status::InvalidArgument("this request takes no body");
  return Status::Ok();
}


}  // namespace

std::optional<std::string> SessionToken(const http::Request& req, bool* via_cookie) {
  *via_cookie = false;
  if (auto auth = req.Header("Authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (auth->size() > kBearer.size() && auth->substr(0, kBearer.size()) == kBearer) {
      return std::string(Trim(auth->substr(kBearer.size())));
    }
    return std::nullopt;
  }
  if (auto cookie = http::CookieValue(req, kSessionCookie)) {
    *via_cookie = true;
    return cookie;
  }
  return std::nullopt;
}

http::Response Unauthorised(const http::Request& req, std::string_view detail) {
  http::Response r = http::Problem(401, "Unauthorized", detail, "unauthenticated", {{"instance", req.request_id}});
  r.SetHeader("WWW-Authenticate", "Bearer realm=\"confide\"");
  return r;
}

http::Response Fail(const http::Request& req, const Status& s) { return http::ProblemFromStatus(s, req.request_id); }

http::Handler Public(std::function<Result<http::Response>(const http::Request&, const http::PathParams&)> handler) {
  return [handler = std::move(handler)](const http::Request& req, const http::PathParams& params) -> http::Response {
    return HeldUntilAudited(req, [&]() -> http::Response {
      if (Status s = CheckRequestShape(req); !s.ok()) return Fail(req, s);
      Result<http::Response> r = handler(req, params);
      return r.ok() ? std::move(r).value() : Fail(req, r.status());
    });
  };
}

namespace {
// Authenticates the caller, checks CSRF for cookie sessions on unsafe methods, runs the handler.
http::Response AuthedCall(ApiContext& ctx, Need need, const AuthedHandler& handler, const http::Request& req,
                          const http::PathParams& params) {
  Caller caller;
  std::optional<std::string> token = SessionToken(req, &caller.via_cookie);
  if (!token) return Unauthorised(req, "Sign in first: send the session token as a Bearer token or the session cookie");
  auto session = ctx.identity.Authenticate(*token);
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kPermissionDenied) return Unauthorised(req, session.status().message());
    return Fail(req, session.status());
  }
  if (need == Need::kFullSession && !session->fully_signed_in) {
    return Unauthorised(req, session->must_change_password ? "Choose a new password to finish signing in"
                                                           : "Enter a code from your authenticator app to finish signing in");
  }
  // A browser sends the cookie with any request, including one a hostile page makes it send:
  // changes need the CSRF token only the page Confide served knows.
  if (caller.via_cookie && !IsSafeMethod(req.method)) {
    auto csrf = req.Header("X-CSRF-Token");
    const bool ok = csrf && auth::LooksLikeCsrfToken(*csrf) &&
                    crypto::ConstantTimeEquals(ByteView(auth::HashSessionToken(*csrf)), session->csrf_hash);
    if (!ok) {
      return http::Problem(403, "Forbidden", "The request did not carry this session's CSRF token (X-CSRF-Token)", "csrf",
                           {{"instance", req.request_id}});
    }
  }
  if (Status s = CheckRequestShape(req); !s.ok()) return Fail(req, s);
  caller.staff_id = session->staff_id;
  caller.session = std::move(session).value();
  caller.token = std::move(*token);
  Result<http::Response> r = handler(req, params, caller);
  return r.ok() ? std::move(r).value() : Fail(req, r.status());
}
}  // namespace

http::Handler Authed(ApiContext& ctx, Need need, AuthedHandler handler) {
  return [&ctx, need, handler = std::move(handler)](const http::Request& req, const http::PathParams& params) -> http::Response {
    return HeldUntilAudited(req, [&]() {
      // A GET only reads: the session check and the handler share one snapshot.
      std::optional<service::Vault::SharedSnapshot> snapshot;
      if (IsSafeMethod(req.method)) snapshot.emplace(ctx.vault);
      return AuthedCall(ctx, need, handler, req, params);
    });
  };
}


Result<nlohmann::json> Body(const http::Request& req) { return http::ParseJsonBody(req, /*require_object=*/true); }

Status OnlyQuery(const http::Request& req, std::initializer_list<const char*> allowed) {
  for (const auto& [name, _] : req.query_params) {
    bool known = false;
    for (const char* a : allowed) known = known || name == a;
    if (!known) return Status::InvalidArgument("unknown query parameter " + name);
  }
  return Status::Ok();
}

Result<bool> QueryBool(const http::Request& req, const std::string& name) {
  auto it = req.query_params.find(name);
  if (it == req.query_params.end()) return false;
  if (it->second != "true" && it->second != "false") return Status::InvalidArgument("query parameter " + name + " must be true or false");
  return it->second == "true";
}

Result<std::optional<int64_t>> QueryInt(const http::Request& req, const std::string& name) {
  auto it = req.query_params.find(name);
  if (it == req.query_params.end()) return std::optional<int64_t>();
  http::PathParams p;
  p.Set(name, it->second);
  auto v = p.Int(name);
  if (!v.ok()) return Status::InvalidArgument("query parameter " + name + " must be a whole number");
  return std::optional<int64_t>(*v);
}

Result<std::optional<UnixMicros>> QueryTime(const http::Request& req, const std::string& name) {
  auto it = req.query_params.find(name);
  if (it == req.query_params.end()) return std::optional<UnixMicros>();
  CONFIDE_ASSIGN_OR_RETURN(UnixMicros t, codec::ParseTime(it->second, "query parameter " + name));
  return std::optional<UnixMicros>(t);
}

}  // namespace confide::api
