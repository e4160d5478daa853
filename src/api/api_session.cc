// /api/session: sign in, second factor, authenticator enrolment, password change,
// re-authentication, sign out, and who am I.
#include "api/api_context.h"
#include "http/cookies.h"
#include "codec/domain_json.h"
#include "codec/json_reader.h"

namespace confide::api {
namespace {

std::string SessionCookie(const std::string& token, int64_t max_age_seconds) {
  return http::HostCookie(kSessionCookie, token, max_age_seconds);
}

nlohmann::json SessionJson(const service::SessionInfo& s) {
  return {{"staff_id", s.staff_id},
          {"fully_signed_in", s.fully_signed_in},
          {"must_change_password", s.must_change_password},
          {"totp_enrolled", s.totp_enrolled},
          {"idle_expires_at", codec::TimeText(s.idle_expires_at)},
          {"absolute_expires_at", codec::TimeText(s.absolute_expires_at)}};
}

// A sign-in failure is a 401 with the identity service's uniform words; a lock is a 429.
Result<http::Response> SignInFailure(const http::Request& req, const Status& s) {
  if (s.code() == StatusCode::kPermissionDenied) return Unauthorised(req, s.message());
  if (s.code() == StatusCode::kFailedPrecondition && s.message().find("Too many") != std::string::npos) {
    http::Response r = http::Problem(429, "Too Many Requests", s.message(), "locked", {{"instance", req.request_id}});
    r.SetHeader("Retry-After", "900");
    return r;
  }
  return s;
}

Result<std::string> Code(const http::Request& req) {
  CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
  codec::JsonReader r(body, "body");
  CONFIDE_ASSIGN_OR_RETURN(auto code, r.String("code", true, 64));
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  std::string digits;
  for (char c : *code) {
    if (c != ' ') digits.push_back(c);  // "123 456" as apps show it
  }
  return digits;
}

}  // namespace

Status AddSessionRoutes(http::Router& r, ApiContext& ctx) {
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/session", Public([&ctx](const http::Request& req, const http::PathParams&) -> Result<http::Response> {
    CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
    codec::JsonReader rd(body, "body");
    CONFIDE_ASSIGN_OR_RETURN(auto email, rd.String("email", true, 320));
    CONFIDE_ASSIGN_OR_RETURN(auto password, rd.String("password", true, 4096));
    CONFIDE_RETURN_IF_ERROR(rd.Finish());
    auto signed_in = ctx.identity.SignIn(*email, *password);
    if (!signed_in.ok()) return SignInFailure(req, signed_in.status());
    const auto& cfg = ctx.identity.config();
    http::Response resp = http::Json(201, {{"token", signed_in->session_token},
                                           {"csrf_token", signed_in->csrf_token},
                                           {"staff_id", signed_in->staff_id},
                                           {"next", service::ToString(signed_in->next)}});
    resp.SetHeader("Set-Cookie", SessionCookie(signed_in->session_token, cfg.absolute_timeout_micros / 1000000));
    return resp;
  })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/session", Authed(ctx, Need::kPartialSession,
      [](const http::Request& req, const http::PathParams&, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        return http::Json(200, SessionJson(c.session));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("DELETE", "/api/session", Authed(ctx, Need::kPartialSession,
      [&ctx](const http::Request&, const http::PathParams&, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(ctx.identity.SignOut(c.token));
        http::Response resp = http::NoContent();
        resp.SetHeader("Set-Cookie", SessionCookie("", 0));
        return resp;
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/session/mfa", Authed(ctx, Need::kPartialSession,
      [&ctx](const http::Request& req, const http::PathParams&, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(std::string code, Code(req));
        auto next = ctx.identity.VerifySecondFactor(c.token, code);
        if (!next.ok()) return SignInFailure(req, next.status());
        return http::Json(200, {{"next", service::ToString(*next)}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/session/totp-enrolment", Authed(ctx, Need::kPartialSession,
      [&ctx](const http::Request& req, const http::PathParams&, const Caller& c) -> Result<http::Response> {
        if (!req.body.empty()) {
          CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
          CONFIDE_RETURN_IF_ERROR(codec::JsonReader(body, "body").Finish());
        }
        CONFIDE_ASSIGN_OR_RETURN(service::TotpEnrolment e, ctx.identity.BeginTotpEnrolment(c.token));
        return http::Json(201, {{"secret", e.secret_base32}, {"otpauth_uri", e.otpauth_uri}, {"qr_svg", e.qr_svg}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/session/totp-enrolment/confirm", Authed(ctx, Need::kPartialSession,
      [&ctx](const http::Request& req, const http::PathParams&, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(std::string code, Code(req));
        auto codes = ctx.identity.ConfirmTotpEnrolment(c.token, code);
        if (!codes.ok()) return SignInFailure(req, codes.status());
        // The codes are shown whatever happens next; the session, now past its second factor, says
        // what is left (a password change the administrator asked for, or nothing).
        auto session = ctx.identity.Authenticate(c.token);
        const service::SignInNext next = session.ok() && session->must_change_password ? service::SignInNext::kChangePassword
                                                                                       : service::SignInNext::kDone;
        return http::Json(200, {{"recovery_codes", *codes}, {"next", service::ToString(next)}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/session/password", Authed(ctx, Need::kPartialSession,
      [&ctx](const http::Request& req, const http::PathParams&, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto current, rd.String("current_password", true, 4096));
        CONFIDE_ASSIGN_OR_RETURN(auto next, rd.String("new_password", true, 4096));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        Status s = ctx.identity.ChangePassword(c.token, *current, *next);
        if (!s.ok()) return SignInFailure(req, s);
        return http::NoContent();
      })));
  return r.Add("POST", "/api/session/reauth", Authed(ctx, Need::kFullSession,
      [&ctx](const http::Request& req, const http::PathParams&, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto password, rd.String("password", true, 4096));
        CONFIDE_ASSIGN_OR_RETURN(auto code, rd.String("code", true, 64));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        Status s = ctx.identity.Reauthenticate(c.token, *password, *code);
        if (!s.ok()) return SignInFailure(req, s);
        return http::NoContent();
      }));
}

}  // namespace confide::api
