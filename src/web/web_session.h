// The browser's session: the API's session cookie (__Host-confide_session, HttpOnly), and two more
// cookies that carry form tokens, so that no form can be submitted from another site:
//  - __Host-confide_csrf: the session's CSRF token (Confide keeps only its hash), which every form
//    of a signed-in page carries back in a hidden field;
//  - __Host-confide_signin: a random token for the sign-in form itself, before there is a session
//    (against login CSRF: another site signing you in as someone else).
// All three are Secure, HttpOnly and SameSite=Strict.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"
#include "service/identity.h"
#include "web/web_context.h"

namespace confide::web {

inline constexpr std::string_view kCsrfCookie = "__Host-confide_csrf";
inline constexpr std::string_view kSignInCookie = "__Host-confide_signin";
inline constexpr std::string_view kCsrfField = "csrf_token";

struct WebSession {
  std::string token;
  service::SessionInfo info;
};

// The session behind the request's session cookie, if it is current (not ended, idle or expired).
std::optional<WebSession> CurrentSession(WebContext& ctx, const http::Request& req);

// The CSRF token to put in this page's forms ("" without one).
std::string CsrfTokenFor(const http::Request& req);

// True if `submitted` is the session's CSRF token (compared in constant time, through its hash).
bool CsrfMatches(const WebSession& session, std::string_view submitted);

// A request a browser says comes from another site (Sec-Fetch-Site: cross-site).
bool CrossSite(const http::Request& req);

// 303 See Other to `location` (after a form: the browser then GETs it).
http::Response Redirect(std::string location);

}  // namespace confide::web
