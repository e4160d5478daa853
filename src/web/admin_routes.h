// Administration pages: staff accounts, roles, teams, training records, temporary passwords.
#pragma once

#include "confide/status.h"
#include "http/router.h"
#include "web/web_context.h"

namespace confide::web {

Status AddAdminRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
