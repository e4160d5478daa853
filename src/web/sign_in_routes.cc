// The sign-in journey in the browser: GET shows a step, POST takes its form and redirects (303) to
// the next step, so a reload never resubmits. Every POST carries a form token (web_session.h) and is
// refused from another site.
#include "web/sign_in_routes.h"

#include "api/api_context.h"
#include "auth/session_token.h"
#include "crypto/hash.h"
#include "http/cookies.h"
#include "web/form_body.h"
#include "web/pages.h"
#include "web/web_session.h"

namespace confide::web {
namespace {

using Req = const http::Request&;
using Params = const http::PathParams&;

constexpr http::RouteOptions kForm{.json_body = false, .max_body_bytes = 16 * 1024};

// Where a session goes next, by how far through signing in it is.
std::string NextStep(const service::SessionInfo& s) {
  if (!s.totp_enrolled) return "/sign-in/set-up-authenticator";
  if (!s.second_factor_passed) return "/sign-in/code";
  if (s.must_change_password) return "/sign-in/change-password";
  return "/";
}

std::string ForNext(service::SignInNext next) {
  switch (next) {
    case service::SignInNext::kTotp: return "/sign-in/code";
    case service::SignInNext::kEnrolTotp: return "/sign-in/set-up-authenticator";
    case service::SignInNext::kChangePassword: return "/sign-in/change-password";
    case service::SignInNext::kDone: return "/";
  }
  return "/";
}

// A fresh sign-in form, with its token in a cookie.
http::Response FreshSignIn(const WebOptions& options, SignInForm form, int status = 200) {
  form.csrf = auth::NewCsrfToken();
  http::Response r = SignInPage(options, form);
  if (status != 200) r.status = status;
  r.headers.emplace_back("Set-Cookie", http::HostCookie(kSignInCookie, form.csrf, 3600));
  return r;
}

// The steps after the password need a session that is part-way through; anything else goes to
// where it belongs.
std::optional<http::Response> WrongStep(const std::optional<WebSession>& s, std::string_view step) {
  if (!s) return Redirect("/sign-in");
  const std::string next = NextStep(s->info);
  if (next != step) return Redirect(next);
  return std::nullopt;
}

std::vector<FieldError> Error(std::string field, std::string message) { return {FieldError{std::move(field), std::move(message)}}; }

// A form from a signed-in page: from this site, with the session's token. Otherwise the page to
// answer with (403 for a forged or stale form).
std::optional<http::Response> CheckForm(WebContext& ctx, Req req, const std::optional<WebSession>& s, FormBody* form) {
  if (!s) return Redirect("/sign-in");
  auto parsed = FormBody::Parse(req);
  if (CrossSite(req) || !parsed.ok()) return FreshSignIn(ctx.options, {}, 400);
  *form = std::move(parsed).value();
  if (!CsrfMatches(*s, form->Get(std::string(kCsrfField), 200))) {
    return FreshSignIn(ctx.options, {.email = "", .csrf = "", .notice = "", .errors = Error("email", "Your form had expired: sign in again")}, 403);
  }
  return std::nullopt;
}

std::string Code(FormBody& form) {
  std::string digits;
  for (char c : form.Get("code", 64)) {
    if (c != ' ' && c != '-') digits.push_back(c);
  }
  return digits;
}

}  // namespace

Status AddSignInRoutes(http::Router& router, WebContext& ctx) {
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/sign-in", [&ctx](Req req, Params) -> http::Response {
    if (const auto s = CurrentSession(ctx, req); s && NextStep(s->info) == "/") return Redirect("/");
    SignInForm form;
    if (req.query_params.count("signed_out")) form.notice = "You have signed out";
    if (req.query_params.count("timed_out")) {
      const int64_t minutes = ctx.options.idle_timeout_seconds / 60;
      form.notice = "You have been signed out: a session ends after " + std::to_string(minutes) +
                    (minutes == 1 ? " minute" : " minutes") + " without activity. Sign in again to carry on.";
    }
    return FreshSignIn(ctx.options, form);
  }));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/sign-in", [&ctx](Req req, Params) -> http::Response {
    auto parsed = FormBody::Parse(req);
    if (CrossSite(req) || !parsed.ok()) return FreshSignIn(ctx.options, {}, 400);
    FormBody& form = *parsed;
    SignInForm page;
    page.email = form.Get("email", 320);
    const std::string password = form.Get("password", 4096);
    const std::string token = form.Get(std::string(kCsrfField), 200);
    if (!form.Finish().ok()) return FreshSignIn(ctx.options, {}, 400);
    const auto cookie = http::CookieValue(req, kSignInCookie);
    if (!cookie || !auth::LooksLikeCsrfToken(token) ||
        !crypto::ConstantTimeEquals(ByteView(reinterpret_cast<const uint8_t*>(cookie->data()), cookie->size()),
                                    ByteView(reinterpret_cast<const uint8_t*>(token.data()), token.size()))) {
      page.errors = Error("email", "The sign-in page had expired: enter your email address and password again");
      return FreshSignIn(ctx.options, page, 403);
    }
    if (page.email.empty()) page.errors.push_back({"email", "Enter your email address"});
    if (password.empty()) page.errors.push_back({"password", "Enter your password"});
    if (!page.errors.empty()) return FreshSignIn(ctx.options, page, 400);
    auto signed_in = ctx.identity.SignIn(page.email, password);
    if (!signed_in.ok()) {
      // The identity service's words are uniform: they never say which of the two was wrong.
      const bool locked = signed_in.status().code() == StatusCode::kFailedPrecondition;
      page.errors = Error("email", signed_in.status().code() == StatusCode::kPermissionDenied || locked
                                       ? signed_in.status().message()
                                       : "Confide could not sign you in just now: try again");
      return FreshSignIn(ctx.options, page, locked ? 429 : 401);
    }
    const int64_t max_age = ctx.identity.config().absolute_timeout_micros / 1000000;
    http::Response r = Redirect(ForNext(signed_in->next));
    r.headers.emplace_back("Set-Cookie", http::HostCookie(api::kSessionCookie, signed_in->session_token, max_age));
    r.headers.emplace_back("Set-Cookie", http::HostCookie(kCsrfCookie, signed_in->csrf_token, max_age));
    r.headers.emplace_back("Set-Cookie", http::HostCookie(kSignInCookie, "", 0));
    return r;
  }, kForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/sign-in/code", [&ctx](Req req, Params) -> http::Response {
    const auto s = CurrentSession(ctx, req);
    if (auto other = WrongStep(s, "/sign-in/code")) return *other;
    return CodePage(ctx.options, {CsrfTokenFor(req), {}});
  }));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/sign-in/code", [&ctx](Req req, Params) -> http::Response {
    const auto s = CurrentSession(ctx, req);
    if (auto other = WrongStep(s, "/sign-in/code")) return *other;
    FormBody form;
    if (auto refused = CheckForm(ctx, req, s, &form)) return *refused;
    const std::string code = Code(form);
    if (!form.Finish().ok()) return FreshSignIn(ctx.options, {}, 400);
    const FormState again{CsrfTokenFor(req), {}};
    if (code.empty()) return CodePage(ctx.options, {again.csrf, Error("code", "Enter the code from your authenticator app")});
    auto next = ctx.identity.VerifySecondFactor(s->token, code);
    if (!next.ok()) {
      http::Response r = CodePage(ctx.options, {again.csrf, Error("code", next.status().message())});
      r.status = next.status().code() == StatusCode::kFailedPrecondition ? 429 : 401;
      return r;
    }
    return Redirect(ForNext(*next));
  }, kForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/sign-in/set-up-authenticator", [&ctx](Req req, Params) -> http::Response {
    const auto s = CurrentSession(ctx, req);
    if (auto other = WrongStep(s, "/sign-in/set-up-authenticator")) return *other;
    auto enrolment = ctx.identity.BeginTotpEnrolment(s->token, /*reuse_pending=*/true);
    if (!enrolment.ok()) return Redirect("/sign-in");
    return SetUpAuthenticatorPage(ctx.options, *enrolment, {CsrfTokenFor(req), {}});
  }, http::RouteOptions{.may_block = true}));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/sign-in/set-up-authenticator", [&ctx](Req req, Params) -> http::Response {
    const auto s = CurrentSession(ctx, req);
    if (auto other = WrongStep(s, "/sign-in/set-up-authenticator")) return *other;
    FormBody form;
    if (auto refused = CheckForm(ctx, req, s, &form)) return *refused;
    const std::string code = Code(form);
    if (!form.Finish().ok()) return FreshSignIn(ctx.options, {}, 400);
    std::vector<FieldError> errors;
    Result<std::vector<std::string>> codes = Status::InvalidArgument("no code");
    if (code.empty()) {
      errors = Error("code", "Enter the code from your authenticator app");
    } else {
      codes = ctx.identity.ConfirmTotpEnrolment(s->token, code);
      if (!codes.ok()) errors = Error("code", codes.status().message());
    }
    if (errors.empty()) return RecoveryCodesPage(ctx.options, *codes);
    // The same QR code again: the person may already have scanned it.
    auto enrolment = ctx.identity.BeginTotpEnrolment(s->token, /*reuse_pending=*/true);
    if (!enrolment.ok()) return Redirect("/sign-in");
    return SetUpAuthenticatorPage(ctx.options, *enrolment, {CsrfTokenFor(req), std::move(errors)});
  }, kForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/sign-in/change-password", [&ctx](Req req, Params) -> http::Response {
    const auto s = CurrentSession(ctx, req);
    if (auto other = WrongStep(s, "/sign-in/change-password")) return *other;
    return ChangePasswordPage(ctx.options, {CsrfTokenFor(req), {}});
  }));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/sign-in/change-password", [&ctx](Req req, Params) -> http::Response {
    const auto s = CurrentSession(ctx, req);
    if (auto other = WrongStep(s, "/sign-in/change-password")) return *other;
    FormBody form;
    if (auto refused = CheckForm(ctx, req, s, &form)) return *refused;
    const std::string current = form.Get("current_password", 4096);
    const std::string fresh = form.Get("new_password", 4096);
    if (!form.Finish().ok()) return FreshSignIn(ctx.options, {}, 400);
    std::vector<FieldError> errors;
    if (current.empty()) errors.push_back({"current_password", "Enter the password you signed in with"});
    if (fresh.empty()) errors.push_back({"new_password", "Enter a new password"});
    if (errors.empty()) {
      Status changed = ctx.identity.ChangePassword(s->token, current, fresh);
      if (changed.ok()) return Redirect("/");
      errors.push_back({changed.code() == StatusCode::kPermissionDenied ? "current_password" : "new_password", changed.message()});
    }
    return ChangePasswordPage(ctx.options, {CsrfTokenFor(req), std::move(errors)});
  }, kForm));

  return router.Add("POST", "/sign-out", [&ctx](Req req, Params) -> http::Response {
    const auto s = CurrentSession(ctx, req);
    FormBody form;
    if (auto refused = CheckForm(ctx, req, s, &form)) return *refused;
    (void)ctx.identity.SignOut(s->token);
    http::Response r = Redirect("/sign-in?signed_out=1");
    r.headers.emplace_back("Set-Cookie", http::HostCookie(api::kSessionCookie, "", 0));
    r.headers.emplace_back("Set-Cookie", http::HostCookie(kCsrfCookie, "", 0));
    return r;
  }, kForm);
}

}  // namespace confide::web
