// The sign-in journey's pages: sign in, the authenticator code, setting up the authenticator app,
// choosing a password, the home page and signing out.
#pragma once

#include "confide/status.h"
#include "http/router.h"
#include "web/web_context.h"

namespace confide::web {

Status AddSignInRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
