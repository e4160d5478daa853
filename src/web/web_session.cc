#include "web/web_session.h"

#include "api/api_context.h"
#include "auth/session_token.h"
#include "crypto/hash.h"
#include "http/cookies.h"

namespace confide::web {

std::optional<WebSession> CurrentSession(WebContext& ctx, const http::Request& req) {
  std::optional<std::string> token = http::CookieValue(req, api::kSessionCookie);
  if (!token || !auth::LooksLikeSessionToken(*token)) return std::nullopt;
  auto info = ctx.identity.Authenticate(*token);
  if (!info.ok()) return std::nullopt;
  return WebSession{std::move(*token), std::move(info).value()};
}

std::string CsrfTokenFor(const http::Request& req) { return http::CookieValue(req, kCsrfCookie).value_or(""); }

bool CsrfMatches(const WebSession& session, std::string_view submitted) {
  if (!auth::LooksLikeCsrfToken(submitted)) return false;
  return crypto::ConstantTimeEquals(ByteView(auth::HashSessionToken(std::string(submitted))), session.info.csrf_hash);
}

bool CrossSite(const http::Request& req) {
  auto site = req.Header("Sec-Fetch-Site");
  return site && *site == "cross-site";
}

http::Response Redirect(std::string location) {
  http::Response r;
  r.status = 303;
  r.SetHeader("Location", std::move(location));
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace confide::web
