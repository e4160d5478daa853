// Access reviews (a child's access log, one's own access history) and the audit log's state.
#pragma once

#include "confide/status.h"
#include "http/router.h"
#include "web/web_context.h"

namespace confide::web {

Status AddReviewRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
