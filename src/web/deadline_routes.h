// The deadlines page's route: anyone signed in sees what they may see of the registers with a clock.
#pragma once

#include "confide/status.h"
#include "http/router.h"
#include "web/web_context.h"

namespace confide::web {

Status AddDeadlineRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
